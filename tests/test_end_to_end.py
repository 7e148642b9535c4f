"""The whole job through the CLI against a local fixture site: every link status, the
report files, exit codes, --only/--out/--fail-on, input errors and a network that is down."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.siteserver import RouteRequest, Site
from verifier.cli import main

ARTICLE = """<html><head><title>Building like China</title></head><body>
<nav>Home | World | Business</nav>
<article><h1>Building like China</h1>
<p>The United States should build more like China, prioritizing speed and agglomeration over
process. Grid investment came first and demand followed.</p>
<p>Chinese solar panels are up to 65 percent cheaper than those made in the United States and Europe.</p>
<p>In 2024 alone China added about 280 gigawatts of solar capacity, more than the entire installed
base of the United States.</p>
</article><footer>Copyright</footer></body></html>"""

NOT_FOUND_TEMPLATE = """<html><head><title>Page not found</title></head><body><h1>Sorry, we
couldn't find that page</h1><p>Try the search box or go back to the home page.</p></body></html>"""

FIELDS = 'publisher = "Fixture Press"\npublished = 2025-07-01\n'


def source_block(sid: str, url: str | None, quotes: list[str] = (), claims: list[str] = ()) -> str:  # type: ignore[assignment]
    lines = ["[[sources]]", f'id = "{sid}"']
    if url is not None:
        lines.append(f'url = "{url}"')
    lines.append(FIELDS)
    lines.append("quotes = " + json.dumps(list(quotes)))
    lines.append("claims = " + json.dumps(list(claims)))
    return "\n".join(lines) + "\n"


def write_sources(path: Path, blocks: list[str], archive: str = "none") -> Path:
    head = (
        '[article]\ntitle = "Fixture article"\npublisher = "Fixture News"\n'
        'url = "https://example.org/article"\npublished = 2025-07-03\nlanguage = "en"\n\n'
        "[settings]\ntimeout_s = 3\nretries = 0\nper_host_delay_s = 0\nper_host_concurrency = 4\n"
        f'allow_networks = ["127.0.0.0/8"]\narchive = "{archive}"\n\n'
    )
    path.write_text(head + "\n".join(blocks), encoding="utf-8")
    return path


@pytest.fixture
def fixture_site(site: Site) -> Site:
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.page("/news/2025/07/01/build-like-china", ARTICLE)
    site.page("/news/2025/07/01/private-copy", ARTICLE)
    site.page("/private/article", ARTICLE)
    site.page("/gone", "<html><title>404</title><body>gone</body></html>", status=404)
    site.page("/removed", "<html><title>Gone</title><body>removed</body></html>", status=410)
    site.page("/broken-server", "<html><body>oops</body></html>", status=500)
    site.page("/forbidden", "<html><title>Forbidden</title><body>no</body></html>", status=403)

    @site.route("/old-address")
    def moved(req: RouteRequest) -> None:
        req.respond(301, b"", headers={"Location": "/news/2025/07/01/build-like-china"})

    return site


QUOTE = "The United States should build more like China, prioritizing speed and agglomeration over process."
CLAIM_OK = "Chinese solar panels are up to 65 percent cheaper than those made in the United States and Europe."


def sources_for(site: Site) -> list[str]:
    return [
        source_block("live-ok", site.url("/news/2025/07/01/build-like-china"), [QUOTE], [CLAIM_OK]),
        source_block("redirected", site.url("/old-address"), [QUOTE]),
        source_block("gone-404", site.url("/gone"), [QUOTE]),
        source_block("gone-410", site.url("/removed"), [QUOTE]),
        source_block("server-error", site.url("/broken-server"), [QUOTE]),
        source_block("forbidden", site.url("/forbidden"), [QUOTE]),
        source_block("robots", site.url("/private/article"), [QUOTE]),
        source_block("missing-quote", site.url("/news/2025/07/01/build-like-china"),
                     ["Tariffs on imported steel will double the price of a pickup truck in Ohio by next spring."]),
        source_block("unresolved", None, ["It must show its best self."]),
    ]


EXPECTED = {
    # id: (verdict, link status, http status)
    "live-ok": ("verified", "ok", 200),
    "redirected": ("verified", "ok", 200),
    "gone-404": ("broken", "not_found", 404),
    "gone-410": ("broken", "not_found", 410),
    "server-error": ("unverifiable", "server_error", 500),
    "forbidden": ("unverifiable", "blocked", 403),
    "robots": ("unverifiable", "disallowed", None),
    "missing-quote": ("disputed", "ok", 200),
    "unresolved": ("unresolved", None, None),
}


def run_cli(*args: str) -> int:
    return main(list(args))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_fixture_site_statuses_and_reports(fixture_site: Site, tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.toml", sources_for(fixture_site))
    out = tmp_path / "results"
    code = run_cli("verify", str(sources), "--out", str(out))
    assert code == 1  # broken and disputed sources are new failures
    report = load(out / "latest.json")
    assert_report_shape(report)
    got = {s["id"]: (s["verdict"], s["link"]["status"] if s["link"] else None,
                     s["link"]["http_status"] if s["link"] else None) for s in report["sources"]}
    assert got == EXPECTED
    by_id = {s["id"]: s for s in report["sources"]}
    assert by_id["redirected"]["link"]["redirects"] == [fixture_site.url("/news/2025/07/01/build-like-china")]
    assert by_id["live-ok"]["quotes"][0]["verdict"] == "verbatim"
    assert by_id["live-ok"]["quotes"][0]["evidence"]["from"] == "live"
    assert by_id["missing-quote"]["quotes"][0]["verdict"] == "not_found"
    assert "robots" in by_id["robots"]["link"]["reason"].lower()
    runs = list((out / "runs").glob("*.json"))
    assert len(runs) == 1
    assert load(runs[0]) == report
    for name in ("latest.md", "junit.xml"):
        assert (out / name).stat().st_size > 0
    assert "/private/article" not in fixture_site.paths_hit()  # robots respected: never fetched


def assert_report_shape(report: dict[str, Any]) -> None:
    """The SPEC latest.json shape: keys, types and the closed vocabularies."""
    assert report["schema"] == "verifier.report/1"
    assert set(report["run"]) >= {"id", "started_at", "finished_at", "inputs", "version", "network"}
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    assert rfc3339.match(report["run"]["started_at"])
    assert set(report["summary"]) >= {"sources", "verdicts", "links", "quotes"}
    assert report["summary"]["sources"] == len(report["sources"])
    verdicts = {"verified", "verified_via_archive", "verified_via_alternate", "disputed", "broken",
                "unverifiable", "unresolved"}
    statuses = {"ok", "paywalled", "soft_404", "not_found", "blocked", "server_error", "unreachable", "disallowed"}
    quote_verdicts = {"verbatim", "near_verbatim", "paraphrase", "distorted", "not_found", "unverifiable"}
    changes = {"new", "unchanged", "newly_failing", "recovered", "content_changed"}
    for src in report["sources"]:
        assert set(src) >= {"id", "url", "verdict", "change", "link", "archive", "alternate", "quotes"}
        assert src["verdict"] in verdicts
        assert src["change"] in changes
        if src["link"] is not None:
            link = src["link"]
            assert set(link) >= {"status", "confirmed_dead", "http_status", "final_url", "redirects", "reason",
                                 "checked_at", "content_sha256", "snapshot"}
            assert link["status"] in statuses
            assert isinstance(link["reason"], str)
            assert link["reason"]
            assert rfc3339.match(link["checked_at"])
        for quote in src["quotes"]:
            assert set(quote) >= {"text", "kind", "verdict", "score", "evidence", "notes"}
            assert quote["kind"] in ("quote", "claim")
            assert quote["verdict"] in quote_verdicts
            assert 0.0 <= quote["score"] <= 1.0
            if quote["evidence"] is not None:
                assert quote["evidence"]["from"] in ("live", "alternate", "archive")


def test_only_and_fail_on(fixture_site: Site, tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.toml", sources_for(fixture_site))
    out = tmp_path / "out"
    assert run_cli("verify", str(sources), "--out", str(out), "--only", "live-ok", "gone-404",
                   "--fail-on", "never") == 0
    assert [s["id"] for s in load(only_run(out))["sources"]] == ["live-ok", "gone-404"]
    assert run_cli("verify", str(sources), "--out", str(out), "--only", "live-ok", "--fail-on", "any") == 0
    assert run_cli("verify", str(sources), "--out", str(out), "--only", "gone-404", "--fail-on", "any") == 1


def only_run(out: Path) -> Path:
    """The one run recorded in out/runs/."""
    (run,) = (out / "runs").glob("*.json")
    return run


def test_unknown_only_id_is_a_usage_error(
    fixture_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = write_sources(tmp_path / "sources.toml", sources_for(fixture_site))
    out = tmp_path / "out"
    assert run_cli("verify", str(sources), "--out", str(out), "--only", "nope") == 2
    assert "nope" in capsys.readouterr().err
    assert not out.exists()
    assert fixture_site.hits == []


def test_input_error_exits_2_and_writes_nothing(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_sources(tmp_path / "bad.toml", [source_block("x", site.url("/a"), ["q"]) + 'colour = "red"\n'])
    out = tmp_path / "out"
    assert run_cli("verify", str(bad), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert re.search(r"bad\.toml:\d+:.*colour", err)
    assert not out.exists()
    assert site.hits == []
    assert run_cli("check", str(bad)) == 2


def test_network_down_exits_3_and_records_nothing_failing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = [
        source_block("a", "http://unreachable-one.invalid/article", ["x"]),
        source_block("b", "http://unreachable-two.invalid/article", ["y"]),
    ]
    sources = write_sources(tmp_path / "sources.toml", blocks)
    out = tmp_path / "out"
    assert run_cli("verify", str(sources), "--out", str(out)) == 3
    assert "network looks down" in capsys.readouterr().err
    assert not (out / "latest.json").exists()
    runs = list((out / "runs").glob("*.json"))
    assert len(runs) == 1
    report = load(runs[0])
    assert report["run"]["network"] == "down"
    assert all(s["verdict"] == "unverifiable" for s in report["sources"])
