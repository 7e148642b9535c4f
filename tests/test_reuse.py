"""A second run over unchanged pages, against real local sites: a 304 answered from the
snapshot is neither read again (text extraction, link rules) nor judged again, its reading
and its verdicts reused (verifier/verdicts.py); a page that changed, a 304 whose snapshot is
missing or damaged, and a new answer from the host's probe are read and judged afresh. Then
the store itself: a file of an earlier version, a save that fails half-way, the key."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fake_archive import sources_file
from tests.quote_helpers import BODY, CLAIM, QUOTE, CountingMatcher, article
from tests.siteserver import RouteRequest, Site, gzipped, serve
from verifier import reading
from verifier.cli import main
from verifier.extract import extract_page
from verifier.fetch import Fetcher, PageFetcher
from verifier.history import HistoryStore
from verifier.pipeline import RunOptions, run_once
from verifier.records import (
    FetchResult,
    LinkAssessment,
    LinkResult,
    LinkStatus,
    Match,
    PageFacts,
    QuoteKind,
    QuoteVerdict,
    ReadOutcome,
    Settings,
    SourceResult,
)
from verifier.snapshots import ConditionalFetcher, reuse_snapshot, snapshot_name, store_snapshot
from verifier.sources import load_documents
from verifier.verdicts import SCHEMA, VERDICTS_FILE, VerdictKey, VerdictStore, judge_version, response_key

PATH = "/opinion/2025/07/01/build-like-china"
CHANGED = BODY.replace("280 gigawatts", "28 gigawatts").replace("every factory trains", "no factory trains")


@dataclass
class Page:
    """The page at PATH: its body and ETag, answering If-None-Match with 304. A `lying` server
    answers 304 to any conditional request, whatever it holds now."""

    body: str = field(default_factory=article)
    etag: str = '"v1"'
    gzip: bool = False
    lying: bool = False

    def change(self, body: str) -> None:
        self.body, self.etag = body, '"v2"'

    def handle(self, req: RouteRequest) -> None:
        asked = req.headers.get("If-None-Match")
        if asked is not None and (asked == self.etag or self.lying):
            req.send_response(304)
            req.send_header("ETag", self.etag)
            req.end_headers()
            return
        data = self.body.encode("utf-8")
        headers = {"ETag": self.etag}
        if self.gzip:
            data, headers["Content-Encoding"] = gzipped(data), "gzip"
        req.respond(200, data, headers=headers)


@pytest.fixture
def page() -> Page:
    return Page()


@pytest.fixture
def publisher(page: Page) -> Iterator[Site]:
    with serve() as site:
        site.route(PATH)(page.handle)
        yield site


class Extractions:
    """The URLs whose responses were read (text extraction) in this process: a spy on the
    reading's extract_page and read_in_full, which read pages and the hosts' probes alike (the
    second, in full, perhaps from its memory of a body read before)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.urls: list[str] = []

        def spy(body: bytes, content_type: str, url: str, **kwargs: Any) -> Any:
            self.urls.append(url)
            return extract_page(body, content_type, url, **kwargs)

        in_full = reading.read_in_full

        def spy_in_full(fetched: FetchResult) -> Any:
            self.urls.append(fetched.final_url)
            return in_full(fetched)

        monkeypatch.setattr(reading, "extract_page", spy)
        monkeypatch.setattr(reading, "read_in_full", spy_in_full)

    def take(self) -> list[str]:
        urls, self.urls = self.urls, []
        return urls


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> Extractions:
    return Extractions(monkeypatch)


@dataclass(frozen=True)
class Run:
    results: Sequence[SourceResult]
    judged: int  # statements the judge was asked about
    readings_reused: int
    verdicts_reused: int


def check(sources: Path, out: Path) -> Run:
    """One run as `verifier verify` makes it (conditional requests answered from the snapshots,
    the history's validators, the verdict store in `out`), in this process."""
    matcher = CountingMatcher()
    with (HistoryStore.open(out / "history.sqlite") as store,
          VerdictStore.open(out / VERDICTS_FILE, judge_version()) as verdicts):

        @asynccontextmanager
        async def conditional(settings: Settings) -> AsyncIterator[PageFetcher]:
            async with Fetcher(settings) as fetcher:
                yield ConditionalFetcher(fetcher, store, out)

        run = asyncio.run(run_once(load_documents([str(sources)]), RunOptions(), fetcher_factory=conditional,
                                   matcher=matcher, verdicts=verdicts))
        verdicts.save()
    return Run(run.results, matcher.calls, verdicts.readings_reused, verdicts.reused)


def outcome(run: Run) -> list[dict[str, Any]]:
    """All that a run found but when: every field of every result (the link's status, reason,
    content digest and snapshot, each quote's verdict, score, evidence, notes and edits)."""
    found = [dataclasses.asdict(result) for result in run.results]
    for result in found:
        if result["link"] is not None:
            del result["link"]["checked_at"]
    return found


def link(run: Run) -> LinkResult:
    """The link of the run's one source."""
    found = run.results[0].link
    assert found is not None
    return found


def live_source(site: Site, tmp_path: Path) -> Path:
    return sources_file(tmp_path, "none", [{"id": "live", "url": site.url(PATH), "quotes": [QUOTE],
                                            "claims": [CLAIM]}])


# ---------------------------------------------------------------- a second run


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
def test_an_unchanged_page_is_neither_read_nor_judged_again(
    publisher: Site, page: Page, extractions: Extractions, tmp_path: Path, gzip: bool
) -> None:
    page.gzip = gzip  # the snapshot keeps the body decoded, without Content-Encoding: still the same response
    sources, out = live_source(publisher, tmp_path), tmp_path / "results"
    url = publisher.url(PATH)

    first = check(sources, out)
    assert url in extractions.take()
    assert first.judged == 2
    assert first.results[0].verdict.value == "verified"

    served = publisher.body_bytes
    second = check(sources, out)
    read = extractions.take()
    assert [h.headers.get("if-none-match") for h in publisher.hits if h.path == PATH] == [None, '"v1"']
    assert publisher.body_bytes - served < 1000  # a 304 (and the probe's 404), no page
    assert url not in read  # the page was not read again ...
    assert [u for u in read if "verifier-probe" in u]  # ... but the host's probe was, as on every run
    assert (second.judged, second.readings_reused, second.verdicts_reused) == (0, 1, 2)
    assert outcome(second) == outcome(first)


def test_a_second_cli_run_reads_no_unchanged_page(
    publisher: Site, extractions: Extractions, tmp_path: Path
) -> None:
    sources, out = live_source(publisher, tmp_path), tmp_path / "results"

    def verify() -> list[dict[str, Any]]:
        """The report's sources but when they were checked and what changed since last time."""
        assert main(["verify", str(sources), "--out", str(out), "--fail-on", "never"]) == 0
        report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
        return [{**{k: v for k, v in s.items() if k != "change"},
                 "link": {k: v for k, v in s["link"].items() if k != "checked_at"}} for s in report["sources"]]

    first = verify()
    assert publisher.url(PATH) in extractions.take()
    second = verify()
    assert publisher.url(PATH) not in extractions.take()
    assert second == first
    with sqlite3.connect(out / VERDICTS_FILE) as conn:
        assert conn.execute("SELECT count(*) FROM readings").fetchone()[0] == 1  # the page's


def test_a_page_that_changed_is_read_and_judged_afresh(
    publisher: Site, page: Page, extractions: Extractions, tmp_path: Path
) -> None:
    sources, out = live_source(publisher, tmp_path), tmp_path / "results"
    first = check(sources, out)
    extractions.take()
    page.change(article(body=CHANGED))  # a 200 with a new body and a new ETag
    second = check(sources, out)
    assert publisher.url(PATH) in extractions.take()
    assert second.judged == 2
    assert second.results[0].verdict.value == "disputed"
    assert outcome(second) != outcome(first)
    assert link(second).content_sha256 != link(first).content_sha256


@pytest.mark.parametrize("snapshot", ["missing", "damaged"])
def test_a_304_whose_snapshot_is_missing_or_damaged_is_read_and_judged_afresh(
    publisher: Site, page: Page, extractions: Extractions, tmp_path: Path, snapshot: str
) -> None:
    """The server answers 304 to any conditional request (it lies): with the stored copy
    gone or damaged the request is made again unconditionally, and the page as it is now is
    read and judged."""
    page.lying = True
    sources, out = live_source(publisher, tmp_path), tmp_path / "results"
    check(sources, out)
    stored = out / snapshot_name(article().encode("utf-8"))
    if snapshot == "missing":
        stored.unlink()
    else:
        stored.write_bytes(stored.read_bytes()[:200])
    page.change(article(body=CHANGED))
    extractions.take()

    second = check(sources, out)
    assert publisher.url(PATH) in extractions.take()
    assert second.judged == 2
    assert second.results[0].verdict.value == "disputed"


def test_a_lying_304_hides_a_change_no_more_than_before(
    publisher: Site, page: Page, tmp_path: Path
) -> None:
    """A 304 confirms the stored copy: a server that answers 304 for a page that changed is
    believed, as it was before readings were reused (the copy is revived and judged as it
    was); the next unconditional read, once the copy is gone, sees the change (above)."""
    page.lying = True
    sources, out = live_source(publisher, tmp_path), tmp_path / "results"
    first = check(sources, out)
    page.change(article(body=CHANGED))
    second = check(sources, out)
    assert outcome(second) == outcome(first)


def test_a_new_answer_from_the_hosts_probe_is_compared_afresh(
    publisher: Site, extractions: Extractions, tmp_path: Path
) -> None:
    """The page is unchanged (a 304), but the host now answers every unknown path with it: the
    page is read again and compared with the new probe, a soft 404, as a first run finds."""
    sources, out = live_source(publisher, tmp_path), tmp_path / "results"
    first = check(sources, out)
    assert link(first).status is LinkStatus.OK
    extractions.take()

    @publisher.route_prefix("/")
    def catch_all(req: RouteRequest) -> None:
        req.respond(200, article())

    second = check(sources, out)
    assert publisher.url(PATH) in extractions.take()
    fresh = check(sources, tmp_path / "fresh")
    assert link(second).status is LinkStatus.SOFT_404
    assert outcome(second) == outcome(fresh)


def test_a_page_that_refreshes_elsewhere_is_reused_hop_by_hop(
    publisher: Site, page: Page, extractions: Extractions, tmp_path: Path
) -> None:
    @publisher.route("/short/abc")
    def refreshing(req: RouteRequest) -> None:
        if req.headers.get("If-None-Match") == '"r1"':
            req.send_response(304)
            req.send_header("ETag", '"r1"')
            req.end_headers()
            return
        req.respond(200, f'<html><head><meta http-equiv="refresh" content="0; url={PATH}"></head>'
                         "<body><p>Redirecting...</p></body></html>", headers={"ETag": '"r1"'})

    sources = sources_file(tmp_path, "none", [{"id": "short", "url": publisher.url("/short/abc"),
                                               "quotes": [QUOTE]}])
    out = tmp_path / "results"
    first = check(sources, out)
    assert link(first).final_url == publisher.url(PATH)
    extractions.take()
    second = check(sources, out)
    assert not [u for u in extractions.take() if "verifier-probe" not in u]
    assert (second.judged, second.readings_reused) == (0, 2)  # the refreshing page and where it leads
    assert outcome(second) == outcome(first)


# ---------------------------------------------------------------- the store


READING = ReadOutcome(LinkAssessment(LinkStatus.OK, "HTTP 200"), None, PageFacts("a" * 64, "b" * 64, 1234, None))
MATCH = Match(QuoteVerdict.VERBATIM, 1.0, "the evidence", ("a note",))
KEY = VerdictKey("c" * 64, QuoteKind.QUOTE, QUOTE)


def test_a_file_of_an_earlier_version_still_loads(tmp_path: Path) -> None:
    """A verdicts.sqlite of the version before readings (the verdicts table only): its
    verdicts are reused and the readings are added to it."""
    path = tmp_path / VERDICTS_FILE
    with sqlite3.connect(path) as conn:
        conn.execute(SCHEMA)
        conn.execute("INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (KEY.text_sha256, "quote", QUOTE, "judge", "verbatim", 1.0, "the evidence", '["a note"]', "[]",
                      "2099-01-01T00:00:00+00:00"))
    conn.close()
    with VerdictStore.open(path, "judge", "reader") as store:
        assert store.get(KEY) == MATCH
        assert store.reading("response") is None
        store.put_reading("response", READING)
        store.save()
    with VerdictStore.open(path, "judge", "reader") as store:
        assert store.reading("response") == READING
        assert store.get(KEY) == MATCH


def test_a_save_that_fails_half_way_writes_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Verdicts and readings are saved in one transaction: a failure while writing the
    readings (here a trigger of the database's own) leaves the verdicts unwritten too, and
    the file as it was. The cache is given up with a warning; the run goes on."""
    path = tmp_path / VERDICTS_FILE
    with VerdictStore.open(path, "judge", "reader") as store:
        store.put(VerdictKey("d" * 64, QuoteKind.QUOTE, QUOTE), MATCH)
        store.save()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TRIGGER fail BEFORE INSERT ON readings BEGIN SELECT RAISE(ABORT, 'disk gone'); END")
    conn.close()
    with VerdictStore.open(path, "judge", "reader") as store:
        store.put(KEY, MATCH)
        store.put_reading("response", READING)
        store.save()
    assert "not kept" in caplog.text
    assert "disk gone" in caplog.text
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER fail")
        assert conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM readings").fetchone()[0] == 0
    conn.close()
    with VerdictStore.open(path, "judge", "reader") as store:
        assert store.get(KEY) is None
        assert store.get(VerdictKey("d" * 64, QuoteKind.QUOTE, QUOTE)) == MATCH


def test_readings_of_another_reader_are_not_reused_and_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / VERDICTS_FILE
    with VerdictStore.open(path, "judge", "reader-1") as store:
        store.put_reading("response", READING)
        store.save()
    with VerdictStore.open(path, "judge", "reader-2") as store:
        assert store.reading("response") is None
        store.put_reading("other", READING)
        store.save()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT response, reader FROM readings").fetchall() == [("other", "reader-2")]
    conn.close()


def response(body: bytes, **changes: Any) -> FetchResult:
    fields: dict[str, Any] = {
        "url": "https://example.org/a", "final_url": "https://example.org/a", "status": 200, "body": body,
        "headers": {"content-type": "text/html", "content-encoding": "gzip", "content-length": "99",
                    "date": "Sun, 01 Nov 2026 10:00:00 GMT", "etag": '"v1"'},
        **changes,
    }
    return FetchResult(**fields)


def key(fetched: FetchResult, probe: str | None = "probe") -> str:
    return response_key(fetched, probe, follow_refresh=True, light=False)


def test_the_key_of_a_response_is_that_of_its_snapshot_revived(tmp_path: Path) -> None:
    fetched = response(b"<p>words</p>")
    stored = store_snapshot(tmp_path, fetched)
    assert stored is not None
    not_modified = response(b"", status=304, headers={"etag": '"v1"'}, bytes_received=120)
    revived = dataclasses.replace(reuse_snapshot(not_modified, tmp_path / stored), snapshot=stored)
    assert revived.headers != fetched.headers  # no Content-Encoding, its own Content-Length
    assert key(revived) == key(fetched)


@pytest.mark.parametrize("change", [
    {"body": b"<p>other words</p>"},
    {"status": 203},
    {"headers": {"content-type": "text/plain"}},
    {"final_url": "https://example.org/"},
    {"redirects": ("https://example.org/",), "redirect_codes": (301,)},
    {"truncated": True},
    {"attempts": 2},
], ids=["body", "status", "headers", "final-url", "redirects", "truncated", "attempts"])
def test_what_a_reading_may_look_at_is_in_the_key(change: dict[str, Any]) -> None:
    fetched = response(b"<p>words</p>")
    assert key(dataclasses.replace(fetched, **change)) != key(fetched)


def test_the_probe_and_the_manner_of_reading_are_in_the_key_and_when_it_was_fetched_is_not() -> None:
    fetched = response(b"<p>words</p>")
    assert key(fetched, "another probe") != key(fetched)
    assert key(fetched, None) != key(fetched)
    assert response_key(fetched, "probe", follow_refresh=False, light=False) != key(fetched)
    assert response_key(fetched, "probe", follow_refresh=True, light=True) != key(fetched)
    later = dataclasses.replace(fetched, fetched_at=None, bytes_received=5, snapshot="snapshots/x.warc.gz")
    assert key(later) == key(fetched)
