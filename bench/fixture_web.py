"""A fixture web for the scale benchmark: many hosts on loopback addresses (127.0.x.y), one
asyncio process, a fixed latency per response, realistic 50-100 KB article pages.

The plan (which source is live, gone or a soft 404, on which host, with which quotes) is a
pure function of (sources, hosts, seed), so the benchmark and the server build the same one
without passing it around. Half of the hosts answer unknown paths with a real 404, the
other half with a 200 "catch-all" page (the soft-404 hosts); 5% of the sources are unknown
paths on a 404 host, 3% unknown paths on a soft-404 host. Pages carry an ETag and answer
If-None-Match with 304, so a second run sees unchanged pages. A HEAD request gets the
head a GET would (link checkers that send HEAD only: linkinator).

    python -m bench.fixture_web --sources 200 --hosts 20 --latency 0.15 --stats FILE

prints `ready PORT` once every host listens (--port: the same one each time, so that a
second run asks for the same URLs); SIGTERM stops it and writes the per-host
request counts and body bytes to FILE (JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import signal
import socket
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

MAX_HEAD_BYTES = 16 * 1024
GONE_SHARE = 0.05
SOFT_SHARE = 0.03


class Kind(StrEnum):
    LIVE = "live"
    GONE = "gone"  # HTTP 404
    SOFT = "soft"  # 200 with the host's catch-all page


@dataclass(frozen=True)
class Planned:
    index: int
    host: str  # 127.0.x.y
    path: str
    kind: Kind
    quotes: tuple[str, str]


# ---------------------------------------------------------------- text

SUBJECTS = (
    "The ministry", "Local officials", "The utility", "Analysts at the bank", "The factory owners",
    "Provincial planners", "The union", "Economists in Washington", "The regulator", "Engineers on the project",
    "The trade association", "Investors in the region", "The city council", "Researchers at the institute",
    "The port authority", "Shipbuilders", "Battery makers", "The central bank", "Farm cooperatives", "Exporters",
)
VERBS = (
    "expanded", "approved", "delayed", "financed", "reviewed", "doubled", "cut", "announced", "opposed",
    "welcomed", "measured", "completed", "questioned", "planned", "reported", "subsidised", "inspected",
    "relocated", "upgraded", "licensed",
)
OBJECTS = (
    "the new transmission lines", "a second assembly plant", "the solar panel subsidies", "the export quotas",
    "the rail freight corridor", "the training programme for welders", "a wind farm off the coast",
    "the permit process for factories", "the grid connection queue", "the steel tariffs",
    "a fund for small suppliers", "the harbour dredging", "the chip fabrication site", "the housing scheme",
    "the water treatment works", "the battery recycling plant", "the hydrogen pilot", "the tax credit",
    "the apprenticeship scheme", "the copper smelter",
)
TAILS = (
    "after two years of talks", "despite objections from residents", "ahead of the winter", "within budget",
    "for the third time this decade", "at a cost of {n} million dollars", "with {n} percent more capacity",
    "in under {n} months", "to meet rising demand", "before the election", "under pressure from lenders",
    "according to people familiar with the matter", "as costs rose by {n} percent", "with help from abroad",
    "while prices fell", "as the deadline approached", "by a margin of {n} votes", "once the audit ended",
    "without public hearings", "after a review of {n} bids",
)
REWORDINGS = {
    "expanded": "enlarged", "approved": "signed off on", "delayed": "postponed", "financed": "funded",
    "reviewed": "examined", "cut": "reduced", "announced": "unveiled", "opposed": "resisted",
    "welcomed": "praised", "completed": "finished", "questioned": "challenged", "planned": "drew up plans for",
    "reported": "disclosed", "inspected": "examined", "relocated": "moved", "upgraded": "modernised",
    "licensed": "authorised", "doubled": "doubled", "measured": "assessed", "subsidised": "supported",
}


def sentence(rng: random.Random) -> tuple[str, str]:
    """A sentence and a faithful rewording of it (synonym verb, same facts)."""
    subject, verb, obj = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    tail = rng.choice(TAILS).format(n=rng.randint(2, 900))
    return f"{subject} {verb} {obj} {tail}.", f"{subject} {REWORDINGS[verb]} {obj} {tail}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng)[0] for _ in range(rng.randint(3, 6)))


# ---------------------------------------------------------------- the plan


def host_address(index: int) -> str:
    return f"127.0.{1 + index // 200}.{1 + index % 200}"


def is_soft_host(host_index: int) -> bool:
    return host_index % 2 == 1


def build_plan(sources: int, hosts: int, seed: int = 12) -> list[Planned]:
    rng = random.Random(seed)
    gone = round(sources * GONE_SHARE)
    soft = round(sources * SOFT_SHARE)
    kinds = [Kind.GONE] * gone + [Kind.SOFT] * soft + [Kind.LIVE] * (sources - gone - soft)
    rng.shuffle(kinds)
    plan: list[Planned] = []
    for index, kind in enumerate(kinds):
        host_index = index % hosts
        if kind is not Kind.LIVE and is_soft_host(host_index) != (kind is Kind.SOFT):
            host_index = (host_index + 1) % hosts if hosts > 1 else host_index
        page_rng = random.Random(f"{seed}-{index}")
        first, _ = sentence(page_rng)
        _, reworded = sentence(page_rng)  # the second quote: the second sentence reworded
        slug = "-".join(first.lower().split()[:5]).strip(".,")
        plan.append(Planned(index, host_address(host_index), f"/news/2025/{index:05d}/{slug}", kind, (first, reworded)))
    return plan


def article_page(item: Planned, seed: int = 12) -> bytes:
    """A 50-100 KB article page: head with styles and scripts, navigation, the article (the
    two quoted sentences inside its paragraphs), related links, footer."""
    rng = random.Random(f"{seed}-{item.index}")
    first, _ = sentence(rng)
    second, _ = sentence(rng)
    paragraphs = [paragraph(rng) for _ in range(rng.randint(14, 26))]
    paragraphs[rng.randint(1, 4)] += " " + first
    paragraphs[rng.randint(6, 12)] += " " + second
    title = first.rstrip(".")
    style = ".c{margin:0 auto;max-width:42rem}" * rng.randint(600, 1300)
    script = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" * rng.randint(
        250, 550
    )
    nav = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(40))
    related = "".join(
        f'<li><a href="/news/2025/{rng.randint(0, 99999):05d}/related">{sentence(rng)[0]}</a></li>' for _ in range(25)
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title} | Host {item.host}</title>"
        f"<style>{style}</style><script>{script}</script></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{title}</h1><p class=byline>By a staff reporter</p>{body}</article></main>"
        f"<aside><h2>Related</h2><ul>{related}</ul></aside>"
        f"<footer><p>Copyright the publisher. All rights reserved.</p></footer></body></html>"
    )
    return html.encode("utf-8")


def catch_all_page(host: str) -> bytes:
    """What a soft-404 host answers to every unknown path: its front page, the same each time."""
    rng = random.Random(host)
    headlines = "".join(f'<li><a href="/news/{n}">{sentence(rng)[0]}</a></li>' for n in range(30))
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>Host {host} - News</title></head><body>"
        f"<header><h1>Host {host}</h1></header><main><h2>Latest</h2><ul>{headlines}</ul></main>"
        f"<footer><p>Copyright the publisher.</p></footer></body></html>"
    ).encode()


NOT_FOUND_PAGE = b"<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


# ---------------------------------------------------------------- the server


class FixtureWeb:
    def __init__(self, plan: list[Planned], hosts: int, latency_s: float, seed: int) -> None:
        self.pages = {(p.host, p.path): p for p in plan if p.kind is Kind.LIVE}
        self.soft_hosts = {host_address(i) for i in range(hosts) if is_soft_host(i)}
        self.latency_s = latency_s
        self.seed = seed
        self.requests: Counter[str] = Counter()
        self.body_bytes = 0

    def answer(self, host: str, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, ROBOTS
        item = self.pages.get((host, path))
        if item is not None:
            etag = '"' + hashlib.sha256(f"{self.seed}-{item.index}".encode()).hexdigest()[:16] + '"'
            if headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {"Content-Type": "text/html; charset=utf-8", "ETag": etag}, article_page(item, self.seed)
        if host in self.soft_hosts:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, catch_all_page(host)
        return 404, {"Content-Type": "text/html; charset=utf-8"}, NOT_FOUND_PAGE

    async def serve_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("sockname")[0]
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                if len(parts) < 2:
                    return
                headers = {
                    name.strip().lower(): value.strip()
                    for name, _, value in (line.partition(":") for line in lines[1:] if line)
                }
                self.requests[host] += 1
                await asyncio.sleep(self.latency_s)
                status, extra, body = self.answer(host, parts[1].split("?", 1)[0], headers)
                reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
                response = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}"]
                response += [f"{name}: {value}" for name, value in extra.items()]
                if parts[0] == "HEAD":  # the head alone, with the length the body would have
                    body = b""
                self.body_bytes += len(body)
                writer.write(("\r\n".join(response) + "\r\n\r\n").encode("latin-1") + body)
                await writer.drain()
        finally:
            writer.close()

    def stats(self) -> dict[str, object]:
        return {"requests": dict(self.requests), "body_bytes": self.body_bytes}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def serve(args: argparse.Namespace) -> None:
    plan = build_plan(args.sources, args.hosts, args.seed)
    web = FixtureWeb(plan, args.hosts, args.latency, args.seed)
    servers: list[asyncio.Server] = []
    for _attempt in range(1 if args.port else 20):
        port = args.port or free_port()
        try:
            for i in range(args.hosts):
                servers.append(
                    await asyncio.start_server(web.serve_connection, host_address(i), port, limit=MAX_HEAD_BYTES)
                )
            break
        except OSError:
            for server in servers:
                server.close()
            servers = []
    else:
        raise SystemExit("fixture web: no free port on every host address")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    print(f"ready {port}", flush=True)
    await stop.wait()
    for server in servers:
        server.close()
    Path(args.stats).write_text(json.dumps(web.stats()), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, required=True)
    parser.add_argument("--hosts", type=int, required=True)
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--stats", required=True)
    parser.add_argument("--port", type=int, default=0, help="the same port on every host (default: a free one)")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
