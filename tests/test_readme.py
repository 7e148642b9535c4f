"""Docs tested like code: the README names every subcommand, option and settings key, and
opens with the two commands a newcomer types."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pytest

from verifier.cli import build_parser
from verifier.records import Settings

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def test_readme_opens_with_the_two_commands() -> None:
    first = "\n".join(README.splitlines()[:5])
    assert "make verify" in first
    assert "make test" in first


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_subcommand_and_option_is_documented(name: str) -> None:
    assert f"verifier {name}" in README
    for action in subcommands()[name]._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert option in README, f"{option} of 'verifier {name}' is not in the README"


SETTINGS_KEYS = sorted(
    {f.name for f in dataclasses.fields(Settings) if not f.name.startswith("confirm_dead")} | {"confirm_dead"}
)


@pytest.mark.parametrize("key", SETTINGS_KEYS)
def test_every_settings_key_is_documented(key: str) -> None:
    assert f"\n{key} = " in README
