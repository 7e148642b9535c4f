"""Pure: response bytes + content type -> readable page text (HTML main text, PDF text,
plain text), with the character encoding worked out. Never raises for bad input: an
unreadable body is a `Page` with empty text and a `problem`.

Decoding, first rule that applies:
1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. the charset of the HTTP Content-Type;
3. for HTML, `<meta charset>` / `<meta http-equiv=Content-Type>` (or an XML declaration)
   in the first 8 KB;
4. a body that is valid UTF-8 is UTF-8;
5. charset-normalizer's guess from the first 64 KB;
6. UTF-8 with replacement characters.
Labels follow WHATWG where it matters: latin1 / iso-8859-1 / us-ascii mean windows-1252,
gb2312 / gbk mean gb18030 (a superset). A declared (rule 2 or 3) charset is rejected when
it "fails badly": more than `BAD_DECODE_RATIO` of the non-ASCII bytes are undecodable, or
it is a legacy single-byte charset while the body is valid UTF-8 with multibyte
sequences. A rejected declaration passes to the next rule. A single-byte header charset
gives way to a multibyte page declaration that decodes the whole body without error. A few bad bytes in a body that
otherwise decodes keep the declaration and become U+FFFD.

HTML text: trafilatura's main text (favor_recall, tables, no comments) rendered as one
block per paragraph, blocks separated by a blank line and whitespace inside a block
collapsed to single spaces, so a sentence split across inline markup or a <br> stays
contiguous. Blocks that trafilatura dropped from inside the article (the nearest <article>
or <main> around what it kept) are put back in document order, unless they are mostly
links. When trafilatura finds nothing or too little, a plain rendering (script, style, nav,
hidden elements and the like dropped) of the page's single <article> or <main>, else of
the body, replaces it. Markup over `PARSE_MAX_CHARS`, or with more than `PARSE_MAX_TAGS`
tags, is cut before parsing (the problem says so): the tree's memory grows with its
elements, and an element costs as few as three characters (`<p>`). trafilatura is skipped, and the plain rendering used,
on markup too big for it: over `MAIN_TEXT_MAX_CHARS`, too deep, too many elements or
paragraphs (parts of it are quadratic in depth or in the number of short paragraphs); and on
a page with too little text for trafilatura's to be used whatever it keeps (its text is made
of the page's texts, a space at most after each other character, so it is under
`MIN_MAIN_CHARS` when twice all their characters other than whitespace are: an error page, a
JavaScript shell), where it cost a few milliseconds for nothing.

PDF text: pypdf, pages as blocks; an empty user password is tried on encrypted files.
Reading is bounded by pages, characters and drawing-instruction bytes, and says so."""

from __future__ import annotations

import bisect
import codecs
import functools
import io
import itertools
import logging
import re
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import charset_normalizer
import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from verifier.records import Page

if TYPE_CHECKING:
    from pypdf import PdfReader

log = logging.getLogger(__name__)

HTML_KEEP_CHARS = 4_000_000  # Page.html keeps at most this much decoded markup
PARSE_MAX_CHARS = 5_000_000  # longer HTML is cut here before parsing
PARSE_MAX_TAGS = 200_000  # ... and before its 200,000th start tag (real pages: < 20,000; ~500 bytes each)
TAG_COUNT_BLOCK = 4096
MAIN_TEXT_MAX_CHARS = 2_000_000  # trafilatura is skipped on longer HTML (slow, little gain)
META_SCAN_BYTES = 8192
DETECT_SAMPLE_BYTES = 65_536
DETECT_CUT_SEARCH = 1024  # how far back from the sample's end an ASCII byte is looked for
BAD_DECODE_RATIO = 0.1
BINARY_SCAN_BYTES = 4096
PDF_MAX_PAGES = 2000
PDF_MAX_CHARS = 5_000_000  # no further page is read once the text is this long
# pypdf reads content streams at 1.5-4 s per MB (worse on one huge page): bounded in bytes,
# not in seconds, so that the same PDF always gives the same text.
PDF_MAX_PAGE_CONTENT_BYTES = 2_000_000  # a page with more drawing instructions is skipped
PDF_MAX_CONTENT_BYTES = 8_000_000  # no further page is read after this many
MAIN_TEXT_MAX_DEPTH = 400  # ... and on deeper markup (its justext fallback is quadratic in depth)
MAIN_TEXT_MAX_NESTING = 1_000_000  # ... and when elements x their depth exceed this (~4 s of justext)
MAIN_TEXT_MAX_ELEMENTS = 40_000  # ... and on more elements than this (~100 us each; real pages have < 10,000)
MAIN_TEXT_MAX_BLOCKS = 3_000  # ... and on more paragraphs (justext compares short ones pairwise: 12,000 took 17 s)
PARSER_MAX_DEPTH = 2048  # libxml2's nesting limit with huge_tree; deeper content is dropped
MERGE_MAX_BLOCKS = 5000  # putting dropped paragraphs back is skipped on pages with more blocks
MERGE_MAX_CHARS = 1_000_000
MIN_MAIN_CHARS = 200  # trafilatura text shorter than this is "too little"
MIN_MAIN_SHARE = 0.2  # ... or a smaller share than this of the body's paragraph text
ANCHOR_MIN_WORDS = 6  # body blocks found in trafilatura's text that locate the article
RESTORE_MIN_WORDS = 4  # a block trafilatura dropped from inside the article is put back from this size
MAX_LINK_SHARE = 0.5

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_SNIFFED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/unknown"})
_HTML_TAG_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.I)
_HTML_ANYWHERE = re.compile(rb"<(?:html|head|body|p|div|title)[\s>]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:+-]+)""", re.I)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)
# Control characters a browser does not show (NUL, escape, backspace ...): dropped from decoded
# text. Tab, line feed, form feed and carriage return are whitespace and stay.
_CONTROL_CHARACTERS = dict.fromkeys([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# The same as a pattern: str.translate is fast on ASCII text only (0.05 ms on a 75 KB page, 3.3 ms
# with a few non-ASCII letters in it); a search finds them in 0.2 ms either way.
_CONTROL = re.compile("[" + "".join(map(chr, _CONTROL_CHARACTERS)) + "]")
_BINARY_BYTES = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG label -> decoder where Python's meaning of the label differs from browsers'.
_LABEL_ALIASES = {
    "latin1": "cp1252", "latin-1": "cp1252", "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "ansi_x3.4-1968": "cp1252", "windows-1252": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "x-euc-cn": "gb18030", "chinese": "gb18030",
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",  # a meta cannot declare UTF-16 (WHATWG)
    "x-sjis": "shift_jis", "shift-jis": "shift_jis",
}  # fmt: skip
_MULTI_BYTE_PREFIXES = ("utf", "gb", "big5", "shift_jis", "euc", "cp932", "cp949", "cp950", "iso2022", "hz", "johab")
# Python text codecs that are no web encoding and fail or mislead on arbitrary bytes.
_REFUSED_CODECS = frozenset({"idna", "punycode", "undefined", "utf-7", "unicode-escape", "raw-unicode-escape"})
_CODEC_PROBE = b"probe \xe9\xa4\x80"
DETECT_TOLERANCE = 0.1  # charset-normalizer's chaos/coherence differences below this are noise
MIN_COHERENCE = 0.2  # below this charset-normalizer has no language evidence for its guess

# ---------------------------------------------------------------- HTML rendering

_SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "title", "svg", "math", "iframe", "object", "embed",
     "canvas", "select", "option", "textarea", "button", "datalist", "dialog"}
)  # fmt: skip
# HTML block elements, plus the ones trafilatura's output tree uses (head, item, row, quote, list, lb).
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead",
     "tbody", "tfoot", "tr", "caption", "blockquote", "pre", "section", "article", "main", "header", "footer",
     "aside", "figure", "figcaption", "address", "hr", "form", "fieldset", "legend", "details", "summary",
     "body", "html", "center", "head", "item", "row", "quote", "list", "code", "doc", "hgroup", "menu"}
)  # fmt: skip
_SPACED_TAGS = frozenset({"br", "lb", "td", "th", "cell", "img", "graphic", "wbr", "input", "label"})
_LINK_TAGS = frozenset({"a", "ref"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    """One paragraph of rendered text, how much of it sits inside links, and the innermost
    block element that holds it (None when rendered from trafilatura's own tree)."""

    text: str
    link_chars: int = 0
    owner: lxml.etree._Element | None = field(default=None, compare=False, repr=False)

    @property
    def is_mostly_links(self) -> bool:
        return self.link_chars > MAX_LINK_SHARE * len(self.text)


@dataclass(frozen=True)
class Rendering:
    blocks: list[Block]
    depth: int  # deepest element nesting seen
    nesting: int  # the depths of all elements summed: the work of tree walks that look at ancestors
    elements: int


class _BlockWriter:
    """Collects text pieces into blocks; a block boundary flushes the current one."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._pieces: list[str] = []
        self._link_chars = 0

    def add(self, text: str | None, *, in_link: bool) -> None:
        if text:
            self._pieces.append(text)
            if in_link:
                self._link_chars += len(text.strip())

    def space(self) -> None:
        self._pieces.append(" ")

    def flush(self, owner: lxml.etree._Element | None) -> None:
        text = _SPACE.sub(" ", "".join(self._pieces)).strip()
        if text:
            self.blocks.append(Block(text, min(self._link_chars, len(text)), owner))
        self._pieces = []
        self._link_chars = 0


def render_blocks(root: lxml.etree._Element) -> Rendering:
    """The visible text under `root` as paragraphs, walked iteratively (deep trees are fine):
    a block element starts and ends a paragraph, whitespace inside one is a single space."""
    writer = _BlockWriter()
    links = depth = deepest = nesting = elements = 0
    open_blocks: list[lxml.etree._Element] = [root]
    walker = lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event in ("comment", "pi"):  # not shown, but the text after it is
            writer.add(element.tail, in_link=links > 0)
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
            nesting += depth
            elements += 1
            if element is not root and _is_hidden(tag, element):
                walker.skip_subtree()  # its end event still comes, for the tail
                continue
            if tag in _BLOCK_TAGS:
                writer.flush(open_blocks[-1])
                open_blocks.append(element)
            elif tag in _SPACED_TAGS:
                writer.space()
            if tag in _LINK_TAGS:
                links += 1
            writer.add(element.text, in_link=links > 0)
            continue
        depth -= 1
        if element is root:
            break
        if open_blocks[-1] is element:
            writer.flush(open_blocks.pop())
        elif tag in _SPACED_TAGS:
            writer.space()
        if tag in _LINK_TAGS and not _is_hidden(tag, element):
            links -= 1
        writer.add(element.tail, in_link=links > 0)
    writer.flush(open_blocks[-1])
    return Rendering(writer.blocks, deepest, nesting, elements)


def _is_hidden(tag: str, element: lxml.etree._Element) -> bool:
    if tag in _SKIPPED_TAGS:
        return True
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


# ---------------------------------------------------------------- entry point


def extract_page(
    body: bytes, content_type: str, url: str, *, truncated: bool = False, main_text: bool = True
) -> Page:
    """The readable text of a response body. Never raises for what the body contains.
    `truncated`: the body is the first part of a longer one (the fetcher's size cap); the
    problem says so, so that a quote missing from it proves nothing. `main_text=False`: a
    light reading of HTML, without trafilatura (see `extract_html`)."""
    return read_body(body, content_type, url, truncated=truncated, main_text=main_text)[0]


def read_body(
    body: bytes, content_type: str, url: str, *, truncated: bool = False, main_text: bool = True,
    parsed: ParsedHtml | None = None,
) -> tuple[Page, lxml.html.HtmlElement | None]:
    """`extract_page`'s reading and, for a light one, the tree `Page.html` parses to, as parsed
    for it (nothing the light reading does changes a tree), so that the link classifier need not
    parse it again (`liveness.classify_link`'s `tree`); None otherwise (trafilatura may change
    the tree it is given). `parsed`: the body's `parse_html_body`, when the caller has it."""
    page, tree = _extract_body(body, content_type, url, main_text) if parsed is None else (
        _read_html(parsed, url, main_text=main_text))
    if not truncated:
        return page, tree
    cut = f"read the first {len(body)} bytes (max_bytes)"
    return replace(page, problem=f"{cut}; {page.problem}" if page.problem else cut), tree


@dataclass(frozen=True)
class ParsedHtml:
    """An HTML body decoded and parsed, nothing read from it yet: `html` the decoded markup,
    `tree` its `parse_markup` (None when nothing could be parsed) and `problems` what that cut."""

    html: str
    encoding: str | None
    tree: lxml.html.HtmlElement | None
    problems: tuple[str, ...]


def parse_html_body(body: bytes, content_type: str) -> ParsedHtml | None:
    """The body decoded and parsed as `extract_page` reads it, when it is HTML; None otherwise."""
    mime, declared = _parse_content_type(content_type)
    if _sniff_kind(body, mime) != "html":
        return None
    return _parse_html_text(*_decode_text(body, declared, is_html=True))


def _extract_body(
    body: bytes, content_type: str, url: str, main_text: bool
) -> tuple[Page, lxml.html.HtmlElement | None]:
    mime, declared = _parse_content_type(content_type)
    kind = _sniff_kind(body, mime)
    if kind == "pdf":
        return extract_pdf(body), None
    if kind == "binary":
        return Page(text="", kind="text", problem=f"binary content labelled {mime or 'with no content type'}"), None
    text, encoding = _decode_text(body, declared, is_html=kind == "html")
    if kind == "text":
        return Page(text=text, kind="text", encoding=encoding), None
    return _read_html(_parse_html_text(text, encoding), url, main_text=main_text)


def _decode_text(body: bytes, declared: str | None, *, is_html: bool) -> tuple[str, str]:
    """`decode_body`'s text without the control characters a browser does not show."""
    text, encoding = decode_body(body, declared, is_html=is_html)
    return (text.translate(_CONTROL_CHARACTERS) if text.isascii() else _CONTROL.sub("", text)), encoding


def _parse_content_type(content_type: str) -> tuple[str, str | None]:
    mime = content_type.split(";", 1)[0].strip().lower()
    match = _CHARSET_PARAM.search(content_type)
    return mime, match.group(1) if match else None


def _sniff_kind(body: bytes, mime: str) -> str:
    """html | pdf | text | binary, from the content type checked against the bytes."""
    if mime in _PDF_TYPES or body[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    # A page declared HTML that shows markup is HTML whatever stray control bytes it carries
    # (browsers render it); WHATWG's binary sniffing is for the rest.
    declared_html = mime in _HTML_TYPES and _has_markup(body[:1024])
    if not declared_html and _bom_encoding(body) is None and _looks_binary(body[:BINARY_SCAN_BYTES]):
        return "binary"
    if mime in _HTML_TYPES:
        return "html"
    if mime in _SNIFFED_TYPES or mime == "text/plain":
        # text/plain carrying a whole HTML document is read as HTML: its tags would hide the quotes
        head = body[:1024]
        if _starts_as_html(head) or (mime != "text/plain" and _HTML_ANYWHERE.search(head)):
            return "html"
        return "text"
    if mime.startswith("text/") or mime.endswith(("+xml", "/xml", "/json", "+json")) or mime == "application/json":
        return "text"
    return "binary"


def _has_markup(head: bytes) -> bool:
    return _starts_as_html(head) or _HTML_ANYWHERE.search(head) is not None


def _starts_as_html(head: bytes) -> bool:
    """Whitespace and comments, then an HTML start tag. (Comments are skipped with find: the
    pattern (?:<!--.*?-->\\s*)* backtracks exponentially on a run of them.)"""
    rest = head.lstrip()
    while rest.startswith(b"<!--"):
        end = rest.find(b"-->", 4)
        if end < 0:
            return False
        rest = rest[end + 3 :].lstrip()
    return _HTML_TAG_START.match(rest) is not None


def _looks_binary(sample: bytes) -> bool:
    """WHATWG's binary-data bytes: a NUL, or more than a few other control bytes."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _BINARY_BYTES)
    return controls > max(2, len(sample) // 100)


# ---------------------------------------------------------------- decoding


def decode_body(body: bytes, declared: str | None, *, is_html: bool) -> tuple[str, str]:
    """(text, codec name) by the rules in the module docstring."""
    bom = _bom_encoding(body)
    if bom is not None:
        bom_codec, length = bom
        return body[length:].decode(bom_codec, errors="replace"), bom_codec
    candidates = [_codec_for(declared)]
    if is_html:
        in_markup = _codec_for(_declared_in_markup(body[:META_SCAN_BYTES]))
        # A single-byte header charset (often a server default) reads any bytes; a multibyte
        # charset declared in the page that reads them all without error knows better.
        header = candidates[0]
        if (
            header
            and in_markup
            and _is_single_byte(header)
            and not _is_single_byte(in_markup)
            and not body.isascii()
            and _decodes(body, in_markup)
        ):
            candidates.insert(0, in_markup)
        candidates.append(in_markup)
    for codec in candidates:
        if codec is None:
            continue
        text = _decode_unless_bad(body, codec)
        if text is not None:
            return text, codec
    if _decodes(body, "utf-8"):
        return body.decode("utf-8"), "utf-8"
    guess = _detect(body)
    if guess is not None:
        return body.decode(guess, errors="replace"), guess
    return body.decode("utf-8", errors="replace"), "utf-8"


def _bom_encoding(body: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec, len(bom)
    return None


def _declared_in_markup(head: bytes) -> str | None:
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec_for(label: str | None) -> str | None:
    """Python codec name for a charset label, WHATWG-adjusted; None when unknown."""
    if not label:
        return None
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
        _CODEC_PROBE.decode(name, errors="replace")  # bytes-to-bytes codecs (base64, zlib) fail here
    except (LookupError, UnicodeError):
        return None
    return None if name in _REFUSED_CODECS else _LABEL_ALIASES.get(name, name)


def _decode_unless_bad(body: bytes, codec: str) -> str | None:
    """The body decoded with a declared codec, or None when the declaration fails badly."""
    if _is_single_byte(codec) and _is_multibyte_utf8(body):
        return None
    try:
        return body.decode(codec)
    except UnicodeError:
        text = body.decode(codec, errors="replace")
    non_ascii = len(body) - len(body.decode("ascii", errors="ignore"))
    return None if text.count("\ufffd") > BAD_DECODE_RATIO * max(non_ascii, 1) else text


def _is_single_byte(codec: str) -> bool:
    return not codec.startswith(_MULTI_BYTE_PREFIXES)


def _is_multibyte_utf8(body: bytes) -> bool:
    return not body.isascii() and _decodes(body, "utf-8")


def _detect(body: bytes) -> str | None:
    """charset-normalizer's codec for the first bytes, WHATWG-adjusted. Among single-byte
    guesses windows-1252 wins (the web's default) when it reads the bytes about as well as
    the guess does, or when the guess has no language evidence and windows-1252 reads them."""
    sample = _sample_for_detection(body)
    matches = charset_normalizer.from_bytes(sample)
    best = matches.best()
    if best is None and len(body) > len(sample):
        # a CJK text with no ASCII near the cut: one of the next three cuts ends a character
        for shorter in (sample[:-1], sample[:-2], sample[:-3]):
            matches = charset_normalizer.from_bytes(shorter)
            best = matches.best()
            if best is not None:
                break
    if best is None:
        return None
    codec = _codec_for(best.encoding)
    if codec is None or not _is_single_byte(codec) or codec == "cp1252":
        return codec
    western = next((m for m in matches if _codec_for(m.encoding) == "cp1252"), None)
    if (
        western is not None
        and western.chaos <= best.chaos + DETECT_TOLERANCE
        and western.coherence >= best.coherence - DETECT_TOLERANCE
    ):
        return "cp1252"
    if best.coherence < MIN_COHERENCE and _decodes(sample, "cp1252"):
        return "cp1252"
    return codec


def _sample_for_detection(body: bytes) -> bytes:
    """The first `DETECT_SAMPLE_BYTES`, cut after an ASCII byte near the end when there is
    one: in every ASCII-compatible encoding that ends a character (a multibyte character
    cut in two makes the detector reject the right encoding)."""
    sample = body[:DETECT_SAMPLE_BYTES]
    if len(body) == len(sample):
        return sample
    for at in range(len(sample) - 1, max(len(sample) - DETECT_CUT_SEARCH, 0) - 1, -1):
        if sample[at] < 0x80:
            return sample[: at + 1]
    return sample


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeError:
        return False
    return True


# ---------------------------------------------------------------- HTML


def extract_html(html: str, url: str, encoding: str | None, *, main_text: bool = True) -> Page:
    """The page's main text. `main_text=False`: the light reading, without trafilatura (most
    of the cost): the plain rendering that replaces trafilatura's text when it finds too
    little (`Page.light`)."""
    return _read_html(_parse_html_text(html, encoding), url, main_text=main_text)[0]


def _parse_html_text(html: str, encoding: str | None) -> ParsedHtml:
    tree, problems = parse_markup(html)
    return ParsedHtml(html, encoding, tree, tuple(problems))


def _read_html(parsed: ParsedHtml, url: str, *, main_text: bool) -> tuple[Page, lxml.html.HtmlElement | None]:
    """`extract_html`'s page and, read lightly, its tree when that is the tree of `Page.html`
    (the whole markup was kept: see `read_body`)."""
    html, tree, encoding = parsed.html, parsed.tree, parsed.encoding
    kept = html[:HTML_KEEP_CHARS]
    if tree is None:
        problem = "no HTML content could be parsed" if html.strip() else "empty document"
        return Page(text="", html=kept, kind="html", encoding=encoding, problem=problem), None
    problems = list(parsed.problems)
    title = title_of(tree)
    body = tree.find("body")
    rendering = render_blocks(body if body is not None else tree)
    if rendering.depth + 1 >= PARSER_MAX_DEPTH:  # + 1: <html> above <body>
        problems.append(f"markup nested deeper than {PARSER_MAX_DEPTH} levels; text below that depth is lost")
    trouble = "; ".join(problems) or None
    if not main_text:
        text = "\n\n".join(b.text for b in choose_blocks(None, rendering.blocks))
        light = Page(text=text, title=title, html=kept, kind="html", encoding=encoding, problem=trouble, light=True)
        return light, tree if len(html) <= HTML_KEEP_CHARS else None
    main = None
    if (
        len(html) <= MAIN_TEXT_MAX_CHARS
        and rendering.depth <= MAIN_TEXT_MAX_DEPTH
        and rendering.nesting <= MAIN_TEXT_MAX_NESTING
        and rendering.elements <= MAIN_TEXT_MAX_ELEMENTS
        and len(rendering.blocks) <= MAIN_TEXT_MAX_BLOCKS
        and 2 * _solid_chars(_TEXT_OF(tree)) >= MIN_MAIN_CHARS
    ):
        main = _main_blocks(tree, url)
    text = "\n\n".join(b.text for b in choose_blocks(main, rendering.blocks))
    return Page(text=text, title=title, html=kept, kind="html", encoding=encoding, problem=trouble), None


def parse_markup(html: str) -> tuple[lxml.html.HtmlElement | None, list[str]]:
    """The document tree of `html` cut to `PARSE_MAX_CHARS` and `PARSE_MAX_TAGS` (memory
    bounded whatever the markup), and the problems that say what was cut."""
    problems: list[str] = []
    if len(html) > PARSE_MAX_CHARS:
        html = html[:PARSE_MAX_CHARS]
        problems.append(f"HTML cut to its first {PARSE_MAX_CHARS // 1_000_000} million characters for reading")
    cut = _tag_cut(html, PARSE_MAX_TAGS)
    if cut is not None:
        html = html[:cut]
        problems.append(f"HTML cut after its first {PARSE_MAX_TAGS:,} tags for reading")
    return _parse_html(html), problems


def _tag_cut(html: str, limit: int) -> int | None:
    """Where the `limit`-th start tag ("<" not followed by "/") is, or None when there are
    fewer: counted a block at a time with str.count, then one by one in the block that
    crosses. Only start tags make elements; end tags cost nothing. Markup shorter than
    `limit` characters has fewer tags: not counted (0.09 ms on a 75 KB page)."""
    if len(html) < limit:
        return None
    seen = 0
    for start in range(0, len(html), TAG_COUNT_BLOCK):
        end = start + TAG_COUNT_BLOCK
        found = html.count("<", start, end) - html.count("</", start, end)
        if seen + found >= limit:
            at = start - 1
            while True:
                at = html.index("<", at + 1)
                if not html.startswith("</", at):
                    seen += 1
                    if seen == limit:
                        return at
        seen += found
    return None


def _parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The document tree; the text is handed over as UTF-8 with the encoding forced, so that
    no declaration inside the markup can make lxml decode it a second time."""
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=False, remove_pis=False)
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError) as error:
        log.debug("HTML not parsed: %s", error)
        return None


def title_of(tree: lxml.html.HtmlElement) -> str | None:
    """The page's title: its <title>, else its og:title, else its first <h1> with text."""
    candidates: Iterable[str] = (
        *(t.text_content() for t in tree.iterfind(".//title")),
        *(m.get("content") or "" for m in tree.iterfind(".//meta[@property='og:title']")),
        *(h.text_content() for h in tree.iterfind(".//h1")),
    )
    for candidate in candidates:
        title = _SPACE.sub(" ", candidate).strip()
        if title:
            return title
    return None


def _main_blocks(tree: lxml.html.HtmlElement, url: str) -> list[Block] | None:
    """trafilatura's main text as blocks; None when it found none or failed (logged)."""
    import trafilatura  # imported on first need: a --links-only process may never run it (~0.1 s)

    try:
        document = trafilatura.bare_extraction(
            tree, url=url or None, favor_recall=True, include_tables=True, include_comments=False, with_metadata=False
        )
    except (RecursionError, lxml.etree.LxmlError, ValueError, TypeError) as error:
        log.warning("trafilatura failed on %s: %s", url, _describe(error))
        return None
    body = getattr(document, "body", None)
    return render_blocks(body).blocks if body is not None else None


def choose_blocks(main: list[Block] | None, body: list[Block]) -> list[Block]:
    """trafilatura's blocks, with the blocks it dropped from inside the article put back in
    document order; the plain rendering of the article (or of the body) when trafilatura
    found nothing or too little."""
    body_chars = sum(len(b.text) - b.link_chars for b in body)
    main_chars = sum(len(b.text) for b in main or ())
    if not main or main_chars < MIN_MAIN_CHARS or main_chars < MIN_MAIN_SHARE * body_chars:
        root = _content_root(body)
        inside = _subtree(root)
        return [b for b in body if inside is None or b.owner in inside] or body
    if len(body) > MERGE_MAX_BLOCKS or main_chars > MERGE_MAX_CHARS:
        return main
    keys = [b.text for b in main]  # rendered the same way as the body's blocks: comparable as they are
    joined = "\n".join(keys)
    starts = list(itertools.accumulate((len(k) + 1 for k in keys[:-1]), initial=0))
    place: list[int | None] = []  # per body block: the main block holding it, or None
    anchors: list[lxml.etree._Element | None] = []  # owners of long blocks trafilatura kept
    at = -1
    for block in body:
        found = joined.find(block.text, starts[at] if at >= 0 else 0)
        if found < 0:
            found = joined.find(block.text)
        if found < 0:
            place.append(None)
        elif len(block.text.split()) >= ANCHOR_MIN_WORDS:  # short ones may match anywhere: no anchor
            at = bisect.bisect_right(starts, found) - 1
            anchors.append(block.owner)
            place.append(at)
        else:
            place.append(at)
    container = _common_container(anchors)
    inside = _subtree(container)
    extras: dict[int, list[Block]] = {}
    at = -1
    for block, where in zip(body, place, strict=True):
        if where is not None:
            at = where
        elif (
            inside is not None
            and len(block.text.split()) >= RESTORE_MIN_WORDS
            and not block.is_mostly_links
            and block.owner in inside
        ):
            extras.setdefault(at, []).append(block)
    merged = list(extras.get(-1, []))
    for index, block in enumerate(main):
        merged.append(block)
        merged.extend(extras.get(index, []))
    return merged


def _content_root(blocks: list[Block]) -> lxml.etree._Element | None:
    """The page's single <article>, else its single <main>, else None (the whole body)."""
    owner = next((b.owner for b in blocks if b.owner is not None), None)
    return None if owner is None else _single_content_element(owner.getroottree())


def _single_content_element(tree: lxml.etree._ElementTree | lxml.etree._Element) -> lxml.etree._Element | None:
    for path in ("//article", "//main | //*[@role='main']"):
        found = tree.xpath(path)
        if len(found) == 1:
            return found[0]
    return None


# ---------------------------------------------------------------- a first look, without rendering

# What `surely_shown_chars` takes away: the elements whose texts the plain rendering may hide
# (`_is_hidden`: a skipped tag, a hidden attribute, a style that hides, here any style that
# says "none" or "hidden" or is not ASCII) and the texts right after a comment or a processing
# instruction (which liveness's visible text leaves out).
_MAYBE_HIDDEN_TAGS = tuple(sorted(_SKIPPED_TAGS | {"head"}))
_WITH_HIDING_ATTRIBUTES = lxml.etree.XPath("descendant::*[@hidden or @style]")
_COMMENT_TAILS = lxml.etree.XPath(
    "descendant::node()[self::comment() or self::processing-instruction()]/following-sibling::node()[1][self::text()]",
    smart_strings=False,
)
_TEXT_OF = lxml.etree.XPath("string()", smart_strings=False)
_ELEMENTS = lxml.etree.XPath("count(//*)")
# An element nested as deep as `_read_html`'s depth problem says (an ancestor count; the
# rendering counts from <body>, one below <html>): only looked for in a tree with that many
# elements, as its count of ancestors costs elements x depth.
_TOO_DEEP = lxml.etree.XPath(f"boolean(//*[count(ancestor::*) >= {PARSER_MAX_DEPTH - 1}])")


def light_text_root(tree: lxml.html.HtmlElement) -> lxml.etree._Element | None:
    """The element whose plain rendering a light reading (`main_text=False`) keeps, when it is
    sure to keep all of it: the page's single <article> or <main> (as `choose_blocks` finds
    it), else <body>. None when the tree has no <body>, that element is outside it, or it is
    no block element (the rendering would then give its text to blocks owned outside it), or
    the markup is nested deep enough for the reading to say so (a problem)."""
    body = tree.find("body")
    if body is None or (_ELEMENTS(tree) >= PARSER_MAX_DEPTH and _TOO_DEEP(tree)):
        return None
    root = _single_content_element(tree)
    if root is None:
        return body
    if root.tag not in _BLOCK_TAGS or not (root is body or any(a is body for a in root.iterancestors())):
        return None
    return root


def surely_shown_chars(root: lxml.etree._Element) -> int:
    """How many characters other than whitespace the plain rendering of `root` shows at least:
    a lower bound on the length of a light reading's text whose root it is (`light_text_root`),
    and on the visible text liveness reads (`_visible_text`). All its text, less the text of
    every element under it that may be hidden and of every text right after a comment (text
    under two of them is taken away twice: still a lower bound); 0 when `root` or an element
    above it may be hidden."""
    if any(_may_hide(e) for e in (root, *root.iterancestors())):
        return 0
    hiding = [*root.iter(*_MAYBE_HIDDEN_TAGS), *(e for e in _WITH_HIDING_ATTRIBUTES(root) if _may_hide(e))]
    hidden = sum(_solid_chars(_TEXT_OF(e)) for e in hiding) + sum(_solid_chars(t) for t in _COMMENT_TAILS(root))
    return _solid_chars(_TEXT_OF(root)) - hidden


def _may_hide(element: lxml.etree._Element) -> bool:
    """`_is_hidden` may say so: its tag, a hidden attribute, or a style (not ASCII, or one
    that says "none" or "hidden", which a hiding style always does)."""
    if element.tag in _MAYBE_HIDDEN_TAGS or element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").lower()
    return not style.isascii() or "none" in style or "hidden" in style


def _solid_chars(text: str) -> int:
    return len("".join(text.split()))


def shown_texts(root: lxml.etree._Element) -> Iterator[str]:
    """The texts the plain rendering of `root` shows, in document order, each whole (an
    element's text or tail, as `render_blocks` walks them; its separators not included):
    for reading the start of a page without rendering all of it."""
    walker = lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event in ("comment", "pi"):
            yield element.tail or ""
        elif event == "start":
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if element is not root and _is_hidden(tag, element):
                walker.skip_subtree()
            else:
                yield element.text or ""
        elif element is root:
            return
        else:
            yield element.tail or ""


def _common_container(owners: list[lxml.etree._Element | None]) -> lxml.etree._Element | None:
    """The nearest <article> (else <main>) around the lowest common ancestor of `owners`,
    or that ancestor itself."""
    paths = [[o, *o.iterancestors()][::-1] for o in owners if o is not None]
    if not paths:
        return None
    common = paths[0]
    for path in paths[1:]:
        depth = next((i for i, (a, b) in enumerate(zip(common, path, strict=False)) if a is not b), None)
        common = common[: min(len(common), len(path)) if depth is None else depth]
    if not common:
        return None
    lowest = common[-1]
    around = [lowest, *lowest.iterancestors()]
    for wanted in ("article", "main"):
        for element in around:
            if element.tag == wanted or (wanted == "main" and element.get("role") == "main"):
                return element
    return lowest


def _subtree(root: lxml.etree._Element | None) -> frozenset[lxml.etree._Element] | None:
    """Every element under `root` (None: no root, the whole document), for membership tests
    in constant time; walking each block's ancestors costs blocks x depth."""
    return None if root is None else frozenset(root.iter())


# ---------------------------------------------------------------- PDF

# What pypdf lets escape on damaged files besides its own errors (PyPdfError, added by
# `_pdf_errors`: pypdf is imported at the first PDF, ~0.06 s that most runs never need).
_PDF_ERRORS = (
    ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError, LookupError,
    RecursionError, OverflowError, ZeroDivisionError, NotImplementedError, EOFError, OSError, zlib.error,
    struct.error,
)  # fmt: skip


@functools.cache
def _pdf_errors() -> tuple[type[BaseException], ...]:
    from pypdf.errors import PyPdfError

    return (PyPdfError, *_PDF_ERRORS)


def extract_pdf(body: bytes) -> Page:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    errors = _pdf_errors()
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        encrypted = reader.is_encrypted
    except errors as error:
        return Page(text="", kind="pdf", problem=f"corrupt PDF: {_describe(error)}")
    if encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as error:  # AES without the cryptography package
            return Page(text="", kind="pdf", problem=f"encrypted PDF: {_describe(error)}")
        except errors as error:
            return Page(text="", kind="pdf", problem=f"encrypted PDF, not decryptable: {_describe(error)}")
        if not opened:
            return Page(text="", kind="pdf", problem="encrypted PDF")
    try:
        pages = reader.pages
        count = len(pages)
    except errors as error:
        return Page(text="", kind="pdf", problem=f"corrupt PDF: {_describe(error)}")
    texts: list[str] = []
    problems: list[str] = []
    length = instructions = 0
    for number in range(count):
        if number >= PDF_MAX_PAGES or length >= PDF_MAX_CHARS or instructions >= PDF_MAX_CONTENT_BYTES:
            problems.append(f"only the first {number} of {count} PDF pages read")
            break
        try:
            contents = pages[number].get_contents()
            size = len(contents.get_data()) if contents is not None else 0
            if size > PDF_MAX_PAGE_CONTENT_BYTES:
                problems.append(f"PDF page {number + 1} skipped: {size / 1e6:.1f} MB of drawing instructions")
                continue
            instructions += size
            texts.append(pages[number].extract_text() or "")
        except errors as error:
            problems.append(f"PDF page {number + 1} unreadable: {_describe(error)}")
            continue
        length += len(texts[-1])
    text = "\n\n".join(t.strip() for t in texts if t.strip())
    return Page(text=text, title=_pdf_title(reader), kind="pdf", problem="; ".join(problems) or None)


def _pdf_title(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except _pdf_errors():
        return None
    return _SPACE.sub(" ", title).strip() or None if isinstance(title, str) else None


def _describe(error: BaseException) -> str:
    message = str(error).strip()
    return f"{type(error).__name__}: {message}"[:200] if message else type(error).__name__
