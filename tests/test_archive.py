"""Archive look-ups against the local fake Wayback archive, through the real Fetcher:
the nearest capture, nothing archived, the Memento fallback, a slow and a failing archive,
and the raw (id_) capture read without the archive's toolbar."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from tests.fake_archive import TOOLBAR, FakeArchive
from tests.siteserver import Site, serve
from verifier.archive import Snapshot, SnapshotLookup, find_snapshot
from verifier.fetch import Fetcher
from verifier.records import FetchResult, IPNetwork, Settings

LOOPBACK: tuple[IPNetwork, ...] = (ipaddress.ip_network("127.0.0.0/8"),)
FAST = Settings(timeout_s=2, retries=0, per_host_delay_s=0, allow_networks=LOOPBACK)
PAGE = "https://www.foreignaffairs.example/china/build-like-china"
CAPTURES = {
    "20240301080000": "<html><body><p>An early draft of the essay.</p></body></html>",
    "20250702123000": "<html><body><p>If the United States hopes to match China, it must build.</p></body></html>",
    "20251120090000": "<html><body><p>A later, corrected version.</p></body></html>",
}


@pytest.fixture
def archive_site() -> Iterator[Site]:
    with serve() as site:
        yield site


def lookup(archive: FakeArchive, near: date | None, settings: Settings = FAST, url: str = PAGE) -> SnapshotLookup:
    async def go() -> SnapshotLookup:
        async with Fetcher(settings) as fetcher:
            return await find_snapshot(fetcher, archive.base_url + "/", url, near)

    return asyncio.run(go())


def fetch(url: str) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(FAST) as fetcher:
            return await fetcher.fetch(url, use_robots=False)

    return asyncio.run(go())


def stocked(archive: FakeArchive) -> FakeArchive:
    for stamp, html in CAPTURES.items():
        archive.add(PAGE, stamp, html)
    return archive.install()


@dataclass(frozen=True)
class Found:
    id: str
    near: date | None
    stamp: str
    via: str
    availability: str = "ok"


FOUND = [
    Found("nearest-to-source-date", date(2025, 7, 1), "20250702123000", "(availability API)"),
    Found("nearest-to-an-old-date", date(2023, 1, 1), "20240301080000", "(availability API)"),
    Found("no-date-gives-latest", None, "20251120090000", "(availability API)"),
    Found(
        "availability-error-memento-fallback",
        date(2025, 7, 1),
        "20250702123000",
        "Memento redirect; availability API: archive error: HTTP 503",
        availability="error",
    ),
    Found(
        "availability-empty-memento-fallback",
        date(2025, 7, 1),
        "20250702123000",
        "Memento redirect; availability API: nothing archived",
        availability="empty",
    ),
    Found(
        "availability-not-json-memento-fallback",
        date(2025, 7, 1),
        "20250702123000",
        "availability answer is not JSON",
        availability="garbage",
    ),
]


@pytest.mark.parametrize("case", FOUND, ids=[c.id for c in FOUND])
def test_finds_the_nearest_capture(archive_site: Site, case: Found) -> None:
    archive = stocked(FakeArchive(archive_site, availability=case.availability))
    found = lookup(archive, case.near)
    expected = Snapshot(archive.base_url, PAGE, datetime.strptime(case.stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC))
    assert found.snapshot == expected, found.reason
    assert case.via in found.reason
    assert found.snapshot.raw_url == f"{archive.base_url}/web/{case.stamp}id_/{PAGE}"
    assert found.snapshot.timestamp.tzinfo is not None


def test_availability_api_is_asked_for_the_source_date(archive_site: Site) -> None:
    archive = stocked(FakeArchive(archive_site))
    lookup(archive, date(2025, 7, 1))
    asked = [p for p in archive_site.paths_hit() if p.startswith("/wayback/available")]
    assert len(asked) == 1
    assert "timestamp=20250701" in asked[0]
    assert "url=https%3A%2F%2Fwww.foreignaffairs.example%2Fchina%2Fbuild-like-china" in asked[0]


@dataclass(frozen=True)
class Missing:
    id: str
    reason: str
    stocked: bool = True
    availability: str = "error"
    memento: str = "error"
    error_status: int = 503


MISSING = [
    Missing("nothing-archived", "nothing archived", stocked=False, availability="ok", memento="ok"),
    Missing("archive-503", "archive error: HTTP 503"),
    Missing("archive-500", "archive error: HTTP 500", error_status=500),
    Missing(
        "memento-error-after-empty-availability",
        "archive error: HTTP 503 (availability API: nothing archived)",
        availability="empty",
    ),
    Missing(
        "availability-error-and-nothing-archived",
        "nothing archived (availability API: archive error: HTTP 503)",
        stocked=False,
        memento="ok",
    ),
]


@pytest.mark.parametrize("case", MISSING, ids=[c.id for c in MISSING])
def test_says_why_there_is_no_snapshot(archive_site: Site, case: Missing) -> None:
    archive = FakeArchive(
        archive_site, availability=case.availability, memento=case.memento, error_status=case.error_status
    )
    archive = stocked(archive) if case.stocked else archive.install()
    found = lookup(archive, date(2025, 7, 1))
    assert (found.snapshot, found.reason) == (None, case.reason)


def test_slow_archive_times_out_within_its_budget(archive_site: Site) -> None:
    archive = stocked(FakeArchive(archive_site, delay_s=5.0))
    started = time.monotonic()
    found = lookup(
        archive, date(2025, 7, 1), Settings(timeout_s=0.5, retries=0, per_host_delay_s=0, allow_networks=LOOPBACK)
    )
    assert time.monotonic() - started < 10
    assert found.snapshot is None
    assert found.reason == "archive timeout (timeout after 0.5 s)"


def test_unreachable_archive_is_a_reason_not_an_exception() -> None:
    with serve() as gone:
        base = gone.base_url
    found = asyncio.run(_lookup_at(base))
    assert found.snapshot is None
    assert found.reason.startswith("archive unreachable: connection refused")


async def _lookup_at(base: str) -> SnapshotLookup:
    async with Fetcher(FAST) as fetcher:
        return await find_snapshot(fetcher, base, PAGE, date(2025, 7, 1))


def test_raw_capture_has_no_toolbar(archive_site: Site) -> None:
    archive = stocked(FakeArchive(archive_site))
    found = lookup(archive, date(2025, 7, 1))
    assert found.snapshot is not None
    raw = fetch(found.snapshot.raw_url)
    viewed = fetch(found.snapshot.url)
    assert (raw.status, viewed.status) == (200, 200)
    assert raw.body.decode() == CAPTURES["20250702123000"]
    assert TOOLBAR.encode() in viewed.body
    assert f"/web/20250702123000id_/{PAGE}" in archive_site.paths_hit()


def test_archive_requests_respect_the_address_guard(archive_site: Site) -> None:
    archive = stocked(FakeArchive(archive_site))
    found = lookup(archive, date(2025, 7, 1), Settings(timeout_s=2, retries=0, per_host_delay_s=0))
    assert found.snapshot is None
    assert "archive unreachable" in found.reason
    assert "loopback" in found.reason
    assert archive_site.paths_hit() == []
