"""Faults around a run, through the real command line over a local site (the fixture of
tests/test_unattended.py): SIGKILL at random moments, a full disk (RLIMIT_FSIZE in the
child), and two runs started at once over one results folder. After each, every file in
results/ is whole: latest.json absent or a complete report, the history readable with whole
runs only, temporary files hidden and never taken for reports."""

from __future__ import annotations

import itertools
import json
import os
import random
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.siteserver import Site
from tests.test_unattended import ROOT, Fixture, article, cli_env
from verifier.history import HistoryStore
from verifier.lock import LOCK_NAME
from verifier.snapshots import read_snapshot
from verifier.verdicts import VERDICTS_FILE

SCHEMA = "verifier.report/1"
HISTORY = "history.sqlite"
REPORT_FILES = frozenset({"latest.json", "latest.md", "index.html", "junit.xml", "metrics.prom"})
HISTORY_FILES = frozenset({HISTORY, f"{HISTORY}-wal", f"{HISTORY}-shm"})
VERDICT_FILES = frozenset({VERDICTS_FILE, f"{VERDICTS_FILE}-journal"})  # the judge's verdicts: a cache
FOLDERS = frozenset({"runs", "snapshots"})
KILLS = 20
SEED_VARIABLE = "VERIFIER_FAULT_SEED"


@pytest.fixture
def fx(site: Site, tmp_path: Path) -> Fixture:
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    return Fixture(site, tmp_path)


def is_temporary(name: str) -> bool:
    """write_atomic's temporary names: hidden, ending in .tmp."""
    return name.startswith(".") and name.endswith(".tmp")


def load_report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def assert_whole_report(report: dict[str, Any], ids: set[str], where: str) -> None:
    assert report["schema"] == SCHEMA, where
    assert report["run"]["started_at"] <= report["run"]["finished_at"], where
    assert {s["id"] for s in report["sources"]} == ids, where
    assert report["summary"]["sources"] == len(ids), where
    for source in report["sources"]:
        assert source["verdict"], where
        assert len(source["quotes"]) == 1, where


def check_results(out: Path, ids: set[str], where: str) -> list[dict[str, Any]]:
    """Assert that everything in `out` is whole; return the recorded runs, newest first."""
    if not (out / HISTORY).exists():  # killed before the history was created
        assert not (out / "latest.json").exists(), where
        assert not list((out / "runs").glob("*.json")), where
        return []
    with closing(sqlite3.connect(out / HISTORY)) as conn:  # closed: an open reader keeps the WAL files
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
    with HistoryStore.open(out / HISTORY) as store:
        runs = store.run_reports(limit=KILLS * 2)
        for sid in ids:  # every recorded run has a row for every source
            assert len(store.timeline(sid, limit=KILLS * 2)) == len(runs), where
    for report in runs:
        assert_whole_report(report, ids, where)
        # runs/<id>.json is written before the history records the run
        assert load_report(out / "runs" / f"{report['run']['id']}.json") == report, where

    for entry in out.iterdir():
        if entry.is_dir():
            assert entry.name in FOLDERS, where
        else:
            known = entry.name in REPORT_FILES | HISTORY_FILES | VERDICT_FILES or entry.name == LOCK_NAME
            assert known or is_temporary(entry.name), f"{where}: stray file {entry.name}"
    for entry in (out / "runs").iterdir() if (out / "runs").is_dir() else ():
        if not is_temporary(entry.name):  # a run file may precede its history record, never be partial
            assert entry.suffix == ".json", where
            assert_whole_report(load_report(entry), ids, f"{where}: {entry.name}")
    for entry in (out / "snapshots").iterdir() if (out / "snapshots").is_dir() else ():
        if not is_temporary(entry.name):
            assert entry.name.endswith(".warc.gz"), where
            assert read_snapshot(entry).status, f"{where}: {entry.name}"  # a readable WARC record

    latest = out / "latest.json"
    if latest.exists():
        report = load_report(latest)
        assert_whole_report(report, ids, f"{where}: latest.json")
        assert report in runs, f"{where}: latest.json is not a recorded run"
        assert (out / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>"), where
    return runs


# ---------------------------------------------------------------- SIGKILL


def calibrate(fx: Fixture, sources: Path) -> tuple[float, float]:
    """Run once in another folder (so the first kill finds none) and time it: (seconds from
    start to exit, seconds from the run file's appearing to latest.json's: publishing)."""
    calibration = Fixture(fx.site, fx.tmp / "calibration")
    calibration.tmp.mkdir()
    began = time.monotonic()
    with subprocess.Popen(
        calibration.command(sources=sources), cwd=ROOT, env=cli_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    ) as proc:
        wait_for_new_file(proc, calibration.out / "runs", set())
        run_file = time.monotonic()
        wait_for_new_file(proc, calibration.out, set())
        latest = time.monotonic()
        assert proc.wait(timeout=60) == 0
    assert (calibration.out / "latest.json").exists()
    return time.monotonic() - began, latest - run_file


def wait_for_new_file(proc: subprocess.Popen[bytes], folder: Path, known: set[Path]) -> None:
    """Return once a .json file not in `known` is in `folder`, or the process has ended."""
    deadline = time.monotonic() + 60
    while proc.poll() is None and not set(folder.glob("*.json")) - known:
        assert time.monotonic() < deadline, "the run never reached publishing"
        time.sleep(0.002)


def kill_outcome(out: Path, runs: list[dict[str, Any]], recorded_before: int, orphans_before: int) -> str:
    """Where the killed run was when it died, read from what it left behind."""
    if len(runs) > recorded_before:
        latest = out / "latest.json"  # absent when no run has got this far yet
        if latest.exists() and load_report(latest) == runs[0]:
            return "after latest.json"
        return "after recording, before latest.json"
    if orphan_run_files(out, runs) > orphans_before:
        return "after its run file, before recording"
    return "before publishing"


def orphan_run_files(out: Path, runs: list[dict[str, Any]]) -> int:
    """Run files whose run the history does not hold (the run died before recording it)."""
    recorded = {r["run"]["id"] for r in runs}
    return sum(1 for p in (out / "runs").glob("*.json") if p.stem not in recorded)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_whole_results(fx: Fixture, capsys: pytest.CaptureFixture[str]) -> None:
    seed = int(os.environ.get(SEED_VARIABLE) or secrets.randbits(32))
    with capsys.disabled():
        print(f"\nSIGKILL seed {seed} (repeat with {SEED_VARIABLE}={seed})")
    rng = random.Random(seed)
    names = [f"s{i:02d}" for i in range(10)]
    for name in names:
        fx.page(name).delay_s = 0.15  # 10 sources, 4 at a time: ~0.5 s of fetching
    ids = set(names)
    sources = fx.sources_file(names)
    horizon, publishing = calibrate(fx, sources)

    seen_latest = False
    outcomes: list[str] = []
    runs: list[dict[str, Any]] = []
    for attempt in range(KILLS):
        # even kills: a uniform moment of the whole run; odd kills: a uniform moment of the
        # publishing stage (files being written), counted from when the run file appears
        from_publishing = attempt % 2 == 1
        delay = rng.uniform(0.0, publishing if from_publishing else horizon)
        where = f"seed {seed}, kill {attempt + 1}, {delay:.3f} s after {'publishing' if from_publishing else 'start'}"
        run_files = set((fx.out / "runs").glob("*.json"))
        with subprocess.Popen(
            fx.command(sources=sources), cwd=ROOT, env=cli_env(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ) as proc:
            if from_publishing:
                wait_for_new_file(proc, fx.out / "runs", run_files)
            try:
                code = proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                code = proc.wait(timeout=10)
        assert code in (0, -signal.SIGKILL), where
        recorded_before, orphans_before = len(runs), orphan_run_files(fx.out, runs)
        runs = check_results(fx.out, ids, where)
        if seen_latest:
            assert (fx.out / "latest.json").exists(), f"{where}: latest.json vanished"
        seen_latest = (fx.out / "latest.json").exists()
        outcomes.append("finished" if code == 0 else kill_outcome(fx.out, runs, recorded_before, orphans_before))

    for name in names:
        fx.pages[name].delay_s = 0
    before = len(check_results(fx.out, ids, f"seed {seed}, before the final run"))
    final = fx.verify(sources=sources)
    assert final.returncode == 0, f"seed {seed}: {final.stderr}"
    runs = check_results(fx.out, ids, f"seed {seed}, after the final run")
    assert len(runs) == before + 1
    assert load_report(fx.out / "latest.json") == runs[0]
    with capsys.disabled():
        tally = {outcome: outcomes.count(outcome) for outcome in sorted(set(outcomes))}
        print(f"SIGKILL: run {horizon:.2f} s, publishing {publishing:.3f} s; kills: {tally}")


# The CLI with a disk that stalls half-way through writing one file: the first write to any
# file whose name contains TARGET (latest.json, or its temporary .latest.json.*.tmp) puts half
# its bytes on disk, fsyncs them, touches MARKER and waits to be killed. A SIGKILL then lands
# exactly while that report is being written, which random moments almost never hit.
STALLING_DISK_CLI = (
    "import builtins, io, os, runpy, sys, time\n"
    "target, marker = sys.argv.pop(1), sys.argv.pop(1)\n"
    "real_open = io.open\n"
    "class Stalling:\n"
    "    def __init__(self, raw):\n"
    "        self._raw = raw\n"
    "    def write(self, data):\n"
    "        self._raw.write(data[: len(data) // 2])\n"
    "        self._raw.flush()\n"
    "        os.fsync(self._raw.fileno())\n"
    "        real_open(marker, 'w').close()\n"
    "        time.sleep(120)\n"
    "    def __getattr__(self, name):\n"
    "        return getattr(self._raw, name)\n"
    "    def __enter__(self):\n"
    "        return self\n"
    "    def __exit__(self, *exc):\n"
    "        self._raw.close()\n"
    "def stalling_open(file, mode='r', *args, **kwargs):\n"
    "    raw = real_open(file, mode, *args, **kwargs)\n"
    "    name = os.readlink(f'/proc/self/fd/{raw.fileno()}')\n"
    "    writing = any(flag in mode for flag in 'wax+')\n"
    "    return Stalling(raw) if writing and target in os.path.basename(name) else raw\n"
    "io.open = builtins.open = stalling_open\n"
    "runpy.run_module('verifier', run_name='__main__', alter_sys=True)\n"
)


@pytest.mark.slow
def test_sigkill_while_each_report_file_is_being_written(fx: Fixture) -> None:
    """bughunt-2026-11 test audit: the random SIGKILL test landed 0 of 20 kills while
    latest.json was being written, so a writer that writes in place passed it. Here each
    report file in turn is half-written when the kill lands: it must still be the previous
    run's file, byte for byte, everything else whole, and the next run must succeed."""
    names = [f"w{i}" for i in range(3)]
    for name in names:
        fx.page(name)
    sources = fx.sources_file(names)
    assert fx.verify(sources=sources).returncode == 0
    for target in sorted(REPORT_FILES):
        before = (fx.out / target).read_bytes()
        marker = fx.tmp / f"stalled-{target}"
        command = fx.command(sources=sources)
        with subprocess.Popen(
            [sys.executable, "-c", STALLING_DISK_CLI, target, str(marker), *command[3:]],
            cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ) as proc:
            deadline = time.monotonic() + 60
            while not marker.exists():
                assert proc.poll() is None, f"the run ended without writing {target}"
                assert time.monotonic() < deadline, f"the run never wrote {target}"
                time.sleep(0.01)
            proc.send_signal(signal.SIGKILL)
            assert proc.wait(timeout=10) == -signal.SIGKILL
        assert (fx.out / target).read_bytes() == before, f"{target} was changed by a run killed while writing it"
        check_results(fx.out, set(names), f"killed while writing {target}")
    final = fx.verify(sources=sources)
    assert final.returncode == 0, final.stderr
    runs = check_results(fx.out, set(names), "after the final run")
    assert load_report(fx.out / "latest.json") == runs[0]


# ---------------------------------------------------------------- full disk

# RLIMIT_FSIZE for the child, then the CLI as `python -m verifier` would run it. SIGXFSZ is
# ignored, so an oversized write fails with EFBIG as a full disk fails with ENOSPC.
LIMITED_CLI = (
    "import resource, runpy, signal, sys\n"
    "limit = int(sys.argv.pop(1))\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "runpy.run_module('verifier', run_name='__main__', alter_sys=True)\n"
)


def verify_limited(fx: Fixture, sources: Path, limit: int) -> subprocess.CompletedProcess[str]:
    command = fx.command("--fail-on", "never", sources=sources)
    assert command[1:3] == ["-m", "verifier"]
    return subprocess.run(
        [sys.executable, "-c", LIMITED_CLI, str(limit), *command[3:]],
        cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=90, check=False,
    )


def saved_reports(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in sorted(REPORT_FILES)}


@pytest.mark.slow
def test_full_disk_gives_a_clear_error_and_keeps_the_previous_reports(fx: Fixture) -> None:
    names = [f"p{i:02d}" for i in range(40)]  # enough sources for a run file well over 32 KiB
    for name in names:
        fx.site.page(f"/{name}", article())
    blob = os.urandom(120_000)  # incompressible: its snapshot alone is larger than any limit below
    fx.site.route("/blob")(lambda req: req.respond(200, blob, content_type="application/octet-stream"))
    ids = {*names, "blob"}
    sources = fx.sources_file([*names, "blob"])
    first = fx.verify("--fail-on", "never", sources=sources)
    assert first.returncode == 0, first.stderr
    kept = saved_reports(fx.out)
    assert len(check_results(fx.out, ids, "first run")) == 1
    run_file = len(kept["latest.json"])
    assert run_file > 40_000  # above the 32 KiB SQLite's WAL index needs, so the cases below differ

    # (case, file-size limit, a fragment stderr must name); the stage each fails at is in the id
    cases: list[tuple[str, int, str]] = [
        ("history cannot be opened", 4096, HISTORY),
        ("run file cannot be written", run_file - 1, "File too large"),
        ("history commit fails", run_file + 1024, HISTORY),
        ("snapshot fails while fetching", 40_000, "File too large"),  # last: it changes the blob
    ]
    for case, limit, fragment in cases:
        if case.startswith("snapshot"):
            blob = os.urandom(120_000)  # a new body, so a new snapshot file must be written
        done = verify_limited(fx, sources, limit)
        assert done.returncode == 2, f"{case}: {done.returncode} {done.stderr}"
        assert "Traceback" not in done.stderr, case
        message = done.stderr.strip().splitlines()[-1]
        assert message.startswith("verifier: "), f"{case}: {message}"
        assert str(fx.out) in message, f"{case}: {message}"
        assert fragment in message, f"{case}: {message}"
        assert saved_reports(fx.out) == kept, case
        assert len(check_results(fx.out, ids, case)) == 1, case  # the failed run is not recorded

    again = fx.verify("--fail-on", "never", sources=sources)
    assert again.returncode == 0, again.stderr
    runs = check_results(fx.out, ids, "after the disk was freed")
    assert len(runs) == 2
    assert load_report(fx.out / "latest.json") == runs[0]


# ---------------------------------------------------------------- concurrent runs


@pytest.mark.slow
def test_runs_started_at_once_never_interleave(fx: Fixture) -> None:
    names = [f"c{i}" for i in range(6)]
    for name in names:
        fx.page(name).delay_s = 0.3
    sources = fx.sources_file(names)
    codes: list[int] = []
    for _ in range(3):
        procs = [
            subprocess.Popen(fx.command(sources=sources), cwd=ROOT, env=cli_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        for proc in procs:
            with proc:
                _, stderr = proc.communicate(timeout=90)
            codes.append(proc.returncode)
            assert proc.returncode in (0, 2), stderr
            if proc.returncode == 2:
                assert "another verifier run" in stderr
        assert 0 in codes[-2:]  # at least one of the pair ran

    runs = check_results(fx.out, set(names), "concurrent runs")
    assert len(runs) == codes.count(0)
    assert len(list((fx.out / "runs").glob("*.json"))) == codes.count(0)
    spans = sorted((r["run"]["started_at"], r["run"]["finished_at"]) for r in runs)
    for (_, finished), (started, _) in itertools.pairwise(spans):
        assert finished <= started, spans
