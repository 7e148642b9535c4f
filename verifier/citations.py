"""Pure: an article's text -> a draft of what it cites (`verifier extract`).

The article is read paragraph by paragraph, sentence by sentence. A sentence *attributes*
when it names a publication next to a reporting verb ("Foreign Affairs published an
article on July 1", "wrote the Financial Times on March 31", "according to Reuters"), names
people next to one ("former Deputy Secretary of State Kurt Campbell ... warned"), or refers
back ("the article states that", "In the article, ..."; "they pointed out"). Each cited
work becomes one source; what follows an attribution belongs to that source until the text
attributes again or turns to the author's own voice ("It is worth noting ..."):

- quoted passages (straight, curly, 「」『』«», a quote left open at a paragraph's end runs to
  it) become `quotes`; a quote of under four words counts only in a sentence that
  attributes (elsewhere it is a term, "the 'Rust Belt'", and stays in its sentence); a
  quote that opens a paragraph goes to the source the next sentence names;
- the other sentences become `claims`, without their lead-in ("The article states that");
- dates ("on July 1", "March 31, 2025", "yesterday") are resolved against the article's date.

Every guess is written down as a comment in the draft (see `render_draft`), never silently.
Captions, section headings and boilerplate (copyright, "Original: <url>") are not claims.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

import lxml.html  # type: ignore[import-untyped]

from verifier.extract import extract_page
from verifier.fetch import PageFetcher
from verifier.publishers import Publisher, PublisherTable

MIN_QUOTE_WORDS = 4  # shorter quotes are quotes only in a sentence that attributes
MIN_CLAIM_WORDS = 5
HEADING_MAX_WORDS = 14
CAPTION_MAX_CHARS = 400

MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(?P<year>\d{{4}})\b)?",
               re.IGNORECASE),
    re.compile(r"\b(?P<relative>yesterday|today|(?:last|on|this past) (?:" + "|".join(WEEKDAYS) + r"))\b",
               re.IGNORECASE),
)

SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "wrote", "writes", "write", "warned", "warns", "warn", "argued",
    "argues", "argue", "noted", "notes", "note", "pointed out", "points out", "point out", "added", "adds",
    "claimed", "claims", "stated", "states", "believes", "believe", "believed", "suggested", "suggests",
    "observed", "observes", "explained", "explains", "mentioned", "mentions", "reported", "reports",
    "published", "publishes", "concluded", "concludes", "insisted", "insists", "cautioned", "cautions",
    "emphasized", "emphasizes", "stressed", "stresses", "asserted", "asserts", "contended", "contends",
    "predicted", "predicts", "offers", "offered", "ends", "ended", "analyzed", "analyses", "analyzes",
    "recommended", "recommends", "urged", "urges", "called for", "calls for", "acknowledged", "admitted",
    "showing", "shows", "showed", "found", "finds", "revealed", "reveals", "estimated", "estimates",
    "stating", "saying", "noting", "arguing", "warning", "writing", "adding", "pointing out", "concluding",
)
LEAD_VERBS = r"(?:said|says|wrote|writes|reported|reports|noted|notes|argued|argues|added|adds|claimed|claims|stated|" \
    r"states|told|tells|explained|explains|warned|warns)"
_VERB = r"(?:" + "|".join(re.escape(v) for v in sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"
SPEECH = re.compile(rf"\b{_VERB}\b")
ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)
PUBLISHING = re.compile(r"\b(?:published|publishes|ran|carried|reported|reports|wrote|writes)\b")
THAT_CLAUSE = re.compile(rf"\b{_VERB}(?:,?\s+\w+){{0,5}}?,?\s+that\s+")
BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that) (?:article|piece|essay|op-ed|column|report|commentary|editorial|story|analysis|"
    r"study|book|authors?|writers?|newspaper|magazine|journal|paper|agency|outlet|broadcaster|network|"
    r"publication|website)\b", re.IGNORECASE)
NEW_WORK = re.compile(
    r"\b(?:in|In) (?:a|an|his|her|their|one) (?:(?:recent|new|latest|joint|separate|earlier|widely read) )*"
    r"(?P<work>article|essay|op-ed|column|report|commentary|paper|piece|interview|speech|post|book|letter|study|"
    r"note|statement|briefing|podcast)\b")
WRITTEN_WORKS = frozenset({"article", "essay", "op-ed", "column", "report", "commentary", "paper", "piece", "post",
                           "book", "letter", "study"})  # works a publication prints (not interviews, speeches)
PRONOUN_SUBJECT = re.compile(rf"(?:^(?:They|He|She|Both)\b|\b(?:he|she|they)\s+(?:also\s+)?{_VERB}\b)")
LEAD_IN = re.compile(rf"^(?:[\w.'’-]+,?\s+){{0,8}}?(?:also\s+|further\s+|directly\s+)?{LEAD_VERBS}\s+(?:that\s+)?")
ACCORDING_LEAD = re.compile(r"^According to [^,]{1,80},\s*|,?\s+according to [^,.]{1,80}(?=[.!?]?$)")
TITLE_REFERENCE = re.compile(r"\b(?:with (?:this|that|the) (?:title|headline)|titled|headlined|entitled)\b",
                             re.IGNORECASE)
UNKNOWN_PUBLICATION = re.compile(
    r"\b(?:newspaper|magazine|journal|news agency|news outlet|outlet|website|broadcaster|daily|weekly|"
    r"think tank)\s+(?P<name>(?:[A-Z][\w&'.-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w&'.-]*){0,4})")
AUTHOR_VOICE = re.compile(
    r"^(?:It is worth (?:noting|mentioning)|It should be noted|Notably|Meanwhile|By contrast|In contrast|"
    r"Separately|This is not the first time|Elsewhere|In other news|Editor'?s note)\b")
BOILERPLATE = re.compile(
    r"exclusive contribution|unauthori[sz]ed reproduction|all rights reserved|reproduction (?:is )?prohibited|"
    r"^(?:original|source|statement|editor|responsible editor|copyright|read more|related)\s*[:：]|©|\(c\) \d{4}",
    re.IGNORECASE)
ORIGINAL_URL = re.compile(r"^(?:original|original link|source|link)\s*[:：]\s*(https?://\S+)", re.IGNORECASE)
CAPTION_CREDIT = re.compile(
    r"[.)]\s*(?:Photo(?: by|:)?\s*)?(?:Visual China|Getty Images|AFP|Reuters|AP Photo|Xinhua|VCG|IC Photo|"
    r"Shutterstock|EPA|Bloomberg|File photo)[\w /.-]{0,40}\.?\s*$")
BYLINE = re.compile(
    r"^\s*[【\[(]\s*By\s+(?P<author>[^,，【】\[\]\n]+?)\s*[,，]\s*(?P<publisher>[^【】\[\]\n]+?)\s*[】\])]\s*")
PLAIN_BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][\w.' -]+?)(?:\s*[,|]\s*(?P<publisher>[A-Z][\w.' &-]+))?\s*$")

CJK = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "«": "»", "„": "“"}
ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "st", "jr", "sr", "inc", "corp",
        "ltd", "co", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "approx", "dept", "est", "fig"
    ])
NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*"
NAME_CHAIN = re.compile(rf"{NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{NAME_WORD})+")
NOT_NAME_WORDS = frozenset(
    [
        "the", "a", "an", "in", "on", "at", "of", "and", "for", "from", "former", "current", "deputy", "secretary",
        "state", "director", "president", "minister", "senator", "governor", "chairman", "chair", "chief", "executive",
        "officer", "professor", "dr", "mr", "mrs", "ms", "sir", "lord", "ambassador", "general", "admiral",
        "representative", "rep", "sen", "spokesman", "spokeswoman", "spokesperson", "analyst", "researcher", "writer",
        "editor", "reporter", "economist", "adviser", "advisor", "fellow", "senior", "vice", "council", "institution",
        "institute", "university", "college", "department", "ministry", "agency", "bank", "committee", "commission",
        "foundation", "center", "centre", "school", "office", "house", "senate", "congress", "parliament", "party",
        "administration", "government", "group", "company", "corporation", "affairs", "security", "national",
        "international", "federal", "central", "united", "states", "kingdom", "union", "republic", "people's", "china",
        "chinese", "america", "american", "u.s", "beijing", "washington", "europe", "european", "britain", "british",
        "japan", "japanese", "russia", "russian", "india", "indian", "germany", "german", "france", "french", "taiwan",
        "korea", "korean", "asia", "asian", "africa", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "street", "avenue", "river", "delta", "province", "city", "county", "north",
        "south", "east", "west", "new", "times", "post", "journal", "news", "daily", "weekly", "review"
        "analytics", "capital", "partners", "research", "associates", "consulting", "holdings", "securities",
        "hospital", "clinic",
    ])


# ---------------------------------------------------------------- what the article is


@dataclass(frozen=True)
class ArticleText:
    """An article's readable text and what its markup says about it."""

    text: str
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    url: str | None = None
    kind: str = "text"


def read_article(body: bytes, content_type: str, url: str) -> ArticleText:
    """Text, HTML or PDF bytes -> the article's text, with the metadata HTML carries
    (og:title, og:site_name, article:published_time, <time datetime>, canonical link)."""
    page = extract_page(body, content_type, url)
    if page.kind != "html" or not page.html:
        return ArticleText(page.text, title=page.title, kind=page.kind, url=url if "://" in url else None)
    meta = _html_metadata(page.html)
    return ArticleText(page.text, title=meta.get("title") or page.title, publisher=meta.get("site_name"),
                       published=iso_date(meta.get("published", "")), url=meta.get("url") or
                       (url if "://" in url else None), kind="html")


def _html_metadata(html: str) -> dict[str, str]:
    try:
        tree = lxml.html.fromstring(html.encode("utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return {}
    found: dict[str, str] = {}
    wanted = {"og:title": "title", "og:site_name": "site_name", "article:published_time": "published",
              "date": "published", "pubdate": "published", "og:url": "url", "publish-date": "published"}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        content = (meta.get("content") or "").strip()
        if key in wanted and content and wanted[key] not in found:
            found[wanted[key]] = content
    for time_element in tree.iter("time"):
        stamp = time_element.get("datetime")
        if stamp and "published" not in found:
            found["published"] = stamp
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href", "").startswith("http"):
            found.setdefault("url", link.get("href"))
    return found


def iso_date(text: str | None) -> date | None:
    """The date a text starts with in ISO form ("2025-05-14..."), or None."""
    return date_of(re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", text or ""))


def date_of(match: re.Match[str] | None) -> date | None:
    """The date of a match whose three groups are year, month and day; None when there is no
    match or the day does not exist."""
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


class ArticleUnreadable(Exception):
    """The article could not be fetched or read: why."""


async def fetch_article(fetcher: PageFetcher, url: str) -> ArticleText:
    """The article at `url`, fetched through the guarded fetcher."""
    answer = await fetcher.fetch(url)
    if answer.error is not None:
        raise ArticleUnreadable(f"cannot fetch {url}: {answer.reason or answer.error.value}")
    if answer.status is None or not 200 <= answer.status < 300:
        raise ArticleUnreadable(f"cannot fetch {url}: HTTP {answer.status}")
    return read_article(answer.body, answer.content_type, answer.final_url)


# ---------------------------------------------------------------- the draft


@dataclass(frozen=True)
class Item:
    """One quote or claim, where it was found, and why it went to its source."""

    text: str
    paragraph: int
    why: str  # "attributed: ..." or "guess: ..."


@dataclass
class Cited:
    """One cited work as the draft describes it; `notes` are comments (how it was found)."""

    publisher: str | None
    known: Publisher | None
    published: date | None = None
    date_note: str = ""
    authors: list[str] = field(default_factory=list)
    authors_note: str = ""
    title: str | None = None
    title_note: str = ""
    notes: list[str] = field(default_factory=list)
    quotes: list[Item] = field(default_factory=list)
    claims: list[Item] = field(default_factory=list)
    by_name: bool = True  # named by publication (not only through people)
    first_paragraph: int = 0


@dataclass
class Draft:
    source_name: str
    title: str | None = None
    title_note: str = ""
    publisher: str | None = None
    publisher_note: str = ""
    url: str | None = None
    url_note: str = ""
    published: date | None = None
    published_note: str = ""
    sources: list[Cited] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # paragraphs left out, and why


@dataclass(frozen=True)
class Quote:
    start: int
    end: int  # of the whole quote, marks included
    text: str  # inside the marks

    @property
    def words(self) -> int:
        """Words, a CJK character counting as half of one (a word is one to three of them)."""
        cjk = len(re.findall(CJK, self.text))
        return len(re.sub(CJK, " ", self.text).split()) + cjk // 2


@dataclass(frozen=True)
class Attribution:
    """What a sentence says about who is speaking."""

    source: Cited | None  # the source it names or refers back to
    cue: str  # the words that say so
    is_event: bool  # "X published an article": the sentence is about the source, not from it
    is_new: bool = False
    names_title: bool = False  # "with this title", "titled": a quoted line nearby is the title


def draft_sources(article: ArticleText, table: PublisherTable, *, source_name: str,
                  today: date | None = None, given_date: date | None = None) -> Draft:
    """The draft for one article. `today` bounds a guessed article date (never later);
    `given_date` is the article's date as the user knows it (it wins)."""
    paragraphs = split_paragraphs(article.text)
    draft = Draft(source_name=source_name, title=article.title, publisher=article.publisher,
                  url=article.url, published=given_date or article.published)
    if article.title:
        draft.title_note = f"from the {article.kind} metadata"
    if article.publisher:
        draft.publisher_note = f"from the {article.kind} metadata"
    if given_date:
        draft.published_note = "given with --date"
    elif article.published:
        draft.published_note = f"from the {article.kind} metadata"
    if paragraphs:
        paragraphs[0] = _read_byline(paragraphs[0], draft, table)
    for index, paragraph in enumerate(paragraphs[:3]):
        byline = PLAIN_BYLINE.match(paragraph)
        if byline:
            del paragraphs[index]
            if byline.group("publisher") and not draft.publisher:
                known = table.find(byline.group("publisher"))
                draft.publisher = known.name if known else byline.group("publisher").strip()
                draft.publisher_note = f"from the byline {paragraph!r}"
            break
    if paragraphs and not draft.title and _is_heading(paragraphs[0]) and len(paragraphs) > 1:
        draft.title, draft.title_note = paragraphs.pop(0), "the first line of the text"
    _date_the_article(draft, paragraphs, today)
    reader = _Reader(draft, table)
    for number, paragraph in enumerate(paragraphs, start=1):
        reader.read_paragraph(number, paragraph)
    if not draft.title and reader.opening_quote:
        draft.title = reader.opening_quote
        draft.title_note = "guess: the article opens with this quoted line, as a headline would"
    draft.sources = [s for s in draft.sources if s.quotes or s.claims or s.by_name]
    return draft


def _read_byline(first: str, draft: Draft, table: PublisherTable) -> str:
    """The first paragraph without its byline; the byline's publisher goes into the draft."""
    byline = BYLINE.match(first)
    if byline is None:
        return first
    if not draft.publisher:
        known = table.find(byline.group("publisher"))
        draft.publisher = known.name if known else byline.group("publisher").strip()
        draft.publisher_note = f"from the byline {byline.group(0).strip()!r}"
    return first[byline.end():]


def _date_the_article(draft: Draft, paragraphs: Sequence[str], today: date | None) -> None:
    """Without a date from the metadata, the latest date the text mentions (years taken
    from the latest year it mentions) bounds it: the article is no older."""
    for paragraph in paragraphs:
        original = ORIGINAL_URL.match(paragraph.strip())
        if original and not draft.url:
            draft.url, draft.url_note = original.group(1).rstrip(".,)"), "given at the article's end"
    if draft.published:
        return
    text = " ".join(paragraphs)
    full = [d.value for d in find_dates(text, None) if d.value is not None and (today is None or d.value <= today)]
    years = [d.year for d in full] or [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)
                                       if today is None or int(y) <= today.year]
    if not years:
        draft.published_note = "not found in the article; dates without a year are left unresolved"
        return
    reference = date(max(years), 12, 31)
    # Dates with a year, and without one (taken in that latest year); not "today" or "on Monday".
    found = [d.value for d in find_dates(text, reference)
             if d.value is not None and not d.relative and (today is None or d.value <= today)]
    latest = max(found, default=None)
    if latest is not None:
        draft.published = latest
        draft.published_note = ("guess: the article does not say; this is the latest date it mentions, so it "
                                "appeared on or after it (give the real date with --date)")


# ---------------------------------------------------------------- paragraphs and sentences


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; a text without blank lines is split at its line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) <= 1:
        blocks = [line for line in text.split("\n") if line.strip()]
    return [re.sub(r"\s+", " ", b).strip() for b in blocks]


def find_quotes(paragraph: str) -> list[Quote]:
    """Quoted passages: paired marks; a straight or opening mark left open at the end of the
    paragraph runs to it (the convention for a quote that goes on into the next one)."""
    quotes: list[Quote] = []
    i = 0
    while i < len(paragraph):
        mark = paragraph[i]
        closing = QUOTE_PAIRS.get(mark) or ('"' if mark == '"' else None)
        if closing is None:
            i += 1
            continue
        end = paragraph.find(closing, i + 1)
        stop = len(paragraph) if end < 0 else end + 1
        inner = paragraph[i + 1: end if end >= 0 else len(paragraph)].strip()
        inner = inner.rstrip(",;:").strip()
        if inner:
            quotes.append(Quote(i, stop, inner))
        i = stop
    return quotes


def split_sentences(paragraph: str, quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """Sentence spans; never inside a quote, never after an abbreviation or an initial."""
    inside = [(q.start, q.end) for q in quotes]
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?。！？]+[\"”’」』)\]]*\s+(?=[\"“「『(A-Z0-9])", paragraph):
        cut = match.start()
        point = match.start() + len(match.group(0).rstrip())  # after the closing marks
        if any(s < point < e for s, e in inside):
            continue
        previous = re.search(r"(\S+)$", paragraph[start:cut + 1])
        token = previous.group(1).lower().rstrip(".") if previous else ""
        if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph)))
    return spans


def _is_heading(paragraph: str) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= HEADING_MAX_WORDS and not re.search(r"[.!?:;。！？\"”」』]$", paragraph)


def _is_caption(paragraph: str) -> bool:
    return len(paragraph) <= CAPTION_MAX_CHARS and bool(CAPTION_CREDIT.search(paragraph))


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class FoundDate:
    start: int
    words: str
    value: date | None
    note: str
    relative: bool = False  # "yesterday", "on Monday": counted from the reference date


def find_dates(text: str, reference: date | None) -> Iterator[FoundDate]:
    """Dates in `text`, resolved against `reference` (the article's date): a date without a
    year is the latest such day not after it; "on Monday" the latest Monday on or before."""
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            found = _resolve_date(match, reference)
            if found is not None:
                taken.append((match.start(), match.end()))
                yield found


def _resolve_date(match: re.Match[str], reference: date | None) -> FoundDate | None:
    words = match.group(0)
    parts = match.groupdict()
    if parts.get("relative"):
        if reference is None:
            return FoundDate(match.start(), words, None, f"{words!r}: no article date to count from", relative=True)
        phrase = parts["relative"].lower()
        if phrase == "today":
            return FoundDate(match.start(), words, reference, f"{words!r}: the article's date", relative=True)
        if phrase == "yesterday":
            return FoundDate(match.start(), words, reference - timedelta(days=1),
                             f"{words!r}: the day before the article", relative=True)
        weekday = WEEKDAYS.index(phrase.split()[-1])
        back = (reference.weekday() - weekday) % 7 or (7 if phrase.startswith("last") else 0)
        return FoundDate(match.start(), words, reference - timedelta(days=back),
                         f"guess: {words!r} taken as the latest such day on or before the article's date",
                         relative=True)
    month = MONTHS[parts["month"].lower()] if parts.get("month") else int(parts["mnum"])
    day = int(parts["day"])
    if parts.get("year"):
        try:
            return FoundDate(match.start(), words, date(int(parts["year"]), month, day), f"{words!r} in the text")
        except ValueError:
            return None
    if reference is None:
        return FoundDate(match.start(), words, None, f"{words!r}: no year, and no article date to take it from")
    try:
        value = date(reference.year, month, day)
        if value > reference:
            value = date(reference.year - 1, month, day)
    except ValueError:
        return None
    return FoundDate(match.start(), words, value,
                     f"{words!r} in the text; the year from the article's date ({reference.isoformat()})")


# ---------------------------------------------------------------- people


def find_people(text: str) -> list[str]:
    """Person names in `text`: runs of capitalised words, titles and institutions cut off
    ("former Deputy Secretary of State Kurt Campbell" -> "Kurt Campbell"); a run that
    follows a preposition whole ("in Pine Hollow", "of Harbor Analytics") is a place or an
    employer, not a speaker."""
    people: list[str] = []
    for match in NAME_CHAIN.finditer(text):
        words = match.group(0).split()
        whole = len(words)
        while words and words[0].lower().rstrip(".") in NOT_NAME_WORDS:
            words.pop(0)
        cut = max((i for i, w in enumerate(words) if w.lower() in NOT_NAME_WORDS), default=-1)
        words = words[cut + 1:]
        if len(words) == whole and re.search(r"\b(?:in|at|of|from|for|with|by|to|near)\s+(?:the\s+)?$",
                                             text[: match.start()]):
            continue
        if 2 <= len([w for w in words if not re.fullmatch(r"[A-Z]\.", w)]) <= 3:
            people.append(" ".join(words))
    return people


def _speakers(plain: str) -> tuple[re.Match[str] | None, list[str]]:
    """The first reporting verb with people named before it, and those people; else the
    first reporting verb and nobody."""
    verbs = list(SPEECH.finditer(plain))
    for verb in verbs:
        people = find_people(plain[: verb.start()])
        if people:
            return verb, people
    return (verbs[0] if verbs else ACCORDING_TO.search(plain)), []


# ---------------------------------------------------------------- reading


class _Reader:
    """Walks the paragraphs keeping track of who is speaking."""

    def __init__(self, draft: Draft, table: PublisherTable) -> None:
        self.draft = draft
        self.table = table
        self.main: Cited | None = None  # the work being discussed, named by publication
        self.local: Cited | None = None  # people quoted in this paragraph
        self.carrying = False  # unattributed text still belongs to `main`
        self.opening_quote: str | None = None

    @property
    def current(self) -> Cited | None:
        return self.local or self.main

    def read_paragraph(self, number: int, paragraph: str) -> None:
        self.local = None
        if BOILERPLATE.search(paragraph) or ORIGINAL_URL.match(paragraph):
            self.carrying = False
            self.draft.skipped.append(f"paragraph {number}: boilerplate")
            return
        if _is_caption(paragraph):
            self.draft.skipped.append(f"paragraph {number}: a picture caption")
            return
        quotes = find_quotes(paragraph)
        whole_quote = len(quotes) == 1 and quotes[0].start <= 1 and quotes[0].end >= len(paragraph.rstrip(".")) - 1
        if _is_heading(paragraph) and not whole_quote:
            self.draft.skipped.append(f"paragraph {number}: a heading")
            return
        if AUTHOR_VOICE.match(paragraph):
            self.carrying = False
        spans = split_sentences(paragraph, quotes)
        known: dict[int, Attribution | None] = {}

        def attribution_of(index: int) -> Attribution | None:
            if index >= len(spans):
                return None
            if index not in known:  # in order: attributing moves who is speaking
                known[index] = self.attribute(paragraph[spans[index][0]:spans[index][1]], number)
            return known[index]

        for index, (start, end) in enumerate(spans):
            sentence = paragraph[start:end].strip()
            inner = [q for q in quotes if start <= q.start < end]
            self.take_sentence(number, index, sentence, quotes=inner, attribution=attribution_of(index),
                               peek=partial(attribution_of, index + 1))

    # ------------------------------------------------------------ attribution

    def attribute(self, sentence: str, number: int) -> Attribution | None:
        """Who the sentence says is speaking; creates the source it introduces."""
        plain = _without_quotes(sentence)
        speech, people = _speakers(plain)
        mentions = self.table.mentions(plain)
        unknown = UNKNOWN_PUBLICATION.search(plain) if not mentions else None
        if (mentions or unknown) and (speech or re.search(r"\b(?:in|by|to) (?:the )?$", plain[:(
                mentions[0].start if mentions else unknown.start() if unknown else 0)])):
            known = mentions[0].publisher if mentions else None
            name = known.name if known else unknown.group("name").strip() if unknown else ""
            words = mentions[0].words if mentions else name
            when = self._date_near(plain)
            source, is_new = self.source_for(name, known, when, number, plain)
            if is_new:
                source.notes.append(f"paragraph {number}: {_clip(plain)!r}")
                if known is None:
                    source.notes.append(f"{name!r} is not in the publisher table: no domain to search")
            self.main, self.carrying = source, True
            self.local = None
            event = bool(PUBLISHING.search(plain)) and not THAT_CLAUSE.search(plain)
            return Attribution(source, words, event, is_new, bool(TITLE_REFERENCE.search(plain)))
        back = BACK_REFERENCE.search(plain)
        new_work = NEW_WORK.search(plain)
        if speech and people and not (back and back.start() < speech.start() and not new_work):
            return self._people(plain, people, new_work, number)
        if back and self.main is not None and (speech or plain.lower().startswith("in the")):
            self.carrying = True
            if people:
                self._add_authors(self.main, people, f"paragraph {number}: {_clip(plain)!r}")
            return Attribution(self.main, back.group(0), False)
        pronoun = PRONOUN_SUBJECT.search(plain)
        if speech and pronoun and self.current is not None:
            return Attribution(self.current, pronoun.group(0), False)
        return None

    def _people(self, plain: str, people: list[str], new_work: re.Match[str] | None, number: int) -> Attribution:
        for source in self.draft.sources:
            if set(people) & set(source.authors):
                self.local = source
                return Attribution(source, " and ".join(people), False)
        if new_work is None and self.main is not None and plain.lower().startswith("in the"):
            self._add_authors(self.main, people, f"paragraph {number}")
            return Attribution(self.main, " and ".join(people), False)
        source = Cited(publisher=None, known=None, by_name=False, first_paragraph=number)
        source.authors = people
        source.authors_note = "names as the article gives them"
        work = new_work.group("work") if new_work else "statement"
        what = ("an " if work[0] in "aeiou" else "a ") + work
        source.notes.append(f"paragraph {number}: {what} by {' and '.join(people)}: {_clip(plain)!r}")
        if self.main is not None and self.main.publisher and new_work and new_work.group("work") in WRITTEN_WORKS:
            source.publisher, source.known = self.main.publisher, self.main.known
            source.notes.append(f"guess: the publication is not named; {self.main.publisher}, which the text "
                                "is discussing, is assumed")
        else:
            source.notes.append("the publication is not named: fill in publisher")
        when = self._date_near(plain)
        if when is not None:
            source.published, source.date_note = when.value, when.note
        else:
            source.date_note = "no date given" + (" (\"a recent\" one)" if "recent" in plain.lower() else "")
        self.draft.sources.append(source)
        self.local = source
        return Attribution(source, " and ".join(people), False, True)

    def _add_authors(self, source: Cited, people: list[str], where: str) -> None:
        added = [p for p in people if p not in source.authors]
        if added:
            source.authors += added
            source.authors_note = f"named in {where}"

    def _date_near(self, plain: str) -> FoundDate | None:
        return next(iter(find_dates(plain, self.draft.published)), None)

    def source_for(self, name: str, known: Publisher | None, when: FoundDate | None, number: int,
                   plain: str) -> tuple[Cited, bool]:
        """The source a publication mention means: a new one when it carries a new date or
        says "a/an article", else the latest one of that publication."""
        same = [s for s in self.draft.sources if s.publisher == name and s.by_name]
        new_work = NEW_WORK.search(plain) is not None
        for source in reversed(same):
            if when is None and not new_work:
                return source, False
            if when is not None and source.published in (None, when.value):
                if source.published is None:
                    source.published, source.date_note = when.value, when.note
                return source, False
        source = Cited(publisher=name, known=known, first_paragraph=number)
        if when is not None:
            source.published, source.date_note = when.value, when.note
        else:
            source.date_note = "no date given with the attribution"
        self.draft.sources.append(source)
        return source, True

    # ------------------------------------------------------------ quotes and claims

    def take_sentence(self, number: int, index: int, sentence: str, *, quotes: list[Quote],
                      attribution: Attribution | None, peek: Callable[[], Attribution | None]) -> None:
        quoted_chars = sum(q.end - q.start for q in quotes)
        only_quote = bool(quotes) and quoted_chars >= 0.85 * len(sentence.rstrip(". "))
        target = attribution.source if attribution else None
        why = f"attributed: {attribution.cue!r}" if attribution else ""
        following = peek() if target is None and only_quote and index == 0 else None
        if following is not None and following.source is not None and following.is_new:
            target, why = following.source, "attributed: the next sentence names the source"
            if following.names_title and target.title is None and len(quotes) == 1:
                target.title = quotes[0].text.rstrip(".")
                target.title_note = (f"guess: the quoted line the article calls the title (paragraph {number}); "
                                     "it may be a translation of the real one")
        if target is None and self.current is not None and (self.carrying or only_quote):
            target = self.current
            why = f"guess: no attribution here; {_describe(target)} is the source cited last"
        if number == 1 and index == 0 and only_quote and self.opening_quote is None:
            self.opening_quote = quotes[0].text.rstrip(".")
        if target is None:
            return
        for quote in quotes:
            if quote.words >= MIN_QUOTE_WORDS or attribution is not None:
                target.quotes.append(Item(quote.text, number, why))
        if only_quote:
            return
        claim = _claim(sentence, attribution, quotes)
        if claim and len(claim.split()) >= MIN_CLAIM_WORDS:
            target.claims.append(Item(claim, number, why))


def _claim(sentence: str, attribution: Attribution | None, quotes: Sequence[Quote]) -> str | None:
    """The assertion a sentence attributes: what follows "... that", else the sentence
    without its lead-in ("The newspaper said", "According to Reuters,"); None for a sentence
    only about the source ("X published an article") or one whose quote says it all."""
    plain = sentence.strip()
    if attribution is not None:
        blanked = _without_quotes(plain)
        that = THAT_CLAUSE.search(blanked)
        if that:
            return _capitalised(plain[that.end():])
        if attribution.is_event or any(q.words >= MIN_QUOTE_WORDS for q in quotes):
            return None
        lead = LEAD_IN.match(blanked)
        if lead and attribution.cue in lead.group(0):
            return _capitalised(plain[lead.end():])
    plain = ACCORDING_LEAD.sub("", plain)
    plain = re.sub(r"^(?:In (?:a|an|the|his|her|their) (?:[\w-]+ ){0,3}?(?:article|essay|op-ed|column|report|"
                   r"piece|paper|interview|speech|book|study|note)(?: to [\w ]{1,30})?,\s*)", "", plain)
    return _capitalised(plain)


def _capitalised(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _without_quotes(sentence: str) -> str:
    """The sentence with every quoted passage blanked (same length, so offsets hold)."""
    out = list(sentence)
    for quote in find_quotes(sentence):
        out[quote.start:quote.end] = " " * (quote.end - quote.start)
    return "".join(out)


def _describe(source: Cited) -> str:
    who = source.publisher or " and ".join(source.authors) or "the source"
    return f"{who}, {source.published.isoformat()}" if source.published else who


def _clip(text: str, limit: int = 90) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


# ---------------------------------------------------------------- writing the draft


def render_draft(draft: Draft) -> str:
    """The draft as sources.toml text: valid input for `verifier check`, a comment on every
    guess."""
    lines = [
        f"# Draft written by `verifier extract` from {draft.source_name}.",
        "# Every comment that starts with \"guess:\" needs a person's check. The sources have no URL yet:",
        "# `verifier resolve` looks for candidates (and `--write` fills in a clear winner).",
        "",
        "[article]",
    ]
    article = [("title", draft.title, draft.title_note), ("publisher", draft.publisher, draft.publisher_note),
               ("url", draft.url, draft.url_note)]
    for key, value, note in article:
        if value:
            lines.append(_key(key, toml_string(value), note))
        else:
            lines.append(f"# {key}: not found")
    if draft.published:
        lines.append(_key("published", draft.published.isoformat(), draft.published_note))
    else:
        lines.append(f"# published: {draft.published_note or 'not found'}")
    lines.append('language = "en"')
    ids: set[str] = set()
    for source in draft.sources:
        lines += ["", "", f"# {'-' * 64} {_describe(source)}", "", "[[sources]]"]
        source_id = _unique(_source_id(source), ids)
        lines.append(f'id = "{source_id}"')
        lines += [f"# {note}" for note in source.notes]
        if source.publisher:
            where = (f"{source.known.domain} (publisher table; paywall: {source.known.paywall})"
                     if source.known else "not in the publisher table")
            lines.append(_key("publisher", toml_string(source.publisher), where))
        if source.title:
            lines.append(_key("title", toml_string(source.title), source.title_note))
        if source.authors:
            lines.append(_key("authors", "[" + ", ".join(toml_string(a) for a in source.authors) + "]",
                              source.authors_note))
        if source.published:
            lines.append(_key("published", source.published.isoformat(), source.date_note))
        else:
            lines.append(f"# published: {source.date_note or 'not given'}")
        for key, items in (("quotes", source.quotes), ("claims", source.claims)):
            if items:
                lines.append(f"{key} = [")
                lines += _items(items)
                lines.append("]")
    if draft.skipped:
        lines += ["", "# Left out: " + "; ".join(draft.skipped)]
    return "\n".join(lines) + "\n"


def _items(items: Sequence[Item]) -> list[str]:
    lines: list[str] = []
    previous: tuple[int, str] | None = None
    seen: set[str] = set()
    for item in items:
        if item.text in seen:
            continue
        seen.add(item.text)
        if (item.paragraph, item.why) != previous:
            lines.append(f"  # paragraph {item.paragraph}, {item.why}")
            previous = (item.paragraph, item.why)
        lines.append(f"  {toml_string(item.text)},")
    return lines


def _key(key: str, value: str, note: str) -> str:
    line = f"{key} = {value}"
    return f"{line}   # {_one_line(note)}" if note else line


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _source_id(source: Cited) -> str:
    base = source.publisher or "source"
    if not source.by_name and source.authors:
        base = "-".join([*([source.publisher] if source.publisher else []),
                         *(a.split()[-1] for a in source.authors[:2])])
    elif source.published:
        base += "-" + source.published.isoformat()
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "source"


def _unique(candidate: str, taken: set[str]) -> str:
    name, n = candidate, 2
    while name in taken:
        name, n = f"{candidate}-{n}", n + 1
    taken.add(name)
    return name
