"""`verifier resolve`: find the URL of a source that has none.

For each such source (and, with --all, for every source) whose publisher is in the
publisher table:

1. gather candidate addresses on the publisher's domain: from the web archive's CDX index
   (`{archive}/cdx/search/cdx`, captures within `window` days of the source's date) and from
   the publisher's own sitemaps (the `Sitemap:` lines of its robots.txt, else /sitemap.xml;
   a sitemap index is followed to the sitemaps nearest the date; news sitemaps give titles
   and publication dates);
2. rank them by how well the address's slug and the sitemap title match the source's title
   (or, without one, its quotes), by date, and by whether the address has one of the
   publisher's usual forms;
3. fetch the best `MAX_READ` (the archived capture when there is one, else the page), all
   through the run's guarded fetcher (address guard, robots.txt, per-host politeness);
4. score each with the quote judge on the source's quotes and claims.

One candidate "clearly wins" when its mean score is at least `CLEAR_SCORE`, at least half
the statements are supported, and it leads the next by `CLEAR_MARGIN`; otherwise there is
"no clear match". `write_url` puts a winner into the file by editing its text (comments and
layout kept) with a comment saying how it was found.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import lxml.etree  # type: ignore[import-untyped]
from rapidfuzz import fuzz

from verifier.archive import TIMESTAMP_FORMAT, Snapshot, parse_stamp
from verifier.citations import date_of, iso_date
from verifier.extract import extract_page
from verifier.fetch import PageFetcher
from verifier.judge.matcher import QuoteMatcher
from verifier.publishers import Publisher, PublisherTable
from verifier.records import DEFAULT_WINDOW_DAYS, FetchResult, QuoteKind, Source
from verifier.sources import InputError, load_documents, locate_keys

MAX_CDX_ROWS = 2000
MAX_SITEMAPS = 8  # sitemap documents read per source
MAX_SITEMAP_BYTES = 20_000_000  # a gzipped sitemap is inflated up to this
MAX_READ = 4  # candidates fetched and judged per source
MAX_STATEMENTS = 8  # quotes and claims judged per candidate
CLEAR_SCORE = 0.6
CLEAR_MARGIN = 0.15
NO_CLEAR_MATCH = "no clear match"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(frozen=True)
class Candidate:
    url: str
    found_by: tuple[str, ...]  # "archive index", "sitemap <url>"
    capture: Snapshot | None = None  # an archived copy to read instead of the live page
    title: str | None = None  # from a news sitemap
    published: date | None = None
    rank: float = 0.0


@dataclass(frozen=True)
class Judged:
    candidate: Candidate
    score: float  # mean judge score over the statements
    supported: int
    total: int
    evidence: str | None  # the best-matching passage of the best statement
    problem: str | None = None  # why it could not be read


@dataclass
class Resolution:
    source: Source
    publisher: Publisher | None
    gathered: list[str] = field(default_factory=list)  # what was searched, with counts or problems
    candidates: list[Candidate] = field(default_factory=list)
    judged: list[Judged] = field(default_factory=list)
    winner: Judged | None = None
    verdict: str = NO_CLEAR_MATCH


async def resolve_source(fetcher: PageFetcher, matcher: QuoteMatcher, source: Source, table: PublisherTable,
                         archive: str | None, *, window_days: int = DEFAULT_WINDOW_DAYS) -> Resolution:
    publisher = table.find(source.publisher) if source.publisher else None
    found = Resolution(source, publisher)
    if publisher is None:
        found.verdict = (f"{NO_CLEAR_MATCH}: publisher {source.publisher!r} is not in the publisher table"
                         if source.publisher else f"{NO_CLEAR_MATCH}: the source names no publisher")
        return found
    window = timedelta(days=window_days)
    candidates: dict[str, Candidate] = {}
    if archive and source.published:
        rows, note = await _archive_index(fetcher, archive, publisher, source.published, window)
        found.gathered.append(note)
        for url, snapshot in rows:
            _add(candidates, Candidate(url, ("archive index",), capture=snapshot,
                                       published=_url_date(url) or snapshot.timestamp.date()))
    elif not source.published:
        found.gathered.append("archive index: not searched (the source has no date)")
    for candidate in await _sitemap_candidates(fetcher, publisher, source.published, window, found.gathered):
        _add(candidates, candidate)
    on_site = [c for c in candidates.values() if publisher.is_on_site(c.url) and urlsplit(c.url).path.strip("/")]
    found.candidates = sorted((replace(c, rank=_rank(c, source, publisher)) for c in on_site),
                              key=lambda c: (-c.rank, c.url))
    statements = _statements(source)
    for candidate in found.candidates[:MAX_READ]:
        found.judged.append(await _judge(fetcher, matcher, candidate, statements))
    found.judged.sort(key=lambda j: (-j.score, -j.candidate.rank))
    found.winner, found.verdict = _decide(found.judged, statements)
    return found


def _add(candidates: dict[str, Candidate], new: Candidate) -> None:
    key = _url_key(new.url)
    old = candidates.get(key)
    if old is None:
        candidates[key] = new
        return
    candidates[key] = replace(old, found_by=tuple(dict.fromkeys(old.found_by + new.found_by)),
                              capture=old.capture or new.capture, title=old.title or new.title,
                              published=old.published or new.published)


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


# ---------------------------------------------------------------- the archive's index


async def _archive_index(fetcher: PageFetcher, archive: str, publisher: Publisher, near: date,
                         window: timedelta) -> tuple[list[tuple[str, Snapshot]], str]:
    base = archive.rstrip("/")
    query = urlencode([("url", publisher.domain), ("matchType", "domain"), ("output", "json"),
                       ("from", (near - window).strftime("%Y%m%d")), ("to", (near + window).strftime("%Y%m%d")),
                       ("fl", "original,timestamp,statuscode,mimetype"), ("filter", "statuscode:200"),
                       ("collapse", "urlkey"), ("limit", str(MAX_CDX_ROWS))])
    answer = await fetcher.fetch(f"{base}/cdx/search/cdx?{query}", use_robots=False)
    trouble = _trouble(answer)
    if trouble:
        return [], f"archive index: {trouble}"
    try:
        rows = json.loads(answer.body or b"[]")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return [], "archive index: the answer is not JSON"
    if not isinstance(rows, list) or not rows:
        return [], "archive index: no captures in the window"
    header, found = rows[0], []
    for row in rows[1:]:
        if not isinstance(row, list) or len(row) != len(header):
            continue
        record = dict(zip(header, row, strict=True))
        stamp = parse_stamp(str(record.get("timestamp", "")))
        mime = str(record.get("mimetype", "text/html"))
        if stamp is None or not str(record.get("original", "")).startswith("http") or "html" not in mime:
            continue
        found.append((str(record["original"]), Snapshot(base, str(record["original"]), stamp)))
    return found, f"archive index: {len(found)} capture(s) on {publisher.domain} within {window.days} days"


def _trouble(answer: FetchResult) -> str:
    if answer.error is not None:
        return answer.reason or answer.error.value
    if answer.status is None or not 200 <= answer.status < 300:
        return f"HTTP {answer.status}"
    return ""


# ---------------------------------------------------------------- sitemaps


async def _sitemap_candidates(fetcher: PageFetcher, publisher: Publisher, near: date | None, window: timedelta,
                              notes: list[str]) -> list[Candidate]:
    robots = await fetcher.fetch(f"{publisher.site}/robots.txt")
    listed = re.findall(r"(?im)^\s*sitemap\s*:\s*(\S+)", robots.body.decode("utf-8", "replace")) \
        if not _trouble(robots) else []
    queue = listed or [f"{publisher.site}/sitemap.xml"]
    queue.sort(key=lambda url: _sitemap_priority(url, near))
    seen: set[str] = set()
    found: list[Candidate] = []
    read = 0
    while queue and read < MAX_SITEMAPS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        read += 1
        answer = await fetcher.fetch(url)
        trouble = _trouble(answer)
        root = None if trouble else _parse_xml(answer.body)
        if root is None:
            notes.append(f"sitemap {url}: {trouble or 'not a readable sitemap'}")
            continue
        if root.tag == f"{SITEMAP_NS}sitemapindex":
            children = [(_text(s, "loc"), iso_date(_text(s, "lastmod"))) for s in root.iter(f"{SITEMAP_NS}sitemap")]
            near_ones = [loc for loc, when in children if loc and (near is None or when is None or
                                                                   abs(when - near) <= window * 4)]
            queue = sorted([*queue, *near_ones], key=lambda u: _sitemap_priority(u, near))
            notes.append(f"sitemap index {url}: {len(children)} sitemap(s), {len(near_ones)} near the date")
            continue
        entries = 0
        for entry in root.iter(f"{SITEMAP_NS}url"):
            loc = _text(entry, "loc")
            when = iso_date(_text(entry, f"{NEWS_NS}publication_date", news=True)) or iso_date(_text(entry, "lastmod"))
            if not loc or (near is not None and when is not None and abs(when - near) > window):
                continue
            entries += 1
            found.append(Candidate(loc, (f"sitemap {url}",), title=_text(entry, f"{NEWS_NS}title", news=True),
                                   published=when))
        notes.append(f"sitemap {url}: {entries} page(s) near the date")
    if queue:
        notes.append(f"sitemaps: {len(queue)} more not read (at most {MAX_SITEMAPS} per source)")
    return found


def _sitemap_priority(url: str, near: date | None) -> tuple[int, str]:
    """News sitemaps and those named for the source's month first."""
    lowered = url.lower()
    score = 0 if "news" in lowered else 2
    if near is not None and (near.strftime("%Y-%m") in lowered or near.strftime("%Y/%m") in lowered):
        score -= 1
    return score, url


def _parse_xml(body: bytes) -> lxml.etree._Element | None:
    if body[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflater.decompress(body, MAX_SITEMAP_BYTES)
        except zlib.error:
            return None
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError:
        return None
    return root


def _text(element: lxml.etree._Element, name: str, news: bool = False) -> str | None:
    tag = name if news or name.startswith("{") else f"{SITEMAP_NS}{name}"
    found = element.find(f".//{tag}")
    text = found.text.strip() if found is not None and found.text else ""
    return text or None


def _url_date(url: str) -> date | None:
    return date_of(re.search(r"/(20\d\d)[/-](\d{2})[/-](\d{2})(?:/|-|$)", url))


def slug_words(url: str) -> str:
    """The words of an address's path ("/news/articles/2025-05-14/to-bring-x" -> "news
    articles to bring x"), numbers and file endings left out."""
    path = unquote(urlsplit(url).path)
    path = re.sub(r"\.(?:html?|php|aspx?|shtml)$", "", path)
    return " ".join(w for w in re.split(r"[^A-Za-z]+", path) if len(w) > 1).lower()


def _rank(candidate: Candidate, source: Source, publisher: Publisher) -> float:
    wanted = source.title or " ".join([*source.quotes, *source.claims])[:300]
    said = " ".join(filter(None, [slug_words(candidate.url), candidate.title])).lower()
    similarity = fuzz.token_set_ratio(wanted.lower(), said) / 100 if wanted else 0.0
    if source.published and candidate.published:
        closeness = max(0.0, 1 - abs((candidate.published - source.published).days) / (DEFAULT_WINDOW_DAYS + 1))
    else:
        closeness = 0.0
    form = 1.0 if publisher.form_matches(candidate.url, source.published) else 0.0
    return round(0.6 * similarity + 0.25 * closeness + 0.15 * form, 3)


def _statements(source: Source) -> list[tuple[str, QuoteKind]]:
    quotes = [(q, QuoteKind.QUOTE) for q in source.quotes]
    claims = [(c, QuoteKind.CLAIM) for c in source.claims]
    return (quotes + claims)[:MAX_STATEMENTS]


async def _judge(fetcher: PageFetcher, matcher: QuoteMatcher, candidate: Candidate,
                 statements: Sequence[tuple[str, QuoteKind]]) -> Judged:
    address = candidate.capture.raw_url if candidate.capture else candidate.url
    answer = await fetcher.fetch(address, use_robots=candidate.capture is None)
    trouble = _trouble(answer)
    if trouble:
        return Judged(candidate, 0.0, 0, len(statements), None, f"cannot read {address}: {trouble}")
    page = extract_page(answer.body, answer.content_type, answer.final_url, truncated=answer.truncated)
    if not page.text.strip():
        return Judged(candidate, 0.0, 0, len(statements), None, page.problem or "no text on the page")
    matches = [matcher.match(page.text, text, kind) for text, kind in statements]
    if not matches:
        return Judged(candidate, 0.0, 0, 0, None, "the source has no quotes or claims to judge by")
    best = max(matches, key=lambda m: m.score)
    return Judged(candidate, round(sum(m.score for m in matches) / len(matches), 3),
                  sum(1 for m in matches if m.verdict.is_supported), len(matches), best.evidence)


def _decide(judged: Sequence[Judged], statements: Sequence[object]) -> tuple[Judged | None, str]:
    if not statements:
        return None, f"{NO_CLEAR_MATCH}: the source has no quotes or claims to judge candidates by"
    if not judged:
        return None, f"{NO_CLEAR_MATCH}: no candidates found"
    best = judged[0]
    runner_up = judged[1].score if len(judged) > 1 else 0.0
    if best.score < CLEAR_SCORE or best.supported * 2 < best.total:
        return None, f"{NO_CLEAR_MATCH}: the best candidate scores {best.score:.2f} ({best.supported}/{best.total})"
    if best.score - runner_up < CLEAR_MARGIN:
        return None, f"{NO_CLEAR_MATCH}: the best two score {best.score:.2f} and {runner_up:.2f}"
    return best, f"clear match: {best.candidate.url}"


# ---------------------------------------------------------------- writing the URL in


def how_found(judged: Judged, today: date) -> str:
    candidate = judged.candidate
    via = " and ".join(candidate.found_by)
    read = (f"its archived capture of {candidate.capture.timestamp.strftime(TIMESTAMP_FORMAT)[:8]}"
            if candidate.capture else "the live page")
    return (f"Found by `verifier resolve` on {today.isoformat()} (via {via}): {read} supports "
            f"{judged.supported} of {judged.total} quotes and claims, mean score {judged.score:.2f}.")


def write_url(path: Path, source_index: int, url: str, comment: str) -> None:
    """Set `url` of the source at `source_index` in the file's text: the `url = ` line is
    replaced, or a new one goes under `id = `; `comment` goes above it. Everything else is
    kept byte for byte; the result must load, and replaces the file atomically."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    keys = locate_keys(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    notes = [f"# {part}{newline}" for part in _wrap(comment)]
    new_line = f"url = {json.dumps(url)}{newline}"
    existing = keys.get(("sources", source_index, "url"))
    if existing is not None:
        old = lines[existing - 1]
        if not re.match(r"\s*url\s*=\s*\"[^\"\n]*\"\s*(?:#.*)?$", old):
            raise InputError([f"{path}:{existing}: url is not a one-line string; set it by hand"])
        lines[existing - 1: existing] = [*notes, f"# was: {old.strip()}{newline}", new_line]
    else:
        anchor = keys.get(("sources", source_index, "id")) or keys[("sources", source_index)]
        lines[anchor:anchor] = [*notes, new_line]
    updated = "".join(lines)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(updated)
        load_documents([temporary])
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _wrap(text: str, width: int = 96) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines
