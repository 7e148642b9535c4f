"""The verdict from the edits: one table, in one place.

| what the comparison found                                             | verdict        |
|-----------------------------------------------------------------------|----------------|
| a name the page never mentions                                        | not_found      |
| the passage covers too little of the statement (and means otherwise)  | not_found      |
| a meaning-bearing edit (figure, entity, hedge, scope, negation, ...)  | distorted      |
| a quote in the source's words with words the source does not have     | distorted      |
| only harmless edits, the same words in the same order                 | near_verbatim  |
| only harmless edits, reworded, and the boundary below says supported  | paraphrase     |
| anything else                                                         | not_found      |

(`verbatim` is decided before: the words are on the page as written.)

Between `paraphrase` and `not_found` for a reworded statement no edit settles, three measures
speak at once: how much of it the passage covers word for word, how close the two are in meaning,
and how many of its words are the passage's words in other words (synonyms). A statement the page
never made but that reuses the page's names and phrases covers much word for word, with few
synonyms, and its meaning drifts; a faithful rewording covers less word for word, with synonyms,
and means the same. The `Boundary` weighs the three together, a logistic score fitted on the dev
and regression splits by `python -m bench.tune_quotes` (never on held_out). It weighs claims;
reworded quotes are fewer (about 120 in the corpus, too few to fit on: on pages left out of the
fit a boundary for quotes passed more distortions than it cleared false alarms), and they, like
any statement when there is no meaning score (semantic matching off), are decided by thresholds:
enough of the words, or a close meaning and enough of the words. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from verifier.judge.edits import Judgement
from verifier.judge.kinds import EditKind
from verifier.records import QuoteKind, QuoteVerdict


@dataclass(frozen=True)
class Boundary:
    """The weights of a logistic score; the statement is supported when the score is below zero."""

    bias: float
    coverage: float
    cosine: float
    synonyms: float  # per synonym edit, counted up to MAX_SYNONYMS

    def supports(self, judgement: Judgement, cosine: float) -> bool:
        return self.score(boundary_measures(judgement, cosine)) < 0.0

    def score(self, measures: tuple[float, float, float]) -> float:
        coverage, cosine, synonyms = measures
        return self.bias + self.coverage * coverage + self.cosine * cosine + self.synonyms * synonyms


MAX_SYNONYMS = 4


def boundary_measures(judgement: Judgement, cosine: float) -> tuple[float, float, float]:
    synonyms = sum(edit.kind is EditKind.SYNONYM for edit in judgement.edits)
    return judgement.coverage, cosine, float(min(synonyms, MAX_SYNONYMS))


@dataclass(frozen=True)
class Thresholds:
    near_verbatim: float  # share of the statement's words aligned in order for near_verbatim
    related: float  # coverage at or above which the passage is the one the statement cites
    paraphrase: float  # coverage at or above which a reworded statement is supported by its words
    meaning: float  # cosine at or above which a reworded statement is supported by its meaning
    meaning_coverage: float  # ... provided it covers at least this much by its words
    boundary: Boundary | None  # paraphrase or not_found, when the meaning score is known (None: the thresholds)


# Fitted by `python -m bench.tune_quotes` on dev and regression.
DEFAULT_QUOTE_THRESHOLDS = Thresholds(
    near_verbatim=0.85,
    related=0.45,
    paraphrase=0.7,
    meaning=0.75,
    meaning_coverage=0.45,
    boundary=None,
)
DEFAULT_CLAIM_THRESHOLDS = Thresholds(
    near_verbatim=0.85,
    related=0.45,
    paraphrase=0.75,
    meaning=0.75,
    meaning_coverage=0.45,
    boundary=Boundary(bias=5.46, coverage=-1.39, cosine=-6.18, synonyms=-1.48),
)


@dataclass(frozen=True)
class Decision:
    verdict: QuoteVerdict
    score: float
    notes: tuple[str, ...]
    show_evidence: bool


def _meaning_edits(judgement: Judgement) -> list[str]:
    """Notes of the meaning-bearing edits (what the passage leaves uncovered is weighed apart)."""
    return [
        e.note or e.kind.value for e in judgement.edits if not e.kind.is_harmless and e.kind is not EditKind.UNCOVERED
    ]


def needs_meaning(kind: QuoteKind, judgement: Judgement, in_order: float, limits: Thresholds) -> bool:
    """Does the verdict depend on the meaning score? Not when the words settle it."""
    if judgement.missing_names:
        return False
    if judgement.coverage >= limits.related and _meaning_edits(judgement):
        return False
    return not (in_order >= limits.near_verbatim and not judgement.uncovered)


def is_close_in_meaning(judgement: Judgement, cosine: float | None, limits: Thresholds) -> bool:
    return cosine is not None and cosine >= limits.meaning and judgement.coverage >= limits.meaning_coverage


def is_related(judgement: Judgement, cosine: float | None, limits: Thresholds) -> bool:
    """Is the passage the one the statement cites? Enough of its words are there, or enough with
    the same meaning. Below that the statement is not on the page, whatever else is measured."""
    return judgement.coverage >= limits.related or is_close_in_meaning(judgement, cosine, limits)


def decide(
    kind: QuoteKind, judgement: Judgement, in_order: float, cosine: float | None, limits: Thresholds
) -> Decision:
    coverage = judgement.coverage
    score = round(coverage if cosine is None else (coverage + max(0.0, cosine)) / 2, 3)
    missing = judgement.missing_names
    if missing:
        return Decision(QuoteVerdict.NOT_FOUND, score, (f"not on the page: {', '.join(dict.fromkeys(missing))}",), True)
    related = is_related(judgement, cosine, limits)
    meaning_edits = _meaning_edits(judgement)
    if related and meaning_edits:
        return Decision(QuoteVerdict.DISTORTED, score, tuple(dict.fromkeys(meaning_edits)), True)
    if related and kind is QuoteKind.QUOTE and judgement.inserted and in_order >= limits.near_verbatim:
        note = f"words not in the source: {', '.join(judgement.inserted[:6])}"
        return Decision(QuoteVerdict.DISTORTED, score, (note,), True)
    if related and in_order >= limits.near_verbatim and not judgement.uncovered:
        return Decision(QuoteVerdict.NEAR_VERBATIM, score, (), True)
    if cosine is None or limits.boundary is None:
        supported = related and (coverage >= limits.paraphrase or is_close_in_meaning(judgement, cosine, limits))
    else:
        supported = related and limits.boundary.supports(judgement, cosine)  # (no meaning edit when related)
    if supported:
        return Decision(QuoteVerdict.PARAPHRASE, score, (), True)
    notes = (f"not on the page: {', '.join(judgement.uncovered[:6])}",) if judgement.uncovered else ()
    return Decision(QuoteVerdict.NOT_FOUND, score, notes, related or coverage >= limits.related / 2)
