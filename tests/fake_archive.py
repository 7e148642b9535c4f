"""A local Wayback-compatible archive on a tests.siteserver Site: the Availability API
(/wayback/available), Memento-style captures (/web/<timestamp>[id_]/<url>) and the CDX index
(/cdx/search/cdx?url=<domain>&matchType=domain&from=&to=&output=json), with switchable
misbehaviour (nothing archived, slow, errors, a broken availability API)."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.siteserver import RouteRequest, Site

STAMP = "%Y%m%d%H%M%S"
TOOLBAR = '<div id="wm-ipp-base">FAKE WAYBACK TOOLBAR: capture list, calendar, share buttons</div>'
NOT_ARCHIVED_PAGE = "<html><body><p>This page has not been archived.</p></body></html>"
CAPTURE = re.compile(r"^/web/(\d{1,14})(id_)?/(.+)$")


@dataclass
class FakeArchive:
    """Install on a Site with `FakeArchive(site).install()`; `base_url` is the archive base.

    availability: "ok" | "empty" (answers {"archived_snapshots": {}}) | "error" (HTTP
    error_status) | "garbage" (not JSON). memento: "ok" | "error". delay_s: every answer
    waits this long first (bounded; ends early when the server stops)."""

    site: Site
    copies: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # url -> [(stamp, html)]
    availability: str = "ok"
    memento: str = "ok"
    error_status: int = 503
    delay_s: float = 0.0

    @property
    def base_url(self) -> str:
        return self.site.base_url

    def add(self, url: str, stamp: str, html: str) -> FakeArchive:
        self.copies.setdefault(url, []).append((stamp, html))
        return self

    def install(self) -> FakeArchive:
        self.site.route("/wayback/available")(self._available)
        self.site.route_prefix("/web/")(self._capture)
        self.site.route("/cdx/search/cdx")(self._cdx)
        return self

    # ------------------------------------------------------------ behaviour

    def _wait(self, req: RouteRequest) -> None:
        deadline = time.monotonic() + self.delay_s
        while time.monotonic() < deadline and not req.stopping:
            time.sleep(0.02)

    def _nearest(self, url: str, stamp: str | None) -> tuple[str, str] | None:
        captures = self.copies.get(url)
        if not captures:
            return None
        if not stamp:
            return max(captures)
        target = _moment(stamp)
        return min(captures, key=lambda c: abs((_moment(c[0]) - target).total_seconds()))

    def _available(self, req: RouteRequest) -> None:
        self._wait(req)
        if self.availability == "error":
            req.respond(self.error_status, "upstream CDX server error", content_type="text/plain")
            return
        if self.availability == "garbage":
            req.respond(200, "<html>maintenance</html>")
            return
        query = parse_qs(urlsplit(req.path).query)
        url = query.get("url", [""])[0]
        nearest = None if self.availability == "empty" else self._nearest(url, query.get("timestamp", [None])[0])
        snapshots: dict[str, object] = {}
        if nearest is not None:
            stamp = nearest[0]
            snapshots["closest"] = {
                "status": "200",
                "available": True,
                "url": f"{self.base_url}/web/{stamp}/{url}",
                "timestamp": stamp,
            }
        body = {"url": url, "archived_snapshots": snapshots}
        req.respond(200, json.dumps(body), content_type="application/json")

    def _capture(self, req: RouteRequest) -> None:
        self._wait(req)
        match = CAPTURE.match(req.path)
        if match is None:
            req.respond(404, NOT_ARCHIVED_PAGE)
            return
        if self.memento == "error":
            req.respond(self.error_status, "archive overloaded", content_type="text/plain")
            return
        stamp, raw, url = match.group(1), match.group(2) or "", match.group(3)
        nearest = self._nearest(url, stamp)
        if nearest is None:
            req.respond(404, NOT_ARCHIVED_PAGE)
            return
        found, html = nearest
        if found != stamp:
            req.respond(302, b"", headers={"Location": f"{self.base_url}/web/{found}{raw}/{url}"})
            return
        memento = _moment(found).strftime("%a, %d %b %Y %H:%M:%S GMT")
        body = html if raw else html.replace("<body>", "<body>" + TOOLBAR, 1)
        req.respond(200, body, headers={"Memento-Datetime": memento})


    def _cdx(self, req: RouteRequest) -> None:
        """Captures on a domain (and its subdomains) between `from` and `to`, as JSON rows
        after a header row; the fields asked for with `fl`."""
        self._wait(req)
        if self.availability == "error":
            req.respond(self.error_status, "upstream CDX server error", content_type="text/plain")
            return
        query = parse_qs(urlsplit(req.path).query)
        domain = query.get("url", [""])[0].lower()
        low, high = query.get("from", ["0"])[0], query.get("to", ["99999999999999"])[0]
        fields = query.get("fl", ["original,timestamp"])[0].split(",")
        rows: list[list[str]] = [fields]
        for url, captures in sorted(self.copies.items()):
            host = (urlsplit(url).hostname or "").lower()
            if host != domain and not host.endswith("." + domain):
                continue
            for stamp, _ in sorted(captures):
                if _moment(low) <= _moment(stamp) <= _moment(high[:8] + "235959" if len(high) == 8 else high):
                    record = {"original": url, "timestamp": stamp, "statuscode": "200", "mimetype": "text/html"}
                    rows.append([record.get(name, "-") for name in fields])
        req.respond(200, json.dumps(rows if len(rows) > 1 else []), content_type="application/json")


def _moment(stamp: str) -> datetime:
    return datetime.strptime(stamp + "00000101000000"[len(stamp) :], STAMP).replace(tzinfo=UTC)


def sources_file(tmp_path: Path, archive_base: str, blocks: list[dict[str, Any]]) -> Path:
    """A sources.toml in `tmp_path` for a quick run on loopback against the archive at
    `archive_base`: no retries or delays, one `[[sources]]` per block (published 2025-07-01)."""
    lines = [
        "[settings]", "timeout_s = 3", "retries = 0", "per_host_delay_s = 0", "per_host_concurrency = 4",
        'allow_networks = ["127.0.0.0/8"]', f'archive = "{archive_base}"', "",
    ]  # fmt: skip
    for block in blocks:
        lines.append("[[sources]]")
        for key, value in block.items():
            lines.append(f"{key} = {json.dumps(value)}")
        lines.append("published = 2025-07-01")
        lines.append("")
    path = tmp_path / "sources.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
