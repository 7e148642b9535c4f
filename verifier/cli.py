"""Command line: parse arguments, call the pipeline, map errors to exit codes."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    return 0
