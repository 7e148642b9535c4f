"""Figures in text (numbers with units and scales, percentages, fractions, years, decades, currency
amounts, with the bound or hedge written before them) and the comparison of a statement's
figures with its passage's: a changed value, unit, currency or bound. Pure."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from verifier.judge import lexicon
from verifier.judge.text import STOPWORDS, normalise_plain, stem
from verifier.judge.words import MONTHS

# ---------------------------------------------------------------- figures

_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
    "half": 0.5, "double": 2, "twice": 2, "triple": 3, "thrice": 3,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_CURRENCY_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "cny"}
_CURRENCY_CODES = {"usd": "usd", "eur": "eur", "gbp": "gbp", "cny": "cny", "rmb": "cny", "jpy": "jpy"}  # before digits
# multi-word units first; value: (dimension, unit key, factor to the base unit)
_UNITS: list[tuple[tuple[str, ...], tuple[str, str, float]]] = sorted(
    [
        (("percentage", "points"), ("pp", "pp", 1.0)), (("percentage", "point"), ("pp", "pp", 1.0)),
        (("basis", "points"), ("pp", "pp", 0.01)), (("basis", "point"), ("pp", "pp", 0.01)),
        (("bp",), ("pp", "pp", 0.01)), (("bps",), ("pp", "pp", 0.01)), (("pp",), ("pp", "pp", 1.0)),
        (("per", "cent"), ("percent", "%", 1.0)), (("percent",), ("percent", "%", 1.0)),
        (("%",), ("percent", "%", 1.0)), (("pct",), ("percent", "%", 1.0)),
        (("u.s", "dollars"), ("money", "usd", 1.0)), (("us", "dollars"), ("money", "usd", 1.0)),
        (("dollars",), ("money", "usd", 1.0)), (("dollar",), ("money", "usd", 1.0)),
        (("usd",), ("money", "usd", 1.0)), (("euros",), ("money", "eur", 1.0)), (("euro",), ("money", "eur", 1.0)),
        (("eur",), ("money", "eur", 1.0)), (("yuan",), ("money", "cny", 1.0)), (("rmb",), ("money", "cny", 1.0)),
        (("renminbi",), ("money", "cny", 1.0)), (("pounds",), ("money", "gbp", 1.0)),
        (("pence",), ("money", "gbp", 0.01)), (("p",), ("money", "gbp", 0.01)), (("yen",), ("money", "jpy", 1.0)),
        (("watts",), ("power", "w", 1.0)), (("kilowatts",), ("power", "w", 1e3)), (("kw",), ("power", "w", 1e3)),
        (("megawatts",), ("power", "w", 1e6)), (("mw",), ("power", "w", 1e6)),
        (("gigawatts",), ("power", "w", 1e9)), (("gw",), ("power", "w", 1e9)),
        (("terawatts",), ("power", "w", 1e12)), (("tw",), ("power", "w", 1e12)),
        (("kilowatt", "hours"), ("energy", "wh", 1e3)), (("kwh",), ("energy", "wh", 1e3)),
        (("megawatt", "hours"), ("energy", "wh", 1e6)), (("mwh",), ("energy", "wh", 1e6)),
        (("gigawatt", "hours"), ("energy", "wh", 1e9)), (("gwh",), ("energy", "wh", 1e9)),
        (("terawatt", "hours"), ("energy", "wh", 1e12)), (("twh",), ("energy", "wh", 1e12)),
        (("kilowatt",), ("power", "w", 1e3)), (("megawatt",), ("power", "w", 1e6)),
        (("gigawatt",), ("power", "w", 1e9)), (("terawatt",), ("power", "w", 1e12)),
        (("tons",), ("mass", "t", 1.0)), (("tonnes",), ("mass", "t", 1.0)), (("ton",), ("mass", "t", 1.0)),
        (("tonne",), ("mass", "t", 1.0)), (("kilometers",), ("length", "m", 1e3)), (("km",), ("length", "m", 1e3)),
        (("kilometres",), ("length", "m", 1e3)), (("kilometre",), ("length", "m", 1e3)),
        (("kilometer",), ("length", "m", 1e3)), (("mile",), ("length", "m", 1609.344)),
        (("metres",), ("length", "m", 1.0)), (("meters",), ("length", "m", 1.0)), (("metre",), ("length", "m", 1.0)),
        (("meter",), ("length", "m", 1.0)), (("miles",), ("length", "m", 1609.344)),
        (("years",), ("time", "year", 1.0)), (("year",), ("time", "year", 1.0)),
        (("decades",), ("time", "year", 10.0)), (("decade",), ("time", "year", 10.0)),
        (("centuries",), ("time", "year", 100.0)), (("century",), ("time", "year", 100.0)),
        (("months",), ("time", "year", 1 / 12)), (("month",), ("time", "year", 1 / 12)),
        (("weeks",), ("time", "year", 7 / 365)), (("days",), ("time", "year", 1 / 365)),
        (("week",), ("time", "year", 7 / 365)), (("day",), ("time", "year", 1 / 365)),
        (("times",), ("ratio", "x", 1.0)), (("fold",), ("ratio", "x", 1.0)), (("x",), ("ratio", "x", 1.0)),
        (("degrees", "celsius"), ("temperature", "c", 1.0)), (("celsius",), ("temperature", "c", 1.0)),
        (("c",), ("temperature", "c", 1.0)), (("degrees", "fahrenheit"), ("temperature", "f", 1.0)),
        (("fahrenheit",), ("temperature", "f", 1.0)), (("f",), ("temperature", "f", 1.0)),
    ],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_FIGURE_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['.][^\W\d_]+)*|[%$€£¥]")
_BOUND_WORDS: list[tuple[tuple[str, ...], str]] = sorted(
    [
        (("up", "to"), "upper"), (("at", "most"), "upper"), (("no", "more", "than"), "upper"),
        (("as", "much", "as"), "upper"), (("as", "many", "as"), "upper"), (("as", "high", "as"), "upper"),
        (("as", "large", "as"), "upper"), (("less", "than"), "upper"), (("fewer", "than"), "upper"),
        (("well", "under"), "upper"), (("just", "under"), "upper"), (("maximum", "of"), "upper"),
        (("under",), "upper-loose"), (("below",), "upper-loose"), (("beneath",), "upper-loose"),
        (("underneath",), "upper-loose"),
        (("at", "least"), "lower"), (("more", "than"), "lower"), (("no", "less", "than"), "lower"),
        (("no", "fewer", "than"), "lower"), (("not", "less", "than"), "lower"), (("not", "fewer", "than"), "lower"),
        (("not", "more", "than"), "upper"),
        (("upwards", "of"), "lower"), (("exceeding",), "lower"), (("exceeded",), "lower"), (("exceeds",), "lower"),
        (("topped",), "lower"), (("surpassed",), "lower"), (("passed",), "lower"),
        (("crossed",), "lower"), (("in", "excess", "of"), "lower"),
        (("minimum", "of"), "lower"), (("as", "low", "as"), "lower"), (("well", "over"), "lower"),
        (("just", "over"), "lower"), (("over",), "lower-loose"), (("above",), "lower-loose"),
        (("nearly",), "approx"), (("almost",), "approx"), (("about",), "approx"), (("around",), "approx"),
        (("roughly",), "approx"), (("approximately",), "approx"), (("some",), "approx"), (("close", "to"), "approx"),
        (("an", "estimated"), "approx"), (("estimated",), "approx"), (("exactly",), "exact"),
        (("precisely",), "exact"),
    ],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_BOUND_NAMES = {
    "upper": "an upper bound",
    "lower": "a lower bound",
    "approx": "an estimate",
    "exact": "an exact figure",
}
# (quote's bound, source's bound) pairs that say different things about the same figure
_CONFLICTING_BOUNDS = {
    ("upper", "lower"), ("lower", "upper"), ("exact", "approx"), ("approx", "exact"),
    ("upper", "approx"), ("lower", "approx"), ("upper", "exact"), ("lower", "exact"),
    (None, "upper"), ("exact", "upper"),  # "up to 65%" quoted as a flat "65%" overstates
    (None, "lower"),  # "at least 40" quoted as a flat "40" drops the bound
    ("approx", "lower"),  # "nearly 900" / "over 900", "about 95" / "at least 95"
}  # fmt: skip
_LOOSE_BOUND_DIMENSIONS = frozenset(
    {"percent", "pp", "money", "power", "energy", "mass", "length", "amount", "ratio", "count"}
)


@dataclass(frozen=True)
class Figure:
    value: float  # in the base unit (scales and unit factors applied)
    dimension: str  # percent, pp, money, power, energy, mass, length, time, ratio, year, count
    unit: str  # usd, w, %, ... ; for counts the stem of the counted noun ("" when unknown)
    digits: int  # significant figures as written (trailing zeros of integers not counted)
    decimals: int  # digits after the decimal point as written
    surface: str  # the words as written, for notes
    bound: str | None  # upper, lower, approx, exact or None
    bound_words: str  # "up to", "about", ...
    position: int  # token index
    spelled: bool = False  # written in words ("ten", "half"): never reported as missing from the source
    or_metres: bool = False  # an "m" after the digits, with no currency: millions, or metres ("4,000m")
    length: int = 1  # tokens from `position` that the figure spans (bound words not counted)
    context: frozenset[str] = frozenset()  # content stems of the words around the figure

    @property
    def bounded_surface(self) -> str:
        return f"{self.bound_words} {self.surface}".strip()


def _parse_number(token: str) -> tuple[float, int, int] | None:
    """(value, significant digits, decimals) of a digit token; None when it is not one."""
    if not token[0].isdecimal():
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        token = token.replace(",", "")
    elif "," in token:
        return None
    if token.count(".") > 1:
        return None
    whole, _, fraction = token.partition(".")
    significant = len((whole.lstrip("0") + fraction).lstrip("0"))
    return float(token), max(1, significant), len(fraction)


def _match_words(tokens: list[str], at: int, words: tuple[str, ...]) -> bool:
    return tuple(tokens[at : at + len(words)]) == words


def _bound_before(tokens: list[str], at: int) -> tuple[str, str] | None:
    """The bound or hedge written right before a figure ("up to", "about") and its words; loose
    ones ("over", "under") are marked so that they count only for measured quantities. "up to"
    after a verb it makes a phrase with ("edging up to 3 percent") is the verb's, no bound."""
    for words, kind in _BOUND_WORDS:
        start = at - len(words)
        if start >= 0 and _match_words(tokens, start, words):
            if words == ("up", "to") and start > 0 and _UP_VERB.fullmatch(tokens[start - 1]):
                continue
            return kind, " ".join(words)
    if at >= 2 and tokens[at - 1] == "than":  # "heavier than 12 tonnes", "younger than 16"
        for kind, comparatives in (("lower-loose", _GREATER), ("upper-loose", _SMALLER)):
            if tokens[at - 2] in comparatives:
                if at >= 3 and tokens[at - 3] in ("no", "not"):  # "no lower than 70": at least 70
                    return ("upper" if kind.startswith("lower") else "lower"), " ".join(tokens[at - 3 : at])
                return kind, f"{tokens[at - 2]} than"
    return None


def _bound_after(tokens: list[str], at: int) -> tuple[str, str] | None:
    """A bound written after a figure: "until 2031 at the earliest", "by 2030 at the latest",
    "800 yuan a year at the very most" (after the rate of a figure of money)."""
    for start in (at, at + 2) if tokens[at : at + 1] in (["a"], ["per"]) else (at,):
        for words, kind in _BOUNDS_AFTER:
            if _match_words(tokens, start, words):
                return kind, " ".join(words)
    return None


_BOUNDS_AFTER = tuple(
    sorted(
        [(("at", "the", "earliest"), "lower"), (("at", "the", "latest"), "upper"), (("or", "more"), "lower"),
         (("at", "most"), "upper"), (("at", "the", "most"), "upper"), (("at", "the", "very", "most"), "upper"),
         (("at", "least"), "lower"), (("at", "the", "least"), "lower"), (("at", "the", "very", "least"), "lower"),
         (("or", "less"), "upper"), (("or", "fewer"), "upper")],
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip


# verbs whose "up" a following "to" does not make a bound: "picks up to", "went up to", "edged up to"
_UP_VERB = re.compile(
    r"(?:pick|tick|edg|inch|creep|crept|mov|go|went|gone|shot|shoot|jump|climb|step|speed|sped|ramp|push|driv|drove)"
    r"(?:s|es|ed|ing|e|ped|ping)?"
)
_GREATER = frozenset({"heavier", "longer", "larger", "bigger", "higher", "older", "greater", "taller", "wider",
                      "deeper", "broader", "faster"})  # fmt: skip
_SMALLER = frozenset({"lighter", "shorter", "smaller", "lower", "younger", "narrower", "shallower", "slower"})


def _bounds_a_time(tokens: list[str], at: int, dimension: str, bound: str) -> bool:
    """'under three months', 'for over 180 days', 'waiting over a year', 'over 90 years after'
    bound a time; 'over two years', 'incentives over a decade' are mostly a span."""
    if dimension != "time":
        return False
    after_a_verb = tokens[at] in ("a", "an") and at >= 2 and not lexicon.mostly_noun(tokens[at - 2])
    elapsed = at + 2 < len(tokens) and tokens[at + 2] in _ELAPSED  # "over 90 years after", "over a decade ago"
    # "for over 180 days", "the highest in over five years" (not "phased in over nine months")
    in_over = at >= 3 and tokens[at - 2] == "in" and (tokens[at - 3].endswith("est") or tokens[at - 3] in _FIRSTS)
    return bound == "upper-loose" or (at >= 2 and tokens[at - 2] == "for") or after_a_verb or elapsed or in_over


_FIRSTS = frozenset({"first", "time", "last"})


_ELAPSED = frozenset({"ago", "after", "later", "earlier", "before", "since"})


def _hedge(tokens: list[str], at: int, dimension: str) -> tuple[str | None, str]:
    found = _bound_before(tokens, at)
    if found is None:
        return None, ""
    bound, words = found
    if bound.endswith("-loose"):
        if dimension not in _LOOSE_BOUND_DIMENSIONS and not _bounds_a_time(tokens, at, dimension, bound):
            return None, ""
        bound = bound.removesuffix("-loose")
    return bound, words


_FRACTIONS: dict[tuple[str, ...], float] = {
    ("half",): 50.0, ("a", "half"): 50.0, ("one", "half"): 50.0, ("a", "quarter"): 25.0, ("one", "quarter"): 25.0,
    ("a", "third"): 100 / 3, ("one", "third"): 100 / 3, ("two", "thirds"): 200 / 3, ("three", "quarters"): 75.0,
    ("a", "fifth"): 20.0, ("one", "fifth"): 20.0, ("two", "fifths"): 40.0, ("three", "fifths"): 60.0,
    ("four", "fifths"): 80.0, ("a", "tenth"): 10.0, ("one", "tenth"): 10.0,
    **{
        (word, "tenths"): 10.0 * n
        for n, word in enumerate(["two", "three", "four", "five", "six", "seven", "eight", "nine"], 2)
    },
}  # fmt: skip
_NOT_FRACTION_BEFORE = frozenset({"first", "second", "last", "latter", "other"})
_ONE_SPAN = frozenset({"year", "month", "week", "day"})  # "a" before them counts one when a bound governs it
_NOT_FRACTION_AFTER = frozenset({"a", "an", "century", "decade", "year", "dozen", "hour", "way"})
_SHARE_CUES = frozenset({"nearly", "almost", "about", "around", "roughly", "by", "than", "to", "just", "some", "only"})


def _fraction_at(tokens: list[str], at: int) -> tuple[float, int] | None:
    """A fraction ("half", "a third of", "two-thirds") as a percentage, and how many tokens it
    spans. "a quarter" and "a third" count only before "of" or after a cue like "nearly" or "by"
    (otherwise they are a period of the year or an ordinal)."""
    for words, value in _FRACTIONS.items():
        if not _match_words(tokens, at, words):
            continue
        before = tokens[at - 1] if at > 0 else ""
        after = tokens[at + len(words)] if at + len(words) < len(tokens) else ""
        if before in _NOT_FRACTION_BEFORE or after in _NOT_FRACTION_AFTER:
            return None
        if words[-1] in ("quarter", "third", "fifth", "tenth") and after != "of" and before not in _SHARE_CUES:
            return None
        return value, len(words)
    return None


_CONTEXT_WORDS = 6


def figure_words(text: str) -> tuple[list[str], list[bool]]:
    """The words `Figure.position` counts in (normalised), and for each whether a comma, semicolon
    or colon comes just before it."""
    plain = normalise_plain(text)
    found = list(_FIGURE_TOKEN.finditer(plain))
    breaks = [
        k > 0 and any(mark in plain[found[k - 1].end() : m.start()] for mark in ",;:") for k, m in enumerate(found)
    ]
    return [_word(m) for m in found], breaks


def _word(found: re.Match[str]) -> str:
    return found.group().removesuffix("'s")  # "a week's notice": a week


@functools.lru_cache(maxsize=4096)
def extract_figures(text: str) -> tuple[Figure, ...]:
    """The figures in `text` (any case; normalised here), each with the words around it."""
    plain = normalise_plain(text)
    found = list(_FIGURE_TOKEN.finditer(plain))
    tokens = [_word(m) for m in found]
    attached = frozenset(
        k for k in range(1, len(found)) if found[k].start() == found[k - 1].end() and tokens[k - 1][0].isdecimal()
    )
    dashed = frozenset(
        k for k in range(1, len(found))
        if plain[found[k - 1].end() : found[k].start()] in ("-", "–") and tokens[k - 1][0].isdecimal()
    )  # fmt: skip
    coded = frozenset(
        k
        for k in range(1, len(found))
        if found[k].start() == found[k - 1].end()
        and len(tokens[k - 1]) == 1
        and tokens[k - 1].isalpha()
        and tokens[k][0].isdecimal()
    )  # fmt: skip  ("M6", "Q2", "G7": a letter and a number written as one name)
    return tuple(
        replace(f, context=_context(tokens, f.position, len(f.surface.split()) + len(f.bound_words.split())))
        for f in _figures(tokens, attached, dashed, coded)
    )


def _context(tokens: list[str], at: int, length: int) -> frozenset[str]:
    around = tokens[max(0, at - _CONTEXT_WORDS) : at] + tokens[at + length : at + length + _CONTEXT_WORDS]
    return frozenset(stem(t) for t in around if t not in STOPWORDS and not t[0].isdecimal() and t not in "%$€£¥")


def _figures(
    tokens: list[str], attached: frozenset[int], dashed: frozenset[int], coded: frozenset[int] = frozenset()
) -> list[Figure]:
    """The figures of a token list; `attached`: tokens written right after digits ("3.4m", "25bp");
    `coded`: numbers written right after a single letter ("M6", "Q2"), the name of a thing."""
    figures: list[Figure] = []
    halves: set[int] = set()  # the "a half" of "two and a half", "an hour and a half": part of a figure
    i = 0
    while i < len(tokens):
        if i in halves:
            i += 1
            continue
        named = _parse_number(tokens[i]) if i in coded else None
        if named is not None:
            value, digits, _ = named
            surface = f"{tokens[i - 1]}{tokens[i]}".upper()
            figures.append(Figure(value, "code", tokens[i - 1], digits, 0, surface, None, "", i))
            i += 1
            continue
        start = i
        currency = ""
        code = tokens[i] in _CURRENCY_CODES and i + 1 < len(tokens) and tokens[i + 1][0].isdecimal()
        if tokens[i] in _CURRENCY_SYMBOLS or code:
            currency = _CURRENCY_SYMBOLS.get(tokens[i]) or _CURRENCY_CODES[tokens[i]]
            if i > 0 and tokens[i - 1] in {"us", "u.s"} and currency == "usd":
                start = i - 1
            i += 1
            if i >= len(tokens):
                break
        fraction = _fraction_at(tokens, i)
        if fraction is not None and not currency:
            value, length = fraction
            figures.append(
                Figure(
                    value,
                    "percent",
                    "%",
                    1,
                    0,
                    " ".join(tokens[i : i + length]),
                    *_hedge(tokens, i, "percent"),
                    i,
                    True,
                    length=length,
                )
            )
            i += length
            continue
        if tokens[i] in _MULTIPLES:  # "twice the average": a ratio, like "three times"
            figures.append(
                Figure(_MULTIPLES[tokens[i]], "ratio", "x", 1, 0, tokens[i], *_hedge(tokens, i, "ratio"), i, True)
            )
            i += 1
            continue
        parsed = _parse_number(tokens[i])
        word_number = False
        if (
            parsed is None
            and tokens[i] in ("a", "an")
            and i + 1 < len(tokens)
            and tokens[i + 1] in ("decade", "century")
        ):
            parsed, word_number = (1.0, 1, 0), True  # "a decade": ten years
        if (
            parsed is None and tokens[i] in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1] in _ONE_SPAN
            and _bound_before(tokens, i) is not None
        ):  # fmt: skip
            parsed, word_number = (1.0, 1, 0), True  # "up to a year", "at least a week's notice": a bounded span
        if parsed is None and tokens[i] in _EVERY and i + 1 < len(tokens) and tokens[i + 1] in _ONE_PERIOD:
            parsed, word_number = (1.0, 1, 0), True  # "every year": once a year, beside "every three years"
        if parsed is None and tokens[i] in ("a", "an") and tuple(tokens[i + 2 : i + 5]) == _AND_A_HALF:
            parsed, word_number = (1.0, 1, 0), True  # "an hour and a half": its half is added below
            halves.update(range(i + 2, i + 5))
            value_extra, through = 0.5, i + 5
        else:
            value_extra, through = 0.0, 0
        if parsed is None and tokens[i] in _WORD_NUMBERS and tokens[i] not in {"half", "double", "twice"}:
            value = float(_WORD_NUMBERS[tokens[i]])
            if (
                i + 1 < len(tokens)
                and tokens[i + 1] in _WORD_NUMBERS
                and value >= 20
                and _WORD_NUMBERS[tokens[i + 1]] < 10
            ):
                value += _WORD_NUMBERS[tokens[i + 1]]
                i += 1
            parsed = (value, len(str(int(value))), 0)
            word_number = True
        if parsed is None:
            i += 1
            continue
        value, digits, decimals = parsed
        i += 1
        if tuple(tokens[i : i + 3]) == _AND_A_HALF:  # "two and a half", "2 and a half"
            value_extra = 0.5
            halves.update(range(i, i + 3))
            i += 3
        if value_extra:
            value, digits, decimals = value + value_extra, digits + 1, 1
        ratio = None if currency else _ratio_after(tokens, i, value)
        if ratio is not None:  # "nine in ten", "one out of five": a share
            share, length = ratio
            i += length
            figures.append(
                Figure(
                    share, "percent", "%", 2, 0, " ".join(tokens[start:i]), *_hedge(tokens, start, "percent"),
                    start, spelled=word_number, length=i - start,
                )
            )  # fmt: skip
            continue
        scale = 1.0
        or_metres = False
        short_scale = i < len(tokens) and tokens[i] in {"m", "b", "k"}
        if i < len(tokens) and tokens[i] in _SCALES and not (short_scale and not currency and i not in attached):
            or_metres = tokens[i] == "m" and not currency
            scale = _SCALES[tokens[i]]
            i += 1
            if scale == 1e2 and i < len(tokens) and tokens[i] in _SCALES:  # "two hundred million"
                scale *= _SCALES[tokens[i]]
                i += 1
        dimension, unit, factor = "", "", 1.0
        for words, (dim, key, mult) in _UNITS:
            if words in _ATTACHED_ONLY and i not in attached:
                continue  # "46.2C", not "section 4 C"
            if _match_words(tokens, i, words):
                dimension, unit, factor = dim, key, mult
                i += len(words)
                break
        if not dimension and scale == 1.0 and not currency:
            scale, (dimension, unit, factor) = _range_end(tokens, i, dashed)  # "1.5 to 2.5 percent": the end's unit
        if currency and dimension in ("", "money"):
            dimension, unit = "money", currency
        if tokens[i - 1].isdecimal() and i < len(tokens) and tokens[i] == "s" and not dimension and scale == 1.0:
            decade = value + 1900 if value < 100 else value  # "the 2010s", "the '70s"
            figures.append(
                Figure(decade, "decade", "decade", 4, 0, f"{tokens[i - 1]}s", None, "", start, length=i + 1 - start)
            )
            i += 1
            continue
        is_year = (
            not dimension and scale == 1.0 and not word_number and decimals == 0
            and re.fullmatch(r"(1[89]|20|21)\d\d", tokens[i - 1]) is not None
        )  # fmt: skip
        day_of_month = (
            not dimension and scale == 1.0 and not word_number and decimals == 0 and 1 <= value <= 31
            and ((start > 0 and tokens[start - 1] in MONTHS) or (i < len(tokens) and tokens[i] in MONTHS))
        )  # fmt: skip
        if is_year:
            dimension, unit = "year", "year"
        elif day_of_month:  # "September 28", "28 September": a date, not a count
            dimension, unit = "day", "day"
        elif not dimension:
            after = [t for t in tokens[i : i + 3] if t not in STOPWORDS and not t[0].isdecimal()]
            if _partitive(tokens, i):  # "three of the eleven streets": a count of streets
                after = [t for t in tokens[i + 3 : i + 6] if t not in STOPWORDS and not t[0].isdecimal()]
            elif word_number and not any(t in after for t in tokens[i : i + 2]):
                continue  # "one of", "two of them": not a figure
            # what is counted: "12 electric ferries"; none named in "300 collected by volunteers"
            counted = next((t for t in after if lexicon.mostly_noun(t)), "")
            dimension, unit = ("count", stem(counted)) if scale == 1.0 else ("amount", "")
        if dimension == "time" and (tokens[start] in _EVERY or (start > 0 and tokens[start - 1] in _EVERY)):
            dimension = "interval"  # "every three years": how often, not how long
        if dimension == "time" and i < len(tokens) and tokens[i] == "old":
            dimension = "age"  # "a 71-year-old": an age, like the bare "71" after a name
        bound, bound_words = _hedge(tokens, start, dimension)
        if bound is None:
            bound, bound_words = _bound_after(tokens, i) or (None, "")
        if bound == "approx" and decimals == 0:
            digits = max(1, len(str(int(value)).rstrip("0")))  # "about 280": the zero is not significant
        figures.append(
            Figure(
                value=value * scale * factor,
                dimension=dimension,
                unit=unit,
                digits=digits,
                decimals=decimals,
                surface=" ".join(tokens[start : max(i, through)]).replace("$ ", "$").replace(" %", "%"),
                bound=bound,
                bound_words=bound_words,
                position=start,
                spelled=word_number,
                length=max(i, through) - start,
                or_metres=or_metres,
            )
        )
    return figures


def _partitive(tokens: list[str], at: int) -> bool:
    """'of the eleven', 'of its 33': a part of a counted whole follows the number before `at`."""
    return (
        tuple(tokens[at : at + 1]) == ("of",)
        and at + 2 < len(tokens)
        and tokens[at + 1] in ("the", "its", "their", "our")
        and (tokens[at + 2][0].isdecimal() or tokens[at + 2] in _WORD_NUMBERS)
    )


def _range_end(tokens: list[str], at: int, dashed: frozenset[int]) -> tuple[float, tuple[str, str, float]]:
    """The scale and unit that the second number of a range gives both ("1.5 to 2.5 percent",
    "25-35 million tonnes": `dashed` holds the tokens after a dash); none (1.0 and no unit) when
    no range starts at `at`."""
    if at in dashed and _parse_number(tokens[at]) is not None:
        k = at + 1
    elif at + 1 < len(tokens) and tokens[at] in _RANGE_JOINERS and _a_number(tokens[at + 1]):
        k = at + 2
    else:
        return 1.0, ("", "", 1.0)
    scale = 1.0
    if k < len(tokens) and tokens[k] in _SCALES and tokens[k] not in ("m", "b", "k"):
        scale, k = _SCALES[tokens[k]], k + 1
    unit = next(((dim, key, mult) for words, (dim, key, mult) in _UNITS if _match_words(tokens, k, words)), None)
    return (scale, unit) if unit is not None else (scale, ("", "", 1.0))


def _a_number(token: str) -> bool:
    return _parse_number(token) is not None or (token in _WORD_NUMBERS and token not in ("half", "double", "twice"))


_RANGE_JOINERS = frozenset({"to", "and"})
_MAX_DENOMINATOR = 1000


def _ratio_after(tokens: list[str], at: int, numerator: float) -> tuple[float, int] | None:
    """A share written as "X in Y" or "X out of Y" after the numerator: (percent, tokens after
    the numerator that it spans)."""
    if at < len(tokens) and tokens[at] == "in":
        k = at + 1
    elif tokens[at : at + 2] == ["out", "of"]:
        k = at + 2
    else:
        return None
    if k >= len(tokens):
        return None
    parsed = _parse_number(tokens[k])
    denominator = parsed[0] if parsed is not None else _WORD_NUMBERS.get(tokens[k])
    if denominator is None or not numerator < denominator <= _MAX_DENOMINATOR or tokens[k] in {"half", "double"}:
        return None
    return numerator / denominator * 100, k + 1 - at


def _readings(figure: Figure) -> tuple[Figure, ...]:
    """The ways a figure can be read: "4,000m" is 4 billion or 4,000 metres."""
    if not figure.or_metres:
        return (figure,)
    return figure, replace(figure, value=figure.value / 1e6, dimension="length", unit="m")


def _compatible(a: Figure, b: Figure) -> bool:
    """Could these two figures be the same quantity (if their values agreed)?"""
    return any(_compatible_reading(x, y) for x in _readings(a) for y in _readings(b))


def _compatible_reading(a: Figure, b: Figure) -> bool:
    if a.dimension == b.dimension:
        if a.dimension == "count":
            return not a.unit or not b.unit or a.unit == b.unit
        return a.dimension != "code" or a.unit == b.unit  # "M6" beside "M8", not beside "Q2"
    if "code" in (a.dimension, b.dimension):
        return False
    if {a.dimension, b.dimension} == {"age", "count"}:
        return True  # "a 71-year-old" and "Hume, 71,"
    loose = {"amount", "money", "count"}
    return bool(a.dimension in loose and b.dimension in loose and "amount" in (a.dimension, b.dimension))


def _rounds_to(exact: float, shown: Figure) -> bool:
    """Is `shown` a rounding of `exact` at the precision it is written with?"""
    if math.isclose(exact, shown.value, rel_tol=1e-9, abs_tol=1e-12):
        return True
    if shown.value == 0:
        return False
    magnitude = math.floor(math.log10(abs(shown.value)))
    step = 10.0 ** (magnitude - shown.digits + 1)
    return abs(exact - shown.value) <= step / 2 + 1e-9 * abs(shown.value)


def _same_value(a: Figure, b: Figure) -> bool:
    return any(_same_reading(x, y) for x in _readings(a) for y in _readings(b))


def _same_reading(a: Figure, b: Figure) -> bool:
    if a.dimension != b.dimension and not _compatible(a, b):
        return False
    if a.dimension == "money" and b.dimension == "money" and a.unit != b.unit:
        return False
    if a.dimension in ("year", "day") or b.dimension in ("year", "day"):
        return a.value == b.value
    return _rounds_to(b.value, a) or (a.bound == "approx" and _rounds_to(a.value, b))


PageFigures = Callable[[], Sequence[Figure]]


@dataclass(frozen=True)
class FigureDifference:
    """A figure of the statement that its passage contradicts: what differs and both sides."""

    what: str  # number, bound, currency, unit
    quote: str
    source: str | None  # None: the source gives no such figure

    @property
    def note(self) -> str:
        if self.source is None:
            return f"number not in source: quote says {self.quote}, the source gives no such figure"
        if self.what == "bound":
            return f"bound differs: quote says '{self.quote}', source says '{self.source}'"
        return f"{self.what} differs: quote says {self.quote}, source says {self.source}"


def compare_figures(quote: str, passage: str, page_figures: PageFigures | None = None) -> list[FigureDifference]:
    """The figures of the quote that the passage contradicts (or, when the passage is the
    matching one, that appear nowhere among `page_figures()`, the figures of the whole page)."""
    quoted = extract_figures(quote)
    found = extract_figures(passage)
    differences: list[FigureDifference] = []
    used: set[int] = set()
    claimed = {i for i, other in enumerate(found) if any(_same_value(figure, other) for figure in quoted)}
    for figure in quoted:
        same = [i for i, other in enumerate(found) if _same_value(figure, other)]
        others = [i for i, other in enumerate(found) if _compatible(figure, other) and i not in same]
        if same and others and not (figure.dimension == "count" and not figure.unit):
            # the same value is in the passage, but about something else, while another figure
            # sits among the statement's words: the statement changed that figure
            closest_same = max(len(figure.context & found[i].context) for i in same)
            rival = max(others, key=lambda i: len(figure.context & found[i].context))
            rival_quoted = any(_same_value(other, found[rival]) for other in quoted if other is not figure)
            if closest_same <= 1 and len(figure.context & found[rival].context) >= 3 and not rival_quoted:
                differences.append(FigureDifference("number", figure.surface, found[rival].surface))
                continue
        if same:
            chosen = max(same, key=lambda i: len(figure.context & found[i].context))
            partner = found[chosen]
            used.add(chosen)
            if (figure.bound, partner.bound) in _CONFLICTING_BOUNDS:
                differences.append(FigureDifference("bound", figure.bounded_surface, partner.bounded_surface))
            continue
        # a passage figure that another figure of the statement gives as it is was not changed into this one
        open_ = [i for i, other in enumerate(found) if _compatible(figure, other) and i not in claimed]
        rivals = [i for i in open_ if i not in used] or open_
        if figure.dimension == "count" and figure.unit and not figure.spelled:
            rivals = [i for i in rivals if found[i].unit in (figure.unit, "")]  # 91 seats is no rival of 29 votes
        elif figure.dimension == "count":
            rivals = [
                i
                for i in rivals
                if (figure.unit and found[i].unit == figure.unit)
                or (not figure.spelled and len(figure.context & found[i].context) >= _SAME_PLACE)
            ]  # a count whose noun is not named: another count among the same words
        if figure.dimension == "year" and _RELATIVE_YEAR.search(passage):
            rivals = []  # "in 2025" may be the passage's "this year"
        if rivals:
            partner = found[min(rivals, key=lambda i: abs(found[i].position - figure.position))]
            money = figure.dimension == partner.dimension == "money" and figure.unit != partner.unit
            differences.append(FigureDifference("currency" if money else "number", figure.surface, partner.surface))
            continue
        same_number = [o for o in found if math.isclose(o.value / _unit_factor(o), figure.value / _unit_factor(figure))]
        if same_number and same_number[0].dimension != figure.dimension and figure.dimension not in _NO_UNIT_CHANGE:
            differences.append(FigureDifference("unit", figure.surface, same_number[0].surface))
            continue
        if figure.dimension in ("year", "decade", "count", "day", "code") or figure.spelled:
            continue  # a year, a count or a spelled-out figure the source does not mention: less support only
        elsewhere = page_figures() if page_figures is not None else []
        if not any(_same_value(figure, other) for other in elsewhere):
            differences.append(FigureDifference("number", figure.surface, None))
    return differences or _paired_otherwise(quoted, found)


def _paired_otherwise(quoted: Sequence[Figure], found: Sequence[Figure]) -> list[FigureDifference]:
    """Two figures side by side in the statement ("by 6 percent to 148 million") that the passage
    gives each beside another figure of the other's kind ("by 4 percent to 148 million, and ... by
    6 percent to 159 million"): the statement pairs a figure with the wrong one."""
    for a, b in itertools.pairwise(quoted):
        if b.position - (a.position + a.length) > _PAIRED or _compatible(a, b):
            continue
        a_at = [f for f in found if _same_value(a, f)]
        b_at = [f for f in found if _same_value(b, f)]
        if not a_at or not b_at or any(_beside(x, y) for x in a_at for y in b_at):
            continue
        with_other_b = any(_beside(x, y) and _compatible(b, y) for x in a_at for y in found if y not in b_at)
        other_a = next((x for y in b_at for x in found if x not in a_at and _compatible(a, x) and _beside(x, y)), None)
        if with_other_b and other_a is not None:
            return [FigureDifference("number", a.surface, other_a.surface)]
    return []


def _beside(first: Figure, second: Figure) -> bool:
    return 0 < second.position - (first.position + first.length) <= _PAIRED


_PAIRED = 3  # words between two figures that go together ("by 6 percent to 148 million")


_AND_A_HALF = ("and", "a", "half")
_EVERY = frozenset({"every", "each"})
# ("each year" is no 1 percent with another unit, "Q2" no 2 of something)
_NO_UNIT_CHANGE = frozenset({"count", "amount", "interval", "age", "code"})
_ONE_PERIOD = frozenset({"month", "year", "decade"})  # (the periods the units know in the singular)
_ATTACHED_ONLY = frozenset({("c",), ("f",)})  # units read only when written onto the number
_MULTIPLES = {"twice": 2.0, "thrice": 3.0}
_RELATIVE_YEAR = re.compile(
    r"\b(?:this|last|next|previous|the following|the same) year\b|\ba year (?:earlier|ago|before)\b", re.IGNORECASE
)
_SAME_PLACE = 3  # content stems around two figures that make them figures of the same thing


def _unit_factor(figure: Figure) -> float:
    for _, (dimension, unit, factor) in _UNITS:
        if dimension == figure.dimension and unit == figure.unit and figure.value % factor == 0:
            return factor
    return 1.0
