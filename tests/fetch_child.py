"""Fetch URLs in a fresh process and report each outcome and the process's peak RSS, so a
memory bound can be asserted for the fetcher alone (the pytest process's own high-water
mark includes whatever other tests loaded).

    python -m tests.fetch_child MAX_BYTES TIMEOUT_S URL...

prints one JSON object: {"results": [{"url", "error", "reason", "status"}], "peak_rss_mb"}.
Only loopback addresses are allowed; robots.txt is not consulted."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import resource
import sys
from pathlib import Path

from verifier.fetch import Fetcher
from verifier.records import Settings


async def fetch_all(settings: Settings, urls: list[str]) -> list[dict[str, object]]:
    async with Fetcher(settings) as fetcher:
        results = [await fetcher.fetch(url) for url in urls]
    return [{"url": r.url, "error": r.error, "reason": r.reason, "status": r.status} for r in results]


def main(argv: list[str]) -> None:
    max_bytes, timeout_s, urls = int(argv[0]), float(argv[1]), argv[2:]
    settings = Settings(
        timeout_s=timeout_s,
        retries=0,
        per_host_delay_s=0,
        max_bytes=max_bytes,
        respect_robots=False,
        allow_networks=(ipaddress.ip_network("127.0.0.0/8"),),
    )
    results = asyncio.run(fetch_all(settings, urls))
    print(json.dumps({"results": results, "peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak RSS. getrusage's ru_maxrss survives exec, so a child started by a
    large parent would report the parent's peak; /proc's VmHWM belongs to this image only."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux and BSD: KiB


if __name__ == "__main__":
    main(sys.argv[1:])
