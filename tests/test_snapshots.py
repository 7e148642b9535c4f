from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from ipaddress import ip_network
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.siteserver import Handler, RouteRequest, Site
from tests.test_scale import verify
from verifier.fetch import Fetcher
from verifier.history import HistoryStore
from verifier.records import FetchResult, Settings
from verifier.snapshots import (
    ConditionalFetcher,
    SnapshotError,
    WrittenFiles,
    read_snapshot,
    reuse_snapshot,
    snapshot_digest,
    snapshot_name,
    store_snapshot,
)

FETCHED = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def fetched(
    body: bytes,
    status: int | None = 200,
    headers: dict[str, str] | None = None,
    url: str = "https://example.org/a",
    final_url: str | None = None,
) -> FetchResult:
    return FetchResult(
        url=url,
        final_url=final_url or url,
        status=status,
        headers=headers if headers is not None else {"content-type": "text/html; charset=utf-8"},
        body=body,
        fetched_at=FETCHED,
    )


@pytest.mark.parametrize(
    ("body", "status", "headers"),
    [
        (b"<html><body>hello</body></html>", 200, {"content-type": "text/html; charset=utf-8", "etag": '"v1"'}),
        (b"%PDF-1.4\n\x00\x01\x02\xff binary", 200, {"content-type": "application/pdf"}),
        (b"", 204, {}),
        ("<p>gone — 没有</p>".encode(), 404, {"content-type": "text/html; charset=utf-8"}),
        (b"odd", 599, {"content-type": "text/plain"}),
    ],
    ids=["html", "pdf-bytes", "empty", "not-found-unicode", "unknown-status"],
)
def test_round_trip(tmp_path: Path, body: bytes, status: int, headers: dict[str, str]) -> None:
    rel = store_snapshot(tmp_path, fetched(body, status, headers, final_url="https://example.org/final"))
    assert rel == f"snapshots/{hashlib.sha256(body).hexdigest()}.warc.gz"
    stored = read_snapshot(tmp_path / rel)
    assert stored.status == status
    assert stored.body == body
    assert stored.target_uri == "https://example.org/final"
    assert stored.date == "2026-03-04T05:06:07Z"
    for name, value in headers.items():
        assert stored.headers[name] == value
    assert stored.headers["content-length"] == str(len(body))


def test_is_a_standard_warc_response_record(tmp_path: Path) -> None:
    rel = store_snapshot(tmp_path, fetched(b"<p>audit me</p>"))
    assert rel is not None
    raw = (tmp_path / rel).read_bytes()
    assert gzip.decompress(raw).startswith(b"WARC/1.")
    with (tmp_path / rel).open("rb") as handle:
        records = []
        for record in ArchiveIterator(handle, check_digests="raise"):  # warcio checks both digests
            assert record.content_stream().read() == b"<p>audit me</p>"
            assert record.digest_checker.passed is True
            records.append(record)
    assert [r.rec_type for r in records] == ["response"]
    head = records[0].rec_headers
    assert head.get_header("WARC-Target-URI") == "https://example.org/a"
    # the payload digest is the body's SHA-256 that names the file (the body is hashed once)
    digest = bytes.fromhex(snapshot_digest(rel))
    assert head.get_header("WARC-Payload-Digest") == "sha256:" + base64.b32encode(digest).decode("ascii")
    assert head.get_header("WARC-Block-Digest")
    assert records[0].http_headers.protocol == "HTTP/1.1"
    assert records[0].http_headers.get_statuscode() == "200"


def test_decoded_body_drops_transfer_headers(tmp_path: Path) -> None:
    headers = {
        "content-type": "text/html",
        "content-encoding": "gzip",
        "transfer-encoding": "chunked",
        "content-length": "12",
    }
    body = b"<p>decompressed by the fetcher</p>"
    rel = store_snapshot(tmp_path, fetched(body, headers=headers))
    assert rel is not None
    stored = read_snapshot(tmp_path / rel)
    assert stored.body == body
    assert "content-encoding" not in stored.headers
    assert "transfer-encoding" not in stored.headers
    assert stored.headers["content-length"] == str(len(body))


def test_same_body_is_stored_once_and_not_rewritten(tmp_path: Path) -> None:
    first = store_snapshot(tmp_path, fetched(b"same words"))
    assert first is not None
    before = (tmp_path / first).stat()
    again = store_snapshot(tmp_path, fetched(b"same words", url="https://example.org/copy"))
    other = store_snapshot(tmp_path, fetched(b"other words"))
    assert again == first
    assert other != first
    after = (tmp_path / first).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == sorted(
        Path(p).name for p in (first, other) if p
    )


@pytest.mark.parametrize("damage", ["garbage", "truncated", "headers cut"])
def test_a_damaged_copy_of_the_same_body_is_written_again(tmp_path: Path, damage: str) -> None:
    """A snapshot file that can no longer be read (garbage, cut short, even inside its WARC
    headers) is replaced when the same body is fetched again, so that the next 304 can be
    answered from it."""
    first = store_snapshot(tmp_path, fetched(b"<p>kept words</p>"))
    assert first is not None
    path = tmp_path / first
    whole = path.read_bytes()
    damaged = {"garbage": b"\x00not a warc", "truncated": whole[: len(whole) // 2],
               "headers cut": gzip.compress(gzip.decompress(whole)[:120])}
    path.write_bytes(damaged[damage])
    with pytest.raises(SnapshotError):
        read_snapshot(path)
    assert store_snapshot(tmp_path, fetched(b"<p>kept words</p>")) == first
    assert read_snapshot(path).body == b"<p>kept words</p>"


def test_no_response_no_snapshot(tmp_path: Path) -> None:
    assert store_snapshot(tmp_path, fetched(b"", status=None)) is None
    assert not (tmp_path / "snapshots").exists()


def test_no_temporary_files_left(tmp_path: Path) -> None:
    for n in range(5):
        store_snapshot(tmp_path, fetched(f"body {n}".encode()))
    names = [p.name for p in (tmp_path / "snapshots").iterdir()]
    assert len(names) == 5
    assert all(name.endswith(".warc.gz") and not name.startswith(".tmp-") for name in names)


def test_reuse_snapshot_answers_a_304(tmp_path: Path) -> None:
    rel = store_snapshot(tmp_path, fetched(b"<p>kept</p>", headers={"content-type": "text/html", "etag": '"v1"'}))
    assert rel is not None
    not_modified = FetchResult(
        url="https://example.org/a",
        final_url="https://example.org/a",
        status=304,
        headers={"etag": '"v1"'},
        body=b"",
        bytes_received=0,
        fetched_at=datetime(2026, 3, 5, tzinfo=UTC),
    )
    revived = reuse_snapshot(not_modified, tmp_path / rel)
    assert revived.status == 200
    assert revived.body == b"<p>kept</p>"
    assert revived.content_type == "text/html"
    assert revived.fetched_at == datetime(2026, 3, 5, tzinfo=UTC)
    assert revived.bytes_received == 0


def test_missing_or_empty_snapshot_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match="no such snapshot"):
        read_snapshot(tmp_path / "snapshots" / "nope.warc.gz")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    with pytest.raises(SnapshotError, match="no response record"):
        read_snapshot(empty)


BIG_PAGE = ("<html><body>" + "<p>The cited article says many things. </p>" * 2000 + "</body></html>").encode()
LOOPBACK_SETTINGS = Settings(timeout_s=5, retries=0, per_host_delay_s=0, allow_networks=(ip_network("127.0.0.0/8"),))
LAST_MODIFIED = "Wed, 21 Oct 2026 07:28:00 GMT"


def validating_route(etag: str | None, last_modified: str | None, body: bytes = BIG_PAGE) -> Handler:
    """A page that answers 304 when the request's validators match."""

    def handle(req: RouteRequest) -> None:
        headers = {k: v for k, v in (("ETag", etag), ("Last-Modified", last_modified)) if v}
        if (etag and req.headers.get("If-None-Match") == etag) or (
            last_modified and not etag and req.headers.get("If-Modified-Since") == last_modified
        ):
            req.send_response(304)
            for name, value in headers.items():
                req.send_header(name, value)
            req.end_headers()
            return
        req.respond(200, body, headers=headers)

    return handle


def fetch_twice(site: Site, store: HistoryStore, out: Path, path: str) -> tuple[list[FetchResult], list[int]]:
    """Fetch `path` in two separate 'runs'; returns the results and body bytes served per run."""

    async def one_run() -> FetchResult:
        async with Fetcher(LOOPBACK_SETTINGS) as fetcher:
            return await ConditionalFetcher(fetcher, store, out).fetch(site.url(path), use_robots=False)

    results, served = [], []
    for _ in range(2):
        before = site.body_bytes
        results.append(asyncio.run(one_run()))
        served.append(site.body_bytes - before)
    return results, served


@pytest.mark.parametrize(
    ("etag", "last_modified", "revalidates"),
    [('"v1"', None, True), (None, LAST_MODIFIED, True), ('"v1"', LAST_MODIFIED, True), (None, None, False)],
    ids=["etag", "last-modified", "both", "no-validators"],
)
def test_second_run_revalidates_instead_of_downloading(
    site: Site, tmp_path: Path, etag: str | None, last_modified: str | None, revalidates: bool
) -> None:
    site.route("/page")(validating_route(etag, last_modified))
    with HistoryStore.open(tmp_path / "history.sqlite") as store:
        (first, second), served = fetch_twice(site, store, tmp_path, "/page")
    assert first.status == second.status == 200
    assert first.body == second.body == BIG_PAGE
    assert first.snapshot == second.snapshot == snapshot_name(BIG_PAGE)
    assert second.content_type.startswith("text/html")
    if revalidates:
        assert served[1] <= served[0] // 10
        sent = site.hits[-1].headers
        if etag:
            assert sent["if-none-match"] == etag
        if last_modified:
            assert sent["if-modified-since"] == last_modified
    else:
        assert served[1] == served[0]
        assert "if-none-match" not in site.hits[-1].headers


def test_changed_page_is_downloaded_and_stored_again(site: Site, tmp_path: Path) -> None:
    versions = iter([(b"<p>first version</p>", '"v1"'), (b"<p>second version</p>", '"v2"')])
    current: dict[str, Any] = {}

    def handle(req: RouteRequest) -> None:
        if not current or req.headers.get("If-None-Match") == current["etag"]:
            current["body"], current["etag"] = next(versions)
        req.respond(200, current["body"], headers={"ETag": current["etag"]})

    site.route("/page")(handle)

    with HistoryStore.open(tmp_path / "history.sqlite") as store:
        first, second = asyncio.run(_fetch_once(site, store, tmp_path)), asyncio.run(_fetch_once(site, store, tmp_path))
        stored = store.validators(site.url("/page"))
    first_snap, second_snap = first.snapshot, second.snapshot
    assert first_snap is not None
    assert second_snap is not None
    assert (first.body, second.body) == (b"<p>first version</p>", b"<p>second version</p>")
    assert first_snap != second_snap
    assert read_snapshot(tmp_path / second_snap).body == second.body
    assert stored is not None
    assert (stored.etag, stored.snapshot) == ('"v2"', second_snap)
    assert stored.content_sha256 == hashlib.sha256(second.body).hexdigest()


def test_lost_snapshot_means_a_full_request(site: Site, tmp_path: Path) -> None:
    site.route("/page")(validating_route('"v1"', None))
    with HistoryStore.open(tmp_path / "history.sqlite") as store:
        asyncio.run(_fetch_once(site, store, tmp_path))
        for snap in (tmp_path / "snapshots").iterdir():
            snap.unlink()
        result = asyncio.run(_fetch_once(site, store, tmp_path))
    assert result.status == 200
    assert result.body == BIG_PAGE
    assert "if-none-match" not in site.hits[-1].headers


def test_corrupt_snapshot_is_fetched_again(site: Site, tmp_path: Path) -> None:
    site.route("/page")(validating_route('"v1"', None))
    with HistoryStore.open(tmp_path / "history.sqlite") as store:
        asyncio.run(_fetch_once(site, store, tmp_path))
        (tmp_path / snapshot_name(BIG_PAGE)).write_bytes(b"")
        result = asyncio.run(_fetch_once(site, store, tmp_path))
    assert result.status == 200
    assert result.body == BIG_PAGE
    assert [h.headers.get("if-none-match") for h in site.hits] == [None, '"v1"', None]


async def _fetch_once(site: Site, store: HistoryStore, out: Path) -> FetchResult:
    async with Fetcher(LOOPBACK_SETTINGS) as fetcher:
        return await ConditionalFetcher(fetcher, store, out).fetch(site.url("/page"), use_robots=False)


@pytest.mark.parametrize(
    "damage",
    [lambda data: bytes(range(100)), lambda data: data[: len(data) // 2], lambda data: gzip.compress(b"WARC/1.0\r\n"),
     lambda data: gzip.compress(gzip.decompress(data)[:120])],
    ids=["garbage", "first-half", "not-a-record", "headers-cut"],
)
def test_damaged_snapshot_plus_a_304_means_a_full_request(
    site: Site, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    """bughunt-2026-11 #7: a garbage snapshot raised warcio's ArchiveLoadFailed on every run
    (the validators still pointed at it); a truncated one answered the 304 with an empty
    page (a false `recovered`). Either is unreadable: the page is fetched again in full."""
    site.route("/page")(validating_route('"v1"', None))
    with HistoryStore.open(tmp_path / "history.sqlite") as store:
        asyncio.run(_fetch_once(site, store, tmp_path))
        snapshot = tmp_path / snapshot_name(BIG_PAGE)
        snapshot.write_bytes(damage(snapshot.read_bytes()))
        result = asyncio.run(_fetch_once(site, store, tmp_path))
        again = asyncio.run(_fetch_once(site, store, tmp_path))
    assert (result.status, result.body) == (200, BIG_PAGE)
    assert (again.status, again.body) == (200, BIG_PAGE)
    assert [h.headers.get("if-none-match") for h in site.hits][:3] == [None, '"v1"', None]


def test_the_snapshots_written_are_noted_for_one_sync_of_those_files(tmp_path: Path) -> None:
    """A snapshot written now is noted (one already stored is not), and `sync` makes the noted
    files durable and forgets them: only they and their folders are fsynced, not every file
    system (os.sync)."""
    written = WrittenFiles()
    first = store_snapshot(tmp_path, fetched(b"kept words"), written)
    store_snapshot(tmp_path, fetched(b"kept words", url="https://example.org/copy"), written)
    other = store_snapshot(tmp_path, fetched(b"other words"), written)
    assert written.paths == [tmp_path / str(first), tmp_path / str(other)]
    written.sync()
    assert written.paths == []
    assert read_snapshot(tmp_path / str(first)).body == b"kept words"


def test_a_run_syncs_its_snapshots_and_not_every_file_system(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.page("/a", b"<p>first page</p>")
    site.page("/b", b"<p>second page</p>")
    sources = tmp_path / "sources.toml"
    sources.write_text('[settings]\nretries = 0\nper_host_delay_s = 0\nallow_networks = ["127.0.0.0/8"]\n'
                       'archive = "none"\n' + "".join(f'[[sources]]\nid = "{p}"\nurl = "{site.url("/" + p)}"\n'
                                                        for p in ("a", "b")), encoding="utf-8")

    def refuse() -> None:
        raise AssertionError("os.sync flushes every file system")

    synced: list[WrittenFiles] = []
    sync = WrittenFiles.sync

    def noted(self: WrittenFiles) -> None:  # every snapshot the run wrote (pages, probe, robots.txt)
        synced.append(self)
        assert sorted(self.paths) == sorted((tmp_path / "results" / "snapshots").iterdir())
        sync(self)

    monkeypatch.setattr(os, "sync", refuse)
    monkeypatch.setattr(WrittenFiles, "sync", noted)
    report = verify(sources, tmp_path / "results")
    assert {s["link"]["status"] for s in report.values()} == {"ok"}
    assert len(synced) == 1
    assert synced[0].paths == []
