"""The HTML report: one self-contained page (inline CSS and JS, nothing fetched) that shows an
editor which citations hold, which are broken, which quotes are distorted and why.

`render_html` is pure: SPEC's latest.json dict plus each source's history in, a string out.
Every string that comes from a fetched page, a URL or sources.toml is escaped; links are
only made from http(s) URLs; the single inline script is static (it reads the page's own
data attributes, never data embedded in code) and is pinned by a sha256 hash in the
Content-Security-Policy, so nothing else can run even if escaping were ever missed.
"""

from __future__ import annotations

import base64
import difflib
import functools
import hashlib
import html
import re
import webbrowser
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from verifier.records import Change, LinkStatus, QuoteKind, QuoteVerdict, SourceVerdict
from verifier.report import show_bidi_controls


@dataclass(frozen=True)
class Look:
    """How a status is shown: an icon and a word (never colour alone) and a tone (CSS class)."""

    icon: str
    label: str
    tone: str


SOURCE_LOOKS: Mapping[str, Look] = {
    SourceVerdict.VERIFIED: Look("✓", "Verified", "good"),
    SourceVerdict.VERIFIED_VIA_ARCHIVE: Look("✓", "Verified via archive", "archive"),
    SourceVerdict.VERIFIED_VIA_ALTERNATE: Look("✓", "Verified via alternate", "alternate"),
    SourceVerdict.DISPUTED: Look("≠", "Disputed", "disputed"),
    SourceVerdict.BROKEN: Look("✗", "Broken", "bad"),
    SourceVerdict.UNVERIFIABLE: Look("?", "Unverifiable", "unknown"),
    SourceVerdict.UNRESOLVED: Look("…", "Unresolved", "pending"),
}

QUOTE_LOOKS: Mapping[str, Look] = {
    QuoteVerdict.VERBATIM: Look("✓", "Verbatim", "good"),
    QuoteVerdict.NEAR_VERBATIM: Look("✓", "Near verbatim", "good"),
    QuoteVerdict.PARAPHRASE: Look("≈", "Paraphrase", "good"),
    QuoteVerdict.DISTORTED: Look("≠", "Distorted", "disputed"),
    QuoteVerdict.NOT_FOUND: Look("✗", "Not found", "bad"),
    QuoteVerdict.UNVERIFIABLE: Look("?", "Unverifiable", "unknown"),
}

LINK_LOOKS: Mapping[str, Look] = {
    LinkStatus.OK: Look("✓", "OK", "good"),
    LinkStatus.PAYWALLED: Look("$", "Paywalled", "unknown"),
    LinkStatus.SOFT_404: Look("✗", "Soft 404", "bad"),
    LinkStatus.NOT_FOUND: Look("✗", "Not found", "bad"),
    LinkStatus.BLOCKED: Look("⊘", "Blocked", "unknown"),
    LinkStatus.SERVER_ERROR: Look("!", "Server error", "bad"),
    LinkStatus.UNREACHABLE: Look("✗", "Unreachable", "bad"),
    LinkStatus.DISALLOWED: Look("⊘", "Disallowed by robots.txt", "unknown"),
}

CHANGE_LABELS: Mapping[str, str] = {
    Change.NEW: "first check",
    Change.UNCHANGED: "unchanged since the last run",
    Change.NEWLY_FAILING: "newly failing",
    Change.RECOVERED: "recovered",
    Change.CONTENT_CHANGED: "page content changed",
}

KIND_LABELS: Mapping[str, str] = {QuoteKind.QUOTE: "Quote", QuoteKind.CLAIM: "Claim"}

EVIDENCE_FROM_LABELS: Mapping[str, str] = {
    "live": "the live page",
    "alternate": "the alternate copy",
    "archive": "the archived copy",
}

UNKNOWN_TONE = "unknown"

# Static: it reads data-verdict attributes only. Its hash goes into the CSP at render time.
FILTER_SCRIPT = """
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[type=checkbox]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var rows = Array.prototype.slice.call(document.querySelectorAll(".overview tr[data-verdict]"));
  var status = document.getElementById("filter-status");
  function apply() {
    var wanted = {};
    boxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var shown = 0;
    cards.forEach(function (card) {
      var visible = wanted[card.getAttribute("data-verdict")] !== false;
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    rows.forEach(function (row) { row.hidden = wanted[row.getAttribute("data-verdict")] === false; });
    status.textContent = "Showing " + shown + " of " + cards.length + " sources";
  }
  function select(predicate) {
    boxes.forEach(function (box) { box.checked = predicate(box); });
    apply();
  }
  bar.addEventListener("change", apply);
  bar.querySelector("[data-select=all]").addEventListener("click", function () {
    select(function () { return true; });
  });
  bar.querySelector("[data-select=attention]").addEventListener("click", function () {
    select(function (box) { return box.getAttribute("data-attention") === "true"; });
  });
  bar.hidden = false;
  apply();
})();
"""

STYLE = """
:root {
  --ink: #1b1f24; --muted: #4a5561; --line: #d5dae0; --paper: #ffffff; --wash: #f4f6f8;
  --link: #0b57a4;
  --good-bg: #e6f4ea; --good-fg: #14532d; --good-cell: #2e7d32;
  --archive-bg: #dff3f1; --archive-fg: #004d40; --archive-cell: #00796b;
  --alternate-bg: #e3effb; --alternate-fg: #0d3c61; --alternate-cell: #1565c0;
  --disputed-bg: #fff1e0; --disputed-fg: #7a3300; --disputed-cell: #c25400;
  --bad-bg: #fdeaea; --bad-fg: #8b1a1a; --bad-cell: #c62828;
  --unknown-bg: #eef0f3; --unknown-fg: #37424d; --unknown-cell: #5f6f7e;
  --pending-bg: #f0eafa; --pending-fg: #4a2a86; --pending-cell: #6f4bb8;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif;
}
a { color: var(--link); overflow-wrap: anywhere; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
code, .url { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.88em;
  overflow-wrap: anywhere; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 1rem; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.page-head { background: var(--paper); border-bottom: 1px solid var(--line); }
.eyebrow { margin: 0; color: var(--muted); font-size: 0.85rem; letter-spacing: 0.04em;
  text-transform: uppercase; }
h1 { margin: 0.2rem 0 0.3rem; font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
.meta, .run { margin: 0.2rem 0; color: var(--muted); overflow-wrap: anywhere; }
.alert { margin: 0.75rem 0; padding: 0.6rem 0.8rem; border: 2px solid var(--bad-cell);
  background: var(--bad-bg); color: var(--bad-fg); border-radius: 6px; font-weight: 600; }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.8rem 0 0.2rem; padding: 0;
  list-style: none; }
.tile { display: flex; flex-direction: column; min-width: 7.5rem; padding: 0.35rem 0.8rem;
  border: 1px solid currentColor; border-radius: 8px; }
.tile .count { font-size: 1.6rem; font-weight: 700; line-height: 1.1; }
.tile-label { font-size: 0.9rem; font-weight: 600; }
.totals { margin: 0.4rem 0 0; color: var(--muted); font-size: 0.92rem; }
.badge { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.1rem 0.55rem;
  border: 1px solid currentColor; border-radius: 999px; font-size: 0.88rem; font-weight: 600;
  max-width: 100%; overflow-wrap: break-word; }
.badge .icon { font-weight: 700; }
.tone-good { background: var(--good-bg); color: var(--good-fg); }
.tone-archive { background: var(--archive-bg); color: var(--archive-fg); }
.tone-alternate { background: var(--alternate-bg); color: var(--alternate-fg); }
.tone-disputed { background: var(--disputed-bg); color: var(--disputed-fg); }
.tone-bad { background: var(--bad-bg); color: var(--bad-fg); }
.tone-unknown { background: var(--unknown-bg); color: var(--unknown-fg); }
.tone-pending { background: var(--pending-bg); color: var(--pending-fg); }
.filters { margin: 1rem 0; padding: 0.6rem 0.8rem; background: var(--paper); border: 1px solid var(--line);
  border-radius: 8px; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.8rem; }
.filters legend { float: left; font-weight: 700; margin-right: 0.4rem; padding: 0; }
.filters label { display: inline-flex; align-items: center; gap: 0.3rem; cursor: pointer; }
.filters input { width: 1.1rem; height: 1.1rem; margin: 0; }
.filters button { font: inherit; font-size: 0.9rem; padding: 0.2rem 0.7rem; border: 1px solid var(--muted);
  border-radius: 6px; background: var(--paper); color: var(--ink); cursor: pointer; }
.filters .status { margin: 0; color: var(--muted); font-size: 0.9rem; }
.overview { width: 100%; margin: 0 0 1rem; border-collapse: collapse; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; font-size: 0.95rem; }
.overview caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding: 0 0 0.4rem; }
.overview th { text-align: left; color: var(--muted); font-weight: 600; font-size: 0.85rem;
  border-bottom: 1px solid var(--line); }
.overview th, .overview td { padding: 0.45rem 0.7rem; vertical-align: top; }
.overview tbody tr + tr td { border-top: 1px solid var(--line); }
.overview td a { font-weight: 600; }
.overview .why { margin-top: 0.15rem; color: var(--ink); font-size: 0.9rem; }
.overview .publisher { color: var(--muted); }
@media (min-width: 40.01rem) { .overview td:nth-child(1), .overview td:nth-child(3) { white-space: nowrap; } }
.legend { margin: 0 0 1rem; color: var(--muted); font-size: 0.9rem; }
.card { margin: 0 0 1.2rem; background: var(--paper); border: 1px solid var(--line);
  border-left: 6px solid var(--unknown-cell); border-radius: 8px; padding: 0.9rem 1rem; }
.card.tone-good { border-left-color: var(--good-cell); }
.card.tone-archive { border-left-color: var(--archive-cell); }
.card.tone-alternate { border-left-color: var(--alternate-cell); }
.card.tone-disputed { border-left-color: var(--disputed-cell); }
.card.tone-bad { border-left-color: var(--bad-cell); }
.card.tone-pending { border-left-color: var(--pending-cell); }
.card[class*="tone-"] { background: var(--paper); color: var(--ink); }
.card-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3rem 0.7rem; }
.card h2 { margin: 0; font-size: 1.2rem; line-height: 1.3; overflow-wrap: anywhere; flex: 1 1 16rem; }
.card .byline { margin: 0.15rem 0 0.5rem; color: var(--muted); overflow-wrap: anywhere; }
.change { font-size: 0.85rem; color: var(--muted); }
.change.flag { color: var(--bad-fg); font-weight: 700; }
.change.recovered { color: var(--good-fg); font-weight: 700; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0.5rem 0;
  font-size: 0.95rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
.facts ol { margin: 0; padding-left: 1.2rem; }
.dead { color: var(--bad-fg); font-weight: 700; }
.history { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.6rem; margin: 0.6rem 0; }
.history-label { color: var(--muted); font-size: 0.9rem; }
.strip { display: flex; flex-wrap: wrap; gap: 3px; margin: 0; padding: 0; list-style: none; }
.cell { width: 1.3rem; height: 1.3rem; border-radius: 3px; color: #fff; font-size: 0.75rem;
  font-weight: 700; line-height: 1.3rem; text-align: center; cursor: default;
  background: var(--unknown-cell); }
.cell.tone-good { background: var(--good-cell); color: #fff; }
.cell.tone-archive { background: var(--archive-cell); color: #fff; }
.cell.tone-alternate { background: var(--alternate-cell); color: #fff; }
.cell.tone-disputed { background: var(--disputed-cell); color: #fff; }
.cell.tone-bad { background: var(--bad-cell); color: #fff; }
.cell.tone-unknown { background: var(--unknown-cell); color: #fff; }
.cell.tone-pending { background: var(--pending-cell); color: #fff; }
.cell.network-down { opacity: 0.55; outline: 2px dashed var(--muted); outline-offset: -2px; }
.history-range { color: var(--muted); font-size: 0.85rem; }
.source-notes, .notes { margin: 0.5rem 0; padding: 0; list-style: none; }
.source-notes li, .notes li { margin: 0.3rem 0; padding: 0.45rem 0.7rem; border-radius: 6px;
  border-left: 4px solid var(--disputed-cell); background: var(--disputed-bg); color: var(--disputed-fg);
  font-weight: 600; overflow-wrap: anywhere; }
.quotes { margin: 0.8rem 0 0; padding: 0; list-style: none; }
.quote { border-top: 1px solid var(--line); padding: 0.7rem 0 0.4rem; }
.quote-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.6rem; }
.kind { font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--muted); }
.score { font-size: 0.9rem; color: var(--muted); }
.compare { display: grid; grid-template-columns: 1fr 1fr; gap: 0.8rem; margin-top: 0.4rem; }
.side { margin: 0; min-width: 0; }
.side figcaption { font-size: 0.85rem; font-weight: 700; color: var(--muted); margin-bottom: 0.2rem; }
.side blockquote { margin: 0; padding: 0.5rem 0.7rem; background: var(--wash); border-radius: 6px;
  overflow-wrap: anywhere; }
.side .none { margin: 0; padding: 0.5rem 0.7rem; border: 1px dashed var(--line); border-radius: 6px;
  color: var(--muted); font-style: italic; }
del { background: var(--bad-bg); color: var(--bad-fg); text-decoration: line-through;
  text-decoration-thickness: 2px; border-radius: 3px; padding: 0 0.1em; }
mark.edit { background: var(--bad-bg); color: var(--bad-fg); font-weight: 600; }
ins { background: var(--good-bg); color: var(--good-fg); text-decoration: underline;
  text-decoration-thickness: 2px; font-weight: 700; border-radius: 3px; padding: 0 0.1em; }
.compare.soft del, .compare.soft ins { background: none; color: inherit; font-weight: 400;
  text-decoration-thickness: 1px; text-decoration-style: dotted; }
.compare.soft del { text-decoration-line: line-through; text-decoration-style: solid; }
.ctx { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.page-foot { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; }
@media (max-width: 40rem) {
  .wrap { padding: 0.75rem; }
  h1 { font-size: 1.3rem; }
  .compare { grid-template-columns: 1fr; }
  .facts { grid-template-columns: 1fr; }
  .facts dd { margin-bottom: 0.3rem; }
  .card { padding: 0.75rem; }
  .overview thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .overview, .overview caption, .overview tbody, .overview tr, .overview td { display: block; }
  .overview caption { padding: 0.5rem 0.7rem 0; }
  .overview td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 0.85rem; }
  .tile { min-width: 6rem; }
  .overview tr { padding: 0.4rem 0.2rem; }
  .overview td { padding: 0.1rem 0.5rem; border: 0 !important; }
  .overview tbody tr + tr { border-top: 1px solid var(--line); }
}
@media print {
  body { background: #fff; }
  .filters { display: none !important; }
  .card { break-inside: avoid; }
}
"""

WORD = re.compile(r"\S+")
EDGE_PUNCTUATION = "\"'“”‘’«»„‚()[]{}.,;:!?…—–-"
_HTML_SPECIAL = re.compile("[&<>\"']")  # what html.escape replaces (quote=False leaves the quotes alone)
TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def render_html(report: dict[str, Any], timelines: Mapping[str, Sequence[Mapping[str, str]]]) -> str:
    """The whole page for one report. The citing documents are read from `report["articles"]`
    (a list) or `report["article"]` (one); either may be absent. `timelines[source_id]` lists
    that source's runs, oldest first, each {"run_id", "started_at", "verdict"} and optionally
    "network" ("down" marks a run whose failures may have been ours)."""
    sources: list[dict[str, Any]] = list(report.get("sources") or [])
    run: Mapping[str, Any] = report.get("run") or {}
    articles = [a for a in report.get("articles") or [report.get("article") or {}] if a and a.get("title")]
    title = _text(articles[0].get("title")) if len(articles) == 1 else "Citation report"
    cards = "\n".join(_render_card(source, timelines.get(_text(source.get("id")), ())) for source in sources)
    if not sources:
        cards = '<p class="empty">This report lists no sources.</p>'
    body = f"""<header class="page-head"><div class="wrap">
{_render_header(title, articles, run, report, sources)}
</div></header>
<main class="wrap">
{_render_filters(sources)}
{_render_overview(sources)}
<p class="legend">In the quote comparisons, <del>struck</del> words are only in the article and \
<ins>underlined</ins> words are only in the source; grey words are the source's surrounding text.</p>
{cards}
</main>
<footer class="wrap page-foot">{_render_footer(report, run)}</footer>"""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(content_security_policy(FILTER_SCRIPT))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — citation report</title>
<style>{STYLE}</style>
</head>
<body>
{body}
<script>{FILTER_SCRIPT}</script>
</body>
</html>
"""


def content_security_policy(script: str) -> str:
    """Nothing may load; inline styles may apply; only the script with this exact text may run."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def open_in_browser(path: Path) -> bool:
    """Open the page in the user's browser; False when no browser could be started."""
    return webbrowser.open(path.resolve().as_uri())


# ---------------------------------------------------------------- page parts


def _render_header(
    title: str,
    articles: list[Mapping[str, Any]],
    run: Mapping[str, Any],
    report: Mapping[str, Any],
    sources: list[dict[str, Any]],
) -> str:
    parts = ['<p class="eyebrow">Citation check</p>', f"<h1>{escape(title)}</h1>"]
    for article in articles:
        meta = [escape(_text(article.get(key))) for key in ("publisher", "published") if article.get(key)]
        if article.get("url"):
            meta.append(_render_url(_text(article.get("url"))))
        if len(articles) > 1:
            meta.insert(0, f"<strong>{escape(_text(article.get('title')))}</strong>")
        if meta:
            parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    network = _text(run.get("network")) or "ok"
    started = _when(run.get("started_at"))
    run_bits = [f"Checked {escape(started)}" if started else "Run time unknown"]
    if run.get("id"):
        run_bits.append(f"run <code>{escape(_text(run.get('id')))}</code>")
    run_bits.append(f"network {escape(network)}")
    parts.append(f'<p class="run">{" · ".join(run_bits)}</p>')
    if network != "ok":
        parts.append(
            '<p class="alert" role="alert"><span aria-hidden="true">⚠</span> The network itself looked '
            "down during this run: failures below may be ours, and no link was recorded as dead.</p>"
        )
    counts = Counter(_text(source.get("verdict")) for source in sources)
    items = "".join(
        f'<li class="tile tone-{look.tone}"><span class="count">{count}</span>'
        f'<span class="tile-label"><span aria-hidden="true">{escape(look.icon)} </span>{escape(look.label)}</span></li>'
        for verdict, count in _ordered_counts(counts, SOURCE_LOOKS)
        for look in [_source_look(verdict)]
    )
    parts.append(f'<ul class="counts" aria-label="Sources per verdict">{items}</ul>')
    parts.append(f'<p class="totals">{escape(_totals_line(report, sources))}</p>')
    return "\n".join(parts)


def _totals_line(report: Mapping[str, Any], sources: list[dict[str, Any]]) -> str:
    quotes = [quote for source in sources for quote in source.get("quotes") or []]
    detail = _quote_tally(quotes)
    noun = "source" if len(sources) == 1 else "sources"
    line = f"{len(sources)} {noun}, {len(quotes)} quotes and claims"
    return f"{line}: {detail}." if detail else f"{line}."


def _render_filters(sources: list[dict[str, Any]]) -> str:
    counts = Counter(_text(source.get("verdict")) for source in sources)
    if not counts:
        return ""
    boxes = []
    for verdict, count in _ordered_counts(counts, SOURCE_LOOKS):
        attention = "false" if verdict.startswith("verified") else "true"
        boxes.append(
            f'<label><input type="checkbox" value="{escape(verdict)}" data-attention="{attention}" checked>'
            f"{escape(_source_look(verdict).label)} ({count})</label>"
        )
    return (
        '<fieldset id="filters" class="filters" hidden><legend>Show</legend>'
        + "".join(boxes)
        + '<button type="button" data-select="all">All</button>'
        '<button type="button" data-select="attention">Needs attention</button>'
        '<p id="filter-status" class="status" role="status" aria-live="polite"></p></fieldset>'
    )


def _render_overview(sources: list[dict[str, Any]]) -> str:
    """One row per source: the whole report at a glance, each row linking to its card."""
    if not sources:
        return ""
    rows = []
    for source in sources:
        source_id = _text(source.get("id"))
        verdict = _text(source.get("verdict"))
        link: Mapping[str, Any] | None = source.get("link")
        link_cell = _badge(_link_look(_text(link.get("status")))) if link else '<span class="empty">no URL</span>'
        tally = _quote_tally(source.get("quotes") or [])
        tally_cell = escape(tally) if tally else '<span class="empty">none</span>'
        why = _why(source)
        rows.append(
            f'<tr data-verdict="{escape(verdict)}"><td>{_badge(_source_look(verdict))}</td>'
            f'<td><a href="#source-{escape(source_id)}">{escape(_text(source.get("title")) or source_id)}</a>'
            + (
                f'<span class="publisher"> · {escape(_text(source.get("publisher")))}</span>'
                if source.get("publisher")
                else ""
            )
            + (f'<div class="why">{escape(why)}</div>' if why else "")
            + f'</td><td data-label="Link">{link_cell}</td><td data-label="Quotes and claims">{tally_cell}</td></tr>'
        )
    return (
        '<table class="overview"><caption>At a glance</caption><thead><tr><th scope="col">Verdict</th>'
        '<th scope="col">Source</th><th scope="col">Link</th><th scope="col">Quotes and claims</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _why(source: Mapping[str, Any]) -> str:
    """The one line an editor needs first: what is wrong, or how it was verified."""
    verdict = _text(source.get("verdict"))
    for quote in source.get("quotes") or []:
        quote_verdict = _text(quote.get("verdict"))
        if quote_verdict in (QuoteVerdict.DISTORTED, QuoteVerdict.NOT_FOUND):
            notes = [_text(note) for note in quote.get("notes") or []]
            return notes[0] if notes else f"{_quote_look(quote_verdict).label}: “{_text(quote.get('text'))}”"
    if verdict == SourceVerdict.UNRESOLVED:
        return "the source's URL is not identified yet"
    link: Mapping[str, Any] | None = source.get("link")
    reason = _text(link.get("reason")) if link else ""
    if verdict == SourceVerdict.VERIFIED_VIA_ARCHIVE:
        archive: Mapping[str, Any] = source.get("archive") or {}
        captured = _when(archive.get("timestamp"))
        copy = f"the archived copy of {captured}" if captured else "an archived copy"
        return f"live page: {reason}; verified in {copy}" if reason else f"verified in {copy}"
    if verdict == SourceVerdict.VERIFIED_VIA_ALTERNATE:
        return f"live page: {reason}; verified in the alternate copy" if reason else "verified in the alternate copy"
    return reason if verdict != SourceVerdict.VERIFIED else ""


def _render_card(source: Mapping[str, Any], timeline: Sequence[Mapping[str, str]]) -> str:
    source_id = _text(source.get("id"))
    verdict = _text(source.get("verdict"))
    look = _source_look(verdict)
    heading = _text(source.get("title")) or source_id or "(source without id)"
    change = _text(source.get("change"))
    change_label = CHANGE_LABELS.get(change, change)
    flags: Mapping[str, str] = {Change.NEWLY_FAILING: " flag", Change.RECOVERED: " recovered"}
    flag = flags.get(change, "")
    parts = [
        f'<article class="card tone-{look.tone}" id="source-{escape(source_id)}" '
        f'data-verdict="{escape(verdict)}" aria-labelledby="title-{escape(source_id)}">',
        f'<div class="card-head">{_badge(look)}<h2 id="title-{escape(source_id)}">{escape(heading)}</h2>'
        + (f'<span class="change{flag}">{escape(change_label)}</span>' if change_label else "")
        + "</div>",
    ]
    byline = [escape(_text(source.get(key))) for key in ("publisher", "published") if source.get(key)]
    authors = [_text(author) for author in source.get("authors") or []]
    if authors:
        byline.insert(0, escape(", ".join(authors)))
    if heading != source_id:
        byline.append(f"<code>{escape(source_id)}</code>")
    if byline:
        parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    parts.append(_render_facts(source))
    source_notes = [_text(note) for note in source.get("notes") or []]
    if source_notes:
        parts.append(_render_notes(source_notes, "source-notes"))
    parts.append(_render_history(timeline))
    parts.append(_render_quotes(source))
    parts.append("</article>")
    return "\n".join(parts)


def _render_facts(source: Mapping[str, Any]) -> str:
    rows: list[tuple[str, str]] = []
    link: Mapping[str, Any] | None = source.get("link")
    url = _text(source.get("url"))
    rows.append(("Cited URL", _render_url(url) if url else '<span class="empty">not identified yet</span>'))
    if link:
        status = _text(link.get("status"))
        reason = _text(link.get("reason"))
        link_cell = _badge(_link_look(status))
        if reason:
            link_cell += f" {escape(reason)}"
        rows.append(("Link", link_cell))
        if link.get("http_status") is not None:
            rows.append(("HTTP status", escape(_text(link.get("http_status")))))
        final_url = _text(link.get("final_url"))
        if final_url and final_url != url:
            rows.append(("Final URL", _render_url(final_url)))
        redirects = [_text(hop) for hop in link.get("redirects") or []]
        if redirects:
            hops = "".join(f"<li>{_render_url(hop)}</li>" for hop in redirects)
            rows.append((f"Redirects ({len(redirects)})", f"<ol>{hops}</ol>"))
        if link.get("confirmed_dead"):
            rows.append(("Confirmed dead", '<span class="dead">yes: failed on enough runs over enough days</span>'))
        checked = _when(link.get("checked_at"))
        if checked:
            rows.append(("Checked", escape(checked)))
    archive: Mapping[str, Any] | None = source.get("archive")
    if archive:
        when = _when(archive.get("timestamp"))
        captured = f" (captured {escape(when)})" if when else ""
        rows.append(("Archived copy used", _render_url(_text(archive.get("url"))) + captured))
    alternate: Mapping[str, Any] | None = source.get("alternate")
    if alternate:
        status = _text(alternate.get("status"))
        state = f" (link {escape(status)})" if status else ""
        rows.append(("Alternate used", _render_url(_text(alternate.get("url"))) + state))
    items = "".join(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<dl class="facts">{items}</dl>'


def _render_history(timeline: Sequence[Mapping[str, str]]) -> str:
    if not timeline:
        return (
            '<div class="history"><span class="history-label">History:</span> '
            '<span class="empty">no runs recorded</span></div>'
        )
    cells = []
    for entry in timeline:
        look = _source_look(_text(entry.get("verdict")))
        when = _when(entry.get("started_at")) or _text(entry.get("run_id"))
        network_down = entry.get("network") == "down"
        text = f"{when}: {look.label}" + (" (network down)" if network_down else "")
        cells.append(
            f'<li class="cell tone-{look.tone}{" network-down" if network_down else ""}" title="{escape(text)}">'
            f'<span aria-hidden="true">{look.icon}</span><span class="sr-only">{escape(text)}</span></li>'
        )
    runs = "1 run" if len(timeline) == 1 else f"{len(timeline)} runs"
    first = _when(timeline[0].get("started_at"))
    last = _when(timeline[-1].get("started_at"))
    span = f"{first} – {last}" if first != last else first
    return (
        f'<div class="history"><span class="history-label">History, {runs}, oldest first:</span>'
        f'<ol class="strip" aria-label="History: {runs}, oldest first">{"".join(cells)}</ol>'
        f'<span class="history-range">{escape(span)}</span></div>'
    )


def _render_quotes(source: Mapping[str, Any]) -> str:
    quotes: list[Mapping[str, Any]] = list(source.get("quotes") or [])
    if not quotes:
        return '<p class="empty">No quotes or claims are attributed to this source.</p>'
    unresolved = _text(source.get("verdict")) == SourceVerdict.UNRESOLVED
    return '<ol class="quotes">' + "".join(_render_quote(quote, unresolved) for quote in quotes) + "</ol>"


def _render_quote(quote: Mapping[str, Any], unresolved: bool) -> str:
    kind = _text(quote.get("kind"))
    look = _quote_look(_text(quote.get("verdict")))
    score = quote.get("score")
    verdict = _text(quote.get("verdict"))
    scored = isinstance(score, int | float) and verdict != QuoteVerdict.UNVERIFIABLE
    score_text = f"score {score:.2f}" if scored else ""
    head = (
        f'<div class="quote-head"><span class="kind">{escape(KIND_LABELS.get(kind, kind))}</span>'
        f"{_badge(look)}" + (f'<span class="score">{escape(score_text)}</span>' if score_text else "") + "</div>"
    )
    notes = [_text(note) for note in quote.get("notes") or []]
    text = _text(quote.get("text"))
    evidence: Mapping[str, Any] | None = quote.get("evidence")
    evidence_text = _text(evidence.get("text")) if evidence else ""
    said = "Article claims" if kind == QuoteKind.CLAIM else "Article quotes"
    # Rewordings that hold differ everywhere by nature: their diff is shown, but quietly.
    soft = " soft" if look in (QUOTE_LOOKS[QuoteVerdict.PARAPHRASE], QUOTE_LOOKS[QuoteVerdict.NEAR_VERBATIM]) else ""
    edits = [
        e for e in quote.get("edits") or [] if isinstance(e, Mapping) and _text(e.get("kind")) not in HARMLESS_EDITS
    ]
    if evidence_text and edits:
        quoted = _mark_edits(text, [(_text(e.get("quote")), _text(e.get("kind"))) for e in edits])
        found = _mark_edits(evidence_text, [(_text(e.get("source")), _text(e.get("kind"))) for e in edits])
        origin = EVIDENCE_FROM_LABELS.get(_text(evidence.get("from")) if evidence else "", "")
        caption = f"Source says ({origin})" if origin else "Source says"
        evidence_html = f"<figcaption>{escape(caption)}</figcaption><blockquote>{found}</blockquote>"
    elif evidence_text:
        quoted, found = _word_diff(text, evidence_text)
        origin = EVIDENCE_FROM_LABELS.get(_text(evidence.get("from")) if evidence else "", "")
        caption = f"Source says ({origin})" if origin else "Source says"
        evidence_html = f"<figcaption>{escape(caption)}</figcaption><blockquote>{found}</blockquote>"
    else:
        quoted = escape(text)
        if unresolved:
            missing = "Waiting for the source's URL."
        elif verdict == QuoteVerdict.UNVERIFIABLE:
            missing = "The page could not be read."
        else:
            missing = "No matching passage on the page."
        evidence_html = f'<figcaption>Source says</figcaption><p class="none">{missing}</p>'
    return (
        f'<li class="quote" data-verdict="{escape(verdict)}">{head}'
        + (_render_notes(notes, "notes") if notes else "")
        + f'<div class="compare{soft}"><figure class="side"><figcaption>{said}</figcaption>'
        f"<blockquote>{quoted}</blockquote></figure>"
        f'<figure class="side">{evidence_html}</figure></div></li>'
    )


def _render_notes(notes: Iterable[str], css_class: str) -> str:
    items = "".join(f'<li><span aria-hidden="true">⚠ </span>{escape(note)}</li>' for note in notes)
    return f'<ul class="{css_class}" aria-label="Notes">{items}</ul>'


def _render_footer(report: Mapping[str, Any], run: Mapping[str, Any]) -> str:
    bits = [f"Schema {escape(_text(report.get('schema')))}"] if report.get("schema") else []
    if run.get("version"):
        bits.append(f"verifier {escape(_text(run.get('version')))}")
    inputs = [_text(name) for name in run.get("inputs") or []]
    if inputs:
        bits.append("inputs: " + ", ".join(f"<code>{escape(name)}</code>" for name in inputs))
    finished = _when(run.get("finished_at"))
    if finished:
        bits.append(f"finished {escape(finished)}")
    return " · ".join(bits)


# ---------------------------------------------------------------- small pieces


HARMLESS_EDITS = frozenset({"inflection", "spelling", "synonym", "moved", "punctuation", "uncovered"})


def _mark_edits(text: str, phrases: Sequence[tuple[str, str]]) -> str:
    """`text` as HTML with the first place of each edit's words marked (<mark>, its kind as the
    title): the judge's own account of what differs, rather than a word diff."""
    spans: list[tuple[int, int, str]] = []
    folded = text.casefold()
    for phrase, kind in phrases:
        for part in phrase.split(" … "):
            piece = part.strip()
            at = folded.find(piece.casefold()) if piece else -1
            if at >= 0 and not any(start < at + len(piece) and at < end for start, end, _ in spans):
                spans.append((at, at + len(piece), kind))
    out: list[str] = []
    cursor = 0
    for start, end, kind in sorted(spans):
        out.append(escape(text[cursor:start]))
        out.append(f'<mark class="edit" title="{escape(kind, quote=True)}">{escape(text[start:end])}</mark>')
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _word_diff(quote: str, evidence: str) -> tuple[str, str]:
    """Both texts as HTML with the words that differ marked: <del> for words only in the
    quote, <ins> for words only in the evidence. Evidence words added before the first and
    after the last match are its surrounding context, shown plain (class ctx), not as changes."""
    quote_words = WORD.findall(quote)
    evidence_words = WORD.findall(evidence)
    matcher = difflib.SequenceMatcher(
        None, [_word_key(w) for w in quote_words], [_word_key(w) for w in evidence_words], autojunk=False
    )
    opcodes = matcher.get_opcodes()
    if not any(tag == "equal" for tag, *_ in opcodes):
        return escape(" ".join(quote_words)), escape(" ".join(evidence_words))
    first = next(i for i, op in enumerate(opcodes) if op[0] == "equal")
    last = max(i for i, op in enumerate(opcodes) if op[0] == "equal")
    quoted: list[str] = []
    found: list[str] = []
    for index, (tag, q1, q2, e1, e2) in enumerate(opcodes):
        quote_part = escape(" ".join(quote_words[q1:q2]))
        evidence_part = escape(" ".join(evidence_words[e1:e2]))
        if tag == "equal":
            quoted.append(quote_part)
            found.append(evidence_part)
            continue
        if quote_part:
            quoted.append(f"<del>{quote_part}</del>")
        if evidence_part:
            outside = tag == "insert" and (index < first or index > last)
            found.append(f'<span class="ctx">{evidence_part}</span>' if outside else f"<ins>{evidence_part}</ins>")
    return " ".join(quoted), " ".join(found)


def _word_key(word: str) -> str:
    return word.translate(TYPOGRAPHIC).strip(EDGE_PUNCTUATION).casefold() or word


def _render_url(url: str) -> str:
    """A link for an http(s) URL with a host; anything else is shown as text only."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and url == url.strip():
        return f'<a class="url" href="{escape(url, quote=True)}" rel="noopener noreferrer">{escape(url)}</a>'
    return f'<span class="url">{escape(url)}</span>'


@functools.cache
def _badge(look: Look) -> str:
    """(The same few looks, for every source and quote: each made once.)"""
    return (
        f'<span class="badge tone-{look.tone}"><span class="icon" aria-hidden="true">{escape(look.icon)}</span>'
        f"{escape(look.label)}</span>"
    )


def _source_look(verdict: str) -> Look:
    known = SOURCE_LOOKS.get(verdict)  # (not a default made on every call)
    return known if known is not None else Look("?", verdict or "no verdict", UNKNOWN_TONE)


def _quote_look(verdict: str) -> Look:
    known = QUOTE_LOOKS.get(verdict)  # (not a default made on every call)
    return known if known is not None else Look("?", verdict or "no verdict", UNKNOWN_TONE)


def _link_look(status: str) -> Look:
    known = LINK_LOOKS.get(status)  # (not a default made on every call)
    return known if known is not None else Look("?", status or "no status", UNKNOWN_TONE)


def _quote_tally(quotes: Iterable[Mapping[str, Any]]) -> str:
    """'2 verbatim, 1 distorted': quote verdicts counted, in their fixed order."""
    counts = Counter(_text(quote.get("verdict")) for quote in quotes)
    return ", ".join(
        f"{count} {_quote_look(verdict).label.lower()}" for verdict, count in _ordered_counts(counts, QUOTE_LOOKS)
    )


def _ordered_counts(counts: Counter[str], known: Mapping[str, Look]) -> list[tuple[str, int]]:
    """Known verdicts in their fixed order, then any unknown ones alphabetically."""
    order = [str(verdict) for verdict in known]
    present = [(verdict, counts[verdict]) for verdict in order if counts[verdict]]
    return present + sorted((verdict, count) for verdict, count in counts.items() if verdict not in order)


def _when(value: object) -> str:
    """An RFC 3339 time as 'YYYY-MM-DD HH:MM UTC'; anything unparsable as given."""
    return _shown_time(_text(value))


@functools.lru_cache(maxsize=4096)
def _shown_time(text: str) -> str:
    """(Remembered: a run's start shows on every source's history.)"""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def escape(text: str, quote: bool = True) -> str:
    """HTML-escaped, with bidirectional controls shown as code points (report.show_bidi_controls).
    Most texts of a report (ids, URLs, statuses, reasons) are ASCII with nothing to escape: they
    are returned as they are (html.escape's five replacements cost ~1 us a text, 129,000 texts
    in the page of a 3,000-source run)."""
    if text.isascii() and not _HTML_SPECIAL.search(text):
        return text
    return html.escape(show_bidi_controls(text), quote=quote)


def _text(value: object) -> str:
    return "" if value is None else str(value)
