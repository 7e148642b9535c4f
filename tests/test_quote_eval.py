"""Evaluation gate for the quote judge on the dev and regression splits of tests/quote_corpus/,
and the shape of the corpus itself.

The floors below may only rise (set from `make bench-quotes`). The held-out split is never
evaluated here: it is looked at only through `make bench-quotes HELD_OUT="note"`, which logs each
look in bench/held-out-log.tsv. This file only counts its labels."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.quote_corpus import HELD_OUT, Evaluation, Pair, evaluate, load_corpus, render_evaluation
from tests.quote_helpers import shared_embedder
from verifier.judge.matcher import QuoteMatcher
from verifier.records import Match, QuoteEdit, QuoteKind, QuoteVerdict

# evaluating a split with the model takes minutes on a busy 2-core machine; the default is 120 s per test
pytestmark = pytest.mark.timeout(900)

# (max false verification, max false alarm, min accuracy) per split; raise them as the judge improves.
# Measured at 28074b5 (session 7): dev 10.4% (148/1428) / 18.7% (218/1167) / 76.6% over 97 pages, six of them
# fresh this session (dm-; first evaluated at 12.7% false verification, 34.6% false alarm); regression 4.0% /
# 12.4% / 84.1%.
# Each floor sits a little above its figure, so that a change the corpus notices fails here, and
# leaves the 99 distorted and 113 faithful regression pairs a pair's room: one regression pair came
# out supported in a clean clone's full `make test` (5/99) and not when this file runs alone (4/99);
# the cause is not found yet (see the note of session 6).
FLOORS = {"dev": (0.115, 0.20, 0.755), "regression": (0.06, 0.15, 0.82)}
MEANING_CHANGES = (
    "figure", "negation", "comparison", "hedge", "scope", "entity", "exchange", "causal", "attribution", "ellipsis",
    "antonym", "absent_reuse", "absent_topic",
)  # fmt: skip


def test_the_written_corpus_is_large_and_covers_every_kind_of_change() -> None:
    written = load_corpus(["dev", HELD_OUT])
    assert len(written) >= 900
    assert len({(p.split, p.page_id) for p in written}) >= 40
    counts = Counter(p.change for p in written)
    for change in MEANING_CHANGES:
        assert counts[change] >= 15, change
    faithful = sum(counts[c] for c in ("verbatim", "harmless", "paraphrase"))
    assert faithful >= 0.45 * len(written)


def test_the_held_out_split_is_large_and_held_out_by_page() -> None:
    held = load_corpus([HELD_OUT])
    assert len(held) >= 300
    assert sum(not p.expected.is_supported for p in held) >= 150
    pages = {split: {p.page_id for p in load_corpus([split])} for split in ("dev", HELD_OUT, "regression")}
    assert not pages["dev"] & pages[HELD_OUT]
    assert not pages["regression"] & pages[HELD_OUT]
    assert 3 * len(pages[HELD_OUT]) >= len(pages[HELD_OUT]) + len(pages["dev"])  # at least a third of the pages


def test_every_verdict_is_labelled_somewhere() -> None:
    assert set(Counter(p.expected for p in load_corpus(["dev", "regression"]))) == set(QuoteVerdict)


@pytest.fixture(scope="module", params=sorted(FLOORS))
def split(request: pytest.FixtureRequest) -> tuple[str, Evaluation]:
    name: str = request.param
    return name, evaluate(QuoteMatcher(embedder=shared_embedder()), load_corpus([name]))


def test_floors(split: tuple[str, Evaluation]) -> None:
    name, evaluation = split
    max_fv, max_fa, min_accuracy = FLOORS[name]
    report = render_evaluation(name, evaluation)
    assert evaluation.false_verification[0] <= max_fv, report
    assert evaluation.false_alarm[0] <= max_fa, report
    assert evaluation.accuracy >= min_accuracy, report


def test_every_result_is_well_formed(split: tuple[str, Evaluation]) -> None:
    _, evaluation = split
    for pair, result in zip(evaluation.pairs, evaluation.results, strict=True):
        assert 0.0 <= result.score <= 1.0, pair.id
        if result.verdict is QuoteVerdict.DISTORTED:
            assert result.notes, pair.id  # a distortion always says what differs
            assert result.evidence is not None, pair.id
        if result.verdict.is_supported:
            assert result.evidence is not None, pair.id


def test_false_alarms_are_counted_by_the_kind_of_edit_that_decided_them() -> None:
    """A faithful pair judged distorted counts under each meaning-bearing kind among its edits
    (not its harmless ones), one judged not_found under 'not found'; supported verdicts and
    unsupported pairs count nowhere."""
    page = "The mill may close in May."
    pairs = tuple(
        Pair("dev", "p", page, True, QuoteKind.CLAIM, text, expected, "why", "change")
        for text, expected in (
            ("a", QuoteVerdict.PARAPHRASE), ("b", QuoteVerdict.PARAPHRASE), ("c", QuoteVerdict.NEAR_VERBATIM),
            ("d", QuoteVerdict.DISTORTED), ("e", QuoteVerdict.PARAPHRASE),
        )
    )  # fmt: skip
    hedge = QuoteEdit("hedge", "will", "may")
    synonym = QuoteEdit("synonym", "shut", "close")
    results = (
        Match(QuoteVerdict.DISTORTED, 0.9, page, ("hedge differs",), (synonym, hedge, QuoteEdit("scope", "all", None))),
        Match(QuoteVerdict.NOT_FOUND, 0.2, None),
        Match(QuoteVerdict.DISTORTED, 0.9, page, ("hedge differs",), (hedge,)),
        Match(QuoteVerdict.DISTORTED, 0.9, page, ("hedge differs",), (hedge,)),
        Match(QuoteVerdict.PARAPHRASE, 0.8, page, (), (synonym,)),
    )
    counts = Evaluation(pairs, results).false_alarms_by_kind()
    assert counts == Counter({"hedge": 2, "scope": 1, "not found": 1})
