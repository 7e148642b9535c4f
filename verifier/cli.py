"""Command line: parse arguments, call the pipeline, map errors to exit codes. No logic."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from verifier.changes import is_source_failing
from verifier.fetch import Fetcher, PageFetcher
from verifier.history import HistoryError, HistoryStore
from verifier.html_report import open_in_browser
from verifier.lock import AlreadyRunning, run_lock
from verifier.pipeline import RunOptions, publish_run, render_reports, run_once
from verifier.quotes import QuoteMatcher
from verifier.records import VERSION, Document, QuoteVerdict, Settings, SourceResult
from verifier.report import Report
from verifier.schedule import run_schedule
from verifier.snapshots import ConditionalFetcher
from verifier.sources import InputError, load_documents

EXIT_OK = 0
EXIT_FAILING = 1
EXIT_INPUT = 2
EXIT_NETWORK_DOWN = 3
DEFAULT_INPUT = "sources.toml"
DEFAULT_OUT = "results"
HISTORY_FILE = "history.sqlite"

log = logging.getLogger("verifier")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verifier", description="Verify what an article cites.")
    parser.add_argument("--version", action="version", version=f"verifier {VERSION}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    verify = commands.add_parser("verify", help="fetch every source, check quotes and claims, write results/")
    verify.add_argument("files", nargs="*", default=[DEFAULT_INPUT], metavar="FILES")
    _add_out(verify)
    verify.add_argument("--fail-on", choices=("any", "new", "never"), default="new",
                        help="exit 1 when any / newly failing sources fail (default: new)")
    verify.add_argument("--only", nargs="+", default=[], metavar="ID", help="check only these source ids")
    verify.add_argument("--no-archive", action="store_true", help="skip the web-archive fallback")

    schedule = commands.add_parser("schedule", help="run verify on settings.schedule until SIGTERM")
    schedule.add_argument("files", nargs="*", default=[DEFAULT_INPUT], metavar="FILES")
    _add_out(schedule)

    report = commands.add_parser("report", help="re-render the reports from the history; fetch nothing")
    _add_out(report)
    report.add_argument("--open", action="store_true", help="print the HTML report's path and open it")

    history = commands.add_parser("history", help="a source's status over time (all sources without ID)")
    history.add_argument("id", nargs="?", metavar="ID")
    _add_out(history)

    check = commands.add_parser("check", help="validate the input files only; fetch nothing")
    check.add_argument("files", nargs="*", default=[DEFAULT_INPUT], metavar="FILES")
    return parser


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=DEFAULT_OUT, type=Path, help="results folder (default: results/)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    interactive = sys.stderr.isatty()
    logging.basicConfig(
        level=logging.WARNING,  # libraries: warnings only; our own loggers below: info
        stream=sys.stderr,
        format="%(message)s" if interactive else "%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
    )
    logging.getLogger("verifier").setLevel(logging.INFO)
    for noisy in ("trafilatura", "pypdf", "htmldate", "courlan"):  # warn on every thin or damaged page
        logging.getLogger(noisy).setLevel(logging.ERROR)
    if args.command in ("verify", "schedule", "report") and args.out.resolve() == args.out.resolve().parent:
        print(f"verifier: --out {args.out} is the root of the file system; give a folder for the results",
              file=sys.stderr)
        return EXIT_INPUT
    if args.command == "report":
        return command_report(args.out, args.open)
    if args.command == "history":
        return command_history(args.out, args.id)
    try:
        documents = load_documents(args.files)
    except InputError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return EXIT_INPUT
    if args.command == "check":
        count = sum(len(d.sources) for d in documents)
        print(f"ok: {len(documents)} file(s), {count} source(s)")
        return EXIT_OK
    if args.command == "schedule":
        settings = documents[0].settings
        return run_schedule(lambda: verify_files(args.files, args.out), settings.schedule, settings.timezone)
    unknown = [i for i in args.only if i not in {s.id for d in documents for s in d.sources}]
    if unknown:
        print(f"--only: unknown source id(s): {', '.join(unknown)}", file=sys.stderr)
        return EXIT_INPUT
    options = RunOptions(only=frozenset(args.only), use_archive=not args.no_archive)
    return command_verify(documents, args.files, args.out, options, args.fail_on)


def verify_files(files: Sequence[str], out: Path) -> int:
    """One scheduled run: the input is read afresh, so edits take effect on the next run."""
    try:
        documents = load_documents(files)
    except InputError as error:
        for message in error.messages:
            log.error("input error: %s", message)
        return EXIT_INPUT
    return command_verify(documents, files, out, RunOptions(), "new")


def command_verify(documents: list[Document], files: Sequence[str], out: Path, options: RunOptions,
                   fail_on: str) -> int:
    """One run over `out`. A results folder that cannot be written (full disk, file-size limit,
    read-only folder) ends the run with exit code 2, SPEC's closest ("usage or input error"),
    and one line on stderr naming the folder and the cause. What the folder held stays whole:
    every report file is replaced atomically and the history commits whole runs, so the
    previous latest.json, index.html and history remain as they were."""
    try:
        with run_lock(out), HistoryStore.open(out / HISTORY_FILE) as store:

            @asynccontextmanager
            async def recording_fetcher(settings: Settings) -> AsyncIterator[PageFetcher]:
                async with Fetcher(settings) as fetcher:
                    yield ConditionalFetcher(fetcher, store, out)

            total = sum(1 for d in documents for s in d.sources if not options.only or s.id in options.only)
            progress = Progress(total, sys.stderr.isatty())
            run = asyncio.run(run_once(documents, options, fetcher_factory=recording_fetcher,
                                       matcher=QuoteMatcher(), on_result=progress))
            if run.guard_refusal is not None:
                print(f"verifier: the address guard refused every source, so nothing was checked "
                      f"({run.guard_refusal}); nothing is recorded. Add the range to [settings] "
                      "allow_networks if these addresses are meant to be fetched.", file=sys.stderr)
                return EXIT_INPUT
            report = publish_run(run, documents, inputs=files, out=out, store=store)
            had_reports = store.latest_complete_report() is not None
    except AlreadyRunning as error:
        print(f"verifier: {error}; not starting a second run", file=sys.stderr)
        return EXIT_INPUT
    except HistoryError as error:
        print(f"verifier: {error}", file=sys.stderr)
        return EXIT_INPUT
    except (OSError, sqlite3.Error) as error:
        print(f"verifier: cannot write results to {out}: {_write_failure(error)}", file=sys.stderr)
        return EXIT_INPUT
    kept = ("the reports of the last complete run are kept" if had_reports
            else "no reports are written until a complete run")
    if not run.network_ok:
        print("verifier: the network looks down (no host, not even the archive, answered); nothing is "
              f"recorded as failing; {kept}; this attempt is in {out / 'runs'}.", file=sys.stderr)
        return EXIT_NETWORK_DOWN
    for source in report["sources"]:
        print(summary_line(source))
    if run.subset:
        print(f"verifier: --only checked {len(report['sources'])} source(s): recorded in {out / 'runs'} and the "
              f"history, not in latest.*, junit.xml, index.html or metrics.prom ({kept}).", file=sys.stderr)
    return exit_code(report, fail_on)


def _write_failure(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, sqlite3.Error):
        return f"{HISTORY_FILE}: {error}"
    where = f"{error.filename}: " if error.filename else ""
    return where + (error.strerror or str(error))


def exit_code(report: Report, fail_on: str) -> int:
    failing = [s for s in report["sources"] if is_source_failing(s)]
    if fail_on == "any" and failing:
        return EXIT_FAILING
    if fail_on == "new" and any(s["change"] in ("new", "newly_failing") for s in failing):
        return EXIT_FAILING
    return EXIT_OK


def summary_line(source: dict[str, Any]) -> str:
    quotes = source["quotes"]
    supported = sum(1 for q in quotes if QuoteVerdict(q["verdict"]).is_supported)
    link = source["link"]
    state = "no URL yet" if link is None else f"{link['status']}: {link['reason']}"
    return f"{source['verdict']:<22} {source['id']:<32} {supported}/{len(quotes)} supported  {state}"


def command_report(out: Path, open_page: bool) -> int:
    """Re-render the reports of the last complete run; a network-down or --only run never
    replaces them (see `publish_run`)."""
    try:
        with run_lock(out), HistoryStore.open(out / HISTORY_FILE) as store:
            report = store.latest_complete_report()
            if report is None:
                print(f"verifier: no complete run in {out / HISTORY_FILE} (network-down and --only runs "
                      "are kept in the history but never become the reports)", file=sys.stderr)
                return EXIT_INPUT
            render_reports(report, store, out)
    except (AlreadyRunning, HistoryError) as error:
        print(f"verifier: {error}", file=sys.stderr)
        return EXIT_INPUT
    page = out / "index.html"
    print(page.resolve())
    if open_page:
        open_in_browser(page)
    return EXIT_OK


def command_history(out: Path, source_id: str | None) -> int:
    path = out / HISTORY_FILE
    if not path.exists():
        print(f"verifier: no history at {path}", file=sys.stderr)
        return EXIT_INPUT
    with HistoryStore.open(path) as store:
        ids = [source_id] if source_id else store.source_ids()
        if source_id and source_id not in store.source_ids():
            print(f"verifier: no history for source {source_id!r}", file=sys.stderr)
            return EXIT_INPUT
        for sid in ids:
            print(sid)
            for entry in store.timeline(sid):
                status = entry.link_status.value if entry.link_status else "-"
                dead = " confirmed dead" if entry.confirmed_dead else ""
                change = entry.change.value if entry.change else "-"
                network = "" if entry.network == "ok" else "  (network down)"
                print(f"  {entry.started_at.isoformat()}  {entry.verdict.value:<22} {status:<12} "
                      f"{change:<15}{dead}{network}")
    return EXIT_OK


class Progress:
    """On a terminal a progress bar on stderr; otherwise (cron) one structured log line per
    source, given its final link status (`run_once` holds results back until the network
    is known to be up)."""

    def __init__(self, total: int, interactive: bool) -> None:
        self.total = total
        self.done = 0
        self.interactive = interactive

    def __call__(self, result: SourceResult) -> None:
        self.done += 1
        link = result.link
        if self.interactive:
            width = 24
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if self.done >= self.total else ""
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} {result.source.id[:40]:<40}{end}")
            sys.stderr.flush()
            return
        http = link.http_status if link and link.http_status is not None else "-"
        log.info("checked source=%s link=%s http=%s quotes=%d", result.source.id,
                 link.status.value if link else "none", http, len(result.quotes))
