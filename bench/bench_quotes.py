"""`make bench-quotes`: how well and how fast quotes and claims are matched.

    .venv/bin/python -m bench.bench_quotes [--runs N] [--no-eval] [--no-timing]

Prints, for the dev and regression splits of tests/quote_corpus/: per-verdict precision and
recall, the confusion matrix, the false-verification and false-alarm rates, the accuracy, recall
per kind of change and the median time per pair; with `--held-out NOTE` (`make bench-quotes
HELD_OUT="note"`) it evaluates the held-out split instead and appends the figures to
bench/held-out-log.tsv. Before that, the time to match one quote against a generated 20,000-word page (median
of N runs): exact and fuzzy layers only, and with the semantic layer once the model is loaded
(for a page seen for the first time, and for a page whose window embeddings are cached), with
the model's load time printed separately."""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.quote_corpus import HELD_OUT, Evaluation, evaluate, load_corpus, render_evaluation
from verifier.judge.matcher import QuoteMatcher
from verifier.judge.semantic import Embedder
from verifier.records import QuoteKind

PAGE_WORDS = 20_000

_SUBJECTS = (
    "China's battery makers", "European steel mills", "American solar installers", "Japanese chip suppliers",
    "Korean shipyards", "Mexican auto plants", "Indian pharmaceutical firms", "German machine-tool makers",
    "Vietnamese electronics assemblers", "Canadian mining companies", "Brazilian wind developers",
    "Texas grid operators", "Midwestern cell factories", "Taiwanese foundries", "Australian lithium miners",
)  # fmt: skip
_VERBS = (
    "expanded output by", "cut prices by", "raised investment by", "reported margins of", "added capacity of",
    "lost market share of", "won subsidies worth", "shipped exports worth", "reduced emissions by",
)  # fmt: skip
_AMOUNTS = ("{n} percent", "{n} gigawatts", "${n} billion", "{n} million tonnes", "{n} thousand workers")
_TAILS = (
    "as tariffs reshaped trade flows", "despite weaker demand at home", "according to an industry survey",
    "after a year of falling prices", "while rivals struggled with permits", "thanks to cheaper financing",
    "even as regulators warned about overcapacity", "in a market still dominated by a few producers",
)  # fmt: skip
_TARGET = (
    "If the United States wants to achieve similar results, it must build more like China, emulating parts of "
    "Beijing's approach to organizing and mobilizing economic production, prioritizing speed and agglomeration. "
    "What Washington needs is an industrial policy with American characteristics."
)
NEAR_QUOTE = (
    "If the United States wants to achieve similar results it must build more like China, emulating part of "
    "Beijing's approach to organising and mobilising economic production."
)
ABSENT_QUOTE = "Offshore hydrogen terminals in the Baltic will replace coal plants in Poland by the end of the decade."
PARAPHRASE_QUOTE = (
    "If the United States hopes to achieve results similar to those of China, it must build like China, "
    "replicate some of Beijing's practices in organizing and mobilizing economic production, prioritize speed "
    "and industrial clustering."
)


def generated_page(words: int = PAGE_WORDS, seed: int = 7) -> str:
    """A deterministic op-ed-like page of about `words` words with the target paragraph in the middle."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(5):
            amount = rng.choice(_AMOUNTS).format(n=rng.randint(2, 900))
            year = rng.randint(2015, 2025)
            sentence = f"In {year}, {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {amount} {rng.choice(_TAILS)}."
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
        if len(paragraphs) == 100:
            paragraphs.append(_TARGET)
    return "\n\n".join(paragraphs)


def generated_claims(page: str, count: int) -> list[str]:
    """Rewordings of sentences of the generated page: they reach the semantic layer."""
    sentences = [s for s in page.split(". ") if s.startswith("In ")][:: max(1, 1000 // count)][:count]
    return [f"According to the page, {s.removeprefix('In ').replace(',', ' was the year when', 1)}." for s in sentences]


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def print_timing(runs: int) -> None:
    page = generated_page()
    print(f"== timing: one quote against a generated page of {len(page.split())} words, median of {runs} runs")
    lexical = QuoteMatcher(semantic=False)
    started = time.perf_counter()
    lexical.page_cache(page)
    spent = (time.perf_counter() - started) * 1000
    print(f"page index (sentences, windows, lexical index; once per page): {spent:.0f} ms")
    for name, quote in (("near-verbatim quote", NEAR_QUOTE), ("absent quote (worst case)", ABSENT_QUOTE)):
        spent = median_ms(lambda q=quote: lexical.match(page, q, QuoteKind.QUOTE), runs)  # type: ignore[misc]
        print(f"without semantic layer, {name}: {spent:.1f} ms")

    embedder = Embedder()
    started = time.perf_counter()
    embedder.load()
    print(f"model load (once per process): {time.perf_counter() - started:.1f} s")
    embedder.encode(["warm-up"])

    warm = QuoteMatcher(embedder=embedder)

    def cold() -> None:  # a page whose windows have not been embedded yet, a quote not seen before
        warm.forget_embeddings()
        warm.match(page, PARAPHRASE_QUOTE, QuoteKind.QUOTE)

    verdict = warm.match(page, PARAPHRASE_QUOTE, QuoteKind.QUOTE).verdict.value
    print(f"with semantic layer (verdict {verdict}), first quote on the page: {median_ms(cold, runs):.1f} ms")
    warm.forget_embeddings()
    claims = iter(generated_claims(page, runs))
    spent = median_ms(lambda: warm.match(page, next(claims), QuoteKind.CLAIM), runs)
    print(f"with semantic layer, {runs} different claims in turn on the same page: {spent:.1f} ms")
    spent = median_ms(lambda: warm.match(page, PARAPHRASE_QUOTE, QuoteKind.QUOTE), runs)
    print(f"with semantic layer, the same quote again (all embeddings cached): {spent:.1f} ms")


HELD_OUT_LOG = Path(__file__).resolve().parent / "held-out-log.tsv"
_LOG_HEADER = "date\tcommit\tpairs\taccuracy\tfalse_verification\tfalse_alarm\tworst_kind_recall\tnote\n"


def log_held_out(evaluation: Evaluation, note: str) -> None:
    """Append one look at the held-out split to the committed log: every look is on record."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip() or "unknown"
    fv, fa = evaluation.false_verification[0], evaluation.false_alarm[0]
    recalls = evaluation.recall_by_change().items()
    worst = min(((side / total, change) for change, (_, side, total) in recalls), default=(0.0, ""))
    row = (
        f"{datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}\t{commit}\t{len(evaluation.pairs)}\t"
        f"{evaluation.accuracy:.3f}\t{fv:.3f}\t{fa:.3f}\t{worst[1]} {worst[0]:.3f}\t{note}\n"
    )
    new = not HELD_OUT_LOG.exists()
    with HELD_OUT_LOG.open("a", encoding="utf-8") as log:
        if new:
            log.write(_LOG_HEADER)
        log.write(row)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_quotes", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timing runs per figure (median)")
    parser.add_argument("--no-eval", action="store_true", help="skip the corpus evaluation")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing")
    parser.add_argument(
        "--held-out", metavar="NOTE", help="evaluate the held-out split (once per design change) and log it with NOTE"
    )
    args = parser.parse_args(argv)
    if not args.no_timing:  # first, so that the model load is timed in a fresh process
        print_timing(args.runs)
        print()
    if args.held_out is not None:
        evaluation = evaluate(QuoteMatcher(), load_corpus([HELD_OUT]))
        print(render_evaluation("held-out split (logged in bench/held-out-log.tsv)", evaluation))
        log_held_out(evaluation, args.held_out)
        return
    if not args.no_eval:
        matcher = QuoteMatcher()
        for split, title in (("dev", "dev split (tuned on)"), ("regression", "regression split (the first corpus)")):
            print(render_evaluation(title, evaluate(matcher, load_corpus([split]))))
            print()


if __name__ == "__main__":
    main()
