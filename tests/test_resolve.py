"""`verifier resolve` against a local publisher (robots.txt, a news sitemap, live pages) and
the local fake archive's CDX index: the right page is picked among decoys, a source that no
page supports is "no clear match", and --write edits the file surgically."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.fake_archive import FakeArchive
from tests.siteserver import Site, serve
from verifier.cli import main
from verifier.fetch import Fetcher
from verifier.judge.matcher import QuoteMatcher
from verifier.publishers import Publisher, PublisherTable
from verifier.records import IPNetwork, Settings, Source
from verifier.resolve import NO_CLEAR_MATCH, Resolution, resolve_source, slug_words

LOOPBACK: tuple[IPNetwork, ...] = (ipaddress.ip_network("127.0.0.0/8"),)
FAST = Settings(timeout_s=5, retries=0, per_host_delay_s=0, allow_networks=LOOPBACK)

RIGHT_PATH = "/news/2025-05-14/tariffs-wont-reindustrialize-america"
RIGHT = """<html><head><title>Tariffs Won't Reindustrialize America. Here's What Will</title></head><body><article>
<h1>Tariffs Won't Reindustrialize America. Here's What Will</h1>
<p>American industry is no longer as prosperous as it once was, while Chinese industry is thriving.</p>
<p>To revitalize manufacturing, the United States needs to learn from China's approach.</p>
<p>The United States should study China's development strategies, including attracting foreign investment
and building a vast network of industrial centers.</p>
</article></body></html>"""
DECOYS = {
    "/news/2025-05-14/tariffs-hit-steel-makers": """<html><body><article><h1>Tariffs hit steel makers</h1>
<p>Steel makers in Ohio said the new tariffs raised the price of imported coil by a third.</p>
<p>Several mills plan to hire more workers next year.</p></article></body></html>""",
    "/news/2025-05-12/china-factories-boom": """<html><body><article><h1>China's factories boom</h1>
<p>Factory output in Guangdong rose for the fifth month as exporters rushed orders out.</p>
</article></body></html>""",
    "/news/2025-05-15/tariff-talk": """<html><body><article><h1>Tariff talk</h1>
<p>Markets shrugged off another round of tariff announcements on Thursday.</p></article></body></html>""",
}
SOURCES = """\
# A hand-written file: its comments and layout must survive --write.

[settings]
timeout_s = 5          # short: everything is local
retries = 0
per_host_delay_s = 0
allow_networks = ["127.0.0.0/8"]
archive = "{base}"

[[sources]]
id = "tariffs"
# The article's back-translated title; the real one differs.
publisher = "Daily Example"
title = "Tariffs will not bring back American industrialization"
published = 2025-05-14
claims = [
  "American industry is no longer as prosperous as before, while Chinese industry is thriving.",
  "To revitalize manufacturing, the United States needs to learn from China's approach.",
]

[[sources]]
id = "penguins"   # nothing on the site says this
publisher = "Daily Example"
published = 2025-05-14
quotes = ["Penguins have learned to operate the harbour cranes at night without any supervision."]

[[sources]]
id = "gazette"
publisher = "Unknown Gazette"
published = 2025-05-14
quotes = ["Something was said somewhere by someone at some time."]
"""


@pytest.fixture
def publisher_site() -> Iterator[Site]:
    """The publisher's site and the archive on one local server."""
    with serve() as site:
        base = site.base_url
        site.page("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}/news-sitemap.xml\n",
                  content_type="text/plain")
        site.page("/news-sitemap.xml", _news_sitemap(base), content_type="application/xml")
        site.page(RIGHT_PATH, RIGHT)
        for path, html in DECOYS.items():
            site.page(path, html)
        archive = FakeArchive(site)
        archive.add(base + RIGHT_PATH, "20250514120000", RIGHT)
        for path, html in DECOYS.items():
            archive.add(base + path, "20250514130000" if "05-14" in path else "20250513090000", html)
        archive.add(base + "/news/2025-03-01/old-story", "20250301090000", RIGHT)  # outside the window
        archive.install()
        yield site


def _news_sitemap(base: str) -> str:
    entries = [
        (RIGHT_PATH, "2025-05-14T08:00:00Z", "Tariffs Won't Reindustrialize America. Here's What Will"),
        ("/news/2025-05-15/tariff-talk", "2025-05-15T08:00:00Z", "Tariff talk"),
        ("/news/2024-01-01/ancient", "2024-01-01T08:00:00Z", "Out of the window"),
    ]
    urls = "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication_date>{when}</news:publication_date>"
        f"<news:title>{title}</news:title></news:news></url>" for path, when, title in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')


def table_for(site: Site, tmp_path: Path) -> Path:
    path = tmp_path / "publishers.toml"
    path.write_text(f"""[[publishers]]
name = "Daily Example"
domain = "127.0.0.1"
site = "{site.base_url}"
url_forms = ["{site.base_url}/news/{{yyyy}}-{{mm}}-{{dd}}/{{slug}}"]
paywall = "hard"
""", encoding="utf-8")
    return path


def resolve(site: Site, source: Source, archive: str | None, tmp_path: Path) -> Resolution:
    table = PublisherTable.load([table_for(site, tmp_path)])

    async def go() -> Resolution:
        async with Fetcher(FAST) as fetcher:
            return await resolve_source(fetcher, QuoteMatcher(semantic=False), source, table, archive)

    return asyncio.run(go())


TARIFFS = Source(id="tariffs", url=None, publisher="Daily Example", published=date(2025, 5, 14),
                 title="Tariffs will not bring back American industrialization",
                 claims=("American industry is no longer as prosperous as before, while Chinese industry is thriving.",
                         "To revitalize manufacturing, the United States needs to learn from China's approach."))


def test_picks_the_right_page_among_decoys(publisher_site: Site, tmp_path: Path) -> None:
    found = resolve(publisher_site, TARIFFS, publisher_site.base_url, tmp_path)
    assert found.winner is not None, found.verdict
    assert found.winner.candidate.url == publisher_site.base_url + RIGHT_PATH
    sitemap = f"sitemap {publisher_site.base_url}/news-sitemap.xml"
    assert set(found.winner.candidate.found_by) == {"archive index", sitemap}
    assert found.winner.candidate.capture is not None, "read from the archived capture"
    urls = {c.url for c in found.candidates}
    assert publisher_site.base_url + "/news/2025-03-01/old-story" not in urls, "outside the date window"
    assert publisher_site.base_url + "/news/2024-01-01/ancient" not in urls
    assert len(found.judged) == 4


def test_sitemaps_alone_when_the_archive_is_off(publisher_site: Site, tmp_path: Path) -> None:
    found = resolve(publisher_site, TARIFFS, None, tmp_path)
    assert found.winner is not None, found.verdict
    assert found.winner.candidate.url == publisher_site.base_url + RIGHT_PATH
    assert found.winner.candidate.capture is None, "read from the live page"


def test_no_clear_match_when_no_page_supports_the_source(publisher_site: Site, tmp_path: Path) -> None:
    source = Source(id="penguins", url=None, publisher="Daily Example", published=date(2025, 5, 14),
                    quotes=("Penguins have learned to operate the harbour cranes at night without supervision.",))
    found = resolve(publisher_site, source, publisher_site.base_url, tmp_path)
    assert found.winner is None
    assert found.verdict.startswith(NO_CLEAR_MATCH)
    assert found.judged, "candidates were read and judged"


def test_no_clear_match_between_two_copies_of_the_page(publisher_site: Site, tmp_path: Path) -> None:
    copy = "/news/2025-05-14/tariffs-wont-reindustrialize-america-syndicated"
    publisher_site.page(copy, RIGHT)
    publisher_site.page("/news-sitemap.xml", _news_sitemap(publisher_site.base_url).replace(
        "</urlset>", f"<url><loc>{publisher_site.base_url}{copy}</loc></url></urlset>"),
        content_type="application/xml")
    found = resolve(publisher_site, TARIFFS, None, tmp_path)
    assert found.winner is None
    assert "the best two score" in found.verdict


def test_slug_words() -> None:
    assert slug_words("https://x.example/news/articles/2025-05-14/to-bring-it-back.html") == \
        "news articles to bring it back"


def test_cli_resolve_write_fills_in_the_winner_only(publisher_site: Site, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sources.toml"
    original = SOURCES.format(base=publisher_site.base_url)
    path.write_text(original, encoding="utf-8")
    table = table_for(publisher_site, tmp_path)
    assert main(["resolve", str(path), "--publishers", str(table), "--write"]) == 0
    out = capsys.readouterr().out
    right = publisher_site.base_url + RIGHT_PATH
    assert f"tariffs (Daily Example, 2025-05-14): clear match: {right}" in out
    assert f"penguins (Daily Example, 2025-05-14): {NO_CLEAR_MATCH}" in out
    assert f"gazette (Unknown Gazette, 2025-05-14): {NO_CLEAR_MATCH}: publisher 'Unknown Gazette' is not in" in out
    assert "evidence: " in out
    written = path.read_text(encoding="utf-8")
    added = [line for line in written.splitlines() if line not in original.splitlines()]
    assert added[-1] == f'url = "{right}"'
    assert added[0].startswith("# Found by `verifier resolve` on ")
    assert all(line.startswith("#") for line in added[:-1])
    assert [line for line in written.splitlines() if line not in added] == original.splitlines()
    assert main(["check", str(path)]) == 0
    assert "(2 unresolved: no URL yet)" in capsys.readouterr().out
    # A second run has nothing new to write for the winner.
    assert main(["resolve", str(path), "--publishers", str(table)]) == 0
    assert "tariffs (" not in capsys.readouterr().out


def test_publisher_table_errors_are_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[publishers]]\nname = "X"\ndomain = "x.example"\nsite = "x.example"\n', encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text('[[sources]]\nid = "a"\npublisher = "X"\n', encoding="utf-8")
    assert main(["resolve", str(sources), "--publishers", str(bad)]) == 2
    assert "site must be an origin" in capsys.readouterr().err
    assert Publisher(name="X", domain="x.example", site="https://x.example").is_on_site("https://www.x.example/a")
