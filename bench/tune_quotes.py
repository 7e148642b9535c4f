"""Choose the verdict table's thresholds on the dev split (never on held_out):

    .venv/bin/python -m bench.tune_quotes

Judges every dev pair once (the meaning score computed for every chosen passage), then tries a grid of
thresholds for quotes and for claims and prints the best by accuracy among those whose false
verification and false alarm stay within bounds. The chosen values go into
verifier/judge/verdict.py (DEFAULT_QUOTE_THRESHOLDS, DEFAULT_CLAIM_THRESHOLDS) by hand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from bench.quote_corpus import Pair, load_corpus
from verifier.judge import verdict as table
from verifier.judge.edits import Judgement
from verifier.judge.matcher import QuoteMatcher, find_exact
from verifier.judge.statement import parse_quote, strip_attribution
from verifier.judge.text import normalise
from verifier.records import QuoteKind, QuoteVerdict

MAX_FALSE_VERIFICATION = 0.10
MAX_FALSE_ALARM = 0.40


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


def main() -> None:
    matcher = QuoteMatcher()
    judged = judge_all(matcher, [p for p in load_corpus(["dev"]) if p.readable])
    for kind in QuoteKind:
        items = [j for j in judged if j.pair.kind is kind]
        results = []
        for values in itertools.product(*GRID.values()):
            limits = table.Thresholds(**dict(zip(GRID, values, strict=True)))
            accuracy, fv, fa = score(items, limits)
            results.append(
                (fv <= MAX_FALSE_VERIFICATION and fa <= MAX_FALSE_ALARM, accuracy - fv - fa, accuracy, fv, fa, limits)
            )
        results.sort(key=lambda r: (r[0], r[1]), reverse=True)
        print(f"== {kind.value}s: {len(items)} pairs; best five (within bounds first)")
        for within, _, accuracy, fv, fa, limits in results[:5]:
            print(f"  accuracy {accuracy:.1%}  FV {fv:.1%}  FA {fa:.1%}  {'ok ' if within else 'out'}  {limits}")


if __name__ == "__main__":
    main()
