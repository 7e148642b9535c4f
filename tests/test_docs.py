"""Docs tested like code: sources.example.toml shows and explains every key the loader accepts,
and the loader's keys match the records they fill."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from verifier.records import Article, EmailNotify, Notify, Settings, Source
from verifier.sources import SCHEMA, Key, load_documents, locate_keys

EXAMPLE_PATH = Path(__file__).parent.parent / "sources.example.toml"
EXAMPLE = EXAMPLE_PATH.read_text(encoding="utf-8")
EXAMPLE_LINES = EXAMPLE.splitlines()
# The one key shown commented out: a CA bundle must name a file that exists.
COMMENTED_OUT = {("settings", "ca_bundle")}


def _table_path(table: str) -> Key:
    """SCHEMA's table name -> the path of its first occurrence in the example."""
    if table == "sources":
        return ("sources", 0)
    return tuple(table.split(".")) if table else ()


ALL_KEYS = sorted((table, key) for table, fields in SCHEMA.items() for key in fields)


def _key_line(table: str, key: str) -> int:
    if (table, key) in COMMENTED_OUT:
        header = EXAMPLE_LINES.index(f"[{table}]")
        return next(
            number
            for number, line in enumerate(EXAMPLE_LINES[header:], start=header + 1)
            if re.match(rf"#\s*{re.escape(key)} = ", line)
        )
    return locate_keys(EXAMPLE)[(*_table_path(table), key)]


def _is_key_line(line: str) -> bool:
    return bool(re.match(r"#?\s*[A-Za-z0-9_]+ = ", line))


@pytest.mark.parametrize(("table", "key"), ALL_KEYS, ids=[f"{t or 'top'}.{k}" for t, k in ALL_KEYS])
def test_every_key_is_shown_with_an_explaining_comment(table: str, key: str) -> None:
    """Above each key (past the other keys of its group) is a comment, not bare code."""
    number = _key_line(table, key)
    above = number - 1
    while above > 0 and _is_key_line(EXAMPLE_LINES[above - 1]):
        above -= 1
    previous = EXAMPLE_LINES[above - 1].strip() if above > 0 else ""
    if key in ("article", "settings", "notify", "sources", "email", "confirm_dead") and not previous:
        previous = EXAMPLE_LINES[number - 1]  # a table: its comment may sit on the header line
    assert previous.startswith("#") or "#" in EXAMPLE_LINES[number - 1], f"{key} at line {number} has no comment"


def test_the_example_sets_every_key_except_the_commented_one() -> None:
    data = tomllib.loads(EXAMPLE)
    for table, fields in SCHEMA.items():
        node: Any = data
        for part in _table_path(table):
            node = node[part]
        assert isinstance(node, dict)
        expected = {key for key in fields if (table, key) not in COMMENTED_OUT}
        assert set(node) == expected, table


def test_the_example_loads_cleanly() -> None:
    [document] = load_documents([str(EXAMPLE_PATH)])
    shown = dataclasses.replace(document.settings, user_agent=Settings().user_agent)
    assert shown == Settings(), "the example shows the defaults (and a custom User-Agent)"


RECORDS: list[tuple[str, type, set[str]]] = [
    ("article", Article, set()),
    ("notify", Notify, set()),
    ("notify.email", EmailNotify, set()),
    ("sources", Source, {"file", "line"}),  # filled by the loader, not the file
]


@pytest.mark.parametrize(("table", "record", "not_keys"), RECORDS, ids=[table for table, _, _ in RECORDS])
def test_each_table_has_exactly_the_fields_of_its_record(table: str, record: type, not_keys: set[str]) -> None:
    fields = {field.name for field in dataclasses.fields(record)} - not_keys
    assert set(SCHEMA[table]) == fields


def test_every_settings_field_has_a_key() -> None:
    fields = {field.name for field in dataclasses.fields(Settings)}
    keys = set(SCHEMA["settings"]) - {"confirm_dead"}
    nested = {f"confirm_dead_{key}" for key in SCHEMA["settings.confirm_dead"]}
    assert keys | nested == fields
