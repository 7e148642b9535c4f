"""A run's memory does not grow with its sources: a fixed number of tasks takes the sources in
turn, and the results wait on disk (verifier/spool.py), read back in the input's order."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.fake_archive import sources_file
from tests.quote_helpers import QUOTE, article
from tests.siteserver import RouteRequest, Site, serve
from verifier import pipeline
from verifier.fetch import Fetcher
from verifier.judge.matcher import QuoteMatcher
from verifier.pipeline import RunOptions, run_once
from verifier.records import LinkResult, LinkStatus, QuoteKind, QuoteResult, QuoteVerdict, Source, SourceResult
from verifier.records import SourceVerdict as Verdict
from verifier.sources import load_documents
from verifier.spool import MappedResults, ResultSpool

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")
PAGES_PER_HOST = 8
LATENCY_S = 0.05


class InFlight:
    """Requests being answered at once, over every site, at most."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self._lock = threading.Lock()

    def answer(self, req: RouteRequest, body: str, status: int) -> None:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            time.sleep(LATENCY_S)
            req.respond(status, body)
        finally:
            with self._lock:
                self.now -= 1


@pytest.fixture
def sites() -> Iterator[tuple[list[Site], InFlight]]:
    """Three hosts, each with PAGES_PER_HOST articles under /news/ (one of them gone), slow to answer."""
    counter = InFlight()
    with ExitStack() as stack:
        found = [stack.enter_context(serve(host=host)) for host in HOSTS]
        for site in found:

            @site.route_prefix("/")
            def answer(req: RouteRequest) -> None:
                if req.path.startswith("/news/gone"):
                    counter.answer(req, "<html><title>Not Found</title><body>Not Found</body></html>", 404)
                elif req.path.startswith("/news/"):
                    counter.answer(req, article(), 200)
                else:
                    counter.answer(req, "<html><title>Not Found</title><body>Not Found</body></html>", 404)

        yield found, counter


def blocks(sites: list[Site]) -> list[dict[str, Any]]:
    """The sources, host after host (so that taking them host by host in turn reorders them)."""
    return [
        {"id": f"h{h}-{n}", "url": site.url(f"/news/{'gone' if n == 3 else 'story'}-{n}"), "quotes": [QUOTE]}
        for h, site in enumerate(sites) for n in range(PAGES_PER_HOST)
    ]


def test_a_run_keeps_a_fixed_number_of_sources_in_flight_and_gives_the_results_in_the_input_order(
    sites: tuple[list[Site], InFlight], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, counter = sites
    monkeypatch.setattr(pipeline, "IN_FLIGHT_PER_WORKER", 2)
    documents = load_documents([str(sources_file(tmp_path, "none", blocks(found)))])
    spool_folder = tmp_path / "spool"
    spool_folder.mkdir()
    tasks: list[int] = []
    spooled: list[list[Path]] = []

    def on_result(result: SourceResult) -> None:
        tasks.append(len(asyncio.all_tasks()))
        spooled.append(list(spool_folder.iterdir()))

    run = asyncio.run(run_once(documents, RunOptions(use_archive=False), fetcher_factory=Fetcher,
                               matcher=QuoteMatcher(semantic=False), on_result=on_result, spool_folder=spool_folder))

    total = len(HOSTS) * PAGES_PER_HOST
    assert [r.source.id for r in run.results] == [s.id for s in documents[0].sources]
    assert [r.verdict for r in run.results] == [Verdict.BROKEN if r.source.id.endswith("-3") else Verdict.VERIFIED
                                                for r in run.results]
    assert len(tasks) == total
    # the main task, two that check sources, and a host's probe at most per host: none per source
    assert max(tasks) <= 1 + 2 + len(HOSTS) < total
    assert counter.most <= 2  # (robots.txt, a page and the host's probe of one source come one after another)
    assert spooled == [[]] * total  # the spool's file has no name: nothing is left behind
    assert run.results[-1] == run.results[total - 1]
    assert list(run.results[1:3]) == [run.results[1], run.results[2]]


def result(n: int) -> SourceResult:
    link = LinkResult(LinkStatus.OK, "200 OK", datetime(2025, 7, 1, n, tzinfo=UTC), http_status=200,
                      final_url=f"https://example.org/{n}")
    quote = QuoteResult(f"quote {n}", QuoteKind.QUOTE, QuoteVerdict.VERBATIM, 1.0, evidence=f"quote {n}.")
    return SourceResult(Source(f"s{n}", f"https://example.org/{n}"), Verdict.VERIFIED, link, (quote,))


def test_a_spool_gives_back_the_results_in_the_order_of_their_places() -> None:
    spool = ResultSpool(5)
    for n in (3, 0, 4, 1):
        spool.put(n, result(n))
    assert [r.source.id for r in spool] == ["s0", "s1", "s3", "s4"]  # place 2 was never filled
    spool.put(2, result(2))
    assert list(spool) == [result(n) for n in range(5)]
    assert dataclasses.asdict(spool[2]) == dataclasses.asdict(result(2))
    assert list(spool[-2:]) == [result(3), result(4)]
    with pytest.raises(ValueError, match="filled already"):
        spool.put(2, result(2))
    inconclusive = MappedResults(spool, lambda r: dataclasses.replace(r, verdict=Verdict.UNVERIFIABLE))
    assert [r.verdict for r in inconclusive] == [Verdict.UNVERIFIABLE] * 5
    assert inconclusive[0].source == result(0).source
    spool.close()
