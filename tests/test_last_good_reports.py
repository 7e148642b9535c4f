"""Only a complete run replaces the reports, and "network down" means that nothing at all
answered. Through the CLI against local servers: a dead host next to an archive that
answers, `report`, `--only` and metrics.prom after an outage, the address guard refusing
everything, and what a network-down run prints and writes (bughunt-2026-11 #3, #4, #15,
#17, #25, #27, #37)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from tests.fake_archive import FakeArchive
from tests.siteserver import Site, serve
from tests.test_end_to_end import ARTICLE, CLAIM_OK, QUOTE, load, run_cli, source_block, write_sources
from tests.test_metrics import parse_exposition

REPORT_FILES = ("latest.json", "latest.md", "junit.xml", "index.html", "metrics.prom")
DISTORTED = "Chinese solar panels are up to 95 percent cheaper than those made in the United States and Europe."


def dead_url(path: str) -> str:
    """A loopback URL on a port where nothing listens any more (connection refused)."""
    with serve() as gone:
        return gone.url(path)


def write_settings(path: Path, blocks: list[str], *, archive: str, confirm_dead: str = "") -> Path:
    """Like write_sources, with an archive base and a confirm_dead setting."""
    write_sources(path, blocks, archive=archive)
    text = path.read_text(encoding="utf-8")
    if confirm_dead:
        text = text.replace("[settings]\n", f"[settings]\nconfirm_dead = {confirm_dead}\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


def file_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in REPORT_FILES}


@pytest.fixture
def outage(tmp_path: Path) -> tuple[Path, Path]:
    """A complete run over a site with a verified, a disputed and a broken source (exit 1),
    then the site goes away: (sources.toml, results folder)."""
    out = tmp_path / "results"
    with serve() as site:
        site.page("/news/2025/07/01/build-like-china", ARTICLE)
        site.page("/gone", "<html><title>404</title><body>gone</body></html>", status=404)
        sources = write_sources(tmp_path / "sources.toml", [
            source_block("solar-article", site.url("/news/2025/07/01/build-like-china"), [QUOTE], [DISTORTED]),
            source_block("good-article", site.url("/news/2025/07/01/build-like-china"), [QUOTE], [CLAIM_OK]),
            source_block("gone-article", site.url("/gone"), [QUOTE]),
        ])
        assert run_cli("verify", str(sources), "--out", str(out)) == 1
    verdicts = {s["id"]: s["verdict"] for s in load(out / "latest.json")["sources"]}
    assert verdicts == {"solar-article": "disputed", "good-article": "verified", "gone-article": "broken"}
    return sources, out


# ---------------------------------------------------------------- network down means nothing answered


def test_dead_host_is_judged_when_the_archive_answers(tmp_path: Path) -> None:
    """bughunt-2026-11 #3: every cited source sits on a dead host, but the archive answers
    (nothing archived). The network is up: the run is judged, latest.json written, the
    link counted as failing, confirmed dead on the second run and then `broken`."""
    with serve() as archive_site:
        archive = FakeArchive(archive_site).install()
        sources = write_settings(
            tmp_path / "sources.toml",
            [source_block("dead-host", dead_url("/old-article"), [QUOTE]), source_block("waiting", None, ["x"])],
            archive=archive.base_url, confirm_dead="{ failures = 2, days = 1 }",
        )
        out = tmp_path / "results"
        assert run_cli("verify", str(sources), "--out", str(out)) == 0
        first = load(out / "latest.json")
        assert first["run"]["network"] == "ok"
        link = first["sources"][0]["link"]
        assert (link["status"], link["confirmed_dead"], first["sources"][0]["verdict"]) == (
            "unreachable", False, "unverifiable")
        assert run_cli("verify", str(sources), "--out", str(out)) == 1
        second = load(out / "latest.json")
        assert second["sources"][0]["link"]["confirmed_dead"] is True
        assert (second["sources"][0]["verdict"], second["sources"][0]["change"]) == ("broken", "newly_failing")
        assert any(path.startswith("/wayback/available") for path in archive_site.paths_hit())


def test_nothing_answering_at_all_is_still_network_down(tmp_path: Path) -> None:
    """bughunt-2026-11 #3, the other side: when the archive is dead too, the run is
    inconclusive (exit 3) and nothing is judged."""
    sources = write_settings(tmp_path / "sources.toml", [source_block("dead-host", dead_url("/a"), [QUOTE])],
                             archive=dead_url(""))
    out = tmp_path / "results"
    assert run_cli("verify", str(sources), "--out", str(out)) == 3
    assert not (out / "latest.json").exists()


# ---------------------------------------------------------------- nothing but a complete run replaces the reports


def test_report_after_network_down_keeps_the_last_complete_run(outage: tuple[Path, Path]) -> None:
    """bughunt-2026-11 #4: `report` after a network-down run renders the last complete run:
    the disputed and broken sources stay, junit.xml keeps its failures."""
    sources, out = outage
    before = file_bytes(out)
    assert run_cli("verify", str(sources), "--out", str(out)) == 3
    assert run_cli("report", "--out", str(out)) == 0
    assert (out / "latest.json").read_bytes() == before["latest.json"]
    assert (out / "junit.xml").read_bytes() == before["junit.xml"]
    assert 'failures="2"' in (out / "junit.xml").read_text(encoding="utf-8")
    assert (out / "latest.md").read_bytes() == before["latest.md"]
    assert len(list((out / "runs").glob("*.json"))) == 2  # the outage is recorded as an attempt


def test_report_without_a_complete_run_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """bughunt-2026-11 #4: with only network-down runs recorded, `report` renders nothing."""
    sources = write_settings(tmp_path / "sources.toml", [source_block("a", dead_url("/a"), [QUOTE])], archive="none")
    out = tmp_path / "results"
    assert run_cli("verify", str(sources), "--out", str(out)) == 3
    capsys.readouterr()
    assert run_cli("report", "--out", str(out)) == 2
    assert "no complete run" in capsys.readouterr().err
    assert not (out / "latest.json").exists()


def test_only_never_replaces_the_reports(outage: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """bughunt-2026-11 #15: `--only` records its subset in runs/ and the history; latest.*,
    junit.xml, index.html and metrics.prom still show the whole article, also after
    `report`."""
    sources, out = outage
    before = file_bytes(out)
    with serve() as site:
        site.page("/paywalled", ARTICLE)
        text = sources.read_text(encoding="utf-8")
        sources.write_text(text + source_block("premium-article", site.url("/paywalled"), [QUOTE]), encoding="utf-8")
        capsys.readouterr()
        assert run_cli("verify", str(sources), "--out", str(out), "--only", "premium-article") == 0
    assert file_bytes(out) == before
    assert "--only checked 1 source(s)" in capsys.readouterr().err
    runs = sorted((out / "runs").glob("*.json"))
    assert [s["id"] for s in load(runs[-1])["sources"]] == ["premium-article"]
    assert run_cli("report", "--out", str(out)) == 0
    assert (out / "latest.json").read_bytes() == before["latest.json"]
    assert (out / "junit.xml").read_bytes() == before["junit.xml"]
    metrics = parse_exposition((out / "metrics.prom").read_text(encoding="utf-8"))
    assert metrics['verifier_sources{verdict="disputed"}'] == 1


def test_network_down_run_keeps_the_failure_gauges(outage: tuple[Path, Path]) -> None:
    """bughunt-2026-11 #17: after an outage metrics.prom says the network is down and when
    the job last ran, but the failure gauges and the last complete run's time stay."""
    sources, out = outage
    before = parse_exposition((out / "metrics.prom").read_text(encoding="utf-8"))
    assert run_cli("verify", str(sources), "--out", str(out)) == 3
    after = parse_exposition((out / "metrics.prom").read_text(encoding="utf-8"))
    for key in ('verifier_sources{verdict="disputed"}', 'verifier_sources{verdict="broken"}',
                'verifier_sources{verdict="unverifiable"}', 'verifier_links{status="unreachable"}',
                'verifier_quotes{verdict="distorted"}'):
        assert after[key] == before[key], key
    assert after['verifier_sources{verdict="disputed"}'] == 1
    assert after["verifier_network_up"] == 0
    assert after["verifier_last_run_timestamp_seconds"] > before["verifier_last_run_timestamp_seconds"]
    complete = "verifier_last_complete_run_timestamp_seconds"
    assert after[complete] == before[complete] == before["verifier_last_run_timestamp_seconds"]


# ---------------------------------------------------------------- runs that checked nothing


def test_every_source_refused_by_the_address_guard_is_not_a_success(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bughunt-2026-11 #25: loopback sources without allow_networks: nothing was checked, so
    the run says so and exits 2, recording nothing."""
    site.page("/a", ARTICLE)
    sources = write_sources(tmp_path / "sources.toml", [source_block("a", site.url("/a"), [QUOTE]),
                                                         source_block("b", site.url("/b"), [QUOTE])])
    sources.write_text(sources.read_text(encoding="utf-8").replace('allow_networks = ["127.0.0.0/8"]\n', ""),
                       encoding="utf-8")
    out = tmp_path / "results"
    assert run_cli("verify", str(sources), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "address guard refused every source" in err
    assert "allow_networks" in err
    assert "loopback" in err
    assert not (out / "latest.json").exists()
    assert not (out / "runs").exists()
    assert site.hits == []


@pytest.mark.parametrize("command", [["verify"], ["report"]], ids=["verify", "report"])
def test_out_at_the_file_system_root_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bughunt-2026-11 #25: `--out /` is refused before anything is written."""
    sources = write_sources(tmp_path / "sources.toml", [source_block("a", None, ["x"])])
    files = [str(sources)] if command[0] != "report" else []
    assert run_cli(*command, *files, "--out", "/") == 2
    assert "root of the file system" in capsys.readouterr().err
    assert not Path("/.lock").exists()
    assert not Path("/history.sqlite").exists()


# ---------------------------------------------------------------- what a network-down run says and writes


def test_network_down_shows_unreachable_not_not_found(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """bughunt-2026-11 #27: in a network-down run a name that did not resolve is
    `unreachable` (the resolver was down), in the log lines as in runs/*.json, and a missing
    HTTP status is logged as `http=-`."""
    blocks = [source_block("a", "http://unreachable-one.invalid/article", ["x"]),
              source_block("b", "http://unreachable-two.invalid/article", ["y"])]
    sources = write_sources(tmp_path / "sources.toml", blocks)
    out = tmp_path / "results"
    with caplog.at_level(logging.INFO, logger="verifier"):
        assert run_cli("verify", str(sources), "--out", str(out)) == 3
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("checked ")]
    assert len(lines) == 2
    assert all("link=unreachable http=- " in line for line in lines), lines
    (run,) = (out / "runs").glob("*.json")
    assert {s["link"]["status"] for s in load(run)["sources"]} == {"unreachable"}


def test_network_down_message_and_files(outage: tuple[Path, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """bughunt-2026-11 #37: the network-down message never claims an unchanged latest.json
    that does not exist; the attempt is in runs/ and metrics.prom shows the outage, as the
    README says; the reports are left alone."""
    first = tmp_path / "first"
    sources = write_sources(tmp_path / "down.toml", [source_block("a", dead_url("/a"), [QUOTE])])
    capsys.readouterr()
    assert run_cli("verify", str(sources), "--out", str(first)) == 3
    err = capsys.readouterr().err
    assert "network looks down" in err
    assert "unchanged" not in err
    assert "no reports are written until a complete run" in err
    assert sorted(p.name for p in first.iterdir() if not p.name.startswith(".")) == [
        "history.sqlite", "metrics.prom", "runs"]
    assert parse_exposition((first / "metrics.prom").read_text(encoding="utf-8"))["verifier_network_up"] == 0

    article, out = outage
    before = file_bytes(out)
    assert run_cli("verify", str(article), "--out", str(out)) == 3
    assert "the reports of the last complete run are kept" in capsys.readouterr().err
    assert {name: data for name, data in file_bytes(out).items() if name != "metrics.prom"} == {
        name: data for name, data in before.items() if name != "metrics.prom"}
    assert len(list((out / "runs").glob("*.json"))) == 2
    assert json.loads(sorted((out / "runs").glob("*.json"))[-1].read_text())["run"]["network"] == "down"


# ---------------------------------------------------------------- a 404 does not wait for confirm_dead


def test_404_is_broken_on_the_first_run_as_the_readme_says(site: Site, tmp_path: Path) -> None:
    """bughunt-2026-11 #26, decided: a 404 or 410 is the site saying the page is gone, so
    the source is `broken` on its first run, not confirmed dead; "No crying wolf" (waiting
    for confirm_dead) is for failures that may be ours or may pass. The README says so."""
    site.page("/gone", "<html><title>404</title><body>gone</body></html>", status=404)
    site.page("/slow-server", "<html><body>oops</body></html>", status=503)
    sources = write_sources(tmp_path / "sources.toml", [source_block("gone-article", site.url("/gone"), [QUOTE]),
                                                        source_block("glitch", site.url("/slow-server"), [QUOTE])])
    out = tmp_path / "results"
    assert run_cli("verify", str(sources), "--out", str(out)) == 1
    got = {s["id"]: (s["verdict"], s["link"]["status"], s["link"]["confirmed_dead"], s["change"])
           for s in load(out / "latest.json")["sources"]}
    assert got == {"gone-article": ("broken", "not_found", False, "new"),
                   "glitch": ("unverifiable", "server_error", False, "new")}
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    wolf = readme[readme.index("**No crying wolf.**"):readme.index("**What changed.**")]
    assert "A 404, a 410 or a soft 404" in wolf
    assert "`broken` on its first run" in wolf
    assert '"network down" only when nothing at all answered' in wolf
