"""Fixed report dicts (SPEC's latest.json shape) for the HTML renderer's tests: a realistic
five-source run, a small one for the golden file, and a hostile one whose every string
tries to break out of the page."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

HOSTILE = '<script>window.__pwned=1;alert(1)</script>"\'><img src=x onerror="window.__pwned=2">'
HOSTILE_URL = "javascript:window.__pwned=3;alert(1)"

Timelines = dict[str, list[dict[str, str]]]


def check_golden(path: Path, text: str) -> None:
    """Compare `text` with the golden file; rewrite the file first only when UPDATE_GOLDEN=1
    (any other value, "0" included, compares)."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed: run with UPDATE_GOLDEN=1 to regenerate"


def _run(run_id: str, started_at: str) -> dict[str, Any]:
    return {
        "id": run_id,
        "started_at": started_at,
        "finished_at": started_at.replace(":00:00", ":00:42"),
        "inputs": ["sources.toml"],
        "version": "0.1.0",
        "network": "ok",
    }


def _timeline(verdicts: list[str]) -> list[dict[str, str]]:
    return [
        {"run_id": f"run-{day:02d}", "started_at": f"2026-11-{day:02d}T06:00:00Z", "verdict": verdict}
        for day, verdict in enumerate(verdicts, start=29 - len(verdicts) + 1)
    ]


def realistic_report() -> dict[str, Any]:
    """The seed article's kind of run: one of each common outcome."""
    return {
        "schema": "verifier.report/1",
        "articles": [
            {
                "title": "To compete like China, one should build like China",
                "publisher": "Observer News",
                "url": "https://www.toutiao.com/article/7522768140141347337/",
                "published": "2025-07-03",
            }
        ],
        "run": _run("20261129T060000Z", "2026-11-29T06:00:00Z"),
        "summary": {"sources": 6},
        "sources": [
            {
                "id": "nea-solar-2024",
                "title": "China's installed solar capacity, 2024",
                "publisher": "National Energy Administration",
                "published": "2025-01-21",
                "url": "https://www.nea.gov.cn/solar/2024.html",
                "verdict": "verified",
                "change": "unchanged",
                "link": {
                    "status": "ok",
                    "confirmed_dead": False,
                    "http_status": 200,
                    "final_url": "https://www.nea.gov.cn/solar/2024.html",
                    "redirects": [],
                    "reason": "HTTP 200",
                    "checked_at": "2026-11-29T06:00:01Z",
                },
                "archive": None,
                "alternate": None,
                "quotes": [
                    {
                        "text": "China added 277.17 gigawatts of solar capacity in 2024.",
                        "kind": "claim",
                        "verdict": "verbatim",
                        "score": 1.0,
                        "evidence": {
                            "text": "Official figures show that China added 277.17 gigawatts of solar capacity "
                            "in 2024, the energy administration said.",
                            "from": "live",
                        },
                        "notes": [],
                    }
                ],
            },
            {
                "id": "fa-build-like-china",
                "title": "An Industrial Policy With American Characteristics",
                "publisher": "Foreign Affairs",
                "authors": ["Damien Ma", "Lizzi C. Lee"],
                "published": "2025-07-01",
                "url": "https://www.foreignaffairs.com/united-states/industrial-policy-american-characteristics",
                "verdict": "disputed",
                "change": "newly_failing",
                "link": {
                    "status": "paywalled",
                    "confirmed_dead": False,
                    "http_status": 200,
                    "final_url": "https://www.foreignaffairs.com/united-states/industrial-policy-american-characteristics",
                    "redirects": [],
                    "reason": "subscription wall: 180 words visible",
                    "checked_at": "2026-11-29T06:00:03Z",
                },
                "archive": None,
                "alternate": {
                    "url": "https://www.damienma.com/blog/an-industrial-policy-with-american-characteristics",
                    "status": "ok",
                },
                "quotes": [
                    {
                        "text": "If the United States hopes to achieve results similar to those of China, it must "
                        "build like China, replicate some of Beijing's practices in organizing and mobilizing "
                        "economic production, prioritize speed and industrial clustering.",
                        "kind": "quote",
                        "verdict": "paraphrase",
                        "score": 0.86,
                        "evidence": {
                            "text": "If the United States wants to achieve results like China's, it must build "
                            "more like China, replicating some of Beijing's approaches to organizing and "
                            "mobilizing economic production, prioritizing speed and agglomeration.",
                            "from": "alternate",
                        },
                        "notes": [],
                    },
                    {
                        "text": "China added about 28 gigawatts of solar capacity in 2024.",
                        "kind": "claim",
                        "verdict": "distorted",
                        "score": 0.93,
                        "evidence": {
                            "text": "Last year alone, China added about 280 gigawatts of solar capacity in 2024, "
                            "more than the rest of the world combined.",
                            "from": "alternate",
                        },
                        "notes": ["number differs: quote says 28 gigawatts, source says 280 gigawatts"],
                    },
                ],
            },
            {
                "id": "fa-allied-scale",
                "title": "Underestimating China: Why America Needs a New Strategy of Allied Scale",
                "publisher": "Foreign Affairs",
                "authors": ["Kurt M. Campbell", "Rush Doshi"],
                "published": "2025-04-11",
                "url": "https://www.foreignaffairs.com/china/underestimating-china",
                "verdict": "verified_via_archive",
                "change": "recovered",
                "link": {
                    "status": "not_found",
                    "confirmed_dead": True,
                    "http_status": 404,
                    "final_url": "https://www.foreignaffairs.com/china/underestimating-china-allied-scale",
                    "redirects": ["https://www.foreignaffairs.com/china/underestimating-china-allied-scale"],
                    "reason": "HTTP 404 after 1 redirect",
                    "checked_at": "2026-11-29T06:00:05Z",
                },
                "archive": {
                    "url": "https://web.archive.org/web/20250412000000/https://www.foreignaffairs.com/china/"
                    "underestimating-china",
                    "timestamp": "2025-04-12T00:00:00Z",
                },
                "alternate": None,
                "quotes": [
                    {
                        "text": "The main shortcoming of the United States is insufficient scale.",
                        "kind": "claim",
                        "verdict": "near_verbatim",
                        "score": 0.91,
                        "evidence": {
                            "text": "The principal shortcoming of the United States is its insufficient scale.",
                            "from": "archive",
                        },
                        "notes": [],
                    }
                ],
            },
            {
                "id": "bloomberg-tariffs",
                "title": "Tariffs Won't Reindustrialize America. Here's What Will",
                "publisher": "Bloomberg",
                "authors": ["Dan Wang", "Ben Reinhardt"],
                "published": "2025-05-14",
                "url": "https://www.bloomberg.com/news/articles/2025-05-14/to-bring-manufacturing-back-to-the-us-"
                "copy-china-s-playbook",
                "verdict": "unverifiable",
                "change": "unchanged",
                "link": {
                    "status": "paywalled",
                    "confirmed_dead": False,
                    "http_status": 200,
                    "final_url": "https://www.bloomberg.com/news/articles/2025-05-14/to-bring-manufacturing-"
                    "back-to-the-us-copy-china-s-playbook",
                    "redirects": [],
                    "reason": "subscription wall: 60 words visible, none of them quoted",
                    "checked_at": "2026-11-29T06:00:09Z",
                },
                "archive": None,
                "alternate": None,
                "quotes": [
                    {
                        "text": "Tariffs will not bring back American industrialization.",
                        "kind": "claim",
                        "verdict": "unverifiable",
                        "score": 0.0,
                        "evidence": None,
                        "notes": ["only the paywall teaser was readable; no archived copy was found"],
                    }
                ],
            },
            {
                "id": "solar-stats",
                "title": "National solar installations 2024",
                "publisher": "Energy Statistics Office",
                "url": "https://stats.example.org/solar/2024",
                "verdict": "broken",
                "change": "newly_failing",
                "link": {
                    "status": "soft_404",
                    "confirmed_dead": False,
                    "http_status": 200,
                    "final_url": "https://stats.example.org/",
                    "redirects": ["https://stats.example.org/"],
                    "reason": "redirected to site root",
                    "checked_at": "2026-11-29T06:00:11Z",
                },
                "archive": None,
                "alternate": None,
                "notes": ["no archived copy near 2025-01-20"],
                "quotes": [
                    {
                        "text": "Solar installations doubled in 2024.",
                        "kind": "claim",
                        "verdict": "unverifiable",
                        "score": 0.0,
                        "evidence": None,
                        "notes": [],
                    }
                ],
            },
            {
                "id": "ft-best-self",
                "title": "“It must show its best self”",
                "publisher": "Financial Times",
                "published": "2025-03-31",
                "url": None,
                "verdict": "unresolved",
                "change": "unchanged",
                "link": None,
                "archive": None,
                "alternate": None,
                "quotes": [
                    {
                        "text": "It must show its best self.",
                        "kind": "quote",
                        "verdict": "unverifiable",
                        "score": 0.0,
                        "evidence": None,
                        "notes": [],
                    }
                ],
            },
        ],
    }


def realistic_timelines() -> Timelines:
    """Ten daily runs at most; on 2026-11-25 the network was down."""
    timelines = {
        "nea-solar-2024": _timeline(["verified"] * 10),
        "fa-build-like-china": _timeline(
            ["verified_via_alternate"] * 5 + ["unverifiable"] + ["verified_via_alternate"] * 3 + ["disputed"]
        ),
        "fa-allied-scale": _timeline(["verified"] * 4 + ["broken"] * 4 + ["verified_via_archive"]),
        "bloomberg-tariffs": _timeline(["unverifiable"] * 10),
        "solar-stats": _timeline(["verified"] * 7 + ["broken"]),
        "ft-best-self": _timeline(["unresolved"] * 10),
    }
    for timeline in timelines.values():
        for entry in timeline:
            entry["network"] = "down" if entry["started_at"].startswith("2026-11-25") else "ok"
    return timelines


def small_report() -> dict[str, Any]:
    """Two sources, for the golden file: one verified, one disputed with a number note."""
    return {
        "schema": "verifier.report/1",
        "article": {
            "title": "Build like China",
            "publisher": "Observer News",
            "url": "https://news.example.org/article/1",
            "published": "2025-07-03",
        },
        "run": _run("20261129T060000Z", "2026-11-29T06:00:00Z"),
        "summary": {"sources": 2},
        "sources": [
            {
                "id": "good",
                "url": "https://example.org/good",
                "verdict": "verified",
                "change": "unchanged",
                "link": {
                    "status": "ok",
                    "confirmed_dead": False,
                    "http_status": 200,
                    "final_url": "https://example.org/good",
                    "redirects": [],
                    "reason": "HTTP 200",
                    "checked_at": "2026-11-29T06:00:01Z",
                },
                "archive": None,
                "alternate": None,
                "quotes": [
                    {
                        "text": "Speed matters.",
                        "kind": "quote",
                        "verdict": "verbatim",
                        "score": 1.0,
                        "evidence": {"text": "Speed matters.", "from": "live"},
                        "notes": [],
                    }
                ],
            },
            {
                "id": "solar",
                "url": "https://example.org/solar",
                "verdict": "disputed",
                "change": "newly_failing",
                "link": {
                    "status": "ok",
                    "confirmed_dead": False,
                    "http_status": 200,
                    "final_url": "https://example.org/solar/2024",
                    "redirects": ["https://example.org/solar/2024"],
                    "reason": "HTTP 200 after 1 redirect",
                    "checked_at": "2026-11-29T06:00:02Z",
                },
                "archive": None,
                "alternate": None,
                "quotes": [
                    {
                        "text": "China added about 28 gigawatts of solar in 2024.",
                        "kind": "claim",
                        "verdict": "distorted",
                        "score": 0.93,
                        "evidence": {"text": "In 2024 China added about 280 gigawatts of solar.", "from": "live"},
                        "notes": ["number differs: quote says 28 gigawatts, source says 280 gigawatts"],
                    }
                ],
            },
        ],
    }


def small_timelines() -> Timelines:
    return {
        "good": _timeline(["verified", "verified"]),
        "solar": _timeline(["verified", "disputed"]),
    }


def hostile_report() -> dict[str, Any]:
    """Every string a page, a URL or sources.toml could carry is an attack."""
    return {
        "schema": HOSTILE,
        "article": {"title": HOSTILE, "publisher": HOSTILE, "url": HOSTILE_URL, "published": HOSTILE},
        "run": {
            "id": HOSTILE,
            "started_at": HOSTILE,
            "finished_at": HOSTILE,
            "inputs": [HOSTILE],
            "version": HOSTILE,
            "network": HOSTILE,
        },
        "summary": {},
        "sources": [
            {
                "id": HOSTILE,
                "title": HOSTILE,
                "publisher": HOSTILE,
                "authors": [HOSTILE],
                "published": HOSTILE,
                "url": HOSTILE_URL,
                "verdict": HOSTILE,
                "change": HOSTILE,
                "notes": [HOSTILE],
                "link": {
                    "status": HOSTILE,
                    "confirmed_dead": True,
                    "http_status": HOSTILE,
                    "final_url": "javascript:window.__pwned=4",
                    "redirects": ["data:text/html,<script>window.__pwned=5</script>", " javascript:alert(1)"],
                    "reason": HOSTILE,
                    "checked_at": HOSTILE,
                },
                "archive": {"url": "vbscript:msgbox(1)", "timestamp": HOSTILE},
                "alternate": {"url": "JAVASCRIPT:window.__pwned=6", "status": HOSTILE},
                "quotes": [
                    {
                        "text": HOSTILE + " quote 28",
                        "kind": HOSTILE,
                        "verdict": HOSTILE,
                        "score": HOSTILE,
                        "evidence": {"text": HOSTILE + " evidence 280", "from": HOSTILE},
                        "notes": [HOSTILE],
                    }
                ],
            },
            {
                "id": "hostile-title",
                "title": "<script>alert(1)</script>",
                "url": 'https://example.org/<script>alert(1)</script>?q="onmouseover=alert(1)',
                "verdict": "verified",
                "change": "new",
                "link": None,
                "archive": None,
                "alternate": None,
                "quotes": [],
            },
        ],
    }


def hostile_timelines() -> Timelines:
    return {HOSTILE: [{"run_id": HOSTILE, "started_at": HOSTILE, "verdict": HOSTILE}]}
