"""Snapshots: every fetched response kept as a WARC file under results/snapshots/ so that
each verdict can be audited later, and so that a 304 Not Modified can be answered from
what was stored.

One gzipped WARC file (one gzip member, GZIP_LEVEL) per distinct body, named by the body's
SHA-256: the same body fetched again (next run, or another URL) maps to the same file, which
is not rewritten.
The record is a WARC `response` with the HTTP status line, the response headers and the
body as our fetcher returned it (already decompressed, so Content-Encoding and
Transfer-Encoding are dropped and Content-Length is the stored length), WARC-Target-URI
(the final URL) and WARC-Date (when it was fetched). Files are written to a temporary
name in the same folder and moved into place with os.replace, without an fsync each (3-4 ms
of I/O wait apiece on an ext4 disk, which every source waited for): each one written is noted
in a `WrittenFiles`, whose `sync` makes them durable together before the run is recorded,
fsyncing those files, in threads, and their folders (not os.sync, which flushed every file
system of the machine). A snapshot a crash cut short is found out by its SHA-256
(`read_snapshot`) and written or fetched again.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import io
import os
import zlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from verifier.history import HistoryStore
from verifier.records import TRANSFER_HEADERS, FetchResult
from verifier.report import write_atomic

if TYPE_CHECKING:
    from verifier.fetch import PageFetcher

SNAPSHOT_DIR = "snapshots"
SNAPSHOT_SUFFIX = ".warc.gz"
# gzip level of a snapshot file. warcio's own is 9: on real 40-200 KB HTML pages 2.7 ms a
# page, about the cost of a --links-only reading of it; 3 takes 0.8 ms for files ~10% bigger.
GZIP_LEVEL = 3
SYNC_THREADS = 32  # fsyncs at once when the snapshots are made durable (`WrittenFiles.sync`)


class SnapshotError(Exception):
    """A snapshot file is missing or holds no response record."""


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    target_uri: str
    date: str  # WARC-Date, RFC 3339


def snapshot_name(body: bytes) -> str:
    """The path, relative to the results folder, under which a body is stored."""
    return _name_of(hashlib.sha256(body).digest())


def _name_of(digest: bytes) -> str:
    return f"{SNAPSHOT_DIR}/{digest.hex()}{SNAPSHOT_SUFFIX}"


def snapshot_digest(relative: str) -> str:
    """The SHA-256 of the body stored under `relative` (a `snapshot_name`), read off the name."""
    return PurePosixPath(relative).name.removesuffix(SNAPSHOT_SUFFIX)


class WrittenFiles:
    """Files written without an fsync each (`write_atomic`'s durable=False: snapshots), to be
    made durable together by `sync` before anything names them. Noted from several threads
    (list.append is atomic)."""

    def __init__(self) -> None:
        self._paths: list[Path] = []

    def add(self, path: Path) -> None:
        self._paths.append(path)

    @property
    def paths(self) -> list[Path]:
        return list(self._paths)

    def sync(self) -> None:
        """fsync every file noted since the last sync, then the folders that hold them and
        those folders' own (a new snapshots/ folder's entry): the files in SYNC_THREADS threads,
        whose fsyncs the file system commits together (1,500 snapshot files on the ext4 disk of
        the development machine: 0.26-0.29 s one after the other, 0.09-0.13 s in threads)."""
        paths, self._paths = self._paths, []
        if not paths:
            return
        with ThreadPoolExecutor(max_workers=SYNC_THREADS, thread_name_prefix="verifier-sync") as pool:
            list(pool.map(_fsync, paths))
        folders = {p.parent for p in paths}
        for folder in sorted(folders | {f.parent for f in folders}, key=lambda f: len(f.parts), reverse=True):
            _fsync(folder)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_snapshot(out_dir: Path, result: FetchResult, written: WrittenFiles | None = None) -> str | None:
    """Store the response in `result` under out_dir/snapshots/ and return its path relative
    to out_dir ("snapshots/<sha256>.warc.gz"); None when no response was obtained. A file
    written now (not one already there) is noted in `written`, to be made durable by its
    `sync`. Pass the response as fetched (not a 304: answer those with `reuse_snapshot`)."""
    if result.status is None:
        return None
    digest = hashlib.sha256(result.body).digest()
    relative = _name_of(digest)
    target = out_dir / relative
    if target.is_file() and _intact(target):
        return relative  # (a damaged copy is written again: else every later 304 finds it unreadable)
    write_atomic(target, _warc_bytes(result, digest), durable=False)
    if written is not None:
        written.add(target)
    return relative


def _intact(path: Path) -> bool:
    try:
        read_snapshot(path)
    except SnapshotError:
        return False
    return True


def read_snapshot(path: Path) -> StoredResponse:
    """The response stored in a snapshot file (out_dir / the relative path). Anything but a
    whole, intact record (missing, garbage, truncated, or a body whose SHA-256 is not the
    one the file is named by) is a SnapshotError: a 304 is then no proof of anything."""
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                http = record.http_headers
                stored = StoredResponse(
                    status=int(http.get_statuscode()),
                    headers={name.lower(): value for name, value in http.headers},
                    body=record.content_stream().read(),
                    target_uri=record.rec_headers.get_header("WARC-Target-URI") or "",
                    date=record.rec_headers.get_header("WARC-Date") or "",
                )
                if snapshot_name(stored.body) != f"{SNAPSHOT_DIR}/{path.name}":
                    raise SnapshotError(f"{path}: damaged (the body does not match the file's SHA-256)")
                return stored
    except FileNotFoundError as exc:
        raise SnapshotError(f"{path}: no such snapshot") from exc
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, AttributeError) as exc:
        # (warcio raises AttributeError on a record cut inside its WARC headers)
        raise SnapshotError(f"{path}: unreadable: {exc}") from exc
    raise SnapshotError(f"{path}: no response record")


def reuse_snapshot(not_modified: FetchResult, path: Path) -> FetchResult:
    """A 304 answer turned into the stored response it confirms: status, headers and body
    from the snapshot; URL, redirects, timing and transfer count from the 304 fetch."""
    stored = read_snapshot(path)
    return dataclasses.replace(not_modified, status=stored.status, headers=stored.headers, body=stored.body)


class ConditionalFetcher:
    """A PageFetcher over another one: conditional requests, 304s answered from the stored
    snapshot, every response stored under out_dir/snapshots/; each result's `snapshot` names
    the file that holds it, for the report's `link.snapshot`. Snapshot files are read and
    written in a thread, off the event loop (compressing a page takes under a millisecond at
    GZIP_LEVEL). Written in the worker processes instead, they cost the event loop's process
    less CPU but doubled the tasks handed to the pool, whose hand-over through its manager
    thread then held up the readings: a --links-only run at 3,000 sources took 25-26 s against
    20-21 s in a thread. Without a history store (a worker of a cluster: the history is the
    client's) requests are unconditional and responses are only stored. The snapshot files it
    writes are noted in `written` (by default its own), for the caller to `sync`."""

    def __init__(self, fetcher: PageFetcher, store: HistoryStore | None, out_dir: Path,
                 written: WrittenFiles | None = None) -> None:
        self._fetcher = fetcher
        self._store = store
        self._out_dir = out_dir
        self.written = written if written is not None else WrittenFiles()

    async def fetch(
        self, url: str, *, extra_headers: dict[str, str] | None = None, use_robots: bool = True
    ) -> FetchResult:
        known = self._store.validators(url) if self._store is not None else None
        headers = {**(extra_headers or {}), **(known.request_headers() if known else {})}
        result = await self._fetcher.fetch(url, extra_headers=headers or None, use_robots=use_robots)
        if result.status == 304 and known is not None:
            try:
                revived = await asyncio.to_thread(reuse_snapshot, result, self._out_dir / known.snapshot)
            except SnapshotError:  # unreadable snapshot: ask again, unconditionally
                result = await self._fetcher.fetch(url, extra_headers=extra_headers, use_robots=use_robots)
            else:
                return dataclasses.replace(revived, snapshot=known.snapshot)
        path = await asyncio.to_thread(store_snapshot, self._out_dir, result, self.written)
        if path is None:
            return result
        etag, last_modified = result.headers.get("etag"), result.headers.get("last-modified")
        # A body read in part is no copy for a 304 to confirm: the next run reads it again.
        if self._store is not None and result.status == 200 and not result.truncated and (etag or last_modified):
            self._store.save_validators(url, etag, last_modified, path, snapshot_digest(path))
        return dataclasses.replace(result, snapshot=path)


def _warc_bytes(result: FetchResult, body_sha256: bytes) -> bytes:
    """The gzipped WARC record of `result`; its payload digest is `body_sha256`, the body's
    SHA-256 the file is named by (warcio would hash the body once more, with SHA-1, for it)."""
    status = result.status or 0
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    headers = [(name, value) for name, value in result.headers.items() if name.lower() not in TRANSFER_HEADERS]
    headers.append(("content-length", str(len(result.body))))
    fetched = result.fetched_at or datetime.now(UTC)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)  # compressed below, as one gzip member, at GZIP_LEVEL
    record = writer.create_warc_record(
        result.final_url or result.url,
        "response",
        payload=io.BytesIO(result.body),
        length=len(result.body),
        http_headers=StatusAndHeaders(f"{status} {phrase}", headers, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": _warc_date(fetched),
                           "WARC-Payload-Digest": "sha256:" + base64.b32encode(body_sha256).decode("ascii")},
    )
    writer.write_record(record)
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return compressor.compress(buffer.getvalue()) + compressor.flush()


def _warc_date(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
