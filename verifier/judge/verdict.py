"""The verdict from the edits: one table, in one place.

| what the comparison found                                             | verdict        |
|-----------------------------------------------------------------------|----------------|
| a name the page never mentions                                        | not_found      |
| the passage covers too little of the statement (and means otherwise)  | not_found      |
| a meaning-bearing edit (figure, entity, hedge, scope, negation, ...)  | distorted      |
| a quote in the source's words with words the source does not have     | distorted      |
| only harmless edits, the same words in the same order                 | near_verbatim  |
| only harmless edits, reworded, the meaning kept (coverage or cosine)  | paraphrase     |
| anything else                                                         | not_found      |

(`verbatim` is decided before: the words are on the page as written.) Pure."""

from __future__ import annotations

from dataclasses import dataclass

from verifier.judge.edits import Judgement
from verifier.judge.kinds import EditKind
from verifier.records import QuoteKind, QuoteVerdict


@dataclass(frozen=True)
class Thresholds:
    near_verbatim: float  # share of the statement's words aligned in order for near_verbatim
    related: float  # coverage at or above which the passage is the one the statement cites
    paraphrase: float  # coverage at or above which a reworded statement is supported by its words
    meaning: float  # cosine at or above which a reworded statement is supported by its meaning
    meaning_coverage: float  # ... provided it covers at least this much by its words


DEFAULT_QUOTE_THRESHOLDS = Thresholds(
    near_verbatim=0.85, related=0.45, paraphrase=0.7, meaning=0.75, meaning_coverage=0.45
)
DEFAULT_CLAIM_THRESHOLDS = Thresholds(
    near_verbatim=0.85, related=0.45, paraphrase=0.75, meaning=0.75, meaning_coverage=0.45
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


def decide(
    kind: QuoteKind, judgement: Judgement, in_order: float, cosine: float | None, limits: Thresholds
) -> Decision:
    coverage = judgement.coverage
    score = round(coverage if cosine is None else (coverage + max(0.0, cosine)) / 2, 3)
    missing = judgement.missing_names
    if missing:
        return Decision(QuoteVerdict.NOT_FOUND, score, (f"not on the page: {', '.join(dict.fromkeys(missing))}",), True)
    meaning_ok = cosine is not None and cosine >= limits.meaning and coverage >= limits.meaning_coverage
    if coverage < limits.related and not meaning_ok:
        notes = (f"not on the page: {', '.join(judgement.uncovered[:6])}",) if judgement.uncovered else ()
        return Decision(QuoteVerdict.NOT_FOUND, score, notes, coverage >= limits.related / 2)
    meaning_edits = _meaning_edits(judgement)
    if meaning_edits:
        return Decision(QuoteVerdict.DISTORTED, score, tuple(dict.fromkeys(meaning_edits)), True)
    if kind is QuoteKind.QUOTE and judgement.inserted and in_order >= limits.near_verbatim:
        note = f"words not in the source: {', '.join(judgement.inserted[:6])}"
        return Decision(QuoteVerdict.DISTORTED, score, (note,), True)
    if in_order >= limits.near_verbatim and not judgement.uncovered:
        return Decision(QuoteVerdict.NEAR_VERBATIM, score, (), True)
    if coverage >= limits.paraphrase or meaning_ok:
        return Decision(QuoteVerdict.PARAPHRASE, score, (), True)
    notes = (f"not on the page: {', '.join(judgement.uncovered[:6])}",) if judgement.uncovered else ()
    return Decision(QuoteVerdict.NOT_FOUND, score, notes, True)
