"""Reports: the SPEC latest.json dict built from run results, and pure renderers of that
dict (Markdown, JUnit). `write_atomic` is the one way report files reach the disk."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from verifier.records import (
    VERSION,
    Article,
    CopyUsed,
    LinkResult,
    LinkStatus,
    QuoteResult,
    QuoteVerdict,
    SourceResult,
    SourceVerdict,
)

SCHEMA = "verifier.report/1"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
Report = dict[str, Any]


def rfc3339(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")


# ---------------------------------------------------------------- building


def build_report(
    *,
    run_id: str,
    started_at: datetime,
    finished_at: datetime,
    inputs: Sequence[str],
    network_ok: bool,
    articles: Sequence[Article],
    results: Sequence[SourceResult],
) -> Report:
    sources = [_source_json(r) for r in results]
    return {
        "schema": SCHEMA,
        "run": {
            "id": run_id,
            "started_at": rfc3339(started_at),
            "finished_at": rfc3339(finished_at),
            "inputs": list(inputs),
            "version": VERSION,
            "network": "ok" if network_ok else "down",
        },
        "articles": [_article_json(a) for a in articles],
        "summary": summarize(sources),
        "sources": sources,
    }


def summarize(sources: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts per source verdict, link status and quote verdict; every word present."""
    verdicts = Counter(s["verdict"] for s in sources)
    links = Counter(s["link"]["status"] for s in sources if s["link"] is not None)
    quotes = Counter(q["verdict"] for s in sources for q in s["quotes"])
    return {
        "sources": len(sources),
        "verdicts": {v.value: verdicts[v.value] for v in SourceVerdict},
        "links": {s.value: links[s.value] for s in LinkStatus},
        "quotes": {q.value: quotes[q.value] for q in QuoteVerdict},
    }


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "publisher": article.publisher,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
    }


def _source_json(result: SourceResult) -> dict[str, Any]:
    src = result.source
    return {
        "id": src.id,
        "url": src.url,
        "title": src.title,
        "publisher": src.publisher,
        "verdict": result.verdict.value,
        "change": result.change.value,
        "link": _link_json(result.link) if result.link else None,
        "archive": _archive_json(result.archive) if result.archive else None,
        "alternate": {"url": result.alternate.url, "status": result.alternate.status}
        if result.alternate
        else None,
        "notes": list(result.notes),
        "quotes": [_quote_json(q) for q in result.quotes],
    }


def _link_json(link: LinkResult) -> dict[str, Any]:
    return {
        "status": link.status.value,
        "confirmed_dead": link.confirmed_dead,
        "http_status": link.http_status,
        "final_url": link.final_url,
        "redirects": list(link.redirects),
        "reason": link.reason,
        "checked_at": rfc3339(link.checked_at),
        "content_sha256": link.content_sha256,
        "snapshot": link.snapshot,
    }


def _archive_json(copy: CopyUsed) -> dict[str, Any]:
    return {"url": copy.url, "timestamp": rfc3339(copy.timestamp)}


def _quote_json(quote: QuoteResult) -> dict[str, Any]:
    evidence = None
    if quote.evidence is not None and quote.evidence_from is not None:
        evidence = {"text": quote.evidence, "from": quote.evidence_from.value}
    found: dict[str, Any] = {
        "text": quote.text,
        "kind": quote.kind.value,
        "verdict": quote.verdict.value,
        "score": round(quote.score, 3),
        "evidence": evidence,
        "notes": list(quote.notes),
    }
    if quote.edits:  # optional (SPEC): what differs between the quote and its evidence, both sides
        found["edits"] = [{"kind": e.kind, "quote": e.quote, "source": e.source} for e in quote.edits]
    return found


# ---------------------------------------------------------------- rendering


def render_json(report: Report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


_VERDICT_MARK = {
    "verified": "✅",
    "verified_via_archive": "✅",
    "verified_via_alternate": "✅",
    "disputed": "❌",
    "broken": "❌",
    "unverifiable": "⚠️",
    "unresolved": "❔",
}


# Bidirectional controls (LRM, RLM, ALM, embeddings, overrides, isolates): a page could make
# its evidence display as other text than was matched ("\u202e08 2" shows as "2 80").
BIDI_CONTROLS = dict.fromkeys([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_BIDI_CONTROL = re.compile("[" + "".join(map(chr, BIDI_CONTROLS)) + "]")


def show_bidi_controls(text: str) -> str:
    """`text` with every bidirectional control shown as its code point, "[U+202E]", so that
    the report displays the characters in the order that was read."""
    if text.isascii():
        return text
    return _BIDI_CONTROL.sub(lambda control: f"[U+{ord(control.group()):04X}]", text)


def _md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML, no
    bidirectional controls."""
    value = show_bidi_controls("" if text is None else str(text))
    value = " ".join(value.split())
    for char, repl in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("`", "\\`")):
        value = value.replace(char, repl)
    return value


def render_markdown(report: Report) -> str:
    run = report["run"]
    lines: list[str] = []
    articles = [a for a in report.get("articles", []) if a.get("title")]
    heading = articles[0]["title"] if len(articles) == 1 else "Citations"
    lines.append(f"# Citation check: {_md_cell(heading)}")
    lines.append("")
    lines.append(
        f"Run `{_md_cell(run['id'])}` finished {_md_cell(run['finished_at'])}; "
        f"network {_md_cell(run['network'])}; verifier {_md_cell(run['version'])}."
    )
    lines.append("")
    counts = [f"{n} {v}" for v, n in report["summary"]["verdicts"].items() if n]
    lines.append(f"**{report['summary']['sources']} sources:** {', '.join(counts) or 'none'}.")
    lines.append("")
    lines.append("| | Source | Verdict | Link | Quotes | Change |")
    lines.append("|---|---|---|---|---|---|")
    for src in report["sources"]:
        link = src["link"]
        link_text = "no URL yet" if link is None else link["status"]
        if link and link.get("confirmed_dead"):
            link_text += " (confirmed dead)"
        quote_counts = Counter(q["verdict"] for q in src["quotes"])
        quote_text = ", ".join(f"{n} {v}" for v, n in sorted(quote_counts.items()))
        name = f"[{_md_cell(src['id'])}]({_md_url(src['url'])})" if src.get("url") else _md_cell(src["id"])
        lines.append(
            f"| {_VERDICT_MARK.get(src['verdict'], '')} | {name} "
            f"| {src['verdict']} | {_md_cell(link_text)} | {_md_cell(quote_text)} | {src['change']} |"
        )
    attention = [s for s in report["sources"] if s["verdict"] not in ("verified",)]
    for src in attention:
        lines.extend(_md_source_section(src))
    return "\n".join(lines) + "\n"


def _md_url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def _md_source_section(src: dict[str, Any]) -> list[str]:
    out = ["", f"## {_md_cell(src['id'])}: {src['verdict']}", ""]
    if src.get("title"):
        out.append(f"*{_md_cell(src['title'])}*" + (f", {_md_cell(src['publisher'])}" if src.get("publisher") else ""))
        out.append("")
    link = src["link"]
    if link is None:
        out.append("- No URL yet: the citation is not identified.")
    else:
        out.append(f"- Link: **{link['status']}**: {_md_cell(link['reason'])}")
        if link.get("final_url") and link["final_url"] != src.get("url"):
            out.append(f"- Final URL: <{_md_url(link['final_url'])}>")
    if src.get("alternate"):
        out.append(f"- Read from alternate: <{_md_url(src['alternate']['url'])}>")
    if src.get("archive"):
        out.append(f"- Read from archive ({src['archive']['timestamp']}): <{_md_url(src['archive']['url'])}>")
    for note in src.get("notes", []):
        out.append(f"- {_md_cell(note)}")
    for quote in src["quotes"]:
        if QuoteVerdict(quote["verdict"]).is_supported:
            continue
        score = f"score {quote['score']:.2f}"
        out.append(f"- {quote['kind']} **{quote['verdict']}** ({score}): “{_md_cell(quote['text'])}”")
        if quote["evidence"]:
            out.append(f"  - closest passage ({quote['evidence']['from']}): “{_md_cell(quote['evidence']['text'])}”")
        for note in quote["notes"]:
            out.append(f"  - {_md_cell(note)}")
    return out


def render_junit(report: Report) -> str:
    sources = report["sources"]
    failures = sum(1 for s in sources if s["verdict"] in ("disputed", "broken"))
    skipped = sum(1 for s in sources if s["verdict"] in ("unverifiable", "unresolved"))
    run = report["run"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    out.append(
        f'<testsuites name="verifier" tests="{len(sources)}" failures="{failures}">'
    )
    out.append(
        f'  <testsuite name={_xml_attr("citations " + run["id"])} tests="{len(sources)}" '
        f'failures="{failures}" skipped="{skipped}" timestamp={_xml_attr(run["started_at"] or "")}>'
    )
    for src in sources:
        out.append(f'    <testcase classname="citations" name={_xml_attr(src["id"])}>')
        message = _junit_message(src)
        if src["verdict"] in ("disputed", "broken"):
            out.append(f'      <failure message={_xml_attr(message)} type={_xml_attr(src["verdict"])}>'
                       f"{xml_escape(_xml_chars(_junit_details(src)))}</failure>")
        elif src["verdict"] in ("unverifiable", "unresolved"):
            out.append(f"      <skipped message={_xml_attr(message)}/>")
        out.append("    </testcase>")
    out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _xml_chars(text: str) -> str:
    """text with every character XML 1.0 cannot hold (C0 controls but tab and line breaks,
    lone surrogates, U+FFFE, U+FFFF) written as \\uXXXX, so the file always parses."""
    return _NOT_XML.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def _xml_attr(text: str) -> str:
    return quoteattr(_xml_chars(text))


def _junit_message(src: dict[str, Any]) -> str:
    link = src["link"]
    if link is None:
        return f"{src['verdict']}: no URL yet"
    return f"{src['verdict']}: link {link['status']}: {link['reason']}"


def _junit_details(src: dict[str, Any]) -> str:
    lines = [_junit_message(src)]
    for quote in src["quotes"]:
        if quote["verdict"] in ("distorted", "not_found"):
            lines.append(f"{quote['kind']} {quote['verdict']}: {quote['text']}")
            lines.extend(f"  {note}" for note in quote["notes"])
    return "\n".join(lines)


# ---------------------------------------------------------------- writing


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Write `data` (text as UTF-8) to `path` so readers see the old file or the new one,
    never a part: a temporary file in the same folder, fsync, then os.replace. The file gets
    the umask's usual mode (0644 under umask 022, not mkstemp's 0600), so that a web server,
    node_exporter or a colleague can read the reports. Not `durable`: without the fsync, for
    files made durable together later (snapshots: see `snapshots.WrittenFiles`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new file beside `path`, opened for writing with mode 0666 less the umask; never
    through a symbolic link (O_EXCL | O_NOFOLLOW)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(path.parent))
