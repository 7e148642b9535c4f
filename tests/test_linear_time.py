"""No regex or loop over page-supplied text is worse than linear (bughunt-2026-11 #1, the
class): each hostile input below is grown 10x and the time may grow at most ~10x
(tests/linear.py). One case per pattern or loop that reads what a server sent, in
liveness, extract, archive and the reports; quotes, passages and distortion have their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.linear import assert_linear
from tests.runbuilder import quote, report, source
from verifier.archive import CAPTURE_PATH
from verifier.extract import extract_page
from verifier.html_report import render_html
from verifier.judge.matcher import QuoteMatcher
from verifier.liveness import classify_link, probe_similarity, refresh_target
from verifier.records import FetchResult, Page, QuoteKind
from verifier.report import render_markdown

URL = "http://127.0.0.1:8765/news/2025/solar-boom"
PROBE = Page(text="Sorry, we could not find that page. Browse our sections for the latest news.", title="Not found")
ARTICLE = "<p>The country installed 280 gigawatts of new solar capacity last year, the ministry said.</p>"


def html_page(body: str, title: str = "Solar") -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>Solar</h1>{body}</article></body></html>".encode()
    )


def response(body: bytes, status: int = 200) -> FetchResult:
    return FetchResult(url=URL, final_url=URL, status=status, headers={"content-type": "text/html"}, body=body)


def classify_whole(body: bytes, status: int = 200) -> tuple[FetchResult, Page]:
    return response(body, status), extract_page(body, "text/html", URL)


def run_classify(made: tuple[FetchResult, Page]) -> object:
    fetched, page = made
    return classify_link(fetched, page, PROBE)


def run_extract(body: bytes) -> object:
    return extract_page(body, "text/html", URL)


def with_evidence(evidence: str) -> dict[str, Any]:
    claim = quote("The country installed 280 gigawatts of new solar capacity last year", verdict="near_verbatim")
    claim["evidence"] = {"text": evidence, "from": "live"}
    return report("r1", "2026-01-01T06:00:00Z", [source("s1", quotes=[claim])])


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[int], Any]
    run: Callable[[Any], object]
    n: int


def judge_on(page: str) -> object:
    """A claim that shares words with every sentence, judged afresh (no cached page index)."""
    claim = "The minister said solar panels and wind farms fell."
    return QuoteMatcher(semantic=False).match(page, claim, QuoteKind.CLAIM)


CASES = [
    # liveness: the soft-404 comparison with the host's answer to a random path (#1)
    Case("probe-text-one-long-word", lambda n: Page(text="A" * n), lambda p: probe_similarity(p, PROBE, URL), 2_000),
    Case(
        "probe-title-one-long-word",
        lambda n: (Page(text=ARTICLE * 3, title="T" * n), Page(text=ARTICLE * 3, title="T" * n)),
        lambda pages: probe_similarity(pages[0], pages[1], URL),
        2_000,
    ),
    Case("page-one-long-word", lambda n: classify_whole(html_page(ARTICLE + f"<p>{'A' * n}</p>")), run_classify, 5_000),
    Case("page-long-word-of-slashes", lambda n: classify_whole(html_page(f"<p>{'a/' * n}</p>")), run_classify, 5_000),
    Case("error-title-404-then-spaces", lambda n: classify_whole(html_page("", f"404{' ' * n}x")), run_classify, 5_000),
    Case(
        "error-heading-404-then-spaces",
        lambda n: classify_whole(html_page(f"<h1>404{' ' * n}x</h1>")),
        run_classify,
        5_000,
    ),
    Case("title-many-separators", lambda n: classify_whole(html_page("", " | " * n)), run_classify, 5_000),
    Case(
        "captcha-token-repeated",
        lambda n: classify_whole(html_page(f"<div data-x='{'recaptcha' * n}'></div>"), status=403),
        run_classify,
        1_000,
    ),
    Case(
        "paywall-class-long-token",
        lambda n: classify_whole(html_page(ARTICLE + f"<div class='{'a_' * n}x'></div>")),
        run_classify,
        5_000,
    ),
    Case(
        "refresh-value-spaces",
        lambda n: classify_whole(html_page(f'<meta http-equiv="refresh" content="0{" " * n};{" " * n}url{" " * n}x">')),
        lambda made: refresh_target(*made),
        2_000,
    ),
    Case(
        "refresh-unclosed-quote",
        lambda n: classify_whole(html_page(f"<meta http-equiv=refresh content='0; url=\"{'a' * n}'>")),
        lambda made: refresh_target(*made),
        2_000,
    ),
    # extract: content sniffing, charset declarations, block placement
    Case(
        "sniff-run-of-comments",
        lambda n: b"<!---->" * (n * 2) + b"x",
        lambda body: extract_page(body, "application/octet-stream", URL),
        1,
    ),
    Case("meta-charset-spaces", lambda n: f"<meta charset{' ' * n}x>".encode(), run_extract, 500),
    Case(
        "content-type-charset-spaces",
        lambda n: "text/html; charset" + " " * n + "x",
        lambda ct: extract_page(b"<p>x</p>", ct, URL),
        5_000,
    ),
    Case(
        "nested-divs-and-paragraphs",
        lambda n: html_page("<div>" * n + "<p>word</p>" * n),
        run_extract,
        150,
    ),
    # archive: the capture address in an archive's answer
    Case("capture-address-repeated", lambda n: "/web/20250101000000/" * n + "\n", CAPTURE_PATH.search, 2_000),
    # reports: page text shown as evidence
    Case("html-report-long-evidence", lambda n: with_evidence("word " * n), lambda r: render_html(r, {}), 2_000),
    Case("markdown-long-evidence", lambda n: with_evidence("word " * n), render_markdown, 2_000),
    # the quote judge: a page of one endless sentence, of endless short sentences, of one long word
    Case("judge-one-endless-sentence", lambda n: "solar panels and wind farms " * n, judge_on, 300),
    Case("judge-endless-sentences", lambda n: "Solar panels rose. Wind farms fell. " * n, judge_on, 200),
    Case("judge-one-long-word", lambda n: "The minister said " + "A" * n + " today.", judge_on, 5_000),
    Case("judge-long-negations", lambda n: "Officials did not say " + "not " * n + "why.", judge_on, 500),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_time_grows_linearly_with_hostile_input(case: Case) -> None:
    """bughunt-2026-11 #1: 10x the hostile input costs at most ~10x the time (the quote judge's
    cases cover the page index, the alignment and the edit classes)."""
    assert_linear(case.run, case.make, case.n)
