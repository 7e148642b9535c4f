"""Liveness and fallback through the whole job (CLI -> report) against a local publisher
site and a local fake Wayback archive: soft 404s, paywalls, bot walls, alternates and
archived copies give the source verdicts SPEC defines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_archive import FakeArchive, sources_file
from tests.siteserver import RouteRequest, Site, serve
from verifier.cli import main

BODY = (
    "<p>Washington keeps debating subsidies while Beijing keeps building. The lesson of the last two decades "
    "is that capacity compounds: every factory trains the workers and suppliers the next one needs.</p>"
    "<p>If the United States hopes to achieve results like China's, it must build more like China, "
    "replicating some of Beijing's approaches to organizing and mobilizing economic production and "
    "prioritizing speed and agglomeration.</p>"
    "<p>Last year alone, China added about 280 gigawatts of solar capacity, more than the entire installed "
    "base of the United States.</p>"
)
QUOTE = "Every factory trains the workers and suppliers the next one needs."


def article(title: str, body: str = BODY, head: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><nav>Home | Opinion | World</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>About us</footer></body></html>")


PAYWALL_JSONLD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
    '"isAccessibleForFree": false, "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": false, '
    '"cssSelector": ".paywalled"}}</script>'
)
TEASER = ("<p>Washington keeps debating subsidies while Beijing keeps building.</p>"
          '<div class="paywalled"><p>Subscribe to continue reading.</p></div>')
JS_SHELL = ('<html><head><title>Build like China</title></head><body><div id="root"></div>'
            '<script src="/static/app.js"></script></body></html>')
NOT_FOUND_TEMPLATE = ("<html><head><title>Page not found | Daily Fixture</title></head><body><nav>Home | Opinion"
                      "</nav><h1>Sorry, we can't find that page</h1><p>It may have moved. Try our search.</p>"
                      "</body></html>")
CHALLENGE = ("<html><head><title>Just a moment...</title></head><body><h1>Checking your browser before "
             "accessing the site.</h1><noscript>Enable JavaScript and cookies to continue</noscript>"
             '<div id="cf-challenge-running"></div></body></html>')


@pytest.fixture
def publisher() -> Iterator[Site]:
    with serve() as site:
        site.page("/", article("Daily Fixture: front page", "<p>Today's opinion and news.</p>"))
        site.page("/opinion/2025/07/01/build-like-china", article("Build like China"))
        site.page("/opinion/2025/07/01/paywalled", article("Build like China", TEASER, PAYWALL_JSONLD))
        site.page("/opinion/2025/07/02/paywalled", article("Build like China", TEASER, PAYWALL_JSONLD))
        site.page("/opinion/2025/07/01/challenge", CHALLENGE, status=403, headers={"Server": "cloudflare"})
        site.page("/opinion/2025/07/01/gone", "<html><title>Not Found</title><body>Not Found</body></html>", 404)
        site.page("/opinion/2025/07/01/removed", "<html><title>Gone</title><body>Gone</body></html>", 410)
        site.page("/repost/build-like-china", article("Build like China (author's repost)"))
        site.page("/app/build-like-china", JS_SHELL)

        @site.route_prefix("/")
        def not_found_template(req: RouteRequest) -> None:  # a CMS that answers 200 for everything
            req.respond(200, NOT_FOUND_TEMPLATE)

        @site.route("/opinion/2025/07/01/moved-home")
        def to_home(req: RouteRequest) -> None:
            req.respond(301, b"", headers={"Location": "/"})

        yield site


def run(tmp_path: Path, archive: FakeArchive, blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = tmp_path / "results"
    code = main(["verify", str(sources_file(tmp_path, archive.base_url, blocks)), "--out", str(out),
                 "--fail-on", "never"])
    assert code == 0
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return {s["id"]: s for s in report["sources"]}


CASES = [
    # id, path, archived?, expected link status, expected source verdict, expected quote verdict
    ("soft-404-template", "/opinion/2025/07/01/no-such-article", False, "soft_404", "broken", "unverifiable"),
    ("deep-link-to-home", "/opinion/2025/07/01/moved-home", False, "soft_404", "broken", "unverifiable"),
    ("paywalled", "/opinion/2025/07/01/paywalled", False, "paywalled", "unverifiable", "unverifiable"),
    ("paywalled-archived", "/opinion/2025/07/02/paywalled", True, "paywalled", "verified_via_archive", "verbatim"),
    ("challenge-403", "/opinion/2025/07/01/challenge", False, "blocked", "unverifiable", "unverifiable"),
    ("gone-404-archived", "/opinion/2025/07/01/gone", True, "not_found", "verified_via_archive", "verbatim"),
    ("gone-410", "/opinion/2025/07/01/removed", False, "not_found", "broken", "unverifiable"),
    ("live", "/opinion/2025/07/01/build-like-china", False, "ok", "verified", "verbatim"),
    # a page built by JavaScript has no text to search: a missing quote proves nothing
    ("javascript-shell", "/app/build-like-china", False, "ok", "unverifiable", "unverifiable"),
]


def test_fixture_cases_give_spec_verdicts(publisher: Site, archive: FakeArchive, tmp_path: Path) -> None:
    for _sid, path, archived, *_ in CASES:
        if archived:
            archive.add(publisher.url(path), "20250702120000", article("Build like China"))
    blocks = [{"id": sid, "url": publisher.url(path), "quotes": [QUOTE]} for sid, path, *_ in CASES]
    got = run(tmp_path, archive, blocks)
    for sid, _path, _archived, status, verdict, quote_verdict in CASES:
        src = got[sid]
        got_triple = (src["link"]["status"], src["verdict"], src["quotes"][0]["verdict"])
        assert got_triple == (status, verdict, quote_verdict), sid
        if verdict == "verified_via_archive":
            assert src["archive"]["url"].startswith(archive.base_url)
            assert src["archive"]["timestamp"].startswith("2025-07-02T12:00:00")
            assert src["quotes"][0]["evidence"]["from"] == "archive"
        else:
            assert src["archive"] is None
        assert src["link"]["reason"]
    # alive pages are never reported dead
    for sid, _path, _archived, status, _verdict, _q in CASES:
        if status in ("ok", "paywalled", "blocked"):
            assert got[sid]["verdict"] != "broken", sid
            assert got[sid]["quotes"][0]["verdict"] != "not_found", sid


def test_alternate_supports_a_gone_page(publisher: Site, archive: FakeArchive, tmp_path: Path) -> None:
    got = run(tmp_path, archive, [{
        "id": "with-alternate",
        "url": publisher.url("/opinion/2025/07/01/gone"),
        "alternates": [publisher.url("/opinion/2025/07/01/removed"), publisher.url("/repost/build-like-china")],
        "quotes": [QUOTE],
    }])
    src = got["with-alternate"]
    assert src["verdict"] == "verified_via_alternate"
    assert src["alternate"] == {"url": publisher.url("/repost/build-like-china"), "status": "ok"}
    assert src["quotes"][0]["evidence"]["from"] == "alternate"


def test_archive_failure_leaves_the_live_verdict(publisher: Site, archive: FakeArchive, tmp_path: Path) -> None:
    archive.availability = "error"
    archive.memento = "error"
    got = run(tmp_path, archive, [
        {"id": "gone", "url": publisher.url("/opinion/2025/07/01/removed"), "quotes": [QUOTE]},
        {"id": "paywalled", "url": publisher.url("/opinion/2025/07/01/paywalled"), "quotes": [QUOTE]},
    ])
    assert got["gone"]["verdict"] == "broken"
    assert got["paywalled"]["verdict"] == "unverifiable"
    assert any("archive" in note for note in got["gone"]["quotes"][0]["notes"])


def test_seed_back_translation_verified_through_the_authors_repost(
    publisher: Site, archive: FakeArchive, tmp_path: Path
) -> None:
    seed_quote = (
        "If the United States hopes to achieve results similar to those of China, it must build like China, "
        "replicate some of Beijing's practices in organizing and mobilizing economic production, prioritize "
        "speed and industrial clustering."
    )
    got = run(tmp_path, archive, [{
        "id": "fa",
        "url": publisher.url("/opinion/2025/07/01/paywalled"),
        "alternates": [publisher.url("/repost/build-like-china")],
        "quotes": [seed_quote],
        "claims": ["In 2024 alone, China added about 28 gigawatts of solar capacity."],
    }])
    src = got["fa"]
    assert src["quotes"][0]["verdict"] == "paraphrase"
    assert src["quotes"][1]["verdict"] == "distorted"
    assert any("28" in n and "280" in n for n in src["quotes"][1]["notes"])
    assert {"kind": "figure", "quote": "28 gigawatts", "source": "280 gigawatts"} in src["quotes"][1]["edits"]
    assert src["verdict"] == "disputed"


HOME_STAMP = "20250601000000"


@pytest.mark.parametrize("where", ["memento-redirect", "raw-capture-redirect"])
def test_a_capture_of_another_page_is_never_read_as_the_source(
    publisher: Site, archive: FakeArchive, tmp_path: Path, where: str
) -> None:
    """bughunt-2026-11 #5: the archive redirected /web/<ts>/<cited URL> to a capture of the
    site's home page, which was read as the source: its quotes `not_found`, the source
    `disputed` instead of `broken`. A capture of another URL is no copy of the page."""
    gone, home = publisher.url("/opinion/2025/07/01/removed"), publisher.url("/")
    archive.add(home, HOME_STAMP, article("Daily Fixture: front page", "<p>Today's opinion and news.</p>" * 20))
    if where == "memento-redirect":
        archive.availability = "empty"

        @archive.site.route_prefix("/web/20250701000000/")
        def to_home_capture(req: RouteRequest) -> None:
            req.respond(302, b"", headers={"Location": f"{archive.base_url}/web/{HOME_STAMP}/{home}"})
    else:
        archive.add(gone, "20250701000000", article("Build like China"))
        archive.site.page(
            f"/web/20250701000000id_/{gone}", b"", 302, headers={"Location": f"/web/{HOME_STAMP}id_/{home}"}
        )
    src = run(tmp_path, archive, [{"id": "gone", "url": gone, "quotes": [QUOTE]}])["gone"]
    assert (src["verdict"], src["archive"], src["quotes"][0]["verdict"]) == ("broken", None, "unverifiable")
    assert any(f"a capture of {home}" in note for note in src["quotes"][0]["notes"]), src["quotes"][0]["notes"]
