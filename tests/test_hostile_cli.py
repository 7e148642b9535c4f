"""Hostile content and bad input through the whole job (`python -m verifier verify` in a
subprocess over a local site): transport failures (tar pit, redirect loop, bad scheme, a
redirect into a forbidden range, a 1 GB Content-Length) and garbage bodies end in a link
status and a source verdict with a reason in latest.json, never a crash; an invalid input
file ends with exit 2 and a file:line message before anything is fetched or written."""

from __future__ import annotations

import os
import time
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


def huge_content_length(req: RouteRequest) -> None:
    req.send_response(200)
    req.send_header("Content-Length", "1000000000")
    req.end_headers()
    req.write_raw(b"x" * 65536)


# page -> (link status, fragment of link.reason); every source ends `unverifiable` (no archive)
TRANSPORT: dict[str, tuple[str, str]] = {
    "tar-pit": ("unreachable", "timeout after 5 s"),
    "redirect-loop": ("unreachable", "redirect loop"),
    "redirect-to-file": ("unreachable", "unsupported URL scheme 'file'"),
    "redirect-to-metadata": ("disallowed", "169.254.169.254 is a link-local address"),
    "one-gb-content-length": ("unreachable", "Content-Length 1000000000 exceeds max_bytes"),
}


@pytest.mark.slow
def test_transport_failures_end_in_a_verdict_with_a_reason(fx: Fixture) -> None:
    fx.page("tar-pit").delay_s = 30  # never answers within the 5 s timeout; stops with the server
    fx.site.page("/redirect-loop", "", 302, headers={"Location": "/redirect-loop-2"})
    fx.site.page("/redirect-loop-2", "", 302, headers={"Location": "/redirect-loop"})
    fx.site.page("/redirect-to-file", "", 302, headers={"Location": "file:///etc/passwd"})
    fx.site.page("/redirect-to-metadata", "", 302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    fx.site.route("/one-gb-content-length")(huge_content_length)
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
