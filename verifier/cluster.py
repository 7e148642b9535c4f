"""Runs sharded by host: `verify --dask ADDRESS` on a Dask distributed cluster, and a
`--links-only` run over this machine's cores.

The client (this process) shards the selected sources by host, so that every host is
handled by one worker and its politeness limits (per-host concurrency, delay, robots.txt)
hold cluster-wide; hosts go to shards largest first, each to the shard with the fewest
sources, one shard per worker. A worker checks its shard as a local run would (fetch,
classify, extract, match, alternates and archive), storing snapshots under the results
folder it is given (which it must reach: the same machine or shared storage), and sends
back its results and the log of its fetches. The client gathers them in the input's order
(in a ResultSpool on disk, as a local run does), decides whether the network was up from
every shard's log, and records and reports the run as a local run does. On a Dask cluster
the history stays with the client: workers make unconditional requests and keep verdicts for
their shard's run only.

`--links-only` on one machine (`run_on_cores`) shards the same way over one process per core,
each fetching and reading its hosts' pages itself: a page costs a few milliseconds to read
there, about what handing it from one event loop to a worker process and back cost, and the
one event loop that fetched every page was the run's bottleneck. Those processes share the
results folder's history (conditional requests and validators) and readings (SQLite, one
writer at a time), so the run is that of a single process in all but its speed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from concurrent.futures import Executor, as_completed
from contextlib import ExitStack, asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from verifier.fetch import Fetcher, PageFetcher
from verifier.history import HistoryStore
from verifier.pipeline import (
    Clock,
    FetchLog,
    ResultGate,
    RunOptions,
    RunResult,
    check_sources,
    finish_run,
    utc_now,
)
from verifier.records import Document, Settings, Source, SourceResult
from verifier.snapshots import ConditionalFetcher, WrittenFiles
from verifier.spool import ResultSpool
from verifier.verdicts import VerdictStore
from verifier.workers import MatcherSpec

ShardResults = tuple[list[tuple[int, SourceResult]], FetchLog]

CONNECT_TIMEOUT_S = 30


class ClusterError(Exception):
    """The cluster cannot be used (no scheduler at the address, no workers)."""


@dataclass(frozen=True)
class Shard:
    """Some hosts' sources: (index of the document in the run, the document with only them)."""

    documents: tuple[tuple[int, Document], ...]

    @property
    def size(self) -> int:
        return sum(len(d.sources) for _, d in self.documents)


def shard_by_host(documents: Sequence[Document], options: RunOptions, shards: int) -> list[Shard]:
    """The selected sources in at most `shards` shards, every host's sources in one."""
    hosts: dict[str, list[tuple[int, Source]]] = {}
    for index, document in enumerate(documents):
        for source in document.sources:
            if not options.only or source.id in options.only:
                hosts.setdefault(urlsplit(source.url or "").netloc.lower(), []).append((index, source))
    buckets: list[list[tuple[int, Source]]] = [[] for _ in range(max(1, min(shards, len(hosts))))]
    for group in sorted(hosts.values(), key=len, reverse=True):
        min(buckets, key=len).extend(group)
    return [Shard(tuple(
        (index, replace(documents[index], sources=tuple(s for i, s in bucket if i == index)))
        for index in sorted({i for i, _ in bucket})
    )) for bucket in buckets if bucket]


@dataclass(frozen=True)
class SharedStores:
    """The results folder's history and readings, for shards on this machine: `history` and
    `verdicts` the paths of its SQLite files, `judge` the run's judge version, `reader` its
    reader version (`verdicts.reader_version`: digesting the package's files and listing the
    installed packages costs a process ~0.05 s; None to have each process find it)."""

    history: str
    verdicts: str
    judge: str
    reader: str | None = None


def check_shard(shard: Shard, options: RunOptions, spec: MatcherSpec | None, out: str,
                stores: SharedStores | None = None) -> ShardResults:
    """In a worker: check one shard, as a local run would; its results and fetch log. With
    `stores` the shard's requests are conditional and its validators and readings kept, in
    the results folder's history and readings; without (a Dask worker) requests are
    unconditional and readings and verdicts are kept for the shard's run only. `spec`: the
    matcher to build, None for a --links-only run (it judges nothing, and its process never
    imports the judge)."""
    with ExitStack() as stack:
        store = stack.enter_context(HistoryStore.open(Path(stores.history))) if stores is not None else None
        verdicts = (stack.enter_context(VerdictStore.open(Path(stores.verdicts), stores.judge, stores.reader))
                    if stores is not None else None)

        written = WrittenFiles()

        @asynccontextmanager
        async def fetcher(settings: Settings) -> AsyncIterator[PageFetcher]:
            async with Fetcher(settings) as plain:
                yield ConditionalFetcher(plain, store, Path(out), written)

        log = FetchLog()
        found: list[tuple[int, SourceResult]] = []
        matcher = spec.build() if spec is not None else None
        for index, document in shard.documents:
            results = asyncio.run(check_sources([document], options, fetcher_factory=fetcher, matcher=matcher,
                                                log=log, verdicts=verdicts, in_memory=True))
            found += [(index, result) for result in results]
        if verdicts is not None:
            verdicts.save()
        written.sync()  # before the client records a run that names them
    return found, log


def run_on_cores(
    documents: Sequence[Document],
    options: RunOptions,
    pool: Executor,
    *,
    processes: int,
    stores: SharedStores,
    out: Path,
    clock: Clock = utc_now,
    on_result: Callable[[SourceResult], None] = lambda _r: None,
) -> RunResult:
    """A --links-only run with its sources sharded by host over the `processes` processes of
    `pool` (a `workers.WorkerPool` without a matcher: one core each, ended with their parent),
    each fetching and reading its shard's pages (see the module doc). The pool is shut down
    once every shard is back: the reports need none of its processes."""
    started = clock()
    with pool:
        futures = [pool.submit(check_shard, shard, options, None, str(out.resolve()), stores)
                   for shard in shard_by_host(documents, options, processes)]
        return gather_shards(documents, options, (future.result() for future in as_completed(futures)),
                             started=started, clock=clock, out=out, on_result=on_result)


def gather_shards(
    documents: Sequence[Document],
    options: RunOptions,
    shards: Iterable[ShardResults],
    *,
    started: datetime,
    clock: Clock,
    out: Path,
    on_result: Callable[[SourceResult], None],
) -> RunResult:
    """The run from its shards' results and fetch logs, taken as they come: the results in the
    input's order (in a ResultSpool on disk, as a local run), the network decided from every
    shard's log."""
    log = FetchLog()
    gate = ResultGate(on_result)
    selected = ((index, s.id) for index, d in enumerate(documents) for s in d.sources
                if not options.only or s.id in options.only)
    places = {key: place for place, key in enumerate(selected)}
    checked = ResultSpool(len(places), out)
    for results, shard_log in shards:
        log.merge(shard_log)
        for index, result in results:
            checked.put(places[(index, result.source.id)], result)
            gate.add(result, log.answered)
    return finish_run(documents, started, clock(), checked, log=log, gate=gate)


def run_on_cluster(
    address: str,
    documents: Sequence[Document],
    options: RunOptions,
    *,
    spec: MatcherSpec,
    out: Path,
    clock: Clock = utc_now,
    on_result: Callable[[SourceResult], None] = lambda _r: None,
) -> RunResult:
    """The run with its sources checked on the cluster at `address` (see the module doc)."""
    from distributed import Client
    from distributed import as_completed as completed_on_cluster

    started = clock()
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with client:
        workers = len(client.scheduler_info().get("workers", {}))
        if workers == 0:
            raise ClusterError(f"the Dask scheduler at {address} has no workers")
        futures = [client.submit(check_shard, shard, options, spec, str(out.resolve()), pure=False)
                   for shard in shard_by_host(documents, options, workers)]
        return gather_shards(documents, options,
                             (future.result() for future in completed_on_cluster(futures)),  # type: ignore[no-untyped-call]
                             started=started, clock=clock, out=out, on_result=on_result)
