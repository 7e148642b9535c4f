"""Archive fallback: the capture of a URL nearest a date in a Wayback-compatible archive.

Two look-ups, both through the run's Fetcher (address guard, per-host politeness, timeouts,
retries; robots.txt is not consulted: the archive is an API, not a crawl target):

1. the Availability API, `GET {base}/wayback/available?url=<url>&timestamp=YYYYMMDD`, whose
   JSON answer is `{"archived_snapshots": {"closest": {"available": true, "url": ...,
   "timestamp": "YYYYMMDDhhmmss", "status": "200"}}}` or `{"archived_snapshots": {}}`;
2. when that answers empty or fails, the Memento-style `GET {base}/web/<YYYYMMDDhhmmss>/<url>`,
   which the archive redirects to its nearest capture `/web/<timestamp>/<url>`.

The capture is read in its raw form, `{base}/web/<timestamp>id_/<url>`: the archived bytes
without the archive's toolbar or rewritten links. Failures never raise: the look-up says
why nothing was found ("nothing archived", "archive error: HTTP 503", "archive timeout").
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

from verifier.fetch import PageFetcher
from verifier.liveness import is_harmless_redirect
from verifier.records import FetchError, FetchResult

TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"
# A capture address: /web/<14-digit timestamp>[<2-letter modifier>_]/<original URL>.
CAPTURE_PATH = re.compile(r"/web/(\d{14})(?:[a-z]{2}_)?/(.+)$")

NOTHING_ARCHIVED = "nothing archived"


@dataclass(frozen=True)
class Snapshot:
    """One archived capture of a page."""

    archive_base: str  # e.g. https://web.archive.org, no trailing slash
    page_url: str  # the page's URL as the archive recorded it
    timestamp: datetime  # capture time, timezone-aware (UTC)

    @property
    def stamp(self) -> str:
        return self.timestamp.strftime(TIMESTAMP_FORMAT)

    @property
    def url(self) -> str:
        """The capture as people view it (with the archive's toolbar): for reports."""
        return f"{self.archive_base}/web/{self.stamp}/{self.page_url}"

    @property
    def raw_url(self) -> str:
        """The archived bytes themselves (the `id_` form): what the verifier reads."""
        return f"{self.archive_base}/web/{self.stamp}id_/{self.page_url}"


@dataclass(frozen=True)
class SnapshotLookup:
    """The outcome of a look-up: a snapshot, or None and the reason there is none."""

    snapshot: Snapshot | None
    reason: str  # how it was found, or why not


async def find_snapshot(
    fetcher: PageFetcher, archive_base: str, url: str, near: date | None, also: Sequence[str] = ()
) -> SnapshotLookup:
    """The capture of `url` nearest `near` (the most recent one when `near` is None). Only a
    capture of `url` itself, or of one of `also` (where it redirected), counts: archives
    redirect to captures of other pages (the site's home page) when they have none."""
    base = archive_base.rstrip("/")
    wanted = (url, *also)
    query = {"url": url} | ({"timestamp": near.strftime("%Y%m%d")} if near else {})
    answer = await fetcher.fetch(f"{base}/wayback/available?{urlencode(query)}", use_robots=False)
    snapshot, problem = _read_availability(base, url, answer)
    if snapshot is not None and not is_capture_of(snapshot.page_url, wanted):
        problem = f"{NOTHING_ARCHIVED} (the closest capture is of {snapshot.page_url})"
        snapshot = None
    if snapshot is not None:
        return SnapshotLookup(snapshot, f"capture of {_when(snapshot)} (availability API)")

    target = datetime(near.year, near.month, near.day, tzinfo=UTC) if near else datetime.now(UTC)
    memento = await fetcher.fetch(f"{base}/web/{target.strftime(TIMESTAMP_FORMAT)}/{url}", use_robots=False)
    snapshot, memento_problem = _read_memento(base, memento)
    if snapshot is not None and not is_capture_of(snapshot.page_url, wanted):
        memento_problem = f"{NOTHING_ARCHIVED} (the archive redirected to a capture of {snapshot.page_url})"
        snapshot = None
    if snapshot is not None:
        return SnapshotLookup(snapshot, f"capture of {_when(snapshot)} (Memento redirect; availability API: {problem})")
    if memento_problem == problem:
        return SnapshotLookup(None, problem)
    return SnapshotLookup(None, f"{memento_problem} (availability API: {problem})")


def is_capture_of(page_url: str, wanted: Sequence[str]) -> bool:
    """Whether a capture of `page_url` is a copy of one of `wanted`: the same resource up to
    harmless differences (scheme, www., trailing slash, tracking parameters)."""
    return any(is_harmless_redirect(page_url, url) for url in wanted)


def capture_page_url(capture_url: str) -> str | None:
    """The original URL a capture address (/web/<timestamp>[id_]/<url>) is of, or None."""
    capture = CAPTURE_PATH.search(capture_url)
    return capture.group(2) if capture else None


def _read_availability(base: str, url: str, answer: FetchResult) -> tuple[Snapshot | None, str]:
    trouble = _trouble(answer)
    if trouble:
        return None, trouble
    try:
        data = json.loads(answer.body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None, "archive error: the availability answer is not JSON"
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or not closest.get("available"):
        return None, NOTHING_ARCHIVED
    status = str(closest.get("status", "200"))
    if not status.startswith("2"):
        return None, f"{NOTHING_ARCHIVED} (the closest capture has status {status})"
    stamp = str(closest.get("timestamp", ""))
    capture = CAPTURE_PATH.search(str(closest.get("url", "")))
    timestamp = parse_stamp(stamp)
    if timestamp is None:
        return None, f"archive error: unreadable capture timestamp {stamp!r}"
    return Snapshot(base, capture.group(2) if capture else url, timestamp), ""


def _read_memento(base: str, answer: FetchResult) -> tuple[Snapshot | None, str]:
    if answer.status == 404:
        return None, NOTHING_ARCHIVED
    trouble = _trouble(answer)
    if trouble:
        return None, trouble
    capture = CAPTURE_PATH.search(answer.final_url)
    if capture is None:
        return None, f"archive error: no capture address in {answer.final_url}"
    timestamp = _memento_datetime(answer) or parse_stamp(capture.group(1))
    if timestamp is None:
        return None, f"archive error: unreadable capture timestamp {capture.group(1)!r}"
    return Snapshot(base, capture.group(2), timestamp), ""


def _trouble(answer: FetchResult) -> str:
    """Why an archive answer is unusable, or "" when it is a 2xx response."""
    if answer.error == FetchError.TIMEOUT:
        return f"archive timeout ({answer.reason})"
    if answer.error is not None:
        return f"archive unreachable: {answer.reason or answer.error.value}"
    if answer.status is None or not 200 <= answer.status < 300:
        return f"archive error: HTTP {answer.status}"
    return ""


def _memento_datetime(answer: FetchResult) -> datetime | None:
    """The capture time the archive declares (RFC 7089 Memento-Datetime), if it does."""
    value = answer.headers.get("memento-datetime")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_stamp(stamp: str) -> datetime | None:
    if not re.fullmatch(r"\d{14}", stamp):
        return None
    try:
        return datetime.strptime(stamp, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def _when(snapshot: Snapshot) -> str:
    return snapshot.timestamp.strftime("%Y-%m-%d %H:%M UTC")
