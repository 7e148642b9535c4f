from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from verifier.schedule import cron_trigger

ROOT = Path(__file__).resolve().parents[1]

# A job that records its start and end and sleeps `job_s` on a one-second interval trigger.
SCHEDULED = """
import sys, time
from pathlib import Path
from apscheduler.triggers.interval import IntervalTrigger
from verifier.schedule import run_schedule

events = Path(sys.argv[1])
job_s = float(sys.argv[2])

def note(word):
    with events.open("a") as f:
        f.write(f"{word} {time.time()}\\n")

def job():
    note("start")
    time.sleep(job_s)
    note("end")
    return 0

code = run_schedule(job, "0 6 * * *", "UTC", trigger=IntervalTrigger(seconds=1))
note(f"exit{code}")
sys.exit(code)
"""


def read_events(path: Path) -> list[tuple[str, float]]:
    if not path.exists():
        return []
    rows = [line.split() for line in path.read_text().splitlines() if line.strip()]
    return [(word, float(t)) for word, t in rows]


def wait_for(path: Path, predicate: str, deadline_s: float) -> list[tuple[str, float]]:
    """Poll the event file until `predicate` holds ("running" or "idle" with >= 2 runs done)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        events = read_events(path)
        done = sum(1 for word, _ in events if word == "end")
        last = events[-1][0] if events else ""
        if done >= 2 and last == ("start" if predicate == "running" else "end"):
            return events
        time.sleep(0.05)
    raise AssertionError(f"schedule never reached {predicate!r}: {read_events(path)}")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("job_s", "stop_when", "sig"),
    [
        (1.5, "running", signal.SIGTERM),
        (1.5, "running", signal.SIGINT),
        (0.1, "idle", signal.SIGTERM),
    ],
    ids=["sigterm-mid-run", "sigint-mid-run", "sigterm-between-runs"],
)
def test_schedule_fires_never_overlaps_and_stops(
    tmp_path: Path, job_s: float, stop_when: str, sig: signal.Signals
) -> None:
    events_path = tmp_path / "events"
    with subprocess.Popen(
        [sys.executable, "-c", SCHEDULED, str(events_path), str(job_s)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            wait_for(events_path, stop_when, deadline_s=30)
            signalled = time.monotonic()
            proc.send_signal(sig)
            _, stderr = proc.communicate(timeout=job_s + 10)
            stopped_after = time.monotonic() - signalled
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, stderr
    assert stopped_after < job_s + 5
    events = read_events(events_path)
    words = [word for word, _ in events]
    assert words[-1] == "exit0"
    runs = words[:-1]
    # strictly alternating start/end: no run began before the previous one ended, and the
    # run in progress at the signal was finished, not cut off
    assert runs == ["start", "end"] * (len(runs) // 2), words
    assert len(runs) // 2 >= 2
    if job_s > 1:
        # fire times fell inside a run and were refused rather than run alongside it
        assert "maximum number of running instances reached" in stderr


@pytest.mark.parametrize(
    ("cron", "tz", "after", "expected"),
    [
        ("0 6 * * *", "UTC", datetime(2026, 1, 1, 7, tzinfo=UTC), datetime(2026, 1, 2, 6, tzinfo=UTC)),
        ("0 6 * * *", "Asia/Shanghai", datetime(2026, 1, 1, 7, tzinfo=UTC), datetime(2026, 1, 1, 22, tzinfo=UTC)),
        ("*/15 * * * *", "UTC", datetime(2026, 1, 1, 7, 1, tzinfo=UTC), datetime(2026, 1, 1, 7, 15, tzinfo=UTC)),
    ],
    ids=["daily-utc", "daily-shanghai", "every-quarter-hour"],
)
def test_cron_trigger_next_fire(cron: str, tz: str, after: datetime, expected: datetime) -> None:
    fire = cron_trigger(cron, tz).get_next_fire_time(None, after)
    assert fire == expected


@pytest.mark.parametrize(
    ("cron", "tz", "message"),
    [
        ("61 * * * *", "UTC", "bad cron expression"),
        ("0 6 * *", "UTC", "bad cron expression"),
        ("0 6 * * *", "Mars/Olympus", "unknown time zone"),
    ],
    ids=["minute-out-of-range", "four-fields", "unknown-zone"],
)
def test_cron_trigger_rejects(cron: str, tz: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cron_trigger(cron, tz)
