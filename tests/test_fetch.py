"""The fetcher against a real local HTTP server: statuses, redirects, retries, robots.txt,
the address guard, the body cap, per-host limits and the request headers sent."""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import itertools
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Awaitable, Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import TypeVar

import brotli
import pytest

from tests.rawserver import brotli_bomb, deflate_bomb, gzip_bomb, read_request, send, serve_raw
from tests.siteserver import RouteRequest, Site, serve, trap_listener
from verifier import fetch as fetch_module
from verifier.fetch import Fetcher, literal_address, parse_retry_after
from verifier.records import FetchError, FetchResult, IPNetwork, Settings

T = TypeVar("T")

LOOPBACK: tuple[IPNetwork, ...] = (ipaddress.ip_network("127.0.0.0/8"),)
OTHER_RANGE: tuple[IPNetwork, ...] = (ipaddress.ip_network("10.0.0.0/8"),)
FAST = Settings(timeout_s=2, retries=0, per_host_delay_s=0, allow_networks=LOOPBACK)


class RecordingSleep:
    """Stands in for asyncio.sleep: records every wait, waits for nothing."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def run(coro: Awaitable[T]) -> T:
    async def main() -> T:
        return await coro

    return asyncio.run(main())


def fetch(
    url: str, settings: Settings = FAST, sleep: RecordingSleep | None = None, *, use_robots: bool = True
) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(settings, sleep=sleep or RecordingSleep()) as fetcher:
            return await fetcher.fetch(url, use_robots=use_robots)

    return run(go())


def fetch_many(urls: Sequence[str], settings: Settings = FAST) -> list[FetchResult]:
    """Fetch several URLs concurrently with one fetcher (real sleeps)."""

    async def go() -> list[FetchResult]:
        async with Fetcher(settings) as fetcher:
            return list(await asyncio.gather(*(fetcher.fetch(u) for u in urls)))

    return run(go())


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


# ---------------------------------------------------------------- statuses and headers


@pytest.mark.parametrize("status", [200, 404, 410, 500, 503, 429, 401, 403], ids=lambda s: f"http-{s}")
def test_status_is_reported_as_is(site: Site, status: int) -> None:
    site.page("/p", f"<p>status {status}</p>", status)
    result = fetch(site.url("/p"))
    assert (result.status, result.error, result.attempts) == (status, None, 1)
    assert result.body == f"<p>status {status}</p>".encode()
    assert result.final_url == site.url("/p")
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    assert result.fetched_at is not None
    assert result.fetched_at.tzinfo is UTC


def test_request_names_the_project_and_accepts_compression(site: Site) -> None:
    site.page("/p", "ok")
    fetch(site.url("/p"), replace(FAST, user_agent="verifier-test/9 (+https://example.org)"))
    hit = next(h for h in site.hits if h.path == "/p")
    assert hit.headers["user-agent"] == "verifier-test/9 (+https://example.org)"
    assert hit.headers["accept-encoding"] == "gzip, deflate, br"
    assert hit.headers["accept"].startswith("text/html")


def test_conditional_request_returns_304_with_headers(site: Site) -> None:
    @site.route("/cond")
    def cond(req: RouteRequest) -> None:
        if req.headers.get("If-None-Match") == '"v1"':
            req.send_response(304)
            req.send_header("ETag", '"v1"')
            req.end_headers()
        else:
            req.respond(200, "fresh", headers={"ETag": '"v1"'})

    async def go() -> FetchResult:
        async with Fetcher(FAST) as fetcher:
            return await fetcher.fetch(site.url("/cond"), extra_headers={"If-None-Match": '"v1"'})

    result = run(go())
    assert (result.status, result.error, result.body) == (304, None, b"")
    assert result.headers["etag"] == '"v1"'


@pytest.mark.parametrize(
    ("value", "error"),
    [('"caf\u00e9-\u2603"', None), ('v1"\r\nX-Injected: 1', FetchError.PROTOCOL), ("a\x00b", FetchError.PROTOCOL)],
    ids=["non-ascii-etag-sent-as-utf8", "crlf-injection-refused", "nul-refused"],
)
def test_echoed_validators_never_crash_the_fetch(site: Site, value: str, error: FetchError | None) -> None:
    site.page("/cond", "fresh")

    async def go() -> FetchResult:
        async with Fetcher(FAST) as fetcher:
            return await fetcher.fetch(site.url("/cond"), extra_headers={"If-None-Match": value})

    result = run(go())
    assert result.error is error
    sent = [h.headers.get("if-none-match") for h in site.hits if h.path == "/cond"]
    if error is None:
        assert [v.encode("latin-1") for v in sent if v is not None] == [value.encode("utf-8")]
    else:
        assert result.reason.startswith("invalid request: ")
        assert sent == []


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("br", brotli.compress), ("raw-deflate", None)],
    ids=["gzip", "deflate", "br", "deflate-without-zlib-header"],
)
def test_compressed_bodies_are_decoded(site: Site, encoding: str, compress: Callable[[bytes], bytes] | None) -> None:
    text = b"<p>" + b"compressible words " * 2000 + b"</p>"
    if compress is None:
        packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        data, encoding = packer.compress(text) + packer.flush(), "deflate"
    else:
        data = compress(text)
    site.page("/z", data, headers={"Content-Encoding": encoding})
    result = fetch(site.url("/z"))
    assert (result.status, result.error) == (200, None)
    assert result.body == text
    assert result.bytes_received == len(data) < len(text)


def test_unknown_content_encoding_is_a_protocol_error(site: Site) -> None:
    site.page("/z", b"\x28\xb5\x2f\xfd garbage", headers={"Content-Encoding": "zstd"})
    result = fetch(site.url("/z"))
    assert result.error is FetchError.PROTOCOL
    assert "unsupported Content-Encoding 'zstd'" in result.reason


def test_corrupt_gzip_is_a_protocol_error(site: Site) -> None:
    site.page("/z", b"\x1f\x8b\x08\x00 this is not gzip at all", headers={"Content-Encoding": "gzip"})
    result = fetch(site.url("/z"))
    assert result.error is FetchError.PROTOCOL
    assert result.reason.startswith("cannot decode gzip body")


# ---------------------------------------------------------------- redirects


def test_redirect_chain_records_every_hop_and_code(site: Site) -> None:
    site.page("/a", "", 301, headers={"Location": "/b"})
    site.page("/b", "", 302, headers={"Location": site.url("/c")})
    site.page("/c", "", 307, headers={"Location": "d"})
    site.page("/d", "", 308, headers={"Location": "/e"})
    site.page("/e", "landed")
    result = fetch(site.url("/a"))
    assert (result.status, result.error, result.body) == (200, None, b"landed")
    assert result.redirects == tuple(site.url(p) for p in ("/b", "/c", "/d", "/e"))
    assert result.redirect_codes == (301, 302, 307, 308)
    assert result.final_url == site.url("/e")
    assert result.url == site.url("/a")


def test_cookies_set_by_a_response_are_sent_back_and_others_leave_none(site: Site) -> None:
    """A cookie wall (a redirect that sets a cookie and sends the reader back) lets the fetcher
    through on the next hop and on later requests to the host; responses without Set-Cookie
    (whose cookie jar is not consulted) add none."""
    site.page("/plain", "no cookies here")
    site.page("/wall", "", 302, headers={"Location": "/article", "Set-Cookie": "consent=yes; Path=/"})
    site.page("/article", "the article")

    async def go() -> list[FetchResult]:
        async with Fetcher(FAST, sleep=RecordingSleep()) as fetcher:
            return [await fetcher.fetch(site.url(p)) for p in ("/plain", "/wall", "/plain")]

    plain, walled, again = run(go())
    assert (plain.body, walled.body, again.body) == (b"no cookies here", b"the article", b"no cookies here")
    sent = [(h.path, h.headers.get("cookie")) for h in site.hits if h.path != "/robots.txt"]
    assert sent == [("/plain", None), ("/wall", None), ("/article", "consent=yes"), ("/plain", "consent=yes")]


def test_redirect_to_self_relative_and_protocol_relative_locations(site: Site) -> None:
    netloc = site.url("").split("//", 1)[1]
    site.page("/deep/er/start", "", 302, headers={"Location": "../sibling?x=1"})
    site.page("/deep/sibling", "", 303, headers={"Location": f"//{netloc}/proto"})
    site.page("/proto", "end")
    result = fetch(site.url("/deep/er/start"))
    assert result.redirects == (site.url("/deep/sibling?x=1"), site.url("/proto"))
    assert result.body == b"end"


def test_redirect_without_location_is_returned_as_is(site: Site) -> None:
    site.page("/r", "moved somewhere", 302)
    result = fetch(site.url("/r"))
    assert (result.status, result.error, result.redirects) == (302, None, ())


def test_redirect_loop_is_stopped(site: Site) -> None:
    site.page("/a", "", 302, headers={"Location": "/b"})
    site.page("/b", "", 302, headers={"Location": "/a"})
    result = fetch(site.url("/a"))
    assert result.error is FetchError.TOO_MANY_REDIRECTS
    assert result.reason == f"redirect loop: {site.url('/a')} reached again"
    assert site.paths_hit().count("/a") == 2  # one revisit is allowed (cookie-setting bounces)


def test_long_redirect_chain_stops_after_ten_hops(site: Site) -> None:
    for i in range(50):
        site.page(f"/hop{i}", "", 302, headers={"Location": f"/hop{i + 1}"})
    result = fetch(site.url("/hop0"))
    assert result.error is FetchError.TOO_MANY_REDIRECTS
    assert result.reason == "more than 10 redirects"
    assert len(result.redirects) == 10
    assert [p for p in site.paths_hit() if p.startswith("/hop")] == [f"/hop{i}" for i in range(11)]


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("ftp://example.org/x", "unsupported URL scheme 'ftp'"),
        ("data:text/html,<p>hi</p>", "unsupported URL scheme 'data'"),
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
        ("http://exa mple.com/", "invalid host"),
        ("http://[::1/", "not a valid URL"),
        ("http://:80/", "not a valid URL"),
    ],
    ids=["file", "ftp", "data", "javascript", "space-in-host", "broken-ipv6", "no-host"],
)
def test_unusable_redirect_is_refused(site: Site, location: str, reason: str) -> None:
    site.page("/r", "", 302, headers={"Location": location})
    result = fetch(site.url("/r"))
    assert result.error is FetchError.BAD_REDIRECT
    assert reason in result.reason
    assert result.status == 302


@pytest.mark.parametrize("url", ["ftp://example.org/", "mailto:a@example.org", "http:///nohost"], ids=str)
def test_unfetchable_start_url_is_refused(url: str) -> None:
    result = fetch(url)
    assert result.error is FetchError.BAD_REDIRECT
    assert result.status is None


# ---------------------------------------------------------------- retries


def test_server_errors_are_retried_then_reported(site: Site) -> None:
    site.page("/down", "down", 503)
    sleep = RecordingSleep()
    result = fetch(site.url("/down"), replace(FAST, retries=2), sleep)
    assert (result.status, result.error, result.attempts) == (503, None, 3)
    assert site.paths_hit().count("/down") == 3
    # exponential backoff with jitter: 0.5-1 s, then 1-2 s
    assert len(sleep.waits) == 2
    assert 0.5 <= sleep.waits[0] <= 1.0
    assert 1.0 <= sleep.waits[1] <= 2.0


def test_transient_failure_recovers(site: Site) -> None:
    calls: list[int] = []

    @site.route("/flaky")
    def flaky(req: RouteRequest) -> None:
        calls.append(1)
        req.respond(500 if len(calls) == 1 else 200, "body")

    result = fetch(site.url("/flaky"), replace(FAST, retries=2))
    assert (result.status, result.attempts) == (200, 2)


@pytest.mark.parametrize("status", [404, 403, 401, 410], ids=lambda s: f"http-{s}")
def test_client_errors_are_not_retried(site: Site, status: int) -> None:
    site.page("/p", "no", status)
    result = fetch(site.url("/p"), replace(FAST, retries=3))
    assert result.attempts == 1
    assert site.paths_hit().count("/p") == 1


def test_429_honours_retry_after_seconds_and_stays_429(site: Site) -> None:
    site.page("/busy", "slow down", 429, headers={"Retry-After": "7"})
    sleep = RecordingSleep()
    result = fetch(site.url("/busy"), replace(FAST, retries=1), sleep)
    assert (result.status, result.error, result.attempts) == (429, None, 2)
    assert sleep.waits == [7.0]


def test_retry_after_http_date(site: Site) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    site.page("/busy", "later", 503, headers={"Retry-After": when})
    sleep = RecordingSleep()
    result = fetch(site.url("/busy"), replace(FAST, retries=1), sleep)
    assert result.attempts == 2
    assert 25 <= sleep.waits[0] <= 31


def test_retry_after_beyond_the_cap_is_not_waited_for(site: Site) -> None:
    site.page("/busy", "come back tomorrow", 429, headers={"Retry-After": "86400"})
    sleep = RecordingSleep()
    result = fetch(site.url("/busy"), replace(FAST, retries=2), sleep)
    assert (result.status, result.attempts, sleep.waits) == (429, 1, [])
    assert result.reason == "Retry-After 86400 s exceeds the 60 s cap; not retried"


def test_connection_refused_is_retried_and_reported() -> None:
    sleep = RecordingSleep()
    result = fetch(f"http://127.0.0.1:{closed_port()}/", replace(FAST, retries=2), sleep)
    assert (result.status, result.error, result.attempts) == (None, FetchError.REFUSED, 3)
    assert result.reason == "connection refused (3 attempts)"


def test_unknown_host_is_a_dns_failure_not_retried() -> None:
    # a generous timeout: a slow resolver must still end in a DNS failure, not a timeout
    result = fetch("http://no-such-host.invalid/", replace(FAST, retries=2, timeout_s=30))
    assert (result.error, result.attempts) == (FetchError.DNS, 1)
    assert "no-such-host.invalid" in result.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120.0), ("0", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), ("-5", None), ("²", None)],
    ids=["seconds", "zero", "date-in-the-past", "garbage", "negative", "superscript-digit"],
)
def test_parse_retry_after(value: str, expected: float | None) -> None:
    assert parse_retry_after(value, datetime.now(UTC)) == expected


# ---------------------------------------------------------------- robots.txt


ROBOTS = "User-agent: verifier\nDisallow: /private\n\nUser-agent: *\nDisallow: /others-only\n"


def test_robots_disallow_refuses_without_requesting_the_page(site: Site) -> None:
    site.page("/robots.txt", ROBOTS, content_type="text/plain")
    site.page("/private/doc", "secret")
    result = fetch(site.url("/private/doc"))
    assert result.error is FetchError.ROBOTS
    assert result.reason == "robots.txt disallows /private/doc for verifier"
    assert "/private/doc" not in site.paths_hit()


def test_robots_is_fetched_once_per_host_and_cached(site: Site) -> None:
    site.page("/robots.txt", ROBOTS, content_type="text/plain")
    for path in ("/a", "/b", "/others-only"):
        site.page(path, "public")
    results = fetch_many([site.url(p) for p in ("/a", "/b", "/others-only", "/private/x", "/a")])
    assert [r.error for r in results] == [None, None, None, FetchError.ROBOTS, None]
    assert site.paths_hit().count("/robots.txt") == 1


@pytest.mark.parametrize(
    ("robots_status", "expected_hits"),
    [(404, 1), (403, 1), (500, 1)],
    ids=["robots-404-allows", "robots-403-allows", "robots-500-allows"],
)
def test_unavailable_robots_allows_and_is_cached(site: Site, robots_status: int, expected_hits: int) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /\n", robots_status, content_type="text/plain")
    site.page("/a", "page")
    results = fetch_many([site.url("/a"), site.url("/a")])
    assert [r.status for r in results] == [200, 200]
    assert site.paths_hit().count("/robots.txt") == expected_hits


def test_unreachable_robots_allows_and_robots_can_be_skipped(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    site.page("/a", "page")
    assert fetch(site.url("/a")).error is FetchError.ROBOTS
    assert fetch(site.url("/a"), use_robots=False).status == 200
    assert fetch(site.url("/a"), replace(FAST, respect_robots=False)).status == 200


def test_robots_is_checked_again_after_a_redirect_to_another_host(site: Site) -> None:
    with serve(Site()) as other:
        other.page("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
        other.page("/target", "should not be read")
        site.page("/go", "", 302, headers={"Location": other.url("/target")})
        result = fetch(site.url("/go"))
        assert result.error is FetchError.ROBOTS
        assert result.redirects == (other.url("/target"),)
        assert "/target" not in other.paths_hit()


# ---------------------------------------------------------------- address guard


@dataclass(frozen=True)
class GuardCase:
    id: str
    url: str  # {port} is the trap listener's port
    allow: tuple[IPNetwork, ...]
    reason: str


GUARD_CASES = [
    GuardCase("loopback-ip", "http://127.0.0.1:{port}/", (), "127.0.0.1 is a loopback address"),
    GuardCase("other-range-allowed", "http://127.0.0.1:{port}/", OTHER_RANGE, "127.0.0.1 is a loopback address"),
    GuardCase("decimal-ipv4", "http://2130706433:{port}/", (), "2130706433 (= 127.0.0.1) is a loopback"),
    GuardCase("octal-ipv4", "http://0177.0.0.1:{port}/", (), "0177.0.0.1 (= 127.0.0.1) is a loopback"),
    GuardCase("hex-short-ipv4", "http://0x7f.1:{port}/", (), "0x7f.1 (= 127.0.0.1) is a loopback"),
    GuardCase("unspecified", "http://0.0.0.0:{port}/", (), "0.0.0.0 is an unspecified address"),
    GuardCase("zero", "http://0:{port}/", (), "0 (= 0.0.0.0) is an unspecified address"),
    GuardCase("ideographic-dots", "http://127\u30020\u30020\u30021:{port}/", (), "127.0.0.1 is a loopback"),
    GuardCase("ipv6-loopback", "http://[::1]:{port}/", LOOPBACK, "::1 is a loopback address"),
    GuardCase("ipv4-mapped-ipv6", "http://[::ffff:127.0.0.1]:{port}/", (), "::ffff:127.0.0.1 is a loopback"),
    GuardCase("nat64-loopback", "http://[64:ff9b::7f00:1]:{port}/", (), "64:ff9b::7f00:1 is a loopback"),
    GuardCase("6to4-private", "http://[2002:c0a8:1::1]:{port}/", (), "2002:c0a8:1::1 is a private address"),
    GuardCase("ipv6-unique-local", "http://[fd00::1]:{port}/", (), "fd00::1 is a private address"),
    GuardCase("ipv6-link-local", "http://[fe80::1]:{port}/", (), "fe80::1 is a link-local address"),
    GuardCase("name-to-loopback", "http://localhost:{port}/", (), "localhost (= "),
    GuardCase("private-10", "http://10.1.2.3:{port}/", LOOPBACK, "10.1.2.3 is a private address"),
    GuardCase("link-local-metadata", "http://169.254.169.254:{port}/", (), "169.254.169.254 is a link-local"),
    GuardCase("multicast", "http://224.0.0.1:{port}/", (), "224.0.0.1 is a multicast address"),
    GuardCase("shared-cgnat", "http://100.64.0.1:{port}/", (), "100.64.0.1 is a non-public address"),
]


@pytest.mark.parametrize("case", GUARD_CASES, ids=[c.id for c in GUARD_CASES])
def test_address_guard_refuses_before_connecting(case: GuardCase) -> None:
    with trap_listener() as (port, touched):
        result = fetch(case.url.format(port=port), replace(FAST, allow_networks=case.allow))
        assert result.error is FetchError.ADDRESS_REFUSED
        assert case.reason in result.reason
        assert result.reason.startswith("refused: ")
        assert result.reason.endswith("(not in allow_networks)")
        assert not touched.is_set()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.0.0.1."], ids=str)
def test_allowed_network_may_be_fetched(site: Site, host: str) -> None:
    site.page("/p", "local")
    url = site.url("/p").replace("127.0.0.1", host)
    assert fetch(url).status == 200


def test_redirect_into_a_refused_range_is_stopped_before_connecting() -> None:
    only_site = replace(FAST, allow_networks=(ipaddress.ip_network("127.0.0.2/32"),))
    with serve(Site(), host="127.0.0.2") as site, trap_listener("127.0.0.1") as (port, touched):
        site.page("/go", "", 302, headers={"Location": f"http://127.0.0.1:{port}/internal"})
        site.page("/go-by-name", "", 302, headers={"Location": f"http://localhost:{port}/internal"})
        for path in ("/go", "/go-by-name"):
            result = fetch(site.url(path), only_site)
            assert result.error is FetchError.ADDRESS_REFUSED, path
            assert "is a loopback address (not in allow_networks)" in result.reason
            assert result.redirects == (f"http://{'127.0.0.1' if path == '/go' else 'localhost'}:{port}/internal",)
        assert not touched.is_set()


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("[::1]", "::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("example.org", None),
        ("1.2.3.4.example", None),
        ("cafe", None),
    ],
    ids=str,
)
def test_literal_address_forms(host: str, expected: str | None) -> None:
    found = literal_address(host)
    assert (str(found) if found is not None else None) == expected


# ---------------------------------------------------------------- body cap


def test_body_over_the_cap_is_read_in_part(site: Site) -> None:
    @site.route("/big")
    def big(req: RouteRequest) -> None:  # no Content-Length: the cap must hold while streaming
        req.send_response(200)
        req.send_header("Connection", "close")
        req.end_headers()
        for _ in range(64):
            if req.stopping:
                return
            try:
                req.write_raw(b"x" * 65536)
            except OSError:
                return

    result = fetch(site.url("/big"), replace(FAST, max_bytes=1_000_000))
    assert (result.error, result.status, result.truncated) == (None, 200, True)
    assert result.body == b"x" * 1_000_000


def test_declared_length_over_the_cap_is_read_in_part(site: Site) -> None:
    site.page("/big", "x" * 2000)
    result = fetch(site.url("/big"), replace(FAST, max_bytes=1000))
    assert (result.error, result.truncated, result.body) == (None, True, b"x" * 1000)


def test_body_at_the_cap_is_kept(site: Site) -> None:
    site.page("/exact", "x" * 1000)
    result = fetch(site.url("/exact"), replace(FAST, max_bytes=1000))
    assert (result.error, len(result.body), result.truncated) == (None, 1000, False)


@pytest.mark.parametrize(
    ("encoding", "make"),
    [("gzip", gzip_bomb), ("deflate", deflate_bomb), ("br", brotli_bomb)],
    ids=["gzip-bomb", "deflate-bomb", "brotli-bomb"],
)
def test_compression_bombs_are_read_in_part(site: Site, encoding: str, make: Callable[[], bytes]) -> None:
    """Allocations during the fetch are traced (RSS of the whole test process would include
    whatever other tests loaded; tests/test_hostile.py checks RSS in a fresh process)."""
    bomb = make()
    site.page("/bomb", bomb, headers={"Content-Encoding": encoding})
    started = time.monotonic()
    tracemalloc.start()
    try:
        result = fetch(site.url("/bomb"), replace(FAST, max_bytes=5_000_000, timeout_s=10))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (result.error, result.truncated, len(result.body)) == (None, True, 5_000_000)
    assert time.monotonic() - started < 15
    assert peak < 50_000_000, f"peak traced allocations {peak / 1e6:.0f} MB"


# ---------------------------------------------------------------- per-host limits


@pytest.mark.parametrize(("limit", "requests"), [(2, 6), (12, 12)], ids=["limit-2", "limit-12-beyond-a-pool-of-10"])
def test_per_host_concurrency_is_observed_at_the_server(site: Site, limit: int, requests: int) -> None:
    lock = threading.Lock()
    active = [0]
    peak = [0]

    @site.route("/slow")
    def slow(req: RouteRequest) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1
        req.respond(200, "done")

    settings = replace(FAST, per_host_concurrency=limit, respect_robots=False)
    results = fetch_many([site.url("/slow")] * requests, settings)
    assert [r.status for r in results] == [200] * requests
    assert peak[0] == limit


def test_per_host_delay_spaces_request_starts(site: Site) -> None:
    starts: list[float] = []

    @site.route("/t")
    def stamp(req: RouteRequest) -> None:
        starts.append(time.monotonic())
        req.respond(200, "t")

    settings = replace(FAST, per_host_concurrency=4, per_host_delay_s=0.25, respect_robots=False)
    fetch_many([site.url("/t")] * 4, settings)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(gaps) == 3
    assert min(gaps) >= 0.2, gaps


def test_transfer_accounting(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    site.page("/z", gzip.compress(b"a" * 10000), headers={"Content-Encoding": "gzip"})

    async def go() -> tuple[FetchResult, int, int]:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(site.url("/z"))
            return result, fetcher.bytes_transferred, fetcher.requests_made

    result, total, requests = run(go())
    assert len(result.body) == 10000
    assert result.bytes_received == len(gzip.compress(b"a" * 10000))
    assert total == result.bytes_received + len("User-agent: *\nAllow: /\n")
    assert requests == 2


def keep_alive(conn: socket.socket, stopped: threading.Event, closed: threading.Event | None = None) -> None:
    """Answer every request on the connection with a short 200 until the client closes it
    (then set `closed`)."""
    while not stopped.is_set() and read_request(conn):
        if not send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"):
            return
    if closed is not None:
        closed.set()


def test_each_host_keeps_its_connection_alive_when_many_hosts_are_in_use() -> None:
    """Three rounds over 25 origins at once (more than one pool's keep-alive limit would
    hold): every origin is asked three times over one connection."""
    with ExitStack() as stack:
        servers = [stack.enter_context(serve_raw(keep_alive)) for _ in range(25)]
        settings = replace(FAST, respect_robots=False)

        async def go() -> list[FetchResult]:
            async with Fetcher(settings) as fetcher:
                results: list[FetchResult] = []
                for _round in range(3):
                    results += await asyncio.gather(*(fetcher.fetch(s.url("/p")) for s in servers))
                return results

        results = run(go())
        assert {r.status for r in results} == {200}
        assert [len(s.connections) for s in servers] == [1] * 25


def test_a_host_unused_for_the_keep_alive_period_is_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a host has been idle for KEEPALIVE_EXPIRY_S, its connection is closed when the
    next new host is asked: a run over many hosts does not keep one open per host."""
    monkeypatch.setattr(fetch_module, "KEEPALIVE_EXPIRY_S", 0.2)
    closed = threading.Event()
    with (serve_raw(lambda conn, stopped: keep_alive(conn, stopped, closed)) as first,
          serve_raw(keep_alive) as second):
        settings = replace(FAST, respect_robots=False)

        async def go() -> None:
            async with Fetcher(settings) as fetcher:
                assert (await fetcher.fetch(first.url("/p"))).status == 200
                await asyncio.sleep(0.5)
                assert (await fetcher.fetch(second.url("/p"))).status == 200
                assert await asyncio.to_thread(closed.wait, 5)  # while the fetcher is still open

        run(go())
