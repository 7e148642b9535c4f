"""Reading a response, in a worker: its text extracted (in full, or lightly for --links-only)
and its link status decided against the host's probe. What the pipeline's worker processes
run on every page, kept apart from the pipeline so that a worker imports only extraction and
the link rules (a --links-only worker builds no quote judge: see `workers.process_pool`)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, replace

from verifier.extract import extract_page, parse_html_body, read_body
from verifier.liveness import classify_link, first_look, light_assessment, refresh_target
from verifier.records import TRANSFER_HEADERS, FetchResult, LinkAssessment, Page, PageFacts, ReadOutcome
from verifier.verdicts import page_digest

# A full reading of a small body is kept for the next response with the same body, in each
# worker: a soft-404 host answers every unknown path (its probe's among them) with the same
# page, and error pages repeat. The reading depends on the body, its content type and whether
# it was cut, not on the URL (extract_page hands the URL to trafilatura only, which reads it
# to resolve links, which it is not asked for: tests/test_extract.py holds this). At most
# REMEMBERED_READINGS bodies of REMEMBERED_BODY_BYTES, with their pages: a few MB.
REMEMBERED_BODY_BYTES = 32 * 1024
REMEMBERED_READINGS = 128
# (body, content type, cut) -> its full reading, least recently used first; a worker reads one
# response at a time
_REMEMBERED: OrderedDict[tuple[bytes, str, bool], Page] = OrderedDict()


def text_sha256(text: str) -> str:
    """Hash of the extracted text, so that rotating markup (ads, tokens) is not a change."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class HostProbe:
    """A host's answer to a path that cannot exist, read in full and, for --links-only,
    lightly too (`extract_page`'s main_text=False), without its HTML; `digest`: a SHA-256 of
    both readings, for the key of the readings compared with it (`verdicts.response_key`)."""

    full: Page
    light: Page | None = None
    digest: str = ""


def read_probe(fetched: FetchResult, light: bool) -> HostProbe:
    """In a worker: the probe's answer (a response with a body) read, in full and when `light`
    lightly too."""
    full = replace(read_in_full(fetched), html=None)
    lightly = replace(extract_page(fetched.body, fetched.content_type, fetched.final_url, truncated=fetched.truncated,
                                   main_text=False), html=None) if light else None
    readings = [dataclasses.asdict(page) if page is not None else None for page in (full, lightly)]
    digest = hashlib.sha256(json.dumps(readings, sort_keys=True).encode("ascii")).hexdigest()
    return HostProbe(full, lightly, digest)


def read_response(
    fetched: FetchResult, probe: HostProbe | None, follow_refresh: bool, light: bool
) -> tuple[ReadOutcome, str | None]:
    """In a worker: `read_page`'s answer as a ReadOutcome, with the page's text (None when
    nothing could be read, and when `light`: --links-only judges no statement against it, and
    sending it back cost the worker more than a light reading of a page)."""
    page, assessment, target = read_page(fetched, probe, follow_refresh, light)
    return ReadOutcome(assessment, target, page_facts(page) if page is not None else None), (
        page.text if page is not None and not light else None)


def read_text(fetched: FetchResult) -> str:
    """In a worker: the text of a page whose reading was reused, read again as `read_page` reads
    it in full (the text is not kept between runs, only its digests)."""
    return read_in_full(fetched).text


def read_in_full(fetched: FetchResult) -> Page:
    """`extract_page`'s full reading of a response, the reading of a body of at most
    REMEMBERED_BODY_BYTES kept for the next response with the same body (see
    REMEMBERED_READINGS)."""
    if len(fetched.body) > REMEMBERED_BODY_BYTES:
        return extract_page(fetched.body, fetched.content_type, fetched.final_url, truncated=fetched.truncated)
    key = (fetched.body, fetched.content_type, fetched.truncated)
    page = _REMEMBERED.get(key)
    if page is not None:
        _REMEMBERED.move_to_end(key)
        return page
    page = _REMEMBERED[key] = extract_page(fetched.body, fetched.content_type, fetched.final_url,
                                           truncated=fetched.truncated)
    if len(_REMEMBERED) > REMEMBERED_READINGS:
        _REMEMBERED.popitem(last=False)
    return page


def page_facts(page: Page) -> PageFacts:
    """What the pipeline uses of a page besides its text (a light reading's text is not the
    text, so it has no content digest)."""
    return PageFacts(
        text_sha256=page_digest(page.text),
        content_sha256=text_sha256(page.text) if page.text and not page.light else None,
        chars=len(page.text.strip()),
        problem=page.problem,
    )


def read_page(
    fetched: FetchResult, probe: HostProbe | None, follow_refresh: bool, light: bool = False
) -> tuple[Page | None, LinkAssessment, str | None]:
    """In a worker: the page read from a response (None without one), its link status given
    the host's `probe`, and where it refreshes to (when `follow_refresh`: then the status is
    to be decided at the target). The page comes back without its HTML.

    `light` (--links-only, whose status needs no main text when the cheap signals settle it):
    a 2xx HTML page is first looked at parsed, nothing rendered (`liveness.first_look`: an
    article plainly unlike the probe is `ok`, and the page comes back as None: no text was
    read), then read without main-text extraction; when `light_assessment` can tell from that
    reading and the probe's the status the main text would give, that is the answer, else the
    page is read in full as without `light`.

    The headers about the transfer (records.TRANSFER_HEADERS) are not read: a response and
    the same response revived from its snapshot, which does not keep them, read alike."""
    fetched = replace(fetched, headers={name: value for name, value in fetched.headers.items()
                                        if name.lower() not in TRANSFER_HEADERS})
    readable = fetched.status is not None and bool(fetched.body)
    page: Page | None = None
    if light and readable and fetched.status is not None and 200 <= fetched.status < 300:
        parsed = parse_html_body(fetched.body, fetched.content_type)
        if parsed is not None:
            looked = first_look(fetched, parsed, probe.light if probe is not None else None,
                                probe.full if probe is not None else None)
            if looked is not None:
                return None, looked, None  # (nothing read: no text, and it refreshes nowhere)
        page, tree = read_body(fetched.body, fetched.content_type, fetched.final_url, truncated=fetched.truncated,
                               main_text=False, parsed=parsed)
        if page.light:  # else nothing was left out (not HTML): that is the full reading
            settled = light_assessment(fetched, page, probe.light if probe is not None else None,
                                       probe.full if probe is not None else None, tree=tree)
            if settled is not None:
                return replace(page, html=None), settled, None  # (it refreshes nowhere)
            page = None
    if readable and page is None:
        page = read_in_full(fetched)
    target = refresh_target(fetched, page) if follow_refresh else None
    assessment = classify_link(fetched, page, probe.full if probe is not None else None)
    return (replace(page, html=None) if page is not None else None), assessment, target
