"""`verifier schedule`: run the verify job forever on a cron schedule (APScheduler 3).

One run at a time (max_instances=1: a fire time that comes while a run is still going is
skipped, not queued), missed fire times coalesced into one run, and a misfire grace time
so a run that was due while the process was busy or suspended still happens if it is not
too late. SIGTERM and SIGINT stop the scheduler: no new run starts, the run in progress
finishes, then `run_schedule` returns 0. The signal handler only flips a flag; the main
thread waits on that flag in short steps and then stops the scheduler, so a signal at any
moment, even before the scheduler has started, is seen; nothing blocks waiting for the job.

The results-folder lock (verifier.lock) is the job's business: the callable passed in is
one whole `verifier verify`, which takes the lock itself, so cron and the scheduler never
overlap either.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import datetime
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

DEFAULT_MISFIRE_GRACE_S = 3600
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_STOP_POLL_S = 0.5

log = logging.getLogger(__name__)


def cron_trigger(cron: str, tz: str) -> Any:
    """The trigger for a crontab expression (5 fields); ValueError names what is wrong."""
    try:
        zone = ZoneInfo(tz)
    except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(f"unknown time zone {tz!r}") from exc
    try:
        return CronTrigger.from_crontab(cron, timezone=zone)
    except ValueError as exc:
        raise ValueError(f"bad cron expression {cron!r}: {exc}") from exc


def run_schedule(
    job: Callable[[], int],
    cron: str,
    tz: str,
    *,
    trigger: Any = None,
    misfire_grace_s: int = DEFAULT_MISFIRE_GRACE_S,
) -> int:
    """Run `job` (one verify; returns its exit code) on the schedule until SIGTERM/SIGINT.
    `trigger` replaces the cron trigger (tests use a one-second one). Returns 0 after a
    clean stop. Must be called from the main thread (signal handlers)."""
    trigger = trigger if trigger is not None else cron_trigger(cron, tz)
    zone = ZoneInfo(tz)
    scheduler = BackgroundScheduler(timezone=zone)

    def next_run() -> str:
        fire = trigger.get_next_fire_time(None, datetime.now(zone))
        return fire.isoformat(timespec="seconds") if fire else "never"
    stopping = threading.Event()
    running = threading.Lock()

    def run_once() -> None:
        with running:
            if stopping.is_set():  # submitted just before the stop: do not start it
                return
            started = datetime.now().astimezone()
            log.info("scheduled run starting")
            code = job()
            log.info(
                "scheduled run finished: exit code %d after %.1f s; next run at %s",
                code,
                (datetime.now().astimezone() - started).total_seconds(),
                next_run(),
            )

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            return
        stopping.set()
        log.info("%s received: stopping after the current run", signal.Signals(signum).name)

    scheduler.add_job(
        run_once,
        trigger,
        id="verify",
        name="verifier verify",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=misfire_grace_s,
    )
    previous = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
    try:
        log.info("schedule started: %s; next run at %s", trigger, next_run())
        scheduler.start()  # runs the job in its own thread
        # the main thread waits for the stop flag in short steps, so that a signal arriving at any
        # moment (even before the scheduler has started) is seen within a step
        while not stopping.wait(_STOP_POLL_S):
            pass
        scheduler.shutdown(wait=False)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    with running:  # wait for the run in progress, if any
        pass
    log.info("schedule stopped")
    return 0
