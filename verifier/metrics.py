"""Prometheus text-format metrics (results/metrics.prom), for the node_exporter textfile
collector. The run gauges (time, duration, network up) describe the last run of any kind;
the counts describe the last complete run, so that a network-down run never zeroes the
failure gauges: alert on `time() - verifier_last_complete_run_timestamp_seconds` to notice
a stalled job or a network that has been down for days. Every status and verdict is
written, zeros included, so a series never disappears between runs. Pure: the caller
writes the text atomically."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from verifier.records import Change, LinkStatus, QuoteVerdict, SourceVerdict


def render_metrics(report: Mapping[str, Any], duration_s: float, complete: Mapping[str, Any] | None) -> str:
    """`report` is the run just made; the counts come from `complete`, the last complete
    run (`report` itself when it is one; None when there has been none yet: all zero)."""
    run = report["run"]
    sources = list((complete or {}).get("sources") or ())
    links = [s["link"] for s in sources if s.get("link")]
    lines: list[str] = []
    _gauge(lines, "verifier_last_run_timestamp_seconds", "When the last run (of any kind) finished, in Unix time.")
    lines.append(f"verifier_last_run_timestamp_seconds {_number(_finished(run))}")
    if complete is not None:
        _gauge(lines, "verifier_last_complete_run_timestamp_seconds",
               "When the last complete run (network up, every source) finished, in Unix time; the counts are its.")
        lines.append(f"verifier_last_complete_run_timestamp_seconds {_number(_finished(complete['run']))}")
    _gauge(lines, "verifier_last_run_duration_seconds", "How long the last run took.")
    lines.append(f"verifier_last_run_duration_seconds {_number(round(duration_s, 3))}")
    _gauge(lines, "verifier_network_up", "1 if the last run could reach the network, 0 if it looked down.")
    lines.append(f"verifier_network_up {0 if run.get('network') == 'down' else 1}")
    families: tuple[tuple[str, str, str, Iterable[str], Iterable[str]], ...] = (
        (
            "verifier_sources",
            "Cited sources by verdict in the last complete run.",
            "verdict",
            SourceVerdict,
            (s["verdict"] for s in sources),
        ),
        (
            "verifier_links",
            "Cited links by status in the last complete run.",
            "status",
            LinkStatus,
            (li["status"] for li in links),
        ),
        (
            "verifier_quotes",
            "Quotes and claims by verdict in the last complete run.",
            "verdict",
            QuoteVerdict,
            (q["verdict"] for s in sources for q in s.get("quotes") or ()),
        ),
        (
            "verifier_changes",
            "Cited sources by change in the last complete run.",
            "change",
            Change,
            (s["change"] for s in sources if s.get("change")),
        ),
    )
    for name, help_text, label, values, seen in families:
        counts = Counter(seen)
        _gauge(lines, name, help_text)
        lines.extend(f'{name}{{{label}="{value}"}} {counts[value]}' for value in values)
    _gauge(lines, "verifier_confirmed_dead_links", "Links confirmed dead in the last complete run.")
    lines.append(f"verifier_confirmed_dead_links {sum(1 for link in links if link.get('confirmed_dead'))}")
    return "\n".join(lines) + "\n"


def _finished(run: Mapping[str, Any]) -> float:
    return datetime.fromisoformat(run.get("finished_at") or run["started_at"]).timestamp()


def _gauge(lines: list[str], name: str, help_text: str) -> None:
    lines.append(f"# HELP {name} {help_text}")
    lines.append(f"# TYPE {name} gauge")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))
