"""Command line: parse arguments, call the pipeline, map errors to exit codes. No logic."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from verifier.fetch import Fetcher
from verifier.pipeline import RunOptions, RunResult, run_once
from verifier.quotes import QuoteMatcher
from verifier.records import VERSION, Document, SourceResult
from verifier.report import build_report, render_json, render_junit, render_markdown, write_atomic
from verifier.sources import InputError, load_documents

EXIT_OK = 0
EXIT_FAILING = 1
EXIT_INPUT = 2
EXIT_NETWORK_DOWN = 3
DEFAULT_INPUT = "sources.toml"
DEFAULT_OUT = "results"

log = logging.getLogger("verifier")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verifier", description="Verify what an article cites.")
    parser.add_argument("--version", action="version", version=f"verifier {VERSION}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    verify = commands.add_parser("verify", help="fetch every source, check quotes and claims, write results/")
    verify.add_argument("files", nargs="*", default=[DEFAULT_INPUT], metavar="FILES")
    verify.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: results/)")
    verify.add_argument("--fail-on", choices=("any", "new", "never"), default="new",
                        help="exit 1 when any / newly failing sources fail (default: new)")
    verify.add_argument("--only", nargs="+", default=[], metavar="ID", help="check only these source ids")
    verify.add_argument("--no-archive", action="store_true", help="skip the web-archive fallback")

    check = commands.add_parser("check", help="validate the input files only; fetch nothing")
    check.add_argument("files", nargs="*", default=[DEFAULT_INPUT], metavar="FILES")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s level=%(levelname)s %(message)s" if not sys.stderr.isatty() else "%(message)s",
    )
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
    return command_verify(documents, args)


def command_verify(documents: list[Document], args: argparse.Namespace) -> int:
    known = {s.id for d in documents for s in d.sources}
    unknown = [i for i in args.only if i not in known]
    if unknown:
        print(f"--only: unknown source id(s): {', '.join(unknown)}", file=sys.stderr)
        return EXIT_INPUT
    out = Path(args.out)
    options = RunOptions(only=frozenset(args.only), use_archive=not args.no_archive)
    run = asyncio.run(
        run_once(documents, options, fetcher_factory=Fetcher, matcher=QuoteMatcher(), on_result=_progress)
    )
    return finish_run(run, args.files, out, args.fail_on)


def finish_run(run: RunResult, inputs: Sequence[str], out: Path, fail_on: str) -> int:
    run_id = run.started_at.strftime("%Y%m%dT%H%M%S%fZ")
    report = build_report(
        run_id=run_id, started_at=run.started_at, finished_at=run.finished_at, inputs=inputs,
        network_ok=run.network_ok, articles=run.articles, results=run.results,
    )
    write_atomic(out / "runs" / f"{run_id}.json", render_json(report))
    if not run.network_ok:
        print("verifier: the network looks down (no host could be resolved or reached); "
              "nothing is recorded as failing and latest.json is unchanged.", file=sys.stderr)
        return EXIT_NETWORK_DOWN
    write_atomic(out / "latest.md", render_markdown(report))
    write_atomic(out / "junit.xml", render_junit(report))
    write_atomic(out / "latest.json", render_json(report))
    for result in run.results:
        print(summary_line(result))
    failing = [r for r in run.results if r.verdict.is_failing]
    if fail_on == "any" and failing:
        return EXIT_FAILING
    if fail_on == "new" and any(r.change.value in ("new", "newly_failing") for r in failing):
        return EXIT_FAILING
    return EXIT_OK


def summary_line(result: SourceResult) -> str:
    supported = sum(1 for q in result.quotes if q.verdict.is_supported)
    link = "no URL" if result.link is None else f"{result.link.status.value}: {result.link.reason}"
    return f"{result.verdict.value:<22} {result.source.id:<28} {supported}/{len(result.quotes)} supported  {link}"


def _progress(result: SourceResult) -> None:
    log.info("source id=%s verdict=%s link=%s", result.source.id, result.verdict.value,
             result.link.status.value if result.link else "none")
