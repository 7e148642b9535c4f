"""The labelled quote corpus (tests/quote_corpus/, format in its README) and its evaluation:
per-verdict precision and recall, the confusion matrix, false-verification and false-alarm
rates, accuracy, and recall per kind of change.

Splits: dev (tune on it), regression (the first corpus: nothing that worked may break) and
held_out (evaluated only through `make bench-quotes HELD_OUT=1`, which logs each look). A file
with `readable = false` stands for a page that could not be read: like the pipeline, the
harness gives its pairs `unverifiable` without calling the matcher."""

from __future__ import annotations

import time
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from verifier.judge.kinds import EditKind
from verifier.judge.matcher import QuoteMatcher
from verifier.records import Match, QuoteKind, QuoteVerdict

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "quote_corpus"
SPLITS = ("dev", "regression")
HELD_OUT = "held_out"
VERDICTS = tuple(QuoteVerdict)
_NOT_SUPPORTED = frozenset({QuoteVerdict.DISTORTED, QuoteVerdict.NOT_FOUND})


@dataclass(frozen=True)
class Pair:
    split: str
    page_id: str
    page: str
    readable: bool
    kind: QuoteKind
    text: str
    expected: QuoteVerdict
    why: str
    change: str  # the kind of change (README), or the expected verdict where the file gives none

    @property
    def id(self) -> str:
        return f"{self.split}/{self.page_id}/{self.text[:40]}"


def load_corpus(splits: Iterable[str] = SPLITS, root: Path = CORPUS_DIR) -> list[Pair]:
    pairs: list[Pair] = []
    for split in splits:
        for path in sorted((root / split).glob("*.toml")):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            readable = bool(data.get("readable", True))
            for item in data["pairs"]:
                pairs.append(
                    Pair(
                        split=split,
                        page_id=path.stem,
                        page=data["page"],
                        readable=readable,
                        kind=QuoteKind(item["kind"]),
                        text=item["text"],
                        expected=QuoteVerdict(item["expected"]),
                        why=item.get("why", ""),
                        change=item.get("change", _UNLABELLED[QuoteVerdict(item["expected"])]),
                    )
                )
    return pairs


_UNLABELLED = {
    QuoteVerdict.VERBATIM: "verbatim",
    QuoteVerdict.NEAR_VERBATIM: "harmless",
    QuoteVerdict.PARAPHRASE: "paraphrase",
    QuoteVerdict.DISTORTED: "distorted (kind not labelled)",
    QuoteVerdict.NOT_FOUND: "absent (kind not labelled)",
    QuoteVerdict.UNVERIFIABLE: "unreadable",
}


def judge(matcher: QuoteMatcher, pair: Pair) -> Match:
    """What the pipeline would report for this pair."""
    if not pair.readable:
        return Match(QuoteVerdict.UNVERIFIABLE, 0.0, None, ("page could not be read",))
    return matcher.match(pair.page, pair.text, pair.kind)


@dataclass(frozen=True)
class Evaluation:
    pairs: tuple[Pair, ...]
    results: tuple[Match, ...]
    seconds: tuple[float, ...] = ()  # time to judge each pair

    @property
    def confusion(self) -> Counter[tuple[QuoteVerdict, QuoteVerdict]]:
        """(expected, predicted) -> count."""
        return Counter((p.expected, r.verdict) for p, r in zip(self.pairs, self.results, strict=True))

    @property
    def accuracy(self) -> float:
        right = sum(p.expected == r.verdict for p, r in zip(self.pairs, self.results, strict=True))
        return right / len(self.pairs) if self.pairs else 0.0

    def _rate(self, expected: frozenset[QuoteVerdict], predicted: frozenset[QuoteVerdict]) -> tuple[float, int, int]:
        relevant = [(p, r) for p, r in zip(self.pairs, self.results, strict=True) if p.expected in expected]
        wrong = sum(r.verdict in predicted for _, r in relevant)
        return (wrong / len(relevant) if relevant else 0.0), wrong, len(relevant)

    @property
    def false_verification(self) -> tuple[float, int, int]:
        """Share of distorted or not_found pairs judged supported: (rate, count, of)."""
        return self._rate(_NOT_SUPPORTED, _SUPPORTED)

    @property
    def false_alarm(self) -> tuple[float, int, int]:
        """Share of supported pairs judged distorted or not_found: (rate, count, of)."""
        return self._rate(_SUPPORTED, _NOT_SUPPORTED)

    def precision_recall(self, verdict: QuoteVerdict) -> tuple[float, float, int]:
        matrix = self.confusion
        true = matrix[(verdict, verdict)]
        predicted = sum(n for (_, got), n in matrix.items() if got == verdict)
        actual = sum(n for (want, _), n in matrix.items() if want == verdict)
        return (true / predicted if predicted else 0.0), (true / actual if actual else 0.0), actual

    def recall_by_change(self) -> dict[str, tuple[int, int, int]]:
        """change -> (exact verdict, supported-ness right, of): how each kind of change fares."""
        table: dict[str, list[int]] = {}
        for p, r in zip(self.pairs, self.results, strict=True):
            row = table.setdefault(p.change, [0, 0, 0])
            row[0] += p.expected == r.verdict
            row[1] += p.expected.is_supported == r.verdict.is_supported
            row[2] += 1
        return {change: (a, b, n) for change, (a, b, n) in sorted(table.items())}

    def false_alarms_by_kind(self) -> Counter[str]:
        """What made faithful pairs come out unsupported: each meaning-bearing kind of edit among
        a distorted verdict's edits, or `not found`. A pair may count under several kinds."""
        counts: Counter[str] = Counter()
        for p, r in zip(self.pairs, self.results, strict=True):
            if not p.expected.is_supported or r.verdict.is_supported:
                continue
            if r.verdict is QuoteVerdict.NOT_FOUND:
                counts["not found"] += 1
                continue
            meaning = {e.kind for e in r.edits if e.kind not in _HARMLESS_KINDS}
            counts.update(meaning or {"other"})
        return counts

    def mistakes(self) -> list[tuple[Pair, Match]]:
        return [(p, r) for p, r in zip(self.pairs, self.results, strict=True) if p.expected != r.verdict]


_SUPPORTED = frozenset(v for v in QuoteVerdict if v.is_supported)
_HARMLESS_KINDS = frozenset(k.value for k in EditKind if k.is_harmless) | {EditKind.UNCOVERED.value}


def evaluate(matcher: QuoteMatcher, pairs: Sequence[Pair]) -> Evaluation:
    results: list[Match] = []
    seconds: list[float] = []
    for pair in pairs:
        started = time.perf_counter()
        results.append(judge(matcher, pair))
        seconds.append(time.perf_counter() - started)
    return Evaluation(tuple(pairs), tuple(results), tuple(seconds))


_SHORT = {
    QuoteVerdict.VERBATIM: "verb",
    QuoteVerdict.NEAR_VERBATIM: "near",
    QuoteVerdict.PARAPHRASE: "para",
    QuoteVerdict.DISTORTED: "dist",
    QuoteVerdict.NOT_FOUND: "nf",
    QuoteVerdict.UNVERIFIABLE: "unv",
}


def render_evaluation(title: str, evaluation: Evaluation) -> str:
    lines = [f"== {title}: {len(evaluation.pairs)} pairs"]
    lines.append(f"{'verdict':<14}{'precision':>10}{'recall':>8}{'n':>5}")
    for verdict in VERDICTS:
        precision, recall, count = evaluation.precision_recall(verdict)
        lines.append(f"{verdict.value:<14}{precision:>10.2f}{recall:>8.2f}{count:>5}")
    lines.append("confusion (rows expected, columns predicted):")
    lines.append(" " * 14 + "".join(f"{_SHORT[v]:>6}" for v in VERDICTS))
    matrix = evaluation.confusion
    for want in VERDICTS:
        lines.append(f"{want.value:<14}" + "".join(f"{matrix[(want, got)]:>6}" for got in VERDICTS))
    rate, wrong, total = evaluation.false_verification
    lines.append(f"false verification (distorted/not_found judged supported): {rate:.1%} ({wrong}/{total})")
    rate, wrong, total = evaluation.false_alarm
    lines.append(f"false alarm (supported judged distorted/not_found):         {rate:.1%} ({wrong}/{total})")
    by_kind = ", ".join(f"{kind} {n}" for kind, n in evaluation.false_alarms_by_kind().most_common())
    lines.append(f"false alarms by what decided them: {by_kind or 'none'}")
    lines.append(f"accuracy: {evaluation.accuracy:.1%}")
    if evaluation.seconds:
        ordered = sorted(evaluation.seconds)
        lines.append(
            f"time per pair: median {ordered[len(ordered) // 2] * 1000:.1f} ms, 90th percentile "
            f"{ordered[int(len(ordered) * 0.9)] * 1000:.1f} ms (the first pair includes the model load)"
        )
    lines.append("recall per kind of change: exact verdict / supported-or-not right / n")
    for change, (exact, side, total) in evaluation.recall_by_change().items():
        lines.append(f"  {change:<32}{exact:>4}{side:>5}{total:>5}   {side / total:6.1%}")
    return "\n".join(lines)
