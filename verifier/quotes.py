"""Quote and claim checking: page text + quote -> verdict, score, evidence, notes.

Layers, cheapest first, stopping as soon as one decides:
  1. exact: the quote's words (after normalisation) appear in order on the page -> verbatim
  2. fuzzy: character alignment (rapidfuzz) against the best lexical candidates -> near_verbatim
  3. semantic: sentence embeddings of candidate windows of one to three sentences -> paraphrase
  4. distortion checks on the best passage (numbers, negation, bounds, comparisons) -> distorted
Quotes with an ellipsis match their parts in order; bracketed insertions are wildcards."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from verifier.distortion import Figure, extract_figures, find_distortions
from verifier.passages import STOPWORDS, PageIndex, build_index, content_stems, normalise, stem, tokenise
from verifier.records import Match, QuoteKind, QuoteVerdict
from verifier.semantic import Embedder, Vector

# ---------------------------------------------------------------- thresholds (chosen on the dev split)


@dataclass(frozen=True)
class Thresholds:
    near_verbatim: float  # fuzzy alignment score (0..1) at or above which the wording is near-verbatim
    paraphrase: float  # combined semantic score at or above which the passage says the same thing
    related: float  # combined score at or above which a distorted passage counts as the quoted one
    evidence: float  # below this nothing on the page is shown as evidence


DEFAULT_QUOTE_THRESHOLDS = Thresholds(near_verbatim=0.88, paraphrase=0.58, related=0.50, evidence=0.45)
DEFAULT_CLAIM_THRESHOLDS = Thresholds(near_verbatim=0.88, paraphrase=0.70, related=0.60, evidence=0.45)

FUZZY_CANDIDATES = 8  # windows aligned character by character per quote part
SEMANTIC_CANDIDATES = 8  # windows embedded per quote
_MIN_WINDOW_CHARS = 300  # windows of several sentences longer than this and than
_WINDOW_STRETCH = 2.5  # this many times the quote are not embedded
MAX_CACHED_PAGES = 16
MAX_CACHED_QUERIES = 1024
_MAX_BRACKET_GAP = 12  # tokens a bracketed insertion may stand for
_MAX_ELLIPSIS_GAP = 3000  # tokens an ellipsis may skip
_MIN_PART_TOKENS = 4  # shorter ellipsis parts are joined to a neighbour for fuzzy matching
_MAX_EVIDENCE_CHARS = 1500

_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_OUTER_QUOTES = "\"'“”‘’«»「」『』 "


# ---------------------------------------------------------------- quote parsing


@dataclass(frozen=True)
class QuoteParts:
    """A quote cut at its ellipses and bracketed insertions: normalised token strings in order."""

    parts: tuple[str, ...]
    gaps: tuple[int, ...]  # max tokens allowed between part i and part i+1
    plain: str  # the quote's words without ellipses and insertions, for embedding
    written: tuple[str, ...]  # the parts' tokens as written (abbreviations not expanded)


def parse_quote(quote: str) -> QuoteParts:
    text = quote.strip().strip(_OUTER_QUOTES)
    pieces: list[str] = []
    gaps: list[int] = []
    cursor = 0
    pending_gap = 0
    markers = sorted(
        [(m.start(), m.end(), _MAX_ELLIPSIS_GAP, "") for m in _ELLIPSIS.finditer(text)]
        + [
            (m.start(), m.end(), _MAX_BRACKET_GAP, m.group(1))
            for m in _BRACKET.finditer(text)
            if not _ELLIPSIS.fullmatch(m.group())
        ]
    )
    current = ""
    for start, end, gap, inner in markers:
        if start < cursor:
            continue
        current += text[cursor:start]
        cursor = end
        if gap == _MAX_BRACKET_GAP and len(inner.strip()) <= 2:
            current += inner  # "[T]he", "build[s]": an edit of a letter, kept inline
            continue
        if " ".join(tokenise(normalise(current).text)):
            pieces.append(current)
            gaps.append(max(gap, pending_gap) if len(pieces) > 1 else 0)
            pending_gap = gap
        else:
            pending_gap = max(pending_gap, gap)
        current = ""
    current += text[cursor:]
    if " ".join(tokenise(normalise(current).text)):
        pieces.append(current)
        gaps.append(pending_gap if len(pieces) > 1 else 0)
    parts = tuple(" ".join(tokenise(normalise(p).text)) for p in pieces)
    written = tuple(" ".join(tokenise(normalise(p).text, expand=False)) for p in pieces)
    plain = " ".join(" ".join(p.split()) for p in pieces).strip(_OUTER_QUOTES)
    return QuoteParts(parts, tuple(gaps[1:]) if gaps else (), plain, written)


# ---------------------------------------------------------------- layer results


@dataclass(frozen=True)
class Candidate:
    """A passage of the page and how well it matches."""

    score: float
    start: int  # original-text span of the aligned passage
    end: int
    evidence: str


def _is_token_boundary(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " ")


def find_exact(index: PageIndex, quote: QuoteParts) -> list[tuple[int, int]] | None:
    """Token-text spans of every part, in order, or None when the words are not all on the page
    exactly as written ("U.S." for "United States" is near-verbatim, not verbatim)."""
    text = index.token_text
    if not quote.parts:
        return None

    def place(part_index: int, after: int, max_gap_tokens: int | None) -> list[tuple[int, int]] | None:
        part = quote.parts[part_index]
        position = text.find(part, after)
        tries = 0
        while position != -1 and tries < 64:
            tries += 1
            end = position + len(part)
            if max_gap_tokens is not None and text.count(" ", after, position) > max_gap_tokens:
                return None
            if _is_token_boundary(text, position, end) and index.raw_tokens(position, end) == quote.written[part_index]:
                if part_index + 1 == len(quote.parts):
                    return [(position, end)]
                rest = place(part_index + 1, end, quote.gaps[part_index])
                if rest is not None:
                    return [(position, end), *rest]
            position = text.find(part, position + 1)
        return None

    return place(0, 0, None)


def _fuzzy_parts(quote: QuoteParts) -> list[str]:
    """Ellipsis parts too short to align on their own are joined to a neighbour."""
    merged: list[str] = []
    for part in quote.parts:
        if merged and (len(part.split()) < _MIN_PART_TOKENS or len(merged[-1].split()) < _MIN_PART_TOKENS):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def align_part(index: PageIndex, part: str) -> tuple[float, int, int] | None:
    """Best character alignment of one part: (score 0..1, token-text start, end)."""
    ranked = index.rank_windows(content_stems(part) or part.split(), FUZZY_CANDIDATES)
    best: tuple[float, int, int] | None = None
    seen: set[tuple[int, int]] = set()
    last_sentence = len(index.sentences) - 1
    for _, window_index in ranked:
        window = index.windows[window_index]
        first, last = max(0, window.first - 1), min(last_sentence, window.last + 1)
        region = index.token_region(first, last)
        while region[1] - region[0] < len(part) and (first > 0 or last < last_sentence):
            first, last = max(0, first - 1), min(last_sentence, last + 1)
            region = index.token_region(first, last)
        if region in seen or region[1] <= region[0]:
            continue
        seen.add(region)
        haystack = index.token_text[region[0] : region[1]]
        if len(haystack) < len(part):
            score = fuzz.ratio(part, haystack) / 100.0
            found = (score, region[0], region[1])
        else:
            alignment = fuzz.partial_ratio_alignment(part, haystack)
            if alignment is None:
                continue
            found = (alignment.score / 100.0, region[0] + alignment.dest_start, region[0] + alignment.dest_end)
        if best is None or found[0] > best[0]:
            best = found
    return best


def _evidence_for(index: PageIndex, spans: list[tuple[int, int]]) -> tuple[int, int, str]:
    """The sentences holding the aligned spans (original text); distant parts joined with ' … '."""
    sentence_ranges = [(index.sentence_of(start), index.sentence_of(max(start, end - 1))) for start, end in spans]
    first = min(r[0] for r in sentence_ranges)
    last = max(r[1] for r in sentence_ranges)
    start, end = index.sentences[first][0], index.sentences[last][1]
    if end - start <= _MAX_EVIDENCE_CHARS:
        return start, end, index.text[start:end]
    pieces = [index.text[index.sentences[a][0] : index.sentences[b][1]] for a, b in sorted(set(sentence_ranges))]
    return start, end, " … ".join(pieces)


def find_fuzzy(index: PageIndex, quote: QuoteParts) -> Candidate | None:
    parts = _fuzzy_parts(quote)
    aligned: list[tuple[float, int, int, int]] = []
    for part in parts:
        found = align_part(index, part)
        if found is None:
            return None
        aligned.append((*found, len(part)))
    total = sum(length for *_, length in aligned)
    score = sum(s * length for s, _, _, length in aligned) / total
    starts = [start for _, start, _, _ in aligned]
    if starts != sorted(starts):
        score *= 0.9  # the parts are on the page, but not in the quoted order
    spans = [index.token_original_span(start, end) for _, start, end, _ in aligned]
    start, end, evidence = _evidence_for(index, spans)
    return Candidate(score, start, end, evidence)


# ---------------------------------------------------------------- semantic layer

_REPORTING = r"says?|said|argues?|argued|calls? for|called for|proposes?|proposed|recommends?|recommended|urges?|urged"
_REPORTING_THAT = (
    r"suggests?|suggested|claims?|claimed|warns?|warned|notes?|noted|writes?|wrote|believes?|believed|points? out"
    r"|pointed out|thinks?|thought|insists?|insisted|concludes?|concluded|reports?|reported|finds|found"
    r"|explains?|explained|observes?|observed|contends?|contended|maintains?|maintained|estimates?|estimated"
)
_ATTRIBUTION = re.compile(
    rf"^(?:according to [^,]{{1,60}}, "
    rf"|(?:[\w.'-]+ ){{1,5}}(?:(?:{_REPORTING}) (?:that )?|(?:{_REPORTING_THAT}) that ))",
    re.IGNORECASE,
)


def strip_attribution(text: str) -> str:
    """A claim without its reporting frame ("the author argues that ...", "according to the
    article, ..."): the frame is usually not on the page, the statement is. The matcher tries
    both forms (stripping alone helped some claims and hurt others on the dev split)."""
    stripped = _ATTRIBUTION.sub("", text, count=1)
    return stripped if len(stripped.split()) >= 4 else text


@dataclass
class PageCache:
    """A page's index and the embeddings of the windows embedded so far (for the run)."""

    index: PageIndex
    vectors: dict[int, Vector] = field(default_factory=dict)
    _figures: list[Figure] | None = None
    _words: frozenset[str] | None = None

    def words(self) -> frozenset[str]:
        """Every word on the page as a name key (computed on first need)."""
        if self._words is None:
            self._words = page_words(self.index.text)
        return self._words

    def figures(self) -> list[Figure]:
        """Every figure on the page (computed on first need)."""
        if self._figures is None:
            self._figures = extract_figures(self.index.text)
        return self._figures


@dataclass(frozen=True)
class Scored:
    """A window with its cosine similarity to the quote and its lexical coverage of the quote."""

    cosine: float
    coverage: float
    window: int


def rank_semantic(
    cache: PageCache, embedder: Embedder, query: str, query_vector: Vector | None
) -> tuple[list[Scored], Vector | None]:
    """Cosine of the query with the lexically best windows (embedding, in one batch, the query
    when `query_vector` is None and the windows not embedded yet), best first; shorter windows
    first among equals. Returns the ranking and the query's vector."""
    index = cache.index
    longest = max(_MIN_WINDOW_CHARS, int(_WINDOW_STRETCH * len(query)))  # much longer windows only dilute
    ranked = index.rank_windows(content_stems(query) or query.split(), SEMANTIC_CANDIDATES, longest)
    if not ranked:
        return [], query_vector
    missing = [window for _, window in ranked if window not in cache.vectors]
    texts = ([query] if query_vector is None else []) + [index.window_text(index.windows[w]) for w in missing]
    if texts:
        vectors = list(embedder.encode(texts))
        if query_vector is None:
            query_vector = vectors.pop(0)
        cache.vectors.update(zip(missing, vectors, strict=True))
    assert query_vector is not None
    scored = [Scored(float(cache.vectors[w] @ query_vector), cover, w) for cover, w in ranked]
    windows = index.windows
    scored.sort(key=lambda s: (s.cosine, windows[s.window].start - windows[s.window].end), reverse=True)
    return scored, query_vector


# Weight of the character alignment next to the cosine in the combined score: fitted by
# logistic regression on the dev split (supported vs not, quotes and claims pooled), where
# 6.4 * cosine + 4.9 * fuzzy separated best; only the ratio matters.
FUZZY_WEIGHT = 0.75


def combined_score(cosine: float, fuzzy: float) -> float:
    """How well the page supports the quote in meaning, in [0, 1]: mostly the cosine of the best
    window, helped by how much of the wording survives (back-translations keep some)."""
    return max(0.0, min(1.0, (cosine + FUZZY_WEIGHT * fuzzy) / (1.0 + FUZZY_WEIGHT)))


# ---------------------------------------------------------------- names


_NAME = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}|\b[A-Z][A-Za-z'’-]*[A-Za-z]\b")
_NAME_KEYS = {
    "u.s.": "us", "us": "us", "usa": "us", "america": "us", "american": "us", "americans": "us", "united": "us",
    "washington": "us", "eu": "eu", "e.u.": "eu", "europe": "eu", "european": "eu", "europeans": "eu",
    "brussels": "eu", "uk": "uk", "u.k.": "uk", "britain": "uk", "british": "uk", "china": "china",
    "chinese": "china", "beijing": "china", "japan": "japan", "japanese": "japan", "tokyo": "japan",
    "korea": "korea", "korean": "korea", "seoul": "korea", "germany": "germany", "german": "germany",
    "berlin": "germany", "mexico": "mexico", "mexican": "mexico", "taiwan": "taiwan", "taiwanese": "taiwan",
    "taipei": "taiwan", "india": "india", "indian": "india", "vietnam": "vietnam", "vietnamese": "vietnam",
    "france": "france", "french": "france", "russia": "russia", "russian": "russia", "moscow": "russia",
}  # fmt: skip


_NOT_NAMES = frozenset({"north", "south", "east", "west", "new", "great", "central", "northern", "southern"})


def _name_key(word: str) -> str:
    low = word.casefold().replace("’", "'").removesuffix("'s")
    return _NAME_KEYS.get(low, stem(low))


def page_words(text: str) -> frozenset[str]:
    """Every word of a page as a name key (any case), to look names up in."""
    words = re.findall(r"(?:[A-Za-z]\.){2,}|[^\W\d_][\w'’-]*", text)
    return frozenset(_name_key(w) for w in words) | frozenset(_name_key(w.rstrip("-")) for w in words)


def _same_root(key: str, word: str) -> bool:
    """ "west" and "western": one is the other's start (both at least four letters)."""
    return len(key) >= 4 and len(word) >= 4 and (word.startswith(key) or key.startswith(word))


def names_not_on_page(quote: str, page: frozenset[str]) -> list[str]:
    """Capitalised names in the quote's statement (its reporting frame and sentence-initial
    words aside) that appear nowhere on the page: a statement about them is not supported."""
    statement = _ATTRIBUTION.sub("", quote.strip().strip(_OUTER_QUOTES), count=1)
    missing: list[str] = []
    for match in _NAME.finditer(statement):
        start = match.start()
        sentence_start = start == 0 or re.search(r"[.!?:;\"“]\s*$", statement[max(0, start - 3) : start])
        word = match.group().split("-")[0]  # "American-made"
        short_acronym = word.isupper() and len(word.replace(".", "")) <= 3 and word.casefold() not in _NAME_KEYS
        common = word.casefold() in STOPWORDS or word.casefold() in _NOT_NAMES
        if (sentence_start and not word.isupper()) or common or short_acronym:
            continue  # "GW", "EV", "AI" are units and common abbreviations, not names
        key = _name_key(word)
        if key not in page and not any(_same_root(key, w) for w in page):
            missing.append(word)
    return missing


# ---------------------------------------------------------------- the matcher


class QuoteMatcher:
    """Checks quotes and claims against page texts. One per run: it caches the index (and the
    embeddings) of each page text it has seen, and loads the embedding model on first need."""

    def __init__(
        self,
        *,
        semantic: bool = True,
        quote_thresholds: Thresholds = DEFAULT_QUOTE_THRESHOLDS,
        claim_thresholds: Thresholds = DEFAULT_CLAIM_THRESHOLDS,
        embedder: Embedder | None = None,
    ) -> None:
        self.semantic = semantic
        self.thresholds = {QuoteKind.QUOTE: quote_thresholds, QuoteKind.CLAIM: claim_thresholds}
        self.embedder = embedder if embedder is not None else Embedder()
        self._pages: OrderedDict[str, PageCache] = OrderedDict()
        self._queries: OrderedDict[str, Vector] = OrderedDict()
        self._lock = threading.Lock()

    def page_cache(self, page_text: str) -> PageCache:
        with self._lock:
            found = self._pages.get(page_text)
            if found is not None:
                self._pages.move_to_end(page_text)
                return found
        built = PageCache(build_index(page_text))
        with self._lock:
            self._pages[page_text] = built
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        return built

    def forget_embeddings(self) -> None:
        """Drop every cached embedding (page indexes are kept)."""
        with self._lock:
            self._queries.clear()
            for cache in self._pages.values():
                cache.vectors.clear()

    def best_semantic(self, cache: PageCache, query: str) -> Scored | None:
        """The window that best matches `query` in meaning (embeddings cached for the run)."""
        with self._lock:
            ranked, vector = rank_semantic(cache, self.embedder, query, self._queries.get(query))
            if vector is not None:
                self._queries[query] = vector
                while len(self._queries) > MAX_CACHED_QUERIES:
                    self._queries.popitem(last=False)
        return ranked[0] if ranked else None

    def match(self, page_text: str, quote: str, kind: QuoteKind) -> Match:
        parts = parse_quote(quote)
        if not page_text.strip() or not parts.parts:
            return Match(QuoteVerdict.NOT_FOUND, 0.0, None, ("no text to match against",) if parts.parts else ())
        cache = self.page_cache(page_text)
        index = cache.index
        limits = self.thresholds[kind]

        exact = find_exact(index, parts)
        if exact is not None:
            spans = [index.token_original_span(start, end) for start, end in exact]
            return Match(QuoteVerdict.VERBATIM, 1.0, _evidence_for(index, spans)[2])

        fuzzy = find_fuzzy(index, parts)
        fuzzy_score = fuzzy.score if fuzzy is not None else 0.0
        if fuzzy is not None and fuzzy_score >= limits.near_verbatim:
            notes = find_distortions(parts.plain, index.text[fuzzy.start : fuzzy.end], page_figures=cache.figures)
            verdict = QuoteVerdict.DISTORTED if notes else QuoteVerdict.NEAR_VERBATIM
            return Match(verdict, round(fuzzy_score, 3), fuzzy.evidence, tuple(notes))

        if self.semantic:
            query = normalise(parts.plain).text
            statement = strip_attribution(query)  # the claim with and without "the author argues that"
            found = [b for q in dict.fromkeys((query, statement)) if (b := self.best_semantic(cache, q)) is not None]
            best = max(found, key=lambda b: b.cosine, default=None)
            if best is not None:
                window = index.windows[best.window]
                passage = index.text[window.start : window.end]
                # a clause window is checked with the rest of its sentence: "a contest it fights
                # alone" belongs with "... and it is likely to lose it"
                sentences = index.text[index.sentences[window.first][0] : index.sentences[window.last][1]]
                score = round(combined_score(best.cosine, fuzzy_score), 3)
                if score >= limits.related:
                    notes = find_distortions(parts.plain, sentences, page_figures=cache.figures)
                    if notes:
                        return Match(QuoteVerdict.DISTORTED, score, sentences, tuple(notes))
                    missing = names_not_on_page(parts.plain, cache.words())
                    if missing and score >= limits.paraphrase:
                        note = f"not on the page: {', '.join(dict.fromkeys(missing))}"
                        return Match(QuoteVerdict.NOT_FOUND, score, passage, (note,))
                    if score >= limits.paraphrase:
                        return Match(QuoteVerdict.PARAPHRASE, score, passage)
                return Match(QuoteVerdict.NOT_FOUND, score, passage if score >= limits.evidence else None)

        if fuzzy is None:
            return Match(QuoteVerdict.NOT_FOUND, 0.0, None)
        notes = find_distortions(parts.plain, index.text[fuzzy.start : fuzzy.end], page_figures=cache.figures)
        if fuzzy_score >= limits.related and notes:
            return Match(QuoteVerdict.DISTORTED, round(fuzzy_score, 3), fuzzy.evidence, tuple(notes))
        evidence = fuzzy.evidence if fuzzy_score >= limits.evidence else None
        return Match(QuoteVerdict.NOT_FOUND, round(fuzzy_score, 3), evidence)
