"""Choose the matcher's thresholds on the dev split of the quote corpus (never the test split).

    .venv/bin/python -m bench.tune_quotes

For each kind (quote, claim) a grid search over (near_verbatim, paraphrase, related) picks
the thresholds with the lowest cost, where a false verification (distorted or not_found
judged supported) costs 3, a false alarm (supported judged distorted or not_found) 1.5 and
any other wrong verdict 1. Prints the best few settings; copy the chosen ones into
verifier/quotes.py (DEFAULT_QUOTE_THRESHOLDS, DEFAULT_CLAIM_THRESHOLDS)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from bench.quote_corpus import Pair, judge, load_corpus
from verifier.quotes import DEFAULT_CLAIM_THRESHOLDS, DEFAULT_QUOTE_THRESHOLDS, QuoteMatcher, Thresholds
from verifier.records import QuoteKind, QuoteVerdict

NEAR_GRID = (0.88, 0.90, 0.92)
PARAPHRASE_GRID = tuple(round(0.50 + 0.01 * i, 2) for i in range(31))
RELATED_GRID = (0.45, 0.50, 0.55, 0.60)


def cost(pairs: list[Pair], verdicts: list[QuoteVerdict]) -> float:
    total = 0.0
    for pair, verdict in zip(pairs, verdicts, strict=True):
        if verdict == pair.expected:
            continue
        if pair.expected in (QuoteVerdict.DISTORTED, QuoteVerdict.NOT_FOUND) and verdict.is_supported:
            total += 3.0
        elif pair.expected.is_supported and verdict in (QuoteVerdict.DISTORTED, QuoteVerdict.NOT_FOUND):
            total += 1.5
        else:
            total += 1.0
    return total


def tune(
    matcher: QuoteMatcher, pairs: list[Pair], kind: QuoteKind, start: Thresholds
) -> list[tuple[float, Thresholds]]:
    chosen = [p for p in pairs if p.kind is kind and p.readable]
    results: list[tuple[float, Thresholds]] = []
    for near, paraphrase, related in itertools.product(NEAR_GRID, PARAPHRASE_GRID, RELATED_GRID):
        if related > paraphrase:
            continue
        limits = replace(start, near_verbatim=near, paraphrase=paraphrase, related=related)
        matcher.thresholds[kind] = limits
        results.append((cost(chosen, [judge(matcher, p).verdict for p in chosen]), limits))
    matcher.thresholds[kind] = start
    # among equal costs prefer the setting in the middle of its plateau: sort by cost, then by
    # distance of the paraphrase threshold from the plateau's mean
    best = min(c for c, _ in results)
    plateau = [t for c, t in results if c == best]
    middle = sum(t.paraphrase for t in plateau) / len(plateau)
    results.sort(key=lambda item: (item[0], abs(item[1].paraphrase - middle), -item[1].near_verbatim))
    return results


def main() -> None:
    pairs = load_corpus(["dev"])
    matcher = QuoteMatcher()
    for pair in pairs:  # warm the caches: page indexes, window and query embeddings
        judge(matcher, pair)
    for kind, start in ((QuoteKind.QUOTE, DEFAULT_QUOTE_THRESHOLDS), (QuoteKind.CLAIM, DEFAULT_CLAIM_THRESHOLDS)):
        ranked = tune(matcher, pairs, kind, start)
        print(f"== {kind.value}: {sum(p.kind is kind for p in pairs)} dev pairs; best settings (cost, thresholds)")
        for value, limits in ranked[:8]:
            print(
                f"  {value:5.1f}  near={limits.near_verbatim:.2f} paraphrase={limits.paraphrase:.2f} "
                f"related={limits.related:.2f}"
            )


if __name__ == "__main__":
    main()
