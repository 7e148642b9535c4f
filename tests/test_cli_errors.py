"""Every way out of the command line is one line and a documented exit code, never a
traceback and never 1 (which means "some source fails"): a damaged, newer or read-only
history, `--out` that is a file, a closed stdout, Ctrl-C, an unexpected error. Also the
friction around the commands: `--only ID FILE`, `report --open` without a browser, the
schedule's next run, the history's header and limit, exit codes in --help."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.runbuilder import report, source
from tests.siteserver import Site
from tests.test_report import validate_report
from tests.test_unattended import ROOT, Fixture, cli_env
from verifier import cli
from verifier.history import MIGRATIONS, HistoryStore
from verifier.records import FetchResult, LinkAssessment, LinkStatus, ReadOutcome, Source, SourceResult, SourceVerdict
from verifier.verdicts import VERDICTS_FILE, VerdictStore, response_key

EXIT_CODE_LINES = ["  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  130 ", "  141 "]


@pytest.fixture
def fx(site: Site, tmp_path: Path) -> Fixture:
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    return Fixture(site, tmp_path)


def record_runs(out: Path, count: int) -> None:
    """A history of `count` runs of sources "a" (verified) and "b" (broken), no fetching."""
    with HistoryStore.open(out / "history.sqlite") as store:
        for n in range(count):
            started = (datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n)).isoformat().replace("+00:00", "Z")
            store.record_run(report(f"r{n}", started, [source("a"), source("b", "broken", "not_found")]))


def run_cli(*args: str, env: dict[str, str] | None = None, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m verifier ARGS`; as_nobody runs it as user and group 65534 with no other groups."""
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if as_nobody else []
    return subprocess.run(
        [*nobody, sys.executable, "-m", "verifier", *args], cwd=ROOT, env=env or cli_env(), capture_output=True,
        text=True, timeout=60, check=False,
    )


def assert_one_line(stderr: str, fragment: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1, stderr
    assert fragment in stderr, stderr


# ---------------------------------------------------------------- damaged history


def corrupt(path: Path) -> None:
    path.write_bytes(os.urandom(5000))


def newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")


def unknown_words(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE source_results SET verdict = 'retracted', link_status = 'moved' WHERE source_id = 'b'")


DAMAGE = {
    "corrupt": (corrupt, "file is not a database"),
    "newer-schema": (
        newer, f"schema version {len(MIGRATIONS) + 1} is newer than this verifier knows ({len(MIGRATIONS)})"
    ),
    "unknown-words": (unknown_words, "holds values this verifier does not know (source_results.verdict = 'retracted')"),
}


@pytest.mark.parametrize(("damage", "message"), DAMAGE.values(), ids=DAMAGE.keys())
@pytest.mark.parametrize("command", ["history", "report"])
def test_a_damaged_history_is_one_line_and_exit_2(tmp_path: Path, command: str, damage: object,
                                                   message: str) -> None:
    """bughunt-2026-11 #11, #9, #12: `history` raised a traceback with exit 1 on a corrupt or
    newer history, and both `history` and `report` on words from another version."""
    out = tmp_path / "results"
    record_runs(out, 3)
    assert callable(damage)
    damage(out / "history.sqlite")
    done = run_cli(command, "--out", str(out))
    assert done.returncode == 2
    assert_one_line(done.stderr, message)


STORED = {
    "not-json": ("{not json", "a stored run report is not JSON"),
    "other-schema": ('{"schema":"verifier.report/2","run":{"id":"x"},"items":[]}',
                     "a stored run report is not of schema verifier.report/1"),
}


@pytest.mark.parametrize(("stored", "message"), STORED.values(), ids=STORED.keys())
def test_report_of_a_stored_run_it_cannot_read_is_one_line_and_exit_2(tmp_path: Path, stored: str,
                                                                      message: str) -> None:
    """bughunt-2026-11 #12: a stored run that is not JSON, or of another schema, raised
    JSONDecodeError / KeyError with a traceback."""
    out = tmp_path / "results"
    record_runs(out, 2)
    with sqlite3.connect(out / "history.sqlite") as conn:
        conn.execute("UPDATE runs SET report = ? WHERE seq = (SELECT max(seq) FROM runs)", (stored,))
    done = run_cli("report", "--out", str(out))
    assert done.returncode == 2
    assert_one_line(done.stderr, message)


def test_verify_refuses_a_history_from_another_version_before_fetching(fx: Fixture) -> None:
    """bughunt-2026-11 #9: verify fetched everything, then raised ValueError ('moved' is not
    a valid LinkStatus) in store.prior with exit 1; now exit 2 before any request."""
    fx.page("one")
    fx.sources_file(["one"])
    assert fx.verify().returncode == 0
    with sqlite3.connect(fx.out / "history.sqlite") as conn:
        conn.execute("UPDATE source_results SET link_status = 'moved'")
    hits = len(fx.site.paths_hit())
    done = fx.verify()
    assert done.returncode == 2
    assert_one_line(done.stderr, "holds values this verifier does not know (source_results.link_status = 'moved')")
    assert len(fx.site.paths_hit()) == hits


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="verifier-shared-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        subprocess.run(["rm", "-rf", str(folder)], check=True)


def test_history_reads_another_users_results(shared_folder: Path) -> None:
    """bughunt-2026-11 #11: `history` opened the database read-write (WAL pragma,
    migrations), so on another user's results it raised "attempt to write a readonly
    database" with a traceback; it opens read-only now. `report` needs to write: one line."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run a command as another user (nobody)")
    readable = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", "import verifier"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    if readable.returncode != 0:  # e.g. a clone inside a 0700 folder from `mktemp -d`
        pytest.skip(f"another user (nobody) cannot read this checkout: {readable.stderr.strip()}")
    out = shared_folder / "results"
    record_runs(out, 3)
    out.chmod(0o755)
    done = run_cli("history", "b", "--out", str(out), as_nobody=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == ["b"] + [
        f"  2026-01-01T0{n}:00:00+00:00         broken                 not_found    -" for n in range(3)
    ]
    assert [p.name for p in out.iterdir()] == ["history.sqlite"]  # nothing created, nothing written
    done = run_cli("report", "--out", str(out), as_nobody=True)
    assert done.returncode == 2
    assert_one_line(done.stderr, f"verifier: cannot render the report in {out}: {out}/.lock: Permission denied")


def test_report_into_a_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """bughunt-2026-11 #12: `report --out FILE` raised FileExistsError with exit 1."""
    (tmp_path / "afile").write_text("x\n")
    done = run_cli("report", "--out", str(tmp_path / "afile"))
    assert done.returncode == 2
    assert_one_line(done.stderr, "cannot render the report in")
    assert (tmp_path / "afile").read_text() == "x\n"


# ---------------------------------------------------------------- ways out


def test_a_closed_stdout_is_quiet_and_exit_141(tmp_path: Path) -> None:
    """bughunt-2026-11 #11: `verifier history | head` raised BrokenPipeError with a
    traceback. The reader closes the pipe before the command writes a byte."""
    out = tmp_path / "results"
    record_runs(out, 3)
    with subprocess.Popen([sys.executable, "-m", "verifier", "history", "--out", str(out)], cwd=ROOT,
                          env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        proc.stdout.close()
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 141
    assert stderr == ""


def test_ctrl_c_is_one_line_and_exit_130(fx: Fixture) -> None:
    """bughunt-2026-11 #20: SIGINT during verify printed a 60-line traceback; now one line
    and exit 130, and the results folder keeps whole runs only."""
    fx.page("one")
    slow = fx.page("slow")
    fx.sources_file(["one", "slow"])
    assert fx.verify().returncode == 0
    latest = (fx.out / "latest.json").read_bytes()
    slow.delay_s = 30
    with subprocess.Popen(fx.command(), cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:
        deadline = time.monotonic() + 60
        while fx.site.paths_hit().count("/slow") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == "verifier: interrupted; the results folder holds whole runs only"
    assert (fx.out / "latest.json").read_bytes() == latest


def test_an_unexpected_error_is_one_line_and_exit_4(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """bughunt-2026-11 #14: every uncaught exception exited 1, which means "some source
    fails"; now one line and exit 4, the traceback only with --debug."""
    def broken(*args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "command_history", broken)
    assert cli.main(["history"]) == 4
    assert capsys.readouterr().err == (
        "verifier: unexpected error: RuntimeError: a bug (run with --debug for the traceback)\n"
    )
    assert cli.main(["--debug", "history"]) == 4
    err = capsys.readouterr().err
    assert err.startswith("Traceback")
    assert err.endswith("verifier: unexpected error: RuntimeError: a bug\n")


def test_help_lists_the_exit_codes_and_the_default_files() -> None:
    """bughunt-2026-11 #32: --help did not list the exit codes or say FILES defaults to
    sources.toml."""
    texts = [cli.build_parser().format_help()] + [
        _subcommand_help(name) for name in ("verify", "schedule", "report", "history", "check")
    ]
    for text in texts:
        assert "exit codes:" in text
        for line in EXIT_CODE_LINES:
            assert f"\n{line}" in text, (line, text)
    assert "sources.toml files (default: sources.toml)" in _subcommand_help("verify")


def _subcommand_help(name: str) -> str:
    done = run_cli(name, "--help")
    assert done.returncode == 0
    return done.stdout


# ---------------------------------------------------------------- friction


def test_verify_only_id_then_file_reads_the_file(fx: Fixture) -> None:
    """bughunt-2026-11 #28: `verify --only ID FILE` took the file for an id ("unknown source
    id(s): sources.toml"); a value with '.' or '/' cannot be an id, so it is a FILE."""
    fx.page("one")
    fx.page("two")
    path = fx.sources_file(["one", "two"])
    done = subprocess.run(
        [sys.executable, "-m", "verifier", "verify", "--out", str(fx.out), "--only", "one", str(path)],
        cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=90, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [line.split()[1] for line in done.stdout.splitlines()] == ["one"]


def test_report_open_without_a_browser_says_so(tmp_path: Path) -> None:
    """bughunt-2026-11 #29: `report --open` printed the path and said nothing when no
    browser could be started."""
    out = tmp_path / "results"
    record_runs(out, 1)
    empty = tmp_path / "no-programs"
    empty.mkdir()
    env = {k: v for k, v in cli_env().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")}
    env["PATH"] = str(empty)
    done = run_cli("report", "--out", str(out), "--open", env=env)
    assert done.returncode == 0, done.stderr
    page = (out / "index.html").resolve()
    assert done.stdout == f"{page}\n"
    assert done.stderr == f"verifier: no web browser could be started; open {page} yourself\n"


def test_history_has_a_header_and_a_limit(tmp_path: Path) -> None:
    """bughunt-2026-11 #31: the history had no header and was capped at 50 runs with no
    option to show more."""
    out = tmp_path / "results"
    record_runs(out, 60)
    lines = run_cli("history", "a", "--out", str(out)).stdout.splitlines()
    assert lines[0].split() == ["source", "/", "run", "started", "verdict", "link", "change"]
    assert lines[1:3] == ["a", "  (earlier runs not shown: --limit 50; --limit 0 shows every run)"]
    assert len(lines) == 3 + 50
    assert len(run_cli("history", "a", "--out", str(out), "--limit", "0").stdout.splitlines()) == 2 + 60
    assert len(run_cli("history", "a", "--out", str(out), "--limit", "60").stdout.splitlines()) == 2 + 60


def test_schedule_says_when_it_runs_next(tmp_path: Path) -> None:
    """bughunt-2026-11 #30: `schedule` logged its trigger and nothing else until 06:00; it
    now says when the next run is, at the start and after each run."""
    path = tmp_path / "sources.toml"
    path.write_text('[settings]\nschedule = "0 6 * * *"\ntimezone = "Asia/Shanghai"\n\n[[sources]]\nid = "a"\n')
    with subprocess.Popen([sys.executable, "-m", "verifier", "schedule", str(path), "--out", str(tmp_path / "r")],
                          cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "schedule started: " in line, line
    when = datetime.fromisoformat(line.split("; next run at ")[1].strip())
    now = datetime.now(UTC)
    assert now < when <= now + timedelta(days=1)
    assert (when.hour, when.minute, when.utcoffset()) == (6, 0, timedelta(hours=8))


def test_check_says_how_many_sources_are_unresolved(tmp_path: Path) -> None:
    """bughunt-2026-11 #32: `check` said "ok: 1 file(s), 4 source(s)" without saying 2 had
    no URL yet."""
    path = tmp_path / "sources.toml"
    path.write_text('[[sources]]\nid = "a"\nurl = "https://example.org/"\n\n[[sources]]\nid = "b"\n')
    done = run_cli("check", str(path))
    assert (done.returncode, done.stdout) == (0, "ok: 1 file(s), 2 source(s) (1 unresolved: no URL yet)\n")


def test_latest_json_of_a_real_run_matches_the_shipped_schema(fx: Fixture) -> None:
    """bughunt-2026-11 #32: the shipped JSON Schema describes what a real run writes."""
    fx.page("one")
    gone = fx.page("gone")
    gone.set(404, b"not here")
    fx.sources_file(["one", "gone"])
    fx.verify()
    validate_report(json.loads((fx.out / "latest.json").read_text(encoding="utf-8")))


def test_the_progress_bar_is_drawn_from_the_start_and_names_the_source_checked_last(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """bughunt-2026-11 #31: on a terminal the bar was first drawn when the first source
    finished; now it shows 0/N at once, then each source checked."""
    with cli.Progress(2, interactive=True) as progress:
        assert "0/2" in capsys.readouterr().err
        progress(SourceResult(Source("first-source", "https://example.org/"), SourceVerdict.VERIFIED, None, ()))
    drawn = capsys.readouterr().err  # tqdm redraws at most every 0.1 s, and when it closes
    assert "1/2" in drawn
    assert "last: first-source" in drawn


def test_a_sqlite_failure_names_the_file_that_failed(tmp_path: Path) -> None:
    """A run stopped by a SQLite error named history.sqlite whatever store it came from; the
    history and the verdicts cache each name their own file now."""
    out = tmp_path / "results"
    with HistoryStore.open(out / "history.sqlite") as store:
        with sqlite3.connect(out / "history.sqlite") as conn:
            conn.execute("DROP TABLE source_results")
        with pytest.raises(sqlite3.Error) as history_error:
            store.prior("one")
    assert cli._write_failure(history_error.value).startswith(f"{out / 'history.sqlite'}: no such table")

    key = response_key(FetchResult("https://a.example/", "https://a.example/", 200, body=b"x"), None,
                       follow_refresh=True, light=True)
    with VerdictStore.open(out / VERDICTS_FILE, "judge") as verdicts:
        verdicts.put_reading(key, ReadOutcome(LinkAssessment(LinkStatus.OK, "HTTP 200"), None, None))
        verdicts.save()
    with VerdictStore.open(out / VERDICTS_FILE, "judge") as verdicts:
        with sqlite3.connect(out / VERDICTS_FILE) as conn:
            conn.execute("DROP TABLE readings")
        with pytest.raises(sqlite3.Error) as verdicts_error:
            verdicts.reading(key)
    assert cli._write_failure(verdicts_error.value).startswith(f"{out / VERDICTS_FILE}: no such table")
