"""Page text prepared for matching: normalised text with a map back to the original,
word tokens, sentences, candidate windows of one to three sentences, and a lexical index
that ranks windows for a query. Pure; one `PageIndex` per page text."""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

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
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['.][^\W\d_]+)*|[%$€£¥]")

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


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'prioritize' with 'prioritizing'."""
    word = word.removesuffix("'s").replace("'", "").replace(".", "")
    if word.isdigit() or len(word) <= 4:
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


_PLAIN_RUN = re.compile(r"[a-z0-9!#-&(-/:-@\[\]^_{-~]+|[A-Za-z0-9!#-&(-/:-@\[\]^_{-~]+")


def normalise(text: str) -> Normalised:
    """NFKC, casefold, straight quotes, ASCII dashes, no soft hyphens or zero-width characters,
    words hyphenated across a line break joined, every run of whitespace one space, none at either end."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    broken = {i for m in _LINE_BREAK_HYPHEN.finditer(text) for i in range(m.start(), m.end())}
    acronyms = {m.start() for m in _DOTLESS_ACRONYM.finditer(text)}
    memo: dict[str, str] = {}
    index = 0
    length = len(text)
    while index < length:
        run = _PLAIN_RUN.match(text, index)
        if (
            run is not None
            and not broken.intersection(range(run.start(), run.end()))
            and not any(i in acronyms for i in range(run.start(), run.end()))
        ):  # the common case: plain ASCII that only needs lower-casing
            if in_space and out:
                out.append(" ")
                origin.append(index - 1)
            in_space = False
            out.append(run.group().lower())
            origin.extend(range(run.start(), run.end()))
            index = run.end()
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
        folded = memo.get(char)
        if folded is None:
            folded = memo[char] = "".join(_REPLACED.get(p, p) for p in unicodedata.normalize("NFKC", char).casefold())
        out.append(folded)
        origin.extend([index] * len(folded))
        index += 1
    return Normalised("".join(out), tuple(origin), text)


def normalise_plain(text: str) -> str:
    return normalise(text).text


# dotted abbreviations written out, so that "the U.S." meets "the United States" word for word
_TOKEN_ALIASES = {"u.s": "united states", "u.s.a": "united states", "u.k": "united kingdom", "e.u": "european union"}


def tokenise(text: str, *, expand: bool = True) -> list[str]:
    """Word tokens of already-normalised text, dotted abbreviations written out unless not `expand`."""
    found = _TOKEN.findall(text)
    return [_TOKEN_ALIASES.get(t, t) for t in found] if expand else found


def content_stems(text: str) -> list[str]:
    """Stems of the content words of normalised text (stopwords dropped; numbers kept)."""
    return [stem(t) for t in _TOKEN.findall(text) if t not in STOPWORDS and t not in "%$€£¥"]


# ---------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec no
    nos fig figs e.g i.e gov gen sen rep mt ft approx dept est al cf op vol pp ed eds rev col lt sgt capt
    cmdr adm u.s u.k u.n e.u u.s.a p.m a.m""".split()  # noqa: SIM905
)
_STARTERS = frozenset(
    """the this that these those it its in on at but and yet so a an as for if while when after before we they
    he she i our their his her there here what why how such some many most one two three both however
    meanwhile still now then last next since although though because despite""".split()  # noqa: SIM905
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z0-9\"'“‘(\[])")


def _is_false_boundary(text: str, match: re.Match[str]) -> bool:
    """An abbreviation or initial before the period, not the end of a sentence."""
    if "\n" in match.group() or not match.group().startswith("."):
        return False
    before = text[max(0, match.start() - 40) : match.start()]
    word_match = re.search(r"([\w.]+)$", before)
    if word_match is None:
        return False
    word = word_match.group(1).lower()
    after = text[match.end() : match.end() + 40].split(maxsplit=1)
    next_word = re.sub(r"\W", "", after[0]).lower() if after else ""
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        # "U.S. Steel" goes on; "... in the U.S. The next" is a new sentence
        return next_word not in _STARTERS or word in {"dr", "mr", "mrs", "ms", "prof", "st"}
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of `text` (original text: case matters here)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_false_boundary(text, match):
            continue
        end = match.start() + len(match.group().rstrip())
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


_CLAUSE = re.compile(r"[;:]\s+|\s+[-–—]+\s+|—|,\s+")
_MIN_CLAUSE_WORDS = 4
_CANDIDATE_SENTENCES = 48  # sentences whose windows are scored for one query
_MIN_SPLIT_WORDS = 12


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of the sentence text[start:end] when it is long; [] when it is not split.
    Pieces shorter than a few words are joined to the next one."""
    if len(text[start:end].split()) < _MIN_SPLIT_WORDS:
        return []
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _CLAUSE.finditer(text, start, end):
        if len(text[begin : match.start()].split()) >= _MIN_CLAUSE_WORDS:
            spans.append(_trim(text, begin, match.start()))
            begin = match.end()
    if spans and len(text[begin:end].split()) < _MIN_CLAUSE_WORDS:
        spans[-1] = _trim(text, spans[-1][0], end)
    elif begin < end:
        spans.append(_trim(text, begin, end))
    return spans if len(spans) > 1 else []


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- the page index


@dataclass(frozen=True)
class Window:
    """One to three consecutive sentences, or consecutive clauses of one long sentence."""

    first: int  # sentence indices, inclusive
    last: int
    start: int  # original-text span
    end: int
    stems: frozenset[str] | None = None  # a clause window's own content stems (None: its sentences')


@dataclass
class PageIndex:
    """Everything about one page text that does not depend on the quote."""

    text: str
    norm: Normalised
    sentences: list[tuple[int, int]]  # original spans
    sentence_stems: list[frozenset[str]]
    windows: list[Window]
    postings: dict[str, list[int]]  # stem -> sentence indices
    idf: dict[str, float]
    token_text: str  # normalised tokens joined by single spaces
    token_starts: list[int]  # offset of each token in token_text
    token_spans: list[tuple[int, int]]  # normalised span of each token
    sentence_tokens: list[tuple[int, int]]  # [first, end) token indices of each sentence
    sentence_starts: list[int]  # original start of each sentence
    sentence_windows: list[list[int]]  # indices of the windows that include each sentence

    @property
    def max_idf(self) -> float:
        return math.log(1.0 + 2.0 * max(1, len(self.sentences)))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.max_idf)

    def window_text(self, window: Window) -> str:
        """The window's normalised text."""
        return self.norm.text[self.norm.normalised_index(window.start) : self.norm.normalised_index(window.end)]

    def sentence_of(self, original_index: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, original_index) - 1)

    def raw_tokens(self, first_char: int, last_char: int) -> str:
        """The page's own tokens (abbreviations as written) covering token_text[first_char:last_char]."""
        first = bisect.bisect_right(self.token_starts, first_char) - 1
        last = bisect.bisect_right(self.token_starts, max(first_char, last_char - 1)) - 1
        return " ".join(self.norm.text[a:b] for a, b in self.token_spans[first : last + 1])

    def token_region(self, first: int, last: int) -> tuple[int, int]:
        """Character span in token_text of the tokens of sentences first..last."""
        begin = self.sentence_tokens[first][0]
        stop = self.sentence_tokens[last][1]
        if stop <= begin:
            return 0, 0
        return self.token_starts[begin], self._token_end(stop - 1)

    def _token_end(self, token: int) -> int:
        if token + 1 < len(self.token_starts):
            return self.token_starts[token + 1] - 1
        return len(self.token_text)

    def token_original_span(self, first_char: int, last_char: int) -> tuple[int, int]:
        """Original span of the tokens covering token_text[first_char:last_char]."""
        first = max(0, bisect.bisect_right(self.token_starts, first_char) - 1)
        last = max(first, bisect.bisect_right(self.token_starts, max(first_char, last_char - 1)) - 1)
        start = self.token_spans[first][0]
        end = self.token_spans[last][1]
        return self.norm.original_span(start, end)

    def coverage(self, stems: list[str], first: int, last: int) -> float:
        """IDF-weighted share of the query stems found in sentences first..last."""
        wanted = set(stems)
        if not wanted:
            return 0.0
        present: set[str] = set()
        for index in range(first, last + 1):
            present |= self.sentence_stems[index] & wanted
        total = sum(self.weight(t) for t in wanted)
        return sum(self.weight(t) for t in present) / total

    def rank_windows(self, stems: list[str], limit: int, max_chars: int | None = None) -> list[tuple[float, int]]:
        """The `limit` windows with the best coverage of `stems`: (coverage, window index), best first.
        Ties go to the shorter window; windows longer than `max_chars` are left out."""
        wanted = set(stems)
        if not wanted:
            return []
        total = sum(self.weight(t) for t in wanted)
        hits: dict[int, set[str]] = defaultdict(set)
        for term in wanted:
            for sentence in self.postings.get(term, ()):
                hits[sentence].add(term)
        # only windows around the best-covered sentences compete (keeps long pages fast)
        best_sentences = sorted(hits, key=lambda s: sum(self.weight(t) for t in hits[s]), reverse=True)
        candidates = {w for s in best_sentences[: max(limit, _CANDIDATE_SENTENCES)] for w in self.sentence_windows[s]}
        scored: list[tuple[float, int, int]] = []
        for window_index in candidates:
            window = self.windows[window_index]
            if max_chars is not None and window.end - window.start > max_chars and window.first != window.last:
                continue
            present: set[str] = set()
            for sentence in range(window.first, window.last + 1):
                present |= hits.get(sentence, set())
            if window.stems is not None:
                present &= window.stems
            cover = sum(self.weight(t) for t in present) / total
            scored.append((cover, window.start - window.end, window_index))
        scored.sort(reverse=True)
        return [(cover, index) for cover, _, index in scored[:limit]]


def build_index(text: str, max_window: int = 3) -> PageIndex:
    norm = normalise(text)
    sentences = split_sentences(text)
    sentence_stems: list[frozenset[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for index, (start, end) in enumerate(sentences):
        a, b = norm.normalised_index(start), norm.normalised_index(end)
        stems = frozenset(content_stems(norm.text[a:b]))
        sentence_stems.append(stems)
        for term in stems:
            postings[term].append(index)
    count = max(1, len(sentences))
    idf = {term: math.log(1.0 + count / len(found)) for term, found in postings.items()}
    windows = [
        Window(first, last, sentences[first][0], sentences[last][1])
        for first in range(len(sentences))
        for last in range(first, min(first + max_window, len(sentences)))
    ]
    for index, (start, end) in enumerate(sentences):
        clauses = split_clauses(text, start, end)
        for first in range(len(clauses)):
            for last in range(first, min(first + max_window, len(clauses))):
                if last - first + 1 < len(clauses):
                    a, b = norm.normalised_index(clauses[first][0]), norm.normalised_index(clauses[last][1])
                    stems = frozenset(content_stems(norm.text[a:b]))
                    windows.append(Window(index, index, clauses[first][0], clauses[last][1], stems))
    sentence_windows: list[list[int]] = [[] for _ in sentences]
    for window_index, window in enumerate(windows):
        for sentence in range(window.first, window.last + 1):
            sentence_windows[sentence].append(window_index)
    token_spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm.text)]
    token_starts: list[int] = []
    pieces: list[str] = []
    offset = 0
    for start, end in token_spans:
        piece = norm.text[start:end]
        piece = _TOKEN_ALIASES.get(piece, piece)
        token_starts.append(offset)
        pieces.append(piece)
        offset += len(piece) + 1
    token_begins = [start for start, _ in token_spans]
    sentence_tokens = [
        (
            bisect.bisect_left(token_begins, norm.normalised_index(start)),
            bisect.bisect_left(token_begins, norm.normalised_index(end)),
        )
        for start, end in sentences
    ]
    return PageIndex(
        text=text,
        norm=norm,
        sentences=sentences,
        sentence_stems=sentence_stems,
        windows=windows,
        postings=dict(postings),
        idf=idf,
        token_text=" ".join(pieces),
        token_starts=token_starts,
        token_spans=token_spans,
        sentence_tokens=sentence_tokens,
        sentence_starts=[start for start, _ in sentences],
        sentence_windows=sentence_windows,
    )
