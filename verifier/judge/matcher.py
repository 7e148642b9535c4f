"""The quote judge: page text + statement -> verdict, score, evidence, notes and edits.

Read top to bottom, one statement goes through:
  1. statement.py  cut the quote at its ellipses and brackets; strip a claim's reporting frame
  2. page.py       the page's sentences and windows, ranked for the statement's words
  3. exact         the quote's words in order on the page -> verbatim (the elided words checked)
  4. align.py      each candidate passage (one to three sentences) aligned word by word
  5. edits.py      every difference classified, harmless or meaning-bearing, with both sides
  6. verdict.py    the verdict from the edits, the coverage and (when needed) the meaning score
The sentence-embedding model (semantic.py) is consulted only when the words alone do not settle
the verdict: a statement reworded beyond what the lexicon links, or found by meaning alone."""

from __future__ import annotations

import collections
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from verifier.judge import lexicon
from verifier.judge import verdict as table
from verifier.judge.align import Alignment, Token, align, tokens_of
from verifier.judge.edits import Context, Judgement, classify
from verifier.judge.ellipsis import bracket_edits, cut_edits, elision_edits
from verifier.judge.figures import Figure, compare_figures, extract_figures
from verifier.judge.kinds import Edit
from verifier.judge.page import HEAD_CHARS, PageIndex, build_index
from verifier.judge.semantic import Embedder, Pieces, Vector
from verifier.judge.speakers import (
    answers_a_question,
    interview_introduction,
    is_page_author,
    paragraph_around,
    speakers_near,
    speaking_in,
    words_of_speaker,
)
from verifier.judge.statement import QuoteParts, parse_quote, statement_speaker, strip_attribution
from verifier.judge.text import TOKEN, content_stems, normalise, stem
from verifier.judge.verdict import Thresholds
from verifier.records import Match, QuoteEdit, QuoteKind, QuoteVerdict

WORD_MEANING = 0.55  # cosine of two words' vectors in context at or above which one stands for the other
LEXICAL_CANDIDATES = 6  # passages aligned word by word per statement
SEMANTIC_CANDIDATES = 4  # windows embedded per statement
MAX_PASSAGE_SENTENCES = 3
_MIN_WINDOW_CHARS = 300  # windows of several sentences longer than this and than
_WINDOW_STRETCH = 2.5  # this many times the statement are not embedded
MAX_CACHED_PAGES = 16
_PROMINENT = 3  # times a name is written on a page that make it one of the page's main voices
MAX_CACHED_QUERIES = 1024
_MAX_PLACEMENTS = 64  # occurrences of one part of a quote tried on a page
_MAX_EVIDENCE_CHARS = 1500
_ACRONYM = 5  # letters of the longest acronym looked up as the initials of words on the page
_ROOT = 4  # letters two forms of a name share at least ("Chin-a", "Chin-ese")
_EXTRA_SENTENCE_COST = 0.06  # a passage of more sentences must cover that much more per sentence
_FIGURE_CONFLICT_COST = 0.15  # a passage contradicting a figure of the statement is less likely its source
_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")  # 'mid-sized', 'e-mail'
_CLOSED = re.compile(r"(?<![-\w])[^\W\d_]{5,}(?![-\w])")  # a word without a hyphen, long enough to be a compound


# ---------------------------------------------------------------- the page, cached per run


@dataclass
class PageCache:
    """A page's index, its sentences' tokens and the embeddings computed so far (for the run)."""

    index: PageIndex
    vectors: dict[int, Vector] = field(default_factory=dict)
    range_vectors: dict[tuple[int, int], Vector] = field(default_factory=dict)  # passages that are no window
    sentence_tokens: dict[int, list[Token]] = field(default_factory=dict)
    _figures: tuple[Figure, ...] | None = None
    name_sets: dict[tuple[str, int, int], NameSet] = field(default_factory=dict)  # see _names_of
    _names: NameSet | None = None
    _counts: collections.Counter[str] | None = None
    _head: frozenset[str] = frozenset()
    _compounds: dict[str, int] | None = None
    _introduction: NameSet | None = None

    def figures(self) -> tuple[Figure, ...]:
        if self._figures is None:
            self._figures = extract_figures(self.index.text)
        return self._figures

    def names_around(self, first: int, last: int) -> NameSet:
        """The names of the paragraph around sentences first..last (see speakers.paragraph_around)."""
        return self._names_of("around", first, last, lambda: paragraph_around(self.index, first, last))

    def names_in(self, first: int, last: int) -> NameSet:
        """The names of sentences first..last themselves."""
        start, end = self.index.sentences[first][0], self.index.sentences[last][1]
        return self._names_of("in", first, last, lambda: self.index.text[start:end])

    def _names_of(self, where: str, first: int, last: int, text: Callable[[], str]) -> NameSet:
        """A NameSet of the text around or in sentences first..last, made once for the run."""
        found = self.name_sets.get((where, first, last))
        if found is None:
            found = self.name_sets[(where, first, last)] = NameSet(normalise(text()).text)
        return found

    def named_together(self, names: Collection[str]) -> bool:
        """Does one sentence of the page name all of these?"""
        return any(all(name in self.names_in(k, k) for name in names) for k in range(len(self.index.sentences)))

    def introduced(self, word: str) -> bool:
        """Is this name in an interview's introduction, where the interviewee is named?"""
        if self._introduction is None:
            self._introduction = NameSet(normalise(interview_introduction(self.index.text)).text)
        return word in self._introduction

    def prominent(self, word: str) -> bool:
        """Is this (normalised) word one of the page's main voices: in its head (title, standfirst,
        byline) or written at least _PROMINENT times?"""
        if self._counts is None:
            self._counts = collections.Counter(stem(t) for t in TOKEN.findall(self.index.norm.text))
            self._head = frozenset(stem(t) for t in TOKEN.findall(self.index.norm.text[:HEAD_CHARS]))
        parts = [stem(part) for part in TOKEN.findall(word)]  # "rhys-hartley": either part
        return any(part in self._head or self._counts[part] >= _PROMINENT for part in parts)

    def compound_like_page(self, statement: str) -> str:
        """The statement with its compounds written as the page writes them: 'midsized' as
        'mid-sized' where only the page hyphenates it, 'e-mail' as 'email' where only the page
        closes it up (a spelling variant, not a word added or dropped)."""
        if self._compounds is None:
            self._compounds = {stem(a + b): len(a) for a, b in _HYPHENATED.findall(self.index.norm.text)}
        compounds, stems = self._compounds, self._page_names().stems  # the stems of every word on the page

        def closed(found: re.Match[str]) -> str:
            joined = stem((found[1] + found[2]).casefold())
            return found[1] + found[2] if joined in stems else found[0]

        def hyphenated(found: re.Match[str]) -> str:
            word = found[0]
            key = stem(word.casefold())
            cut = None if key in stems else compounds.get(key)
            return word if cut is None else f"{word[:cut]}-{word[cut:]}"

        return _CLOSED.sub(hyphenated, _HYPHENATED.sub(closed, statement))

    def has_name(self, word: str) -> bool:
        """Is this normalised name on the page (see NameSet)?"""
        return word in self._page_names()

    def _page_names(self) -> NameSet:
        if self._names is None:
            self._names = NameSet(self.index.norm.text)
        return self._names

    def tokens(self, first: int, last: int) -> list[Token]:
        """The tokens of sentences first..last, spans into the page text."""
        found: list[Token] = []
        for sentence in range(first, last + 1):
            cached = self.sentence_tokens.get(sentence)
            if cached is None:
                start, end = self.index.sentences[sentence]
                cached = self.sentence_tokens[sentence] = tokens_of(self.index.text, start, end)
            found.extend(cached)
        return found


class NameSet:
    """The words of a text, to look names up in: a name is in it when every word of the name is,
    or a word of the same stem or root ('American' for 'America', 'Chinese' for 'China',
    'Western' for 'West')."""

    def __init__(self, normalised_text: str) -> None:
        words = TOKEN.findall(normalised_text)
        self.stems = frozenset(stem(t) for t in words)
        initials = [w[0] for w in words]
        self.acronyms = frozenset(
            "".join(initials[k : k + n]) for n in range(2, _ACRONYM + 1) for k in range(len(words) - n + 1)
        )  # "gross domestic product" for "GDP", "chief executive officer" for "CEO"
        self.roots: dict[str, list[str]] = {}
        for word in self.stems:
            if len(word) >= _ROOT:
                self.roots.setdefault(word[:_ROOT], []).append(word)

    def __contains__(self, name: object) -> bool:
        """Is the name (normalised, or an acronym in its capitals) here?"""
        return isinstance(name, str) and all(self._has(part) for part in name.split())

    def _has(self, word: str) -> bool:
        initials = word.removesuffix("s").lower()
        if word[:2].isupper() and 2 <= len(initials) <= _ACRONYM and initials in self.acronyms:
            return True  # an acronym as written ("CEOs"): the words it stands for are here
        word = word.lower()
        if stem(word) in self.stems:
            return True
        return any(
            _shared_prefix(word, other) * 2 >= min(len(word), len(other)) for other in self.roots.get(word[:_ROOT], ())
        )


def _shared_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


# ---------------------------------------------------------------- exact matching


def _is_token_boundary(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " ")


def find_exact(index: PageIndex, quote: QuoteParts) -> list[tuple[int, int]] | None:
    """Token-text spans of every part, in order, or None when the words are not all on the page
    exactly as written ("U.S." for "United States" is near-verbatim, not verbatim). Of the
    placements, the tightest: "We ... include" is read across the "do not" of the sentence that
    has both, not from the page's first "We" to a later "include"."""
    text = index.token_text
    if not quote.parts:
        return None

    def occurrences(part_index: int, after: int) -> Iterator[tuple[int, int]]:
        part = quote.parts[part_index]
        position = text.find(part, after)
        for _ in range(_MAX_PLACEMENTS):
            if position == -1:
                return
            end = position + len(part)
            if _is_token_boundary(text, position, end) and index.raw_tokens(position, end) == quote.written[part_index]:
                yield position, end
            position = text.find(part, position + 1)

    def place_rest(part_index: int, after: int) -> list[tuple[int, int]] | None:
        """The later parts, each at its nearest place after the one before, within its gap."""
        if part_index == len(quote.parts):
            return []
        for position, end in occurrences(part_index, after):
            if text.count(" ", after, position) > quote.gaps[part_index - 1]:
                return None
            rest = place_rest(part_index + 1, end)
            if rest is not None:
                return [(position, end), *rest]
        return None

    best: list[tuple[int, int]] | None = None
    for position, end in occurrences(0, 0):
        rest = place_rest(1, end)
        if rest is not None:
            placed = [(position, end), *rest]
            if best is None or placed[-1][1] - position < best[-1][1] - best[0][0]:
                best = placed
            if len(quote.parts) == 1:
                break  # one part: every placement is as tight as the first
    return best


def _sentence_range(index: PageIndex, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    first = min(index.sentence_of(start) for start, _ in spans)
    last = max(index.sentence_of(max(start, end - 1)) for start, end in spans)
    return first, last


def _evidence(index: PageIndex, first: int, last: int) -> str:
    start, end = index.sentences[first][0], index.sentences[last][1]
    text = index.text[start:end]
    if len(text) <= _MAX_EVIDENCE_CHARS:
        return text
    return text[: _MAX_EVIDENCE_CHARS - 1].rsplit(" ", 1)[0] + " …"


# ---------------------------------------------------------------- candidates


@dataclass
class Candidate:
    first: int  # sentence range
    last: int
    alignment: Alignment
    judgement: Judgement
    cosine: float | None = None
    figure_conflicts: int = 0  # the statement's figures this passage contradicts

    @property
    def strength(self) -> float:
        extra_sentences = self.last - self.first
        return (
            self.judgement.coverage
            + 0.1 * self.alignment.in_order
            + 0.5 * (self.cosine or 0.0)
            - _EXTRA_SENTENCE_COST * extra_sentences
        )


class QuoteMatcher:
    """Checks quotes and claims against page texts. One per run: it caches the index (and the
    embeddings) of each page text it has seen, and loads the embedding model on first need."""

    def __init__(
        self,
        *,
        semantic: bool = True,
        quote_thresholds: Thresholds = table.DEFAULT_QUOTE_THRESHOLDS,
        claim_thresholds: Thresholds = table.DEFAULT_CLAIM_THRESHOLDS,
        embedder: Embedder | None = None,
    ) -> None:
        self.semantic = semantic
        self.thresholds = {QuoteKind.QUOTE: quote_thresholds, QuoteKind.CLAIM: claim_thresholds}
        self.embedder = embedder if embedder is not None else Embedder()
        self._pages: OrderedDict[str, PageCache] = OrderedDict()
        self._queries: OrderedDict[str, Vector] = OrderedDict()
        self._pieces: OrderedDict[str, Pieces] = OrderedDict()  # word pieces in context, for _close_in_meaning
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
        """Drop every cached embedding (page indexes are kept): for timing a first look."""
        with self._lock:
            self._queries.clear()
            self._pieces.clear()
            for cache in self._pages.values():
                cache.vectors.clear()
                cache.range_vectors.clear()

    # ------------------------------------------------------------ semantic helpers

    def _embed(self, cache: PageCache, query: str, windows: Sequence[int]) -> tuple[Vector, list[Vector]]:
        """The query's vector and the windows' (cached for the run)."""
        index = cache.index
        with self._lock:
            query_vector = self._queries.get(query)
            missing = [w for w in windows if w not in cache.vectors]
            texts = ([query] if query_vector is None else []) + [index.window_text(index.windows[w]) for w in missing]
            if texts:
                vectors = list(self.embedder.encode(texts))
                if query_vector is None:
                    query_vector = vectors.pop(0)
                    self._queries[query] = query_vector
                    _bound(self._queries)
                cache.vectors.update(zip(missing, vectors, strict=True))
            assert query_vector is not None
            return query_vector, [cache.vectors[w] for w in windows]

    def _semantic_windows(self, cache: PageCache, query: str) -> list[tuple[float, int]]:
        """(cosine, window) of the lexically best windows, best first."""
        index = cache.index
        longest = max(_MIN_WINDOW_CHARS, int(_WINDOW_STRETCH * len(query)))
        ranked = index.rank_windows(content_stems(query) or query.split(), SEMANTIC_CANDIDATES, longest)
        if not ranked:
            return []
        windows = [w for _, w in ranked]
        query_vector, vectors = self._embed(cache, query, windows)
        scored = [(float(v @ query_vector), w) for v, w in zip(vectors, windows, strict=True)]
        scored.sort(key=lambda item: (item[0], index.windows[item[1]].start - index.windows[item[1]].end), reverse=True)
        return scored

    def cosine(self, cache: PageCache, query: str, first: int, last: int) -> float:
        """Cosine of the statement with the sentences first..last."""
        index = cache.index
        window = next(
            (
                i
                for i in index.sentence_windows[first]
                if (index.windows[i].first, index.windows[i].last) == (first, last) and index.windows[i].stems is None
            ),
            None,
        )
        if window is None:
            query_vector = self._vectors([query], self._queries)[0]
            with self._lock:
                vector = cache.range_vectors.get((first, last))
                if vector is None:
                    text = normalise(index.text[index.sentences[first][0] : index.sentences[last][1]]).text
                    vector = cache.range_vectors[(first, last)] = self.embedder.encode([text])[0]
            return float(vector @ query_vector)
        query_vector, (vector,) = self._embed(cache, query, [window])
        return float(vector @ query_vector)

    def _vectors(self, texts: Sequence[str], memo: OrderedDict[str, Vector]) -> list[Vector]:
        """Embeddings of short texts (statements, words), kept in `memo` for the run (bounded)."""
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in memo]
            if missing:
                memo.update(zip(missing, self.embedder.encode(missing), strict=True))
            found = [memo[t] for t in texts]
            for text in texts:
                memo.move_to_end(text)
            _bound(memo)
            return found

    # ------------------------------------------------------------ the judge

    def _judge(
        self,
        cache: PageCache,
        statement: str,
        tokens: list[Token],
        speaker: Sequence[str],
        passage: tuple[int, int],
        *,
        trim: bool = True,
    ) -> Candidate:
        """The statement judged against sentences first..last; with `trim`, less any sentence at
        either end that none of its content words align with (such a sentence only brings
        negations and hedges of its own). The window found by meaning is judged as it is."""
        first, last = passage
        index = cache.index
        alignment = align(tokens, cache.tokens(first, last))
        aligned = _aligned_sentences(index, alignment)
        trimmed = _trim(first, last, aligned) if trim else passage
        if trimmed != passage:
            first, last = trimmed
            alignment = align(tokens, cache.tokens(first, last))
            aligned = _aligned_sentences(index, alignment)
        start, end = index.sentences[first][0], index.sentences[last][1]
        figures = compare_figures(statement, index.text[start:end], page_figures=cache.figures)
        nearby = cache.names_around(first, last)
        passage_names = cache.names_in(first, last)
        main = max(aligned, key=lambda sentence: aligned[sentence]) if aligned else None
        quoted = bool(speaker) and not is_page_author(index, speaker)
        answer = quoted and answers_a_question(index, first, last)
        if quoted:
            speakers = speakers_near(index, first, last, main)
        else:  # an author speaks for the whole page, but not for a sentence that has another say it
            speakers = speaking_in(index, first) if speaker and first == last else ()
        context = Context(
            figure_tokens=_figure_tokens(statement),
            named_nearby=lambda name: name in nearby,
            named_in_passage=lambda name: name in passage_names,
            source_text=index.text,
            statement_text=statement,
            page_has_name=cache.has_name,
            weight=lambda token: index.weight(token.stem),
            speakers=speakers,
            statement_speaker=speaker,
            credited_to_none=quoted and not speakers and not answer,
            in_an_answer=answer,
            introduced=cache.introduced,
            prominent=cache.prominent,
            named_together=cache.named_together,
        )
        return Candidate(first, last, alignment, classify(alignment, context, figures), figure_conflicts=len(figures))

    def _candidates(self, cache: PageCache, query: str) -> list[tuple[int, int]]:
        index = cache.index
        ranked = index.rank_windows(content_stems(query) or query.split(), LEXICAL_CANDIDATES * 2)
        ranges: list[tuple[int, int]] = []
        for _, window_index in ranked:
            window = index.windows[window_index]
            found = (window.first, window.last)
            if found not in ranges and window.last - window.first < MAX_PASSAGE_SENTENCES:
                ranges.append(found)
            if len(ranges) >= LEXICAL_CANDIDATES:
                break
        return ranges

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
            first, last = _sentence_range(index, spans)
            evidence = _evidence(index, first, last)
            found = [*elision_edits(index, parts, spans), *bracket_edits(index, parts, spans), *cut_edits(index, spans)]
            if found:
                notes = tuple(e.note for e in found)
                return Match(QuoteVerdict.DISTORTED, 1.0, evidence, notes, _report_edits(found))
            return Match(QuoteVerdict.VERBATIM, 1.0, evidence)

        best = self.best_candidate(cache, parts, kind)
        if best is None:
            return Match(QuoteVerdict.NOT_FOUND, 0.0, None)
        decision = table.decide(kind, best.judgement, best.alignment.in_order, best.cosine, limits)
        shown = _evidence(index, best.first, best.last) if decision.show_evidence else None
        return Match(decision.verdict, decision.score, shown, decision.notes, _report_edits(best.judgement.edits))

    def best_candidate(self, cache: PageCache, parts: QuoteParts, kind: QuoteKind) -> Candidate | None:
        """The passage that best supports the statement, judged; with its cosine when the verdict
        depends on meaning."""
        statement = cache.compound_like_page(parts.plain)
        speaker: tuple[str, ...] = ()
        # a claim's frame, or that of a quote given with its frame ('Dr Lee said the closure was "a
        # blow"'): the frame names the speaker and is not part of the quoted words
        named = statement_speaker(statement) if kind is QuoteKind.CLAIM or _QUOTE_MARK.search(statement) else None
        if kind is QuoteKind.CLAIM or named is not None:
            speaker = tuple(words_of_speaker(named)) if named else ()
            statement = strip_attribution(statement)
        tokens = tokens_of(statement)
        query = normalise(statement).text
        candidates = [
            self._judge(cache, statement, tokens, speaker, passage) for passage in self._candidates(cache, query)
        ]
        best = max(candidates, key=lambda c: c.strength, default=None)
        limits = self.thresholds[kind]
        needs_meaning = best is None or table.needs_meaning(kind, best.judgement, best.alignment.in_order, limits)
        if needs_meaning and self.semantic:
            scored = self._semantic_windows(cache, query)
            if scored:
                window = cache.index.windows[scored[0][1]]
                seen = {(c.first, c.last) for c in candidates}
                if (window.first, window.last) not in seen:
                    candidates.append(
                        self._judge(cache, statement, tokens, speaker, (window.first, window.last), trim=False)
                    )
            for candidate in candidates:
                candidate.cosine = self.cosine(cache, query, candidate.first, candidate.last)
            best = max(candidates, key=lambda c: c.strength, default=None)
            if best is not None and best.judgement.uncovered and not best.judgement.missing_names:
                best.judgement.cover(self._close_in_meaning(cache, statement, best))
        return best

    def _close_in_meaning(self, cache: PageCache, statement: str, candidate: Candidate) -> set[str]:
        """The statement's uncovered words (not names, not figures) whose vector in context is close
        to a passage word's in its context ('the rules will be reviewed' for 'a review is due'),
        where the lexicon is silent. Each side is read as a whole (statement, passage), word pieces
        averaged per word."""
        wanted = set(candidate.judgement.uncovered)
        quote = [
            t for t in candidate.alignment.quote if statement[t.start : t.end] in wanted and not (t.name or t.number)
        ]
        if not quote:
            return set()
        index = cache.index
        start = index.sentences[candidate.first][0]
        passage = index.text[start : index.sentences[candidate.last][1]]
        content = [t for t in candidate.alignment.source if t.content]
        spans = [(t.start - start, t.end - start) for t in content]
        vectors = _word_vectors(self._pieces_of(passage), spans)
        theirs = [(v, t.text) for v, t in zip(vectors, content, strict=True) if v is not None]
        if not theirs:
            return set()
        ours = _word_vectors(self._pieces_of(statement), [(t.start, t.end) for t in quote])
        others = np.stack([v for v, _ in theirs])
        found: set[str] = set()
        for token, vector in zip(quote, ours, strict=True):
            if vector is None:
                continue
            similarity = others @ vector
            best = int(similarity.argmax())
            word, nearest = token.text, theirs[best][1]
            if similarity[best] >= WORD_MEANING and not lexicon.opposes(word, nearest):
                found.add(statement[token.start : token.end])  # an opposite is near in meaning, not the same
        return found

    def _pieces_of(self, text: str) -> Pieces:
        """The text's word pieces in context, kept for the run (bounded)."""
        with self._lock:
            found = self._pieces.get(text)
            if found is None:
                found = self._pieces[text] = self.embedder.token_vectors(text)
                _bound(self._pieces)
            return found


_QUOTE_MARK = re.compile('["“”]')


def _word_vectors(pieces: Pieces, spans: Sequence[tuple[int, int]]) -> list[Vector | None]:
    """A unit vector for each word span, the mean of its pieces'; None for a word the model did
    not read (the text was truncated before it)."""
    offsets, vectors = pieces
    found: list[Vector | None] = []
    for begin, end in spans:
        inside = [k for k, (a, b) in enumerate(offsets) if a >= begin and b <= end]
        mean = vectors[inside].mean(axis=0) if inside else None
        found.append(None if mean is None else (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32))
    return found


_Kept = TypeVar("_Kept")


def _bound(memo: OrderedDict[str, _Kept]) -> None:
    """Forget the oldest embeddings beyond MAX_CACHED_QUERIES."""
    while len(memo) > MAX_CACHED_QUERIES:
        memo.popitem(last=False)


def _aligned_sentences(index: PageIndex, alignment: Alignment) -> dict[int, int]:
    """Sentence -> how many of the statement's content words align with it."""
    counts: dict[int, int] = {}
    for link in alignment.links:
        if alignment.quote[link.quote].content:
            sentence = index.sentence_of(alignment.source[link.source].start)
            counts[sentence] = counts.get(sentence, 0) + 1
    return counts


def _trim(first: int, last: int, aligned: dict[int, int]) -> tuple[int, int]:
    while first < last and first not in aligned:
        first += 1
    while last > first and last not in aligned:
        last -= 1
    return first, last


def _figure_tokens(statement: str) -> frozenset[int]:
    """Indices of the statement tokens that belong to its figures (bound words included)."""
    found: set[int] = set()
    for figure in extract_figures(statement):
        begin = figure.position - len(figure.bound_words.split())
        if figure.dimension == "interval" and figure.surface.split()[0] in ("every", "each"):
            begin += 1  # "every year" also says "all the years": its 'every' is compared as a quantifier too
        found.update(range(begin, figure.position + figure.length))
    return frozenset(found)


def _report_edits(edits: Sequence[Edit]) -> tuple[QuoteEdit, ...]:
    return tuple(QuoteEdit(e.kind.value, e.quote, e.source) for e in edits)
