from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.lock import AlreadyRunning, run_lock

ROOT = Path(__file__).resolve().parents[1]

HOLD_LOCK = """
import sys, time
from pathlib import Path
from verifier.lock import run_lock
with run_lock(Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(60)
"""


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    with run_lock(tmp_path) as path:
        assert path == tmp_path / ".lock"
        with pytest.raises(AlreadyRunning), run_lock(tmp_path):
            pass
    with run_lock(tmp_path):  # released at the end of the block
        pass


def test_lock_released_when_block_raises(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), run_lock(tmp_path):
        raise RuntimeError("the run failed")
    with run_lock(tmp_path):
        pass


def test_lock_creates_missing_results_folder(tmp_path: Path) -> None:
    with run_lock(tmp_path / "new" / "results"):
        assert (tmp_path / "new" / "results" / ".lock").is_file()


@pytest.mark.parametrize("death", [signal.SIGKILL, signal.SIGTERM], ids=["sigkill", "sigterm"])
def test_other_process_holding_lock(tmp_path: Path, death: signal.Signals) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(AlreadyRunning) as caught, run_lock(tmp_path):
            pass
        assert caught.value.pid == holder.pid
        assert f"process {holder.pid}" in str(caught.value)
        holder.send_signal(death)
        assert holder.wait(timeout=10) == -death
    with run_lock(tmp_path):  # the kernel released the dead holder's lock
        pass


def test_a_symbolic_link_at_the_lock_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    """bughunt-2026-11 #10: a symlink at results/.lock made every run truncate the file it
    pointed to; the lock is opened with O_NOFOLLOW and refused."""
    victim = tmp_path / "victim.txt"
    victim.write_text("important data")
    out = tmp_path / "results"
    out.mkdir()
    (out / ".lock").symlink_to(victim)
    with pytest.raises(OSError, match="is a symbolic link; refusing to follow it"), run_lock(out):
        pass
    assert victim.read_text() == "important data"


def test_a_hard_link_at_the_lock_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    """bughunt-2026-11 #10: the same through a hard link (where the file system allows one)."""
    out = tmp_path / "results"
    out.mkdir()
    victim = out / "victim.txt"
    victim.write_text("important data")
    os.link(victim, out / ".lock")
    with pytest.raises(OSError, match="is not a plain file of its own"), run_lock(out):
        pass
    assert victim.read_text() == "important data"
