"""Text normalisation shared by the page and the statement: NFKC, case, quotation marks and
dashes folded, a map back to the original text; word tokens, a crude stemmer, stopwords. Pure."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[a-z])")  # "Chi-\nnese" in PDF text
_DOTLESS_ACRONYM = re.compile(r"\b(?:US|UK|EU)(?=[a-z]?\b|'s)")
_DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
_REPLACED = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2e3a": "-", "\u2e3b": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
}  # fmt: skip

# Word tokens: numbers (with inner , or .), words (with inner apostrophes and dots: u.s, china's),
# and the symbols that carry meaning for figures.
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['.][^\W\d_]+)*|[%$€£¥]")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can could did do does doing down during each for from further had has have
    having he her here hers herself him himself his how i if in into is it it's its itself just me more most
    my myself of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours yourself
    yourselves one ones s said says say must may might shall us""".split()  # noqa: SIM905
)

_SUFFIXES = (
    "ational", "ations", "ation", "izing", "ising", "ized", "ised", "izes", "ises", "ize", "ise",
    "ments", "ment", "ings", "ing", "ers", "er", "est", "edly", "ed", "ies", "es", "ly", "s",
)  # fmt: skip


STEMS_KEPT = 1 << 15  # words whose stems are remembered (per process; ~5 MB when full)


@lru_cache(maxsize=STEMS_KEPT)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'prioritize' with 'prioritizing'. Remembered per
    word: indexing a page stems every word of it, and most words are on the pages before."""
    word = word.removesuffix("'s").replace("'", "").replace(".", "")
    if word.isdecimal() or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] + "i" if word.endswith("y") else word


@dataclass(frozen=True)
class Normalised:
    """`text` is the normalised form; `origin[i]` is the index in the original of text[i]."""

    text: str
    origin: tuple[int, ...]
    original: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) covering normalised [start, end)."""
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else len(self.original)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def normalised_index(self, original_index: int) -> int:
        """First normalised index whose original index is >= original_index."""
        return bisect.bisect_left(self.origin, original_index)


# Plain ASCII that only needs lower-casing: words and the punctuation beside them, and the single
# spaces between them (a space stands for itself), up to anything else (a quotation mark, a
# line break, two spaces, a letter that is not ASCII).
_PLAIN_RUN = re.compile(r"[A-Za-z0-9!#-&(-/:-@\[\]^_{-~]+(?: [A-Za-z0-9!#-&(-/:-@\[\]^_{-~]+)*")


def normalise(text: str) -> Normalised:
    """NFKC, casefold, straight quotes, ASCII dashes, no soft hyphens or zero-width characters,
    words hyphenated across a line break joined, every run of whitespace one space, none at either end."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    broken = {i for m in _LINE_BREAK_HYPHEN.finditer(text) for i in range(m.start(), m.end())}
    acronyms = {m.start() for m in _DOTLESS_ACRONYM.finditer(text)}
    special = sorted(broken | acronyms)  # where a plain run must stop: each is handled below
    memo: dict[str, str] = {}
    index = 0
    length = len(text)
    while index < length:
        run = _PLAIN_RUN.match(text, index)
        run_end = run.end() if run is not None else index
        if run_end < length and unicodedata.combining(text[run_end]):
            run_end -= 1  # "e" + a combining accent is composed below (NFD text meets NFC text)
        stop = bisect.bisect_left(special, index)
        if stop < len(special) and special[stop] < run_end:
            run_end = special[stop]
        if run_end > index and text[run_end - 1] == " ":
            run_end -= 1  # a space before what stops the run is whitespace like any other
        if run_end > index:  # the common case: plain ASCII that only needs lower-casing
            if in_space and out:
                out.append(" ")
                origin.append(index - 1)
            in_space = False
            out.append(text[index:run_end].lower())
            origin.extend(range(index, run_end))
            index = run_end
            continue
        char = text[index]
        if char in _DROPPED or index in broken:
            index += 1
            continue
        if index in acronyms:  # "US" -> "u.s", so that it meets "U.S." and is not the pronoun "us"
            if in_space and out:
                out.append(" ")
                origin.append(index - 1)
            in_space = False
            out.append(char.lower() + ".")
            origin.extend((index, index))
            index += 1
            continue
        if char.isspace():
            in_space = True
            index += 1
            continue
        if in_space and out:
            out.append(" ")
            origin.append(index - 1)
        in_space = False
        cluster_end = index + 1
        while cluster_end < length and unicodedata.combining(text[cluster_end]):
            cluster_end += 1  # a letter and its combining marks are normalised together
        cluster = text[index:cluster_end]
        folded = memo.get(cluster)
        if folded is None and _is_vulgar_fraction(cluster):  # "2½" is 2.5, not "21⁄2"
            fraction = f"{unicodedata.numeric(cluster):.2f}".rstrip("0")
            folded = fraction[1:] if out and out[-1][-1:].isdecimal() else fraction
        elif folded is None:
            composed = unicodedata.normalize("NFKC", cluster).casefold()
            folded = memo[cluster] = "".join(_REPLACED.get(p, p) for p in composed)
        out.append(folded)
        origin.extend([index] * len(folded))
        index = cluster_end
    return Normalised("".join(out), tuple(origin), text)


def _is_vulgar_fraction(cluster: str) -> bool:
    return len(cluster) == 1 and unicodedata.category(cluster) == "No" and "⁄" in unicodedata.normalize("NFKC", cluster)


def normalise_plain(text: str) -> str:
    return normalise(text).text


# dotted abbreviations written out, so that "the U.S." meets "the United States" word for word
TOKEN_ALIASES = {"u.s": "united states", "u.s.a": "united states", "u.k": "united kingdom", "e.u": "european union"}


def tokenise(text: str, *, expand: bool = True) -> list[str]:
    """Word tokens of already-normalised text, dotted abbreviations written out unless not `expand`."""
    found = TOKEN.findall(text)
    return [TOKEN_ALIASES.get(t, t) for t in found] if expand else found


def content_stems(text: str) -> list[str]:
    """Stems of the content words of normalised text (stopwords dropped; numbers kept)."""
    return [stem(t) for t in TOKEN.findall(text) if t not in STOPWORDS and t not in "%$€£¥"]
