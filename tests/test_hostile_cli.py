"""Hostile content and bad input through the whole job (`python -m verifier verify` in a
subprocess over a local site): transport failures (tar pit, redirect loop, bad scheme, a
redirect into a forbidden range) and garbage bodies end in a link
status and a source verdict with a reason in latest.json, never a crash; an invalid input
file ends with exit 2 and a file:line message before anything is fetched or written."""

from __future__ import annotations

import gzip
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.siteserver import RouteRequest, Site
from tests.test_extract import PDF_PAGES, encrypted, make_pdf
from tests.test_unattended import QUOTE, Fixture, article, by_id

VALID_PDF = make_pdf(PDF_PAGES)
BROKEN_UTF8 = article().replace(b"Background", b"Back\xff\xfe\x80ground", 1)
# page -> (body, content type, expected verdict, expected fragment of link.reason)
GARBAGE: dict[str, tuple[bytes, str, str, str]] = {
    "binary-as-html": (os.urandom(50_000), "text/html", "unverifiable", "binary content labelled text/html"),
    "corrupt-pdf": (VALID_PDF[: len(VALID_PDF) // 3], "application/pdf", "unverifiable", "corrupt PDF"),
    "encrypted-pdf": (encrypted(VALID_PDF, "reader-secret"), "application/pdf", "unverifiable", "encrypted PDF"),
    "invalid-utf8": (BROKEN_UTF8, "text/html; charset=utf-8", "verified", "HTTP 200"),
    "10000-nested-divs": (
        article().replace(b"</article>", b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000 + b"</article>"),
        "text/html",
        "verified",  # the quote sits above the cut: text read in part still counts
        "markup nested deeper than",
    ),
}


@pytest.fixture
def fx(site: Site, tmp_path: Path) -> Fixture:
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    return Fixture(site, tmp_path)


# page -> (link status, fragment of link.reason); every source ends `unverifiable` (no archive)
TRANSPORT: dict[str, tuple[str, str]] = {
    "tar-pit": ("unreachable", "timeout after 5 s"),
    "redirect-loop": ("unreachable", "redirect loop"),
    "redirect-to-file": ("unreachable", "unsupported URL scheme 'file'"),
    "redirect-to-metadata": ("disallowed", "169.254.169.254 is a link-local address"),
}


@pytest.mark.slow
def test_transport_failures_end_in_a_verdict_with_a_reason(fx: Fixture) -> None:
    fx.page("tar-pit").delay_s = 30  # never answers within the 5 s timeout; stops with the server
    fx.site.page("/redirect-loop", "", 302, headers={"Location": "/redirect-loop-2"})
    fx.site.page("/redirect-loop-2", "", 302, headers={"Location": "/redirect-loop"})
    fx.site.page("/redirect-to-file", "", 302, headers={"Location": "file:///etc/passwd"})
    fx.site.page("/redirect-to-metadata", "", 302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    started = time.monotonic()
    done = fx.verify("--fail-on", "never", sources=fx.sources_file(list(TRANSPORT)))
    assert time.monotonic() - started < 60
    assert done.returncode == 0, done.stderr
    sources = by_id(fx.latest())
    for name, (status, reason) in TRANSPORT.items():
        link = sources[name]["link"]
        assert (link["status"], sources[name]["verdict"]) == (status, "unverifiable"), (name, link)
        assert reason in link["reason"], (name, link)
        assert sources[name]["quotes"][0]["verdict"] == "unverifiable", name


@pytest.mark.slow
def test_garbage_bodies_end_in_a_verdict_with_a_reason(fx: Fixture) -> None:
    for name, (body, content_type, _, _) in GARBAGE.items():
        fx.site.page(f"/{name}", body, content_type=content_type)
    started = time.monotonic()
    done = fx.verify("--fail-on", "never", sources=fx.sources_file(list(GARBAGE)))
    assert time.monotonic() - started < 60
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    sources = by_id(fx.latest())
    for name, (_, _, verdict, reason) in GARBAGE.items():
        source = sources[name]
        assert source["link"]["status"] == "ok", (name, source["link"])  # the server answered 200
        assert reason in source["link"]["reason"], (name, source["link"])
        assert source["verdict"] == verdict, (name, source["verdict"])
        quote = "verbatim" if verdict == "verified" else "unverifiable"
        assert source["quotes"][0]["verdict"] == quote, (name, source["quotes"])


BIG_MAX_BYTES = 1_000_000
BIG_FILLER = b"<p>" + b"Filler about ports and power lines. " * 100 + b"</p>"


def streamed(head: bytes, tail: bytes = b"", size: int = 200_000_000) -> Callable[[RouteRequest], None]:
    """A 200 MB page (declared so): `head`, filler, `tail` near the end; written until the
    client stops reading."""

    def handle(req: RouteRequest) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html; charset=utf-8")
        req.send_header("Content-Length", str(size))
        req.end_headers()
        sent = 0
        try:
            req.write_raw(head)
            sent += len(head)
            while sent + len(BIG_FILLER) + len(tail) <= size and not req.stopping:
                req.write_raw(BIG_FILLER)
                sent += len(BIG_FILLER)
            req.write_raw(tail + b" " * (size - sent - len(tail)))
        except OSError:
            return  # the client read its part and left

    return handle


@pytest.mark.slow
def test_big_pages_are_read_in_part_and_never_count_toward_dead(fx: Fixture) -> None:
    """A body over max_bytes (a 200 MB page, a 50 MB gzip bomb) is read in part: link `ok`
    "read the first N bytes"; the quote in the part is found, a quote beyond it is
    `unverifiable`; with confirm_dead = 1 failure nothing is dead. (On 2fc93bc every one
    was `unreachable` and ended `broken`.) bughunt-2026-11 #6, the class."""
    article_head = article().replace(b"</article></body></html>", b"")
    fx.site.route("/big-page")(streamed(article_head))
    fx.site.route("/big-page-quote-late")(streamed(b"<html><body><article>", article()))
    bomb = gzip.compress(article_head + BIG_FILLER * 15_000, 9)  # 55 MB decoded, 150 KB sent
    fx.site.page("/gzip-bomb-page", bomb, headers={"Content-Encoding": "gzip"})
    names = ["big-page", "big-page-quote-late", "gzip-bomb-page"]
    sources = fx.sources_file(names, confirm=(1, 0))
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("retries = 0", f"retries = 0\nmax_bytes = {BIG_MAX_BYTES}"),
        encoding="utf-8",
    )
    done = fx.verify("--fail-on", "never", sources=sources)
    assert done.returncode == 0, done.stderr
    found = by_id(fx.latest())
    expected = {"big-page": "verified", "big-page-quote-late": "unverifiable", "gzip-bomb-page": "verified"}
    for name, verdict in expected.items():
        link = found[name]["link"]
        assert (link["status"], link["confirmed_dead"]) == ("ok", False), (name, link)
        assert f"read the first {BIG_MAX_BYTES} bytes" in link["reason"], (name, link)
        assert found[name]["verdict"] == verdict, (name, found[name])
    late = found["big-page-quote-late"]["quotes"][0]
    assert late["verdict"] == "unverifiable"
    assert any(f"read the first {BIG_MAX_BYTES} bytes" in note for note in late["notes"]), late


def test_invalid_input_exits_2_with_file_and_line_and_writes_nothing(fx: Fixture) -> None:
    fx.site.page("/page", article())
    path = fx.tmp / "sources.toml"
    path.write_text(
        f'[[sources]]\nid = "ok-1"\nurl = "{fx.site.url("/page")}"\nquotes = ["{QUOTE}"]\n\n'
        '[[sources]]\nid = "Bad Id"\nurl = "https://example.org/"\nqoutes = ["typo"]\n',
        encoding="utf-8",
    )
    done = fx.verify(sources=path)
    assert done.returncode == 2
    messages = done.stderr.strip().splitlines()
    assert messages, done.stderr
    assert all(m.startswith(f"{path}:") for m in messages), messages
    assert any(m.startswith(f"{path}:7:") and "Bad Id" in m for m in messages), messages
    assert any(m.startswith(f"{path}:9:") and "qoutes" in m for m in messages), messages
    assert not fx.out.exists()
    assert fx.site.hits == []
