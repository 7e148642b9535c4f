"""Fetching: the only module that talks HTTP.

One `Fetcher` per run owns one httpx client and every limit that keeps the job polite and
safe against hostile servers:

- address guard: URLs whose host is a literal IP (in any legacy form: `2130706433`,
  `0177.0.0.1`, `[::ffff:127.0.0.1]`) are refused before anything else; every host name
  is resolved at connect time and only addresses that pass the guard (public, or inside
  `allow_networks`) are connected to, so a DNS answer cannot change between the check and
  the connection. Environment proxies are ignored: they would bypass the guard;
- redirects followed hop by hop (each hop vetted and robots-checked again): at most
  `DEFAULT_MAX_REDIRECTS`, a URL may be revisited once (cookie-setting bounces; cookies
  live for the run), Locations that are not http(s) URLs are refused;
- robots.txt fetched once per origin and cached, including failures. A 2xx robots.txt is
  obeyed; a 4xx one allows everything (RFC 9309); a 5xx or unreachable one also allows
  everything (RFC 9309 says disallow; we follow common practice: the page fetch that
  follows then reports the real trouble instead of a misleading "disallowed");
- per-host concurrency and politeness delay between request starts; a whole-request
  timeout per attempt (connect, headers and body); retries with exponential backoff and
  jitter on timeouts, refused and reset connections, 5xx and 429; a Retry-After up to
  `DEFAULT_RETRY_AFTER_CAP_S` is waited for, a longer one ends the retries;
- content decoding done here, in bounded steps, so the body cap holds after
  decompression (gzip, deflate and brotli bombs never expand in memory); a body longer
  than the cap (declared or decoded) is read in part: its first `max_bytes` bytes, the
  result marked `truncated` (a big page is a live page, not a failure); response headers
  are capped by h11 (100 KiB per header section, httpcore's limit).

Failures never raise: they come back as a `FetchResult` with `.error` and a human
`.reason`. `status` is kept when the failure came after a status line (a body cut short by the
server, an unusable redirect); `attempts` counts the tries of the last hop.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import re
import select
import socket
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Protocol
from urllib.parse import urlsplit

import brotli
import httpcore
import httpx
from protego import Protego

from verifier.records import FetchError, FetchResult, IPNetwork, Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Sleep = Callable[[float], Awaitable[None]]
RequestHeaders = dict[bytes, bytes]

DEFAULT_MAX_REDIRECTS = 10
DEFAULT_BACKOFF_S = 0.5  # first retry waits 0.5-1 s, then 1-2 s, 2-4 s ...
MAX_BACKOFF_S = 30.0
DEFAULT_RETRY_AFTER_CAP_S = 60.0  # a longer Retry-After is not waited for: no retry then
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks parsers to read at least 500 KiB
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309: follow at least five
DECODE_STEP = 64 * 1024  # largest piece a decompressor may produce in one step
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
COOKIE_HEADERS = ("set-cookie", "set-cookie2")  # a response without them leaves the cookie jar as it is
FETCHABLE_SCHEMES = ("http", "https")
ACCEPT_ENCODING = "gzip, deflate, br"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"
KEEPALIVE_EXPIRY_S = 5.0
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")  # embeds an IPv4 address in its last 32 bits

# Hosts written as legacy inet_aton numbers: 2130706433, 0x7f.1, 0177.0.0.1, 127.1
_LEGACY_IPV4 = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$", re.IGNORECASE)
_HOST_CHARS = re.compile(r"^[A-Za-z0-9._-]+$")


# ---------------------------------------------------------------- address guard


class AddressRefusedError(Exception):
    """Raised inside the transport when the guard refuses every address of a host."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def address_problem(ip: IPAddress, allow_networks: Iterable[IPNetwork]) -> str | None:
    """Why `ip` may not be fetched ("a loopback address"), or None when it may."""
    allowed = tuple(allow_networks)
    candidates: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        candidates += [v4 for v4 in (ip.ipv4_mapped, ip.sixtofour) if v4 is not None]
        if ip in NAT64_PREFIX:
            candidates.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if any(c.version == net.version and c in net for c in candidates for net in allowed):
        return None
    for c in reversed(candidates):  # the embedded IPv4 address says most
        kind = _address_kind(c)
        if kind:
            return kind
    return None


def _address_kind(ip: IPAddress) -> str | None:
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return "a site-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "a non-public address"
    return None


def literal_address(host: str) -> IPAddress | None:
    """The IP address a URL host denotes literally, in any form a resolver accepts."""
    host = host.strip("[]").rstrip(".")
    host = host.split("%", 1)[0]  # IPv6 zone id
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _refusal(host: str, ip: IPAddress, kind: str) -> str:
    try:
        plain = ipaddress.ip_address(host.strip("[]")) == ip
    except ValueError:
        plain = False
    shown = host if plain else f"{host} (= {ip})"
    return f"refused: {shown} is {kind} (not in allow_networks)"


class AsyncioStream(httpcore.AsyncNetworkStream):
    """A connection on asyncio's own streams. httpcore's anyio stream opened a cancel scope on
    every read and write and asked the socket for its peer's address whenever the pool checked
    an idle connection: about a third of a request's CPU on the event loop. Failures are
    httpcore's exceptions, raised from the OS error or timeout, as anyio's stream raised them."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._socket: socket.socket | None = writer.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as exc:
            raise httpcore.ReadTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.ReadError(str(exc)) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        try:
            async with asyncio.timeout(timeout):
                self._writer.write(buffer)
                await self._writer.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.WriteError(str(exc)) from exc

    async def aclose(self) -> None:
        self._writer.close()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError as exc:
            await self.aclose()
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except (ssl.SSLError, OSError) as exc:
            await self.aclose()
            raise httpcore.ConnectError(str(exc)) from exc
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":  # an idle connection the server closed (or wrote to) is not reused
            return self._socket is None or _readable(self._socket)
        if info == "socket":
            return self._socket
        names = {"ssl_object": "ssl_object", "client_addr": "sockname", "server_addr": "peername"}
        return self._writer.get_extra_info(names[info]) if info in names else None


def _readable(sock: socket.socket) -> bool:
    """Data or end of file waits on the socket (as httpcore's is_socket_readable)."""
    fd = sock.fileno()
    if fd < 0:
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Connections as `AsyncioStream`s (see there), to the address given (GuardedBackend vets it)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=(local_address, 0) if local_address else None
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        stream = AsyncioStream(reader, writer)
        raw = stream.get_extra_info("socket")
        for option in socket_options or ():
            raw.setsockopt(*option)
        return stream

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefusedError(f"refused: unix socket {path}")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves host names itself and connects only to addresses the guard accepts."""

    def __init__(self, allow_networks: Iterable[IPNetwork], inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._allow = tuple(allow_networks)
        self._inner = inner or AsyncioBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        literal = literal_address(host)  # resolvers reject "127.0.0.1." with its trailing dot
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                str(literal) if literal is not None else host, port, type=socket.SOCK_STREAM
            )
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror}") from exc
        addresses = list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos))
        permitted = [ip for ip in addresses if address_problem(ip, self._allow) is None]
        if not permitted:
            first = addresses[0]
            kind = address_problem(first, self._allow) or "not allowed"
            raise AddressRefusedError(_refusal(host, first, kind))
        failure: httpcore.ConnectError | None = None
        for ip in permitted:
            try:
                return await self._inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefusedError(f"refused: unix socket {path}")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


# ---------------------------------------------------------------- content decoding


class _Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def flush(self) -> Iterator[bytes]: ...


class _ZlibDecoder:
    """gzip or deflate, producing at most DECODE_STEP bytes per step."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._raw_deflate = False  # some servers send deflate without the zlib wrapper
        self._started = False
        self._obj = self._new()

    def _new(self) -> zlib._Decompress:
        wbits = zlib.MAX_WBITS | 16 if self._gzip else (-zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS)
        return zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            if self._obj.eof:  # a new gzip member follows the previous one
                if not self._gzip:
                    return
                self._obj = self._new()
            try:
                out = self._obj.decompress(data, DECODE_STEP)
            except zlib.error:
                if self._gzip or self._started or self._raw_deflate:
                    raise
                self._raw_deflate = True
                self._obj = self._new()
                out = self._obj.decompress(data, DECODE_STEP)
            self._started = True
            if out:
                yield out
            data = self._obj.unconsumed_tail or self._obj.unused_data

    def flush(self) -> Iterator[bytes]:
        out = self._obj.flush()
        if out:
            yield out


class _BrotliDecoder:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        out: bytes = self._obj.process(data, output_buffer_limit=DECODE_STEP)
        while True:
            if out:
                yield out
            if self._obj.can_accept_more_data() or self._obj.is_finished():
                return
            out = self._obj.process(b"", output_buffer_limit=DECODE_STEP)

    def flush(self) -> Iterator[bytes]:
        return iter(())


def _decoders_for(content_encoding: str) -> list[_Decoder] | str:
    """Decoders in the order to apply them, or the reason the encoding is unsupported."""
    decoders: list[_Decoder] = []
    for coding in reversed([c.strip().lower() for c in content_encoding.split(",") if c.strip()]):
        if coding in ("gzip", "x-gzip"):
            decoders.append(_ZlibDecoder(gzip=True))
        elif coding == "deflate":
            decoders.append(_ZlibDecoder(gzip=False))
        elif coding == "br":
            decoders.append(_BrotliDecoder())
        elif coding != "identity":
            return f"unsupported Content-Encoding {coding!r}"
    return decoders


def _decode(decoders: list[_Decoder], data: bytes, final: bool = False) -> Iterator[bytes]:
    """Pass `data` through every decoder in turn, lazily, in bounded pieces."""
    if not decoders:
        if data:
            yield data
        return
    first, rest = decoders[0], decoders[1:]
    for piece in first.feed(data):
        yield from _decode(rest, piece)
    if final:
        for piece in first.flush():
            yield from _decode(rest, piece)
        yield from _decode(rest, b"", final=True)


# ---------------------------------------------------------------- small parsers


def parse_retry_after(value: str, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP date), or None."""
    value = value.strip()
    if value.isdecimal():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _seconds(value: float) -> str:
    return f"{value:g}"


def _cause_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)


def classify_error(exc: BaseException, timeout_s: float) -> tuple[FetchError, str]:
    """Map a transport exception, once, to the domain taxonomy with a human reason."""
    if isinstance(exc, AddressRefusedError):
        return FetchError.ADDRESS_REFUSED, exc.reason
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return FetchError.TIMEOUT, f"timeout after {_seconds(timeout_s)} s"
    for cause in _cause_chain(exc):
        if isinstance(cause, socket.gaierror):
            return FetchError.DNS, f"DNS: {exc}"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return FetchError.TLS, f"TLS: certificate verify failed: {cause.verify_message}"
        if isinstance(cause, ssl.SSLError):
            return FetchError.TLS, f"TLS: {cause.reason or cause}"
        if isinstance(cause, ConnectionRefusedError):
            return FetchError.REFUSED, "connection refused"
        if isinstance(cause, ConnectionResetError | BrokenPipeError | ConnectionAbortedError):
            return FetchError.RESET, "connection reset by peer"
    message = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.RemoteProtocolError):
        if "Receive buffer too long" in message:
            return FetchError.TOO_LARGE, "response headers exceed 100 KiB"
        if "complete message body" in message:
            return FetchError.PROTOCOL, f"truncated body: {message}"
        if "without sending a response" in message:  # nothing, or no status line (HTTP/0.9)
            return FetchError.PROTOCOL, "server closed the connection without a valid HTTP response"
        return FetchError.PROTOCOL, f"protocol error: {message}"
    if isinstance(exc, httpx.InvalidURL):
        return FetchError.BAD_REDIRECT, f"invalid URL: {message}"
    if isinstance(exc, httpx.LocalProtocolError):
        return FetchError.PROTOCOL, f"invalid request: {message}"
    if isinstance(exc, httpx.ConnectError):
        return FetchError.REFUSED, f"connect failed: {message}"
    if isinstance(exc, httpx.TransportError):
        return FetchError.RESET, f"connection error: {message}"
    return FetchError.PROTOCOL, f"{type(exc).__name__}: {message}"


# ---------------------------------------------------------------- the fetcher


@dataclass
class _Outcome:
    """One HTTP request attempt."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: FetchError | None = None
    reason: str = ""
    bytes_received: int = 0
    truncated: bool = False  # the body is the first max_bytes bytes of a longer one

    @property
    def is_transient(self) -> bool:
        if self.error is not None:
            return self.error in (FetchError.TIMEOUT, FetchError.REFUSED, FetchError.RESET)
        return self.status is not None and (self.status == 429 or self.status >= 500)


def build_ssl_context(ca_bundle: str | None) -> ssl.SSLContext:
    """httpx's trusted roots (certifi), plus the PEM bundle of extra CAs when given."""
    context = httpx.create_ssl_context(trust_env=False)
    if ca_bundle:
        try:
            context.load_verify_locations(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise ValueError(f"ca_bundle {ca_bundle}: cannot load certificates: {exc}") from exc
    return context


def build_transport(context: ssl.SSLContext, backend: GuardedBackend, keepalive: int) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through the address guard (`backend`),
    keeping at most `keepalive` idle connections."""
    transport = httpx.AsyncHTTPTransport(verify=context, trust_env=False)
    # httpx builds its pool without a network backend parameter; replace it with one that
    # connects only to vetted addresses (proxies are not supported: they would bypass it).
    # No pool-wide connection limit: concurrency is bounded per host, and a pool limit would
    # make requests queue for a slot inside their own timeout.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=context,
        max_connections=None,
        max_keepalive_connections=keepalive,
        keepalive_expiry=KEEPALIVE_EXPIRY_S,
        network_backend=backend,
    )
    return transport


@dataclass
class _OriginPool:
    transport: httpx.AsyncHTTPTransport
    active: int = 0  # responses not yet closed
    last_used: float = 0.0


class OriginTransports(httpx.AsyncBaseTransport):
    """One connection pool per origin (scheme, host, port), each through the address guard,
    so that a host's connections are kept alive between its requests. httpcore's pool checks
    every connection it holds on every request (a system call or three each) and closes an
    idle connection whenever it holds more than its keep-alive limit in all: one pool for a
    run over many hosts reused almost no connection and spent most of a request's CPU on
    that scan. A pool keeps at most `per_host_concurrency` idle connections (the Fetcher
    never has more requests to one host at once). When a pool is made for a new origin, the
    pools with no open response unused for KEEPALIVE_EXPIRY_S are closed (looked for at most
    once per that period), so the connections a run over many hosts keeps open stay bounded."""

    def __init__(self, settings: Settings) -> None:
        self._keepalive = max(1, settings.per_host_concurrency)
        self._context = build_ssl_context(settings.ca_bundle)
        self._backend = GuardedBackend(settings.allow_networks)
        self._pools: dict[tuple[str, str, int | None], _OriginPool] = {}
        self._next_sweep = time.monotonic() + KEEPALIVE_EXPIRY_S

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        key = (url.scheme, url.host, url.port)
        pool = self._pools.get(key)
        if pool is None:
            await self._close_stale()
            pool = self._pools[key] = _OriginPool(build_transport(self._context, self._backend, self._keepalive))
        pool.active += 1
        try:
            response = await pool.transport.handle_async_request(request)
        except BaseException:
            self._release(pool)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(response.status_code, headers=response.headers, extensions=response.extensions,
                              stream=_ReleasingStream(response.stream, lambda: self._release(pool)))

    def _release(self, pool: _OriginPool) -> None:
        pool.active -= 1
        pool.last_used = time.monotonic()

    async def _close_stale(self) -> None:
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + KEEPALIVE_EXPIRY_S
        stale = [key for key, pool in self._pools.items()
                 if pool.active == 0 and now - pool.last_used > KEEPALIVE_EXPIRY_S]
        for key in stale:
            await self._pools.pop(key).transport.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.transport.aclose()


class _ReleasingStream(httpx.AsyncByteStream):
    """A response body that tells its pool when it is closed (once)."""

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[], None]) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            release, self._release = self._release, None
            if release is not None:
                release()


def _request_headers(extra: Mapping[str, str]) -> RequestHeaders:
    """Caller headers as bytes. Validators echoed from a server (ETag, Last-Modified) may
    hold non-ASCII text: it goes back as UTF-8, the bytes it most likely arrived as."""
    return {name.encode("utf-8"): value.encode("utf-8") for name, value in extra.items()}


def _resolve_location(base: httpx.URL, location: str) -> str | None:
    """The absolute URL a Location header points to, or None when it cannot be parsed."""
    location = location.strip()
    try:
        authority = urlsplit(location).netloc
        if authority and not urlsplit(location).hostname:
            return None  # "http://:80/" would silently borrow the current host
        return str(base.join(location))
    except (ValueError, httpx.InvalidURL):
        return None


class PageFetcher(Protocol):
    """What the stages need of a fetcher: the Fetcher itself, or a wrapper around it."""

    async def fetch(
        self, url: str, *, extra_headers: dict[str, str] | None = None, use_robots: bool = True
    ) -> FetchResult: ...


class Fetcher:
    """Fetches URLs politely and safely; use as `async with Fetcher(settings) as f:`."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Sleep = asyncio.sleep,
        backoff_s: float = DEFAULT_BACKOFF_S,
        retry_after_cap_s: float = DEFAULT_RETRY_AFTER_CAP_S,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        rng: random.Random | None = None,
    ) -> None:
        self._settings = settings
        self._sleep = sleep
        self._backoff_s = backoff_s
        self._retry_after_cap_s = retry_after_cap_s
        self._max_redirects = max_redirects
        self._rng = rng or random.Random()
        self._transport = OriginTransports(settings)
        # The client only builds requests (default headers, cookies, timeouts) and owns the
        # transport; requests go to the transport directly, so that httpx's own redirect
        # handling never parses a hostile Location header before we do.
        self._client = httpx.AsyncClient(
            transport=self._transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(settings.timeout_s),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING, "Accept": ACCEPT},
        )
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self.bytes_transferred = 0  # wire bytes of every response body read, robots.txt included
        self.requests_made = 0  # HTTP request attempts, robots.txt included

    async def __aenter__(self) -> Fetcher:
        await self._client.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._client.aclose()

    async def fetch(
        self, url: str, *, extra_headers: Mapping[str, str] | None = None, use_robots: bool = True
    ) -> FetchResult:
        """GET `url`, following redirects; failures come back as FetchResult.error."""
        return await self._follow(
            url,
            _request_headers(extra_headers or {}),
            use_robots=use_robots and self._settings.respect_robots,
            max_bytes=self._settings.max_bytes,
            max_hops=self._max_redirects,
            retries=self._settings.retries,
        )

    # ------------------------------------------------------------ redirects

    async def _follow(
        self, url: str, headers: RequestHeaders, *, use_robots: bool, max_bytes: int, max_hops: int, retries: int
    ) -> FetchResult:
        fetched_at = datetime.now(UTC)
        redirects: list[str] = []
        codes: list[int] = []
        received = 0
        current = url

        def result(outcome: _Outcome, attempts: int = 1) -> FetchResult:
            return FetchResult(
                url=url,
                final_url=current,
                status=outcome.status,
                headers=outcome.headers,
                body=outcome.body,
                redirects=tuple(redirects),
                redirect_codes=tuple(codes),
                error=outcome.error,
                reason=outcome.reason,
                attempts=attempts,
                fetched_at=fetched_at,
                bytes_received=received,
                truncated=outcome.truncated,
            )

        while True:
            target = self._vet_url(current)
            if isinstance(target, _Outcome):
                return result(target)
            if use_robots:
                disallowed = await self._robots_disallow(target)
                if disallowed:
                    return result(_Outcome(error=FetchError.ROBOTS, reason=disallowed))
            outcome, attempts = await self._request(target, headers, max_bytes, retries)
            received += outcome.bytes_received
            location = outcome.headers.get("location")
            if outcome.error is not None or outcome.status not in REDIRECT_CODES or location is None:
                return result(outcome, attempts)
            if len(redirects) >= max_hops:
                outcome.error = FetchError.TOO_MANY_REDIRECTS
                outcome.reason = f"more than {max_hops} redirects"
                return result(outcome, attempts)
            following = _resolve_location(target, location)
            checked = self._vet_url(following) if following is not None else None
            if following is None or (isinstance(checked, _Outcome) and checked.error is FetchError.BAD_REDIRECT):
                why = checked.reason if isinstance(checked, _Outcome) else "not a valid URL"
                outcome.error, outcome.reason = FetchError.BAD_REDIRECT, f"unusable redirect to {location!r}: {why}"
                return result(outcome, attempts)
            if [url, *redirects].count(following) >= 2:
                outcome.error = FetchError.TOO_MANY_REDIRECTS
                outcome.reason = f"redirect loop: {following} reached again"
                return result(outcome, attempts)
            redirects.append(following)
            codes.append(outcome.status)
            current = following

    def _vet_url(self, url: str) -> httpx.URL | _Outcome:
        """The parsed URL when it may be requested, else the refusal (nothing connects)."""
        try:
            raw_host = urlsplit(url).hostname or ""
        except ValueError:
            raw_host = ""
        refusal = self._literal_refusal(raw_host)
        if refusal:
            return refusal
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            return _Outcome(error=FetchError.BAD_REDIRECT, reason=f"invalid URL {url!r}: {exc}")
        if parsed.scheme not in FETCHABLE_SCHEMES:
            scheme = parsed.scheme or url.split(":", 1)[0]
            return _Outcome(
                error=FetchError.BAD_REDIRECT, reason=f"unsupported URL scheme {scheme!r} (only http, https)"
            )
        host = parsed.raw_host.decode("ascii")
        if not host or (":" not in host and not _HOST_CHARS.match(host)):
            return _Outcome(error=FetchError.BAD_REDIRECT, reason=f"invalid host {host!r}")
        return self._literal_refusal(host) or parsed

    def _literal_refusal(self, host: str) -> _Outcome | None:
        ip = literal_address(host) if host else None
        kind = address_problem(ip, self._settings.allow_networks) if ip is not None else None
        if ip is None or kind is None:
            return None
        return _Outcome(error=FetchError.ADDRESS_REFUSED, reason=_refusal(host, ip, kind))

    # ------------------------------------------------------------ robots.txt

    async def _robots_disallow(self, url: httpx.URL) -> str | None:
        """Why robots.txt forbids `url` for our user agent, or None when allowed."""
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._robots:
                self._robots[origin] = await self._load_robots(origin)
        rules = self._robots[origin]
        if rules is None or rules.can_fetch(str(url), self._settings.user_agent):
            return None
        agent = self._settings.user_agent.split("/", 1)[0]
        return f"robots.txt disallows {url.raw_path.decode('ascii')} for {agent}"

    async def _load_robots(self, origin: str) -> Protego | None:
        """Parsed rules; None (allow all) when robots.txt is missing or unreadable."""
        answer = await self._follow(
            f"{origin}/robots.txt",
            {},
            use_robots=False,
            max_bytes=ROBOTS_MAX_BYTES,
            max_hops=ROBOTS_MAX_REDIRECTS,
            retries=0,
        )
        if answer.error is not None or answer.status is None or not 200 <= answer.status < 300:
            return None
        return Protego.parse(answer.body.decode("utf-8", errors="replace"))

    # ------------------------------------------------------------ requests

    async def _request(
        self, url: httpx.URL, headers: RequestHeaders, max_bytes: int, retries: int
    ) -> tuple[_Outcome, int]:
        """One hop, retried on transient failures; returns the last outcome and attempts."""
        attempt = 1
        received = 0
        while True:
            outcome = await self._attempt(url, headers, max_bytes)
            received += outcome.bytes_received
            if attempt > retries or not outcome.is_transient:
                break
            wait = min(MAX_BACKOFF_S, self._backoff_s * 2 ** (attempt - 1)) * (1 + self._rng.random())
            retry_after = outcome.headers.get("retry-after")
            if outcome.status is not None and retry_after:
                asked = parse_retry_after(retry_after, datetime.now(UTC))
                if asked is not None and asked > self._retry_after_cap_s:
                    outcome.reason = (
                        f"Retry-After {_seconds(asked)} s exceeds the {_seconds(self._retry_after_cap_s)} s cap;"
                        " not retried"
                    )
                    break
                if asked is not None:
                    wait = asked
            await self._sleep(wait)
            attempt += 1
        outcome.bytes_received = received
        if attempt > 1 and outcome.error is not None:
            outcome.reason = f"{outcome.reason} ({attempt} attempts)"
        return outcome, attempt

    @asynccontextmanager
    async def _host_slot(self, host: str) -> AsyncIterator[None]:
        """Per-host concurrency limit and politeness gap between request starts."""
        slot = self._host_slots.setdefault(host, asyncio.Semaphore(max(1, self._settings.per_host_concurrency)))
        async with slot:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._settings.per_host_delay_s
            if start > now:
                await self._sleep(start - now)
            yield

    async def _attempt(self, url: httpx.URL, headers: RequestHeaders, max_bytes: int) -> _Outcome:
        outcome = _Outcome()
        async with self._host_slot(url.host):
            self.requests_made += 1
            try:
                async with asyncio.timeout(self._settings.timeout_s):
                    await self._exchange(url, headers, max_bytes, outcome)
            except (TimeoutError, httpx.HTTPError, httpx.InvalidURL, AddressRefusedError) as exc:
                outcome.error, outcome.reason = classify_error(exc, self._settings.timeout_s)
                outcome.body = b""
        self.bytes_transferred += outcome.bytes_received
        return outcome

    async def _exchange(self, url: httpx.URL, headers: RequestHeaders, max_bytes: int, outcome: _Outcome) -> None:
        """Send the request and read the response into `outcome`."""
        request = self._client.build_request("GET", url, headers=headers)
        response = await self._transport.handle_async_request(request)
        response.request = request
        try:
            if any(name in response.headers for name in COOKIE_HEADERS):  # the jar's look costs ~0.1 ms
                self._client.cookies.extract_cookies(response)
            outcome.status = response.status_code
            outcome.headers = dict(response.headers.items())
            if not (outcome.status in REDIRECT_CODES and "location" in outcome.headers):
                await _read_body(response, max_bytes, outcome)
        finally:
            outcome.bytes_received = response.num_bytes_downloaded
            await response.aclose()


async def _read_body(response: httpx.Response, max_bytes: int, outcome: _Outcome) -> None:
    """Stream the body into `outcome`, decoding in bounded pieces. A body longer than the cap
    (as declared, or once decoded: a bomb) is read in part: its first `max_bytes` bytes, with
    `truncated` set; the rest is never read."""
    encoding = outcome.headers.get("content-encoding", "")
    decoders = _decoders_for(encoding)
    if isinstance(decoders, str):
        outcome.error, outcome.reason = FetchError.PROTOCOL, decoders
        return
    body = bytearray()
    try:
        async for raw in response.aiter_raw():
            for piece in _decode(decoders, raw):
                body += piece
                if len(body) > max_bytes:
                    del body[max_bytes:]
                    outcome.body, outcome.truncated = bytes(body), True
                    return
        for piece in _decode(decoders, b"", final=True):
            body += piece
    except (zlib.error, brotli.error) as exc:
        outcome.error, outcome.reason = FetchError.PROTOCOL, f"cannot decode {encoding} body: {exc}"
        return
    if len(body) > max_bytes:
        del body[max_bytes:]
        outcome.truncated = True
    outcome.body = bytes(body)
