"""The CPU-bound stages off the event loop: text extraction, link classification and the quote
judge, either in one thread of this process (`thread_pool`, with the caller's matcher) or in
a pool of worker processes sized to the cores (`process_pool`), so that every core works while
the event loop keeps fetching.

Each worker process builds its own QuoteMatcher from a `MatcherSpec` (the same settings as
the caller's matcher) when it starts; the workers of a pool that judges nothing
(--links-only) build none and never import the judge. Each judging worker holds its own
sentence-embedding model (NumPy, loaded on first need: a run whose verdicts are all reused
never loads it), its weights memory-mapped, so the processes share their pages. A
`ModelServer` (one more process holding the only copy, each worker encoding through it)
cost more CPU than it saved memory: every text and its vectors went through a pipe and a
thread of the server, whose two threads also waited for each other's Python steps.
That matcher (in a `PageJudge`) is the worker's only state: a module global set by the pool's
initializer, the one place where this package keeps one, because a process pool hands its
workers nothing else between tasks.

A matcher keeps the embeddings it computes (of statements, page windows and passages' word
pieces; up to a thousand of each, the word pieces ~20 KB apiece), and across pages they are
hardly ever used again: a `PageJudge` drops them every FORGET_EMBEDDINGS_EVERY pages, so that a
worker's memory stays flat in the number of sources instead of filling those caches over the
first several thousand. An embedding depends on its text alone (`Embedder.encode`), so
computing one again gives the same verdict.
"""

from __future__ import annotations

import ctypes
import importlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from verifier.records import Match, QuoteKind

if TYPE_CHECKING:  # imported where a matcher is built: a --links-only worker never builds one
    from verifier.judge.matcher import QuoteMatcher
    from verifier.judge.verdict import Thresholds

Statements = Sequence[tuple[str, QuoteKind]]
MatchPage = Callable[[str, Statements], list[Match]]
PARENT_CHECK_S = 1.0
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's default, kept fixed (see fixed_mmap_threshold)
FORGET_EMBEDDINGS_EVERY = 64  # pages a matcher judges between two drops of its cached embeddings
SPAWN = multiprocessing.get_context("spawn")


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
        """The matcher, with a model of its own (loaded on first need)."""
        from verifier.judge.matcher import QuoteMatcher
        from verifier.judge.semantic import Embedder

        return QuoteMatcher(semantic=self.semantic, quote_thresholds=self.quote_thresholds,
                            claim_thresholds=self.claim_thresholds, embedder=Embedder(self.model_path))


class PageJudge:
    """Judges the statements of one page at a time with `matcher`, dropping the matcher's cached
    embeddings every FORGET_EMBEDDINGS_EVERY pages (see the module doc). Calls come one at a
    time (one worker thread, or a worker process)."""

    def __init__(self, matcher: QuoteMatcher) -> None:
        self.matcher = matcher
        self.pages = 0

    def __call__(self, text: str, statements: Statements) -> list[Match]:
        found = judge_statements(self.matcher, text, statements)
        self.pages += 1
        if self.pages % FORGET_EMBEDDINGS_EVERY == 0:
            self.matcher.forget_embeddings()
        return found


_worker_judge: PageJudge | None = None


def start_worker(spec: MatcherSpec | None, preload: Sequence[str] = ()) -> None:
    """Pool initializer: one core per worker (the pool is the parallelism), its matcher (none
    without a `spec`: a pool that judges nothing), the watchdog, and the modules `preload`
    imported (those of the functions the run will send: else the first task of each worker
    waits for them)."""
    global _worker_judge  # noqa: PLW0603 - the worker's one piece of state, see the module doc
    _worker_judge = PageJudge(spec.build()) if spec is not None else None  # (imports NumPy: first)
    start_process()
    for name in preload:
        importlib.import_module(name)


def start_process() -> None:
    """Set-up of every worker process: one core each, the watchdog, and big buffers given back
    when freed (`fixed_mmap_threshold`)."""
    one_core_until_orphaned()
    fixed_mmap_threshold()


def fixed_mmap_threshold() -> None:
    """glibc's malloc serves a buffer of 128 KiB or more with a mapping of its own, given back
    to the system when freed, but raises that threshold to the size of each such buffer freed
    (up to 32 MiB), after which buffers that size come from the heap and stay there. The
    model's buffers (a text's hidden states and attention, ~0.2-1 MB each) then held 30-40 MB
    more at one moment than at another, which made the run's peak depend on when it was
    sampled; fixed (M_MMAP_THRESHOLD), they are unmapped when freed.
    Elsewhere than glibc this does nothing."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    except (OSError, AttributeError):
        return


def one_core_until_orphaned() -> None:
    """In a process of the pool: one core per computation (the processes are the
    parallelism), and a watchdog that ends the process when its parent is gone (killed: no
    pool shutdown). NumPy's BLAS is loaded by then (a judging worker's matcher imports it; a
    --links-only worker never loads it), so its threads are limited through threadpoolctl,
    not the environment: two encodings at once with a BLAS thread per core each cost 2.6x the
    CPU of a run with one each."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="verifier-watchdog", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def match_in_worker(text: str, statements: Statements) -> list[Match]:
    assert _worker_judge is not None, "match_in_worker judges only in a judging pool started by process_pool"
    return _worker_judge(text, statements)


def judge_statements(matcher: QuoteMatcher, text: str, statements: Statements) -> list[Match]:
    """Every statement against one page text, in one call (the page is indexed once)."""
    return [matcher.match(text, statement, kind) for statement, kind in statements]


def default_processes() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def thread_pool(matcher: QuoteMatcher | None) -> tuple[Executor, MatchPage]:
    """One worker thread in this process, judging with `matcher` itself (None: judging nothing,
    as a pool not `judging`)."""
    judge = PageJudge(matcher) if matcher is not None else match_in_worker
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="verifier-cpu"), judge


class WorkerPool(ProcessPoolExecutor):
    """Worker processes, every one started at once (a spawned pool would start each at the
    first task that finds no idle worker: the first pages read would wait for its start and
    imports, ~1-2 s)."""

    def __init__(self, processes: int, spec: MatcherSpec | None, preload: Sequence[str] = ()) -> None:
        super().__init__(max_workers=processes, mp_context=SPAWN, initializer=start_worker,
                         initargs=(spec, tuple(preload)))
        for _ in range(processes):
            self.submit(os.getpid)  # no worker is idle yet: each of these starts one


def process_pool(matcher: QuoteMatcher | None, processes: int, *, judging: bool = True,
                 preload: Sequence[str] = ()) -> tuple[Executor, MatchPage]:
    """`processes` worker processes (spawned: the parent holds threads and an event loop),
    each with the modules `preload` imported and, when they are `judging`, a matcher built like
    `matcher`, with a model of its own (not judging, --links-only, they never import the
    judge: ~0.3 s less to start)."""
    spec = MatcherSpec.of(matcher) if judging and matcher is not None else None
    return WorkerPool(processes, spec, preload), match_in_worker
