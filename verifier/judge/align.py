"""Token alignment of a statement with a passage: which statement word stands for which passage
word (the same word, the same lemma, the same stem, or a WordNet synonym), in order where the
order holds and as a moved phrase where it does not. What is left on either side between two
aligned words is a gap; the edits are read off the gaps and the moved words. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from verifier.judge import lexicon, words
from verifier.judge.text import STOPWORDS, TOKEN, TOKEN_ALIASES, normalise, stem

_SENTENCE_END = frozenset('.!?"“”:;')
SPELLINGS_KEPT = 1 << 15  # words whose American spelling is remembered (per process; ~5 MB when full)


@dataclass(frozen=True)
class Token:
    text: str  # normalised form
    lemmas: frozenset[str]
    stem: str
    content: bool  # not a function word and not a symbol
    name: bool  # capitalised where capitals are not required (a proper name or acronym)
    number: bool
    start: int  # original span
    end: int
    spelling: str = ""  # American spelling, to meet a British variant

    @property
    def year(self) -> bool:
        """A year written in digits ('1921', '2026')."""
        return self.number and len(self.text) == 4 and self.text[:2] in ("18", "19", "20", "21")


_CLOSED_CLASSES = (
    words.NEGATORS
    | words.CONDITIONS
    | words.CAUSAL
    | words.EXCLUSIVE
    | frozenset(words.HEDGES)
    | frozenset(words.SCOPE_RANK)
    | words.GRAMMAR_WORDS
)  # "Unless ...", "Should ...", "Among ...": a capital that starts a sentence, not a name


def tokens_of(text: str, begin: int = 0, stop: int | None = None) -> list[Token]:
    """The word tokens of text[begin:stop] with their lemmas and spans into `text`."""
    piece = text[begin:stop]
    norm = normalise(piece)
    found: list[Token] = []
    for match in TOKEN.finditer(norm.text):
        word = TOKEN_ALIASES.get(match.group(), match.group())
        start, end = norm.original_span(match.start(), match.end())
        start, end = start + begin, end + begin
        raw = text[start:end]
        raw_before = text[max(0, start - 80) : start]
        before = raw_before.rstrip()
        initial = not before or before[-1] in _SENTENCE_END or "\n" in raw_before[len(before) :] or start < 1
        number = word[0].isdecimal()
        symbol = word in "%$€£¥"
        capital = raw[:1].isupper()
        name = (
            capital
            and (not initial or raw.isupper() or not lexicon.is_known(word))
            and word not in STOPWORDS
            and word not in _CLOSED_CLASSES
            and len(word) > 1  # "Q:" and "A:" of an interview, an initial
        )
        lemmas = frozenset({word}) if number or symbol else lexicon.lemmas(word)
        content = (
            not symbol
            and word not in STOPWORDS
            and word.split("'")[0] not in STOPWORDS  # "i'd", "we'll"
            and not word.endswith("n't")  # "isn't", "won't": an auxiliary and its "not", compared as a negation
        )
        content = content or (capital and not initial and word in words.MONTHS)  # "in May": the month, not the modal
        found.append(Token(word, lemmas, stem(word), content, name, number, start, end, _american(word)))
    return found


class How(StrEnum):
    SAME = "same"  # identical word
    LEMMA = "lemma"  # another inflection
    STEM = "stem"  # another word of the same stem ("consumption" / "consume")
    SPELLING = "spelling"  # a spelling variant ("labour" / "labor", "organise" / "organize")
    SYNONYM = "synonym"  # WordNet synonym or near hypernym


_WEIGHTS = {How.SAME: 3.0, How.LEMMA: 2.5, How.SPELLING: 2.5, How.STEM: 2.0, How.SYNONYM: 1.5}

# British spellings and their American forms, applied to both words before comparing
_SPELLINGS = (
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"yse(s|d)?$"), r"yze\1"),
    (re.compile(r"(?<=[^aeiou])re(s)?$"), r"er\1"),
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"mme(s)?$"), r"m\1"),
    (re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
)


@lru_cache(maxsize=SPELLINGS_KEPT)
def _american(word: str) -> str:
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word.replace("ae", "e").replace("oe", "e")


_FUNCTION_WEIGHT = 0.8


def relate(quote: Token, source: Token) -> How | None:
    """How a statement word and a passage word are the same word, if they are."""
    if quote.text == source.text:
        return How.SAME
    if quote.number or source.number:
        return None
    if quote.lemmas & source.lemmas:
        return How.LEMMA
    if not (quote.content and source.content):
        return None
    if len(quote.stem) >= 4 and quote.stem == source.stem:
        return How.STEM
    if len(quote.text) >= 4 and quote.spelling == source.spelling:
        return How.SPELLING
    if quote.name or source.name:
        return None
    if lexicon.relation(quote.text, source.text) in (lexicon.Relation.SYNONYM, lexicon.Relation.SAME):
        return How.SYNONYM
    return None


@dataclass(frozen=True)
class Link:
    quote: int  # token indices
    source: int
    how: How
    moved: bool = False


@dataclass(frozen=True)
class Gap:
    quote: list[int]  # statement tokens nothing stands for (and names that moved)
    source: list[int]  # passage tokens nothing stands for
    inner: bool  # between two in-order links (not before the first or after the last)


@dataclass
class Alignment:
    quote: list[Token]
    source: list[Token]
    links: list[Link]  # in quote order
    quote_free: list[int] = field(default_factory=list)  # statement words nothing stands for
    gaps: list[Gap] = field(default_factory=list)  # what lies between consecutive in-order links

    @property
    def span(self) -> tuple[int, int]:
        """First and last passage token the statement covers (inclusive); (0, -1) when none."""
        positions = [link.source for link in self.links if not link.moved] or [link.source for link in self.links]
        return (min(positions), max(positions)) if positions else (0, -1)

    @property
    def anchors(self) -> list[tuple[int, int]]:
        """(statement token, passage token) of every in-order link, by statement position (the
        passage positions rise with them)."""
        return sorted((link.quote, link.source) for link in self.links if not link.moved)

    @property
    def in_order(self) -> float:
        """Share of the statement's content words aligned in order (1.0: the same words in the same
        order; function words are left out, since short ones align by chance or not at all)."""
        content = sum(1 for token in self.quote if token.content)
        if not content:
            return 0.0
        return sum(1 for link in self.links if not link.moved and self.quote[link.quote].content) / content


def _matches(quote: list[Token], source: list[Token]) -> list[dict[int, How]]:
    """For each statement word, the passage words that are the same word, and how."""
    matches: list[dict[int, How]] = []
    for q in quote:
        row: dict[int, How] = {}
        for j, s in enumerate(source):
            how = _related(q, s)
            if how is not None:
                row[j] = how
        matches.append(row)
    return matches


RELATIONS_KEPT = 1 << 14  # word pairs whose relation is remembered (per process; ~3 MB when full)
_relations: dict[tuple[str, bool, str, bool], How | None] = {}


def _related(quote: Token, source: Token) -> How | None:
    """`relate`, remembered per pair of words: a statement is aligned with several passages
    that share most of their words. `relate` reads of a token only its word and whether it is a
    name (its lemmas, stem, spelling, content and number follow from the word, `tokens_of`).
    Forgotten all at once when RELATIONS_KEPT are known."""
    key = (quote.text, quote.name, source.text, source.name)
    try:
        return _relations[key]  # one look-up: between an 'in' and a read another thread may clear it
    except KeyError:
        pass
    if len(_relations) >= RELATIONS_KEPT:
        _relations.clear()
    how = _relations[key] = relate(quote, source)
    return how


def _monotone(quote: list[Token], matches: list[dict[int, How]], n: int) -> list[Link]:
    """The heaviest in-order alignment (a weighted longest common subsequence)."""
    m = len(quote)
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        row_above, row_here, candidates = score[i - 1], score[i], matches[i - 1]
        content = quote[i - 1].content
        for j in range(1, n + 1):
            best = row_above[j] if row_above[j] > row_here[j - 1] else row_here[j - 1]
            how = candidates.get(j - 1)
            if how is not None:
                weight = _WEIGHTS[how] if content else _FUNCTION_WEIGHT
                best = max(best, row_above[j - 1] + weight)
            row_here[j] = best
    links: list[Link] = []
    i, j = m, n
    while i > 0 and j > 0:
        how = matches[i - 1].get(j - 1)
        weight = (_WEIGHTS[how] if quote[i - 1].content else _FUNCTION_WEIGHT) if how is not None else 0.0
        if how is not None and abs(score[i][j] - (score[i - 1][j - 1] + weight)) < 1e-9:
            links.append(Link(i - 1, j - 1, how))
            i, j = i - 1, j - 1
        elif score[i - 1][j] >= score[i][j - 1]:
            i -= 1
        else:
            j -= 1
    links.reverse()
    return _drop_stray_function_words(links, quote)


def _drop_stray_function_words(links: list[Link], quote: list[Token]) -> list[Link]:
    """A function word aligned far from any aligned content word is a coincidence ("the" meets
    "the" three sentences away); keep only those within two tokens of a content link."""
    content_sources = [link.source for link in links if quote[link.quote].content]
    return [
        link for link in links if quote[link.quote].content or any(abs(link.source - s) <= 2 for s in content_sources)
    ]


def align(quote: list[Token], source: list[Token]) -> Alignment:
    matches = _matches(quote, source)
    links = _monotone(quote, matches, len(source))
    used_quote = {link.quote for link in links}
    used_source = {link.source for link in links}
    # words that moved: a content word of the statement that is elsewhere in the passage
    for rank in (How.SAME, How.LEMMA, How.SPELLING, How.STEM, How.SYNONYM):
        for i, q in enumerate(quote):
            if i in used_quote or not q.content:
                continue
            for j, how in matches[i].items():
                if j not in used_source and how == rank:
                    links.append(Link(i, j, rank, moved=True))
                    used_quote.add(i)
                    used_source.add(j)
                    break
    links.sort(key=lambda link: link.quote)
    alignment = Alignment(quote, source, links)
    alignment.quote_free = [i for i in range(len(quote)) if i not in used_quote]
    alignment.gaps = _gaps(alignment, used_source)
    return alignment


def _gaps(alignment: Alignment, used_source: set[int]) -> list[Gap]:
    """The unaligned words between consecutive in-order links, on both sides; the words before
    the first and after the last link are gaps too (the passage side kept to a few words). A
    name that moved counts as unaligned here too: another name in its place is a swap."""
    anchors = [link for link in alignment.links if not link.moved]
    quote_open = set(alignment.quote_free) | {
        link.quote for link in alignment.links if link.moved and alignment.quote[link.quote].name
    }
    gaps: list[Gap] = []
    previous_q, previous_s = -1, -1
    for link in [*anchors, None]:
        q_end = link.quote if link is not None else len(alignment.quote)
        s_end = link.source if link is not None else len(alignment.source)
        if link is None:
            s_end = min(s_end, previous_s + 1 + _EDGE) if previous_s >= 0 else s_end
        s_begin = previous_s + 1 if previous_s >= 0 else max(0, s_end - _EDGE)
        quote_side = [i for i in range(previous_q + 1, q_end) if i in quote_open]
        source_side = [j for j in range(s_begin, s_end) if j not in used_source]
        if quote_side or source_side:
            gaps.append(Gap(quote_side, source_side, previous_s >= 0 and link is not None))
        if link is not None:
            previous_q, previous_s = link.quote, link.source
    return gaps


_EDGE = 6  # passage words before the first and after the last link that count as a gap
