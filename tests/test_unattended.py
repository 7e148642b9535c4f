"""Unattended runs through the real command line (`python -m verifier verify FILE --out DIR`
in a subprocess) over a local fixture site whose pages change between runs: change values,
confirmed dead only after the threshold, conditional requests on unchanged pages, a run
killed with SIGKILL mid-way, and the results-folder lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.siteserver import RouteRequest, Site
from verifier.history import HistoryStore
from verifier.lock import run_lock

ROOT = Path(__file__).resolve().parents[1]
QUOTE = "Grid investment came first and demand followed, which is how the build-out outran every forecast."
FILLER = "<p>" + "Background paragraph about provinces, ports and power lines. " * 12 + "</p>\n"


def article(extra: str = "", size: int = 12) -> bytes:
    """An article page carrying QUOTE, large enough (~9 KB) for transfer savings to show and
    small enough for the quote matcher to stay quick."""
    return (
        "<html><head><title>Building like China</title></head><body><article>"
        f"<h1>Building like China</h1><p>{QUOTE}</p>{extra}{FILLER * size}</article></body></html>"
    ).encode()


@dataclass
class Page:
    """A page whose answer the test changes between runs; supports ETag revalidation."""

    status: int = 200
    body: bytes = b""
    version: int = 1
    delay_s: float = 0.0

    def set(self, status: int, body: bytes) -> None:
        self.status, self.body, self.version = status, body, self.version + 1

    def handle(self, req: RouteRequest) -> None:
        etag = f'"v{self.version}"'
        end = time.monotonic() + self.delay_s
        while time.monotonic() < end and not req.stopping:
            time.sleep(0.05)
        if self.status == 200 and req.headers.get("If-None-Match") == etag:
            req.send_response(304)
            req.send_header("ETag", etag)
            req.end_headers()
            return
        req.respond(self.status, self.body, headers={"ETag": etag} if self.status == 200 else {})


@dataclass
class Fixture:
    site: Site
    tmp: Path
    pages: dict[str, Page] = field(default_factory=dict)

    @property
    def out(self) -> Path:
        return self.tmp / "results"

    def page(self, name: str) -> Page:
        page = Page(200, article())
        self.pages[name] = page
        self.site.route(f"/{name}")(page.handle)
        return page

    def sources_file(self, names: list[str], confirm: tuple[int, int] = (2, 0)) -> Path:
        head = (
            '[article]\ntitle = "Fixture article"\nurl = "https://example.org/article"\n\n'
            "[settings]\ntimeout_s = 5\nretries = 0\nper_host_delay_s = 0\nper_host_concurrency = 4\n"
            'allow_networks = ["127.0.0.0/8"]\narchive = "none"\n'
            f"confirm_dead = {{ failures = {confirm[0]}, days = {confirm[1]} }}\n\n"
        )
        blocks = [
            f'[[sources]]\nid = "{name}"\nurl = "{self.site.url("/" + name)}"\nquotes = {json.dumps([QUOTE])}\n'
            for name in names
        ]
        path = self.tmp / "sources.toml"
        path.write_text(head + "\n".join(blocks), encoding="utf-8")
        return path

    def verify(self, *extra: str, sources: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*extra, sources=sources),
            cwd=ROOT,
            env=cli_env(),
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Another subcommand over the results folder (history, report)."""
        return subprocess.run(
            [sys.executable, "-m", "verifier", *args, "--out", str(self.out)],
            cwd=ROOT,
            env=cli_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def command(self, *extra: str, sources: Path | None = None) -> list[str]:
        path = sources or self.tmp / "sources.toml"
        return [sys.executable, "-m", "verifier", "verify", str(path), "--out", str(self.out), *extra]

    def latest(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.out / "latest.json").read_text(encoding="utf-8"))
        return data


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["HF_HUB_OFFLINE"] = "1"
    return env


@pytest.fixture
def fx(site: Site, tmp_path: Path) -> Fixture:
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    return Fixture(site, tmp_path)


def by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in report["sources"]}


# page name -> answers in runs 1, 2, 3 ("ok", "edited", "404") and the expected
# (change, verdict, confirmed_dead) after each run; threshold: 2 failing runs, 0 days.
Step = tuple[str, str, str, bool]
SCENARIO: dict[str, list[Step]] = {
    "stable": [
        ("ok", "new", "verified", False),
        ("ok", "unchanged", "verified", False),
        ("ok", "unchanged", "verified", False),
    ],
    "edited": [
        ("ok", "new", "verified", False),
        ("edited", "content_changed", "verified", False),
        ("edited", "unchanged", "verified", False),
    ],
    "dying": [
        ("ok", "new", "verified", False),
        ("404", "newly_failing", "broken", False),
        ("404", "unchanged", "broken", True),
    ],
    "returning": [
        ("404", "new", "broken", False),
        ("ok", "recovered", "verified", False),
        ("ok", "unchanged", "verified", False),
    ],
}
ANSWERS: dict[str, tuple[int, bytes]] = {
    "ok": (200, article()),
    "edited": (200, article("<p>An editor's note was added to this page later.</p>")),
    "404": (404, b"<html><title>404 Not Found</title><body>not here</body></html>"),
}


def answer(page: Page, kind: str) -> None:
    """Make `page` answer as `kind` says; a new version (ETag) only when that differs."""
    status, body = ANSWERS[kind]
    if (page.status, page.body) != (status, body):
        page.set(status, body)


@pytest.mark.slow
def test_three_runs_change_and_confirmed_dead(fx: Fixture) -> None:
    for name in SCENARIO:
        fx.page(name)
    sources = fx.sources_file(list(SCENARIO))
    codes = []
    for run in range(3):
        for name, steps in SCENARIO.items():
            answer(fx.pages[name], steps[run][0])
        done = fx.verify(sources=sources)
        codes.append(done.returncode)
        got = {sid: (s["change"], s["verdict"], s["link"]["confirmed_dead"]) for sid, s in by_id(fx.latest()).items()}
        want = {name: steps[run][1:] for name, steps in SCENARIO.items()}
        assert got == want, f"run {run + 1}: {done.stderr}"
    # --fail-on new (the default): the run with a newly failing source exits 1, the next,
    # where it is still failing but not newly, exits 0
    assert codes[1:] == [1, 0]
    with HistoryStore.open(fx.out / "history.sqlite") as store:
        assert len(store.run_reports()) == 3
        timeline = store.timeline("dying")
        assert [e.confirmed_dead for e in timeline] == [False, False, True]
        assert [str(e.change) for e in timeline] == ["new", "newly_failing", "unchanged"]
    snapshot = fx.latest()["sources"][0]["link"]["snapshot"]
    assert snapshot.startswith("snapshots/")
    assert (fx.out / snapshot).is_file()

    history = fx.cli("history", "dying")
    assert history.returncode == 0, history.stderr
    header, *lines = history.stdout.splitlines()
    assert header.split()[:4] == ["source", "/", "run", "started"]
    assert lines[0] == "dying"
    assert len(lines) == 4
    assert "newly_failing" in lines[2]
    assert "confirmed dead" in lines[3]
    assert "confirmed dead" not in lines[2]

    # `verifier report` re-renders from the history alone: same latest.json, nothing fetched
    latest = (fx.out / "latest.json").read_bytes()
    (fx.out / "latest.json").unlink()
    hits = len(fx.site.hits)
    rendered = fx.cli("report")
    assert rendered.returncode == 0, rendered.stderr
    assert (fx.out / "latest.json").read_bytes() == latest
    assert (fx.out / "index.html").is_file()
    assert len(fx.site.hits) == hits


@pytest.mark.slow
def test_second_run_over_unchanged_pages_transfers_little(fx: Fixture) -> None:
    names = ["one", "two", "three"]
    for name in names:
        fx.page(name)
    sources = fx.sources_file(names)
    before = fx.site.body_bytes
    first = fx.verify(sources=sources)
    first_bytes = fx.site.body_bytes - before
    second = fx.verify(sources=sources)
    second_bytes = fx.site.body_bytes - before - first_bytes
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert first_bytes > 20_000
    assert second_bytes <= first_bytes // 10, (first_bytes, second_bytes)
    assert {s["change"] for s in fx.latest()["sources"]} == {"unchanged"}
    assert {s["verdict"] for s in fx.latest()["sources"]} == {"verified"}


@pytest.mark.slow
def test_sigkill_mid_run_leaves_results_readable(fx: Fixture) -> None:
    fx.page("stable")
    slow = fx.page("slow")
    sources = fx.sources_file(["stable", "slow"])
    assert fx.verify(sources=sources).returncode == 0
    latest_before = (fx.out / "latest.json").read_bytes()

    slow.delay_s = 60  # the next run hangs on this page until killed
    slow.set(200, article("<p>changed</p>"))
    hits_before = len(fx.site.hits)
    with subprocess.Popen(
        fx.command(sources=sources), cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as proc:
        deadline = time.monotonic() + 60
        while not any(h.path == "/slow" for h in fx.site.hits[hits_before:]):
            assert time.monotonic() < deadline, "the run never reached the slow page"
            assert proc.poll() is None, "the run ended before it could be killed"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL

    assert (fx.out / "latest.json").read_bytes() == latest_before
    with HistoryStore.open(fx.out / "history.sqlite") as store:
        assert len(store.run_reports()) == 1
        assert store.latest_complete_report() == json.loads(latest_before)

    slow.delay_s = 0
    after = fx.verify(sources=sources)
    assert after.returncode == 0, after.stderr
    assert by_id(fx.latest())["slow"]["change"] == "content_changed"
    with HistoryStore.open(fx.out / "history.sqlite") as store:
        assert len(store.run_reports()) == 2


def test_second_job_on_same_results_says_so(fx: Fixture) -> None:
    fx.page("stable")
    sources = fx.sources_file(["stable"])
    with run_lock(fx.out):
        done = fx.verify(sources=sources)
    assert done.returncode == 2  # like an input error: nothing fetched, nothing written
    assert "another verifier run" in done.stderr
    assert str(os.getpid()) in done.stderr
    assert not (fx.out / "latest.json").exists()
    assert fx.site.hits == []
