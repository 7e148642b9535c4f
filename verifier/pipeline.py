"""run_once: the stages in order. load (done by the caller) -> fetch -> classify ->
extract -> match -> alternate/archive fallback -> verdict. Collaborators (fetcher factory,
matcher, clock) come in from the caller; nothing here builds a client of its own."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import secrets
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from verifier.archive import NOTHING_ARCHIVED, capture_page_url, find_snapshot, is_capture_of
from verifier.changes import annotate_changes
from verifier.fetch import PageFetcher
from verifier.history import HistoryStore
from verifier.html_report import render_html
from verifier.liveness import probe_url
from verifier.metrics import render_metrics
from verifier.notify import send_alerts
from verifier.reading import HostProbe, read_probe, read_response, read_text
from verifier.records import (
    Article,
    CopyUsed,
    Document,
    EvidenceFrom,
    FetchError,
    FetchResult,
    LinkAssessment,
    LinkResult,
    LinkStatus,
    PageFacts,
    QuoteKind,
    QuoteResult,
    QuoteVerdict,
    ReadOutcome,
    Settings,
    Source,
    SourceResult,
    SourceVerdict,
)
from verifier.report import (
    Report,
    build_report,
    render_json,
    render_junit,
    render_markdown,
    rfc3339,
    summarize,
    write_atomic,
)
from verifier.snapshots import WrittenFiles
from verifier.spool import MappedResults, ResultList, ResultSpool
from verifier.verdicts import VerdictKey, VerdictStore, response_key
from verifier.workers import MatchPage, process_pool, thread_pool

if TYPE_CHECKING:  # a --links-only run judges nothing: its processes never import the judge
    from verifier.judge.matcher import QuoteMatcher

FetcherFactory = Callable[[Settings], AbstractAsyncContextManager[PageFetcher]]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


LINKS_ONLY_NOTE = "not checked: --links-only"


@dataclass(frozen=True)
class RunOptions:
    only: frozenset[str] = frozenset()  # empty: every source
    use_archive: bool = True
    links_only: bool = False  # liveness, alternates and archive look-up; no quote matching


@dataclass
class RunResult:
    started_at: datetime
    finished_at: datetime
    results: Sequence[SourceResult]  # in the input's order; on disk (spool.ResultSpool) after a local run
    network_ok: bool
    articles: list[Article] = field(default_factory=list)
    subset: bool = False  # --only left some source out
    guard_refusal: str | None = None  # the address guard refused every fetch: its first reason

    @property
    def is_complete(self) -> bool:
        """Every source was judged: only such a run may replace the reports (latest.*,
        junit.xml, index.html, metrics.prom)."""
        return self.network_ok and not self.subset


@dataclass(frozen=True)
class Reading:
    """One fetched copy of a page, classified, with the facts of its text when it could be
    read. `text` is that text when the copy was read in this run; None when its reading was
    reused (the same response read in an earlier run) or with --links-only: then it is read
    again only if a statement is to be judged against it."""

    url: str
    fetched: FetchResult
    assessment: LinkAssessment
    page: PageFacts | None
    text: str | None = None

    @property
    def partial_reason(self) -> str | None:
        """Why this copy may show only part of the page (then a missing quote is unverifiable)."""
        if self.assessment.status is LinkStatus.PAYWALLED:
            return "not in the visible part of a paywalled page"
        if self.page is not None and self.page.problem is not None:
            return f"only part of the page could be read ({self.page.problem})"
        if self.page is not None and self.has_text and self.page.chars < MIN_TEXT_CHARS:
            return (f"the page has almost no readable text ({self.page.chars} characters; "
                    "it may be built by JavaScript)")
        return None

    @property
    def has_text(self) -> bool:
        """There is readable text; text read in part (an extraction problem) still counts."""
        return self.assessment.status.is_readable and self.page is not None and self.page.chars > 0


MIN_TEXT_CHARS = 200  # less readable text than this, and a missing quote proves nothing
IN_FLIGHT_PER_WORKER = 32  # sources checked at once per CPU worker: enough to hide the latency
# --links-only reads a page in ~2 ms of a worker, not ~50: many more sources in flight to hide
# the latency, each holding at most one response body (politeness is per host, in the fetcher)
IN_FLIGHT_PER_WORKER_LINKS_ONLY = 128

_RANK = {
    QuoteVerdict.VERBATIM: 5,
    QuoteVerdict.NEAR_VERBATIM: 5,
    QuoteVerdict.PARAPHRASE: 5,
    QuoteVerdict.DISTORTED: 3,
    QuoteVerdict.NOT_FOUND: 2,
    QuoteVerdict.UNVERIFIABLE: 0,
}


@dataclass
class FetchLog:
    """What the run must know of all its fetches (pages, probes, alternates, archive
    look-ups), in constant memory: whether anything answered, whether any failed as a
    network that is down would, and whether the address guard refused every one."""

    fetches: int = 0
    answered: bool = False
    network_failed: bool = False
    refused: int = 0
    first_refusal: str | None = None

    def merge(self, other: FetchLog) -> None:
        """Add what another log saw (a shard's, on a cluster)."""
        self.fetches += other.fetches
        self.answered = self.answered or other.answered
        self.network_failed = self.network_failed or other.network_failed
        self.refused += other.refused
        self.first_refusal = self.first_refusal or other.first_refusal

    def add(self, fetched: FetchResult) -> None:
        self.fetches += 1
        self.answered = self.answered or is_answer(fetched)
        self.network_failed = self.network_failed or (fetched.error is not None and fetched.error.is_network_failure)
        if fetched.error is FetchError.ADDRESS_REFUSED:
            self.refused += 1
            self.first_refusal = self.first_refusal or fetched.reason

    @property
    def network_down(self) -> bool:
        """Fetches failed to resolve or connect and nothing at all answered: no page, probe,
        alternate or archive look-up. One answer from anywhere, the archive included, proves
        the network up."""
        return self.network_failed and not self.answered

    @property
    def guard_refusal(self) -> str | None:
        """The address guard's first reason when it refused every fetch of the run (then
        nothing was checked at all), else None."""
        return self.first_refusal if self.fetches and self.refused == self.fetches else None


class RecordingFetcher:
    """A PageFetcher that notes every result that passes through it in a FetchLog."""

    def __init__(self, fetcher: PageFetcher, log: FetchLog) -> None:
        self._fetcher = fetcher
        self._log = log

    async def fetch(
        self, url: str, *, extra_headers: dict[str, str] | None = None, use_robots: bool = True
    ) -> FetchResult:
        result = await self._fetcher.fetch(url, extra_headers=extra_headers, use_robots=use_robots)
        self._log.add(result)
        return result


class SourceChecker:
    """Checks the sources of one document with one fetcher."""

    def __init__(
        self,
        document: Document,
        *,
        fetcher: PageFetcher,
        executor: Executor,
        match_page: MatchPage,
        options: RunOptions,
        clock: Clock,
        verdicts: VerdictStore,
    ) -> None:
        self.document = document
        self.settings = document.settings
        self.fetcher = fetcher
        self.match_page = match_page  # runs in `executor`
        self.verdicts = verdicts
        self.executor = executor
        self.options = options
        self.clock = clock
        self._probes: dict[str, asyncio.Task[HostProbe | None]] = {}
        self._token = secrets.token_hex(6)

    async def check(self, source: Source) -> SourceResult:
        wanted = [(q, QuoteKind.QUOTE) for q in source.quotes] + [(c, QuoteKind.CLAIM) for c in source.claims]
        url = source.url
        if url is None:
            waiting = tuple(
                QuoteResult(text, kind, QuoteVerdict.UNVERIFIABLE, 0.0, notes=("waiting for the source's URL",))
                for text, kind in wanted
            )
            return SourceResult(source, SourceVerdict.UNRESOLVED, None, waiting,
                                notes=("the citation is not identified yet: no URL",))

        live = await self.read(url, probe=True)
        if self.options.links_only:
            return await self.check_links(source, wanted, live)
        unread = (f"page not readable: {live.assessment.reason}",)
        quotes = [QuoteResult(text, kind, QuoteVerdict.UNVERIFIABLE, 0.0, notes=unread) for text, kind in wanted]
        if live.has_text:
            quotes = await self.match_all(wanted, live, EvidenceFrom.LIVE, quotes)

        alternate: CopyUsed | None = None
        archive: CopyUsed | None = None
        unsettled = any(q.verdict is QuoteVerdict.UNVERIFIABLE for q in quotes)
        if live.assessment.status is not LinkStatus.OK or unsettled:
            for alt_url in source.alternates:
                if all(q.verdict.is_supported for q in quotes):
                    break
                reading = await self.read(alt_url, probe=False)
                if not reading.has_text:
                    continue
                before = quotes
                quotes = await self.match_all(wanted, reading, EvidenceFrom.ALTERNATE, quotes)
                # name the alternate whose text the report's evidence comes from (else the first one read)
                contributed = any(q is not b and q.evidence_from is EvidenceFrom.ALTERNATE
                                  for q, b in zip(quotes, before, strict=True))
                if alternate is None or contributed:
                    alternate = CopyUsed(alt_url, status=reading.assessment.status.value)
            base = self.settings.archive
            if base and self.options.use_archive and not all(q.verdict.is_supported for q in quotes):
                archive, quotes = await self.try_archive(
                    base, url, source, wanted, quotes, live_redirects=live.fetched.redirects
                )

        link = self.link_result(live)
        verdict = source_verdict(link.status, quotes)
        return SourceResult(source, verdict, link, tuple(quotes), archive=archive, alternate=alternate)

    async def check_links(self, source: Source, wanted: list[tuple[str, QuoteKind]], live: Reading) -> SourceResult:
        """--links-only: the live link's status; when it is not `ok`, the first alternate that
        can be read and the archive's nearest capture (looked up, not read). Quotes are not
        matched: each is `unverifiable` with LINKS_ONLY_NOTE, and the verdict follows the
        ordinary rule (a dead link is `broken`, a live one `unverifiable` unless the source
        has nothing to check)."""
        assert source.url is not None
        quotes = [QuoteResult(text, kind, QuoteVerdict.UNVERIFIABLE, 0.0, notes=(LINKS_ONLY_NOTE,))
                  for text, kind in wanted]
        alternate: CopyUsed | None = None
        archive: CopyUsed | None = None
        if live.assessment.status is not LinkStatus.OK:
            for alt_url in source.alternates:
                reading = await self.read(alt_url, probe=False)
                if reading.assessment.status.is_readable:
                    alternate = CopyUsed(alt_url, status=reading.assessment.status.value)
                    break
            base = self.settings.archive
            if base and self.options.use_archive:
                near: date | None = source.published or self.document.article.published
                lookup = await find_snapshot(self.fetcher, base, source.url, near, also=live.fetched.redirects)
                if lookup.snapshot is not None:
                    archive = CopyUsed(lookup.snapshot.url, timestamp=lookup.snapshot.timestamp)
        link = self.link_result(live)
        return SourceResult(source, source_verdict(link.status, quotes), link, tuple(quotes), archive=archive,
                            alternate=alternate)

    async def read(self, url: str, *, probe: bool, use_robots: bool = True, follow_refresh: bool = True) -> Reading:
        """Fetch, read and classify one copy. A short page that only refreshes elsewhere
        is followed once, through the same fetcher (address guard, robots), as one more
        redirect hop; an archived capture is read as it is (`follow_refresh=False`): its
        refresh points at the live site, not into the archive.

        The page is read and classified in one call to the worker (`read_page`), so the host's
        probe is fetched first, for any 200 with a body (of a page that then refreshes
        elsewhere too: once per host and run). With --links-only the page is read lightly
        first (`read_page`'s `light`)."""
        fetched = await self.fetcher.fetch(url, use_robots=use_robots)
        outcome, text = await self.assess(fetched, probe=probe, follow_refresh=follow_refresh)
        if outcome.refresh is not None:
            fetched = after_refresh(fetched, await self.fetcher.fetch(outcome.refresh, use_robots=use_robots))
            outcome, text = await self.assess(fetched, probe=probe, follow_refresh=False)
        return Reading(url, fetched, outcome.assessment, outcome.page, text)

    async def assess(
        self, fetched: FetchResult, *, probe: bool, follow_refresh: bool
    ) -> tuple[ReadOutcome, str | None]:
        """The reading of a response, and the page's text when it was read now: a response with a
        body read before (the same response, the same answer from the host's probe, the same
        reader: `verdicts.response_key`) is not read again, and its text is then not in hand.
        (Without a body there is nothing to read: a failure is classified again, at no cost.)"""
        probing = probe and fetched.status == 200 and bool(fetched.body)
        host_probe = await self.probe_host(fetched.final_url) if probing else None
        light = self.options.links_only
        key = None
        if fetched.status is not None and fetched.body:
            key = response_key(fetched, host_probe.digest if host_probe is not None else None,
                               follow_refresh=follow_refresh, light=light)
            known = self.verdicts.reading(key)
            if known is not None:
                return known, None
        outcome, text = await asyncio.get_running_loop().run_in_executor(
            self.executor, read_response, fetched, host_probe, follow_refresh, light)
        if key is not None:
            self.verdicts.put_reading(key, outcome)
        return outcome, text

    async def probe_host(self, url: str) -> HostProbe | None:
        """The host's answer to a path that cannot exist, fetched once per host per run."""
        host = urlsplit(url).netloc
        if host not in self._probes:
            self._probes[host] = asyncio.create_task(self._fetch_probe(probe_url(url, self._token)))
        return await self._probes[host]

    async def _fetch_probe(self, url: str) -> HostProbe | None:
        """The probe's answer read in the worker, off the event loop (None without a body)."""
        fetched = await self.fetcher.fetch(url)
        if fetched.status is None or not fetched.body:
            return None
        return await asyncio.get_running_loop().run_in_executor(
            self.executor, read_probe, fetched, self.options.links_only)

    async def try_archive(
        self,
        base: str,
        url: str,
        source: Source,
        wanted: list[tuple[str, QuoteKind]],
        quotes: list[QuoteResult],
        *,
        live_redirects: tuple[str, ...] = (),
    ) -> tuple[CopyUsed | None, list[QuoteResult]]:
        """The archived copy of `url` (or of where it redirected: `live_redirects`) and the
        quotes matched against it; never a capture of another page."""
        near: date | None = source.published or self.document.article.published
        lookup = await find_snapshot(self.fetcher, base, url, near, also=live_redirects)
        if lookup.snapshot is None:
            return None, [_add_note(q, f"archive: {lookup.reason}") for q in quotes]
        reading = await self.read(lookup.snapshot.raw_url, probe=False, use_robots=False, follow_refresh=False)
        landed = capture_page_url(reading.fetched.final_url)
        if landed is not None and not is_capture_of(landed, (url, *live_redirects, lookup.snapshot.page_url)):
            note = f"archive: {NOTHING_ARCHIVED} (the archive redirected to a capture of {landed})"
            return None, [_add_note(q, note) for q in quotes]
        if not reading.has_text:
            return None, [_add_note(q, f"archived copy not readable: {reading.assessment.reason}") for q in quotes]
        merged = await self.match_all(wanted, reading, EvidenceFrom.ARCHIVE, quotes)
        return CopyUsed(lookup.snapshot.url, timestamp=lookup.snapshot.timestamp), merged

    async def match_all(
        self, wanted: list[tuple[str, QuoteKind]], reading: Reading, origin: EvidenceFrom, current: list[QuoteResult]
    ) -> list[QuoteResult]:
        """Match every quote that is not yet supported against the copy's text; keep the
        better result. Where the copy shows only part of the page, absence proves nothing.
        A verdict already made for this text (this run or an earlier one) is reused; the rest
        are judged in one call to the worker (which reads the text again first when the
        copy's reading was reused)."""
        assert reading.page is not None  # a copy with text (`has_text`)
        digest = reading.page.text_sha256
        partial = reading.partial_reason
        keys = {i: VerdictKey(digest, kind, quote) for i, ((quote, kind), before) in
                enumerate(zip(wanted, current, strict=True)) if not before.verdict.is_supported}
        found = {i: match for i, key in keys.items() if (match := self.verdicts.get(key)) is not None}
        missing = [i for i in keys if i not in found]
        if missing:
            loop = asyncio.get_running_loop()
            text = reading.text
            if text is None:
                text = await loop.run_in_executor(self.executor, read_text, reading.fetched)
            judged = await loop.run_in_executor(self.executor, self.match_page, text, [wanted[i] for i in missing])
            for i, match in zip(missing, judged, strict=True):
                self.verdicts.put(keys[i], match)
                found[i] = match
        merged: list[QuoteResult] = []
        for i, ((quote, kind), before) in enumerate(zip(wanted, current, strict=True)):
            if i not in found:
                merged.append(before)
                continue
            match = found[i]
            after = QuoteResult(
                quote, kind, match.verdict, match.score,
                evidence=match.evidence, evidence_from=origin if match.evidence is not None else None,
                notes=match.notes, edits=match.edits,
            )
            if partial is not None and after.verdict is QuoteVerdict.NOT_FOUND:
                after = replace(after, verdict=QuoteVerdict.UNVERIFIABLE, evidence=None, evidence_from=None,
                                notes=(*after.notes, partial), edits=())
            merged.append(after if _RANK[after.verdict] >= _RANK[before.verdict] else before)
        return merged

    def link_result(self, live: Reading) -> LinkResult:
        fetched = live.fetched
        return LinkResult(
            status=live.assessment.status,
            reason=live.assessment.reason,
            checked_at=fetched.fetched_at or self.clock(),
            http_status=fetched.status,
            final_url=fetched.final_url,
            redirects=fetched.redirects,
            content_sha256=live.page.content_sha256 if live.page is not None else None,
            snapshot=fetched.snapshot,
            network_failure=fetched.status is None and fetched.error is not None and fetched.error.is_network_failure,
        )


def after_refresh(page: FetchResult, hop: FetchResult) -> FetchResult:
    """The fetch of a refreshing page continued by the fetch of its refresh target: one
    result whose chain holds the refresh as a hop (`refresh_hop`), as if it were a redirect."""
    assert page.status is not None  # refresh_target answers only for a 2xx page
    return replace(
        hop,
        url=page.url,
        redirects=(*page.redirects, hop.url, *hop.redirects),
        redirect_codes=(*page.redirect_codes, page.status, *hop.redirect_codes),
        refresh_hop=len(page.redirects),
        fetched_at=page.fetched_at,
        bytes_received=page.bytes_received + hop.bytes_received,
    )


def _add_note(quote: QuoteResult, note: str) -> QuoteResult:
    if quote.verdict.is_supported:
        return quote
    return replace(quote, notes=(*quote.notes, note))


def source_verdict(status: LinkStatus, quotes: Sequence[QuoteResult]) -> SourceVerdict:
    """The source's verdict from its live link status and its best quote results (SPEC)."""
    if quotes and all(q.verdict.is_supported for q in quotes):
        origins = {q.evidence_from for q in quotes}
        if EvidenceFrom.ARCHIVE in origins:
            return SourceVerdict.VERIFIED_VIA_ARCHIVE
        if EvidenceFrom.ALTERNATE in origins:
            return SourceVerdict.VERIFIED_VIA_ALTERNATE
        return SourceVerdict.VERIFIED
    if any(q.verdict in (QuoteVerdict.DISTORTED, QuoteVerdict.NOT_FOUND) for q in quotes):
        return SourceVerdict.DISPUTED
    if not quotes and status.is_readable:
        return SourceVerdict.VERIFIED
    if status.is_dead:
        return SourceVerdict.BROKEN
    return SourceVerdict.UNVERIFIABLE


def is_answer(fetched: FetchResult) -> bool:
    """Something at the other end answered: a response, or a failure only a reachable
    server can cause (TLS, protocol, robots.txt, a redirect). A refusal by the address guard
    reached nothing."""
    if fetched.status is not None:
        return True
    return fetched.error is not None and not fetched.error.is_network_failure and (
        fetched.error is not FetchError.ADDRESS_REFUSED)


def interleave_hosts(sources: Sequence[Source]) -> list[int]:
    """Indices of `sources` taking each host in turn (round robin, hosts in order of first
    appearance), so that the sources in flight at once spread over the hosts."""
    by_host: dict[str, list[int]] = {}
    for index, source in enumerate(sources):
        by_host.setdefault(urlsplit(source.url or "").netloc.lower(), []).append(index)
    return [i for turn in itertools.zip_longest(*by_host.values()) for i in turn if i is not None]


async def run_once(
    documents: Sequence[Document],
    options: RunOptions,
    *,
    fetcher_factory: FetcherFactory,
    matcher: QuoteMatcher,
    clock: Clock = utc_now,
    on_result: Callable[[SourceResult], None] = lambda _r: None,
    verdicts: VerdictStore | None = None,
    processes: int = 0,
    spool_folder: Path | None = None,
) -> RunResult:
    """Check the sources. `on_result` sees each result once it is final (see ResultGate).
    `verdicts` holds the judge's verdicts of earlier runs, reused for unchanged page texts
    (default: remembered for this run only); `processes` and `spool_folder`: see
    `check_sources`."""
    started = clock()
    log = FetchLog()
    gate = ResultGate(on_result)
    results = await check_sources(
        documents, options, fetcher_factory=fetcher_factory, matcher=matcher, log=log, clock=clock,
        on_checked=lambda result: gate.add(result, log.answered), verdicts=verdicts, processes=processes,
        spool_folder=spool_folder,
    )
    return finish_run(documents, started, clock(), results, log=log, gate=gate)


async def check_sources(
    documents: Sequence[Document],
    options: RunOptions,
    *,
    fetcher_factory: FetcherFactory,
    matcher: QuoteMatcher | None,
    log: FetchLog,
    clock: Clock = utc_now,
    on_checked: Callable[[SourceResult], None] = lambda _r: None,
    verdicts: VerdictStore | None = None,
    processes: int = 0,
    spool_folder: Path | None = None,
    in_memory: bool = False,
) -> ResultSpool | ResultList:
    """The result of every selected source, in the input's order, as checked (the network
    decision is `finish_run`'s); every fetch is noted in `log`, each result passed to
    `on_checked` as it ends.

    Extraction, classification and matching run in `processes` worker processes (each with a
    matcher built like `matcher`), or with 0 in one thread of this process with `matcher`
    itself (None with --links-only only: nothing is judged). At most IN_FLIGHT_PER_WORKER
    sources per worker are checked at once (IN_FLIGHT_PER_WORKER_LINKS_ONLY with
    --links-only), taken host by host in turn, each by
    one of that many tasks that take the next source when they are done with one: a page is
    read, judged and dropped before many more are fetched, and each result goes to a
    ResultSpool on disk as it ends (its file in `spool_folder`, else the temporary folder), so
    memory stays flat in the number of sources; `in_memory`: in a ResultList instead, for a
    caller that holds them all anyway (a shard's process)."""
    verdicts = verdicts if verdicts is not None else VerdictStore.in_memory()
    selected = [[s for s in document.sources if not options.only or s.id in options.only] for document in documents]
    size = sum(len(sources) for sources in selected)
    results = ResultList(size) if in_memory else ResultSpool(size, spool_folder)
    executor, match_page = (
        process_pool(matcher, processes, judging=not options.links_only, preload=[read_response.__module__])
        if processes > 0 else thread_pool(matcher)
    )
    per_worker = IN_FLIGHT_PER_WORKER_LINKS_ONLY if options.links_only else IN_FLIGHT_PER_WORKER
    in_flight = per_worker * max(1, processes)
    first = 0  # the place in `results` of the document's first selected source
    with executor:
        for document, sources in zip(documents, selected, strict=True):
            if not sources:
                continue
            async with fetcher_factory(document.settings) as fetcher:
                checker = SourceChecker(
                    document, fetcher=RecordingFetcher(fetcher, log), executor=executor, match_page=match_page,
                    options=options, clock=clock, verdicts=verdicts,
                )
                async def check_in_turn(pending: Iterator[int], checker: SourceChecker = checker,
                                        sources: list[Source] = sources, first: int = first) -> None:
                    for index in pending:  # shared: each task takes the next source in turn
                        result = await checker.check(sources[index])
                        on_checked(result)
                        results.put(first + index, result)

                pending = iter(interleave_hosts(sources))
                await asyncio.gather(*(check_in_turn(pending) for _ in range(min(in_flight, len(sources)))))
            first += len(sources)
    return results


class ResultGate:
    """Passes each result on once it is final: results that end before anything has
    answered wait until the network is known to be up (or, at the end, are passed on as
    inconclusive), so that progress never shows a verdict the network check later withdraws."""

    def __init__(self, on_result: Callable[[SourceResult], None]) -> None:
        self._on_result = on_result
        self._held: list[SourceResult] = []

    def add(self, result: SourceResult, answered: bool) -> None:
        self._held.append(result)
        if answered:
            for final in self._held:
                self._on_result(final)
            self._held.clear()

    def close(self, network_ok: bool) -> None:
        for final in self._held:
            self._on_result(final if network_ok else _inconclusive(final))
        self._held.clear()


def finish_run(
    documents: Sequence[Document], started: datetime, finished: datetime, results: Sequence[SourceResult], *,
    log: FetchLog, gate: ResultGate,
) -> RunResult:
    """The run from its checked results and the log of all its fetches: under a network that
    is down nothing is judged (see `_inconclusive`)."""
    network_ok = not log.network_down
    if not network_ok:
        results = MappedResults(results, _inconclusive)
    gate.close(network_ok)
    total = sum(len(d.sources) for d in documents)
    return RunResult(started, finished, results, network_ok, [d.article for d in documents],
                     subset=len(results) < total, guard_refusal=log.guard_refusal)


def _inconclusive(result: SourceResult) -> SourceResult:
    """Under a network that is down nothing is judged: no source is recorded as failing, and
    a name that did not resolve is `unreachable`, not `not_found` (the resolver was down)."""
    if result.link is None:
        return result
    reason = f"network looks down: nothing could be reached ({result.link.reason})"
    status = LinkStatus.UNREACHABLE if result.link.network_failure else result.link.status
    quotes = tuple(
        replace(q, verdict=QuoteVerdict.UNVERIFIABLE, notes=("not checked: the network looks down",))
        for q in result.quotes
    )
    return replace(result, verdict=SourceVerdict.UNVERIFIABLE, link=replace(result.link, status=status, reason=reason),
                   quotes=quotes)


# ---------------------------------------------------------------- record and report


def publish_run(
    run: RunResult, documents: Sequence[Document], *, inputs: Sequence[str], out: Path, store: HistoryStore,
    written: WrittenFiles,
) -> Report:
    """Judge the run against the history (confirmed dead, change), record it in runs/ and
    the history, and, for a complete run only (`RunResult.is_complete`), write the reports.
    A subset run (--only) leaves every report file as it was; a network-down run rewrites
    only metrics.prom, to show the outage, with the last complete run's counts.

    Order matters for a run killed half-way: the snapshots this process wrote made durable
    (`written`: those of a run's shards were synced by the shards), runs/<id>.json and the
    history first, then the reports, latest.json last, each written atomically, so every file
    stays whole."""
    run_id = run.started_at.strftime("%Y%m%dT%H%M%S%fZ")
    report = build_report(
        run_id=run_id, started_at=run.started_at, finished_at=run.finished_at, inputs=inputs,
        network_ok=run.network_ok, articles=run.articles, results=run.results,
    )
    priors = {s["id"]: store.prior(s["id"]) for s in report["sources"]}
    thresholds = {
        s.id: (d.settings.confirm_dead_failures, d.settings.confirm_dead_days) for d in documents for s in d.sources
    }
    report = annotate_changes(report, priors, thresholds)
    for source in report["sources"]:
        if source["link"] and source["link"]["confirmed_dead"] and source["verdict"] == SourceVerdict.UNVERIFIABLE:
            source["verdict"] = SourceVerdict.BROKEN.value
    report["summary"] = summarize(report["sources"])
    written.sync()
    rendered = render_json(report)
    write_atomic(out / "runs" / f"{run_id}.json", rendered)
    store.record_run(report, subset=run.subset)
    duration_s = (run.finished_at - run.started_at).total_seconds()
    if run.is_complete:
        write_atomic(out / "metrics.prom", render_metrics(report, duration_s, report))
        render_reports(report, store, out, rendered)
    elif not run.network_ok:  # the outage shows (network up 0); the counts stay the last complete run's
        write_atomic(out / "metrics.prom", render_metrics(report, duration_s, store.latest_complete_report()))
    if run.network_ok:
        for document in documents:
            alert_document(document, report, out)
    return report


def render_reports(report: Report, store: HistoryStore, out: Path, rendered: str | None = None) -> None:
    """Every report file from one report dict and the history's timelines; `rendered`: the
    report already rendered as JSON, when the caller has it (~0.2 s at 3,000 sources)."""
    timelines = {s["id"]: timeline_json(store, s["id"]) for s in report["sources"]}
    write_atomic(out / "latest.md", render_markdown(report))
    write_atomic(out / "junit.xml", render_junit(report))
    write_atomic(out / "index.html", render_html(report, timelines))
    write_atomic(out / "latest.json", rendered if rendered is not None else render_json(report))


def timeline_json(store: HistoryStore, source_id: str) -> list[dict[str, str]]:
    return [
        {"run_id": e.run_id, "started_at": rfc3339(e.started_at) or "", "verdict": e.verdict.value,
         "network": e.network}
        for e in store.timeline(source_id)
    ]


def alert_document(document: Document, report: Report, out: Path) -> None:
    """Alerts for one document's sources on the channels its [notify] table configures."""
    if document.notify.webhook is None and document.notify.email is None:
        return
    ids = {s.id for s in document.sources}
    own = {**report, "sources": [s for s in report["sources"] if s["id"] in ids]}
    key = hashlib.sha256(document.path.encode("utf-8")).hexdigest()[:12]
    send_alerts(document.notify, own, pending_path=out / f"pending-alerts-{key}.json")
