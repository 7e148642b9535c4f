"""Build report dicts in SPEC's latest.json shape for the history, change, alert and
metrics tests, with only the fields a test cares about spelled out."""

from __future__ import annotations

from collections import Counter
from typing import Any


def quote(text: str, verdict: str = "verbatim", kind: str = "quote", score: float = 1.0) -> dict[str, Any]:
    evidence = None if verdict in ("not_found", "unverifiable") else {"text": text, "from": "live"}
    return {"text": text, "kind": kind, "verdict": verdict, "score": score, "evidence": evidence, "notes": []}


def source(
    source_id: str,
    verdict: str = "verified",
    status: str | None = "ok",
    *,
    sha: str | None = "aaa",
    confirmed_dead: bool = False,
    checked_at: str = "2026-01-01T06:00:00Z",
    quotes: list[dict[str, Any]] | None = None,
    change: str | None = None,
    http_status: int | None = 200,
    snapshot: str | None = None,
) -> dict[str, Any]:
    url = None if status is None else f"https://example.org/{source_id}"
    link = None
    if status is not None:
        link = {
            "status": status,
            "confirmed_dead": confirmed_dead,
            "http_status": http_status,
            "final_url": url,
            "redirects": [],
            "reason": "",
            "checked_at": checked_at,
            "content_sha256": sha,
            "snapshot": snapshot,
        }
    return {
        "id": source_id,
        "url": url,
        "verdict": verdict,
        "change": change,
        "link": link,
        "archive": None,
        "alternate": None,
        "quotes": quotes if quotes is not None else [quote("the quoted words")],
    }


def report(
    run_id: str,
    started_at: str,
    sources: list[dict[str, Any]],
    network: str = "ok",
    finished_at: str | None = None,
) -> dict[str, Any]:
    return {
        "schema": "verifier.report/1",
        "run": {
            "id": run_id,
            "started_at": started_at,
            "finished_at": finished_at or started_at,
            "inputs": ["sources.toml"],
            "version": "0.1.0",
            "network": network,
        },
        "summary": {
            "sources": len(sources),
            "verdicts": dict(Counter(s["verdict"] for s in sources)),
            "links": dict(Counter(s["link"]["status"] for s in sources if s["link"])),
            "quotes": dict(Counter(q["verdict"] for s in sources for q in s["quotes"])),
        },
        "sources": sources,
    }
