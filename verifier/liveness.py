"""Link liveness: a fetch result and the page read from it -> SPEC's link status with a
human reason. Pure: no I/O, no clock.

A 200 is not proof that the cited page is there, and a 403 is not proof that it is gone.
The rules, in order:

- transport failures map once from FetchError: NXDOMAIN `not_found`, robots and the address
  guard `disallowed`, everything else (timeouts, resets, TLS, redirect loops, a resolver
  that is failing) `unreachable`;
- a response that is a bot challenge (vendor markup, challenge headers, captcha-only pages)
  is `blocked`, whatever its status (on a 404/410 only a vendor's own marker counts), so a
  wall is never taken for a missing page;
- HTTP statuses: 404/410 `not_found`, 401/403/429 and other refusals `blocked`, 5xx
  `server_error`;
- a 2xx page is `soft_404` when it was redirected from a deep URL to the site root, a section
  front or an error path, when it says "not found" in its title or main heading, or when it
  matches the host's answer to a random path (`probe_url`); it is `paywalled` on schema.org
  `isAccessibleForFree: false`, paywall markup, a login redirect or a login-form-only page;
- a short 2xx page that would be `ok` but only refreshes elsewhere (meta http-equiv refresh
  or a Refresh header) is no answer yet: `refresh_target` names where it sends the reader,
  the caller fetches that once as one more redirect hop (`FetchResult.refresh_hop`), and
  these rules judge where it landed.

The marker tables below are data: extend them, keep each entry specific enough that an
ordinary article does not trip it (the tests hold a false-positive guard for each family).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from rapidfuzz import fuzz

from verifier.extract import (
    HTML_KEEP_CHARS,
    ParsedHtml,
    light_text_root,
    parse_markup,
    shown_texts,
    surely_shown_chars,
    title_of,
)
from verifier.records import FetchError, FetchResult, LinkAssessment, LinkStatus, Page

# Main text shorter than this is "a short page": an error template, a wall, a login form.
SHORT_PAGE_CHARS = 1000
# Main text at least this long is an article, whatever its title says.
ARTICLE_CHARS = 2000
# Page vs probe similarity (0..1) at or above which the page is the host's error answer.
PROBE_SIMILARITY = 0.9
# Titles must agree at least this much too (when both pages have one).
PROBE_TITLE_SIMILARITY = 0.8
# A light reading (no main-text extraction) this unlike the probe's light reading is taken for
# unlike it in full too, and one this long for an article (see `light_assessment`).
LIGHT_PROBE_DISTINCT = 0.5
LIGHT_ARTICLE_CHARS = 2 * ARTICLE_CHARS
# Texts shorter than this carry too little to compare (an empty JavaScript shell).
PROBE_MIN_CHARS = 20
# Only the head of long texts is compared: error templates are short, articles differ early.
PROBE_COMPARE_CHARS = 5000
PROBE_READ_CHARS = PROBE_COMPARE_CHARS * 4  # what is read of a text to make it comparable
# Probes' texts and titles made comparable, kept (two pages and two titles a host: 256 hosts,
# each text at most PROBE_READ_CHARS: a few MB for real probes, which are short).
PROBE_CACHE_SIZE = 1024
# An error template may echo the requested path, or its segments: the longest few are removed.
PROBE_ECHO_PIECES = 20

PROBE_MARKER = "verifier-probe"

# ---------------------------------------------------------------- marker tables

# Titles and headings of error pages. Strong phrases speak of the page itself and are
# looked for anywhere in a title or h1 unless the main text is article-length. Weak ones
# ("Not Found", "Oops", "找不到", a bare 404) also occur in real headlines ("Jobs not found:
# ...", "Section 404 ..."), so they must make up a whole title segment or heading start, and
# fire only on a short page.
SOFT_404_STRONG = (
    re.compile(r"\bpage\s+(?:was\s+)?not\s+found\b", re.I),
    re.compile(r"\b404\s*[-:–—|]?\s*(?:error|not\s+found|page)\b", re.I),
    re.compile(r"\berror\s*[-:–—]?\s*404\b", re.I),
    re.compile(r"\b(?:page|article|story|content)\s+(?:does\s+not|doesn['’]t)\s+exist\b", re.I),
    re.compile(r"\b(?:page|article|story|content)\s+(?:is\s+)?no\s+longer\s+(?:available|exists)\b", re.I),
    re.compile(r"\b(?:page|article|story)\s+(?:cannot|can['’]t|could\s*n[o']t)\s+be\s+found\b", re.I),
    re.compile(r"(?:页面|网页|文章|内容|頁面|網頁)(?:不存在|未找到|找不到|已删除|已被删除|已下线|已下架)"),
    re.compile(r"(?:找不到|无法找到)(?:该|此|这个|您要的)?(?:页面|网页|内容|文章)"),
    re.compile(r"[您你](?:所)?(?:访问|訪問|请求|要找)的(?:页面|网页|内容|頁面)(?:不存在|找不到|已|暂时|无法)"),
)
SOFT_404_WEAK = (
    re.compile(r"^(?:error\s*)?404(?:\s*error)?$", re.I),
    re.compile(r"^(?:404\s*)?not\s+found$", re.I),
    re.compile(r"^(?:oops|whoops)\b", re.I),
    re.compile(r"^(?:sorry\W*)?(?:this|that|the)\s+(?:\w+\s+){0,2}(?:does\s+not|doesn['’]t)\s+exist", re.I),
    re.compile(r"^(?:sorry\W*)?(?:this|that|the)\s+(?:\w+\s+){0,2}(?:is\s+)?no\s+longer\s+(?:available|exists)", re.I),
    re.compile(
        r"^(?:sorry\W*)?(?:we\s+)?(?:couldn['’]t|could\s+not|can['’]t|cannot)\s+find\s+(?:that|this|the)\b", re.I
    ),
    re.compile(r"^(?:404\s*)?(?:抱歉\W*)?(?:找不到|无法找到|不存在|出错了)"),
)
# Separators between the segments of a title: "Page not found | Site", "404 - 页面不存在".
TITLE_SEPARATOR = re.compile(r"\s[|–—\-·:]\s|[|｜·]|:\s")

# Final paths that are themselves error pages.
ERROR_PATH = re.compile(r"(?:^|/)(?:404|error|errors|not[-_]?found|page[-_]?not[-_]?found|missing)(?:\.\w+)?/?$", re.I)
# Final paths that are a login or subscription gate.
LOGIN_PATH = re.compile(
    r"(?:^|/)(?:login|log-in|signin|sign-in|sign_in|logon|auth|register|subscribe|subscription|paywall)"
    r"(?:\.\w+)?(?:/|$)",
    re.I,
)
# Query parameters that send a visitor back after signing in: ?continue=<the cited URL>.
RETURN_PARAM = re.compile(
    r"^(?:continue|next|return|returnto|return_to|returnurl|return_url|redirect|redirect_uri|redirect_url|"
    r"redirectto|dest|destination|target|service|back|backurl)$",
    re.I,
)
# A slug made of words: "solar-boom", "build_like_china" (not a short code or a DOI suffix).
WORD_SLUG = re.compile(r"[a-z]{2,}[-_][a-z]{2,}", re.I)
# A one-segment path that is only a language front: /en/, /zh-cn/.
LANGUAGE_FRONT = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2,4})?$", re.I)
INDEX_PAGES = frozenset({"index.html", "index.htm", "index.php", "default.aspx", "home"})
# The value of a refresh: "0; url=/new", "5;URL='/new'", "0, /new" (HTML's shared declarative
# refresh syntax); a bare delay ("30") reloads the page itself. (.*) always matches: linear.
REFRESH_VALUE = re.compile(r"\s*(?:\d+(?:\.[\d.]*)?|\.[\d.]*)\s*[;,]?\s*(?:url\s*=\s*)?(.*)", re.I | re.S)


@dataclass(frozen=True)
class WallMarker:
    """One sign of a bot wall, named by `label` in the reason. `where`: header (the value of
    `header`), title, html (raw markup) or text (visible text). Strong markers are
    vendor-specific and fire on any page that is not an article; weak ones are phrases that
    fire only on an error status or a short page."""

    label: str
    where: str
    pattern: re.Pattern[str]
    strong: bool = True
    header: str = ""


def _weak(label: str, pattern: str) -> WallMarker:
    return WallMarker(label, "text", re.compile(pattern, re.I), strong=False)


BOT_WALL_MARKERS = (
    WallMarker("Cloudflare challenge header", "header", re.compile(r"challenge", re.I), header="cf-mitigated"),
    WallMarker('Cloudflare "Just a moment..."', "title", re.compile(r"^\s*just a moment\b", re.I)),
    WallMarker('"Are you a robot?" page', "title", re.compile(r"\bare you a robot\b", re.I)),
    WallMarker("Cloudflare block page", "title", re.compile(r"attention required!?\s*\|\s*cloudflare", re.I)),
    WallMarker(
        "Cloudflare challenge",
        "html",
        re.compile(r"_cf_chl_opt|cf-browser-verification|\bcf-challenge\b|challenges\.cloudflare\.com/turnstile", re.I),
    ),
    WallMarker("DataDome captcha", "html", re.compile(r"(?:geo|ct)\.captcha-delivery\.com", re.I)),
    WallMarker("PerimeterX captcha", "html", re.compile(r"\bpx-captcha\b|_pxCaptcha", re.I)),
    WallMarker("Akamai block page", "html", re.compile(r"errors\.edgesuite\.net|_sec/cp_challenge", re.I)),
    WallMarker("Imperva/Incapsula", "html", re.compile(r"_Incapsula_Resource|Incapsula incident ID", re.I)),
    WallMarker("Sucuri firewall", "html", re.compile(r"Sucuri WebSite Firewall", re.I)),
    WallMarker("AWS WAF challenge", "html", re.compile(r"AwsWafIntegration|awswaf\.com", re.I)),
    _weak('"checking your browser"', r"checking (?:if the site connection is secure|your browser)"),
    _weak('"enable JavaScript and cookies"', r"enable javascript and cookies to continue"),
    _weak('"verify you are human"', r"verify (?:that )?you are (?:a )?human"),
    _weak('"are you a robot"', r"are you a robot"),
    _weak('"unusual traffic"', r"unusual (?:traffic|activity) from your (?:computer )?network"),
    _weak('"complete the security check"', r"complete the security check to access"),
    _weak('"access to this page has been denied"', r"access to this page has been denied"),
)
# Captcha widgets: a page that is little more than one of these is a wall.
# (A bounded \S{0,200}: an unbounded one rescans the rest of a long token at every "recaptcha" in it.)
CAPTCHA_WIDGET = re.compile(
    r"\b(?:g-recaptcha|h-captcha|cf-turnstile)\b|(?:recaptcha|hcaptcha)\S{0,200}?/api\.js", re.I
)

# Paywall markup: class or id tokens, and meta tags. Conservative on purpose: a "subscribe"
# button is not a paywall; a container named for the paywall is.
PAYWALL_TOKEN = re.compile(
    r"^(?:paywall|pay-wall|paywalled|paywall[-_]\w+|\w+[-_]paywall|regwall|reg-wall|registration-wall|"
    r"tp-modal|tp-backdrop|piano-(?:paywall|offer|inline|container)|subscriber-only|subscribers-only|"
    r"subscriber-content|premium-content|locked-content|meter-?wall|metered-paywall)$",
    re.I,
)
PAYWALL_META = {
    "article:content_tier": re.compile(r"^(?:locked|premium|subscriber)", re.I),
    "paywall": re.compile(r"^(?:true|yes|1|on|locked|hard)$", re.I),
    "article:paywall": re.compile(r"^(?:true|yes|1|on|locked|hard)$", re.I),
}


# ---------------------------------------------------------------- public API


def probe_url(url: str, token: str) -> str:
    """A path that cannot exist on `url`'s host; its answer is the host's "not found" page."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/{token}-{PROBE_MARKER}-{token}"


def classify_link(
    result: FetchResult, page: Page | None, probe: Page | None = None, *, tree: lxml.html.HtmlElement | None = None
) -> LinkAssessment:
    """Decide the link status of one fetch. `page` is the text read from `result` (None when
    nothing could be read); `probe` is the same host's answer to `probe_url` (any status),
    None when there is none; `tree`: `page.html` parsed, when the caller has it
    (`extract.read_body`), else it is parsed here."""
    if result.error is not None:
        return _classify_failure(result)
    status = result.status
    if status is None:
        return LinkAssessment(LinkStatus.UNREACHABLE, result.reason or "no response")
    markup = _Markup.of(result, page, tree)
    after = _redirect_note(result)

    wall = _bot_wall(result.headers, markup, status)
    if wall:
        return LinkAssessment(LinkStatus.BLOCKED, f"bot challenge ({wall}) with HTTP {status}{after}")
    if status in (404, 410):
        word = "not found" if status == 404 else "gone"
        return LinkAssessment(LinkStatus.NOT_FOUND, f"HTTP {status} {word}{after}")
    if status >= 500:
        return LinkAssessment(LinkStatus.SERVER_ERROR, f"server error: HTTP {status}{_attempts(result)}{after}")
    if status in (408, 425):
        return LinkAssessment(LinkStatus.UNREACHABLE, f"HTTP {status}: the server timed out the request{after}")
    if status >= 400:
        return LinkAssessment(LinkStatus.BLOCKED, _refusal_reason(result) + after)
    if status == 304:  # the page exists; only our copy of it is missing (no snapshot to answer from)
        return LinkAssessment(LinkStatus.OK, f"HTTP 304 Not Modified with no stored copy to read{after}")
    if status >= 300 or status < 200:
        return LinkAssessment(LinkStatus.UNREACHABLE, f"HTTP {status} without a usable redirect{after}")
    return _classify_page(result, page, probe, markup, after)


def light_assessment(
    result: FetchResult, page: Page, probe: Page | None, probe_in_full: Page | None, *,
    tree: lxml.html.HtmlElement | None = None,
) -> LinkAssessment | None:
    """The link status of a light reading of a 2xx page (`Page.light`: the plain rendering,
    no main text) when the cheap signals settle it, else None: then the page is to be read in
    full. `probe` is the light reading of the host's answer to a path that cannot exist,
    `probe_in_full` its full one. Only an `ok` is given, and only for a reading of at least
    LIGHT_ARTICLE_CHARS (twice article length): the rules that look at the main text's length
    (walls, error headings, login forms, refreshes) then treat the page as the article it
    plainly is, and the markup, title and visible text they also read are the same either
    way. The page must be far from the probe (under LIGHT_PROBE_DISTINCT, not merely under
    PROBE_SIMILARITY), or the probe too short to compare read either way. A soft 404, a short
    page, a page like the probe: all are read in full. `tree`: as `classify_link`'s."""
    if len(page.text) < LIGHT_ARTICLE_CHARS:
        return None
    assessment = classify_link(result, page, tree=tree)  # the probe is compared below, with its own threshold
    if assessment.status is not LinkStatus.OK:
        return None
    if probe is not None and probe_in_full is not None:
        similarity = probe_similarity(page, probe, result.final_url)
        if similarity is None:
            too_short = len(_probe_comparable(probe_in_full.text)) < PROBE_MIN_CHARS  # as probe_similarity's
            return assessment if too_short else None
        if similarity >= LIGHT_PROBE_DISTINCT:
            return None
    return assessment


def first_look(
    result: FetchResult, parsed: ParsedHtml, probe: Page | None, probe_in_full: Page | None
) -> LinkAssessment | None:
    """The link status `light_assessment` gives a 2xx HTML page read lightly, from the parsed
    page alone, when that is sure without the light reading's text, else None (then the page
    is read lightly). `parsed`: the page's `extract.parse_html_body`; `probe` and
    `probe_in_full`: as `light_assessment`'s. Only an `ok` is given, for a page whose plain
    rendering surely holds at least LIGHT_ARTICLE_CHARS characters (`surely_shown_chars`, a
    lower bound counted by libxml2: then no rule that looks at the text's length fires, and
    the visible text is long too), with nothing else that could make it other than `ok`
    (redirects, JSON-LD, paywall markup: the same rules on the same tree), and, when the host's
    probe has comparable text, a title unlike the probe's (`_title_similarity` under
    LIGHT_PROBE_DISTINCT: the page's similarity to the probe is at most that) and enough
    comparable text at the start of the page for the comparison to be made
    (`_comparable_at_least`). A page whose body was cut (max_bytes), whose parse met a problem
    or whose markup is kept only in part is left to the light reading, which says so."""
    status, tree = result.status, parsed.tree
    if (status is None or not 200 <= status < 300 or result.truncated or tree is None or parsed.problems
            or len(parsed.html) > HTML_KEEP_CHARS):
        return None
    root = light_text_root(tree)
    if root is None or surely_shown_chars(root) < LIGHT_ARTICLE_CHARS:
        return None
    if _redirect_assessment(result) is not None:
        return None
    free, gated = _json_ld_access(tree)
    if gated or (not free and _paywall_markup(tree)):
        return None
    ok = LinkAssessment(LinkStatus.OK, f"HTTP {status}{_redirect_note(result)}")
    if probe is None or probe_in_full is None:
        return ok
    probe_too_short = len(_probe_comparable(probe_in_full.text)) < PROBE_MIN_CHARS
    if len(_probe_comparable(probe.text)) < PROBE_MIN_CHARS:  # no similarity: as light_assessment
        return ok if probe_too_short else None
    title = title_of(tree)
    if not title or not probe.title or _title_similarity(title, probe.title, result.final_url) >= LIGHT_PROBE_DISTINCT:
        return None
    # too little comparable text on the page: no similarity, settled by the probe's length
    if probe_too_short or _comparable_at_least(shown_texts(root), result.final_url, PROBE_MIN_CHARS):
        return ok
    return None


def refresh_target(result: FetchResult, page: Page | None) -> str | None:
    """Where a short 2xx page that would otherwise be `ok` sends the reader by a refresh (a
    Refresh header, else the first meta http-equiv refresh outside <noscript>), as an
    absolute http(s) URL; None when it has none, or refreshes to itself. A refresh inside
    <noscript> only sends browsers without JavaScript away from a page built by script, which
    says nothing of whether the page is there."""
    if result.error is not None or result.status is None or not 200 <= result.status < 300:
        return None
    if page is not None and len(page.text.strip()) >= SHORT_PAGE_CHARS:
        return None
    value = result.headers.get("refresh")
    if value is None and page is not None and page.kind == "html" and page.html:
        value = _meta_refresh(page.html)
    if value is None:
        return None
    target = _refresh_url(value)
    if target is None:
        return None
    absolute = urljoin(result.final_url, target)
    if urlsplit(absolute).scheme.lower() not in ("http", "https") or is_harmless_redirect(absolute, result.final_url):
        return None
    if classify_link(result, page).status is not LinkStatus.OK:
        return None  # a wall, a paywall or an error page is judged as it is
    return absolute


def is_harmless_redirect(a: str, b: str) -> bool:
    """Same resource: only scheme http<->https, www., host case, default port, trailing
    slash, query order, tracking parameters or the fragment differ."""
    return _canonical(a) == _canonical(b)


def is_redirect_to_front(original: str, final: str) -> bool:
    """A deep URL redirected to a site root (any host), a language front, or a section
    front of the same site (/news/2025/05/14/slug -> /news/)."""
    o, f = urlsplit(original), urlsplit(final)
    o_segs, f_segs = _segments(o.path), _segments(f.path)
    if not o_segs and not o.query:
        return False  # the original was a front already
    if f.query and f_segs == o_segs:
        return False
    if _is_front_path(f_segs):
        return not (_is_front_path(o_segs) and not o.query)
    if _host(o.netloc) != _host(f.netloc) or len(f_segs) >= len(o_segs) or o_segs[: len(f_segs)] != f_segs:
        return False
    # The identifying segment (the longest, the slug) is gone: /news/slug/amp -> /news/slug is not a front.
    return max(o_segs, key=len) not in f_segs


def is_redirect_to_landing(original: str, final: str) -> bool:
    """A deep URL with a word slug (/news/solar-boom-2025) redirected to another site, to a
    page no deeper whose URL has lost the slug: the other site's landing page, judged like a
    home page. Short codes (bit.ly/3xYz) and DOIs carry no word slug and are not judged."""
    o, f = urlsplit(original), urlsplit(final)
    if _host(o.netloc) == _host(f.netloc):
        return False
    o_segs = _segments(o.path)
    slug = max(o_segs, key=len) if o_segs else ""
    if not WORD_SLUG.search(slug) or len(_segments(f.path)) > len(o_segs):
        return False
    return slug.lower() not in unquote(final).lower()


def probe_similarity(page: Page, probe: Page, page_url: str = "") -> float | None:
    """How much the page looks like the host's answer to a random path, 0..1; None when the
    texts are too short to compare. Paths echoed by error templates are ignored."""
    b = _probe_comparable(probe.text)
    if len(b) < PROBE_MIN_CHARS:  # (before the page's text is made comparable: a 404 template often is)
        return None
    a = _comparable(page.text, page_url)
    if len(a) < PROBE_MIN_CHARS:
        return None
    score = fuzz.ratio(a[:PROBE_COMPARE_CHARS], b[:PROBE_COMPARE_CHARS]) / 100
    if page.title and probe.title:
        title_score = _title_similarity(page.title, probe.title, page_url)
        if title_score < PROBE_TITLE_SIMILARITY:
            return min(score, title_score)
    return score


def _title_similarity(title: str, probe_title: str, page_url: str) -> float:
    """How much a page's title looks like the probe's, 0..1 (`probe_similarity` takes the
    lesser of this and the texts' similarity when it is under PROBE_TITLE_SIMILARITY)."""
    mine = _comparable(title, page_url)[:PROBE_COMPARE_CHARS]
    return fuzz.ratio(mine, _probe_comparable(probe_title)[:PROBE_COMPARE_CHARS]) / 100


# ---------------------------------------------------------------- transport failures

_FAILURE_STATUS = {
    FetchError.TIMEOUT: LinkStatus.UNREACHABLE,
    FetchError.REFUSED: LinkStatus.UNREACHABLE,
    FetchError.RESET: LinkStatus.UNREACHABLE,
    FetchError.TLS: LinkStatus.UNREACHABLE,
    FetchError.PROTOCOL: LinkStatus.UNREACHABLE,
    FetchError.TOO_LARGE: LinkStatus.UNREACHABLE,
    # A broken or looping redirect says nothing about whether the page exists (cookie and
    # login walls loop too), so it is a failure to reach it, not proof it is gone.
    FetchError.BAD_REDIRECT: LinkStatus.UNREACHABLE,
    FetchError.TOO_MANY_REDIRECTS: LinkStatus.UNREACHABLE,
    # NXDOMAIN: the name is gone. A network that is down altogether (every host failing to
    # resolve) is detected by the pipeline before anything is recorded.
    FetchError.DNS: LinkStatus.NOT_FOUND,
    FetchError.ADDRESS_REFUSED: LinkStatus.DISALLOWED,
    FetchError.ROBOTS: LinkStatus.DISALLOWED,
}

_FAILURE_DEFAULT_REASON = {
    FetchError.TIMEOUT: "timeout",
    FetchError.REFUSED: "connection refused",
    FetchError.RESET: "connection reset",
    FetchError.TLS: "TLS handshake failed",
    FetchError.PROTOCOL: "HTTP protocol error",
    FetchError.TOO_LARGE: "response larger than the size cap",
    FetchError.BAD_REDIRECT: "unusable redirect",
    FetchError.TOO_MANY_REDIRECTS: "too many redirects",
    FetchError.DNS: "host name does not resolve",
    FetchError.ADDRESS_REFUSED: "address refused by the address guard",
    FetchError.ROBOTS: "disallowed by robots.txt",
}


# A resolver that is failing (EAI_AGAIN, SERVFAIL) is not a name that is gone.
TEMPORARY_DNS = re.compile(r"temporary failure|try again|errno -3\b|servfail", re.I)


def _classify_failure(result: FetchResult) -> LinkAssessment:
    assert result.error is not None
    reason = result.reason or _FAILURE_DEFAULT_REASON[result.error]
    if result.refresh_hop is not None:  # the failure is where a page refresh led
        reason += _redirect_note(result)
    if result.error == FetchError.DNS and TEMPORARY_DNS.search(reason):
        return LinkAssessment(LinkStatus.UNREACHABLE, reason)
    return LinkAssessment(_FAILURE_STATUS[result.error], reason)


def _attempts(result: FetchResult) -> str:
    return f" after {result.attempts} attempts" if result.attempts > 1 else ""


def _refusal_reason(result: FetchResult) -> str:
    status = result.status
    if status == 401:
        return "HTTP 401: the page requires authentication"
    if status == 403:
        return "HTTP 403: the server refuses our client"
    if status == 429:
        retry = result.headers.get("retry-after")
        hint = f" (Retry-After: {retry})" if retry else ""
        return f"HTTP 429: rate limited{_attempts(result)}{hint}"
    if status == 451:
        return "HTTP 451: unavailable for legal reasons"
    return f"HTTP {status}: the server refused the request"


# ---------------------------------------------------------------- markup


@dataclass(frozen=True)
class _Markup:
    """What the classifier reads from a response: title, headings, visible text, raw HTML,
    the parsed tree (None for non-HTML; parsed within extract's memory bound) and the main
    text length."""

    html: str
    tree: lxml.html.HtmlElement | None
    title: str
    headings: tuple[str, ...]
    visible: str
    main_chars: int

    @classmethod
    def of(cls, result: FetchResult, page: Page | None, parsed: lxml.html.HtmlElement | None = None) -> _Markup:
        """`parsed`: `page.html` parsed (see `classify_link`)."""
        if page is not None and page.kind != "html":
            html = ""
        else:
            html = page.html if page is not None and page.html is not None else _decode_html(result)
        if parsed is not None and page is not None and html and html is page.html:
            tree: lxml.html.HtmlElement | None = parsed
        else:
            tree = parse_markup(html)[0] if html else None
        title = (page.title if page is not None and page.title else None) or ""
        headings: tuple[str, ...] = ()
        visible = page.text if page is not None else ""
        if tree is not None:
            if not title:
                title = next((t for t in (_joined_text(e) for e in tree.iter("title")) if t), "")
            headings = tuple(_joined_text(h) for h in tree.iter("h1"))
            visible = _visible_text(tree)
        main_chars = len(page.text.strip()) if page is not None else len(visible)
        return cls(html, tree, title, headings, visible, main_chars)


def _decode_html(result: FetchResult) -> str:
    """Error responses are often not extracted by the caller: read their HTML leniently."""
    ctype = result.content_type.lower()
    if not result.body or ("html" not in ctype and ctype):
        return ""
    return result.body.decode("utf-8", errors="replace")


def _joined_text(element: lxml.etree._Element) -> str:
    """The text under `element`, its pieces joined by single spaces."""
    return " ".join(" ".join(element.itertext()).split())


HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
# Every text node under the root (its own text, its descendants' texts and tails) outside the
# HIDDEN_TAGS, in document order, but for the text right after a comment or a processing
# instruction (as the walk this replaced read it): evaluated by libxml2, without a Python
# object per element.
_VISIBLE_TEXTS = lxml.etree.XPath(
    ".//text()[not(" + " or ".join(f"ancestor::{tag}" for tag in sorted(HIDDEN_TAGS))
    + " or preceding-sibling::node()[1][self::comment() or self::processing-instruction()])]",
    smart_strings=False,
)
# The elements `_paywall_markup` looks at (the root among them), in document order.
_PAYWALL_CANDIDATES = lxml.etree.XPath("descendant-or-self::*[self::meta or @class or @id]")


def _visible_text(tree: lxml.html.HtmlElement) -> str:
    """Every text outside script, style and the head."""
    return " ".join(w.strip() for w in _VISIBLE_TEXTS(tree) if w.strip())


# ---------------------------------------------------------------- bot walls


def _bot_wall(headers: Mapping[str, str], markup: _Markup, status: int) -> str | None:
    """The vendor (or phrase) of a bot challenge, else None. On a refusal or server error any
    marker counts. A 404/410 is the site's own answer unless a vendor marker says otherwise
    (its template may well carry a newsletter form with a captcha). On a 2xx page a vendor
    marker counts on a page that is not an article, a phrase or a captcha widget only on a
    short page."""
    refusal = status >= 400 and status not in (404, 410)
    short = len(markup.visible) < SHORT_PAGE_CHARS and status < 400
    not_article = markup.main_chars < ARTICLE_CHARS
    for marker in BOT_WALL_MARKERS:
        if not (refusal or (marker.strong and not_article) or short):
            continue
        if marker.where == "header":
            hit = bool(marker.pattern.search(headers.get(marker.header, "")))
        elif marker.where == "title":
            hit = bool(marker.pattern.search(markup.title))
        elif marker.where == "html":
            hit = bool(marker.pattern.search(markup.html))
        else:
            hit = bool(marker.pattern.search(markup.visible))
        if hit:
            return marker.label
    if (refusal or short) and CAPTCHA_WIDGET.search(markup.html):
        return "captcha page"
    return None


# ---------------------------------------------------------------- 2xx pages


def _classify_page(
    result: FetchResult, page: Page | None, probe: Page | None, markup: _Markup, after: str
) -> LinkAssessment:
    status = result.status
    redirected = _redirect_assessment(result)
    if redirected is not None:
        return redirected

    free, gated = _json_ld_access(markup.tree)
    if gated:
        return LinkAssessment(LinkStatus.PAYWALLED, f"schema.org isAccessibleForFree=false on {gated}{after}")

    heading = _error_heading(markup)
    if heading:
        return LinkAssessment(LinkStatus.SOFT_404, f"page says it is missing: {heading}{after}")
    # A site front (a citation of the home page) may be exactly what the host answers to
    # unknown paths; only deeper pages are compared with the probe.
    cited = urlsplit(result.url)
    if page is not None and probe is not None and not (_is_front_path(_segments(cited.path)) and not cited.query):
        similarity = probe_similarity(page, probe, result.final_url)
        if similarity is not None and similarity >= PROBE_SIMILARITY:
            return LinkAssessment(
                LinkStatus.SOFT_404,
                f"page matches the site's answer to a nonexistent path (similarity {similarity:.2f}){after}",
            )

    if not free:
        gate = _paywall_markup(markup.tree)
        if gate:
            return LinkAssessment(LinkStatus.PAYWALLED, f"paywall markup: {gate}{after}")
    if _is_login_only(markup):
        return LinkAssessment(LinkStatus.PAYWALLED, f"page shows only a login form{after}")
    note = ""
    if not result.body:
        note = " (the body is empty)"
    elif page is not None and page.problem:
        note = f" ({page.problem})"
    return LinkAssessment(LinkStatus.OK, f"HTTP {status}{after}{note}")


def _redirect_assessment(result: FetchResult) -> LinkAssessment | None:
    """The status of a 2xx page that its redirects alone settle (to a login page, an error
    path, a site or section front, another site's landing page), else None."""
    final = result.final_url
    if result.redirects and _is_gate_redirect(result.url, final):
        return LinkAssessment(LinkStatus.PAYWALLED, f"redirected to a login page ({final}){_cross(result)}")
    if result.redirects and not is_harmless_redirect(result.url, final):
        path = urlsplit(final).path
        if ERROR_PATH.search(path):
            return LinkAssessment(LinkStatus.SOFT_404, f"redirected to an error page ({path}){_cross(result)}")
        if is_redirect_to_front(result.url, final):
            where = "site root" if _is_front_path(_segments(path)) else f"section front {path}"
            return LinkAssessment(LinkStatus.SOFT_404, f"redirected to {where} ({final}){_cross(result)}")
        if is_redirect_to_landing(result.url, final):
            landing = f"redirected to another site's page that is not the cited one ({final}){_cross(result)}"
            return LinkAssessment(LinkStatus.SOFT_404, landing)
    return None


def _is_gate_redirect(original: str, final: str) -> bool:
    """Sent to a login or subscription page, or to a page told to send the visitor back to the
    cited one afterwards (`?continue=<the cited URL>`): the page exists behind a gate."""
    o, f = urlsplit(original), urlsplit(final)
    if LOGIN_PATH.search(f.path) and not LOGIN_PATH.search(o.path):
        return True
    if not _segments(o.path):
        return False
    return any(RETURN_PARAM.match(k) and unquote(o.path) in v for k, v in parse_qsl(f.query))


def _error_heading(markup: _Markup) -> str | None:
    """The title or h1 that announces an error page, quoted, else None."""
    if markup.main_chars >= ARTICLE_CHARS:
        return None
    short = markup.main_chars < SHORT_PAGE_CHARS
    for label, text in (("title", markup.title), *(("heading", h) for h in markup.headings)):
        if any(p.search(text) for p in SOFT_404_STRONG) or (short and _has_weak_error_segment(text)):
            return f'{label} "{_clip(text)}"'
    return None


def _has_weak_error_segment(text: str) -> bool:
    segments = (seg.strip(" \t!.。！,，-–—") for seg in TITLE_SEPARATOR.split(text))
    return any(p.search(seg) for seg in segments if seg for p in SOFT_404_WEAK)


def _json_ld_access(tree: lxml.html.HtmlElement | None) -> tuple[bool, str | None]:
    """(declared free somewhere, where it is declared not free) from schema.org JSON-LD."""
    if tree is None:
        return False, None
    free = False
    for script in tree.iter("script"):
        if "ld+json" not in str(script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue  # malformed (or absurdly nested) JSON-LD is common and carries no usable signal
        for node, path in _json_nodes(data):
            flag = _access_flag(node.get("isAccessibleForFree"))
            if flag is None:
                continue
            if flag:
                free = True
                continue
            kind = node.get("@type")
            kind_text = "/".join(kind) if isinstance(kind, list) else str(kind or "item")
            selector = node.get("cssSelector")
            where = f"hasPart {selector}" if path.endswith("hasPart") and selector else kind_text
            if path.endswith("hasPart") and not selector:
                where = f"hasPart {kind_text}"
            return free, where
    return free, None


def _json_nodes(data: object) -> Iterator[tuple[dict[str, object], str]]:
    """Every JSON object in `data` with the key it sits under, in document order (an
    explicit stack: nesting as deep as the JSON parser allows costs no recursion here)."""
    pending: list[tuple[object, str]] = [(data, "")]
    while pending:
        item, path = pending.pop()
        if isinstance(item, list):
            pending.extend((value, path) for value in reversed(item))
        elif isinstance(item, dict):
            yield item, path
            pending.extend((value, str(key)) for key, value in reversed(item.items()) if isinstance(value, dict | list))


def _access_flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("false", "no", "0"):
            return False
        if word in ("true", "yes", "1"):
            return True
    return None


def _paywall_markup(tree: lxml.html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    for tag in _PAYWALL_CANDIDATES(tree):
        if tag.tag == "meta":
            name = str(tag.get("name") or tag.get("property") or "").lower()
            pattern = PAYWALL_META.get(name)
            content = str(tag.get("content") or "")
            if pattern is not None and pattern.search(content):
                return f'meta {name}="{content}"'
            continue
        for token in str(tag.get("class") or "").split():
            if PAYWALL_TOKEN.match(token):
                return f'class "{token}"'
        ident = tag.get("id")
        if isinstance(ident, str) and PAYWALL_TOKEN.match(ident):
            return f'id "{ident}"'
    return None


def _is_login_only(markup: _Markup) -> bool:
    """A short page whose substance is a password form: the article is behind a login."""
    if markup.tree is None or markup.main_chars >= SHORT_PAGE_CHARS or len(markup.visible) >= SHORT_PAGE_CHARS:
        return False
    return any(str(i.get("type") or "").strip().lower() == "password" for i in markup.tree.iter("input"))


# ---------------------------------------------------------------- redirects and text


def _redirect_note(result: FetchResult) -> str:
    if not result.redirects or result.final_url == result.url:
        return ""
    if is_harmless_redirect(result.url, result.final_url) and result.refresh_hop is None:
        return f" (harmless redirect to {result.final_url})"
    steps = []
    permanent = [c in (301, 308) for i, c in enumerate(result.redirect_codes) if i != result.refresh_hop]
    if permanent:
        kind = "permanent " if all(permanent) else "temporary " if not any(permanent) else ""
        steps.append(f"{kind}redirect")
    if result.refresh_hop is not None:
        steps.append("a page refresh")
    return f" (after {' and '.join(steps)} to {result.final_url}){_cross(result)}"


def _meta_refresh(html: str) -> str | None:
    """The content of the first meta http-equiv refresh outside <noscript>, else None."""
    tree = parse_markup(html)[0]
    if tree is None:
        return None
    for meta in tree.iter("meta"):
        if str(meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        if any(a.tag == "noscript" for a in meta.iterancestors()):
            continue
        return str(meta.get("content") or "")
    return None


def _refresh_url(value: str) -> str | None:
    """The URL of a refresh value ("0; url='/new'" -> "/new"), None for a bare delay."""
    match = REFRESH_VALUE.match(value)
    url = match.group(1).strip() if match else ""
    if url[:1] in ("'", '"'):
        url = url[1:].split(url[0], 1)[0].strip()
    return url or None


def _cross(result: FetchResult) -> str:
    a, b = _host(urlsplit(result.url).netloc), _host(urlsplit(result.final_url).netloc)
    return f"; moved to another site: {a} -> {b}" if a != b else ""


def _host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].lower()
    host = re.sub(r":(?:80|443)$", "", host)
    return host.removeprefix("www.")


def _is_front_path(segments: list[str]) -> bool:
    """/, /index.html, /en/: the front of a site."""
    if not segments:
        return True
    return len(segments) == 1 and (segments[0].lower() in INDEX_PAGES or bool(LANGUAGE_FRONT.match(segments[0])))


def _segments(path: str) -> list[str]:
    return [s for s in unquote(path).split("/") if s]


TRACKING_PARAM = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)


def _canonical(url: str) -> tuple[str, str, str, str]:
    parts = urlsplit(url)
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    path = unquote(parts.path).rstrip("/") or "/"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAM.match(k))
    )
    return scheme, _host(parts.netloc), path, query


def _comparable(text: str, url: str) -> str:
    """Lower-cased text without URLs, paths and the probe marker (error pages echo them).
    Only the head of the text is read (a few times what is compared), and words are
    dropped one by one: a pattern like \\S*/\\S* is quadratic on one long word."""
    text = text[:PROBE_READ_CHARS].lower()
    for piece in _echo_pieces(url):
        text = text.replace(piece, " ")
    return " ".join(word for word in text.split() if _is_comparable_word(word))


def _probe_comparable(text: str) -> str:
    """`_comparable` of a probe's text or title (read at no URL): the same few per host, asked
    for every page of the host. (Kept by the part `_comparable` reads.)"""
    return _cached_comparable(text[:PROBE_READ_CHARS])


@functools.lru_cache(maxsize=PROBE_CACHE_SIZE)
def _cached_comparable(text: str) -> str:
    return _comparable(text, "")


def _echo_pieces(url: str) -> list[str]:
    """What `_comparable` removes of a text read at `url`: the longest few of its path, the
    path decoded and its segments (lower-cased, longest first)."""
    if not url:
        return []
    path = urlsplit(url).path
    pieces = sorted({path, unquote(path), *_segments(path)}, key=len, reverse=True)
    return [piece.lower() for piece in pieces[:PROBE_ECHO_PIECES] if len(piece) > 1]


def _is_comparable_word(word: str) -> bool:
    return "/" not in word and PROBE_MARKER not in word


def _comparable_at_least(texts: Iterable[str], url: str, chars: int) -> bool:
    """Whether `_comparable` of a text read at `url` keeps at least `chars` characters, for a
    text that starts with `texts` (a plain rendering's shown texts, in order: its separators
    add at most two characters between two of them). Counted without the text: on the words
    inside each of `texts` (not at its edges, which may run on into the next one) that lie in
    the part `_comparable` reads and that it keeps whole (no path piece in them, none across
    them: a piece with a space gives up). False when that does not reach `chars`."""
    pieces = _echo_pieces(url)
    if any(len(piece.split()) != 1 for piece in pieces):
        return False
    at = kept = 0
    for text in texts:
        at += len(text) + 2
        if at > PROBE_READ_CHARS:
            return False
        words = text.lower().split()
        inner = words[int(not text[:1].isspace()):len(words) - int(not text[-1:].isspace())]
        kept += sum(len(w) for w in inner if _is_comparable_word(w) and not any(p in w for p in pieces))
        if kept >= chars:
            return True
    return False


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
