"""extract_page: charsets, HTML main text, titles, PDF, garbage and hostile bodies."""

from __future__ import annotations

import io
import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader, PdfWriter

from tests.fuzz_extract import bodies, check_page, content_types
from tests.test_liveness import fixture as liveness_fixture
from tests.test_liveness import page_of
from verifier import extract
from verifier.extract import HTML_KEEP_CHARS, extract_page
from verifier.judge.matcher import QuoteMatcher
from verifier.liveness import classify_link
from verifier.reading import REMEMBERED_BODY_BYTES, read_in_full
from verifier.records import FetchResult, QuoteKind, QuoteVerdict

PAGES = Path(__file__).parent / "fixtures" / "pages"
URL = "https://tribune.example.org/opinion/2025/06/30/factories-are-policy-too"
GENEROUS_S = 30.0

ZH = (
    "中国的太阳能产业在过去十年里迅速扩张，工厂之间的距离往往只有几公里。"
    "供应商、研究机构和装配厂聚集在一起，使新产品从设计到量产的时间大大缩短。"
    "王堃说，速度本身就是一种政策。"  # 堃 is in GBK but not in GB2312
)
ZH_TW = "台灣的太陽能產業在過去十年裡迅速擴張，工廠之間的距離往往只有幾公里。"
JA = "日本の太陽光産業は急速に拡大し、工場の間の距離は数キロしかないことが多い。"
EN = (
    "The minister said \u201cwe will build faster\u201d and the caf\u00e9 owners agreed \u2014 "
    "na\u00efve or not, the r\u00e9sum\u00e9 of the policy is long."
)
RU = "Промышленная политика требует быстрого строительства заводов и линий электропередачи рядом друг с другом."


def html_doc(text: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>Test page</title></head><body><p>{text}</p></body></html>"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- charsets


@dataclass(frozen=True)
class CharsetCase:
    id: str
    body: bytes
    content_type: str
    expect_text: str
    expect_encoding: str | None = None


CHARSET_CASES = [
    CharsetCase("gbk-in-header", html_doc(ZH).encode("gbk"), "text/html; charset=GBK", ZH, "gb18030"),
    CharsetCase(
        "gb2312-in-meta-read-as-gb18030",
        html_doc(ZH, '<meta charset="gb2312">').encode("gbk"),
        "text/html",
        ZH,
        "gb18030",
    ),
    CharsetCase(
        "gbk-in-meta-http-equiv",
        html_doc(ZH, '<meta http-equiv="Content-Type" content="text/html; charset=gbk">').encode("gbk"),
        "text/html",
        ZH,
        "gb18030",
    ),
    CharsetCase("gbk-undeclared", html_doc(ZH).encode("gbk"), "text/html", ZH, "gb18030"),
    # longer than the detector's 64 KB sample, with no ASCII near the cut
    CharsetCase("gbk-undeclared-long", html_doc(ZH * 2000).encode("gbk"), "text/html", ZH, "gb18030"),
    CharsetCase("big5-undeclared-long", html_doc(ZH_TW * 3000).encode("big5"), "text/html", ZH_TW, "big5"),
    CharsetCase("shift-jis-undeclared-long", html_doc(JA * 3000).encode("shift_jis"), "text/html", JA, "cp932"),
    CharsetCase("gbk-undeclared-short", html_doc(ZH[:12]).encode("gbk"), "text/html", ZH[:12], "gb18030"),
    CharsetCase("gbk-declared-utf8-wrongly", html_doc(ZH).encode("gbk"), "text/html; charset=utf-8", ZH, "gb18030"),
    CharsetCase("cp1252-declared-latin1", html_doc(EN).encode("cp1252"), "text/html; charset=ISO-8859-1", EN, "cp1252"),
    CharsetCase(
        "cp1252-meta-latin1",
        html_doc(EN, "<meta charset='latin1'>").encode("cp1252"),
        "text/html",
        EN,
        "cp1252",
    ),
    CharsetCase("cp1252-undeclared", html_doc(EN).encode("cp1252"), "text/html", EN, "cp1252"),
    CharsetCase(
        "cp1252-undeclared-short-plain",
        "Caf\u00e9 \u201cquoted\u201d".encode("cp1252"),
        "text/plain",
        "Caf\u00e9 \u201cquoted\u201d",
        "cp1252",
    ),
    CharsetCase(
        "cp1252-declared-utf8-wrongly", html_doc(EN).encode("cp1252"), "text/html; charset=utf-8", EN, "cp1252"
    ),
    CharsetCase(
        "utf8-declared-cp1252-wrongly",
        html_doc(EN, '<meta charset="windows-1252">').encode(),
        "text/html",
        EN,
        "utf-8",
    ),
    CharsetCase(
        "gbk-meta-beats-latin1-server-default",
        html_doc(ZH, '<meta charset="gbk">').encode("gbk"),
        "text/html; charset=ISO-8859-1",
        ZH,
        "gb18030",
    ),
    CharsetCase(
        "header-beats-meta", html_doc(ZH, '<meta charset="utf-8">').encode("gbk"), "text/html; charset=gbk", ZH
    ),
    CharsetCase("utf8-bom-beats-header", b"\xef\xbb\xbf" + html_doc(EN).encode(), "text/html; charset=iso-8859-1", EN),
    CharsetCase("utf16-bom", html_doc(ZH).encode("utf-16"), "text/html", ZH),
    CharsetCase("unknown-label-ignored", html_doc(EN).encode(), "text/html; charset=x-no-such-thing", EN, "utf-8"),
    *(
        CharsetCase(f"non-web-codec-{label}-ignored", html_doc(EN).encode(), f"text/html; charset={label}", EN, "utf-8")
        for label in ("base64", "zlib", "rot13", "idna", "punycode", "undefined", "utf-7", "unicode_escape")
    ),
    CharsetCase(
        "non-web-codec-in-meta-ignored",
        html_doc(ZH, "<meta charset=punycode>").encode("gbk"),
        "text/html",
        ZH,
        "gb18030",
    ),
    CharsetCase("cp1251-undeclared", html_doc(RU).encode("cp1251"), "text/html", RU, "cp1251"),
    CharsetCase(
        "xml-declaration",
        b'<?xml version="1.0" encoding="gbk"?>' + html_doc(ZH).encode("gbk"),
        "application/xhtml+xml",
        ZH,
        "gb18030",
    ),
    CharsetCase("plain-text-gbk", ZH.encode("gbk"), "text/plain; charset=gb2312", ZH, "gb18030"),
]


@pytest.mark.parametrize("case", CHARSET_CASES, ids=[c.id for c in CHARSET_CASES])
def test_charsets(case: CharsetCase) -> None:
    page = extract_page(case.body, case.content_type, URL)
    assert case.expect_text in page.text
    assert "\ufffd" not in page.text
    if case.expect_encoding is not None:
        assert page.encoding == case.expect_encoding


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    good = html_doc(EN + " " + ZH).encode()
    at = good.index(b"minister") + 3
    body = good[:at] + b"\xff\xfe\x80" + good[at:]
    page = extract_page(body, "text/html; charset=utf-8", URL)
    assert page.encoding == "utf-8"
    assert "\ufffd" in page.text
    assert ZH in page.text
    assert "caf\u00e9 owners agreed" in page.text


# ---------------------------------------------------------------- main text


def news_page() -> str:
    return (PAGES / "news_article.html").read_text(encoding="utf-8")


ARTICLE_SENTENCES = [
    "Subsidies are the easy part of an industrial strategy.",
    "For most of the last forty years, Western governments treated manufacturing as something that happened to them.",
    "That consensus is over, but the habits it produced are not.",
    "The new consensus says that money is the missing ingredient.",  # <em> inside
    "and the press releases count the billions.",  # <strong> inside
    "A credit that takes three years to clear permitting is a credit that mostly subsidises lawyers.",
    # a <br> and a source line break in the middle of the paragraph
    "roughly two thousand trained technicians. Each of those is a separate queue, run by a separate agency",
    "What distinguishes the places that build quickly is not generosity but proximity.",
    '"We planned a road, and the cluster followed the road."',
    "speed and agglomeration are policy choices, not accidents of culture.",
    "Solar modules assembled in the largest clusters cost up to 60 percent less than those assembled elsewhere",
    "Permitting a grid connection took an average of 41 months in the slowest jurisdictions surveyed.",
    "It means accepting that an industrial strategy is measured in commissioning dates, not in appropriations.",
    "Count the factories that are producing, not the ones that are promised, and fund the queues that stand between",
]
BOILERPLATE = [
    "We use cookies",
    "Accept all",
    "Search the Tribune",
    "Technology",
    "ergonomic chairs",
    "Ready to refinance",
    "Cell prices fall for a sixth quarter",
    "Tariffs are not a plan",
    "riverwatcher",
    "the author ignores how long it takes",
    "travel insurance",
    "All rights reserved",
    "Privacy policy",
    "window.dataLayer",
    "NewsArticle",
]


def test_news_article_body_sentences_present() -> None:
    page = extract_page(news_page().encode(), "text/html; charset=utf-8", URL)
    missing = [s for s in ARTICLE_SENTENCES if s not in page.text]
    assert missing == []
    assert page.kind == "html"
    assert page.encoding == "utf-8"
    assert page.problem is None


def test_news_article_boilerplate_absent() -> None:
    page = extract_page(news_page().encode(), "text/html; charset=utf-8", URL)
    present = [s for s in BOILERPLATE if s.lower() in page.text.lower()]
    assert present == []


def test_news_article_paragraphs_are_blocks_in_order() -> None:
    page = extract_page(news_page().encode(), "text/html; charset=utf-8", URL)
    blocks = page.text.split("\n\n")
    assert all(b == squash(b) for b in blocks)  # one line per paragraph
    positions = [page.text.index(s) for s in ARTICLE_SENTENCES]
    assert positions == sorted(positions)


def test_paragraph_dropped_by_main_text_extractor_is_put_back() -> None:
    """Paragraphs in wrappers whose class names look like boilerplate (sharing tools,
    related content) are visible article text: they must be in the text, in order."""
    html = news_page().replace(
        "<h2>What the numbers say</h2>",
        '<div class="share-tools related-content"><p>The evidence from the last decade points the other way: '
        "regions with dense webs of small suppliers adapted faster when demand shifted.</p></div>"
        "<h2>What the numbers say</h2>",
    )
    page = extract_page(html.encode(), "text/html; charset=utf-8", URL)
    restored = "regions with dense webs of small suppliers adapted faster when demand shifted."
    assert restored in page.text
    before = "not accidents of culture."
    after = "Solar modules assembled"
    assert page.text.index(before) < page.text.index(restored) < page.text.index(after)
    assert "riverwatcher" not in page.text


DROPPED_PARAGRAPHS = [
    "Industrial policy debates tend to fixate on national champions",
    "the champion model fails without suppliers.",
    "regions with dense webs of small suppliers adapted faster",  # in div.share-tools
    "measure success by the number of firms within a short drive",  # in div.related-content
    "A cluster is a habit of cooperation more than a list of companies",
    "the cluster around it survived because no single customer",  # a div, not a p
    "The test of a cluster is what happens when its biggest firm leaves.",
    "Old-style layout tables still carry real text",  # after the main text's container
]


def test_paragraphs_trafilatura_drops_are_put_back_in_order() -> None:
    """On this page trafilatura alone keeps four of the eight visible article paragraphs."""
    html = (PAGES / "dropped_paragraphs.html").read_bytes()
    page = extract_page(html, "text/html", URL)
    positions = [page.text.find(s) for s in DROPPED_PARAGRAPHS]
    assert -1 not in positions
    assert positions == sorted(positions)
    for boilerplate in ("Hidden text", "Subscribe today", "Most read", "Readers who finished", "All rights", "Home"):
        assert boilerplate not in page.text


TINY_PAGES = [
    "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
    "<html><body><div id=app></div><script>window.boot({page: 1})</script></body></html>",
    "<html><body><article><h1>Gone</h1><p>This story has been removed.</p></article></body></html>",
    '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "Short body."}'
    "</script></head><body><p>Short body.</p><table><tr><td>a</td><td>b</td></tr></table></body></html>",
    "<html><body><ul>" + "".join(f"<li>w{n}<br>x</li>" for n in range(12)) + "</ul></body></html>",
]


@pytest.mark.parametrize("html", TINY_PAGES)
def test_a_page_with_too_little_text_for_trafilatura_reads_as_if_it_ran(html: str) -> None:
    """trafilatura is not run on a page whose texts together are too short for its text to be
    used (`MIN_MAIN_CHARS`): the page reads as it did when it ran and its text was set aside."""
    tree, _problems = extract.parse_markup(html)
    assert tree is not None
    body = tree.find("body")
    rendering = extract.render_blocks(body if body is not None else tree)
    with_trafilatura = extract.choose_blocks(extract._main_blocks(tree, URL), rendering.blocks)
    page = extract_page(html.encode(), "text/html; charset=utf-8", URL)
    assert page.text == "\n\n".join(b.text for b in with_trafilatura)


def test_hidden_elements_are_not_text() -> None:
    html = news_page().replace(
        "<h2>What the numbers say</h2>",
        '<div style="display: none"><p>This paragraph is hidden by its inline style, never shown.</p></div>'
        "<p hidden>Neither is this paragraph, which carries the hidden attribute from the start.</p>"
        "<h2>What the numbers say</h2>",
    )
    page = extract_page(html.encode(), "text/html; charset=utf-8", URL)
    assert "hidden by its inline style" not in page.text
    assert "carries the hidden attribute" not in page.text


@dataclass(frozen=True)
class SplitCase:
    id: str
    body_html: str
    quote: str


SPLIT_CASES = [
    SplitCase("inline-em", "<p>foo <em>bar</em> baz is what they said.</p>", "foo bar baz is what they said."),
    SplitCase(
        "nested-inline", "<p>we <span>must <b><i>build</i> like</b></span> China</p>", "we must build like China"
    ),
    SplitCase("link", '<p>as <a href="/r">the report</a> found, costs fell</p>', "as the report found, costs fell"),
    SplitCase(
        "br", "<p>prioritize speed<br>and industrial clustering</p>", "prioritize speed and industrial clustering"
    ),
    SplitCase(
        "source-newline",
        "<p>prioritize speed\n      and industrial\n\n clustering</p>",
        "prioritize speed and industrial clustering",
    ),
    SplitCase("comment", "<p>up to 65%<!-- ad --> cheaper than in Europe</p>", "up to 65% cheaper than in Europe"),
    SplitCase("entity-nbsp", "<p>solar&nbsp;panels &amp; batteries</p>", "solar panels & batteries"),
    SplitCase("label-then-text", "<p><label>Capacity:</label>280 gigawatts</p>", "Capacity: 280 gigawatts"),
    SplitCase("image-between-words", "<p>solar<img src='/i.png' alt=''>panels</p>", "solar panels"),
    SplitCase("table-cell", "<table><tr><td>Price fell</td><td>by half</td></tr></table>", "Price fell by half"),
]


@pytest.mark.parametrize("case", SPLIT_CASES, ids=[c.id for c in SPLIT_CASES])
def test_quote_split_across_markup_stays_contiguous(case: SplitCase) -> None:
    page = extract_page(html_doc("</p>" + case.body_html + "<p>").encode(), "text/html", URL)
    assert case.quote in page.text


@pytest.mark.parametrize("case", SPLIT_CASES[:5], ids=[c.id for c in SPLIT_CASES[:5]])
def test_quote_split_across_markup_stays_contiguous_in_long_article(case: SplitCase) -> None:
    """The same inside a realistic article, where trafilatura's main text is used."""
    html = news_page().replace("<h2>What the numbers say</h2>", case.body_html)
    page = extract_page(html.encode(), "text/html", URL)
    assert case.quote in page.text


@pytest.mark.parametrize(
    "quote",
    [
        "The new consensus says that money is the missing ingredient.",
        "roughly two thousand trained technicians. Each of those is a separate queue",
        "It means accepting that an industrial strategy is measured in commissioning dates, not in appropriations.",
    ],
    ids=["across-em", "across-br", "across-link"],
)
def test_quotes_across_markup_match_verbatim(quote: str) -> None:
    page = extract_page(news_page().encode(), "text/html; charset=utf-8", URL)
    assert QuoteMatcher().match(page.text, quote, QuoteKind.QUOTE).verdict is QuoteVerdict.VERBATIM


def test_teaser_page_keeps_visible_text() -> None:
    html = """<!DOCTYPE html><html><head><title>The Grid Is the Factory</title></head><body>
    <header><nav><a href="/">Home</a> <a href="/energy/">Energy</a></nav></header>
    <main><article><h1>The Grid Is the Factory</h1>
    <div class="article-teaser"><p>Every industrial strategy runs into the same wall: a transformer that
    will not arrive for three years.</p></div>
    <div class="paywall"><h2>Subscribe to keep reading</h2><a href="/subscribe">Subscribe now</a></div>
    </article></main><footer><p>Quarterly Ledger Ltd. All rights reserved.</p></footer></body></html>"""
    page = extract_page(html.encode(), "text/html", URL)
    assert "a transformer that will not arrive for three years." in page.text
    assert "Home" not in page.text
    assert "All rights reserved" not in page.text


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (Path(__file__).parent / "fixtures" / "liveness").glob("*.html")),
)
def test_liveness_reads_extracted_pages_as_it_reads_article_text(name: str) -> None:
    """The link classifier's thresholds assume page text close to the article's text:
    extracted pages classify as the classifier's own test model of a page does."""
    html = liveness_fixture(name)
    result = FetchResult(
        url=URL, final_url=URL, status=200, headers={"content-type": "text/html; charset=utf-8"}, body=html.encode()
    )
    page = extract_page(result.body, result.content_type, URL)
    assert classify_link(result, page).status == classify_link(result, page_of(html, URL)).status


# ---------------------------------------------------------------- titles


TITLE_CASES = [
    ("title-tag", "<title>  Factories   Are\n Policy Too </title>", "<h1>Other</h1>", "Factories Are Policy Too"),
    ("og-title", '<meta property="og:title" content=" Grid  queues ">', "<h1>Other</h1>", "Grid queues"),
    ("first-h1", "", "<h1>Clusters, <em>not</em> champions</h1><h1>Second</h1>", "Clusters, not champions"),
    ("empty-title-falls-through", "<title> </title>", "<h1>Heading</h1>", "Heading"),
    ("none", "", "<p>No heading anywhere on this page.</p>", None),
]


@pytest.mark.parametrize(("head", "body", "expected"), [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_title(head: str, body: str, expected: str | None) -> None:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    assert extract_page(html.encode(), "text/html", URL).title == expected


def test_html_kept_for_markup_signals_and_capped() -> None:
    page = extract_page(news_page().encode(), "text/html", URL)
    assert page.html is not None
    assert '"isAccessibleForFree":true' in page.html
    big = html_doc("filler " * 1_000_000).encode()
    big_page = extract_page(big, "text/html", URL)
    assert big_page.html is not None
    assert len(big_page.html) == HTML_KEEP_CHARS


# ---------------------------------------------------------------- kinds


@dataclass(frozen=True)
class KindCase:
    id: str
    body: bytes
    content_type: str
    kind: str
    text: str | None = None
    problem: str | None = None


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + random.Random(7).randbytes(2000)
KIND_CASES = [
    KindCase("plain-text-as-is", b"line one\n\n  line two  \n", "text/plain", "text", "line one\n\n  line two  \n"),
    KindCase("html-labelled-plain", html_doc("hello there").encode(), "text/plain", "html", "hello there"),
    KindCase(
        "octet-stream-html", html_doc("sniffed page").encode(), "application/octet-stream", "html", "sniffed page"
    ),
    KindCase("no-type-text", b"just words", "", "text", "just words"),
    KindCase("json-is-text", b'{"a": "caf\xc3\xa9"}', "application/json", "text", '{"a": "caf\u00e9"}'),
    KindCase("png-labelled-html", PNG, "text/html", "text", "", "binary content labelled text/html"),
    KindCase("gzip-labelled-html", GZIP, "text/html; charset=utf-8", "text", "", "binary content labelled text/html"),
    KindCase(
        "random-labelled-html", random.Random(1).randbytes(50_000), "text/html", "text", "", "binary content labelled"
    ),
    KindCase("image-type", PNG, "image/png", "text", "", "binary content labelled image/png"),
    KindCase("pdf-labelled-html-corrupt", b"%PDF-1.7\n garbage", "text/html", "pdf", "", "corrupt PDF"),
    # found by the fuzz target: lxml refused text with what looked like an encoding declaration
    KindCase("xml-declaration-like-garbage", b"<?xml\x01\tencoding=''", "text/html", "html", "", "no HTML content"),
    KindCase("empty-html", b"  \n", "text/html", "html", "", "empty document"),
]


@pytest.mark.parametrize("case", KIND_CASES, ids=[c.id for c in KIND_CASES])
def test_kinds(case: KindCase) -> None:
    page = extract_page(case.body, case.content_type, URL)
    assert page.kind == case.kind
    if case.text is not None:
        assert (page.text if case.kind == "text" else squash(page.text)) == case.text
    if case.problem is None:
        assert page.problem is None
    else:
        assert page.problem is not None
        assert page.problem.startswith(case.problem)


# ---------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small valid PDF written by hand: one Helvetica text line per string."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{4 + 2 * i} 0 R' for i in range(len(pages)))}] "
        f"/Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, lines in enumerate(pages):
        shown = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        stream = "\n".join(["BT /F1 11 Tf 72 720 Td 14 TL", *(f"({s}) Tj T*" for s in shown), "ET"]).encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            + f"/Contents {5 + 2 * index} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_PAGES = [
    ["Chinese-made solar panels are up to 65% cheaper", "than those made in Europe."],
    ["Speed and agglomeration are policy choices."],
    ["The third page closes the report."],
]


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_fixture_is_valid() -> None:
    assert len(PdfReader(io.BytesIO(make_pdf(PDF_PAGES)), strict=True).pages) == 3


@dataclass(frozen=True)
class PdfCase:
    id: str
    body: bytes
    content_type: str
    texts: tuple[str, ...] = ()
    problem: str | None = None


VALID = make_pdf(PDF_PAGES)
PDF_CASES = [
    PdfCase(
        "single-page", make_pdf(PDF_PAGES[1:2]), "application/pdf", ("Speed and agglomeration are policy choices.",)
    ),
    PdfCase("multi-page", VALID, "application/pdf", ("up to 65% cheaper", "policy choices.", "closes the report.")),
    PdfCase("served-as-octet-stream", VALID, "application/octet-stream", ("policy choices.",)),
    PdfCase("served-as-html", VALID, "text/html; charset=utf-8", ("policy choices.",)),
    PdfCase("empty-user-password", encrypted(VALID, ""), "application/pdf", ("policy choices.",)),
    PdfCase("encrypted", encrypted(VALID, "reader-secret"), "application/pdf", problem="encrypted PDF"),
    PdfCase("truncated", VALID[: len(VALID) // 3], "application/pdf", problem="corrupt PDF: "),
    PdfCase("header-only", b"%PDF-1.4\n", "application/pdf", problem="corrupt PDF: "),
    PdfCase("not-a-pdf", b"<html>an error page</html>", "application/pdf", problem="corrupt PDF: "),
    PdfCase("empty", b"", "application/pdf", problem="corrupt PDF: "),
]


@pytest.mark.parametrize("case", PDF_CASES, ids=[c.id for c in PDF_CASES])
def test_pdf(case: PdfCase) -> None:
    page = extract_page(case.body, case.content_type, URL)
    assert page.kind == "pdf"
    for text in case.texts:
        assert text in page.text
    if case.problem is None:
        assert page.problem is None
    else:
        assert page.text == ""
        assert page.problem is not None
        assert page.problem.startswith(case.problem)


def test_pdf_pages_are_separate_blocks_in_order() -> None:
    text = extract_page(VALID, "application/pdf", URL).text
    blocks = text.split("\n\n")
    assert len(blocks) == 3
    assert "65%" in blocks[0]
    assert "closes the report" in blocks[2]


def test_pdf_page_cap_says_how_much_was_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "PDF_MAX_PAGES", 2)
    page = extract_page(VALID, "application/pdf", URL)
    assert "policy choices." in page.text
    assert "closes the report" not in page.text
    assert page.problem == "only the first 2 of 3 PDF pages read"


def test_pdf_page_with_huge_content_stream_is_skipped_quickly() -> None:
    lines = [f"line {i} of a page that never ends" for i in range(60_000)]  # 3 MB of drawing instructions
    body = make_pdf([["The readable first page."], lines, ["The readable last page."]])
    started = time.monotonic()
    page = extract_page(body, "application/pdf", URL)
    assert time.monotonic() - started < GENEROUS_S
    assert "The readable first page." in page.text
    assert "The readable last page." in page.text
    assert "never ends" not in page.text
    assert page.problem is not None
    assert page.problem.startswith("PDF page 2 skipped: ")


# ---------------------------------------------------------------- hostile bodies


@dataclass(frozen=True)
class HostileCase:
    id: str
    build: Callable[[], bytes]  # built in the test: these bodies are too big to keep around
    text: str | None  # must be in the text
    problem: str | None  # must be in the problem


def fifty_mb_line() -> bytes:
    paragraph = b"<p>Plants opened where costs were lowest and closed when they were not.</p>"
    head = b"<html><head><title>Long</title></head><body>"
    return head + paragraph * ((50_000_000 - len(head)) // len(paragraph)) + b"</body></html>"


HOSTILE_CASES = [
    HostileCase("50mb-single-line", fifty_mb_line, "Plants opened where costs were lowest", "HTML cut"),
    HostileCase(
        "50mb-one-text-node",
        lambda: b"<html><body><p>" + b"word " * 10_000_000 + b"</p></body></html>",
        "word word",
        "HTML cut",
    ),
    HostileCase(
        "10000-nested-divs",
        lambda: b"<html><body><p>Before the nest.</p>" + b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000,
        "Before the nest.",
        "nested deeper than",
    ),
    HostileCase(
        "10000-nested-inline",
        lambda: b"<html><body><p>Start " + b"<b><i>" * 5_000 + b"deep" + b"</i></b>" * 5_000 + b" end</p>",
        "Start",
        "nested deeper than",
    ),
    HostileCase(
        "200-chains-390-deep",  # each walk over ancestors costs elements x depth
        lambda: b"<html><body>" + (b"<div>" * 390 + b"<p>Deep paragraph.</p>" + b"</div>" * 390) * 200,
        "Deep paragraph.",
        None,
    ),
    HostileCase(
        "12000-short-list-items",  # justext compares short paragraphs pairwise
        lambda: b"<html><body>" + b"<ul><li>item one two</li><li>three</li></ul>" * 6_000 + b"</body></html>",
        "item one two",
        None,
    ),
    HostileCase(
        "190000-tiny-paragraphs",
        lambda: b"<html><body>" + b"<p>x</p>" * 190_000 + b"<p>The last paragraph.</p></body></html>",
        "The last paragraph.",
        None,
    ),
    HostileCase(  # each element costs memory: the markup is cut after PARSE_MAX_TAGS start tags
        "240000-tiny-paragraphs",
        lambda: b"<html><body><p>The first paragraph.</p>" + b"<p>x</p>" * 240_000 + b"</body></html>",
        "The first paragraph.",
        "HTML cut after its first 200,000 tags",
    ),
    HostileCase(
        "10000-unclosed-tags",
        lambda: b"<html><body><p>Before the tags.</p>" + b"<span><font>" * 5_000 + b"tail",
        "Before the tags.",
        None,
    ),
    HostileCase(
        "huge-attribute-value",
        lambda: b"<html><body><p>Before.</p><p title='" + b"x" * 4_000_000 + b"'>After it.</p></body></html>",
        "After it.",
        None,
    ),
    HostileCase(
        "huge-attribute-unterminated",
        lambda: b"<html><body><p>Before the attribute.</p><p title='" + b"x" * 30_000_000,
        None,
        "HTML cut",
    ),
    HostileCase(
        "many-attributes", lambda: b"<html><body><p " + b"a=1 " * 500_000 + b">text</p></body></html>", "text", None
    ),
    HostileCase("nul-bytes-in-html", lambda: b"<html><body><p>a\x00b</p></body></html>" * 3, "ab", None),
]


@pytest.mark.parametrize("case", HOSTILE_CASES, ids=[c.id for c in HOSTILE_CASES])
def test_hostile_bodies_bounded(case: HostileCase) -> None:
    body = case.build()
    started = time.monotonic()
    page = extract_page(body, "text/html", URL)
    assert time.monotonic() - started < GENEROUS_S
    assert isinstance(page.text, str)
    if case.text is not None:
        assert case.text in page.text
    if case.problem is not None:
        assert page.problem is not None
        assert case.problem in page.problem


def test_large_page_with_random_binary_tail_never_raises() -> None:
    body = html_doc("start").encode() + os.urandom(200_000)
    page = extract_page(body, "text/html; charset=utf-8", URL)
    assert isinstance(page.text, str)


# ---------------------------------------------------------------- fuzz


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies, content_types)
def test_fuzz_never_raises(body: bytes, content_type: str) -> None:
    check_page(body, content_type)


STRAY_CONTROLS = [
    (
        "nul-in-a-paragraph",
        "<p>before\x00after\x01\x02\x0b\x0c control</p>",
        "Solar boom",
        "beforeafter control",
    ),
    (
        "controls-in-title-and-h1",
        "<p>Sorry, this page does not exist.</p>",
        "Page not found \x01\x02\x1b[31m \x0b",
        None,
    ),
]


@pytest.mark.parametrize(
    ("body", "title", "shown"), [c[1:] for c in STRAY_CONTROLS], ids=[c[0] for c in STRAY_CONTROLS]
)
def test_stray_control_bytes_in_declared_html_are_dropped_not_the_page(
    body: str, title: str, shown: str | None
) -> None:
    """bughunt-2026-11 #19: one NUL, or a few control bytes, in a text/html page made it
    "binary content labelled text/html" and every quote unverifiable. Browsers render such
    pages: the control characters are dropped and the page is read."""
    words = "The ministry said the country installed 280 gigawatts of new solar capacity last year. "
    html = f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
    html += f"<p>{words * 3}</p></article></body></html>" if shown else "</article></body></html>"
    page = extract_page(html.encode(), "text/html; charset=utf-8", URL)
    assert page.problem is None
    assert not any(ord(c) < 0x20 and c not in "\t\n\r\f" for c in page.text + (page.title or ""))
    fetched = FetchResult(url=URL, final_url=URL, status=200, headers={"content-type": "text/html"}, body=html.encode())
    link = classify_link(fetched, page)
    if shown:
        assert shown in page.text
        assert words.strip() in page.text
        assert link.status.value == "ok", link
    else:
        assert link.status.value == "soft_404", link  # the title says so once the escape codes are gone


LIVENESS_PAGES = sorted((Path(__file__).parent / "fixtures" / "liveness").glob("*.html"))


@pytest.mark.parametrize("path", LIVENESS_PAGES, ids=[p.name for p in LIVENESS_PAGES])
def test_a_pages_reading_does_not_depend_on_its_url(path: Path) -> None:
    """What reading.read_in_full rests on when it keeps a small body's reading for the next
    response with that body at another URL (a soft-404 host's answer to every unknown path)."""
    body = path.read_bytes()
    readings = [extract_page(body, "text/html", url) for url in (URL, "https://other.example/a/b/c?d=1", "")]
    assert readings[1:] == readings[:1] * 2
    first = FetchResult(URL, URL, 200, {"content-type": "text/html"}, body)
    again = FetchResult("https://other.example/x", "https://other.example/x", 200, {"content-type": "text/html"}, body)
    assert read_in_full(first) == readings[0]
    assert read_in_full(again) is read_in_full(first) or len(body) > REMEMBERED_BODY_BYTES
