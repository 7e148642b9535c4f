"""Fuzz target for `extract_page`: random and half-structured bodies under random content
types must give a `Page`, never an exception. `tests/test_extract.py` runs it briefly;
`python -m tests.fuzz_extract --seconds 300` runs it for a bounded time (make fuzz)."""

from __future__ import annotations

import argparse
import codecs
import logging
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.extract import HTML_KEEP_CHARS, extract_page
from verifier.records import Page

CONTENT_TYPES = (
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=GBK",
    "text/html; charset=gb2312",
    "text/html; charset=iso-8859-1",
    "text/html; charset=utf-16",
    "text/html; charset=no-such-charset",
    "text/html; charset=base64",
    "text/html; charset=zlib",
    "text/html; charset=rot13",
    "text/html; charset=idna",
    "text/html; charset=punycode",
    "text/html; charset=undefined",
    "text/html; charset=utf-7",
    "text/html; charset=unicode_escape",
    'text/html; charset="shift_jis"',
    "application/xhtml+xml",
    "application/pdf",
    "application/octet-stream",
    "text/plain",
    "text/plain; charset=windows-1252",
    "application/json",
    "image/png",
    "",
)
FRAGMENTS = (
    "<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div>", "</div>", "<br>", "<em>",
    "</em>", "<a href='/x'>", "</a>", "<script>", "</script>", "<style>", "<nav>", "<article>", "</article>",
    "<table><tr><td>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0' encoding='gbk'?>",
    "<meta charset='gb2312'>", "<meta http-equiv='Content-Type' content='text/html; charset=utf-8'>",
    "<meta charset='x'>", "<meta charset='punycode'>", "<meta charset=undefined>", "<?xml encoding='hex'?>",
    "<h1>", "</h1>", "<p hidden>", "<div style='display:none'>", "&amp;", "&#0;",
    "&#x110000;", "&nbsp;", "%PDF-1.4\n", "1 0 obj", "endobj", "trailer", "%%EOF", "\x00", "\ufeff",
    "中国制造", "café “quoted” — text", "word ", "\n", "\t", "<" * 5, ">" * 5,
)  # fmt: skip
ENCODINGS = ("utf-8", "gb18030", "cp1252", "utf-16-le", "shift_jis", "latin-1")


def _encode(text: str, encoding: str) -> bytes:
    return codecs.encode(text, encoding, errors="replace")


half_structured = st.builds(
    _encode,
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=60).map("".join),
    st.sampled_from(ENCODINGS),
)
bodies = st.one_of(st.binary(max_size=4096), half_structured)
content_types = st.one_of(st.sampled_from(CONTENT_TYPES), st.text(max_size=40))


def check_page(body: bytes, content_type: str) -> Page:
    """The properties every extraction keeps, whatever it is given."""
    page = extract_page(body, content_type, "https://fuzz.example.org/page")
    assert isinstance(page, Page)
    assert isinstance(page.text, str)
    assert page.kind in {"html", "pdf", "text"}
    assert page.problem is None or isinstance(page.problem, str)
    assert page.html is None or len(page.html) <= HTML_KEEP_CHARS
    assert page.title is None or (page.title and page.title == page.title.strip())
    return page


@settings(
    max_examples=500,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(bodies, content_types)
def fuzz_batch(body: bytes, content_type: str) -> None:
    check_page(body, content_type)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="stop starting new batches after this long")
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # every damaged body logs its damage
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    end = time.monotonic() + args.seconds
    batches = 0
    while time.monotonic() < end:
        fuzz_batch()
        batches += 1
    print(f"fuzz_extract: {batches} batches of 500 examples, no failure")


if __name__ == "__main__":
    main()
