"""Link classification of responses from a real local site through the real Fetcher and
the real extractor: the redirect chains, statuses, headers and page text feed the
classifier as they do in a run, and the host is probed with `probe_url`."""

from __future__ import annotations

import asyncio
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.siteserver import RouteRequest, Site, serve
from tests.test_liveness import fixture
from verifier.extract import extract_page, light_text_root, parse_html_body, read_body, shown_texts, surely_shown_chars
from verifier.fetch import Fetcher
from verifier.liveness import (
    PROBE_MIN_CHARS,
    _comparable,
    _comparable_at_least,
    _visible_text,
    classify_link,
    first_look,
    light_assessment,
    probe_url,
)
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
    # the long read is an article unlike the probe: settled by the first look at its parsed
    # markup, no text read (liveness.first_look); the shorter article and every other status by
    # the full reading
    assert (page is None and light.status is LinkStatus.OK) == (route.path == LONG_READ)
    assert page is None or not page.light


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


# ---------------------------------------------------------------- the first look (--links-only)

DEEP_URL = "https://news.example/world/2025/05/14/river-towns-battery-plants"


def ok_response(at: str, html: str) -> FetchResult:
    return FetchResult(at, at, 200, {"content-type": "text/html; charset=utf-8"}, html.encode("utf-8"))


def lengthened(html: str, padding: str | None = None) -> str:
    """`html` with `padding` (by default the article fixture's paragraphs, twice) put at the end
    of its content root (its <article>, else its <main>, else its <body>): a page as long as an
    article, whatever else it says."""
    if padding is None:
        article = fixture("article.html")
        padding = article[article.index("<p>"):article.index("</article>")] * 2
    for closing in ("</article>", "</main>", "</body>"):
        if closing in html:
            at = html.index(closing)
            return html[:at] + padding + html[at:]
    return html + padding


def first_and_light(html: str, probe_html: str) -> tuple[LinkAssessment | None, LinkAssessment | None]:
    """The first look's status of a 200 at a deep URL on a host that answers a path that cannot
    exist with `probe_html`, and the light reading's (`light_assessment`; None: not settled)."""
    result = ok_response(DEEP_URL, html)
    probe = read_probe(ok_response(probe_url(DEEP_URL, "z8a1c3"), probe_html), light=True)
    parsed = parse_html_body(result.body, result.content_type)
    assert parsed is not None
    assert parsed.tree is not None
    looked = first_look(result, parsed, probe.light, probe.full)
    page, tree = read_body(result.body, result.content_type, DEEP_URL, main_text=False)
    settled = light_assessment(result, page, probe.light, probe.full, tree=tree)
    root = light_text_root(parsed.tree)
    if root is not None:  # the bound the first look rests on
        assert surely_shown_chars(root) <= min(len(page.text.strip()), len(_visible_text(tree)))
    if _comparable_at_least(shown_texts(root) if root is not None else (), DEEP_URL, PROBE_MIN_CHARS):
        assert len(_comparable(page.text, DEEP_URL)) >= PROBE_MIN_CHARS
    return looked, settled


@pytest.mark.parametrize("long", [False, True], ids=["as-is", "lengthened"])
@pytest.mark.parametrize("probe_name", ["probe_answer.html", "soft404_template.html", "front_page.html"])
@pytest.mark.parametrize("name", FIXTURE_PAGES)
def test_a_first_look_gives_the_light_readings_status_or_leaves_the_page_to_it(
    name: str, probe_name: str, long: bool
) -> None:
    """Every page of the liveness corpus, as it is and lengthened to article length (so that
    walls, paywalls and error templates come with plenty of text, where the rules take them
    for the articles they then are): the first look's `ok` is the light reading's, and it
    settles nothing the light reading would not. Short pages, paywalls and the host's own
    answer are left to the light reading; long articles unlike the probe are settled."""
    html = lengthened(fixture(name)) if long else fixture(name)
    looked, settled = first_and_light(html, fixture(probe_name))
    assert looked is None or looked == settled
    if long and name in ("article.html", "essay_link_rot.html", "free_with_subscribe.html") and (
            probe_name == "probe_answer.html"):
        assert looked == LinkAssessment(LinkStatus.OK, "HTTP 200")
    if not long or name.startswith("paywall") or name == probe_name:
        assert looked is None


@pytest.mark.parametrize("hiding", ['<div style="display: none">', "<div hidden>", "<noscript>", "<template>",
                                    '<div style="VISIBILITY:Hidden">', '<nav>', "<!-- -->"])
def test_hidden_text_does_not_make_a_first_look_take_an_error_page_for_an_article(hiding: str) -> None:
    """An error template padded with text the plain rendering does not show is no article to
    the first look: it is left to the light reading (which reads it in full)."""
    closing = "</" + hiding[1:].split(maxsplit=1)[0].rstrip(">") + ">" if not hiding.startswith("<!--") else ""
    article = fixture("article.html")
    text = article[article.index("<p>"):article.index("</article>")] * 2
    padding = f"{hiding}{text}{closing}" if closing else "".join(f"{hiding}{word} " for word in text.split())
    looked, _settled = first_and_light(lengthened(fixture("soft404_template.html"), padding),
                                       fixture("probe_answer.html"))
    assert looked is None


def test_a_first_look_leaves_a_long_page_titled_like_the_probe_to_the_light_reading() -> None:
    """An article-length page whose title is the host's error page's: its text must be
    compared with the probe's, which the first look does not do."""
    probe = fixture("probe_answer.html")
    title = probe[probe.index("<title>"):probe.index("</title>") + len("</title>")]
    article = lengthened(fixture("article.html"))
    page = re.sub(r"<title>.*?</title>", title, article, count=1, flags=re.S)
    assert first_and_light(page, probe)[0] is None
    assert first_and_light(article, probe)[0] == LinkAssessment(LinkStatus.OK, "HTTP 200")
