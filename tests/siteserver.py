"""A real HTTP server on 127.0.0.1 for the tests: register routes, each a function that
writes a raw response on the handler, so routes can misbehave on purpose (drip, reset,
lie about lengths). Every route loop is bounded and stops when the server stops."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[["RouteRequest"], None]


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]


class RouteRequest(BaseHTTPRequestHandler):
    """One request; route functions call respond() or write to wfile themselves."""

    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        return

    def _dispatch(self) -> None:
        path = self.path.split("?", 1)[0]
        site = self.server.site
        site.record(Hit(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
        handler = site.routes.get(path) or site.routes.get(self.path) or site.prefix_handler(path)
        if handler is None:
            self.respond(404, b"<html><head><title>404 Not Found</title></head><body>nope</body></html>")
            return
        handler(self)

    do_GET = _dispatch
    do_HEAD = _dispatch
    do_POST = _dispatch

    @property
    def stopping(self) -> bool:
        return self.server.site.stopped.is_set()

    def respond(
        self,
        status: int,
        body: bytes | str = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        hdrs = {"Content-Type": content_type, "Content-Length": str(len(data))}
        hdrs.update(headers or {})
        self.send_response(status)
        for name, value in hdrs.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
            self.server.site.count_bytes(len(data))

    def write_raw(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()
        self.server.site.count_bytes(len(data))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # listen backlog: concurrency tests open more than the default 5 at once
    allow_reuse_address = True
    site: Site


@dataclass
class Site:
    routes: dict[str, Handler] = field(default_factory=dict)
    prefix_routes: dict[str, Handler] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    body_bytes: int = 0
    stopped: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def count_bytes(self, n: int) -> None:
        with self._lock:
            self.body_bytes += n

    def route(self, path: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            self.routes[path] = fn
            return fn

        return register

    def route_prefix(self, prefix: str) -> Callable[[Handler], Handler]:
        """Register a handler for every path under `prefix` that has no exact route."""

        def register(fn: Handler) -> Handler:
            self.prefix_routes[prefix] = fn
            return fn

        return register

    def prefix_handler(self, path: str) -> Handler | None:
        matches = [p for p in self.prefix_routes if path.startswith(p)]
        return self.prefix_routes[max(matches, key=len)] if matches else None

    def page(self, path: str, body: bytes | str, status: int = 200, **kw: object) -> None:
        """Register a static response."""

        def handler(req: RouteRequest) -> None:
            req.respond(status, body, **kw)  # type: ignore[arg-type]

        self.routes[path] = handler

    def url(self, path: str) -> str:
        return self.base_url + path

    def paths_hit(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]


@contextmanager
def serve(site: Site | None = None, host: str = "127.0.0.1") -> Iterator[Site]:
    """Serve `site` on an ephemeral loopback port until the block ends."""
    site = site or Site()
    server = _Server((host, 0), RouteRequest)
    server.site = site
    port = server.server_address[1]
    site.base_url = f"http://{host}:{port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stopped.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def trap_listener(host: str = "127.0.0.1") -> Iterator[tuple[int, threading.Event]]:
    """A TCP listener that records whether anything ever connected to it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    sock.listen(8)
    sock.settimeout(0.1)
    touched = threading.Event()
    done = threading.Event()

    def accept_loop() -> None:
        while not done.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            touched.set()
            conn.close()

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1], touched
    finally:
        done.set()
        thread.join(timeout=2)
        sock.close()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)
