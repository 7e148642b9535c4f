"""Lexical knowledge from WordNet 3.0: base forms and the relation between two words.

The data is a compact derivative of WordNet built by ``tools/build_lexicon.py`` (format in its
docstring) and shipped as ``data/wordnet.tsv.gz``.  It is loaded lazily, once per process, on the
first call, under a lock.  Pure otherwise: every function answers from the loaded tables and is
memoised.

* :func:`lemmas` -- WordNet's morphy over every part of speech.
* :func:`relation` -- SAME, ANTONYM, SYNONYM, HYPERNYM, SIBLING or UNRELATED (checked in that
  order; number words short-cut to SIBLING, never SYNONYM).
* :func:`is_known` -- the word or one of its base forms is a WordNet lemma.
"""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

__all__ = ["Relation", "is_known", "lemmas", "relation"]

DATA_FILE = Path(__file__).with_name("data") / "wordnet.tsv.gz"
_FORMAT = "#wordnet-lexicon 1"

POSES = ("n", "v", "a", "r")
TOP_SENSES = 3  # senses per part of speech that count for synonymy, hypernymy and siblings
HYPERNYM_STEPS = 2  # 'vehicle' is a HYPERNYM of 'car' up to this many steps up
# Siblings (co-hyponyms) share an ancestor at most this many steps up on each side: two for nouns
# (dog -> canine -> carnivore <- feline <- cat), one (the direct hypernym) for verbs, whose
# hierarchy is shallow and broad.
NOUN_SIBLING_STEPS = 2
# A synset this close to a root (entity, physical_entity, abstraction, object, whole, person,
# causal_agent; the verb roots change, move, be, make) is neither a HYPERNYM nor a sibling parent.
NOUN_MIN_DEPTH = 4
VERB_MIN_DEPTH = 1
# Nor is a parent with more hyponyms (transitively) than this: artifact (10698), organism,
# content (2317), communicate (637 verbs). carnivore (365), time_period (680) qualify.
NOUN_MAX_DESCENDANTS = 1000
VERB_MAX_DESCENDANTS = 300

# Morphy's detachment rules (WordNet morph.c), per part of speech.
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
          ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}  # fmt: skip

# Cardinals, ordinals, fractions and scale words: facts, never interchangeable. Two different ones
# are SIBLINGs (twelve/dozen, billion/trillion, 10/ten included); with any other word they are
# never SYNONYMs (WordNet puts 'ten' with 'decade', 'one' with 'i' and 'ace').
NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
    "billion", "trillion", "quadrillion", "quintillion", "lakh", "crore", "dozen", "half", "quarter",
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "twentieth", "hundredth", "thousandth", "millionth", "billionth", "trillionth",
})  # fmt: skip


class Relation(StrEnum):
    SAME = "same"  # share a base form (went/go, mice/mouse)
    SYNONYM = "synonym"  # share a synset among their first senses (big/large)
    HYPERNYM = "hypernym"  # one generalises the other within two steps (vehicle/car)
    ANTONYM = "antonym"  # WordNet antonyms, direct or derived (increase/decrease, higher/lower)
    SIBLING = "sibling"  # co-hyponyms (swedish/danish, january/march), or two different numbers
    UNRELATED = "unrelated"


@dataclass(frozen=True, slots=True)
class _Synset:
    pos: str
    depth: int
    descendants: int
    hypernyms: tuple[int, ...]
    similar: tuple[int, ...]


class _Lexicon:
    """The loaded tables. Synset and lemma records are kept as text and parsed on first use, which
    keeps loading well under a second; the parsed forms are cached (idempotent, so thread-safe)."""

    __slots__ = ("_senses", "_synsets", "antonyms", "exceptions", "synset_lines", "word_lines")

    def __init__(self, text: str) -> None:
        if not text.startswith(_FORMAT):
            raise ValueError(f"{DATA_FILE}: not a {_FORMAT!r} file")
        self.synset_lines: list[str] = []  # by id: "<id>\t<wnid>\t<pos>\t<depth>\t<descendants>\t..."
        self.word_lines: dict[str, str] = {}  # lemma -> "<n>\t<v>\t<a>\t<r>" (synset ids)
        self.antonyms: dict[str, frozenset[str]] = {}
        self.exceptions: dict[str, dict[str, tuple[str, ...]]] = {pos: {} for pos in POSES}
        for line in text.splitlines():
            kind = line[:1]
            if kind == "S":
                self.synset_lines.append(line[2:])
            elif kind == "W":
                lemma, rest = line[2:].split("\t", 1)
                self.word_lines[lemma] = rest
            elif kind == "A":
                lemma, others = line[2:].split("\t")
                self.antonyms[lemma] = frozenset(others.split())
            elif kind == "X":
                pos, form, bases = line[2:].split("\t")
                self.exceptions[pos][form] = tuple(bases.split())
        last = self.synset_lines[-1] if self.synset_lines else "-1"
        if int(last.split("\t", 1)[0]) != len(self.synset_lines) - 1:
            raise ValueError(f"{DATA_FILE}: synset ids are not 0..n-1")
        self._synsets: list[_Synset | None] = [None] * len(self.synset_lines)
        self._senses: dict[str, tuple[tuple[int, ...], ...]] = {}

    def synset(self, sid: int) -> _Synset:
        parsed = self._synsets[sid]
        if parsed is None:
            _, _wnid, pos, depth, descendants, hypers, similar = self.synset_lines[sid].split("\t")
            parsed = _Synset(pos, int(depth), int(descendants), _ids(hypers), _ids(similar))
            self._synsets[sid] = parsed
        return parsed

    def senses(self, lemma: str) -> tuple[tuple[int, ...], ...] | None:
        """Synset ids per POS (n, v, a, r) in sense order; None when not a lemma."""
        parsed = self._senses.get(lemma)
        if parsed is None:
            line = self.word_lines.get(lemma)
            if line is None:
                return None
            parsed = tuple(_ids(field) for field in line.split("\t"))
            self._senses[lemma] = parsed
        return parsed


_lock = threading.Lock()
_loaded: dict[str, _Lexicon] = {}  # "lexicon" -> the tables, once loaded


def _ids(field: str) -> tuple[int, ...]:
    return tuple(map(int, field.split())) if field else ()


def _lexicon() -> _Lexicon:
    lex = _loaded.get("lexicon")
    if lex is None:
        with _lock:
            lex = _loaded.get("lexicon")
            if lex is None:
                with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
                    lex = _Lexicon(fh.read())
                _loaded["lexicon"] = lex
    return lex


def _morphy(lex: _Lexicon, word: str, pos_index: int) -> list[str]:
    """WordNet's morphy for one part of speech: base forms of ``word`` that are lemmas of it.

    Like WordNet's own morph.c, the detachment rules are applied once (nltk keeps applying them,
    which turns 'less' into 'le').
    """
    pos = POSES[pos_index]

    def filtered(forms: list[str]) -> list[str]:
        out: list[str] = []
        for form in forms:
            line = lex.word_lines.get(form)
            if line is not None and line.split("\t")[pos_index] and form not in out:
                out.append(form)
        return out

    exceptions = lex.exceptions[pos].get(word)
    if exceptions is not None:
        return filtered([word, *exceptions])
    rules = _RULES[pos]

    def apply(forms: list[str]) -> list[str]:
        return [form[: -len(old)] + new for form in forms for old, new in rules if form.endswith(old)]

    return filtered([word, *apply([word])])


@lru_cache(maxsize=1 << 16)
def lemmas(word: str) -> frozenset[str]:
    """Base forms of a lowercase word over all parts of speech ({word} when WordNet has none)."""
    lex = _lexicon()
    word = word.lower()
    found = {base for i in range(len(POSES)) for base in _morphy(lex, word, i)}
    return frozenset(found) if found else frozenset((word,))


def is_known(word: str) -> bool:
    """Whether the word, or one of its base forms, is a WordNet lemma."""
    lex = _lexicon()
    return any(base in lex.word_lines for base in lemmas(word))


@dataclass(frozen=True, slots=True)
class _Profile:
    """What relation() needs about a word, from the first TOP_SENSES senses of its base forms."""

    synsets: frozenset[int]
    similar: frozenset[int]  # similar-to synsets (adjective heads <-> satellites)
    hypernyms: frozenset[int]  # non-generic ancestors at most HYPERNYM_STEPS up
    parents: frozenset[int]  # ancestors that make siblings (see _sibling_parent)


@lru_cache(maxsize=1 << 16)
def _profile(bases: frozenset[str]) -> _Profile:
    lex = _lexicon()
    synset = lex.synset
    top: set[int] = set()
    for base in bases:
        entry = lex.senses(base)
        if entry is not None:
            for ids in entry:
                top.update(ids[:TOP_SENSES])
    similar = {x for s in top for x in synset(s).similar}
    hypernyms = {h for s in top for h in _ancestors(s, HYPERNYM_STEPS) if not _generic(synset(h))}
    parents = {
        h
        for s in top
        for h in _ancestors(s, NOUN_SIBLING_STEPS if synset(s).pos == "n" else 1)
        if _sibling_parent(synset(h))
    }
    return _Profile(frozenset(top), frozenset(similar), frozenset(hypernyms), frozenset(parents))


def _ancestors(synset: int, steps: int) -> set[int]:
    """Hypernyms (and instance hypernyms) at most ``steps`` steps above ``synset``."""
    lex = _lexicon()
    seen: set[int] = set()
    frontier = {synset}
    for _ in range(steps):
        frontier = {h for s in frontier for h in lex.synset(s).hypernyms} - seen
        seen |= frontier
    return seen


def _generic(synset: _Synset) -> bool:
    """Too high in the hierarchy to count as a hypernym: noun or verb near a root."""
    return synset.depth < (NOUN_MIN_DEPTH if synset.pos == "n" else VERB_MIN_DEPTH)


def _sibling_parent(synset: _Synset) -> bool:
    """Specific enough for its hyponyms to be siblings (carnivore, month; not artifact, change)."""
    if synset.pos == "n":
        return synset.depth >= NOUN_MIN_DEPTH and synset.descendants <= NOUN_MAX_DESCENDANTS
    return synset.pos == "v" and synset.depth >= VERB_MIN_DEPTH and synset.descendants <= VERB_MAX_DESCENDANTS


def _is_number(word: str, bases: frozenset[str]) -> bool:
    return word.isdecimal() or word in NUMBER_WORDS or not NUMBER_WORDS.isdisjoint(bases)


def relation(a: str, b: str) -> Relation:
    """How two lowercase words (any inflection) relate in WordNet; symmetric. Two words that
    WordNet does not relate, one or both an adverb in -ly, relate as their adjectives do
    ('rapidly' and 'slowly' as 'rapid' and 'slow': WordNet links few adverbs to each other)."""
    a, b = a.lower(), b.lower()
    found = _relation(a, b) if a <= b else _relation(b, a)
    if found is Relation.UNRELATED:
        base_a, base_b = adjective_of(a), adjective_of(b)
        if (base_a, base_b) != (a, b):
            return _relation(base_a, base_b) if base_a <= base_b else _relation(base_b, base_a)
    return found


def adjective_of(word: str) -> str:
    """The adjective an adverb in -ly is made from ('rapidly' -> 'rapid', 'easily' -> 'easy',
    'probably' -> 'probable'), or the word itself."""
    if len(word) <= _MIN_ADVERB or not word.endswith("ly"):
        return word
    stem = word[:-2]
    for base in (stem, stem[:-1] + "y" if stem.endswith("i") else "", stem + "le" if stem.endswith("ab") else ""):
        if base and is_adjective(base):
            return base
    return word


_MIN_ADVERB = 5  # letters: 'only', 'ugly', 'holy' are no adverbs of an adjective


@lru_cache(maxsize=1 << 17)
def _relation(a: str, b: str) -> Relation:
    if a == b:
        return Relation.SAME
    lex = _lexicon()
    la, lb = lemmas(a), lemmas(b)
    if not la.isdisjoint(lb):
        return Relation.SAME
    number_a, number_b = _is_number(a, la), _is_number(b, lb)
    if number_a and number_b:
        return Relation.SIBLING
    for base in la:
        opposite = lex.antonyms.get(base)
        if opposite is not None and not opposite.isdisjoint(lb):
            return Relation.ANTONYM
    pa, pb = _profile(la), _profile(lb)
    if not pa.synsets or not pb.synsets:
        return Relation.UNRELATED
    if not (number_a or number_b) and not (pa.synsets.isdisjoint(pb.synsets) and pa.similar.isdisjoint(pb.synsets)):
        return Relation.SYNONYM
    if not (pa.hypernyms.isdisjoint(pb.synsets) and pb.hypernyms.isdisjoint(pa.synsets)):
        return Relation.HYPERNYM
    if not pa.parents.isdisjoint(pb.parents):
        return Relation.SIBLING
    return Relation.UNRELATED


@lru_cache(maxsize=1 << 16)
def _all_synsets(word: str) -> frozenset[int]:
    lex = _lexicon()
    found: set[int] = set()
    for base in lemmas(word):
        entry = lex.senses(base)
        if entry is not None:
            for ids in entry:
                found.update(ids)
    return frozenset(found)


def share_a_sense(a: str, b: str) -> bool:
    """Whether any senses of the two words (not only their first ones) are the same concept or
    one step apart ('troops' / 'forces', 'passed' / 'exceeded'): looser than SYNONYM, for a
    word put in another's place in an otherwise identical sentence."""
    if _is_number(a, lemmas(a)) or _is_number(b, lemmas(b)):
        return False
    sa, sb = _all_synsets(a.lower()), _all_synsets(b.lower())
    if not sa or not sb:
        return False
    if not sa.isdisjoint(sb):
        return True
    lex = _lexicon()
    up_a = {h for s in sa for h in lex.synset(s).hypernyms} | {x for s in sa for x in lex.synset(s).similar}
    up_b = {h for s in sb for h in lex.synset(s).hypernyms} | {x for s in sb for x in lex.synset(s).similar}
    return not (up_a.isdisjoint(sb) and up_b.isdisjoint(sa))


def opposes(a: str, b: str) -> bool:
    """Whether one word is an antonym of the other or a word of its antonym's cluster: 'cheap' and
    'pricey' (WordNet's 'expensive', with the adjectives similar to it). Not through a synonym of
    the antonym (WordNet's indirect antonymy): through words of many senses it made words of one
    meaning opposites ('an older model' / 'an earlier model', 'multiple' / 'several'), and it
    found no change of meaning in the labelled corpus."""
    lex = _lexicon()
    la, lb = lemmas(a.lower()), lemmas(b.lower())
    pairs = ((la, lb), (lb, la))
    return any(not lex.antonyms.get(base, frozenset()).isdisjoint(other) for one, other in pairs for base in one)


def is_adjective(word: str) -> bool:
    return _senses_by_pos(word)[POSES.index("a")] > 0


def mostly_adjective(word: str) -> bool:
    """Has the word adjective senses, at least as many as of any other kind ('small', 'eligible';
    not 'medium')?"""
    counts = _senses_by_pos(word)
    return counts[POSES.index("a")] > 0 and counts[POSES.index("a")] == max(counts)


def can_be_noun(word: str) -> bool:
    """Has the word a noun sense ('farm', though it is a verb more often)?"""
    return _senses_by_pos(word)[POSES.index("n")] > 0


def can_be_verb(word: str) -> bool:
    """Has the word a verb sense ('using', though it is read as a noun more often)?"""
    return _senses_by_pos(word)[POSES.index("v")] > 0


def mostly_adverb(word: str) -> bool:
    """Has the word adverb senses, at least as many as of any other kind ('yet', 'formally')?"""
    counts = _senses_by_pos(word)
    return counts[POSES.index("r")] > 0 and counts[POSES.index("r")] == max(counts)


def mostly_noun(word: str) -> bool:
    """Has the word noun senses, at least as many as verb senses ('vessels', 'votes'; not 'rose')?"""
    counts = _senses_by_pos(word)
    nouns = counts[POSES.index("n")]
    return nouns > 0 and nouns >= counts[POSES.index("v")]


def mostly_verb(word: str) -> bool:
    """Has the word more verb senses than noun senses ('lose', 'expand'; not 'plant')?"""
    counts = _senses_by_pos(word)
    return counts[POSES.index("v")] > counts[POSES.index("n")]


def _senses_by_pos(word: str) -> list[int]:
    """How many senses the word's base forms have, per part of speech (in POSES order)."""
    lex = _lexicon()
    counts = [0] * len(POSES)
    for base in lemmas(word):
        for pos, ids in enumerate(lex.senses(base) or ()):
            counts[pos] += len(ids)
    return counts
