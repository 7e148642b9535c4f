"""The HTML report's structure, its escaping of hostile input, and a golden file.

The golden file tests/golden/index.html is the page for `small_report()`. After an intended
change to the page, regenerate it with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_html_report.py

and review the diff before committing it.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from tests import runbuilder
from tests.report_fixtures import (
    HOSTILE,
    HOSTILE_URL,
    check_golden,
    hostile_report,
    hostile_timelines,
    realistic_report,
    realistic_timelines,
    small_report,
    small_timelines,
)
from verifier.html_report import FILTER_SCRIPT, STYLE, render_html
from verifier.report import render_markdown

GOLDEN = Path(__file__).parent / "golden" / "index.html"
ROOT = Path(__file__).parent.parent


def parse(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def tag(found: object) -> Tag:
    assert isinstance(found, Tag), found
    return found


def tags(soup: BeautifulSoup | Tag, selector: str) -> list[Tag]:
    return list(soup.select(selector))


def card(soup: BeautifulSoup, source_id: str) -> Tag:
    return tag(soup.find("article", id=f"source-{source_id}"))


@pytest.fixture(scope="module")
def realistic() -> BeautifulSoup:
    return parse(render_html(realistic_report(), realistic_timelines()))


# ---------------------------------------------------------------- structure


def test_one_card_per_source_with_its_verdict(realistic: BeautifulSoup) -> None:
    cards = tags(realistic, "article.card")
    expected = [(s["id"], s["verdict"]) for s in realistic_report()["sources"]]
    assert [(c["id"], c["data-verdict"]) for c in cards] == [(f"source-{i}", v) for i, v in expected]


@pytest.mark.parametrize(
    ("source_id", "label"),
    [
        ("nea-solar-2024", "✓Verified"),
        ("fa-build-like-china", "≠Disputed"),
        ("fa-allied-scale", "✓Verified via archive"),
        ("bloomberg-tariffs", "?Unverifiable"),
        ("solar-stats", "✗Broken"),
        ("ft-best-self", "…Unresolved"),
    ],
    ids=["verified", "disputed", "archive", "unverifiable", "broken", "unresolved"],
)
def test_badge_has_icon_and_words_not_only_colour(realistic: BeautifulSoup, source_id: str, label: str) -> None:
    badge = tag(card(realistic, source_id).select_one(".card-head .badge"))
    assert badge.get_text() == label
    assert tag(badge.select_one(".icon"))["aria-hidden"] == "true"


def test_header_shows_article_run_and_counts(realistic: BeautifulSoup) -> None:
    header = tag(realistic.find("header"))
    assert tag(header.h1).get_text() == "To compete like China, one should build like China"
    assert "Observer News" in header.get_text()
    assert tag(header.find("a"))["href"] == "https://www.toutiao.com/article/7522768140141347337/"
    assert "Checked 2026-11-29 06:00 UTC" in header.get_text()
    assert "network ok" in header.get_text()
    assert not header.select(".alert")
    counts = {
        tag(li.select_one(".tile-label")).get_text(): int(tag(li.select_one(".count")).get_text())
        for li in header.select(".counts li")
    }
    assert counts == {
        "✓ Verified": 1,
        "✓ Verified via archive": 1,
        "≠ Disputed": 1,
        "✗ Broken": 1,
        "? Unverifiable": 1,
        "… Unresolved": 1,
    }
    assert "tone-disputed" in tag(header.select_one(".counts li:nth-of-type(3)"))["class"]


def test_network_down_is_announced() -> None:
    report = small_report()
    report["run"]["network"] = "down"
    alert = tag(parse(render_html(report, {})).select_one(".alert"))
    assert alert["role"] == "alert"
    assert "looked down" in alert.get_text()


def test_article_block_is_optional() -> None:
    report = small_report()
    del report["article"]
    soup = parse(render_html(report, {}))
    assert tag(soup.h1).get_text() == "Citation report"
    assert len(soup.select("article.card")) == 2


def test_several_citing_documents_are_each_named() -> None:
    report = small_report()
    del report["article"]
    report["articles"] = [
        {"title": "First <piece>", "publisher": "Observer News", "url": "https://a.example/1"},
        {"title": "Second piece", "publisher": "Daily", "url": "javascript:alert(1)"},
    ]
    soup = parse(render_html(report, {}))
    assert tag(soup.h1).get_text() == "Citation report"
    metas = [tag(p).get_text() for p in soup.select("header .meta")]
    assert metas == [
        "First <piece> · Observer News · https://a.example/1",
        "Second piece · Daily · javascript:alert(1)",
    ]
    assert [tag(a)["href"] for a in soup.select("header .meta a")] == ["https://a.example/1"]


def test_a_report_without_sources_says_so() -> None:
    report = small_report()
    report["sources"] = []
    soup = parse(render_html(report, {}))
    assert "lists no sources" in soup.get_text()
    assert soup.select("#filters") == []


def test_filters_offer_each_present_verdict_and_wait_for_script(realistic: BeautifulSoup) -> None:
    filters = tag(realistic.select_one("fieldset#filters"))
    assert filters.has_attr("hidden"), "without JavaScript the (inert) filters stay hidden and every card shows"
    boxes = filters.select("input[type=checkbox]")
    assert [b["value"] for b in boxes] == [
        "verified",
        "verified_via_archive",
        "disputed",
        "broken",
        "unverifiable",
        "unresolved",
    ]
    assert all(b.has_attr("checked") for b in boxes)
    assert [b["data-attention"] for b in boxes] == ["false", "false", "true", "true", "true", "true"]
    assert tag(boxes[1].parent).get_text() == "Verified via archive (1)"
    assert {tag(b)["data-select"] for b in filters.select("button")} == {"all", "attention"}
    assert not realistic.select("article.card[hidden]")


@pytest.mark.parametrize("source_id", [s["id"] for s in realistic_report()["sources"]])
def test_history_strip_has_one_cell_per_run(realistic: BeautifulSoup, source_id: str) -> None:
    timeline = realistic_timelines()[source_id]
    cells = card(realistic, source_id).select(".strip li.cell")
    assert len(cells) == len(timeline)
    first = cells[0]
    assert str(first["title"]).startswith(timeline[0]["started_at"][:10])
    assert tag(first.select_one(".sr-only")).get_text() == first["title"], "a text alternative to the colour"


def test_history_cells_name_date_and_verdict(realistic: BeautifulSoup) -> None:
    cells = card(realistic, "fa-allied-scale").select(".strip li.cell")
    assert cells[0]["title"] == "2026-11-21 06:00 UTC: Verified"
    assert cells[5]["title"] == "2026-11-26 06:00 UTC: Broken"
    assert cells[-1]["title"] == "2026-11-29 06:00 UTC: Verified via archive"
    assert "tone-bad" in cells[5]["class"]


def test_history_marks_runs_when_the_network_was_down(realistic: BeautifulSoup) -> None:
    cells = card(realistic, "bloomberg-tariffs").select(".strip li.cell")
    down = [cell["title"] for cell in cells if "network-down" in cell["class"]]
    assert down == ["2026-11-25 06:00 UTC: Unverifiable (network down)"]


def test_missing_history_is_stated(realistic: BeautifulSoup) -> None:
    soup = parse(render_html(realistic_report(), {}))
    assert "no runs recorded" in card(soup, "solar-stats").get_text()


def test_link_facts_are_shown(realistic: BeautifulSoup) -> None:
    facts = {
        tag(dt).get_text(): tag(dt.find_next_sibling("dd"))
        for dt in card(realistic, "fa-allied-scale").select("dl.facts dt")
    }
    assert facts["Link"].get_text() == "✗Not found HTTP 404 after 1 redirect"
    assert facts["HTTP status"].get_text() == "404"
    final = "https://www.foreignaffairs.com/china/underestimating-china-allied-scale"
    assert tag(facts["Final URL"].a)["href"] == final
    assert [tag(a)["href"] for a in facts["Redirects (1)"].select("a")] == [final]
    assert "yes" in facts["Confirmed dead"].get_text()
    archive = facts["Archived copy used"]
    assert str(tag(archive.a)["href"]).startswith("https://web.archive.org/web/20250412000000/")
    assert "captured 2025-04-12 00:00 UTC" in archive.get_text()
    alternate = {tag(dt).get_text() for dt in card(realistic, "fa-build-like-china").select("dl.facts dt")}
    assert "Alternate used" in alternate


def test_unresolved_source_waits_for_its_url(realistic: BeautifulSoup) -> None:
    unresolved = card(realistic, "ft-best-self")
    assert "not identified yet" in unresolved.get_text()
    assert "Waiting for the source's URL." in unresolved.get_text()


def test_distorted_quote_shows_word_diff_and_prominent_note(realistic: BeautifulSoup) -> None:
    quote = tag(card(realistic, "fa-build-like-china").select_one('li.quote[data-verdict="distorted"]'))
    assert tag(quote.select_one(".notes li")).get_text() == (
        "⚠ number differs: quote says 28 gigawatts, source says 280 gigawatts"
    )
    article_side, source_side = quote.select("figure.side blockquote")
    assert [d.get_text() for d in article_side.select("del")] == ["28"]
    assert [i.get_text() for i in source_side.select("ins")] == ["280"]
    assert [c.get_text() for c in source_side.select(".ctx")] == [
        "Last year alone,",
        "more than the rest of the world combined.",
    ]
    assert tag(quote.select_one(".badge")).get_text() == "≠Distorted"
    assert tag(quote.select_one(".score")).get_text() == "score 0.93"
    assert "soft" not in tag(quote.select_one(".compare"))["class"]


def test_supported_rewording_shows_its_diff_quietly(realistic: BeautifulSoup) -> None:
    quote = tag(card(realistic, "fa-build-like-china").select_one('li.quote[data-verdict="paraphrase"]'))
    assert "soft" in tag(quote.select_one(".compare"))["class"]
    assert quote.select("del")
    assert quote.select("ins")


@pytest.mark.parametrize(
    ("source_verdict", "quote_verdict", "message"),
    [
        ("disputed", "not_found", "No matching passage on the page."),
        ("broken", "unverifiable", "The page could not be read."),
        ("unresolved", "unverifiable", "Waiting for the source's URL."),
    ],
    ids=["not-found", "unreadable", "unresolved"],
)
def test_quote_without_evidence_says_why(source_verdict: str, quote_verdict: str, message: str) -> None:
    report = small_report()
    report["sources"][1]["verdict"] = source_verdict
    report["sources"][1]["quotes"][0].update(verdict=quote_verdict, evidence=None, score=0.0)
    quote = tag(card(parse(render_html(report, {})), "solar").select_one("li.quote"))
    assert tag(quote.select_one(".none")).get_text() == message
    assert (quote.select_one(".score") is None) == (quote_verdict == "unverifiable")


def test_overview_row_per_source_says_why(realistic: BeautifulSoup) -> None:
    rows = realistic.select("table.overview tbody tr")
    sources = realistic_report()["sources"]
    assert [row["data-verdict"] for row in rows] == [source["verdict"] for source in sources]
    assert [tag(row.a)["href"] for row in rows] == [f"#source-{source['id']}" for source in sources]
    assert all(realistic.find(id=str(tag(row.a)["href"])[1:]) for row in rows), "each row links to its card"
    why = {str(tag(row.a)["href"])[8:]: (row.select_one(".why") or Tag(name="i")).get_text() for row in rows}
    assert why == {
        "nea-solar-2024": "",
        "fa-build-like-china": "number differs: quote says 28 gigawatts, source says 280 gigawatts",
        "fa-allied-scale": "live page: HTTP 404 after 1 redirect; "
        "verified in the archived copy of 2025-04-12 00:00 UTC",
        "bloomberg-tariffs": "subscription wall: 60 words visible, none of them quoted",
        "solar-stats": "redirected to site root",
        "ft-best-self": "the source's URL is not identified yet",
    }
    cells = [[tag(td).get_text() for td in row.select("td")[2:]] for row in rows]
    assert cells[1] == ["$Paywalled", "1 paraphrase, 1 distorted"]
    assert cells[5] == ["no URL", "1 unverifiable"]


def diff_of(quote: str, evidence: str) -> tuple[Tag, Tag]:
    report = small_report()
    report["sources"][1]["quotes"][0].update(text=quote, evidence={"text": evidence, "from": "live"})
    soup = parse(render_html(report, {}))
    said, found = card(soup, "solar").select("figure.side blockquote")
    return said, found


def texts(node: Tag, selector: str) -> list[str]:
    return [n.get_text() for n in node.select(selector)]


@pytest.mark.parametrize(
    ("quote", "evidence", "deleted", "inserted", "context"),
    [
        ("Speed matters.", "Speed matters.", [], [], []),
        ("“Speed,” she said, “matters”", '"speed," She said, "Matters."', [], [], []),
        ("about 28 GW of solar", "about 280 GW of solar", ["28"], ["280"], []),
        ("tariffs will bring industry back", "tariffs will not bring industry back", [], ["not"], []),
        ("it is not cheap", "it is cheap", ["not"], [], []),
        ("panels are cheap", "Experts agree that panels are cheap, as noted", [], [], ["Experts agree that"]),
        (
            "prioritize speed and clustering",
            "prioritizing speed and agglomeration",
            ["prioritize", "clustering"],
            ["prioritizing", "agglomeration"],
            [],
        ),
        ("one two three", "alpha beta gamma", [], [], []),
        ("a <b>bold</b> & claim", "a <b>bold</b> & claim", [], [], []),
    ],
    ids=[
        "identical",
        "case-and-typographic-quotes-ignored",
        "changed-number",
        "dropped-not",
        "added-not",
        "surrounding-context-not-a-change",
        "reworded-ends-are-changes-not-context",
        "nothing-in-common-shown-plain",
        "markup-in-text-is-text",
    ],
)
def test_word_diff(quote: str, evidence: str, deleted: list[str], inserted: list[str], context: list[str]) -> None:
    said, found = diff_of(quote, evidence)
    assert texts(said, "del") == deleted
    assert texts(found, "ins") == inserted
    assert texts(found, ".ctx")[:1] == context
    assert said.get_text() == quote
    assert found.get_text() == evidence
    assert said.find("b") is None
    assert found.find("b") is None


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("tone", ["good", "archive", "alternate", "disputed", "bad", "unknown", "pending"])
def test_tone_colours_meet_wcag_aa(tone: str) -> None:
    """Badge text on its tint, and the white icon on a history cell, read at 4.5:1 or better."""
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", STYLE))
    assert contrast(colours[f"{tone}-fg"], colours[f"{tone}-bg"]) >= 4.5
    assert contrast("#ffffff", colours[f"{tone}-cell"]) >= 4.5
    assert contrast(colours[f"{tone}-cell"], colours["wash"]) >= 3, "a cell stands out from the page"


def test_body_text_colours_meet_wcag_aa() -> None:
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", STYLE))
    for name in ("ink", "muted", "link"):
        assert contrast(colours[name], colours["wash"]) >= 4.5, name
        assert contrast(colours[name], colours["paper"]) >= 4.5, name


# ---------------------------------------------------------------- self-contained and locked down


def csp_of(soup: BeautifulSoup) -> str:
    meta = tag(soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"}))
    return str(meta["content"])


def test_page_loads_nothing_from_outside(realistic: BeautifulSoup) -> None:
    assert realistic.find_all(["link", "img", "iframe", "object", "embed", "base", "form"]) == []
    assert [t for t in realistic.find_all(True) if t.has_attr("src")] == []
    assert "url(" not in tag(realistic.style).get_text()
    assert "@import" not in tag(realistic.style).get_text()
    viewport = tag(realistic.find("meta", attrs={"name": "viewport"}))
    assert "width=device-width" in str(viewport["content"])


def test_csp_allows_only_the_page_script_by_hash(realistic: BeautifulSoup) -> None:
    scripts = realistic.find_all("script")
    assert len(scripts) == 1
    script_text = tag(scripts[0]).get_text()
    assert script_text == FILTER_SCRIPT
    digest = base64.b64encode(hashlib.sha256(script_text.encode()).digest()).decode()
    policy = csp_of(realistic)
    assert "default-src 'none'" in policy
    assert f"script-src 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    head = tag(realistic.head)
    first_meta = [t.name for t in head.find_all(True)][:2]
    assert first_meta == ["meta", "meta"], "the policy comes before any style or script"


# ---------------------------------------------------------------- escaping


def assert_locked_down(page: str) -> BeautifulSoup:
    """Nothing from the data became markup: one script (ours), no handlers, only web links."""
    soup = parse(page)
    scripts = soup.find_all("script")
    assert len(scripts) == 1
    assert tag(scripts[0]).get_text() == FILTER_SCRIPT
    assert soup.find_all(["img", "iframe", "object", "embed", "svg", "math", "base", "form", "link"]) == []
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], (element.name, handlers)
        for name in ("href", "src", "action", "formaction"):
            if element.has_attr(name):
                assert str(element[name]).startswith(("https://", "http://", "#source-")), element
    assert "<script>window.__pwned" not in page
    assert "<img" not in page
    return soup


def test_hostile_report_is_shown_as_text() -> None:
    page = render_html(hostile_report(), hostile_timelines())
    soup = assert_locked_down(page)
    assert tag(soup.h1).get_text() == HOSTILE
    assert tag(soup.title).get_text() == f"{HOSTILE} — citation report"
    assert HOSTILE_URL in soup.get_text()
    hostile_card = card(soup, HOSTILE)
    assert hostile_card["data-verdict"] == HOSTILE
    assert tag(hostile_card.h2).get_text() == HOSTILE
    assert [cell["title"] for cell in hostile_card.select(".strip li.cell")] == [f"{HOSTILE}: {HOSTILE}"]
    assert tag(card(soup, "hostile-title").h2).get_text() == "<script>alert(1)</script>"


HostileEdit = Callable[[dict[str, Any]], None]


def set_in(*path: str | int, as_list: bool = False) -> HostileEdit:
    def edit(report: dict[str, Any]) -> None:
        target: Any = report
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = [HOSTILE] if as_list else HOSTILE

    return edit


# (field, edit, whether the field is shown as text; a non-number score and an unknown
# evidence origin are left out)
HOSTILE_FIELDS: list[tuple[str, HostileEdit, bool]] = [
    ("article.title", set_in("article", "title"), True),
    ("article.publisher", set_in("article", "publisher"), True),
    ("article.url", set_in("article", "url"), True),
    ("article.published", set_in("article", "published"), True),
    ("run.id", set_in("run", "id"), True),
    ("run.started_at", set_in("run", "started_at"), True),
    ("run.network", set_in("run", "network"), True),
    ("run.version", set_in("run", "version"), True),
    ("schema", set_in("schema"), True),
    ("source.id", set_in("sources", 1, "id"), True),
    ("source.url", set_in("sources", 1, "url"), True),
    ("source.title", set_in("sources", 1, "title"), True),
    ("source.publisher", set_in("sources", 1, "publisher"), True),
    ("source.published", set_in("sources", 1, "published"), True),
    ("source.authors", set_in("sources", 1, "authors", as_list=True), True),
    ("source.notes", set_in("sources", 1, "notes", as_list=True), True),
    ("run.inputs", set_in("run", "inputs", as_list=True), True),
    ("archive.url", set_in("sources", 1, "archive", "url"), True),
    ("archive.timestamp", set_in("sources", 1, "archive", "timestamp"), True),
    ("alternate.url", set_in("sources", 1, "alternate", "url"), True),
    ("alternate.status", set_in("sources", 1, "alternate", "status"), True),
    ("source.verdict", set_in("sources", 1, "verdict"), True),
    ("source.change", set_in("sources", 1, "change"), True),
    ("link.status", set_in("sources", 1, "link", "status"), True),
    ("link.reason", set_in("sources", 1, "link", "reason"), True),
    ("link.http_status", set_in("sources", 1, "link", "http_status"), True),
    ("link.final_url", set_in("sources", 1, "link", "final_url"), True),
    ("link.redirect", set_in("sources", 1, "link", "redirects", 0), True),
    ("link.checked_at", set_in("sources", 1, "link", "checked_at"), True),
    ("quote.text", set_in("sources", 1, "quotes", 0, "text"), True),
    ("quote.kind", set_in("sources", 1, "quotes", 0, "kind"), True),
    ("quote.verdict", set_in("sources", 1, "quotes", 0, "verdict"), True),
    ("quote.score", set_in("sources", 1, "quotes", 0, "score"), False),
    ("quote.note", set_in("sources", 1, "quotes", 0, "notes", 0), True),
    ("evidence.text", set_in("sources", 1, "quotes", 0, "evidence", "text"), True),
    ("evidence.from", set_in("sources", 1, "quotes", 0, "evidence", "from"), False),
]


@pytest.mark.parametrize(
    ("edit", "shown"), [(edit, shown) for _, edit, shown in HOSTILE_FIELDS], ids=[name for name, *_ in HOSTILE_FIELDS]
)
def test_hostile_string_in_one_field_stays_text(edit: HostileEdit, shown: bool) -> None:
    report = small_report()
    report["sources"][1]["archive"] = {"url": "https://archive.example/web/1", "timestamp": "2025-01-01T00:00:00Z"}
    report["sources"][1]["alternate"] = {"url": "https://mirror.example/solar", "status": "ok"}
    edit(report)
    soup = assert_locked_down(render_html(report, small_timelines()))
    assert (HOSTILE in soup.get_text()) == shown


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1&c=2#d", True),
        ("http://example.org/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("https:no-host", False),
        ("//scheme-relative.example/x", False),
        ("file:///etc/passwd", False),
        (' https://example.org/"onmouseover="alert(1)', False),
    ],
    ids=[
        "https",
        "http",
        "javascript",
        "javascript-mixed-case",
        "javascript-leading-space",
        "javascript-with-tab",
        "data",
        "vbscript",
        "https-without-host",
        "scheme-relative",
        "file",
        "space-then-attribute-breakout",
    ],
)
def test_only_web_urls_become_links(url: str, linked: bool) -> None:
    report = small_report()
    report["sources"][0]["url"] = url
    soup = assert_locked_down(render_html(report, {}))
    cited = tag(card(soup, "good").select_one("dl.facts dd"))
    if linked:
        assert tag(cited.a)["href"] == url
    else:
        assert cited.a is None
        assert cited.get_text() == url


# ---------------------------------------------------------------- golden file and purity


def test_golden_page() -> None:
    check_golden(GOLDEN, render_html(small_report(), small_timelines()))


def test_render_does_not_modify_its_input() -> None:
    report, timelines = realistic_report(), realistic_timelines()
    before = copy.deepcopy((report, timelines))
    render_html(report, timelines)
    assert (report, timelines) == before


def test_open_in_browser_hands_the_file_uri_to_the_browser(tmp_path: Path) -> None:
    page = tmp_path / "my report" / "index.html"
    page.parent.mkdir()
    page.write_text("<!doctype html>", encoding="utf-8")
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "fake-browser"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    env = {"PATH": os.environ.get("PATH", ""), "BROWSER": str(browser), "HOME": str(tmp_path)}
    code = "import sys, pathlib; from verifier.html_report import open_in_browser; "
    code += "sys.exit(0 if open_in_browser(pathlib.Path(sys.argv[1])) else 1)"
    done = subprocess.run(
        [sys.executable, "-c", code, str(page)], cwd=ROOT, env=env, timeout=60, check=False, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert opened.read_text(encoding="utf-8") == page.resolve().as_uri()


def test_bidi_controls_from_the_page_are_shown_not_obeyed() -> None:
    """bughunt-2026-11 #34: evidence with a right-to-left override ("\u202eevil RTL
    override\u202c") displayed reversed, so a page could make its evidence look unlike the
    text that was matched. Every bidirectional control is shown as its code point."""
    claim = runbuilder.quote("the country installed 280 gigawatts", verdict="not_found")
    claim["evidence"] = {"text": "\u202eevil RTL override\u202c and \u2067280\u2069 \u200fgigawatts", "from": "live"}
    claim["notes"] = ["quote says 28, source says \u202e082"]
    data = runbuilder.report(
        "r1", "2026-01-01T06:00:00Z", [runbuilder.source("s1", verdict="disputed", quotes=[claim])]
    )
    data["sources"][0]["title"] = "Solar \u202egnidaeh"
    controls = ("\u202e", "\u202c", "\u2067", "\u2069", "\u200f")
    for page in (render_html(data, {}), render_markdown(data)):
        assert not any(c in page for c in controls)
        assert "[U+202E]evil RTL override[U+202C]" in page
        assert "[U+2067]280[U+2069]" in page


def _quote_with_edits(report: dict[str, Any]) -> dict[str, Any]:
    """The first quote of the first source, given the judge's edits."""
    quote: dict[str, Any] = report["sources"][0]["quotes"][0]
    quote.update(
        verdict="distorted",
        text="China added 28 gigawatts of solar.",
        evidence={"text": "China added 280 gigawatts of solar in 2024.", "from": "live"},
        notes=["number differs: quote says 28 gigawatts, source says 280 gigawatts"],
        edits=[
            {"kind": "figure", "quote": "28 gigawatts", "source": "280 gigawatts"},
            {"kind": "synonym", "quote": "added", "source": "added"},
        ],
    )
    return quote


def test_edits_mark_the_words_that_change_the_meaning() -> None:
    """The judge's edits (issue: edits drive the word marks) mark the meaning-bearing words on both
    sides, titled with their kind; harmless edits are not marked."""
    report = small_report()
    _quote_with_edits(report)
    soup = parse(render_html(report, {}))
    marks = [(m.get_text(), m["title"]) for m in soup.select("mark.edit")]
    assert ("28 gigawatts", "figure") in marks
    assert ("280 gigawatts", "figure") in marks
    assert all(kind != "synonym" for _, kind in marks)
