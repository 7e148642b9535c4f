"""`make bench` (pipeline part): the whole job over a local site of N article pages,
against a baseline in the same run: plain httpx GETs of the same pages, trafilatura
extraction and a substring check, nothing else (no guard, robots, probes, history,
snapshots or reports). Prints the median of several runs of each and the overhead.

    .venv/bin/python -m bench.bench_pipeline [--pages 40] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import trafilatura

from tests.siteserver import Site, serve
from verifier.cli import main

PARAGRAPH = (
    "<p>Industrial policy is back in fashion in Washington, but money alone does not build factories. "
    "Permits, power lines and trained workers decide how fast capacity comes online, and page {n} of this "
    "fixture says so in its own words: grid upgrades came first and demand followed.</p>"
)


def article(n: int) -> str:
    body = "".join(PARAGRAPH.format(n=n) for _ in range(30))
    head = f"<html><head><title>Article {n}</title></head>"
    return f"{head}<body><article><h1>Article {n}</h1>{body}</article></body></html>"


def quote(n: int) -> str:
    return f"page {n} of this fixture says so in its own words: grid upgrades came first and demand followed."


def write_sources(path: Path, site: Site, pages: int) -> None:
    lines = ["[settings]", "retries = 0", "per_host_delay_s = 0", "per_host_concurrency = 8",
             'allow_networks = ["127.0.0.0/8"]', 'archive = "none"', ""]
    for n in range(pages):
        lines += ["[[sources]]", f'id = "page-{n}"', f'url = "{site.url(f"/a/{n}")}"', f'quotes = ["{quote(n)}"]', ""]
    path.write_text("\n".join(lines), encoding="utf-8")


async def baseline(site: Site, pages: int) -> int:
    found = 0
    async with httpx.AsyncClient() as client:
        semaphore = asyncio.Semaphore(8)

        async def one(n: int) -> bool:
            async with semaphore:
                response = await client.get(site.url(f"/a/{n}"))
            text = trafilatura.extract(response.text) or ""
            return quote(n) in text

        found = sum(await asyncio.gather(*(one(n) for n in range(pages))))
    return found


def timed(fn: object) -> float:
    assert callable(fn)
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(pages: int, runs: int) -> None:
    with serve() as site, tempfile.TemporaryDirectory() as folder:
        for n in range(pages):
            site.page(f"/a/{n}", article(n))
        sources = Path(folder) / "sources.toml"
        write_sources(sources, site, pages)
        base_times, job_times = [], []
        for i in range(runs):
            base_times.append(timed(lambda: asyncio.run(baseline(site, pages))))
            out = Path(folder) / f"out-{i}"
            job_times.append(timed(lambda out=out: main(["verify", str(sources), "--out", str(out),
                                                         "--fail-on", "never"])))
    base, job = statistics.median(base_times), statistics.median(job_times)
    print(f"pages: {pages}, runs: {runs} (medians)")
    print(f"baseline (httpx + trafilatura + substring): {base:.2f} s  ({1000 * base / pages:.0f} ms/page)")
    print(f"verifier verify (whole job, fresh results): {job:.2f} s  ({1000 * job / pages:.0f} ms/page)")
    print(f"overhead: x{job / base:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    run(options.pages, options.runs)
