"""`make bench` (scale part): the whole job over a fixture web (bench/fixture_web.py) of N
sources on H loopback hosts (127.0.x.y), a fixed latency per response, 50-100 KB article
pages, 5% 404 and 3% soft 404, two quotes per source.

Runs `verifier verify` as a child process, each against a fresh fixture web:
  first    full mode, empty results folder
  second   full mode again over the same folder (pages unchanged: 304s, verdicts reused)
  links    --links-only, empty results folder
then the link-checking peers on the same URL list, each against a fresh fixture web:
  linkchecker  (PyPI, in .venv-peers) `-r0`: the given URLs only, no recursion
  linkinator   (npm, in bench/peers/node_modules) on a page linking to every URL, without
               --recurse: HEAD requests to the URLs only
printed with their walls as ratios (our wall / theirs) and what they reported broken; a peer
that is not installed (`make bench-peers`) or cannot run is named with the reason and skipped.
It also times `verifier --version` and `verifier check`. For each run it prints wall, CPU
(user + sys, the child's process tree), peak RSS (the tree's resident memory summed,
sampled every 0.5 s) and peak PSS (the same with shared pages split between the processes
sharing them), body bytes served, sources/s, the politeness bound (per host
ceil(requests / per_host_concurrency) x latency, plus the delays, max over hosts) and
bound / wall, and checks the verdicts against the plan. It never fails on a timing.

    .venv/bin/python -m bench.bench_scale [--sources 200] [--hosts 20] [--latency 0.15]
    .venv/bin/python -m bench.bench_scale --sources 3000 --hosts 100
    .venv/bin/python -m bench.bench_scale --checkout DIR   # another commit's verifier, for before/after
    .venv/bin/python -m bench.bench_scale --skip-peers      # without linkchecker and linkinator
    .venv/bin/python -m bench.bench_scale --skip-full       # --links-only and the peers only
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.fixture_web import Kind, Planned, build_plan

VERIFIER = [sys.executable, "-m", "verifier"]
REPO = Path(__file__).resolve().parent.parent
LINKCHECKER = REPO / ".venv-peers" / "bin" / "linkchecker"
LINKINATOR = REPO / "bench" / "peers" / "node_modules" / ".bin" / "linkinator"
SAMPLE_S = 0.5  # reading /proc/PID/smaps_rollup of a big process costs CPU: not too often
EXPECTED_STATUS = {Kind.LIVE: "ok", Kind.GONE: "not_found", Kind.SOFT: "soft_404"}


@dataclass(frozen=True)
class Measured:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    peak_pss_mb: float
    exit_code: int


@dataclass(frozen=True)
class Served:
    requests: dict[str, int]
    body_bytes: int


@contextmanager
def fixture_web(args: argparse.Namespace, folder: Path) -> Iterator[tuple[int, list[Served]]]:
    """A fixture web in its own process on `args.port` (when not 0); yields its port and, after
    the block, its stats."""
    stats_file = folder / f"stats-{time.monotonic_ns()}.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.fixture_web", "--sources", str(args.sources), "--hosts", str(args.hosts),
         "--latency", str(args.latency), "--stats", str(stats_file), "--port", str(args.port)],
        stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().split()
    if len(line) != 2 or line[0] != "ready":
        process.kill()
        raise SystemExit("bench: the fixture web did not start")
    served: list[Served] = []
    try:
        yield int(line[1]), served
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    data = json.loads(stats_file.read_text(encoding="utf-8"))
    served.append(Served(data["requests"], data["body_bytes"]))


def tree_memory_kb(root: int) -> tuple[int, int]:
    """Resident memory (RSS) and proportional set size (PSS: shared pages split between the
    processes sharing them) of `root` and every descendant, in KiB (Linux /proc)."""
    rss, pss, pending, seen = 0, 0, [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines()
            rss += next(int(line.split()[1]) for line in rollup if line.startswith("Rss:"))
            pss += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text(encoding="ascii").split()]
        except (OSError, StopIteration, ValueError):
            continue
    return rss, pss


def measure(argv: Sequence[str], checkout: str | None = None, stdout: Path | None = None) -> Measured:
    """Run a command (with `checkout`'s verifier package first on the path, when given; its
    standard output into `stdout`, when given); its wall time, CPU time (its tree, from
    wait4) and peak tree RSS."""
    env = {**os.environ, "PYTHONPATH": checkout} if checkout else None
    with tempfile.TemporaryFile("w+") as errors, (stdout.open("w") if stdout else open(os.devnull, "w")) as output:
        # (a pipe left unread would fill up and stop the child)
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=output, stderr=errors, text=True, env=env,
                                   cwd=checkout)  # `python -m` puts the working folder first on the path
        peak, peak_pss = 0, 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak, peak_pss
            while not done.wait(SAMPLE_S):
                rss, pss = tree_memory_kb(process.pid)
                peak, peak_pss = max(peak, rss), max(peak_pss, pss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            print(errors.read()[-4000:], file=sys.stderr)
    peak = max(peak, usage.ru_maxrss)
    return Measured(wall, usage.ru_utime + usage.ru_stime, peak / 1024, peak_pss / 1024, process.returncode)


def write_sources(path: Path, plan: list[Planned], port: int, concurrency: int, delay_s: float) -> None:
    lines = ["[settings]", "retries = 0", f"per_host_concurrency = {concurrency}", f"per_host_delay_s = {delay_s}",
             'allow_networks = ["127.0.0.0/8"]', 'archive = "none"', ""]
    for item in plan:
        quotes = ", ".join(json.dumps(q) for q in item.quotes)
        lines += ["[[sources]]", f'id = "s{item.index:05d}"', f'url = "http://{item.host}:{port}{item.path}"',
                  f"quotes = [{quotes}]", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def politeness_bound(served: Served, concurrency: int, latency_s: float, delay_s: float) -> float:
    """The least wall time the politeness limits allow: per host, its requests in rounds of
    `concurrency` each taking `latency_s`, and no two starts closer than `delay_s`."""
    return max(
        (max(math.ceil(n / concurrency) * latency_s, (n - 1) * delay_s + latency_s) for n in served.requests.values()),
        default=0.0,
    )


def check_verdicts(out: Path, plan: list[Planned]) -> str:
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    expected = {f"s{p.index:05d}": p for p in plan}
    wrong = Counter[str]()
    quotes = Counter[str]()
    for source in report["sources"]:
        item = expected[source["id"]]
        status = source["link"]["status"]
        if status != EXPECTED_STATUS[item.kind]:
            wrong[f"{item.kind.value}->{status}"] += 1
        if item.kind is Kind.LIVE:
            quotes.update(q["verdict"] for q in source["quotes"])
    links = "links right" if not wrong else f"LINKS WRONG {dict(wrong)}"
    shown = ", ".join(f"{k} {v}" for k, v in sorted(quotes.items()))
    return f"{links}; quotes on live pages: {shown}"


def run_verify(label: str, args: argparse.Namespace, folder: Path, out: Path, extra: Sequence[str]) -> Measured:
    plan = build_plan(args.sources, args.hosts)
    with fixture_web(args, folder) as (port, served):
        args.port = port  # the next run's fixture web listens on the same port: same URLs
        sources = folder / "sources.toml"
        write_sources(sources, plan, port, args.concurrency, args.delay)
        measured = measure([*VERIFIER, "verify", str(sources), "--out", str(out), "--fail-on", "never", *extra],
                           args.checkout)
    bound = politeness_bound(served[0], args.concurrency, args.latency, args.delay)
    print(f"{label:<8} wall {measured.wall_s:7.1f} s  cpu {measured.cpu_s:7.1f} s "
          f"(cpu/wall {measured.cpu_s / measured.wall_s:4.2f})  peak rss {measured.peak_rss_mb:5.0f} MB "
          f"pss {measured.peak_pss_mb:5.0f} MB  "
          f"bytes {served[0].body_bytes / 1e6:7.1f} MB  {args.sources / measured.wall_s:6.1f} sources/s  "
          f"bound {bound:5.1f} s  bound/wall {bound / measured.wall_s:5.3f}  exit {measured.exit_code}")
    print(f"         {check_verdicts(out, plan)}")
    return measured


# ---------------------------------------------------------------- peers


def linkchecker_argv(urls: list[str], folder: Path) -> list[str]:
    """linkchecker on the URLs themselves (recursion level 0: none of their links), its
    defaults otherwise (10 threads, robots.txt obeyed), failures as CSV on stdout."""
    return [str(LINKCHECKER), "-r0", "--no-status", "--no-warnings", "-o", "csv", *urls]


def linkinator_argv(urls: list[str], folder: Path) -> list[str]:
    """linkinator on a local page linking to every URL, not recursing: it checks each link
    (HEAD, GET only when HEAD fails) and reads none of the pages. JSON on stdout."""
    page = folder / "urls.html"
    page.write_text("<!doctype html><title>urls</title>" + "".join(f'<a href="{u}">{n}</a>' for n, u in
                                                                   enumerate(urls)), encoding="utf-8")
    return [str(LINKINATOR), str(page), "--format", "json", "--concurrency", "100", "--timeout", "30000"]


def linkchecker_broken(output: str) -> int:
    """Rows of linkchecker's CSV whose `valid` column is False."""
    rows = [line.split(";") for line in output.splitlines() if line and not line.startswith("#")]
    if not rows:
        return 0
    valid = rows[0].index("valid")
    return sum(1 for row in rows[1:] if len(row) > valid and row[valid] == "False")


def linkinator_broken(output: str) -> int:
    links = json.loads(output)["links"]
    return sum(1 for link in links if link.get("state") == "BROKEN")


@dataclass(frozen=True)
class Peer:
    name: str
    program: Path
    argv: Callable[[list[str], Path], list[str]]
    broken: Callable[[str], int]


PEERS = (
    Peer("linkchecker", LINKCHECKER, linkchecker_argv, linkchecker_broken),
    Peer("linkinator", LINKINATOR, linkinator_argv, linkinator_broken),
)


def run_peers(args: argparse.Namespace, folder: Path, ours: dict[str, Measured]) -> None:
    """Each peer on the same URL list, against a fresh fixture web; its wall, our walls as
    ratios to it, and how many links it reported broken next to the plan's 404s and soft 404s.
    A peer that is missing or fails is named with the reason; nothing here fails the bench."""
    plan = build_plan(args.sources, args.hosts)
    kinds = Counter(p.kind for p in plan)
    for peer in PEERS:
        if not peer.program.exists():
            print(f"{peer.name:<11} not run: {peer.program.relative_to(REPO)} is missing (`make bench-peers`)")
            continue
        output = folder / f"{peer.name}.out"
        with fixture_web(args, folder) as (port, served):
            urls = [f"http://{p.host}:{port}{p.path}" for p in plan]
            measured = measure(peer.argv(urls, folder), stdout=output)
        text = output.read_text(encoding="utf-8", errors="replace")
        try:
            broken = peer.broken(text)
        except (ValueError, KeyError) as error:
            print(f"{peer.name:<11} not run: exit {measured.exit_code}, output not understood ({error}): "
                  f"{text[-300:]!r}")
            continue
        ratios = "  ".join(f"{label}/{peer.name} {m.wall_s / measured.wall_s:5.2f}" for label, m in ours.items())
        print(f"{peer.name:<11} wall {measured.wall_s:7.1f} s  cpu {measured.cpu_s:7.1f} s  "
              f"bytes {served[0].body_bytes / 1e6:7.1f} MB  requests {sum(served[0].requests.values())}  "
              f"exit {measured.exit_code}")
        print(f"            reported broken {broken} (the plan: {kinds[Kind.GONE]} 404, {kinds[Kind.SOFT]} soft 404)"
              f"; ours / theirs: {ratios}")


def run(args: argparse.Namespace) -> None:
    print(f"fixture web: {args.sources} sources on {args.hosts} hosts (127.0.x.y), {1000 * args.latency:.0f} ms per "
          f"response, per_host_concurrency {args.concurrency}, per_host_delay_s {args.delay}, {os.cpu_count()} cores")
    folder = Path(tempfile.mkdtemp(prefix="verifier-bench-"))
    try:
        sources = folder / "sources.toml"
        write_sources(sources, build_plan(args.sources, args.hosts), 1, args.concurrency, args.delay)
        version = min(measure([*VERIFIER, "--version"], args.checkout).wall_s for _ in range(3))
        check = min(measure([*VERIFIER, "check", str(sources)], args.checkout).wall_s for _ in range(3))
        print(f"startup  verifier --version {version:.2f} s; verifier check ({args.sources} sources) {check:.2f} s")
        ours: dict[str, Measured] = {}
        if not args.skip_full:
            ours["first"] = run_verify("first", args, folder, folder / "out", [])
            ours["second"] = run_verify("second", args, folder, folder / "out", [])
            print(f"         second run {ours['first'].wall_s / ours['second'].wall_s:.1f}x faster than the first")
        if not args.skip_links_only and not args.checkout:
            ours["links"] = run_verify("links", args, folder, folder / "out-links", ["--links-only"])
        if not args.skip_peers:
            run_peers(args, folder, ours)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.15, help="seconds per response")
    parser.add_argument("--concurrency", type=int, default=2, help="per_host_concurrency")
    parser.add_argument("--delay", type=float, default=0.0, help="per_host_delay_s")
    parser.add_argument("--skip-full", action="store_true", help="no first and second (full mode) runs")
    parser.add_argument("--skip-links-only", action="store_true", help="no --links-only run")
    parser.add_argument("--skip-peers", action="store_true", help="no linkchecker and linkinator runs")
    parser.add_argument("--checkout", metavar="DIR",
                        help="measure the verifier package in DIR instead (e.g. `git archive COMMIT | tar -x -C DIR`)")
    parser.set_defaults(port=0)
    run(parser.parse_args())
