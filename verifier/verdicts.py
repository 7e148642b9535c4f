"""Verdict reuse: the quote judge's answer for one (page text, statement) pair, kept between
runs in results/verdicts.sqlite, so that a run over unchanged pages does not judge them again;
and beside it the reading of each response (its text's digests and its link status), so that
an unchanged response (a 304 answered from its snapshot) is not read again either.

A verdict is a pure function of the page text, the statement, its kind and the judge, so it
is reused exactly when all of them are unchanged: the key is the SHA-256 of the page text as
the judge saw it, the kind, the statement, and `judge_version()` (records.JUDGE_VERSION plus
a digest of the judge's own files and of the matcher's settings, so that any change to the
judge, its lexicon or its thresholds starts afresh). What the pipeline does with a verdict
afterwards (a paywalled page's absence made `unverifiable`, the best of several copies) is
not stored: it is applied again on every run.

A reading (`ReadOutcome`: the link status and reason, where a page that only refreshes
elsewhere sends the reader, and the page's `PageFacts`) is a pure function of the response
(status, headers, body, the URL and its redirects: every field of the FetchResult that
`reading.read_page` may look at), of the host's answer to a path that cannot exist (the
probe, fetched again on every run), of whether it is read lightly (--links-only) or follows a
refresh, and of the reader: the extraction and link rules. So it is reused exactly when all
of them are unchanged: the key is a SHA-256 of all of them (`response_key`; the body by its
SHA-256) and `reader_version()` (records.READER_VERSION, a digest of the verifier's files
outside judge/, the Python version and the installed packages). A 304 revives the response
stored in the snapshot, so a page that did not change is neither read nor judged again; a
changed body, a new redirect or a new answer from the host's probe is read afresh. The
headers that a snapshot does not keep as received (Content-Encoding, Transfer-Encoding:
the body is stored decoded; Content-Length: rewritten to the stored length) are left out of
the key (`records.TRANSFER_HEADERS`), so the response fetched and the same response revived
from its snapshot share it; `read_page` does not hand them to the extraction and link rules.

The file is a cache: deleting it costs one slower run. It is created when the first verdict
or reading is saved. Each save is one SQLite transaction, so a run killed while saving leaves
the rows of the last save or of this one, never half of them; a file of an earlier version
(verdicts only) is used as it is, its readings table added. Rows of other judge or reader
versions are dropped when a run saves; rows unused for `STALE_AFTER_DAYS` too.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.metadata import distributions
from pathlib import Path
from types import TracebackType
from typing import Self

from verifier.history import connect
from verifier.records import (
    JUDGE_VERSION,
    READER_VERSION,
    TRANSFER_HEADERS,
    FetchResult,
    LinkAssessment,
    LinkStatus,
    Match,
    PageFacts,
    QuoteEdit,
    QuoteKind,
    QuoteVerdict,
    ReadOutcome,
)

log = logging.getLogger(__name__)

VERDICTS_FILE = "verdicts.sqlite"
STALE_AFTER_DAYS = 30
FLUSH_EVERY = 500  # new verdicts and readings held in memory before they are written
JUDGE_PACKAGE = Path(__file__).with_name("judge")
# FetchResult fields that no reading looks at (when and how it was fetched, where it is stored)
NOT_READ = frozenset({"fetched_at", "bytes_received", "snapshot"})

SCHEMA = """CREATE TABLE IF NOT EXISTS verdicts (
    text_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    statement TEXT NOT NULL,
    judge TEXT NOT NULL,
    verdict TEXT NOT NULL,
    score REAL NOT NULL,
    evidence TEXT,
    notes TEXT NOT NULL,
    edits TEXT NOT NULL,
    used_at TEXT NOT NULL,
    PRIMARY KEY (text_sha256, kind, statement, judge)
)"""
READINGS_SCHEMA = """CREATE TABLE IF NOT EXISTS readings (
    response TEXT NOT NULL,
    reader TEXT NOT NULL,
    reading TEXT NOT NULL,
    used_at TEXT NOT NULL,
    PRIMARY KEY (response, reader)
)"""
SCHEMAS = (SCHEMA, READINGS_SCHEMA)  # a file of an earlier version has the first only: the rest are added


@dataclass(frozen=True)
class VerdictKey:
    text_sha256: str
    kind: QuoteKind
    statement: str


def page_digest(text: str) -> str:
    """The key's page part: the text exactly as the judge reads it."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def judge_version(settings: str = "") -> str:
    """JUDGE_VERSION, a digest of every file of the judge package (code, lexicon) and the
    matcher's `settings` (its thresholds, whether meaning is consulted)."""
    digest = hashlib.sha256(settings.encode("utf-8"))
    for path in sorted(p for p in JUDGE_PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(JUDGE_PACKAGE).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return f"{JUDGE_VERSION}+{digest.hexdigest()[:16]}"


def reader_version() -> str:
    """READER_VERSION, a digest of every file of the verifier package outside judge/ (the
    extraction, the link rules and what calls them), the Python version (its Unicode tables)
    and every installed package with its version (trafilatura, lxml and the rest)."""
    return _reader_version(Path(__file__).parent)


@functools.cache
def _reader_version(package: Path) -> str:
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and not p.is_relative_to(JUDGE_PACKAGE)):
        digest.update(path.relative_to(package).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    # (each look at `Distribution.metadata` parses the package's METADATA file again: once each)
    packages = sorted(f"{meta['Name']}=={meta['Version']}" for meta in (dist.metadata for dist in distributions()))
    digest.update("\n".join(packages).encode("utf-8"))
    return f"{READER_VERSION}+{digest.hexdigest()[:16]}"


def response_key(fetched: FetchResult, probe: str | None, *, follow_refresh: bool, light: bool) -> str:
    """The key of a response's reading: every field of `fetched` but NOT_READ, the body by its
    SHA-256 and the headers without TRANSFER_HEADERS; the digest of the host's probe as read
    (`reading.HostProbe.digest`, None without one); whether a refresh is followed and whether
    the page is read lightly."""
    read = {f.name: getattr(fetched, f.name) for f in dataclasses.fields(fetched) if f.name not in NOT_READ}
    read["body"] = hashlib.sha256(fetched.body).hexdigest()
    read["headers"] = sorted((name, value) for name, value in fetched.headers.items()
                             if name.lower() not in TRANSFER_HEADERS)
    read.update(probe=probe, follow_refresh=follow_refresh, light=light)
    return hashlib.sha256(json.dumps(read, sort_keys=True).encode("ascii")).hexdigest()


class VerdictStore:
    """Look-ups go to SQLite one at a time and new verdicts and readings are written in
    batches of FLUSH_EVERY, so memory stays flat in the number of sources; `save` writes the
    rest. `judge` and `reader` are the versions the rows must have (see the module doc)."""

    def __init__(
        self, conn: sqlite3.Connection | None, judge: str, path: Path | None = None, reader: str | None = None
    ) -> None:
        self._conn = conn  # None until the file at `path` exists
        self._path = path
        self.judge = judge
        self.reader = reader if reader is not None else reader_version()
        self._new: dict[VerdictKey, Match] = {}
        self._used: set[VerdictKey] = set()
        self._new_readings: dict[str, ReadOutcome] = {}
        self._used_readings: set[str] = set()
        self.reused = 0
        self.readings_reused = 0

    @classmethod
    def open(cls, path: Path, judge: str, reader: str | None = None) -> VerdictStore:
        """The store in `path`; the file is created by the first `save` with something to save."""
        return cls(_connect(path) if path.is_file() else None, judge, path, reader)

    @classmethod
    def in_memory(cls, judge: str = JUDGE_VERSION, reader: str = READER_VERSION) -> VerdictStore:
        """A store that remembers verdicts and readings for one run only."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        for schema in SCHEMAS:
            conn.execute(schema)
        return cls(conn, judge, reader=reader)

    def get(self, key: VerdictKey) -> Match | None:
        found = self._new.get(key)
        if found is not None or self._conn is None:
            return found
        row = self._conn.execute(
            "SELECT verdict, score, evidence, notes, edits FROM verdicts "
            "WHERE text_sha256 = ? AND kind = ? AND statement = ? AND judge = ?",
            (key.text_sha256, key.kind.value, key.statement, self.judge),
        ).fetchone()
        if row is None:
            return None
        try:
            match = Match(QuoteVerdict(row[0]), float(row[1]), row[2], tuple(json.loads(row[3])),
                          tuple(QuoteEdit(*edit) for edit in json.loads(row[4])))
        except (ValueError, TypeError):
            return None  # a row this version cannot read is judged again
        self._used.add(key)
        self.reused += 1
        return match

    def put(self, key: VerdictKey, match: Match) -> None:
        self._new[key] = match
        self._flush_when_full()

    def reading(self, response: str) -> ReadOutcome | None:
        """The reading of the response whose `response_key` is `response`, when one was made."""
        found = self._new_readings.get(response)
        if found is not None or self._conn is None:
            return found
        row = self._conn.execute(
            "SELECT reading FROM readings WHERE response = ? AND reader = ?", (response, self.reader)
        ).fetchone()
        if row is None:
            return None
        try:
            outcome = _outcome_from_json(row[0])
        except (ValueError, TypeError, KeyError):
            return None  # a row this version cannot read: the response is read again
        self._used_readings.add(response)
        self.readings_reused += 1
        return outcome

    def put_reading(self, response: str, outcome: ReadOutcome) -> None:
        self._new_readings[response] = outcome
        self._flush_when_full()

    def _flush_when_full(self) -> None:
        if len(self._new) + len(self._new_readings) >= FLUSH_EVERY:
            self.save()

    def save(self, now: datetime | None = None) -> None:
        """Write the new verdicts and readings, mark the reused ones used, drop stale rows: all
        in one transaction. A save that fails (a full disk) is given up with a warning: what
        it would have written is dropped, which costs the next run some reading and judging,
        and the run goes on (whatever else cannot be written then stops it, named)."""
        try:
            if self._conn is None:
                if not (self._new or self._new_readings) or self._path is None:
                    return
                self._conn = _connect(self._path)
            self._write(self._conn, now)
        except sqlite3.ProgrammingError:
            raise  # a bug, not the disk
        except sqlite3.DatabaseError as error:
            log.warning("the verdicts and readings of this run are not kept: %s: %s", self._path or VERDICTS_FILE,
                        error)
        finally:
            self._new.clear()
            self._used.clear()
            self._new_readings.clear()
            self._used_readings.clear()

    def _write(self, conn: sqlite3.Connection, now: datetime | None) -> None:
        stamp = (now or datetime.now(UTC)).isoformat()
        rows = [
            (k.text_sha256, k.kind.value, k.statement, self.judge, m.verdict.value, m.score, m.evidence,
             json.dumps(list(m.notes)), json.dumps([[e.kind, e.quote, e.source] for e in m.edits]), stamp)
            for k, m in self._new.items()
        ]
        used = [(stamp, k.text_sha256, k.kind.value, k.statement, self.judge) for k in self._used]
        readings = [(key, self.reader, _outcome_json(outcome), stamp) for key, outcome in self._new_readings.items()]
        used_readings = [(stamp, key, self.reader) for key in self._used_readings]
        stale = ((now or datetime.now(UTC)) - timedelta(days=STALE_AFTER_DAYS)).isoformat()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany(
                "UPDATE verdicts SET used_at = ? WHERE text_sha256 = ? AND kind = ? AND statement = ? AND judge = ?",
                used,
            )
            conn.execute("DELETE FROM verdicts WHERE judge != ? OR used_at < ?", (self.judge, stale))
            conn.executemany("INSERT OR REPLACE INTO readings VALUES (?, ?, ?, ?)", readings)
            conn.executemany("UPDATE readings SET used_at = ? WHERE response = ? AND reader = ?", used_readings)
            conn.execute("DELETE FROM readings WHERE reader != ? OR used_at < ?", (self.reader, stale))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # (SQLite may have rolled back already: an I/O error, a full disk)
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _outcome_json(outcome: ReadOutcome) -> str:
    page = dataclasses.asdict(outcome.page) if outcome.page is not None else None
    return json.dumps({"status": outcome.assessment.status.value, "reason": outcome.assessment.reason,
                       "refresh": outcome.refresh, "page": page})


def _outcome_from_json(text: str) -> ReadOutcome:
    data = json.loads(text)
    page = data["page"]
    return ReadOutcome(LinkAssessment(LinkStatus(data["status"]), str(data["reason"])), data["refresh"],
                       PageFacts(**page) if page is not None else None)


def _connect(path: Path) -> sqlite3.Connection:
    """The cache's connection, its tables created; a damaged file is replaced by a new one
    (a cache is no reason to stop a run)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, isolation_level=None)
    try:
        for schema in SCHEMAS:
            conn.execute(schema)
    except sqlite3.DatabaseError:
        conn.close()
        path.unlink(missing_ok=True)
        conn = connect(path, isolation_level=None)
        for schema in SCHEMAS:
            conn.execute(schema)
    return conn
