"""`make demo`: the whole job, offline, against a local publisher site and a local fake
Wayback archive on 127.0.0.1, so a newcomer sees every kind of verdict without internet.
Writes results/demo/ and prints where the HTML report is. Servers stop when it ends."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.fake_archive import FakeArchive
from tests.siteserver import RouteRequest, serve
from verifier.cli import main

ORIGINAL = (
    "<p>If the United States hopes to achieve results like China's, it must build more like China, "
    "replicating some of Beijing's approaches to organizing and mobilizing economic production and "
    "prioritizing speed and agglomeration.</p>"
    "<p>Chinese-made solar panels are up to 65 percent cheaper than those made in the United States "
    "and Europe.</p>"
    "<p>Last year alone, China added about 280 gigawatts of solar capacity, more than the entire "
    "installed base of the United States.</p>"
)
SEED_QUOTE = (  # the seed article's back-translation of the original sentence above
    "If the United States hopes to achieve results similar to those of China, it must build like China, "
    "replicate some of Beijing's practices in organizing and mobilizing economic production, prioritize "
    "speed and industrial clustering."
)
PAYWALL = ('<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}'
           "</script>")


def page(title: str, body: str, head: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><nav>Home | Opinion</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Demo Press</footer></body></html>")


SOURCES = """\
[article]
title = "Demo: an article citing five sources"
publisher = "Demo News"
published = 2025-07-03

[settings]
timeout_s = 5
retries = 0
per_host_delay_s = 0
allow_networks = ["127.0.0.0/8"]   # the demo's servers are on loopback
archive = "{archive}"

[[sources]]
id = "live-paraphrase"
url = "{site}/opinion/build-like-china"
published = 2025-07-01
quotes = [{seed_quote}]
claims = ["Chinese-made solar panels are up to 65% cheaper than those in the U.S. and Europe."]

[[sources]]
id = "distorted-number"
url = "{site}/opinion/build-like-china"
claims = ["In 2024 alone, China added about 28 gigawatts of solar capacity."]

[[sources]]
id = "paywalled-via-archive"
url = "{site}/premium/build-like-china"
published = 2025-07-01
claims = ["Chinese-made solar panels are up to 65% cheaper than those in the U.S. and Europe."]

[[sources]]
id = "gone-via-alternate"
url = "{site}/opinion/removed"
alternates = ["{site}/repost/build-like-china"]
claims = ["Chinese-made solar panels are up to 65% cheaper than those in the U.S. and Europe."]

[[sources]]
id = "soft-404"
url = "{site}/opinion/2025/no-such-article"
quotes = ["Nothing here."]

[[sources]]
id = "not-yet-identified"
publisher = "Financial Times"
quotes = ["For the United States to succeed, it must show its best self"]
"""


def run_demo(out: Path) -> int:
    with serve() as site, serve() as archive_site:
        site.page("/opinion/build-like-china", page("Build like China", ORIGINAL))
        site.page("/premium/build-like-china", page("Build like China", "<p>Subscribe to read.</p>", PAYWALL))
        site.page("/repost/build-like-china", page("Build like China (repost)", ORIGINAL))
        site.page("/opinion/removed", page("Gone", "<p>This article was removed.</p>"), status=410)

        @site.route_prefix("/")
        def missing(req: RouteRequest) -> None:
            req.respond(200, page("Page not found", "<p>Sorry, we could not find that page.</p>"))

        archive = FakeArchive(archive_site).install()
        archive.add(site.url("/premium/build-like-china"), "20250702080000", page("Build like China", ORIGINAL))
        with tempfile.TemporaryDirectory() as folder:
            sources = Path(folder) / "demo-sources.toml"
            text = SOURCES.format(site=site.base_url, archive=archive.base_url, seed_quote=json.dumps(SEED_QUOTE))
            sources.write_text(text, encoding="utf-8")
            code = main(["verify", str(sources), "--out", str(out), "--fail-on", "never"])
    print(f"\nHTML report: {(out / 'index.html').resolve()}")
    print("The links in the reports point at the demo's local servers, which stopped when it ended.")
    return code


if __name__ == "__main__":
    sys.exit(run_demo(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("results/demo")))
