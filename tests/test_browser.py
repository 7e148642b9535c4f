"""The HTML report in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright),
opened over file:// as an editor would: cards, filters, history strips, no script from the data.

Without /usr/bin/chromium these tests skip, unless the environment variable CI is set (to
anything but "", "0", "false" or "no"): on CI a missing browser is an error, not a skip.
Run with `-s` to see the path of the screenshot each run saves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from tests.conftest import skip_unless_available
from tests.report_fixtures import (
    HOSTILE,
    Timelines,
    hostile_report,
    hostile_timelines,
    realistic_report,
    realistic_timelines,
)
from verifier.html_report import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    skip_unless_available(CHROMIUM.exists(), f"{CHROMIUM} is missing",
                          "install the Debian packages chromium and chromium-driver")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def fixture_report() -> tuple[dict[str, Any], Timelines]:
    """The realistic run plus the hostile sources (one titled <script>alert(1)</script>)."""
    report = realistic_report()
    report["sources"] += hostile_report()["sources"]
    return report, realistic_timelines() | hostile_timelines()


@dataclass
class Opened:
    page: Page
    path: Path
    report: dict[str, Any]
    timelines: Timelines
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def visible_cards(self) -> list[str]:
        return [str(card.get_attribute("id")) for card in self.page.locator("article.card").all() if card.is_visible()]


def open_report(browser: Browser, folder: Path, *, page_html: str | None = None, **context: Any) -> Opened:
    report, timelines = fixture_report()
    path = folder / "index.html"
    path.write_text(page_html or render_html(report, timelines), encoding="utf-8")
    page = browser.new_context(**context).new_page()
    page.set_default_timeout(10_000)
    opened = Opened(page, path, report, timelines)

    def on_dialog(dialog: Dialog) -> None:
        opened.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            opened.errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: opened.errors.append(f"page error: {error}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return opened


@pytest.fixture
def opened(browser: Browser, tmp_path: Path) -> Iterator[Opened]:
    result = open_report(browser, tmp_path, viewport=DESKTOP)
    yield result
    result.page.context.close()


def card_id(source_id: str) -> str:
    return f"source-{source_id}"


def test_every_source_has_a_visible_card(opened: Opened) -> None:
    expected = [card_id(source["id"]) for source in opened.report["sources"]]
    assert opened.visible_cards() == expected
    assert opened.page.locator("#filters").is_visible(), "the script shows the filters"
    assert opened.page.locator("#filter-status").inner_text() == f"Showing {len(expected)} of {len(expected)} sources"
    assert opened.errors == []


def test_filters_hide_and_show_cards(opened: Opened) -> None:
    page = opened.page
    everything = opened.visible_cards()
    broken = page.locator('#filters input[value="broken"]')
    broken.uncheck()
    assert card_id("solar-stats") not in opened.visible_cards()
    assert len(opened.visible_cards()) == len(everything) - 1
    assert not page.locator('.overview tr[data-verdict="broken"]').is_visible(), "the overview row hides too"
    assert page.locator("#filter-status").inner_text() == f"Showing {len(everything) - 1} of {len(everything)} sources"
    broken.check()
    assert opened.visible_cards() == everything
    assert page.locator('.overview tr[data-verdict="broken"]').is_visible()

    page.get_by_role("button", name="Needs attention").click()
    attention = [
        card_id(source["id"]) for source in opened.report["sources"] if not source["verdict"].startswith("verified")
    ]
    assert opened.visible_cards() == attention
    page.get_by_role("button", name="All").click()
    assert opened.visible_cards() == everything
    assert opened.errors == []


def test_history_strips_have_a_cell_per_run_with_date_on_hover(opened: Opened) -> None:
    for source_id, timeline in realistic_timelines().items():
        cells = opened.page.locator(f'[id="{card_id(source_id)}"] .strip li.cell')
        assert cells.count() == len(timeline), source_id
        assert str(cells.first.get_attribute("title")).startswith(timeline[0]["started_at"][:10])
        assert cells.first.is_visible()


def test_hostile_strings_show_as_text_and_run_nothing(opened: Opened) -> None:
    page = opened.page
    ids = [source["id"] for source in opened.report["sources"]]
    hostile = page.locator("article.card").nth(ids.index(HOSTILE))
    assert hostile.locator("h2").inner_text() == HOSTILE
    assert hostile.get_attribute("id") == card_id(HOSTILE)
    title = page.locator(f'[id="{card_id("hostile-title")}"] h2')
    assert title.inner_text() == "<script>alert(1)</script>"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 1
    assert page.locator("img").count() == 0
    hrefs = page.eval_on_selector_all('a[href]:not([href^="#"])', "links => links.map(link => link.protocol)")
    assert set(hrefs) <= {"https:", "http:"}
    hostile.locator(".url").first.click()
    assert opened.dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.errors == []


def test_policy_blocks_a_script_that_escaped_escaping(browser: Browser, tmp_path: Path) -> None:
    """Defence in depth: even a script smuggled into the page text does not run."""
    report, timelines = fixture_report()
    tampered = render_html(report, timelines).replace("</main>", "<script>window.__pwned = 1; alert(1)</script></main>")
    opened = open_report(browser, tmp_path, page_html=tampered, viewport=DESKTOP)
    try:
        assert opened.page.evaluate("typeof window.__pwned") == "undefined"
        assert opened.dialogs == []
        assert any("Content Security Policy" in error for error in opened.errors), opened.errors
        assert opened.page.locator("#filters").is_visible(), "the page's own script still runs"
    finally:
        opened.page.context.close()


def test_without_javascript_every_card_shows(browser: Browser, tmp_path: Path) -> None:
    opened = open_report(browser, tmp_path, viewport=DESKTOP, java_script_enabled=False)
    try:
        assert len(opened.visible_cards()) == len(opened.report["sources"])
        assert not opened.page.locator("#filters").is_visible()
    finally:
        opened.page.context.close()


def test_fits_a_phone_screen(browser: Browser, tmp_path: Path) -> None:
    opened = open_report(browser, tmp_path, viewport=PHONE, device_scale_factor=2, is_mobile=True)
    try:
        overflow = opened.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page is {overflow}px wider than the phone"
        sides = opened.page.locator(".compare").first.locator("figure.side")
        first, second = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
        assert first is not None
        assert second is not None
        assert second["y"] > first["y"], "quote and evidence stack on a phone"
        opened.page.screenshot(path=str(tmp_path / "report-phone.png"), full_page=True)
    finally:
        opened.page.context.close()


def test_screenshot(opened: Opened, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    opened.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000
    print(f"screenshot of the report: {shot}")
