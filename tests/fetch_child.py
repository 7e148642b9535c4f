"""Fetch URLs in a fresh process and report each outcome and the process's peak RSS, so a
memory bound can be asserted for the fetcher alone (the pytest process's own high-water
mark includes whatever other tests loaded).

    python -m tests.fetch_child [--read] MAX_BYTES TIMEOUT_S URL...

prints one JSON object: {"results": [{"url", "error", "reason", "status", "truncated",
"link", "peak_rss_mb"}], "peak_rss_mb"}. With --read each response is also read as the
pipeline reads it (text extracted, link classified against itself as the probe), so the
bound covers decoding, HTML and PDF parsing and liveness. A result's peak_rss_mb is the
peak of that response alone where Linux lets the high-water mark be reset, else the peak
so far. Only loopback addresses are allowed; robots.txt is not consulted."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import resource
import sys
from pathlib import Path

from verifier.extract import extract_page
from verifier.fetch import Fetcher
from verifier.liveness import classify_link
from verifier.records import FetchResult, Settings

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


async def fetch_all(settings: Settings, urls: list[str], read: bool) -> list[dict[str, object]]:
    outcomes: list[dict[str, object]] = []
    async with Fetcher(settings) as fetcher:
        for url in urls:
            reset_peak_rss()
            result = await fetcher.fetch(url)
            link = read_as_the_pipeline_does(result) if read else None
            outcomes.append(
                {"url": result.url, "error": result.error, "reason": result.reason, "status": result.status,
                 "truncated": result.truncated, "link": link, "peak_rss_mb": peak_rss_mb()}
            )  # fmt: skip
            del result
    return outcomes


def read_as_the_pipeline_does(result: FetchResult) -> str:
    page = None
    if result.status is not None and result.body:
        page = extract_page(result.body, result.content_type, result.final_url, truncated=result.truncated)
    return classify_link(result, page, page).status.value


def main(argv: list[str]) -> None:
    read = argv[:1] == ["--read"]
    args = argv[1:] if read else argv
    max_bytes, timeout_s, urls = int(args[0]), float(args[1]), args[2:]
    settings = Settings(
        timeout_s=timeout_s,
        retries=0,
        per_host_delay_s=0,
        max_bytes=max_bytes,
        respect_robots=False,
        allow_networks=(ipaddress.ip_network("127.0.0.0/8"),),
    )
    results = asyncio.run(fetch_all(settings, urls, read))
    overall = max([peak_rss_mb(), *(float(str(r["peak_rss_mb"])) for r in results)])
    print(json.dumps({"results": results, "peak_rss_mb": overall}))


def reset_peak_rss() -> None:
    """Reset this process's high-water mark (Linux: writing 5 to clear_refs), if allowed."""
    try:
        CLEAR_REFS.write_text("5")
    except OSError:
        return


def peak_rss_mb() -> float:
    """This process's peak RSS. getrusage's ru_maxrss survives exec, so a child started by a
    large parent would report the parent's peak; /proc's VmHWM belongs to this image only."""
    if STATUS.exists():
        for line in STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux and BSD: KiB


if __name__ == "__main__":
    main(sys.argv[1:])
