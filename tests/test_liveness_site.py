"""Link classification of responses from a real local site through the real Fetcher and
the real extractor: the redirect chains, statuses, headers and page text feed the
classifier as they do in a run, and the host is probed with `probe_url`."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.siteserver import RouteRequest, Site, serve
from tests.test_liveness import fixture
from verifier.extract import extract_page
from verifier.fetch import Fetcher
from verifier.liveness import classify_link, probe_url
from verifier.reading import read_page, read_probe
from verifier.records import FetchResult, IPNetwork, LinkAssessment, LinkStatus, Page, Settings

LOOPBACK: tuple[IPNetwork, ...] = (ipaddress.ip_network("127.0.0.0/8"),)
FAST = Settings(timeout_s=2, retries=0, per_host_delay_s=0, allow_networks=LOOPBACK)
ARTICLE = "/world/2025/05/14/river-towns-battery-plants"
LONG_READ = "/world/2025/05/15/river-towns-the-long-read"


def long_read() -> str:
    """The article's paragraphs twice over: long enough that --links-only takes it for an
    article without extracting its main text (liveness.LIGHT_ARTICLE_CHARS)."""
    html = fixture("article.html")
    start, end = html.index("<p>"), html.index("</article>")
    return html[:end] + html[start:end] + html[end:]


def redirect(site: Site, path: str, to: str, status: int = 301) -> None:
    site.page(path, b"", status, headers={"Location": to})


def build(site: Site) -> None:
    """A news site whose CMS answers 200 with its own 'we looked everywhere' page for any
    unknown path (a soft-404 host)."""
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.page("/", fixture("front_page.html"))
    site.page(ARTICLE, fixture("article.html"))
    site.page(LONG_READ, long_read())
    redirect(site, "/world/2025/05/14/old-slug", ARTICLE)
    redirect(site, "/world/2025/05/14/to-slash", "/world/2025/05/14/to-slash/", 308)
    site.page("/world/2025/05/14/to-slash/", fixture("article.html"))
    redirect(site, "/world/2025/05/14/retired-story", "/")
    redirect(site, "/world/2025/05/14/archived-story", "/world/", 302)
    site.page("/world/", fixture("front_page.html"))
    site.page("/business/2025/07/01/cell-price-war", fixture("paywall_jsonld.html"))
    site.page(
        "/business/2025/07/02/checked", fixture("challenge_cloudflare.html"), 403, headers={"cf-mitigated": "challenge"}
    )
    site.page("/business/2025/07/03/withdrawn", "<html><body>Gone.</body></html>", 410)
    site.page("/business/2025/07/04/busy", "slow down", 429, headers={"Retry-After": "1"})
    site.page("/business/2025/07/05/broken", fixture("http_500.html"), 500)
    site.page("/private/notes", fixture("article.html"))
    redirect(site, "/loop-a", "/loop-b", 302)
    redirect(site, "/loop-b", "/loop-a", 302)

    @site.route_prefix("/")
    def unknown(req: RouteRequest) -> None:
        req.respond(200, fixture("probe_answer.html").replace("/PATH", req.path))


@pytest.fixture(scope="module")
def news_site() -> Iterator[Site]:
    with serve() as site:
        build(site)
        yield site


def page_from(result: FetchResult) -> Page | None:
    """As the pipeline reads every response that has a body, whatever its status."""
    if result.status is None or not result.body:
        return None
    return extract_page(result.body, result.content_type, result.final_url)


def assess(site: Site, path: str) -> LinkAssessment:
    async def go() -> LinkAssessment:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(site.url(path))
            probe = await fetcher.fetch(probe_url(result.url, "z8a1c3"))
            return classify_link(result, page_from(result), page_from(probe))

    return asyncio.run(go())


@dataclass(frozen=True)
class Route:
    path: str
    expect: LinkStatus
    reason: str


ROUTES = [
    Route(ARTICLE, LinkStatus.OK, "HTTP 200"),
    Route(LONG_READ, LinkStatus.OK, "HTTP 200"),
    Route("/world/2025/05/14/old-slug", LinkStatus.OK, "after permanent redirect to http://127.0.0.1"),
    Route("/world/2025/05/14/to-slash", LinkStatus.OK, "harmless redirect"),
    Route("/world/2025/05/14/retired-story", LinkStatus.SOFT_404, "redirected to site root"),
    Route("/world/2025/05/14/archived-story", LinkStatus.SOFT_404, "redirected to section front /world/"),
    Route("/world/2025/05/14/deleted-story", LinkStatus.SOFT_404, "site's answer to a nonexistent path"),
    Route("/business/2025/07/01/cell-price-war", LinkStatus.PAYWALLED, "isAccessibleForFree=false"),
    Route("/business/2025/07/02/checked", LinkStatus.BLOCKED, "bot challenge (Cloudflare"),
    Route("/business/2025/07/03/withdrawn", LinkStatus.NOT_FOUND, "HTTP 410 gone"),
    Route("/business/2025/07/04/busy", LinkStatus.BLOCKED, "HTTP 429: rate limited (Retry-After: 1)"),
    Route("/business/2025/07/05/broken", LinkStatus.SERVER_ERROR, "HTTP 500"),
    Route("/private/notes", LinkStatus.DISALLOWED, "robots"),
    Route("/loop-a", LinkStatus.UNREACHABLE, "redirect"),
]


@pytest.mark.parametrize("route", ROUTES, ids=[r.path.rsplit("/", 1)[-1] or "root" for r in ROUTES])
def test_classify_fetched_route(news_site: Site, route: Route) -> None:
    got = assess(news_site, route.path)
    assert (got.status, route.reason in got.reason) == (route.expect, True), got.reason


# ---------------------------------------------------------------- the light reading (--links-only)


def read_both(result: FetchResult, probe: FetchResult) -> tuple[tuple[Page | None, LinkAssessment, str | None], ...]:
    """The pipeline's reading of `result` with the host's `probe`, in full and light first."""
    has_probe = probe.status is not None and bool(probe.body)
    full = read_page(result, read_probe(probe, light=False) if has_probe else None, True)
    light = read_page(result, read_probe(probe, light=True) if has_probe else None, True, light=True)
    return full, light


@pytest.mark.parametrize("route", ROUTES, ids=[r.path.rsplit("/", 1)[-1] or "root" for r in ROUTES])
def test_a_light_reading_gives_the_status_of_a_full_one_on_every_route(news_site: Site, route: Route) -> None:
    async def go() -> tuple[FetchResult, FetchResult]:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(news_site.url(route.path))
            return result, await fetcher.fetch(probe_url(result.final_url, "z8a1c3"))

    (_page, full, target), (page, light, light_target) = read_both(*asyncio.run(go()))
    assert (light, light_target) == (full, target)
    # the long read is an article unlike the probe: settled without main-text extraction; the
    # shorter article and every other status by the full reading
    assert (page is not None and page.light) == (route.path == LONG_READ)


FIXTURE_PAGES = sorted(p.name for p in (Path(__file__).parent / "fixtures" / "liveness").glob("*.html"))


@pytest.mark.parametrize("probe_name", ["probe_answer.html", "soft404_template.html", "front_page.html"])
@pytest.mark.parametrize("name", FIXTURE_PAGES)
def test_a_light_reading_gives_the_status_of_a_full_one_on_every_fixture_page(name: str, probe_name: str) -> None:
    """Every page of the liveness corpus as a 200 at a deep URL, on hosts whose answer to a
    path that cannot exist is an error template or the front page (a soft-404 host): the light
    reading settles the status the full one gives, or leaves it to the full one. The page that
    is the host's answer itself is a soft 404 either way."""
    url = "https://news.example/world/2025/05/14/river-towns-battery-plants"

    def response(at: str, html: str) -> FetchResult:
        return FetchResult(at, at, 200, {"content-type": "text/html; charset=utf-8"}, html.encode("utf-8"))

    probe = response(probe_url(url, "z8a1c3"), fixture(probe_name))
    (_page, full, _), (_light_page, light, _) = read_both(response(url, fixture(name)), probe)
    assert light == full
    if name == probe_name:
        assert full.status is LinkStatus.SOFT_404
