"""Link classification: fetch results and pages built from fixture HTML -> link status.
Pure tests: no server; the fixture pages under fixtures/liveness/ are our own text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from verifier.liveness import classify_link, is_harmless_redirect, is_redirect_to_front, probe_url, refresh_target
from verifier.records import FetchError, FetchResult, LinkStatus, Page

FIXTURES = Path(__file__).parent / "fixtures" / "liveness"
URL = "https://news.example/world/2025/05/14/river-towns-battery-plants"
PROBE_URL = probe_url(URL, "q7x9k2")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def page_of(html: str, url: str = URL) -> Page:
    """A page as the extractor would give it: main text of <article>/<main>/<body>."""
    html = html.replace("/PATH", url.split("/", 3)[-1] if "/" in url else url)
    soup = BeautifulSoup(html, "lxml")
    main = soup.find("article") or soup.find("main") or soup.body or soup
    title = soup.title.get_text(strip=True) if soup.title else None
    return Page(text=main.get_text(" ", strip=True), title=title, html=html)


@dataclass(frozen=True)
class Case:
    id: str
    expect: LinkStatus
    reason: str  # must occur in the assessment's reason
    html: str | None = None  # fixture file
    status: int | None = 200
    url: str = URL
    final: str | None = None  # redirected here (one hop)
    code: int = 301
    headers: dict[str, str] = field(default_factory=dict)
    error: FetchError | None = None
    fetch_reason: str = ""
    attempts: int = 1
    probe: str | None = None  # fixture file for the host's answer to a random path


def result_of(case: Case) -> FetchResult:
    html = fixture(case.html) if case.html else ""
    final = case.final or case.url
    return FetchResult(
        url=case.url,
        final_url=final,
        status=case.status,
        headers={"content-type": "text/html; charset=utf-8", **case.headers},
        body=html.encode(),
        redirects=(final,) if case.final else (),
        redirect_codes=(case.code,) if case.final else (),
        error=case.error,
        reason=case.fetch_reason,
        attempts=case.attempts,
    )


def classify(case: Case) -> tuple[LinkStatus, str]:
    result = result_of(case)
    # The pipeline extracts 2xx pages; error pages reach the classifier as raw bytes only.
    ok = case.status is not None and 200 <= case.status < 300 and case.html
    page = page_of(fixture(case.html), result.final_url) if ok and case.html else None
    probe = page_of(fixture(case.probe), PROBE_URL) if case.probe else None
    got = classify_link(result, page, probe)
    return got.status, got.reason


S = LinkStatus
FE = FetchError
CASES = [
    # ---- alive and readable
    Case("article-ok", S.OK, "HTTP 200", "article.html"),
    Case("article-merely-mentioning-not-found-stays-ok", S.OK, "HTTP 200", "article.html", probe="probe_answer.html"),
    Case("essay-titled-page-not-found-stays-ok", S.OK, "HTTP 200", "essay_link_rot.html", probe="probe_answer.html"),
    Case("headline-with-not-found-words-stays-ok", S.OK, "HTTP 200", "article_weak_title.html"),
    Case(
        "http-to-https-and-trailing-slash-ok",
        S.OK,
        "harmless redirect",
        "article.html",
        url=URL.replace("https:", "http:"),
        final="https://www.news.example" + URL[len("https://news.example") :] + "/",
    ),
    Case("amp-to-canonical-ok", S.OK, "permanent redirect", "article.html", url=URL + "/amp", final=URL),
    Case(
        "moved-to-another-site-ok",
        S.OK,
        "moved to another site: news.example -> ledger.example",
        "article.html",
        final=URL.replace("news.example", "ledger.example"),
    ),
    Case(
        "home-page-citation-like-probe-answer-ok",
        S.OK,
        "HTTP 200",
        "front_page.html",
        url="https://news.example/",
        probe="front_page.html",
    ),
    Case("free-json-ld-with-subscribe-promo-ok", S.OK, "HTTP 200", "free_with_subscribe.html"),
    # ---- soft 404
    Case("not-found-template-200", S.SOFT_404, 'title "Page not found', "soft404_template.html"),
    Case("chinese-not-found-page", S.SOFT_404, "页面不存在", "soft404_chinese.html"),
    Case("chinese-not-found-heading-only", S.SOFT_404, 'heading "你访问的页面不存在', "soft404_heading_only.html"),
    Case(
        "deep-link-redirected-to-home",
        S.SOFT_404,
        "redirected to site root",
        "front_page.html",
        final="https://news.example/",
    ),
    Case(
        "deep-link-redirected-to-section",
        S.SOFT_404,
        "section front /world/",
        "front_page.html",
        final="https://news.example/world/",
        code=302,
    ),
    Case(
        "redirected-to-error-path",
        S.SOFT_404,
        "redirected to an error page (/404.html)",
        "soft404_template.html",
        final="https://news.example/404.html",
    ),
    Case(
        "matches-probe-answer",
        S.SOFT_404,
        "answer to a nonexistent path (similarity",
        "probe_answer.html",
        probe="probe_answer.html",
    ),
    # ---- paywalls
    Case("json-ld-not-free", S.PAYWALLED, "isAccessibleForFree=false on NewsArticle", "paywall_jsonld.html"),
    Case(
        "json-ld-haspart-not-free",
        S.PAYWALLED,
        "hasPart .members-body",
        "paywall_haspart.html",
        probe="probe_answer.html",
    ),
    Case("regwall-markup", S.PAYWALLED, 'paywall markup: id "regwall"', "paywall_markup.html"),
    Case("content-tier-locked-meta", S.PAYWALLED, 'meta article:content_tier="locked"', "paywall_meta.html"),
    Case("login-form-only", S.PAYWALLED, "only a login form", "login_only.html"),
    Case(
        "redirected-to-login",
        S.PAYWALLED,
        "redirected to a login page",
        "login_only.html",
        final="https://news.example/account/login?next=/world",
        code=302,
    ),
    Case(
        "redirected-home-with-a-from-parameter",
        S.SOFT_404,
        "redirected to site root",
        "front_page.html",
        final="https://news.example/?from=/world/2025/05/14/river-towns-battery-plants",
    ),
    Case(
        "redirected-to-sign-in-that-returns-here",
        S.PAYWALLED,
        "redirected to a login page",
        "login_only.html",
        final="https://accounts.example/?continue=" + URL.replace("/", "%2F").replace(":", "%3A"),
        code=302,
    ),
    # ---- bot walls and refusals
    Case(
        "cloudflare-challenge-403",
        S.BLOCKED,
        "bot challenge (Cloudflare challenge header)",
        "challenge_cloudflare.html",
        status=403,
        headers={"cf-mitigated": "challenge"},
    ),
    Case("cloudflare-challenge-503", S.BLOCKED, "Cloudflare", "challenge_cloudflare.html", status=503),
    Case("cloudflare-challenge-429", S.BLOCKED, "Cloudflare", "challenge_cloudflare.html", status=429),
    Case(
        "cloudflare-challenge-200",
        S.BLOCKED,
        "Cloudflare",
        "challenge_cloudflare.html",
        probe="challenge_cloudflare.html",
    ),
    Case("robot-check-200", S.BLOCKED, '"Are you a robot?" page', "robot_check.html"),
    Case("captcha-page-200", S.BLOCKED, "verify you are human", "captcha_200.html"),
    Case("datadome-403", S.BLOCKED, "DataDome", "datadome_403.html", status=403),
    Case("forbidden-403", S.BLOCKED, "HTTP 403", "http_500.html", status=403),
    Case("unauthorized-401", S.BLOCKED, "requires authentication", status=401),
    Case(
        "rate-limited-429",
        S.BLOCKED,
        "rate limited after 3 attempts (Retry-After: 120)",
        status=429,
        attempts=3,
        headers={"retry-after": "120"},
    ),
    Case("legal-451", S.BLOCKED, "HTTP 451", status=451),
    # ---- dead
    Case("http-404", S.NOT_FOUND, "HTTP 404 not found", "soft404_template.html", status=404),
    Case("http-410", S.NOT_FOUND, "HTTP 410 gone", status=410),
    Case("http-404-with-newsletter-captcha", S.NOT_FOUND, "HTTP 404", "http_404_newsletter.html", status=404),
    Case(
        "http-404-after-redirect",
        S.NOT_FOUND,
        "after permanent redirect to https://news.example/old",
        status=404,
        final="https://news.example/old",
    ),
    Case(
        "nxdomain",
        S.NOT_FOUND,
        "Name or service not known",
        status=None,
        error=FE.DNS,
        fetch_reason="DNS: [Errno -2] Name or service not known",
    ),
    # ---- server trouble and transport failures
    Case(
        "dns-temporary-failure",
        S.UNREACHABLE,
        "Temporary failure in name resolution",
        status=None,
        error=FE.DNS,
        fetch_reason="DNS: [Errno -3] Temporary failure in name resolution",
    ),
    Case(
        "http-500", S.SERVER_ERROR, "server error: HTTP 500 after 3 attempts", "http_500.html", status=500, attempts=3
    ),
    Case("http-502", S.SERVER_ERROR, "HTTP 502", status=502),
    Case("http-408", S.UNREACHABLE, "HTTP 408", status=408),
    Case(
        "timeout", S.UNREACHABLE, "timeout after 20 s", status=None, error=FE.TIMEOUT, fetch_reason="timeout after 20 s"
    ),
    Case("refused", S.UNREACHABLE, "connection refused", status=None, error=FE.REFUSED),
    Case("reset", S.UNREACHABLE, "connection reset", status=None, error=FE.RESET),
    Case(
        "tls",
        S.UNREACHABLE,
        "certificate verify failed",
        status=None,
        error=FE.TLS,
        fetch_reason="TLS: certificate verify failed",
    ),
    Case("protocol", S.UNREACHABLE, "protocol", status=None, error=FE.PROTOCOL),
    Case("too-large", S.UNREACHABLE, "size cap", status=None, error=FE.TOO_LARGE),
    Case("redirect-loop", S.UNREACHABLE, "too many redirects", status=None, error=FE.TOO_MANY_REDIRECTS),
    Case("bad-redirect", S.UNREACHABLE, "unusable redirect", status=None, error=FE.BAD_REDIRECT),
    Case("no-response", S.UNREACHABLE, "no response", status=None),
    # ---- not ours to fetch
    Case("robots", S.DISALLOWED, "robots.txt", status=None, error=FE.ROBOTS),
    Case(
        "address-guard",
        S.DISALLOWED,
        "127.0.0.1 is loopback",
        status=None,
        error=FE.ADDRESS_REFUSED,
        fetch_reason="refused: 127.0.0.1 is loopback",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_classify_link(case: Case) -> None:
    status, reason = classify(case)
    assert (status, case.reason in reason) == (case.expect, True), reason


def test_every_status_is_covered() -> None:
    assert {c.expect for c in CASES} == set(LinkStatus)


def test_pdf_page_without_html_is_ok() -> None:
    result = FetchResult(URL, URL, 200, {"content-type": "application/pdf"}, b"%PDF-1.7 ...")
    page = Page(text="Annual report on regional battery manufacturing.", title="Report", kind="pdf")
    assert classify_link(result, page).status == LinkStatus.OK


ALIVE = [c for c in CASES if c.expect.is_alive and c.html]
PROBES = [
    None,
    "soft404_template.html",
    "probe_answer.html",
    "soft404_chinese.html",
    "front_page.html",
    "challenge_cloudflare.html",
]
HARMLESS: list[Callable[[str], str]] = [
    lambda u: u.replace("https:", "http:"),
    lambda u: u + "/",
    lambda u: u.replace("://", "://www."),
]


@given(st.sampled_from(ALIVE), st.sampled_from(PROBES), st.sampled_from([None, *HARMLESS]))
def test_alive_pages_are_never_dead(case: Case, probe: str | None, cited_as: Callable[[str], str] | None) -> None:
    """Whatever the host answers to a random path, and whichever harmless form of the URL
    was cited (redirected to the canonical one), a live page is never reported gone."""
    if cited_as is not None and case.final is None:
        case = replace(case, url=cited_as(case.url), final=case.url)
    status, reason = classify(replace(case, probe=probe))
    assert not status.is_dead, reason
    assert status == case.expect, reason


@pytest.mark.parametrize(
    ("a", "b", "harmless"),
    [
        ("http://news.example/a/b", "https://news.example/a/b", True),
        ("https://news.example/a/b", "https://news.example/a/b/", True),
        ("https://news.example/a", "https://www.news.example/a", True),
        ("https://News.Example:443/a", "https://news.example/a", True),
        ("https://news.example/a?x=1&y=2", "https://news.example/a?y=2&x=1", True),
        ("https://news.example/a?utm_source=feed", "https://news.example/a", True),
        ("https://news.example/a#part-2", "https://news.example/a", True),
        ("https://news.example/a", "https://news.example/b", False),
        ("https://news.example/a?id=1", "https://news.example/a?id=2", False),
        ("https://news.example/a", "https://ledger.example/a", False),
    ],
    ids=[
        "scheme",
        "trailing-slash",
        "www",
        "host-case-default-port",
        "query-order",
        "tracking-param",
        "fragment",
        "other-path",
        "other-query",
        "other-host",
    ],
)
def test_is_harmless_redirect(a: str, b: str, harmless: bool) -> None:
    assert is_harmless_redirect(a, b) is harmless


@pytest.mark.parametrize(
    ("original", "final", "front"),
    [
        ("https://n.example/news/2025/05/14/long-slug", "https://n.example/", True),
        ("https://n.example/news/2025/05/14/long-slug", "https://n.example/news/", True),
        ("https://n.example/news/long-slug", "https://n.example/news", True),
        ("https://old.example/story/long-slug", "https://new.example/", True),
        ("https://n.example/?p=1234", "https://n.example/", True),
        ("https://n.example/en/story/long-slug", "https://n.example/en/", True),
        ("https://n.example/news/long-slug/amp", "https://n.example/news/long-slug", False),
        ("https://n.example/news/long-slug", "https://n.example/news/long-slug-updated", False),
        ("https://n.example/", "https://n.example/en/", False),
        ("https://old.example/news/long-slug", "https://new.example/news/", False),
    ],
    ids=[
        "root",
        "section",
        "section-no-slash",
        "other-site-root",
        "query-id-to-root",
        "language-front",
        "amp-to-canonical",
        "renamed-slug",
        "root-to-language",
        "other-site-section",
    ],
)
def test_is_redirect_to_front(original: str, final: str, front: bool) -> None:
    assert is_redirect_to_front(original, final) is front


def test_probe_url_is_a_random_path_on_the_same_host() -> None:
    assert probe_url("https://news.example:8443/a/b?c=d", "t0k3n") == (
        "https://news.example:8443/t0k3n-verifier-probe-t0k3n"
    )


ECHO_TEMPLATE = """<html><head><title>News Example</title></head><body><main>
<p>Sorry, nothing called {echo} here. Try the search box.</p>
</main></body></html>"""


@pytest.mark.parametrize(
    ("echo", "similar"),
    [("river-towns-battery-plants", True), ("river towns battery plants", False)],
    ids=["echoes-the-bare-slug", "another-page-with-other-words"],
)
def test_template_echoing_the_bare_slug_matches_the_probe_answer(echo: str, similar: bool) -> None:
    """bughunt-2026-11 test audit: the host's error template echoes the requested slug alone
    (not the path, not the URL). The slug is ignored in the comparison, so the page matches
    the probe answer (whose echoed token is ignored too) and is a soft 404; the same
    template with other words where the slug was is not that answer."""
    page = page_of(ECHO_TEMPLATE.format(echo=echo))
    probe = page_of(ECHO_TEMPLATE.format(echo=PROBE_URL.rsplit("/", 1)[1]), PROBE_URL)
    result = FetchResult(url=URL, final_url=URL, status=200, headers={"content-type": "text/html"},
                         body=ECHO_TEMPLATE.format(echo=echo).encode())
    got = classify_link(result, page, probe)
    assert (got.status is LinkStatus.SOFT_404) is similar, got.reason
    if similar:
        assert "nonexistent path" in got.reason


def test_absurdly_nested_json_ld_is_ignored_not_a_crash() -> None:
    """bughunt-2026-11 #1 (the audit of liveness): JSON-LD nested 100,000 deep made
    json.loads raise RecursionError, which ended the source's check."""
    html = (
        '<html><head><script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script></head>"
        "<body><article><p>" + "An ordinary article. " * 120 + "</p></article></body></html>"
    )
    result = FetchResult(url=URL, final_url=URL, status=200, headers={"content-type": "text/html"}, body=html.encode())
    assert classify_link(result, page_of(html)).status is LinkStatus.OK


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (200, "HTTP 200 (the body is empty)"),
        (204, "HTTP 204 (the body is empty)"),
        (304, "HTTP 304 Not Modified with no stored copy to read"),
    ],
    ids=["empty-200", "204", "304-without-a-stored-copy"],
)
def test_empty_answers_say_so_and_never_count_as_failing(status: int, reason: str) -> None:
    """bughunt-2026-11 #24: an empty 200 or a 204 was "ok: HTTP 200" beside the quote note
    "page not readable: HTTP 200" (the emptiness never said); a 304 to a first request was
    `unreachable` "without a usable redirect" (304 is no redirect) and counted toward dead."""
    result = FetchResult(url=URL, final_url=URL, status=status, headers={"content-type": "text/html"})
    link = classify_link(result, None)
    assert (link.status, link.reason) == (LinkStatus.OK, reason)


@pytest.mark.parametrize(
    ("original", "final", "landing"),
    [
        ("http://127.0.0.1:8767/redir-localhost", "http://localhost:8767/soft404-home", True),
        ("https://old.example/news/2025/solar-boom", "https://owner.example/welcome", True),
        ("https://old.example/news/2025/solar-boom", "https://new.example/news/2025/solar-boom", False),
        ("https://old.example/news/solar-boom", "https://new.example/archive/2025/05/solar-boom-article", False),
        ("https://bit.ly/3xYzAb", "https://news.example/world/story", False),
        ("https://doi.org/10.1000/jama.2020.1234", "https://jama.example/article/abs", False),
        ("https://news.example/solar-boom", "https://www.news.example/landing", False),
    ],
    ids=["bughunt-repro", "owner-landing", "domain-move", "domain-move-new-path", "shortener", "doi", "same-site"],
)
def test_cross_site_redirect_to_a_landing_page_is_a_soft_404(original: str, final: str, landing: bool) -> None:
    """bughunt-2026-11 #16: a cross-site redirect to a page that exists (the owner's landing
    page) was `ok`, so the quote was `not_found` and the source `disputed`. It is judged
    like a redirect to a home page; moves that keep the slug, short codes and DOIs are not."""
    body = ("<html><head><title>Welcome</title></head><body><article><p>"
            + "Welcome to our front page. Latest news below. " * 40 + "</p></article></body></html>")  # fmt: skip
    result = FetchResult(
        url=original, final_url=final, status=200, headers={"content-type": "text/html"}, body=body.encode(),
        redirects=(final,), redirect_codes=(302,),
    )  # fmt: skip
    link = classify_link(result, page_of(body, final))
    assert (link.status is LinkStatus.SOFT_404) is landing, link
    if landing:
        assert "another site's page that is not the cited one" in link.reason


def refreshing(head: str = "", body: str = "<p>Redirecting...</p>", status: int = 200,
               headers: dict[str, str] | None = None) -> tuple[FetchResult, Page]:
    html = f"<html><head><title>Redirecting</title>{head}</head><body>{body}</body></html>"
    result = FetchResult(url=URL, final_url=URL, status=status,
                         headers={"content-type": "text/html", **(headers or {})}, body=html.encode())
    return result, page_of(html)


META = '<meta http-equiv="Refresh" content="{}">'
ARTICLE_TEXT = "<article><p>" + "The council approved the plan after a long debate. " * 30 + "</p></article>"


@pytest.mark.parametrize(
    ("made", "target"),
    [
        (refreshing(META.format("0; url=/gone")), "https://news.example/gone"),
        (refreshing(META.format("5;URL='https://other.example/a b'")), "https://other.example/a b"),
        (refreshing(META.format("0, story.html")), "https://news.example/world/2025/05/14/story.html"),
        (refreshing(headers={"refresh": "0; url=https://news.example/new"}), "https://news.example/new"),
        (refreshing(META.format("30")), None),
        (refreshing(META.format(f"0; url={URL}/")), None),
        (refreshing(META.format("0; url=javascript:alert(1)")), None),
        (refreshing(body="<noscript>" + META.format("0; url=/nojs") + "</noscript><div id=root></div>"), None),
        (refreshing(META.format("0; url=/mobile"), body=ARTICLE_TEXT), None),
        (refreshing(META.format("0; url=/"), status=404), None),
        (refreshing(META.format("0; url=/gone"), body="<h1>Page not found</h1>"), None),
        (refreshing(headers={"cf-mitigated": "challenge", "refresh": "0; url=/x"}), None),
    ],
    ids=["meta", "quoted-absolute", "comma-relative", "header", "reload-only", "to-itself", "javascript",
         "noscript", "article-length", "on-a-404", "error-page", "bot-wall"],
)
def test_refresh_target(made: tuple[FetchResult, Page], target: str | None) -> None:
    """bughunt-2026-11 #36: where a short page that would be `ok` sends the reader by a
    refresh; a reload, a refresh to itself or out of http(s), one inside <noscript>, an
    article, an error answer, an error page and a wall are judged as they are."""
    assert refresh_target(*made) == target


def test_a_followed_refresh_is_named_in_the_reason() -> None:
    """bughunt-2026-11 #36: the refresh shows in the link's reason, beside HTTP redirects
    (whose permanence the refresh hop does not dilute)."""
    final = "https://news.example/world/story"
    result = FetchResult(url=URL, final_url=final, status=200, headers={"content-type": "text/html"},
                         body=fixture("article.html").encode(), redirects=("https://news.example/r", final),
                         redirect_codes=(301, 200), refresh_hop=1)  # fmt: skip
    assert classify_link(result, page_of(fixture("article.html"), final)).reason == (
        f"HTTP 200 (after permanent redirect and a page refresh to {final})")
