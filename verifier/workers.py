"""The CPU-bound stages off the event loop: text extraction, link classification and the quote
judge, either in one thread of this process (`thread_pool`, with the caller's matcher) or in
a pool of worker processes sized to the cores (`process_pool`), so that every core works while
the event loop keeps fetching.

Each worker process builds its own QuoteMatcher from a `MatcherSpec` (the same settings as
the caller's matcher) when it starts; the judge's model loads there on first need, one copy
per worker. That matcher is the worker's only state: a module global set by the pool's
initializer, the one place where this package keeps one, because a process pool hands its
workers nothing else between tasks.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from verifier.judge.matcher import QuoteMatcher
from verifier.judge.verdict import Thresholds
from verifier.records import Match, QuoteKind

Statements = Sequence[tuple[str, QuoteKind]]
MatchPage = Callable[[str, Statements], list[Match]]
PARENT_CHECK_S = 1.0


@dataclass(frozen=True)
class MatcherSpec:
    """What a worker needs to build a matcher like the caller's."""

    semantic: bool
    quote_thresholds: Thresholds
    claim_thresholds: Thresholds
    model_path: str | None

    @classmethod
    def of(cls, matcher: QuoteMatcher) -> MatcherSpec:
        return cls(matcher.semantic, matcher.thresholds[QuoteKind.QUOTE], matcher.thresholds[QuoteKind.CLAIM],
                   matcher.embedder.model_path)

    def build(self) -> QuoteMatcher:
        from verifier.judge.semantic import Embedder

        return QuoteMatcher(semantic=self.semantic, quote_thresholds=self.quote_thresholds,
                            claim_thresholds=self.claim_thresholds, embedder=Embedder(self.model_path))


_worker_matcher: QuoteMatcher | None = None


def start_worker(spec: MatcherSpec) -> None:
    """Pool initializer: one core per worker (the pool is the parallelism), its matcher, and
    a watchdog that ends the worker when its parent is gone (killed: no pool shutdown)."""
    global _worker_matcher  # noqa: PLW0603 - the worker's one piece of state, see the module doc
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    _worker_matcher = spec.build()
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="verifier-watchdog", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def match_in_worker(text: str, statements: Statements) -> list[Match]:
    assert _worker_matcher is not None, "match_in_worker runs only in a pool started by process_pool"
    return judge_statements(_worker_matcher, text, statements)


def judge_statements(matcher: QuoteMatcher, text: str, statements: Statements) -> list[Match]:
    """Every statement against one page text, in one call (the page is indexed once)."""
    return [matcher.match(text, statement, kind) for statement, kind in statements]


def default_processes() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def thread_pool(matcher: QuoteMatcher) -> tuple[Executor, MatchPage]:
    """One worker thread in this process, judging with `matcher` itself."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="verifier-cpu"), partial(judge_statements, matcher)


def process_pool(matcher: QuoteMatcher, processes: int) -> tuple[Executor, MatchPage]:
    """`processes` worker processes (spawned: the parent holds threads and an event loop),
    each with a matcher built like `matcher`."""
    executor = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=start_worker, initargs=(MatcherSpec.of(matcher),))
    return executor, match_in_worker
