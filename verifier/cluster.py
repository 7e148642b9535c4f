"""`verify --dask ADDRESS`: the run on a Dask distributed cluster.

The client (this process) shards the selected sources by host, so that every host is
handled by one worker and its politeness limits (per-host concurrency, delay, robots.txt)
hold cluster-wide; hosts go to shards largest first, each to the shard with the fewest
sources, one shard per worker. A worker checks its shard as a local run would (fetch,
classify, extract, match, alternates and archive), storing snapshots under the results
folder it is given (which it must reach: the same machine or shared storage), and sends
back its results and the log of its fetches. The client gathers them in the input's order
(in a ResultSpool on disk, as a local run does), decides whether the network was up from
every shard's log, and records and reports the run as a local run does. The history stays
with the client; workers make unconditional requests and keep verdicts for their shard's run
only.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from verifier.fetch import Fetcher, PageFetcher
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
from verifier.snapshots import ConditionalFetcher
from verifier.spool import ResultSpool
from verifier.workers import MatcherSpec

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


def check_shard(shard: Shard, options: RunOptions, spec: MatcherSpec, out: str) -> tuple[
        list[tuple[int, SourceResult]], FetchLog]:
    """On a worker: check one shard, as a local run would; its results and fetch log."""

    @asynccontextmanager
    async def fetcher(settings: Settings) -> AsyncIterator[PageFetcher]:
        async with Fetcher(settings) as plain:
            yield ConditionalFetcher(plain, None, Path(out))

    log = FetchLog()
    found: list[tuple[int, SourceResult]] = []
    for index, document in shard.documents:
        results = asyncio.run(check_sources([document], options, fetcher_factory=fetcher, matcher=spec.build(),
                                            log=log))
        found += [(index, result) for result in results]
    return found, log


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
    from distributed import Client, as_completed

    started = clock()
    log = FetchLog()
    gate = ResultGate(on_result)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    selected = ((index, s.id) for index, d in enumerate(documents) for s in d.sources
                if not options.only or s.id in options.only)
    places = {key: place for place, key in enumerate(selected)}
    checked = ResultSpool(len(places), out)  # in the input's order, on disk (as in a local run)
    with client:
        workers = len(client.scheduler_info().get("workers", {}))
        if workers == 0:
            raise ClusterError(f"the Dask scheduler at {address} has no workers")
        futures = [client.submit(check_shard, shard, options, spec, str(out.resolve()), pure=False)
                   for shard in shard_by_host(documents, options, workers)]
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            results, shard_log = future.result()
            log.merge(shard_log)
            for index, result in results:
                checked.put(places[(index, result.source.id)], result)
                gate.add(result, log.answered)
    return finish_run(documents, started, clock(), checked, log=log, gate=gate)
