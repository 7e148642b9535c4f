"""A raw TCP server on 127.0.0.1 for replies no HTTP server library would send: drips,
silence, resets, header floods, HTTP/0.9, broken chunking, TLS with a self-signed
certificate; and compression bombs. Each connection runs `handler(conn, stopped)` in a daemon thread; handlers
must return once `stopped` is set (use `drip`/`pause`, which check it). Sockets carry
timeouts, and the server stops by itself when its block ends."""

from __future__ import annotations

import gzip
import socket
import ssl
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import brotli

RawHandler = Callable[[socket.socket, threading.Event], None]

SOCKET_TIMEOUT_S = 10.0


@dataclass
class RawServer:
    port: int
    scheme: str
    stopped: threading.Event
    connections: list[str] = field(default_factory=list)  # one entry per accepted connection

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"


def read_request(conn: socket.socket, limit: int = 65536) -> bytes:
    """Read one request head (up to the blank line); b"" when the peer went away."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < limit:
        try:
            chunk = conn.recv(4096)
        except OSError:
            return b""
        if not chunk:
            return b""
        data += chunk
    return data


def send(conn: socket.socket, data: bytes) -> bool:
    """Send everything; False when the peer has gone (the usual end of a hostile reply)."""
    try:
        conn.sendall(data)
    except OSError:
        return False
    return True


def drip(conn: socket.socket, data: bytes, interval_s: float, stopped: threading.Event) -> None:
    """Send `data` one byte per `interval_s` until done, the peer leaves or the server stops."""
    for i in range(len(data)):
        if stopped.is_set() or not send(conn, data[i : i + 1]):
            return
        stopped.wait(interval_s)


def pause(stopped: threading.Event, seconds: float) -> None:
    stopped.wait(seconds)


def reset(conn: socket.socket) -> None:
    """Close with a TCP RST instead of a FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


@contextmanager
def serve_raw(handler: RawHandler, *, tls: ssl.SSLContext | None = None) -> Iterator[RawServer]:
    """Run `handler` for every connection to an ephemeral loopback port until the block ends."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.05)
    server = RawServer(port=listener.getsockname()[1], scheme="https" if tls else "http", stopped=threading.Event())
    workers: list[threading.Thread] = []

    def serve_one(conn: socket.socket) -> None:
        conn.settimeout(SOCKET_TIMEOUT_S)
        try:
            if tls is not None:
                conn = tls.wrap_socket(conn, server_side=True)
            handler(conn, server.stopped)
        except (OSError, ssl.SSLError):
            return  # the client gave up or refused our certificate: expected here
        finally:
            conn.close()

    def accept_loop() -> None:
        while not server.stopped.is_set():
            try:
                conn, peer = listener.accept()
            except OSError:
                continue
            server.connections.append(f"{peer[0]}:{peer[1]}")
            worker = threading.Thread(target=serve_one, args=(conn,), daemon=True)
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=accept_loop, daemon=True)
    acceptor.start()
    try:
        yield server
    finally:
        server.stopped.set()
        acceptor.join(timeout=2)
        for worker in workers:
            worker.join(timeout=2)
        listener.close()


def gzip_bomb() -> bytes:
    """1 GiB of zeros as 16 gzip members, about 1 MB on the wire."""
    return gzip.compress(bytes(64 << 20), compresslevel=9) * 16


def deflate_bomb() -> bytes:
    """64 MiB of zeros in one zlib stream, about 65 KB."""
    return zlib.compress(bytes(64 << 20), 9)


def brotli_bomb() -> bytes:
    """1 GiB of zeros in one brotli stream, about 200 KB: one network read expands past 300 MB."""
    packer = brotli.Compressor(quality=1)
    block = bytes(1 << 20)
    parts: list[bytes] = [packer.process(block) for _ in range(1024)]
    return b"".join([*parts, packer.finish()])
