"""The page index: sentences, clause and sentence windows, and a lexical index that ranks the
windows for a statement. Pure; one `PageIndex` per page text."""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from verifier.judge.text import TOKEN, TOKEN_ALIASES, Normalised, content_stems, normalise

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
_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z0-9\"'“‘(\[])|\n(?=\s*[-•*–] )"
)


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
HEAD_CHARS = 400  # the head of a page: title, standfirst, byline (who "we" are, who wrote it)
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
        wanted = sorted(set(stems))  # in order, not a set's: the same sums and ties in every process
        if not wanted:
            return []
        total = sum(self.weight(t) for t in wanted)
        hits: dict[int, set[str]] = defaultdict(set)
        for term in wanted:
            for sentence in self.postings.get(term, ()):
                hits[sentence].add(term)
        # only windows around the best-covered sentences compete (keeps long pages fast)
        best_sentences = sorted(hits, key=lambda s: (-sum(self.weight(t) for t in sorted(hits[s])), s))
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
            cover = sum(self.weight(t) for t in sorted(present)) / total
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
    token_spans = [(m.start(), m.end()) for m in TOKEN.finditer(norm.text)]
    token_starts: list[int] = []
    pieces: list[str] = []
    offset = 0
    for start, end in token_spans:
        piece = norm.text[start:end]
        piece = TOKEN_ALIASES.get(piece, piece)
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
