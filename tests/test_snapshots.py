from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from verifier.records import FetchResult
from verifier.snapshots import SnapshotError, read_snapshot, reuse_snapshot, store_snapshot

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
        records = list(ArchiveIterator(handle))
    assert [r.rec_type for r in records] == ["response"]
    head = records[0].rec_headers
    assert head.get_header("WARC-Target-URI") == "https://example.org/a"
    assert head.get_header("WARC-Payload-Digest")
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
