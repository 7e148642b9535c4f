"""Fit the verdict table on the dev and regression splits (never on held_out):

    .venv/bin/python -m bench.tune_quotes          # the boundary between paraphrase and not_found
    .venv/bin/python -m bench.tune_quotes --grid   # the thresholds, by a grid over the dev split

Judges every pair once (the meaning score computed for every chosen passage). The boundary is a
logistic regression over the claims it decides (reworded, enough of it on the page, no name
missing, no meaning-bearing edit); it prints the weights and how the boundary fares when
fitted on four fifths of the pages and tried on the fifth it never saw (false verification and
false alarm over all pairs, against the verdicts of the table as it stands). The grid tries
thresholds and prints the best by accuracy among those whose false verification and false alarm
stay within bounds. The chosen values go into verifier/judge/verdict.py
(DEFAULT_QUOTE_THRESHOLDS, DEFAULT_CLAIM_THRESHOLDS) by hand."""

from __future__ import annotations

import argparse
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bench.quote_corpus import Pair, load_corpus
from verifier.judge import verdict as table
from verifier.judge.edits import Judgement
from verifier.judge.kinds import EditKind
from verifier.judge.matcher import QuoteMatcher, find_exact
from verifier.judge.statement import parse_quote, strip_attribution
from verifier.judge.text import normalise
from verifier.records import QuoteKind, QuoteVerdict

MAX_FALSE_VERIFICATION = 0.10
MAX_FALSE_ALARM = 0.40
L2 = 1 / 3  # the weights' penalty (the inverse of scikit-learn's C = 3)
FOLDS = 5
SHUFFLES = 4


@dataclass(frozen=True)
class Judged:
    pair: Pair
    exact: QuoteVerdict | None  # the verdict of a quote found word for word (verbatim, or distorted by its cuts)
    judgement: Judgement | None
    in_order: float
    cosine: float | None


def judge_all(matcher: QuoteMatcher, pairs: list[Pair]) -> list[Judged]:
    judged: list[Judged] = []
    for pair in pairs:
        parts = parse_quote(pair.text)
        cache = matcher.page_cache(pair.page)
        if find_exact(cache.index, parts) is not None:
            judged.append(Judged(pair, matcher.match(pair.page, pair.text, pair.kind).verdict, None, 1.0, None))
            continue
        best = matcher.best_candidate(cache, parts, pair.kind)
        if best is None:
            judged.append(Judged(pair, None, None, 0.0, None))
            continue
        cosine = best.cosine
        if cosine is None:  # the words settled it; the meaning score is computed for the grid alone
            statement = strip_attribution(parts.plain) if pair.kind is QuoteKind.CLAIM else parts.plain
            cosine = matcher.cosine(cache, normalise(statement).text, best.first, best.last)
        judged.append(Judged(pair, None, best.judgement, best.alignment.in_order, cosine))
    return judged


def verdict_of(item: Judged, limits: table.Thresholds) -> QuoteVerdict:
    if item.exact is not None:
        return item.exact
    if item.judgement is None:
        return QuoteVerdict.NOT_FOUND
    return table.decide(item.pair.kind, item.judgement, item.in_order, item.cosine, limits).verdict


def score(items: list[Judged], limits: table.Thresholds) -> tuple[float, float, float]:
    """(accuracy, false verification, false alarm)."""
    right = fv = fa = unsupported = supported = 0
    for item in items:
        got = verdict_of(item, limits)
        want = item.pair.expected
        right += got == want
        if want.is_supported:
            supported += 1
            fa += not got.is_supported
        else:
            unsupported += 1
            fv += got.is_supported
    return right / len(items), fv / max(1, unsupported), fa / max(1, supported)


GRID = {
    "near_verbatim": (0.75, 0.8, 0.85, 0.9),
    "related": (0.35, 0.45, 0.55, 0.65),
    "paraphrase": (0.7, 0.8, 0.9, 1.01),
    "meaning": (0.6, 0.65, 0.7, 0.75, 0.8, 0.85),
    "meaning_coverage": (0.35, 0.45, 0.55, 0.65),
}


def grid(judged: list[Judged]) -> None:
    for kind in QuoteKind:
        items = [j for j in judged if j.pair.kind is kind and j.pair.split == "dev"]
        results = []
        for values in itertools.product(*GRID.values()):
            near_verbatim, related, paraphrase, meaning, meaning_coverage = values
            boundary = _limits(kind).boundary
            limits = table.Thresholds(near_verbatim, related, paraphrase, meaning, meaning_coverage, boundary)
            accuracy, fv, fa = score(items, limits)
            results.append(
                (fv <= MAX_FALSE_VERIFICATION and fa <= MAX_FALSE_ALARM, accuracy - fv - fa, accuracy, fv, fa, limits)
            )
        results.sort(key=lambda r: (r[0], r[1]), reverse=True)
        print(f"== {kind.value}s: {len(items)} pairs; best five (within bounds first)")
        for within, _, accuracy, fv, fa, limits in results[:5]:
            print(f"  accuracy {accuracy:.1%}  FV {fv:.1%}  FA {fa:.1%}  {'ok ' if within else 'out'}  {limits}")


def on_the_boundary(item: Judged, limits: table.Thresholds) -> bool:
    """Does the boundary decide this pair? A reworded statement with its meaning score, no name
    missing and no meaning-bearing edit, that the table does not settle before."""
    if item.exact is not None or item.judgement is None or item.cosine is None or item.judgement.missing_names:
        return False
    if any(not e.kind.is_harmless and e.kind is not EditKind.UNCOVERED for e in item.judgement.edits):
        return False
    if not table.is_related(item.judgement, item.cosine, limits):
        return False  # too little of it on the page: not_found whatever its meaning
    verdict = table.decide(item.pair.kind, item.judgement, item.in_order, item.cosine, limits).verdict
    return verdict in (QuoteVerdict.PARAPHRASE, QuoteVerdict.NOT_FOUND)


def fit_logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (bias first) of an L2-penalised logistic regression, by Newton's method; the bias
    is not penalised."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    penalty = np.diag([0.0] + [L2] * x.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + penalty @ weights
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-9:
            break
    return weights


def boundary_of(weights: np.ndarray) -> table.Boundary:
    bias, coverage, cosine, synonyms = (round(float(w), 2) for w in weights)
    return table.Boundary(bias=bias, coverage=coverage, cosine=cosine, synonyms=synonyms)


def fit(items: Sequence[Judged]) -> table.Boundary:
    x = np.array([_measures(item) for item in items])
    y = np.array([0.0 if item.pair.expected.is_supported else 1.0 for item in items])
    return boundary_of(fit_logistic(x, y))


def _measures(item: Judged) -> tuple[float, float, float]:
    assert item.judgement is not None
    assert item.cosine is not None
    return table.boundary_measures(item.judgement, item.cosine)


def mistakes(judged: Sequence[Judged], supported: dict[int, bool]) -> tuple[int, int]:
    """(false verifications, false alarms) over every pair; `supported` overrides the table's
    verdict of the pairs (by position) the boundary decides."""
    fv = fa = 0
    for position, item in enumerate(judged):
        want = item.pair.expected.is_supported
        got = supported.get(position)
        if got is None:
            limits = _limits(item.pair.kind)
            got = verdict_of(item, limits).is_supported
        fv += got and not want
        fa += want and not got
    return fv, fa


def _limits(kind: QuoteKind) -> table.Thresholds:
    return table.DEFAULT_QUOTE_THRESHOLDS if kind is QuoteKind.QUOTE else table.DEFAULT_CLAIM_THRESHOLDS


def boundary(judged: list[Judged]) -> None:
    """The boundary for claims (quotes keep the thresholds: see verifier/judge/verdict.py)."""
    limits = _limits(QuoteKind.CLAIM)
    claims = [(i, item) for i, item in enumerate(judged) if item.pair.kind is QuoteKind.CLAIM]
    decided = [i for i, item in claims if on_the_boundary(item, limits)]
    fv, fa = mistakes(judged, {})
    print(f"{len(judged)} pairs, {len(decided)} claims decided by the boundary; the table now: FV {fv}, FA {fa}")
    print(f"fitted on all: {fit([judged[i] for i in decided])}")
    pages = sorted({item.pair.page_id for item in judged})
    for shuffle in range(SHUFFLES):
        order = random.Random(shuffle).sample(pages, len(pages))
        fold_of = {page: n % FOLDS for n, page in enumerate(order)}
        supported: dict[int, bool] = {}
        for fold in range(FOLDS):
            fitted = fit([judged[i] for i in decided if fold_of[judged[i].pair.page_id] != fold])
            for i in decided:
                if fold_of[judged[i].pair.page_id] == fold:
                    supported[i] = fitted.score(_measures(judged[i])) < 0.0
        fv, fa = mistakes(judged, supported)
        print(f"pages unseen (shuffle {shuffle}, {FOLDS} folds): FV {fv}, FA {fa}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="search the thresholds instead of fitting the boundary")
    args = parser.parse_args()
    matcher = QuoteMatcher()
    judged = judge_all(matcher, [p for p in load_corpus(["dev", "regression"]) if p.readable])
    if args.grid:
        grid(judged)
    else:
        boundary(judged)


if __name__ == "__main__":
    main()
