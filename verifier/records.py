"""Shared value types: statuses as StrEnums whose values are SPEC's JSON words, and
frozen dataclasses passed between pipeline stages. Pure data, no behaviour beyond
predicates."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

VERSION = "0.1.0"
# The quote judge's version for verdict reuse (verifier/verdicts.py): bump it when verdicts may
# change for a reason outside verifier/judge/ (the reused key also digests that package's files).
JUDGE_VERSION = "1"
# The same for the reading of a response (text extraction and link status) reused between runs
# (verdicts.reader_version also digests the verifier's files outside judge/ and the installed
# packages): bump it when a reading may change for another reason.
READER_VERSION = "1"
DEFAULT_WINDOW_DAYS = 7  # `verifier resolve`: days either side of a source's date to look for captures
DEFAULT_USER_AGENT = f"verifier/{VERSION} (citation checker; +https://github.com/verifier-citations/verifier)"


class LinkStatus(StrEnum):
    OK = "ok"
    PAYWALLED = "paywalled"
    SOFT_404 = "soft_404"
    NOT_FOUND = "not_found"
    BLOCKED = "blocked"
    SERVER_ERROR = "server_error"
    UNREACHABLE = "unreachable"
    DISALLOWED = "disallowed"

    @property
    def is_alive(self) -> bool:
        """The page exists (whether or not we may read all of it)."""
        return self in (LinkStatus.OK, LinkStatus.PAYWALLED, LinkStatus.BLOCKED)

    @property
    def is_readable(self) -> bool:
        """Some text of the cited page itself was obtained."""
        return self in (LinkStatus.OK, LinkStatus.PAYWALLED)

    @property
    def is_dead(self) -> bool:
        """The page itself says it is gone."""
        return self in (LinkStatus.NOT_FOUND, LinkStatus.SOFT_404)


class SourceVerdict(StrEnum):
    VERIFIED = "verified"
    VERIFIED_VIA_ARCHIVE = "verified_via_archive"
    VERIFIED_VIA_ALTERNATE = "verified_via_alternate"
    DISPUTED = "disputed"
    BROKEN = "broken"
    UNVERIFIABLE = "unverifiable"
    UNRESOLVED = "unresolved"

    @property
    def is_failing(self) -> bool:
        """A citation that does not hold: counted by --fail-on."""
        return self in (SourceVerdict.DISPUTED, SourceVerdict.BROKEN)


class QuoteVerdict(StrEnum):
    VERBATIM = "verbatim"
    NEAR_VERBATIM = "near_verbatim"
    PARAPHRASE = "paraphrase"
    DISTORTED = "distorted"
    NOT_FOUND = "not_found"
    UNVERIFIABLE = "unverifiable"

    @property
    def is_supported(self) -> bool:
        return self in (QuoteVerdict.VERBATIM, QuoteVerdict.NEAR_VERBATIM, QuoteVerdict.PARAPHRASE)


class QuoteKind(StrEnum):
    QUOTE = "quote"
    CLAIM = "claim"


class EvidenceFrom(StrEnum):
    LIVE = "live"
    ALTERNATE = "alternate"
    ARCHIVE = "archive"


class Change(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    NEWLY_FAILING = "newly_failing"
    RECOVERED = "recovered"
    CONTENT_CHANGED = "content_changed"


class FetchError(StrEnum):
    """Transport-level failures, mapped once from httpx/OS errors."""

    TIMEOUT = "timeout"
    DNS = "dns"
    REFUSED = "refused"
    RESET = "reset"
    TLS = "tls"
    PROTOCOL = "protocol"
    TOO_LARGE = "too_large"
    ADDRESS_REFUSED = "address_refused"  # the address guard said no
    ROBOTS = "robots"  # robots.txt disallows the URL
    BAD_REDIRECT = "bad_redirect"  # Location unusable: bad scheme, invalid URL
    TOO_MANY_REDIRECTS = "too_many_redirects"

    @property
    def is_network_failure(self) -> bool:
        """A failure that could mean our own network is down."""
        return self in (FetchError.DNS, FetchError.REFUSED, FetchError.TIMEOUT, FetchError.RESET)


# ---------------------------------------------------------------- input


@dataclass(frozen=True)
class Settings:
    timeout_s: float = 20.0
    retries: int = 2
    per_host_concurrency: int = 2
    per_host_delay_s: float = 1.0
    max_bytes: int = 10_000_000
    respect_robots: bool = True
    user_agent: str = DEFAULT_USER_AGENT
    allow_networks: tuple[IPNetwork, ...] = ()
    ca_bundle: str | None = None  # PEM file of extra trusted CAs (custom TLS roots)
    archive: str | None = "https://web.archive.org"  # None: archive fallback off
    confirm_dead_failures: int = 3
    confirm_dead_days: int = 3
    schedule: str = "0 6 * * *"
    timezone: str = "UTC"


@dataclass(frozen=True)
class EmailNotify:
    to: tuple[str, ...]
    sender: str
    smtp: str  # host:port
    starttls: bool = True
    username_env: str | None = None
    password_env: str | None = None


@dataclass(frozen=True)
class Notify:
    webhook: str | None = None
    email: EmailNotify | None = None


@dataclass(frozen=True)
class Article:
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass(frozen=True)
class Source:
    id: str
    url: str | None
    alternates: tuple[str, ...] = ()
    publisher: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    quotes: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Document:
    """One sources.toml: a citing document and what it cites."""

    path: str
    article: Article
    settings: Settings
    notify: Notify
    sources: tuple[Source, ...]


# ---------------------------------------------------------------- fetching


# Headers about the transfer, not about the body as the fetcher returns it (decoded, whole):
# snapshots store the body without them (and the stored length), and no reading looks at them.
TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


@dataclass(frozen=True)
class FetchResult:
    """What one fetch of a URL produced: a response, or a failure with a reason."""

    url: str  # as requested
    final_url: str  # after redirects (== url when none were followed)
    status: int | None  # final HTTP status; None when no response was obtained
    headers: Mapping[str, str] = field(default_factory=dict)  # final response, lower-case names
    body: bytes = b""
    redirects: tuple[str, ...] = ()  # every URL redirected to, in order
    redirect_codes: tuple[int, ...] = ()  # status code of each redirect hop
    error: FetchError | None = None
    reason: str = ""  # human-readable: "timeout after 20 s", "refused: 127.0.0.1 is loopback"
    attempts: int = 1
    fetched_at: datetime | None = None
    bytes_received: int = 0  # bytes on the wire (compressed), for transfer accounting
    snapshot: str | None = None  # where the response is stored (results-relative WARC path)
    truncated: bool = False  # the body is only the first max_bytes bytes (decoded) of a longer one
    # index in `redirects` of the hop a page refresh made (meta http-equiv or Refresh header);
    # its entry in `redirect_codes` is the status of the page that refreshed
    refresh_hop: int | None = None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True)
class Page:
    """Readable text of a fetched document."""

    text: str  # main text, paragraphs separated by blank lines
    title: str | None = None
    html: str | None = None  # decoded HTML when the body was HTML, for markup signals
    kind: str = "html"  # html | pdf | text
    encoding: str | None = None
    problem: str | None = None  # why the text could not be read (corrupt PDF, binary ...)
    # A light reading: HTML read without main-text extraction, `text` is its plain rendering,
    # fit for the link classifier only (see liveness.light_assessment), not for quotes.
    light: bool = False


@dataclass(frozen=True)
class LinkAssessment:
    status: LinkStatus
    reason: str


@dataclass(frozen=True)
class PageFacts:
    """What the pipeline uses of a page read from a response, besides its text."""

    text_sha256: str  # verdicts.page_digest of the text: the page part of its verdicts' keys
    content_sha256: str | None  # the report's link.content_sha256 (None: no text, or a light reading)
    chars: int  # length of the text without its surrounding whitespace
    problem: str | None  # Page.problem


@dataclass(frozen=True)
class ReadOutcome:
    """What reading one response gave (reading.read_page): the link status, where a page that
    only refreshes elsewhere sends the reader, and the facts of the page read (None when
    nothing could be read, or nothing was: --links-only's first look settled the status from
    the parsed page, `liveness.first_look`). Kept in results/verdicts.sqlite, so that the same response read
    again (a 304 answered from its snapshot) is not read again."""

    assessment: LinkAssessment
    refresh: str | None
    page: PageFacts | None


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class QuoteEdit:
    """One difference between a statement and its evidence: its kind (SPEC's words: synonym,
    figure, hedge, ...) and both sides (None for a side that has nothing)."""

    kind: str
    quote: str | None
    source: str | None


@dataclass(frozen=True)
class Match:
    """Outcome of checking one quote or claim against one page text."""

    verdict: QuoteVerdict
    score: float  # in [0, 1]
    evidence: str | None  # best-matching passage; None when nothing matches
    notes: tuple[str, ...] = ()
    edits: tuple[QuoteEdit, ...] = ()


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class QuoteResult:
    text: str
    kind: QuoteKind
    verdict: QuoteVerdict
    score: float
    evidence: str | None = None
    evidence_from: EvidenceFrom | None = None
    notes: tuple[str, ...] = ()
    edits: tuple[QuoteEdit, ...] = ()


@dataclass(frozen=True)
class LinkResult:
    status: LinkStatus
    reason: str
    checked_at: datetime
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    confirmed_dead: bool = False
    content_sha256: str | None = None
    snapshot: str | None = None
    network_failure: bool = False  # failed in a way that could mean our own network is down


@dataclass(frozen=True)
class CopyUsed:
    """An alternate or archived copy that was read instead of the canonical page."""

    url: str
    status: str | None = None  # alternate: its link status
    timestamp: datetime | None = None  # archive: capture time


@dataclass(frozen=True)
class SourceResult:
    source: Source
    verdict: SourceVerdict
    link: LinkResult | None  # None for an unresolved source
    quotes: tuple[QuoteResult, ...]
    change: Change = Change.NEW
    archive: CopyUsed | None = None
    alternate: CopyUsed | None = None
    notes: tuple[str, ...] = ()
