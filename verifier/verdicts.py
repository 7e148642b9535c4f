"""Verdict reuse: the quote judge's answer for one (page text, statement) pair, kept between
runs in results/verdicts.sqlite, so that a run over unchanged pages does not judge them again.

A verdict is a pure function of the page text, the statement, its kind and the judge, so it
is reused exactly when all of them are unchanged: the key is the SHA-256 of the page text as
the judge saw it, the kind, the statement, and `judge_version()` (records.JUDGE_VERSION plus
a digest of the judge's own files and of the matcher's settings, so that any change to the
judge, its lexicon or its thresholds starts afresh). What the pipeline does with a verdict
afterwards (a paywalled page's absence made `unverifiable`, the best of several copies) is
not stored: it is applied again on every run.

The file is a cache: deleting it costs one slower run. It is created when the first verdict
is saved (a run that judged nothing leaves none behind). Rows of other judge versions are
dropped when a run saves; rows unused for `STALE_AFTER_DAYS` too.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Self

from verifier.records import JUDGE_VERSION, Match, QuoteEdit, QuoteKind, QuoteVerdict

log = logging.getLogger(__name__)

VERDICTS_FILE = "verdicts.sqlite"
STALE_AFTER_DAYS = 30
FLUSH_EVERY = 500  # new verdicts held in memory before they are written
JUDGE_PACKAGE = Path(__file__).with_name("judge")

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


class VerdictStore:
    """Look-ups go to SQLite one at a time and new verdicts are written in batches of
    FLUSH_EVERY, so memory stays flat in the number of sources; `save` writes the rest."""

    def __init__(self, conn: sqlite3.Connection | None, judge: str, path: Path | None = None) -> None:
        self._conn = conn  # None until the file at `path` exists
        self._path = path
        self.judge = judge
        self._new: dict[VerdictKey, Match] = {}
        self._used: set[VerdictKey] = set()
        self.reused = 0

    @classmethod
    def open(cls, path: Path, judge: str) -> VerdictStore:
        """The store in `path`; the file is created by the first `save` with something to save."""
        return cls(_connect(path) if path.is_file() else None, judge, path)

    @classmethod
    def in_memory(cls, judge: str = JUDGE_VERSION) -> VerdictStore:
        """A store that remembers verdicts for one run only."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute(SCHEMA)
        return cls(conn, judge)

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
        if len(self._new) >= FLUSH_EVERY:
            self.save()

    def save(self, now: datetime | None = None) -> None:
        """Write the new verdicts, mark the reused ones used, drop stale rows: in one
        transaction. A save that fails (a full disk) is given up with a warning: what it would
        have written is dropped, which costs the next run some judging, and the run goes on
        (whatever else cannot be written then stops it, named)."""
        try:
            if self._conn is None:
                if not self._new or self._path is None:
                    return
                self._conn = _connect(self._path)
            self._write(self._conn, now)
        except sqlite3.ProgrammingError:
            raise  # a bug, not the disk
        except sqlite3.DatabaseError as error:
            log.warning("the verdicts of this run are not kept: %s: %s", self._path or VERDICTS_FILE, error)
        finally:
            self._new.clear()
            self._used.clear()

    def _write(self, conn: sqlite3.Connection, now: datetime | None) -> None:
        stamp = (now or datetime.now(UTC)).isoformat()
        rows = [
            (k.text_sha256, k.kind.value, k.statement, self.judge, m.verdict.value, m.score, m.evidence,
             json.dumps(list(m.notes)), json.dumps([[e.kind, e.quote, e.source] for e in m.edits]), stamp)
            for k, m in self._new.items()
        ]
        used = [(stamp, k.text_sha256, k.kind.value, k.statement, self.judge) for k in self._used]
        stale = ((now or datetime.now(UTC)) - timedelta(days=STALE_AFTER_DAYS)).isoformat()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany(
                "UPDATE verdicts SET used_at = ? WHERE text_sha256 = ? AND kind = ? AND statement = ? AND judge = ?",
                used,
            )
            conn.execute("DELETE FROM verdicts WHERE judge != ? OR used_at < ?", (self.judge, stale))
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


def _connect(path: Path) -> sqlite3.Connection:
    """The cache's connection, its table created; a damaged file is replaced by a new one
    (a cache is no reason to stop a run)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(SCHEMA)
    except sqlite3.DatabaseError:
        conn.close()
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(SCHEMA)
    return conn
