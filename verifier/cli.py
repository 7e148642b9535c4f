"""Command line: parse arguments, call the pipeline, map errors to exit codes. No logic.

Only what every command needs is imported at start-up; the fetcher, the pipeline (text
extraction, the quote judge), the progress bar and the scheduler are imported by the
commands that use them, so that `--version`, `--help` and `check` answer at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sqlite3
import sys
import traceback
from collections.abc import AsyncIterator, Sequence
from contextlib import ExitStack, asynccontextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from verifier.changes import is_source_failing
from verifier.history import HistoryError, HistoryStore, failed_file
from verifier.lock import AlreadyRunning, run_lock
from verifier.records import DEFAULT_WINDOW_DAYS, VERSION, Document, QuoteVerdict, Settings, SourceResult
from verifier.report import Report
from verifier.sources import InputError, load_documents

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from verifier.citations import ArticleText
    from verifier.fetch import PageFetcher
    from verifier.judge.matcher import QuoteMatcher
    from verifier.pipeline import RunOptions
    from verifier.publishers import PublisherTable
    from verifier.records import Source
    from verifier.resolve import Resolution

EXIT_OK = 0
EXIT_FAILING = 1
EXIT_INPUT = 2
EXIT_NETWORK_DOWN = 3
EXIT_ERROR = 4
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a process stopped by Ctrl-C
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: the reader of stdout went away (`| head`)
DEFAULT_INPUT = "sources.toml"
DEFAULT_OUT = "results"
HISTORY_FILE = "history.sqlite"
DEFAULT_HISTORY_LIMIT = 50
ARTICLE_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}
PROCESS_POOL_MIN_SOURCES = 50
EXIT_CODES = """\
exit codes:
  0    the run completed and nothing fails under --fail-on
  1    the run completed and some source fails under --fail-on
  2    usage or input error, nothing fetched; also: another run holds the results
       folder's lock, or the results or history cannot be read or written
  3    inconclusive: the network looked down; nothing recorded as failing
  4    the verifier itself failed (a bug); one line on stderr, --debug for the traceback
  130  interrupted (Ctrl-C); the results folder holds whole runs only
  141  stdout was closed before everything was printed (`| head`)
"""

log = logging.getLogger("verifier")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verifier", description="Verify what an article cites.",
                                     epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"verifier {VERSION}")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an unexpected error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text, epilog=EXIT_CODES,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    verify = command("verify", "fetch every source, check quotes and claims, write the results folder")
    _add_files(verify)
    _add_out(verify)
    verify.add_argument("--fail-on", choices=("any", "new", "never"), default="new",
                        help="exit 1 when any / newly failing sources fail (default: new)")
    verify.add_argument("--only", nargs="+", default=[], metavar="ID",
                        help="check only these source ids (a value with '.' or '/' in it is taken as a FILE)")
    verify.add_argument("--no-archive", action="store_true", help="skip the web-archive fallback")
    verify.add_argument("--links-only", action="store_true",
                        help="check links only: liveness, alternates and archive look-up, no quote matching "
                             "(quotes are unverifiable, 'not checked: --links-only')")
    verify.add_argument("--dask", metavar="ADDRESS",
                        help="check the sources on a Dask distributed cluster (e.g. tcp://host:8786), "
                             "sharded by host; the history and reports are written here")

    schedule = command("schedule", "run verify on settings.schedule (of the first FILE) until SIGTERM")
    _add_files(schedule)
    _add_out(schedule)

    report = command("report", "re-render the reports from the history; fetch nothing")
    _add_out(report)
    report.add_argument("--open", action="store_true", help="print the HTML report's path and open it")

    history = command("history", "a source's status over time (all sources without ID)")
    history.add_argument("id", nargs="?", metavar="ID", help="the source id (default: every source)")
    _add_out(history)
    history.add_argument("--limit", type=_count, default=DEFAULT_HISTORY_LIMIT, metavar="N",
                         help=f"the N most recent runs per source (default: {DEFAULT_HISTORY_LIMIT}; 0: all)")

    check = command("check", "validate the input files only; fetch nothing")
    _add_files(check)

    extract = command("extract", "read an article (text, HTML or PDF file, or URL) and print a draft sources.toml")
    extract.add_argument("article", metavar="ARTICLE", help="a file, or an http(s) URL fetched politely")
    extract.add_argument("--date", type=_day, metavar="YYYY-MM-DD",
                         help="the article's publication date, when the article does not say")
    _add_publishers(extract)

    resolve = command("resolve", "find URLs for sources that have none: web archive index, sitemaps, quote judge")
    _add_files(resolve)
    resolve.add_argument("--all", action="store_true", help="also look for sources that have a URL")
    resolve.add_argument("--write", action="store_true",
                         help="fill in the URL when one candidate clearly wins (with a comment; layout kept)")
    resolve.add_argument("--window", type=_count, default=DEFAULT_WINDOW_DAYS, metavar="DAYS",
                         help=f"search this many days either side of the source's date (default {DEFAULT_WINDOW_DAYS})")
    _add_publishers(resolve)
    return parser


def _add_publishers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--publishers", action="append", type=Path, default=[], metavar="FILE",
                        help="a publisher table of your own (format of verifier/data/publishers.toml); "
                             "adds to the built-in one")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2025-07-01, got {text!r}") from None


def _add_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", default=[], metavar="FILES",
                        help=f"sources.toml files (default: {DEFAULT_INPUT})")


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=DEFAULT_OUT, type=Path, help="results folder (default: results/)")


def _count(text: str) -> int:
    if not text.isdecimal():
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Every way out is one of EXIT_CODES: an unexpected exception is one line on stderr and
    exit 4 (1 means a source fails), Ctrl-C is 130 and a closed stdout 141, no traceback
    unless --debug."""
    args = build_parser().parse_args(argv)
    try:
        code = run_command(args)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at interpreter exit
        return code
    except KeyboardInterrupt:
        print("verifier: interrupted; the results folder holds whole runs only", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Python would report the closed pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_PIPE
    except Exception as error:
        if args.debug:
            traceback.print_exc()
        hint = "" if args.debug else " (run with --debug for the traceback)"
        print(f"verifier: unexpected error: {type(error).__name__}: {error}{hint}", file=sys.stderr)
        return EXIT_ERROR


def run_command(args: argparse.Namespace) -> int:
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
        return command_history(args.out, args.id, args.limit)
    if args.command == "extract":
        return command_extract(args.article, args.date, args.publishers)
    if args.command == "verify":
        # `verify --only ID FILE`: ids are [a-z0-9-]+, so a value with '.' or '/' is a file.
        named_files = [value for value in args.only if "." in value or "/" in value]
        args.files += named_files
        args.only = [value for value in args.only if value not in named_files]
    args.files = args.files or [DEFAULT_INPUT]
    try:
        documents = load_documents(args.files)
    except InputError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return EXIT_INPUT
    if args.command == "resolve":
        return command_resolve(documents, args.all, args.write, args.window, args.publishers)
    if args.command == "check":
        sources = [s for d in documents for s in d.sources]
        unresolved = sum(1 for s in sources if s.url is None)
        waiting = f" ({unresolved} unresolved: no URL yet)" if unresolved else ""
        print(f"ok: {len(documents)} file(s), {len(sources)} source(s){waiting}")
        return EXIT_OK
    if args.command == "schedule":
        from verifier.schedule import run_schedule

        settings = documents[0].settings
        return run_schedule(lambda: verify_files(args.files, args.out), settings.schedule, settings.timezone)
    unknown = [i for i in args.only if i not in {s.id for d in documents for s in d.sources}]
    if unknown:
        print(f"--only: unknown source id(s): {', '.join(unknown)}", file=sys.stderr)
        return EXIT_INPUT
    processes = pool_processes(documents, args.only)
    with ExitStack() as stack:
        # --links-only on every core: its processes start now and import what they need while
        # this one imports the pipeline and opens the results folder (~0.7 s sooner to fetch)
        cores = (stack.enter_context(start_cores(processes)) if args.links_only and args.dask is None and processes > 1
                 else None)
        from verifier.pipeline import RunOptions

        options = RunOptions(only=frozenset(args.only), use_archive=not args.no_archive, links_only=args.links_only)
        return command_verify(documents, args.files, args.out, options, args.fail_on, dask=args.dask, cores=cores)


def pool_processes(documents: Sequence[Document], only: Sequence[str]) -> int:
    """Worker processes for a run over the sources of `documents` (those in `only`, when given):
    one per core from PROCESS_POOL_MIN_SOURCES sources on (they pay off from a few dozen
    sources on), else none (checked in-process)."""
    from verifier import workers

    total = sum(1 for d in documents for s in d.sources if not only or s.id in only)
    return workers.default_processes() if total >= PROCESS_POOL_MIN_SOURCES else 0


def start_cores(processes: int) -> Executor:
    """The processes of a --links-only run on every core (`cluster.run_on_cores`), each started
    at once and importing the cluster module."""
    from verifier.workers import WorkerPool

    return WorkerPool(processes, None, preload=["verifier.cluster"])


def verify_files(files: Sequence[str], out: Path) -> int:
    """One scheduled run: the input is read afresh, so edits take effect on the next run."""
    try:
        documents = load_documents(files)
    except InputError as error:
        for message in error.messages:
            log.error("input error: %s", message)
        return EXIT_INPUT
    from verifier.pipeline import RunOptions

    return command_verify(documents, files, out, RunOptions(), "new")


def command_verify(documents: list[Document], files: Sequence[str], out: Path, options: RunOptions,
                   fail_on: str, *, dask: str | None = None, cores: Executor | None = None) -> int:
    """One run over `out`. A results folder that cannot be written (full disk, file-size limit,
    read-only folder) ends the run with exit code 2, SPEC's closest ("usage or input error"),
    and one line on stderr naming the folder and the cause. What the folder held stays whole:
    every report file is replaced atomically and the history commits whole runs, so the
    previous latest.json, index.html and history remain as they were. `cores`: the processes of
    a --links-only run on every core (`start_cores`), None to check the sources otherwise."""
    import asyncio

    from verifier.cluster import ClusterError, SharedStores, run_on_cluster, run_on_cores
    from verifier.fetch import Fetcher
    from verifier.judge.matcher import QuoteMatcher
    from verifier.pipeline import publish_run, run_once
    from verifier.snapshots import ConditionalFetcher, WrittenFiles
    from verifier.verdicts import VERDICTS_FILE, VerdictStore, judge_version
    from verifier.workers import MatcherSpec

    matcher = QuoteMatcher()
    judge = judge_version(f"semantic={matcher.semantic};{matcher.thresholds!r}")
    try:
        with (run_lock(out), HistoryStore.open(out / HISTORY_FILE) as store,
              VerdictStore.open(out / VERDICTS_FILE, judge) as verdicts):

            written = WrittenFiles()  # the snapshots this process writes, synced before the run is recorded

            @asynccontextmanager
            async def recording_fetcher(settings: Settings) -> AsyncIterator[PageFetcher]:
                async with Fetcher(settings) as fetcher:
                    yield ConditionalFetcher(fetcher, store, out, written)

            total = sum(1 for d in documents for s in d.sources if not options.only or s.id in options.only)
            processes = pool_processes(documents, sorted(options.only))
            with Progress(total, sys.stderr.isatty()) as progress:
                if dask is not None:
                    run = run_on_cluster(dask, documents, options, spec=MatcherSpec.of(matcher), out=out,
                                         on_result=progress)
                elif cores is not None:  # fetched and read on every core
                    stores = SharedStores(str(out / HISTORY_FILE), str(out / VERDICTS_FILE), judge, verdicts.reader)
                    run = run_on_cores(documents, options, cores, processes=processes, stores=stores, out=out,
                                       on_result=progress)
                else:
                    run = asyncio.run(run_once(documents, options, fetcher_factory=recording_fetcher,
                                               matcher=matcher, on_result=progress, verdicts=verdicts,
                                               processes=processes, spool_folder=out))
            verdicts.save()
            if run.guard_refusal is not None:
                print(f"verifier: the address guard refused every source, so nothing was checked "
                      f"({run.guard_refusal}); nothing is recorded. Add the range to [settings] "
                      "allow_networks if these addresses are meant to be fetched.", file=sys.stderr)
                return EXIT_INPUT
            report = publish_run(run, documents, inputs=files, out=out, store=store, written=written)
            had_reports = store.latest_complete_report() is not None
    except AlreadyRunning as error:
        print(f"verifier: {error}; not starting a second run", file=sys.stderr)
        return EXIT_INPUT
    except ClusterError as error:
        print(f"verifier: {error}", file=sys.stderr)
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
    """What failed and why: the file, when the error names one (a SQLite error names the
    store it happened in: `history.failed_file`), and the cause."""
    if isinstance(error, sqlite3.Error):
        return f"{failed_file(error) or 'SQLite'}: {error}"
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


def command_extract(target: str, given_date: date | None, tables: Sequence[Path]) -> int:
    """Print a draft sources.toml for the article at `target` (a file or a URL)."""
    import asyncio

    from verifier.citations import ArticleUnreadable, draft_sources, read_article, render_draft
    from verifier.publishers import PublisherTable, PublisherTableError

    try:
        table = PublisherTable.load(tables)
        if re.match(r"https?://", target, re.IGNORECASE):
            article = asyncio.run(_fetch_article(target, Settings()))
        else:
            path = Path(target)
            article = read_article(path.read_bytes(), ARTICLE_TYPES.get(path.suffix.lower(), ""), path.name)
    except (PublisherTableError, ArticleUnreadable) as error:
        print(f"verifier: {error}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as error:
        print(f"verifier: cannot read {target}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INPUT
    if not article.text.strip():
        print(f"verifier: no text could be read from {target}", file=sys.stderr)
        return EXIT_INPUT
    draft = draft_sources(article, table, source_name=target, today=date.today(), given_date=given_date)
    print(render_draft(draft), end="")
    return EXIT_OK


def command_resolve(documents: Sequence[Document], everything: bool, write: bool, window: int,
                    tables: Sequence[Path]) -> int:
    """Look for the URLs of sources without one (every source with --all); print what was
    found; with --write put clear winners into their files."""
    import asyncio

    from verifier.judge.matcher import QuoteMatcher
    from verifier.publishers import PublisherTable, PublisherTableError
    from verifier.resolve import how_found, write_url

    try:
        table = PublisherTable.load(tables)
    except PublisherTableError as error:
        print(f"verifier: {error}", file=sys.stderr)
        return EXIT_INPUT
    matcher = QuoteMatcher()
    for document in documents:
        wanted = [(i, s) for i, s in enumerate(document.sources) if everything or s.url is None]
        if not wanted:
            print(f"{document.path}: every source has a URL (--all looks for them too)")
            continue
        found = asyncio.run(_resolve_all(document, [s for _, s in wanted], table, matcher, window))
        for (index, source), resolution in zip(wanted, found, strict=True):
            print(resolution_text(resolution))
            winner = resolution.winner
            if write and winner is not None and winner.candidate.url != source.url:
                write_url(Path(document.path), index, winner.candidate.url, how_found(winner, date.today()))
                print(f"  wrote url into {document.path}")
    return EXIT_OK


async def _resolve_all(document: Document, sources: Sequence[Source], table: PublisherTable,
                       matcher: QuoteMatcher, window: int) -> list[Resolution]:
    from verifier.fetch import Fetcher
    from verifier.resolve import resolve_source

    async with Fetcher(document.settings) as fetcher:
        return [await resolve_source(fetcher, matcher, source, table, document.settings.archive, window_days=window)
                for source in sources]


def resolution_text(resolution: Resolution) -> str:
    source = resolution.source
    about = ", ".join(filter(None, [source.publisher, source.published.isoformat() if source.published else None]))
    lines = [f"{source.id} ({about or 'no publisher, no date'}): {resolution.verdict}"]
    lines += [f"  searched: {note}" for note in resolution.gathered]
    for judged in resolution.judged:
        via = " and ".join(judged.candidate.found_by)
        lines.append(f"  {judged.score:.2f}  {judged.supported}/{judged.total} supported  {judged.candidate.url}"
                     f"  (rank {judged.candidate.rank:.2f}; via {via})")
        if judged.problem:
            lines.append(f"        {judged.problem}")
        elif judged.evidence:
            lines.append(f"        evidence: {_clip(judged.evidence)!r}")
    unread = len(resolution.candidates) - len(resolution.judged)
    if unread > 0:
        lines.append(f"  ({unread} lower-ranked candidate(s) not read)")
    return "\n".join(lines)


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


async def _fetch_article(url: str, settings: Settings) -> ArticleText:
    from verifier.citations import fetch_article
    from verifier.fetch import Fetcher

    async with Fetcher(settings) as fetcher:
        return await fetch_article(fetcher, url)


def command_report(out: Path, open_page: bool) -> int:
    """Re-render the reports of the last complete run; a network-down or --only run never
    replaces them (see `publish_run`)."""
    from verifier.html_report import open_in_browser
    from verifier.pipeline import render_reports

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
    except (OSError, sqlite3.Error) as error:
        print(f"verifier: cannot render the report in {out}: {_write_failure(error)}", file=sys.stderr)
        return EXIT_INPUT
    page = out / "index.html"
    print(page.resolve())
    if open_page and not open_in_browser(page):
        print(f"verifier: no web browser could be started; open {page.resolve()} yourself", file=sys.stderr)
    return EXIT_OK


def command_history(out: Path, source_id: str | None, limit: int) -> int:
    """Read-only: works on a read-only folder and on another user's results."""
    try:
        with HistoryStore.open_readonly(out / HISTORY_FILE) as store:
            known = store.source_ids()
            if source_id and source_id not in known:
                print(f"verifier: no history for source {source_id!r}", file=sys.stderr)
                return EXIT_INPUT
            # one run more than shown, to tell whether earlier runs were left out
            timelines = {sid: store.timeline(sid, limit + 1 if limit else None)
                         for sid in ([source_id] if source_id else known)}
    except (HistoryError, sqlite3.Error) as error:
        print(f"verifier: cannot read the history: {error}", file=sys.stderr)
        return EXIT_INPUT
    print(f"{'source / run started':<34}  {'verdict':<22} {'link':<12} change")
    for sid, timeline in timelines.items():
        print(sid)
        if limit and len(timeline) > limit:
            print(f"  (earlier runs not shown: --limit {limit}; --limit 0 shows every run)")
        for entry in timeline[-limit if limit else 0:]:
            status = entry.link_status.value if entry.link_status else "-"
            dead = " confirmed dead" if entry.confirmed_dead else ""
            change = entry.change.value if entry.change else "-"
            network = "" if entry.network == "ok" else "  (network down)"
            print(f"  {entry.started_at.isoformat():<32}  {entry.verdict.value:<22} {status:<12} "
                  f"{change:<15}{dead}{network}".rstrip())
    return EXIT_OK


class Progress:
    """On a terminal a progress bar on stderr (tqdm), drawn from the start and naming the
    source checked last; otherwise (cron) one structured log line per source, given its
    final link status (`run_once` holds results back until the network is known to be up).
    Close it (or use it as a context manager) to finish the bar's line."""

    def __init__(self, total: int, interactive: bool) -> None:
        from tqdm import tqdm

        self.bar = (
            tqdm(total=total, file=sys.stderr, desc="checking", unit="source", dynamic_ncols=True)
            if interactive
            else None
        )

    def __call__(self, result: SourceResult) -> None:
        link = result.link
        if self.bar is not None:
            self.bar.set_postfix_str(f"last: {result.source.id[:40]}", refresh=False)
            self.bar.update(1)
            return
        http = link.http_status if link and link.http_status is not None else "-"
        log.info("checked source=%s link=%s http=%s quotes=%d", result.source.id,
                 link.status.value if link else "none", http, len(result.quotes))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()
