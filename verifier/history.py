"""The history store: every run in SQLite (results/history.sqlite by default).

One connection per process, WAL journal, a busy timeout so that a second process waits
for the first instead of failing, and every write in one transaction: a run killed at any
point leaves either the whole run recorded or none of it. The schema version lives in
`PRAGMA user_version`; `MIGRATIONS` are applied in order on open, each in its own
transaction together with the version bump.

Snapshot paths stored here are relative to the folder that holds the database (the
results folder), as in the report.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from verifier.changes import Prior, is_link_failing
from verifier.records import Change, LinkStatus, QuoteVerdict, SourceVerdict
from verifier.report import SCHEMA

DEFAULT_BUSY_TIMEOUT_S = 30.0
STREAK_SCAN_LIMIT = 1000  # rows of one source's history read to rebuild its prior state
VALIDATORS_BATCH = 256  # validators saved in one transaction (one each cost the event loop ~0.3 ms)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: runs, per-source and per-quote results, conditional-request validators
        """CREATE TABLE runs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            network TEXT NOT NULL CHECK (network IN ('ok', 'down')),
            report TEXT NOT NULL
        )""",
        """CREATE TABLE source_results (
            run_seq INTEGER NOT NULL REFERENCES runs(seq),
            run_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            url TEXT,
            verdict TEXT NOT NULL,
            change TEXT,
            link_status TEXT,
            http_status INTEGER,
            confirmed_dead INTEGER NOT NULL DEFAULT 0,
            content_sha256 TEXT,
            checked_at TEXT,
            snapshot TEXT,
            PRIMARY KEY (run_seq, source_id)
        )""",
        "CREATE INDEX source_results_by_source ON source_results (source_id, run_seq)",
        """CREATE TABLE quote_results (
            run_seq INTEGER NOT NULL REFERENCES runs(seq),
            run_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            verdict TEXT NOT NULL,
            score REAL,
            evidence TEXT,
            evidence_from TEXT,
            notes TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (run_seq, source_id, idx)
        )""",
        "CREATE INDEX quote_results_by_source ON quote_results (source_id, run_seq)",
        """CREATE TABLE validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            snapshot TEXT NOT NULL,
            content_sha256 TEXT,
            saved_at TEXT NOT NULL
        )""",
    ),
    (  # 2: runs of a subset of the sources (--only), which never become the reports
        "ALTER TABLE runs ADD COLUMN subset INTEGER NOT NULL DEFAULT 0 CHECK (subset IN (0, 1))",
    ),
)


class HistoryError(Exception):
    """The history database cannot be used (written by a newer verifier, corrupt)."""


@dataclass(frozen=True)
class Validators:
    """What a later run needs for a conditional request to one URL."""

    url: str
    etag: str | None
    last_modified: str | None
    snapshot: str  # relative to the results folder
    content_sha256: str | None
    saved_at: datetime

    def request_headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class TimelineEntry:
    run_id: str
    started_at: datetime
    network: str  # ok | down
    verdict: SourceVerdict
    link_status: LinkStatus | None
    confirmed_dead: bool
    change: Change | None


class NamedConnection(sqlite3.Connection):
    """A SQLite connection whose errors name its file: a sqlite3.Error raised by its execute,
    executemany or commit carries the path it was opened with (`failed_file`), so that a run
    that stops on one names the file that failed (the results folder holds several)."""

    def __init__(self, database: str | Path, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        self.database = str(database)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as error:
            raise _named(error, self.database) from None

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as error:
            raise _named(error, self.database) from None

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.Error as error:
            raise _named(error, self.database) from None


def connect(path: Path, **options: Any) -> NamedConnection:
    """`sqlite3.connect(path, **options)` as a NamedConnection (its errors, the opening's too,
    name `path`)."""
    try:
        return sqlite3.connect(path, factory=NamedConnection, **options)
    except sqlite3.Error as error:
        raise _named(error, str(path)) from None


def failed_file(error: sqlite3.Error) -> str | None:
    """The file of the NamedConnection that raised `error`, when one did."""
    name = getattr(error, "failed_file", None)
    return name if isinstance(name, str) else None


def _named(error: sqlite3.Error, database: str) -> sqlite3.Error:
    if failed_file(error) is None:
        error.failed_file = database  # type: ignore[attr-defined]
    return error


def _closing_on_error(conn: sqlite3.Connection, path: Path, step: Callable[[], None]) -> None:
    """Run `step` on a freshly opened history; on any failure close the connection and raise
    HistoryError naming the file."""
    try:
        step()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise HistoryError(f"{path}: {exc}") from exc
    except HistoryError:
        conn.close()
        raise


class HistoryStore:
    """Open with `HistoryStore.open(path)`; use as a context manager or call close()."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._unsaved_validators: dict[str, tuple[str, str | None, str | None, str, str | None, str]] = {}

    @classmethod
    def open(cls, path: Path, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> HistoryStore:
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves.
        conn = connect(path, timeout=busy_timeout_s, isolation_level=None)

        def prepare() -> None:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            _migrate(conn, path)
            _check_words(conn, path)

        _closing_on_error(conn, path, prepare)
        return cls(path, conn)

    @classmethod
    def open_readonly(cls, path: Path, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> HistoryStore:
        """Open for reading only (`verifier history`): nothing is created or written, so it
        works on a read-only folder and on another user's results. The database must exist;
        one of an older schema version is migrated first, as by `open` (that needs write
        access).

        A WAL database needs its -shm file to be read; when no writer has one open and the
        folder is read-only it cannot be created, so the file is then read as immutable:
        with no -wal file present, the database file alone holds every committed run."""
        if not path.is_file():
            raise HistoryError(f"no history at {path}")
        uri = path.resolve().as_uri()
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=busy_timeout_s, isolation_level=None)
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            except sqlite3.OperationalError:
                conn.close()
                if Path(f"{path}-wal").exists():
                    raise
                conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise HistoryError(f"{path}: {exc}") from exc
        _closing_on_error(conn, path, lambda: _check_version(version, path))
        if version < len(MIGRATIONS):
            conn.close()
            return cls.open(path, busy_timeout_s)
        _closing_on_error(conn, path, lambda: _check_words(conn, path))
        return cls(path, conn)

    def close(self) -> None:
        try:
            self.save_pending_validators()
        finally:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # ------------------------------------------------------------------ writing

    def record_run(self, report: Mapping[str, Any], *, subset: bool = False) -> None:
        """Record a whole run (SPEC latest.json dict) in one transaction; `subset`: the run
        checked only some of the sources (--only). A run id recorded twice raises
        sqlite3.IntegrityError and changes nothing."""
        run = report["run"]
        self.save_pending_validators()
        with self._transaction():
            cur = self._conn.execute(
                "INSERT INTO runs (id, started_at, finished_at, network, report, subset) VALUES (?, ?, ?, ?, ?, ?)",
                (run["id"], run["started_at"], run.get("finished_at"), run["network"], json.dumps(report),
                 int(subset)),
            )
            seq = cur.lastrowid
            for source in report.get("sources") or ():
                link = source.get("link") or {}
                self._conn.execute(
                    """INSERT INTO source_results (run_seq, run_id, source_id, url, verdict, change,
                        link_status, http_status, confirmed_dead, content_sha256, checked_at, snapshot)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        seq,
                        run["id"],
                        source["id"],
                        source.get("url"),
                        source["verdict"],
                        source.get("change"),
                        link.get("status"),
                        link.get("http_status"),
                        int(bool(link.get("confirmed_dead"))),
                        link.get("content_sha256"),
                        link.get("checked_at"),
                        link.get("snapshot"),
                    ),
                )
                for idx, quote in enumerate(source.get("quotes") or ()):
                    evidence = quote.get("evidence") or {}
                    self._conn.execute(
                        """INSERT INTO quote_results (run_seq, run_id, source_id, idx, kind, text, verdict,
                            score, evidence, evidence_from, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        (
                            seq,
                            run["id"],
                            source["id"],
                            idx,
                            quote["kind"],
                            quote["text"],
                            quote["verdict"],
                            quote.get("score"),
                            evidence.get("text"),
                            evidence.get("from"),
                            json.dumps(list(quote.get("notes") or ())),
                        ),
                    )

    def save_validators(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        snapshot_path: str,
        content_sha256: str | None,
    ) -> None:
        """Remember a URL's ETag / Last-Modified and the snapshot holding its body: `validators`
        answers with them at once; they are written VALIDATORS_BATCH at a time, in one
        transaction, and the rest by `record_run` or `close` (a run killed before loses the
        unwritten ones: the next run asks for those URLs unconditionally)."""
        self._unsaved_validators[url] = (url, etag, last_modified, snapshot_path, content_sha256, _now())
        if len(self._unsaved_validators) >= VALIDATORS_BATCH:
            self.save_pending_validators()

    def save_pending_validators(self) -> None:
        """Write the validators `save_validators` holds, in one transaction."""
        if not self._unsaved_validators:
            return
        rows = list(self._unsaved_validators.values())
        with self._transaction():
            self._conn.executemany(
                """INSERT INTO validators (url, etag, last_modified, snapshot, content_sha256, saved_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified, snapshot = excluded.snapshot,
                     content_sha256 = excluded.content_sha256, saved_at = excluded.saved_at""",
                rows,
            )
        self._unsaved_validators.clear()

    # ------------------------------------------------------------------ reading

    def validators(self, url: str) -> Validators | None:
        """The URL's validators, or None when there are none or their snapshot file is gone
        (then a 304 could not be served, so the request must be unconditional)."""
        row = self._unsaved_validators.get(url) or self._conn.execute(
            "SELECT url, etag, last_modified, snapshot, content_sha256, saved_at FROM validators WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None or not (row[1] or row[2]) or not (self.path.parent / row[3]).is_file():
            return None
        return Validators(row[0], row[1], row[2], row[3], row[4], _parse_time(row[5]))

    def prior(self, source_id: str) -> Prior | None:
        """The source as last seen in a network-ok run, with its failure streak."""
        rows = self._conn.execute(
            """SELECT s.run_seq, s.run_id, s.verdict, s.link_status, s.confirmed_dead, s.content_sha256,
                      COALESCE(s.checked_at, r.started_at)
               FROM source_results s JOIN runs r ON r.seq = s.run_seq
               WHERE s.source_id = ? AND r.network = 'ok'
               ORDER BY s.run_seq DESC LIMIT ?""",
            (source_id, STREAK_SCAN_LIMIT),
        ).fetchall()
        if not rows:
            return None
        latest = rows[0]
        streak: list[datetime] = []
        for row in rows:
            if not is_link_failing(row[3]):
                break
            streak.append(_parse_time(row[6]))
        digest = next(
            (row[5] for row in rows if row[5] is not None and row[3] and LinkStatus(row[3]).is_readable),
            None,
        )
        return Prior(
            run_id=latest[1],
            checked_at=_parse_time(latest[6]),
            verdict=SourceVerdict(latest[2]),
            link_status=LinkStatus(latest[3]) if latest[3] else None,
            confirmed_dead=bool(latest[4]),
            content_sha256=digest,
            quote_verdicts=self._judged_quotes(source_id, oldest_seq=rows[-1][0]),
            failure_streak=tuple(reversed(streak)),
        )

    def _judged_quotes(self, source_id: str, oldest_seq: int) -> dict[str, QuoteVerdict]:
        verdicts: dict[str, QuoteVerdict] = {}
        for text, verdict in self._conn.execute(
            """SELECT q.text, q.verdict FROM quote_results q JOIN runs r ON r.seq = q.run_seq
               WHERE q.source_id = ? AND r.network = 'ok' AND q.run_seq >= ?
                 AND q.verdict != ? ORDER BY q.run_seq DESC""",
            (source_id, oldest_seq, QuoteVerdict.UNVERIFIABLE.value),
        ):
            verdicts.setdefault(text, QuoteVerdict(verdict))
        return verdicts

    def timeline(self, source_id: str, limit: int | None = 50) -> list[TimelineEntry]:
        """The source's `limit` most recent results (every one with None), oldest first
        (network-down runs included, marked by `network`)."""
        rows = self._conn.execute(
            """SELECT r.id, r.started_at, r.network, s.verdict, s.link_status, s.confirmed_dead, s.change
               FROM source_results s JOIN runs r ON r.seq = s.run_seq
               WHERE s.source_id = ? ORDER BY s.run_seq DESC LIMIT ?""",
            (source_id, -1 if limit is None else limit),  # SQLite: a negative LIMIT is none
        ).fetchall()
        return [
            TimelineEntry(
                run_id=row[0],
                started_at=_parse_time(row[1]),
                network=row[2],
                verdict=SourceVerdict(row[3]),
                link_status=LinkStatus(row[4]) if row[4] else None,
                confirmed_dead=bool(row[5]),
                change=Change(row[6]) if row[6] else None,
            )
            for row in reversed(rows)
        ]

    def source_ids(self) -> list[str]:
        """Every source id the history knows, sorted."""
        return [r[0] for r in self._conn.execute("SELECT DISTINCT source_id FROM source_results ORDER BY 1")]

    def run_reports(self, limit: int = 50) -> list[dict[str, Any]]:
        """The `limit` most recent run reports, newest first."""
        rows = self._conn.execute("SELECT report FROM runs ORDER BY seq DESC LIMIT ?", (limit,))
        return [_load_report(row[0]) for row in rows]

    def latest_complete_report(self) -> dict[str, Any] | None:
        """The report of the last complete run: network ok, every source checked (not
        --only). Network-down and subset runs are history, never the reports."""
        row = self._conn.execute(
            "SELECT report FROM runs WHERE network = 'ok' AND subset = 0 ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return _load_report(row[0]) if row else None

    # ------------------------------------------------------------------ internals

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (then re-raised)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        else:
            self._conn.execute("ROLLBACK")


def _check_version(version: int, path: Path) -> None:
    if version > len(MIGRATIONS):
        raise HistoryError(f"{path}: schema version {version} is newer than this verifier knows ({len(MIGRATIONS)})")


# The columns read back as this version's words (StrEnums): a newer verifier may have
# written a word this one does not know, which must stop a run before it fetches anything.
_WORD_COLUMNS: tuple[tuple[str, str, type[StrEnum]], ...] = (
    ("source_results", "verdict", SourceVerdict),
    ("source_results", "link_status", LinkStatus),
    ("source_results", "change", Change),
    ("quote_results", "verdict", QuoteVerdict),
)


def _check_words(conn: sqlite3.Connection, path: Path) -> None:
    """Raise HistoryError when the history holds a status, verdict or change this verifier
    does not know (written by another version)."""
    for table, column, words in _WORD_COLUMNS:
        known = [word.value for word in words]
        row = conn.execute(
            f"SELECT {column} FROM {table} WHERE {column} NOT IN ({', '.join('?' * len(known))}) LIMIT 1",
            known,
        ).fetchone()
        if row is not None:
            raise HistoryError(
                f"{path}: holds values this verifier does not know ({table}.{column} = {str(row[0])[:40]!r}); "
                "was it written by a newer version?"
            )


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    _check_version(version, path)
    if version == len(MIGRATIONS):
        return
    with _Transaction(conn):
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")


def _load_report(text: str) -> dict[str, Any]:
    try:
        report = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryError(f"a stored run report is not JSON: {exc}") from None
    if not isinstance(report, dict):
        raise HistoryError("a stored run report is not a JSON object")
    if report.get("schema") != SCHEMA or not isinstance(report.get("sources"), list):
        raise HistoryError(f"a stored run report is not of schema {SCHEMA} (written by another version?)")
    return report


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
