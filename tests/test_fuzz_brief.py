"""The fuzz targets, briefly, in `make test`: the quote-matching target for a few hundred
examples (extraction's target runs in tests/test_extract.py), and the bounded runner that
`make fuzz` calls, for one small batch of each target."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fuzz.fuzz_targets import match_target

ROOT = Path(__file__).resolve().parents[1]


def test_quote_matching_fuzz_target_never_breaks_its_properties() -> None:
    match_target(examples=500)()


def test_bounded_fuzz_runner_runs_each_target() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fuzz.fuzz_targets", "--seconds", "0", "--examples", "10"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "extract_page: 10 examples, QuoteMatcher.match: 10 examples" in done.stdout
