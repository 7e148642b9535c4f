from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.runbuilder import quote, report, source
from verifier.changes import annotate_changes
from verifier.history import MIGRATIONS, VALIDATORS_BATCH, HistoryError, HistoryStore
from verifier.records import Change, LinkStatus, QuoteVerdict, SourceVerdict

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.sqlite") as s:
        yield s


def day(n: int, hour: int = 6) -> str:
    return f"2026-01-{n:02d}T{hour:02d}:00:00Z"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_open_creates_versioned_wal_database(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "history.sqlite"
    with HistoryStore.open(path) as s:
        assert s.schema_version == len(MIGRATIONS)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    assert {"runs", "source_results", "quote_results", "validators"} <= tables
    with HistoryStore.open(path) as again:  # reopening applies nothing twice
        assert again.schema_version == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(HistoryError, match="newer"):
        HistoryStore.open(path)


def test_garbage_file_is_a_history_error(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError):
        HistoryStore.open(path)


def test_record_run_round_trip(store: HistoryStore) -> None:
    first = report("r1", day(1), [source("a"), source("b", "unresolved", None)])
    second = report("r2", day(2), [source("a", "disputed", quotes=[quote("q", "distorted")])])
    store.record_run(first)
    store.record_run(second)
    assert store.latest_complete_report() == second
    assert store.run_reports(limit=10) == [second, first]
    assert store.run_reports(limit=1) == [second]
    assert store.source_ids() == ["a", "b"]


def test_empty_store_has_no_reports(store: HistoryStore) -> None:
    assert store.latest_complete_report() is None
    assert store.run_reports() == []
    assert store.prior("a") is None
    assert store.timeline("a") == []


def test_duplicate_run_id_changes_nothing(store: HistoryStore) -> None:
    store.record_run(report("r1", day(1), [source("a")]))
    with pytest.raises(sqlite3.IntegrityError):
        store.record_run(report("r1", day(2), [source("a", "broken", "not_found")]))
    assert len(store.run_reports()) == 1
    assert [e.verdict for e in store.timeline("a")] == [SourceVerdict.VERIFIED]


def test_failure_mid_run_records_nothing(store: HistoryStore) -> None:
    bad = source("b")
    del bad["verdict"]  # the second source is malformed: the first must not stay behind
    with pytest.raises(KeyError):
        store.record_run(report("r1", day(1), [source("a"), bad]))
    assert store.latest_complete_report() is None
    assert store.timeline("a") == []
    store.record_run(report("r2", day(2), [source("a")]))  # the store is still usable
    assert len(store.timeline("a")) == 1


def test_latest_complete_report_skips_network_down_and_subset_runs(store: HistoryStore) -> None:
    """bughunt-2026-11 #4, #15: the reports come from the last complete run only."""
    complete = report("r1", day(1), [source("a", "disputed"), source("b", "broken", "not_found")])
    store.record_run(complete)
    store.record_run(report("r2", day(2), [source("a", "unverifiable", "unreachable")], network="down"))
    store.record_run(report("r3", day(3), [source("b")]), subset=True)
    assert store.latest_complete_report() == complete
    assert [r["run"]["id"] for r in store.run_reports()] == ["r3", "r2", "r1"]  # every run stays history
    prior = store.prior("b")  # a subset run still counts for the next run's change
    assert prior is not None
    assert prior.run_id == "r3"


def test_version_1_history_is_migrated_with_its_runs_complete(tmp_path: Path) -> None:
    """A history written before subset runs were told apart keeps its runs as reports."""
    path = tmp_path / "history.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    old = report("r1", day(1), [source("a")])
    conn.execute("INSERT INTO runs (id, started_at, finished_at, network, report) VALUES (?, ?, ?, ?, ?)",
                 ("r1", day(1), day(1), "ok", json.dumps(old)))
    conn.close()
    with HistoryStore.open(path) as migrated:
        assert migrated.schema_version == len(MIGRATIONS)
        assert migrated.latest_complete_report() == old


# (network, link status) per run, oldest first -> expected failure streak (day numbers)
STREAK_CASES: list[tuple[str, list[tuple[str, str]], list[int], LinkStatus]] = [
    ("all-ok", [("ok", "ok"), ("ok", "ok")], [], LinkStatus.OK),
    ("one-failure", [("ok", "ok"), ("ok", "not_found")], [2], LinkStatus.NOT_FOUND),
    (
        "three-failures",
        [("ok", "not_found"), ("ok", "soft_404"), ("ok", "unreachable")],
        [1, 2, 3],
        LinkStatus.UNREACHABLE,
    ),
    ("recovered-resets", [("ok", "not_found"), ("ok", "ok"), ("ok", "server_error")], [3], LinkStatus.SERVER_ERROR),
    (
        "network-down-skipped",
        [("ok", "not_found"), ("down", "unreachable"), ("ok", "not_found")],
        [1, 3],
        LinkStatus.NOT_FOUND,
    ),
    ("network-down-never-counts", [("ok", "ok"), ("down", "unreachable")], [], LinkStatus.OK),
    ("blocked-is-not-failing", [("ok", "not_found"), ("ok", "blocked")], [], LinkStatus.BLOCKED),
    (
        "disallowed-breaks-streak",
        [("ok", "not_found"), ("ok", "disallowed"), ("ok", "not_found")],
        [3],
        LinkStatus.NOT_FOUND,
    ),
]


@pytest.mark.parametrize(
    ("runs", "streak_days", "last_status"),
    [c[1:] for c in STREAK_CASES],
    ids=[c[0] for c in STREAK_CASES],
)
def test_prior_failure_streak(
    store: HistoryStore, runs: list[tuple[str, str]], streak_days: list[int], last_status: LinkStatus
) -> None:
    for n, (network, status) in enumerate(runs, start=1):
        verdict = "verified" if LinkStatus(status).is_readable else "unverifiable"
        src = source("a", verdict, status, checked_at=day(n, 7))
        store.record_run(report(f"r{n}", day(n), [src], network=network))
    got = store.prior("a")
    assert got is not None
    assert got.link_status is last_status
    assert got.failure_streak == tuple(at(day(n, 7)) for n in streak_days)


def test_prior_only_from_network_ok_runs(store: HistoryStore) -> None:
    store.record_run(report("down", day(1), [source("a", "unverifiable", "unreachable")], network="down"))
    assert store.prior("a") is None
    assert [e.network for e in store.timeline("a")] == ["down"]


def test_prior_keeps_last_known_text_hash_and_judged_quotes(store: HistoryStore) -> None:
    store.record_run(
        report("r1", day(1), [source("a", sha="h1", quotes=[quote("q1", "verbatim"), quote("q2", "paraphrase")])])
    )
    store.record_run(
        report(
            "r2",
            day(2),
            [
                source(
                    "a",
                    "unverifiable",
                    "server_error",
                    sha="error-page",
                    quotes=[quote("q1", "unverifiable"), quote("q2", "unverifiable")],
                    confirmed_dead=False,
                )
            ],
        )
    )
    store.record_run(
        report("r3", day(3), [source("a", "unverifiable", "unreachable", sha=None, quotes=[quote("q2", "distorted")])])
    )
    got = store.prior("a")
    assert got is not None
    assert got.run_id == "r3"
    assert got.verdict is SourceVerdict.UNVERIFIABLE
    assert got.content_sha256 == "h1"  # the error page's hash is not page text
    assert dict(got.quote_verdicts) == {"q1": QuoteVerdict.VERBATIM, "q2": QuoteVerdict.DISTORTED}
    assert got.checked_at == at("2026-01-01T06:00:00Z")  # the builder's default checked_at


def test_prior_of_unresolved_source_uses_run_start(store: HistoryStore) -> None:
    store.record_run(report("r1", day(4), [source("a", "unresolved", None, quotes=[])]))
    got = store.prior("a")
    assert got is not None
    assert got.link_status is None
    assert got.checked_at == at(day(4))
    assert got.failure_streak == ()


def test_confirmed_dead_is_remembered(store: HistoryStore) -> None:
    store.record_run(report("r1", day(1), [source("a", "broken", "not_found", confirmed_dead=True)]))
    got = store.prior("a")
    assert got is not None
    assert got.confirmed_dead
    assert got.is_failing


def test_timeline(store: HistoryStore) -> None:
    for n in range(1, 6):
        status = "ok" if n < 4 else "not_found"
        store.record_run(
            report(
                f"r{n}",
                day(n),
                [source("a", "verified" if n < 4 else "broken", status, change="unchanged"), source("b")],
            )
        )
    entries = store.timeline("a", limit=3)
    assert [e.run_id for e in entries] == ["r3", "r4", "r5"]
    assert [e.link_status for e in entries] == [LinkStatus.OK, LinkStatus.NOT_FOUND, LinkStatus.NOT_FOUND]
    assert entries[0].started_at == at(day(3))
    assert entries[0].change is Change.UNCHANGED
    assert len(store.timeline("a")) == 5


def test_validators(store: HistoryStore, tmp_path: Path) -> None:
    (tmp_path / "snapshots").mkdir()
    (tmp_path / "snapshots" / "x.warc.gz").write_bytes(b"warc")
    url = "https://example.org/a"
    assert store.validators(url) is None
    store.save_validators(url, '"v1"', None, "snapshots/x.warc.gz", "h1")
    got = store.validators(url)
    assert got is not None
    assert got.request_headers() == {"If-None-Match": '"v1"'}
    store.save_validators(url, None, "Wed, 21 Oct 2015 07:28:00 GMT", "snapshots/x.warc.gz", "h2")
    got = store.validators(url)
    assert got is not None
    assert got.request_headers() == {"If-Modified-Since": "Wed, 21 Oct 2015 07:28:00 GMT"}
    assert got.content_sha256 == "h2"


def test_validators_are_written_in_batches_and_on_close(tmp_path: Path) -> None:
    (tmp_path / "s.warc.gz").write_bytes(b"warc")
    urls = [f"https://example.org/{n}" for n in range(VALIDATORS_BATCH + 3)]

    def written() -> int:
        with sqlite3.connect(tmp_path / "history.sqlite") as other:
            count: int = other.execute("SELECT count(*) FROM validators").fetchone()[0]
        return count

    store = HistoryStore.open(tmp_path / "history.sqlite")
    for url in urls:
        store.save_validators(url, '"v1"', None, "s.warc.gz", None)
    assert written() == VALIDATORS_BATCH  # one batch; the last three still held
    assert all(store.validators(url) is not None for url in urls)  # ... and answered at once
    store.close()
    assert written() == len(urls)
    with HistoryStore.open(tmp_path / "history.sqlite") as again:
        got = again.validators(urls[-1])
    assert got is not None
    assert got.request_headers() == {"If-None-Match": '"v1"'}


@pytest.mark.parametrize(
    ("etag", "snapshot_exists"),
    [(None, True), ('"v1"', False)],
    ids=["no-validator-header", "snapshot-file-gone"],
)
def test_validators_unusable(store: HistoryStore, tmp_path: Path, etag: str | None, snapshot_exists: bool) -> None:
    if snapshot_exists:
        (tmp_path / "s.warc.gz").write_bytes(b"warc")
    store.save_validators("https://example.org/a", etag, None, "s.warc.gz", None)
    assert store.validators("https://example.org/a") is None


HOLD_WRITE_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def test_second_process_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    HistoryStore.open(path).close()
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(path), "1.5"], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with HistoryStore.open(path, busy_timeout_s=20) as s:
            s.record_run(report("r1", day(1), [source("a")]))
        waited = time.monotonic() - started
        assert holder.wait(timeout=20) == 0
    assert waited > 0.5  # it really waited for the holder rather than writing past it
    with HistoryStore.open(path) as s:
        assert s.latest_complete_report() is not None


RECORD_FOREVER = """
import sys
from tests.runbuilder import quote, report, source
from verifier.changes import annotate_changes
from verifier.history import HistoryStore
with HistoryStore.open(__import__("pathlib").Path(sys.argv[1])) as store:
    for n in range(100000):
        sources = [source(f"s{i}", quotes=[quote(f"q{j}") for j in range(5)]) for i in range(40)]
        store.record_run(report(f"r{n}", "2026-01-01T06:00:00Z", sources))
        if n == 3:
            print("recording", flush=True)
"""


@pytest.mark.parametrize("kill_after_s", [0.0, 0.13, 0.37], ids=["at-once", "soon", "later"])
def test_sigkill_mid_write_leaves_whole_runs_only(tmp_path: Path, kill_after_s: float) -> None:
    path = tmp_path / "history.sqlite"
    with subprocess.Popen(
        [sys.executable, "-c", RECORD_FOREVER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "recording"
        time.sleep(kill_after_s)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    with HistoryStore.open(path) as store:
        reports = store.run_reports(limit=100000)
        assert len(reports) >= 4
        counts = _rows_per_run(path)
        assert counts == {rep["run"]["id"]: (40, 200) for rep in reports}
        store.record_run(report("after-kill", day(2), [source("s0")]))  # the next run succeeds
        assert store.latest_complete_report() is not None


def _rows_per_run(path: Path) -> dict[str, tuple[int, int]]:
    conn = sqlite3.connect(path)
    try:
        rows: list[Any] = conn.execute(
            """SELECT r.id,
                      (SELECT COUNT(*) FROM source_results s WHERE s.run_seq = r.seq),
                      (SELECT COUNT(*) FROM quote_results q WHERE q.run_seq = r.seq)
               FROM runs r"""
        ).fetchall()
    finally:
        conn.close()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_report_json_is_stored_whole(store: HistoryStore) -> None:
    rep = report("r1", day(1), [source("a", quotes=[quote("“curly” — dash", "paraphrase", score=0.81)])])
    store.record_run(rep)
    assert json.dumps(store.latest_complete_report(), sort_keys=True) == json.dumps(rep, sort_keys=True)


# day -> (network, verdict, link status, expected change, expected confirmed_dead); threshold (3, 3)
DAYS: list[tuple[int, str, str, str, str, bool]] = [
    (1, "ok", "verified", "ok", "new", False),
    (2, "ok", "verified_via_archive", "not_found", "unchanged", False),
    (3, "ok", "verified_via_archive", "not_found", "unchanged", False),
    (4, "down", "unverifiable", "unreachable", "unchanged", False),
    (5, "ok", "verified_via_archive", "not_found", "newly_failing", True),
    (6, "ok", "verified_via_archive", "not_found", "unchanged", True),
    (7, "ok", "verified", "ok", "recovered", False),
    (8, "ok", "verified", "ok", "content_changed", False),
]


def test_days_of_runs_through_the_history(store: HistoryStore) -> None:
    for n, network, verdict, status, change, dead in DAYS:
        sha = "h2" if n == 8 else "h1"
        current = source("a", verdict, status, sha=sha if status == "ok" else None, checked_at=day(n))
        rep = annotate_changes(
            report(f"r{n}", day(n), [current], network=network), {"a": store.prior("a")}, {"a": (3, 3)}
        )
        got = rep["sources"][0]
        assert (got["change"], got["link"]["confirmed_dead"]) == (change, dead), f"day {n}"
        store.record_run(rep)
    assert [e.change for e in store.timeline("a")] == [Change(d[4]) for d in DAYS]
    assert [e.confirmed_dead for e in store.timeline("a")] == [d[5] for d in DAYS]
