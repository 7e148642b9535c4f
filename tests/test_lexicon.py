"""The WordNet-derived lexicon: base forms and word relations (verifier.judge.lexicon)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from verifier.judge import lexicon
from verifier.judge.lexicon import Relation, is_known, lemmas, relation

ROOT = Path(__file__).resolve().parent.parent
WORDNET = Path("/usr/share/wordnet")

RELATIONS = [
    # same base form
    ("went", "go", Relation.SAME),
    ("increased", "increasing", Relation.SAME),
    ("mice", "mouse", Relation.SAME),
    ("countries", "country", Relation.SAME),
    ("children", "child", Relation.SAME),
    ("millions", "million", Relation.SAME),
    ("market", "market", Relation.SAME),
    # synonyms: a shared synset among the first three senses
    ("big", "large", Relation.SYNONYM),
    ("purchase", "buy", Relation.SYNONYM),
    ("purchased", "bought", Relation.SYNONYM),
    ("cut", "reduce", Relation.SYNONYM),
    ("physician", "doctor", Relation.SYNONYM),
    ("begin", "start", Relation.SYNONYM),
    ("began", "started", Relation.SYNONYM),
    ("say", "tell", Relation.SYNONYM),
    # antonyms: direct, through adjective heads, through derivations
    ("increase", "decrease", Relation.ANTONYM),
    ("increased", "decreased", Relation.ANTONYM),
    ("rise", "fall", Relation.ANTONYM),
    ("rose", "fell", Relation.ANTONYM),
    ("higher", "lower", Relation.ANTONYM),
    ("accept", "reject", Relation.ANTONYM),
    ("approve", "disapprove", Relation.ANTONYM),
    ("approval", "disapproval", Relation.ANTONYM),
    ("buy", "sell", Relation.ANTONYM),
    ("win", "lose", Relation.ANTONYM),
    ("good", "bad", Relation.ANTONYM),
    ("huge", "tiny", Relation.ANTONYM),
    ("north", "south", Relation.ANTONYM),
    ("many", "few", Relation.ANTONYM),
    # adverbs in -ly that WordNet does not link relate as their adjectives
    ("rapidly", "slowly", Relation.ANTONYM),
    ("fast", "quickly", Relation.SYNONYM),
    ("only", "ugly", Relation.UNRELATED),  # too short to be an adverb made from an adjective
    # hypernyms: one generalises the other within two steps
    ("vehicle", "car", Relation.HYPERNYM),
    ("car", "vehicle", Relation.HYPERNYM),
    ("animal", "dog", Relation.HYPERNYM),
    ("fruit", "apple", Relation.HYPERNYM),
    ("rise", "increase", Relation.HYPERNYM),  # WordNet: rise (go up) is a kind of increase
    # siblings: co-hyponyms
    ("swedish", "danish", Relation.SIBLING),
    ("january", "march", Relation.SIBLING),
    ("monday", "friday", Relation.SIBLING),
    ("dog", "cat", Relation.SIBLING),
    ("doctor", "nurse", Relation.SIBLING),
    ("paris", "london", Relation.SIBLING),
    ("france", "germany", Relation.SIBLING),
    ("gold", "silver", Relation.SIBLING),
    ("red", "blue", Relation.SIBLING),
    ("car", "bicycle", Relation.SIBLING),
    # numbers and scale words: never synonyms, never the same unless identical
    ("million", "billion", Relation.SIBLING),
    ("billion", "trillion", Relation.SIBLING),  # WordNet: British billion = US trillion
    ("thousand", "million", Relation.SIBLING),
    ("one", "two", Relation.SIBLING),
    ("ten", "10", Relation.SIBLING),
    ("twelve", "dozen", Relation.SIBLING),  # one WordNet synset
    ("ten", "decade", Relation.SIBLING),  # WordNet puts them in one synset: not a synonym
    ("million", "million", Relation.SAME),
    # unrelated
    ("dog", "table", Relation.UNRELATED),
    ("economy", "banana", Relation.UNRELATED),
    ("government", "economy", Relation.UNRELATED),
    ("solar", "lunar", Relation.UNRELATED),  # pertainyms: no hierarchy for adjectives
    ("increase", "decline", Relation.UNRELATED),
    ("zxqv", "table", Relation.UNRELATED),
]


@pytest.mark.parametrize(("a", "b", "expected"), RELATIONS, ids=[f"{a}-{b}" for a, b, _ in RELATIONS])
def test_relation(a: str, b: str, expected: Relation) -> None:
    assert relation(a, b) is expected
    assert relation(b, a) is expected


LEMMAS = [
    ("went", {"go"}),
    ("mice", {"mouse"}),
    ("countries", {"country"}),
    ("increased", {"increase", "increased"}),
    ("higher", {"high", "higher"}),
    ("less", {"less"}),  # morphy applies its rules once: not 'le'
    ("zxqv", {"zxqv"}),
]


@pytest.mark.parametrize(("word", "expected"), LEMMAS, ids=[w for w, _ in LEMMAS])
def test_lemmas(word: str, expected: set[str]) -> None:
    assert lemmas(word) == expected


@pytest.mark.parametrize(("word", "known"), [("went", True), ("dogs", True), ("well-known", True), ("zxqv", False)])
def test_is_known(word: str, known: bool) -> None:
    assert is_known(word) is known


OPPOSES = [
    ("cheap", "expensive", True),
    ("Cheap", "pricey", True),  # a word of the antonym's cluster
    ("older", "earlier", False),  # opposites only through other senses of a synonym of the antonym
    ("multiple", "several", False),
    ("recent", "last", False),
]


@pytest.mark.parametrize(("a", "b", "expected"), OPPOSES, ids=[f"{a}-{b}" for a, b, _ in OPPOSES])
def test_opposes(a: str, b: str, expected: bool) -> None:
    assert lexicon.opposes(a, b) is expected
    assert lexicon.opposes(b, a) is expected


def test_relation_is_case_insensitive() -> None:
    assert relation("Big", "LARGE") is Relation.SYNONYM


def test_concurrent_first_use_loads_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []

    class Counting(lexicon._Lexicon):
        __slots__ = ()

        def __init__(self, text: str) -> None:
            loads.append(1)
            super().__init__(text)

    monkeypatch.setattr(lexicon, "_loaded", {})
    monkeypatch.setattr(lexicon, "_Lexicon", Counting)
    barrier = threading.Barrier(8)
    results: list[bool] = []

    def first_use() -> None:
        barrier.wait()
        results.append(lexicon._lexicon().senses("dog") is not None)

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 8
    assert loads == [1]


@pytest.mark.slow
@pytest.mark.skipif(not (WORDNET / "data.noun").is_file(), reason="needs wordnet-base (WordNet 3.0 database)")
def test_build_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "wordnet.tsv.gz"
    script = ROOT / "tools" / "build_lexicon.py"
    subprocess.run([sys.executable, str(script), "--wordnet", str(WORDNET), "--out", str(out)], check=True)
    assert out.read_bytes() == lexicon.DATA_FILE.read_bytes()
