"""Pages that only refresh elsewhere (meta http-equiv refresh, a Refresh header), through the
whole job against a real local site: the refresh target is fetched once, as a redirect hop,
through the same guarded fetcher, and judged by the usual rules."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_archive import FakeArchive
from tests.siteserver import Site, serve, trap_listener
from verifier.cli import main

HOST = "127.0.0.2"  # the site; 127.0.0.1 stays outside allow_networks, for the guard's trap
ARTICLE_PATH = "/news/2025/07/01/build-like-china"
QUOTE = "Every factory trains the workers and suppliers the next one needs."
ARTICLE = (
    "<html><head><title>Build like China</title></head><body><nav>Home | Opinion</nav><article>"
    "<h1>Build like China</h1><p>Washington keeps debating subsidies while Beijing keeps building. The lesson "
    "of the last two decades is that capacity compounds: every factory trains the workers and suppliers the "
    "next one needs.</p><p>Last year alone, China added about 280 gigawatts of solar capacity, more than the "
    "entire installed base of the United States.</p></article><footer>About us</footer></body></html>"
)


def refresh_page(content: str) -> str:
    """The page of finding #36: a title, one short line and a meta refresh."""
    return (f'<html><head><title>Redirecting</title><meta http-equiv="refresh" content="{content}"></head>'
            "<body><p>Redirecting...</p></body></html>")


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(host=HOST) as site:
        site.page("/", "<html><head><title>Front page</title></head><body><p>Today's news.</p></body></html>")
        site.page(ARTICLE_PATH, ARTICLE)
        site.page("/gone", "<html><title>Not Found</title><body>Not Found</body></html>", 404)
        yield site


def run(tmp_path: Path, blocks: list[dict[str, Any]], archive: str = "none") -> dict[str, dict[str, Any]]:
    lines = [
        "[settings]", "timeout_s = 3", "retries = 0", "per_host_delay_s = 0", "per_host_concurrency = 4",
        f'allow_networks = ["{ipaddress.ip_network(HOST)}"]', f'archive = "{archive}"', "",
    ]
    for block in blocks:
        lines += ["[[sources]]", *(f"{key} = {json.dumps(value)}" for key, value in block.items()),
                  "published = 2025-07-01", ""]
    path = tmp_path / "sources.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "results"
    assert main(["verify", str(path), "--out", str(out), "--fail-on", "never"]) == 0
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return {s["id"]: s for s in report["sources"]}


def test_a_refresh_to_a_missing_page_is_that_missing_page(site: Site, tmp_path: Path) -> None:
    """bughunt-2026-11 #36: a page that only meta-refreshed to a 404 was link `ok`, its
    quote `unverifiable` "almost no readable text"; the target was never looked at. The
    refresh is a hop: the 404 (and a refresh to the home page: a soft 404) is judged as if
    cited, and the reason names the refresh."""
    site.page("/news/2025/07/01/meta-refresh-404", refresh_page("0; url=/gone"))
    site.page("/news/2025/07/01/refresh-home", refresh_page("0;URL='/'"))
    got = run(tmp_path, [
        {"id": "refresh-404", "url": site.url("/news/2025/07/01/meta-refresh-404"), "quotes": [QUOTE]},
        {"id": "direct-404", "url": site.url("/gone"), "quotes": [QUOTE]},
        {"id": "refresh-home", "url": site.url("/news/2025/07/01/refresh-home"), "quotes": [QUOTE]},
    ])  # fmt: skip
    link = got["refresh-404"]["link"]
    assert (link["status"], link["http_status"], link["final_url"]) == ("not_found", 404, site.url("/gone"))
    assert link["reason"] == f"HTTP 404 not found (after a page refresh to {site.url('/gone')})"
    assert link["redirects"] == [site.url("/gone")]
    assert got["refresh-404"]["verdict"] == got["direct-404"]["verdict"]  # broken, as a cited 404 is
    home = got["refresh-home"]["link"]
    assert (home["status"], home["reason"]) == ("soft_404", f"redirected to site root ({site.url('/')})")
    assert got["refresh-home"]["verdict"] == got["direct-404"]["verdict"]


@pytest.mark.parametrize("how", ["meta", "header"])
def test_a_refresh_to_the_article_is_checked_on_the_article(site: Site, tmp_path: Path, how: str) -> None:
    """bughunt-2026-11 #36: the quote is matched against the page the refresh leads to (a meta
    refresh, or a bare `Refresh:` header on an empty 200), and the link says it refreshed."""
    if how == "meta":
        site.page("/s/abc", refresh_page(f"2; url={ARTICLE_PATH}"))
    else:
        site.page("/s/abc", b"", headers={"Refresh": f"0; url={site.url(ARTICLE_PATH)}"})
    src = run(tmp_path, [{"id": "short", "url": site.url("/s/abc"), "quotes": [QUOTE]}])["short"]
    quote = src["quotes"][0]
    assert (src["verdict"], quote["verdict"], quote["evidence"]["from"]) == ("verified", "verbatim", "live")
    assert src["link"]["status"] == "ok"
    assert src["link"]["reason"] == f"HTTP 200 (after a page refresh to {site.url(ARTICLE_PATH)})"
    assert site.paths_hit().count(ARTICLE_PATH) == 1


def test_a_refresh_into_a_refused_range_never_connects(site: Site, tmp_path: Path) -> None:
    """bughunt-2026-11 #36: the refresh target goes through the address guard like any
    redirect: a refresh to a loopback address outside allow_networks (literal or by name) is
    `disallowed`, the reason says a refresh led there, and nothing connects to it."""
    with trap_listener("127.0.0.1") as (port, touched):
        site.page("/by-ip", refresh_page(f"0; url=http://127.0.0.1:{port}/internal"))
        site.page("/by-name", refresh_page(f"0; url=http://localhost:{port}/internal"))
        got = run(tmp_path, [
            {"id": "by-ip", "url": site.url("/by-ip"), "quotes": [QUOTE]},
            {"id": "by-name", "url": site.url("/by-name"), "quotes": [QUOTE]},
        ])  # fmt: skip
        assert not touched.is_set()
    for sid, host in (("by-ip", "127.0.0.1"), ("by-name", "localhost")):
        link = got[sid]["link"]
        assert link["status"] == "disallowed", link
        assert "is a loopback address (not in allow_networks)" in link["reason"]
        assert f"(after a page refresh to http://{host}:{port}/internal)" in link["reason"]
        assert got[sid]["verdict"] == "unverifiable"


def test_refresh_loops_and_self_refreshes_are_followed_at_most_once(site: Site, tmp_path: Path) -> None:
    """bughunt-2026-11 #36: a refresh is followed once, never again from its target, so pages
    that refresh to each other end; a page that refreshes to itself (or only reloads) is
    judged as it is."""
    site.page("/loop-a", refresh_page("0; url=/loop-b"))
    site.page("/loop-b", refresh_page("0; url=/loop-a"))
    site.page("/self", refresh_page("0; url=/self"))
    site.page("/reload", refresh_page("30"))
    got = run(tmp_path, [{"id": p.strip("/"), "url": site.url(p), "quotes": [QUOTE]}
                         for p in ("/loop-a", "/self", "/reload")])  # fmt: skip
    hits = site.paths_hit()
    assert (hits.count("/loop-a"), hits.count("/loop-b"), hits.count("/self"), hits.count("/reload")) == (1, 1, 1, 1)
    assert got["loop-a"]["link"]["reason"] == f"HTTP 200 (after a page refresh to {site.url('/loop-b')})"
    assert (got["self"]["link"]["reason"], got["reload"]["link"]["reason"]) == ("HTTP 200", "HTTP 200")
    for src in got.values():
        assert (src["link"]["status"], src["verdict"]) == ("ok", "unverifiable")


def test_an_archived_refresh_page_is_read_as_it_is(site: Site, tmp_path: Path) -> None:
    """bughunt-2026-11 #36: a raw capture keeps the page's own refresh, which points at the
    live site, not into the archive: following it would read a live page as the archived
    copy. Only live pages and alternates follow a refresh."""
    with serve(host=HOST) as archive_site:
        archive = FakeArchive(archive_site).install()
        cited = site.url("/gone")
        archive.add(cited, "20250701000000", refresh_page(f"0; url={site.url(ARTICLE_PATH)}"))
        src = run(tmp_path, [{"id": "gone", "url": cited, "quotes": [QUOTE]}], archive=archive.base_url)["gone"]
    assert (src["verdict"], src["quotes"][0]["verdict"]) == ("broken", "unverifiable")
    assert ARTICLE_PATH not in site.paths_hit()
