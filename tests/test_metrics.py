from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest

from tests.runbuilder import quote, report, source
from verifier.metrics import render_metrics
from verifier.records import Change, LinkStatus, QuoteVerdict, SourceVerdict

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*"'
SAMPLE = re.compile(rf"^(?P<name>{NAME})(?P<labels>\{{{LABEL}(?:,{LABEL})*\}})? (?P<value>\S+)$")
HELP = re.compile(rf"^# HELP (?P<name>{NAME}) \S.*$")
TYPE = re.compile(rf"^# TYPE (?P<name>{NAME}) (?P<type>counter|gauge|histogram|summary|untyped)$")
FLOAT = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|Inf|NaN)$")


def parse_exposition(text: str) -> dict[str, float]:
    """Parse Prometheus text format strictly: every family has HELP then TYPE before its
    samples, each family appears once, no duplicate series, values are numbers, the file
    ends with a newline and has no blank lines. Returns {"name{labels}": value}."""
    assert text.endswith("\n")
    samples: dict[str, float] = {}
    families: list[str] = []
    current = None
    expect = "help"
    for line in text[:-1].split("\n"):
        if m := HELP.match(line):
            assert expect in ("help", "sample-or-help"), f"HELP out of place: {line}"
            assert m["name"] not in families, f"family repeated: {m['name']}"
            families.append(m["name"])
            current, expect = m["name"], "type"
        elif m := TYPE.match(line):
            assert expect == "type", f"TYPE out of place: {line}"
            assert m["name"] == current, f"TYPE for another family: {line}"
            expect = "sample"
        elif m := SAMPLE.match(line):
            assert expect in ("sample", "sample-or-help"), f"sample before HELP/TYPE: {line}"
            assert m["name"] == current, f"sample {m['name']} inside family {current}"
            assert FLOAT.match(m["value"]), f"not a number: {line}"
            key = m["name"] + (m["labels"] or "")
            assert key not in samples, f"duplicate series {key}"
            samples[key] = float(m["value"])
            expect = "sample-or-help"
        else:
            raise AssertionError(f"not Prometheus text format: {line!r}")
    assert expect == "sample-or-help", "last family has no samples"
    return samples


def test_parser_rejects_malformed_text() -> None:
    for bad in (
        "verifier_x 1\n",  # no HELP/TYPE
        "# HELP a h\n# TYPE a gauge\n# HELP b h\n# TYPE b gauge\nb 1\n",  # family without samples
        "# HELP a h\n# TYPE a gauge\na 1\n# HELP a h\n# TYPE a gauge\n",  # family repeated
        "# HELP a h\n# TYPE a gauge\na 1",  # no final newline
        "# HELP a h\n# TYPE a gauge\na{x=1} 1\n",  # unquoted label
        "# HELP a h\n# TYPE a gauge\na one\n",  # not a number
        "# HELP a h\n# TYPE a gauge\na 1\na 2\n",  # duplicate series
        "# HELP a h\n# TYPE a gauge\n\na 1\n",  # blank line
    ):
        with pytest.raises(AssertionError):
            parse_exposition(bad)


RUN = report(
    "r1",
    "2026-01-02T06:00:00Z",
    [
        source("a", quotes=[quote("q1"), quote("q2", "paraphrase")], change="unchanged"),
        source(
            "b",
            "broken",
            "not_found",
            confirmed_dead=True,
            quotes=[quote("q3", "unverifiable")],
            change="newly_failing",
        ),
        source("c", "disputed", quotes=[quote("q4", "distorted", kind="claim")], change="content_changed"),
        source("d", "unresolved", None, quotes=[quote("q5", "unverifiable")], change="new"),
    ],
    finished_at="2026-01-02T06:01:30.500000+00:00",
)


@pytest.mark.parametrize(
    ("rep", "expected"),
    [
        (
            RUN,
            {
                "verifier_network_up": 1,
                "verifier_last_run_duration_seconds": 90.5,
                'verifier_sources{verdict="verified"}': 1,
                'verifier_sources{verdict="broken"}': 1,
                'verifier_sources{verdict="disputed"}': 1,
                'verifier_sources{verdict="unresolved"}': 1,
                'verifier_sources{verdict="verified_via_archive"}': 0,
                'verifier_links{status="ok"}': 2,
                'verifier_links{status="not_found"}': 1,
                'verifier_links{status="unreachable"}': 0,
                'verifier_quotes{verdict="verbatim"}': 1,
                'verifier_quotes{verdict="paraphrase"}': 1,
                'verifier_quotes{verdict="distorted"}': 1,
                'verifier_quotes{verdict="unverifiable"}': 2,
                'verifier_changes{change="newly_failing"}': 1,
                'verifier_changes{change="recovered"}': 0,
                "verifier_confirmed_dead_links": 1,
            },
        ),
        (
            report("r3", "2026-01-03T06:00:00Z", []),
            {"verifier_network_up": 1, 'verifier_sources{verdict="verified"}': 0},
        ),
    ],
    ids=["mixed-run", "no-sources"],
)
def test_metrics(rep: dict[str, Any], expected: dict[str, float]) -> None:
    duration = 90.5 if rep is RUN else 3
    samples = parse_exposition(render_metrics(rep, duration, rep))
    for key, value in expected.items():
        assert samples[key] == value, key
    finished = rep["run"]["finished_at"]
    assert samples["verifier_last_run_timestamp_seconds"] == datetime.fromisoformat(finished).timestamp()
    # every status and verdict is present, zeros included, so series never vanish
    for label, enum, family in (
        ("verdict", SourceVerdict, "verifier_sources"),
        ("status", LinkStatus, "verifier_links"),
        ("verdict", QuoteVerdict, "verifier_quotes"),
        ("change", Change, "verifier_changes"),
    ):
        for member in enum:
            assert f'{family}{{{label}="{member.value}"}}' in samples
    assert sum(v for k, v in samples.items() if k.startswith("verifier_sources{")) == len(rep["sources"])


RUN_FINISHED = datetime.fromisoformat(RUN["run"]["finished_at"]).timestamp()
DOWN = report("r2", "2026-01-03T06:00:00Z", [source("a", "unverifiable", "unreachable")], network="down")


@pytest.mark.parametrize(("complete", "expected"), [
    (RUN, {'verifier_sources{verdict="disputed"}': 1, 'verifier_sources{verdict="broken"}': 1,
           'verifier_links{status="unreachable"}': 0, "verifier_confirmed_dead_links": 1,
           "verifier_last_complete_run_timestamp_seconds": RUN_FINISHED}),
    (None, {'verifier_sources{verdict="unverifiable"}': 0, 'verifier_links{status="unreachable"}': 0}),
], ids=["after-a-complete-run", "no-complete-run-yet"])
def test_network_down_run_keeps_the_last_complete_counts(complete: dict[str, Any] | None,
                                                         expected: dict[str, float]) -> None:
    """bughunt-2026-11 #17: a network-down run shows the outage (network up 0, the run's
    time) but keeps the failure gauges of the last complete run, with that run's time."""
    samples = parse_exposition(render_metrics(DOWN, 3, complete))
    assert samples["verifier_network_up"] == 0
    assert samples["verifier_last_run_timestamp_seconds"] == datetime.fromisoformat(
        DOWN["run"]["finished_at"]).timestamp()
    for key, value in expected.items():
        assert samples[key] == value, key
    assert ("verifier_last_complete_run_timestamp_seconds" in samples) == (complete is not None)
