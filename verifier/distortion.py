"""Distortion checks: does a passage that matches a quote in wording or meaning say something
different in the details? Figures (numbers with units, percentages, years, currency amounts),
negation, bounds and hedges on figures, reversed comparisons. Pure; returns notes."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from verifier.passages import STOPWORDS, content_stems, normalise_plain, stem, tokenise

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
# multi-word units first; value: (dimension, unit key, factor to the base unit)
_UNITS: list[tuple[tuple[str, ...], tuple[str, str, float]]] = sorted(
    [
        (("percentage", "points"), ("pp", "pp", 1.0)), (("percentage", "point"), ("pp", "pp", 1.0)),
        (("per", "cent"), ("percent", "%", 1.0)), (("percent",), ("percent", "%", 1.0)),
        (("%",), ("percent", "%", 1.0)), (("pct",), ("percent", "%", 1.0)),
        (("u.s", "dollars"), ("money", "usd", 1.0)), (("us", "dollars"), ("money", "usd", 1.0)),
        (("dollars",), ("money", "usd", 1.0)), (("dollar",), ("money", "usd", 1.0)),
        (("usd",), ("money", "usd", 1.0)), (("euros",), ("money", "eur", 1.0)), (("euro",), ("money", "eur", 1.0)),
        (("eur",), ("money", "eur", 1.0)), (("yuan",), ("money", "cny", 1.0)), (("rmb",), ("money", "cny", 1.0)),
        (("renminbi",), ("money", "cny", 1.0)), (("pounds",), ("money", "gbp", 1.0)), (("yen",), ("money", "jpy", 1.0)),
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
        (("kilometres",), ("length", "m", 1e3)), (("miles",), ("length", "m", 1609.344)),
        (("years",), ("time", "year", 1.0)), (("year",), ("time", "year", 1.0)),
        (("decades",), ("time", "year", 10.0)), (("decade",), ("time", "year", 10.0)),
        (("centuries",), ("time", "year", 100.0)), (("century",), ("time", "year", 100.0)),
        (("months",), ("time", "year", 1 / 12)), (("month",), ("time", "year", 1 / 12)),
        (("weeks",), ("time", "year", 7 / 365)), (("days",), ("time", "year", 1 / 365)),
        (("times",), ("ratio", "x", 1.0)), (("fold",), ("ratio", "x", 1.0)),
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
        (("under",), "upper-loose"), (("below",), "upper-loose"),
        (("at", "least"), "lower"), (("more", "than"), "lower"), (("no", "less", "than"), "lower"),
        (("upwards", "of"), "lower"), (("exceeding",), "lower"), (("in", "excess", "of"), "lower"),
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
}  # fmt: skip
_LOOSE_BOUND_DIMENSIONS = frozenset({"percent", "pp", "money", "power", "energy", "mass", "length", "amount"})


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
    context: frozenset[str] = frozenset()  # content stems of the words around the figure

    @property
    def bounded_surface(self) -> str:
        return f"{self.bound_words} {self.surface}".strip()


def _parse_number(token: str) -> tuple[float, int, int] | None:
    """(value, significant digits, decimals) of a digit token; None when it is not one."""
    if not token[0].isdigit():
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
    ones ("over", "under") are marked so that they count only for measured quantities."""
    for words, kind in _BOUND_WORDS:
        start = at - len(words)
        if start >= 0 and _match_words(tokens, start, words):
            return kind, " ".join(words)
    return None


def _hedge(tokens: list[str], at: int, dimension: str) -> tuple[str | None, str]:
    found = _bound_before(tokens, at)
    if found is None:
        return None, ""
    bound, words = found
    if bound.endswith("-loose"):
        if dimension not in _LOOSE_BOUND_DIMENSIONS:
            return None, ""
        bound = bound.removesuffix("-loose")
    return bound, words


_FRACTIONS = {
    ("half",): 50.0, ("a", "half"): 50.0, ("one", "half"): 50.0, ("a", "quarter"): 25.0, ("one", "quarter"): 25.0,
    ("a", "third"): 100 / 3, ("one", "third"): 100 / 3, ("two", "thirds"): 200 / 3, ("three", "quarters"): 75.0,
}  # fmt: skip
_NOT_FRACTION_BEFORE = frozenset({"first", "second", "last", "latter", "other"})
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
        if words[-1] in ("quarter", "third") and after != "of" and before not in _SHARE_CUES:
            return None
        return value, len(words)
    return None


_CONTEXT_WORDS = 6


def extract_figures(text: str) -> list[Figure]:
    """The figures in `text` (any case; normalised here), each with the words around it."""
    tokens = _FIGURE_TOKEN.findall(normalise_plain(text))
    return [
        replace(f, context=_context(tokens, f.position, len(f.surface.split()) + len(f.bound_words.split())))
        for f in _figures(tokens)
    ]


def _context(tokens: list[str], at: int, length: int) -> frozenset[str]:
    around = tokens[max(0, at - _CONTEXT_WORDS) : at] + tokens[at + length : at + length + _CONTEXT_WORDS]
    return frozenset(stem(t) for t in around if t not in STOPWORDS and not t[0].isdigit() and t not in "%$€£¥")


def _figures(tokens: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    i = 0
    while i < len(tokens):
        start = i
        currency = ""
        if tokens[i] in _CURRENCY_SYMBOLS:
            currency = _CURRENCY_SYMBOLS[tokens[i]]
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
                )
            )
            i += length
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
        scale = 1.0
        if i < len(tokens) and tokens[i] in _SCALES and not (tokens[i] in {"m", "b", "k"} and not currency):
            scale = _SCALES[tokens[i]]
            i += 1
            if scale == 1e2 and i < len(tokens) and tokens[i] in _SCALES:  # "two hundred million"
                scale *= _SCALES[tokens[i]]
                i += 1
        dimension, unit, factor = "", "", 1.0
        for words, (dim, key, mult) in _UNITS:
            if _match_words(tokens, i, words):
                dimension, unit, factor = dim, key, mult
                i += len(words)
                break
        if currency and dimension in ("", "money"):
            dimension, unit = "money", currency
        if tokens[i - 1].isdigit() and i < len(tokens) and tokens[i] == "s" and not dimension and scale == 1.0:
            decade = value + 1900 if value < 100 else value  # "the 2010s", "the '70s"
            figures.append(Figure(decade, "decade", "decade", 4, 0, f"{tokens[i - 1]}s", None, "", start))
            i += 1
            continue
        is_year = (
            not dimension and scale == 1.0 and not word_number and decimals == 0
            and re.fullmatch(r"(1[89]|20|21)\d\d", tokens[i - 1]) is not None
        )  # fmt: skip
        if is_year:
            dimension, unit = "year", "year"
        elif not dimension:
            counted = next((t for t in tokens[i : i + 2] if t not in STOPWORDS and not t[0].isdigit()), "")
            if word_number and not counted:
                continue  # "one of", "two of them": not a figure
            dimension, unit = ("count", stem(counted)) if scale == 1.0 else ("amount", "")
        bound, bound_words = _hedge(tokens, start, dimension)
        if bound == "approx" and decimals == 0:
            digits = max(1, len(str(int(value)).rstrip("0")))  # "about 280": the zero is not significant
        figures.append(
            Figure(
                value=value * scale * factor,
                dimension=dimension,
                unit=unit,
                digits=digits,
                decimals=decimals,
                surface=" ".join(tokens[start:i]).replace("$ ", "$").replace(" %", "%"),
                bound=bound,
                bound_words=bound_words,
                position=start,
                spelled=word_number,
            )
        )
    return figures


def _compatible(a: Figure, b: Figure) -> bool:
    """Could these two figures be the same quantity (if their values agreed)?"""
    if a.dimension == b.dimension:
        if a.dimension == "count":
            return not a.unit or not b.unit or a.unit == b.unit
        return True
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
    if a.dimension != b.dimension and not _compatible(a, b):
        return False
    if a.dimension == "money" and b.dimension == "money" and a.unit != b.unit:
        return False
    if a.dimension == "year" or b.dimension == "year":
        return a.value == b.value
    return _rounds_to(a.value, b) or _rounds_to(b.value, a)


PageFigures = Callable[[], Sequence[Figure]]


def check_figures(quote: str, passage: str, page_figures: PageFigures | None = None) -> list[str]:
    """Notes for figures of the quote that the passage contradicts (or, when the passage is the
    matching one, that appear nowhere among `page_figures()`, the figures of the whole page)."""
    quoted = extract_figures(quote)
    found = extract_figures(passage)
    notes: list[str] = []
    used: set[int] = set()
    for figure in quoted:
        same = [i for i, other in enumerate(found) if _same_value(figure, other)]
        others = [i for i, other in enumerate(found) if _compatible(figure, other) and i not in same]
        if same and others and not (figure.dimension == "count" and not figure.unit):
            # the same value is on the page, but another figure sits in the quote's context:
            # "mines 90%" against "mines 70% ... refines 90%" is a changed number
            closest_same = max(len(figure.context & found[i].context) for i in same)
            rival = max(others, key=lambda i: len(figure.context & found[i].context))
            if closest_same <= 1 and len(figure.context & found[rival].context) >= 3:
                notes.append(f"number differs: quote says {figure.surface}, source says {found[rival].surface}")
                continue
        if same:
            chosen = max(same, key=lambda i: len(figure.context & found[i].context))
            partner = found[chosen]
            used.add(chosen)
            if (figure.bound, partner.bound) in _CONFLICTING_BOUNDS:
                notes.append(
                    f"bound differs: quote says '{figure.bounded_surface}', source says '{partner.bounded_surface}'"
                )
            continue
        rivals = [i for i, other in enumerate(found) if _compatible(figure, other) and i not in used]
        rivals = rivals or [i for i, other in enumerate(found) if _compatible(figure, other)]
        if figure.dimension == "count" and not figure.unit:
            rivals = []
        if rivals:
            partner = found[min(rivals, key=lambda i: abs(found[i].position - figure.position))]
            if figure.dimension == partner.dimension == "money" and figure.unit != partner.unit:
                notes.append(f"currency differs: quote says {figure.surface}, source says {partner.surface}")
            else:
                notes.append(f"number differs: quote says {figure.surface}, source says {partner.surface}")
            continue
        same_number = [o for o in found if math.isclose(o.value / _unit_factor(o), figure.value / _unit_factor(figure))]
        if same_number and same_number[0].dimension != figure.dimension and figure.dimension not in ("count", "amount"):
            notes.append(f"unit differs: quote says {figure.surface}, source says {same_number[0].surface}")
            continue
        if figure.dimension in ("year", "decade", "count") or figure.spelled:
            continue  # a year, a count or a spelled-out figure the source does not mention: less support only
        elsewhere = page_figures() if page_figures is not None else []
        if not any(_same_value(figure, other) for other in elsewhere):
            notes.append(f"number not in source: quote says {figure.surface}, the source gives no such figure")
    return notes


def _unit_factor(figure: Figure) -> float:
    for _, (dimension, unit, factor) in _UNITS:
        if dimension == figure.dimension and unit == figure.unit and figure.value % factor == 0:
            return factor
    return 1.0


# ---------------------------------------------------------------- negation

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|without|cannot|can't|won't|unable|"
    r"hardly|barely|scarcely|rarely|seldom|no longer|fail(?:s|ed|ing)? to|far from)\b|n't\b"
)
# constructions with a negation word that do not negate the statement: "not only", "no doubt",
# and the contrastive "X, not Y" / "not X but Y" (= "Y rather than X")
_NOT_NEGATION = re.compile(
    r"\bnot (?:only|just|merely)\b|\bno (?:doubt|wonder)\b|\bnothing but\b|\bno sooner\b|, not\b"
    r"|\bnot\b(?=(?:\W+\w+){1,8}?\W+but\b)"
)
_CLAUSE_BREAK = re.compile(r"[;:.!?][\"')\]]*\s+|,\s+(?=(?:but|while|whereas|although|though|yet|and)\b)|\s+-\s+")


def aligned_clauses(quote: str, passage: str) -> str:
    """The clauses of `passage` that share content words with `quote` (all of it when none do),
    so that a negation elsewhere in a long window does not count against the quote."""
    wanted = set(content_stems(normalise_plain(quote)))
    clauses = [c for c in _CLAUSE_BREAK.split(normalise_plain(passage)) if c.strip()]
    kept = []
    for clause in clauses:
        stems = set(content_stems(clause))
        shared = len(stems & wanted)
        if stems and (shared >= 3 or shared / len(stems) >= 0.4):
            kept.append(clause)
    return " ; ".join(kept) if kept else passage


def negations(text: str) -> list[str]:
    normal = _NOT_NEGATION.sub(" ", normalise_plain(text))
    return [m.group() for m in _NEGATION.finditer(normal)]


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE_BREAK.split(normalise_plain(text)) if c.strip()]


def _paired_clauses(quote: str, passage: str) -> list[tuple[str, str]]:
    """Each clause of the quote with the passage clause that shares most of its content words
    (when it shares enough to be the same statement)."""
    pairs: list[tuple[str, str]] = []
    candidates = [(c, set(content_stems(c))) for c in _clauses(passage)]
    for clause in _clauses(quote):
        wanted = set(content_stems(clause))
        if len(wanted) < 2 or not candidates:
            continue
        best, stems = max(candidates, key=lambda item: len(item[1] & wanted))
        shared = len(stems & wanted)
        if shared >= 2 and shared >= 0.5 * len(wanted):
            pairs.append((clause, best))
    return pairs


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split()).strip(" ;")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def check_negation(quote: str, passage: str) -> list[str]:
    """A negation present on one side only, compared clause by clause (each quote clause with
    the passage clause that says most nearly the same). Skipped for a pair where either side
    uses a contrastive "not X but Y" / "X, not Y": rewordings move those negations around."""
    pairs = _paired_clauses(quote, passage) or [(normalise_plain(quote), aligned_clauses(quote, passage))]
    for quoted_clause, source_clause in pairs:
        if _NOT_NEGATION.search(quoted_clause) or _NOT_NEGATION.search(source_clause):
            continue
        quoted, found = negations(quoted_clause), negations(source_clause)
        if bool(quoted) == bool(found):
            continue
        said = _shorten(source_clause)
        if found:
            return [f"negation differs: source says '{found[0]}' (\"{said}\"), quote has no negation"]
        return [f"negation differs: quote says '{quoted[0]}', source has no negation (\"{said}\")"]
    return _unnegated_in_quote(quote, passage)


_NEGATION_SCOPE = 4  # words after a negation that it bears on ("neither will remove the dependency")


def _negated_stems(text: str) -> list[tuple[str, set[str]]]:
    """Each negation of `text` with the words it governs (up to the end of its clause), and
    their content stems."""
    normal = _NOT_NEGATION.sub(" ", normalise_plain(text))
    scoped: list[tuple[str, set[str]]] = []
    for found in _NEGATION.finditer(normal):
        rest = re.split(r"[,;:.!?]", normal[found.end() :], maxsplit=1)[0]
        governed = f"{found.group()} {' '.join(rest.split()[:_NEGATION_SCOPE])}"
        scoped.append((governed, set(content_stems(governed)) - set(content_stems(found.group()))))
    return scoped


def _unnegated_in_quote(quote: str, passage: str) -> list[str]:
    """A statement the source negates ("neither will remove the dependency") that the quote
    makes without a negation bearing on it, even when the quote negates something else."""
    if _NOT_NEGATION.search(normalise_plain(quote)):
        return []
    quoted = set(content_stems(normalise_plain(quote)))
    negated_in_quote = set().union(*(stems for _, stems in _negated_stems(quote)))
    for governed, stems in _negated_stems(aligned_clauses(quote, passage)):
        shared = stems & quoted
        if len(shared) >= 2 and not shared & negated_in_quote:
            return [f"negation differs: source says '{governed}', quote states it without the negation"]
    return []


# ---------------------------------------------------------------- comparisons and directions

_FIGURE_AHEAD = r"(?:[$€£¥]?\d|a |an |half|one|two|three|four|five|six|seven|eight|nine|ten|twice|double)"
_OPPOSITES: list[tuple[str, str, str, str]] = [
    (
        "cheaper",
        r"\b(?:cheap(?:er|est)?|inexpensive|less expensive|less costly|lower[- ]cost|low[- ]cost|more affordable)\b",
        "more expensive",
        r"\b(?:(?<!less )(?<!less)expensive|costlier|pricier|dearer|more costly|higher[- ]cost|high[- ]cost)\b",
    ),
    (
        "increase",
        r"\b(?:increas\w*|ris(?:e|es|ing)|rose|risen|gr[eo]w\w*|climb\w*|soar\w*|surg\w*|jump\w*|expand\w*|higher|highest"
        r"|enlarg\w*|widen\w*|broaden\w*|boost\w*|rais(?:e|es|ed|ing))\b",
        "decrease",
        r"\b(?:decreas\w*|fall(?:s|ing|en)?|fell|drop\w*|declin\w*|shr[iau]nk\w*|plung\w*|slump\w*|reduc\w*|lower(?:ed|ing|s)?"
        r"|lowest|narrow(?:s|ed|ing)|cut|cuts|cutting)\b",
    ),
    ("larger", r"\b(?:larger|largest|bigger|biggest|greater)\b", "smaller", r"\b(?:smaller|smallest|lesser)\b"),
    ("faster", r"\b(?:faster|fastest|quicker|quickest|speed(?:s|ed)? up|accelerat\w*)\b",
     "slower", r"\b(?:slower|slowest|slow(?:s|ed)? down|decelerat\w*)\b"),
    ("stronger", r"\b(?:stronger|strongest|strengthen\w*)\b", "weaker", r"\b(?:weaker|weakest|weaken\w*)\b"),
    ("better", r"\b(?:better|best|improv\w*)\b", "worse", r"\b(?:worse|worst|worsen\w*|deteriorat\w*)\b"),
    ("more", rf"\bmore\b(?! than {_FIGURE_AHEAD})", "less", rf"\b(?:less|fewer)\b(?! than {_FIGURE_AHEAD})"),
    ("broad", r"\b(?:broad|wide|sweeping|extensive|unlimited)\b",
     "limited", r"\b(?:limited|narrow|restricted|modest)\b"),
    ("many", r"\bmany\b", "few", r"(?<!a )\bfew\b"),
    ("high", r"(?<!-)\bhigh\b(?!-)", "low", r"(?<!-)\blow\b(?!-)"),
    ("large", r"(?<!-)\b(?:large|big|huge|vast)\b(?!-)", "small", r"(?<!-)\b(?:small|tiny)\b(?!-)"),
    ("gain", r"\b(?:gain(?:s|ed)?|win(?:s|ning)?|won)\b", "lose", r"\b(?:los(?:e|es|ing|t)|loss(?:es)?)\b"),
    ("success", r"\bsucce\w*", "failure", r"\bfail(?:ure|ures|ed|s)?\b"),
    ("support", r"\b(?:support(?:s|ed|ing)?|favou?r(?:s|ed)?)\b", "oppose", r"\boppos\w*"),
    ("allow", r"\b(?:allow\w*|permit(?:s|ted)?)\b", "ban", r"\b(?:ban|bans|banned|forbid\w*|prohibit\w*)\b"),
    ("often", r"\b(?:often|frequently|regularly|usually|always|routinely)\b", "rarely", r"\b(?:rarely|seldom|never)\b"),
]  # fmt: skip


_NEGATIVE_PREFIXES = ("mis", "un", "dis", "non", "in", "im", "il", "ir")
_PREFIX_PAIRS = (("over", "under"), ("under", "over"))
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _opposite_by_prefix(word: str, others: set[str]) -> str | None:
    """The word of `others` that `word` negates or inverts by a prefix ("misreads"/"reads",
    "over-building"/"under-building"), if any."""
    bare = word.replace("-", "")
    for first, second in _PREFIX_PAIRS:
        if bare.startswith(first) and len(bare) - len(first) >= 4:
            twin = second + bare[len(first) :]
            found = next((o for o in others if o.replace("-", "") == twin), None)
            if found is not None:
                return found
    for prefix in _NEGATIVE_PREFIXES:
        rest = bare[len(prefix) :]
        if bare.startswith(prefix) and len(rest) >= 4 and rest in others:
            return rest
    return None


def check_prefixed_opposites(quote: str, passage: str) -> list[str]:
    """ "reads the arithmetic" against "misreads the arithmetic", "over-" against "under-"."""
    quoted = set(_WORD.findall(normalise_plain(quote)))
    found = set(_WORD.findall(normalise_plain(aligned_clauses(quote, passage))))
    for word in sorted(found - quoted):
        twin = _opposite_by_prefix(word, quoted - found)
        if twin is not None:
            return [f"wording reversed: quote says '{twin}', source says '{word}'"]
    for word in sorted(quoted - found):
        twin = _opposite_by_prefix(word, found - quoted)
        if twin is not None:
            return [f"wording reversed: quote says '{word}', source says '{twin}'"]
    return []


_SPECULATIVE = re.compile(r"\b(?:could|might|possibly|perhaps|potentially)\b")
_HEDGED = re.compile(
    r"\b(?:could|may|might|can|would|should|possibly|perhaps|potentially|likely|unlikely|expect\w*|predict\w*"
    r"|forecast\w*|project\w*|estimat\w*|plan\w*|if|whether|risk\w*|suggest\w*|warn\w*|say|says|said|argu\w*)\b"
)


_ACCOMPLISHED = re.compile(r"\b(?:already|currently|presently|at present|so far|to date)\b")
_PROSPECTIVE = re.compile(
    r"\b(?:will|could|might|may|would|eventually|someday|one day|expect\w* to|likely to|not yet|yet to)\b|'ll\b"
)


def _bears_on(found: re.Match[str], source_clause: str, quoted_clause: str) -> bool:
    """The few words after `found` in the source clause share a content word with the quote."""
    governed = set(content_stems(" ".join(source_clause[found.end() :].split()[:4])))
    return bool(governed & set(content_stems(quoted_clause)))


def _tense_changed(quoted_clause: str, source_clause: str) -> str | None:
    """ "already cheaper" where the source says "will be cheaper" (about the same words)."""
    done, pending = _ACCOMPLISHED.search(quoted_clause), _PROSPECTIVE.search(source_clause)
    if done is None or pending is None or _ACCOMPLISHED.search(source_clause):
        return None
    if not _bears_on(pending, source_clause, quoted_clause):
        return None
    said = _shorten(source_clause)
    return f"tense differs: quote says '{done.group()}', source says '{pending.group()}' (\"{said}\")"


def check_modality(quote: str, passage: str) -> list[str]:
    """The source says something could happen; the quote states it as fact (only when the hedged
    words themselves are in the quote). Or the quote says it is already so where the source says
    it will or could be."""
    pairs = _paired_clauses(quote, passage) or [(normalise_plain(quote), aligned_clauses(quote, passage))]
    for quoted_clause, source_clause in pairs:
        tense = _tense_changed(quoted_clause, source_clause)
        if tense is not None:
            return [tense]
        found = _SPECULATIVE.search(source_clause)
        if found is None or _HEDGED.search(quoted_clause) is not None:
            continue
        if _bears_on(found, source_clause, quoted_clause):  # the hedge bears on what the quote asserts
            return [
                f"hedge dropped: source says '{found.group()}' (\"{_shorten(source_clause)}\"), quote states it as fact"
            ]
    return []


def check_comparisons(quote: str, passage: str) -> list[str]:
    """A direction or comparison that the quote states one way and the source the other."""
    q, p = normalise_plain(quote), normalise_plain(aligned_clauses(quote, passage))
    notes: list[str] = []
    for up_name, up, down_name, down in _OPPOSITES:
        q_up, q_down = len(re.findall(up, q)), len(re.findall(down, q))
        p_up, p_down = len(re.findall(up, p)), len(re.findall(down, p))
        if q_up > p_up and p_down > q_down:  # an "up" of the quote is a "down" in the source
            notes.append(f"comparison reversed: quote says '{up_name}', source says '{down_name}'")
        elif q_down > p_down and p_up > q_up:
            notes.append(f"comparison reversed: quote says '{down_name}', source says '{up_name}'")
    swapped = _swapped_than(q, p)
    if swapped:
        notes.append(swapped)
    return notes


def _than_sides(text: str) -> tuple[set[str], set[str]] | None:
    """Content stems before "than", and the first content stem after it."""
    tokens = tokenise(text)
    if "than" not in tokens:
        return None
    at = tokens.index("than")
    before = {stem(t) for t in tokens[:at] if t not in STOPWORDS}
    after = [stem(t) for t in tokens[at + 1 :] if t not in STOPWORDS and t not in {"ones", "those", "one"}]
    return before, set(after[:1])


def _swapped_than(quote: str, passage: str) -> str | None:
    """'A is cheaper than B' quoted as 'B is cheaper than A'."""
    q, p = _than_sides(quote), _than_sides(passage)
    if q is None or p is None or not q[1] or not p[1] or q[1] & p[1]:
        return None
    if q[1] <= p[0] and p[1] <= q[0]:
        quoted, source = " ".join(sorted(q[1])), " ".join(sorted(p[1]))
        return f"comparison reversed: quote compares against '{quoted}', source against '{source}'"
    return None


# ---------------------------------------------------------------- all checks


def find_distortions(quote: str, passage: str, page_figures: PageFigures | None = None) -> list[str]:
    """Every note on how `passage` (the best-matching text) contradicts `quote`; [] when none."""
    return (
        check_figures(quote, passage, page_figures)
        + check_negation(quote, passage)
        + check_comparisons(quote, passage)
        + check_prefixed_opposites(quote, passage)
        + check_modality(quote, passage)
    )
