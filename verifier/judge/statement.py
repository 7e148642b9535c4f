"""The statement side: a quote cut at its ellipses and bracketed insertions, a claim without
its reporting frame, and the speaker a statement names. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.judge.text import normalise, tokenise
from verifier.judge.words import HEDGES, Hedge

_MAX_BRACKET_GAP = 12  # tokens a bracketed insertion may stand for
_MAX_ELLIPSIS_GAP = 3000  # tokens an ellipsis may skip
_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…")
_BRACKET = re.compile(r"\[([^\]]*)\]")
OUTER_QUOTES = "\"'“”‘’«»「」『』 "


@dataclass(frozen=True)
class QuoteParts:
    """A quote cut at its ellipses and bracketed insertions: normalised token strings in order."""

    parts: tuple[str, ...]
    gaps: tuple[int, ...]  # max tokens allowed between part i and part i+1
    plain: str  # the quote's words without ellipses and insertions, for embedding
    written: tuple[str, ...]  # the parts' tokens as written (abbreviations not expanded)
    brackets: tuple[tuple[int, str], ...] = ()  # (part after which it stands, inserted words)
    elided: tuple[int, ...] = ()  # parts after which an ellipsis stands (-1: before the first)


def parse_quote(quote: str) -> QuoteParts:
    text = quote.strip().strip(OUTER_QUOTES)
    pieces: list[str] = []
    gaps: list[int] = []
    brackets: list[tuple[int, str]] = []
    elided: list[int] = []
    cursor = 0
    pending_gap = 0
    markers = sorted(
        [(m.start(), m.end(), _MAX_ELLIPSIS_GAP, "") for m in _ELLIPSIS.finditer(text)]
        + [
            (m.start(), m.end(), _MAX_BRACKET_GAP, m.group(1))
            for m in _BRACKET.finditer(text)
            if not _ELLIPSIS.fullmatch(m.group())
        ]
    )
    current = ""
    leading: list[str] = []  # insertions before the first part ("[The plan] will ...")
    for start, end, gap, inner in markers:
        if start < cursor:
            continue
        current += text[cursor:start]
        cursor = end
        if gap == _MAX_BRACKET_GAP and len(inner.strip()) <= 2:
            current += inner  # "[T]he", "build[s]": an edit of a letter, kept inline
            continue
        if " ".join(tokenise(normalise(current).text)):
            pieces.append(current)
            gaps.append(max(gap, pending_gap) if len(pieces) > 1 else 0)
            pending_gap = gap
        else:
            pending_gap = max(pending_gap, gap)
        if gap == _MAX_BRACKET_GAP:
            if pieces:
                brackets.append((len(pieces) - 1, inner))
            else:
                leading.append(inner)
        else:
            elided.append(len(pieces) - 1)
        current = ""
    current += text[cursor:]
    if " ".join(tokenise(normalise(current).text)):
        pieces.append(current)
        gaps.append(pending_gap if len(pieces) > 1 else 0)
    parts = tuple(" ".join(tokenise(normalise(p).text)) for p in pieces)
    written = tuple(" ".join(tokenise(normalise(p).text, expand=False)) for p in pieces)
    plain = " ".join(" ".join(p.split()) for p in pieces).strip(OUTER_QUOTES)
    found = [(-1, inner) for inner in leading] + brackets
    return QuoteParts(
        parts, tuple(gaps[1:]) if gaps else (), plain, written, tuple(found), tuple(dict.fromkeys(elided))
    )


# ---------------------------------------------------------------- reporting frames

_REPORTING = (
    r"says?|said|argues?|argued|calls? for|called for|proposes?|proposed|recommends?|recommended|urges?|urged"
    r"|believes?|believed|thinks?|thought|insists?|insisted|contends?|contended|maintains?|maintained"
)
_REPORTING_THAT = (
    r"suggests?|suggested|claims?|claimed|warns?|warned|notes?|noted|writes?|wrote|believes?|believed|points? out"
    r"|pointed out|thinks?|thought|insists?|insisted|concludes?|concluded|reports?|reported|finds|found"
    r"|explains?|explained|observes?|observed|contends?|contended|maintains?|maintained|estimates?|estimated"
    r"|told [\w.'-]+(?: [\w.'-]+)?|added|adds|stressed|stresses|acknowledged|admitted|predicted|predicts"
    r"|acknowledges|admits|concedes?|conceded|asserts?|asserted|states?|stated|announced|announces|confirms?"
    r"|confirmed|emphasi[sz]es|emphasi[sz]ed|recalls?|recalled|argued|contends"
)
_NOT_PASSIVE = r"(?!by |to |for |in |on |at |with |from )"  # "a bridge proposed by the council": no frame
ATTRIBUTION = re.compile(
    rf"^(?:according to (?P<according>[^,]{{1,60}}), "
    rf"|(?:by|in) (?P<estimate>[^,]{{1,40}}?)(?:'s|’s)? (?:own )?(?:estimates?|counts?|calculations?|reckoning"
    rf"|view|analysis|base case|forecasts?), "
    rf"|(?P<speaker>(?:[\w.'’-]+,? ){{1,8}}?)"
    rf"(?:(?:{_REPORTING}) {_NOT_PASSIVE}(?:that )?|(?:{_REPORTING_THAT}),? that "
    rf"|(?:{_REPORTING}|{_REPORTING_THAT}): ?(?=[\"“])))",
    re.IGNORECASE,
)
_TRAILING_ATTRIBUTION = re.compile(
    rf"[,;]\s+(?:(?P<before>(?:[\w.'’-]+ ){{1,6}}?)(?:{_REPORTING}|{_REPORTING_THAT})"
    rf"|(?:{_REPORTING}|{_REPORTING_THAT}) (?P<after>(?:[\w.'’-]+ ?){{1,6}}))[.!]?$",
    re.IGNORECASE,
)


_WORD_IN_FRAME = re.compile(r"[\w'’-]+")
_NEGATED_FRAME = re.compile(
    r"\b(?:not|never|no|neither|nor|none|nobody|nothing|refus\w*|declin\w*|den(?:y|ies|ied)|fail\w*)\b|n't\b",
    re.IGNORECASE,
)


_INNER_ATTRIBUTION = re.compile(
    rf",\s+(?P<inner>(?:[\w.'’-]+ ){{1,5}}?)(?:{_REPORTING}|{_REPORTING_THAT}),\s+",
    re.IGNORECASE,
)


def _frames(text: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The reporting frame before and after the statement; with a frame after it, a leading one
    is what that speaker reports ("A argues that X, B said": B said it)."""
    trailing = _as_frame(_TRAILING_ATTRIBUTION.search(text))
    return (None if trailing else _as_frame(ATTRIBUTION.match(text))), trailing


def _nested_frame(text: str, leading: re.Match[str] | None) -> re.Match[str] | None:
    """The frame right after an "according to" one ("According to the paper, the minister said
    that ..."): its speaker is the one who said it, and the paper only reports it. Matched in the
    text after the first frame."""
    if leading is None or not leading.group("according"):
        return None
    nested = _as_frame(ATTRIBUTION.match(text[leading.end() :]))
    return nested if nested is not None and nested.group("speaker") else None


def _inner_frame(text: str) -> re.Match[str] | None:
    """A frame set off by commas inside the statement ("The fee, the author notes, covers ...")."""
    return _as_frame(_INNER_ATTRIBUTION.search(text))


def _as_frame(found: re.Match[str] | None) -> re.Match[str] | None:
    """The frame found, unless it negates ("declined to say that"): then it is part of what the
    statement claims, not a frame."""
    return None if found is None or _NEGATED_FRAME.search(found.group()) else found


def strip_attribution(text: str) -> str:
    """A claim without its reporting frame ("the author argues that ...", "according to the
    article, ...", "the cost, the author notes, is ..."): the frame is usually not on the page,
    the statement is."""
    leading, trailing = _frames(text)
    nested = _nested_frame(text, leading)
    start = leading.end() + (nested.end() if nested else 0) if leading else 0
    if leading is not None:  # a frame verb of intention is part of the claim ("the board proposed a dividend")
        frame_words = _WORD_IN_FRAME.finditer(leading.group())
        start = next((m.start() for m in frame_words if HEDGES.get(m.group().lower()) is Hedge.INTENTION), start)
    stripped = text[start : trailing.start() if trailing else len(text)]
    inner = _inner_frame(stripped) if leading is None and trailing is None else None
    if inner is not None:
        stripped = f"{stripped[: inner.start()]} {stripped[inner.end() :]}"
    return stripped if len(stripped.split()) >= 4 else text


def statement_speaker(text: str) -> str | None:
    """The speaker a statement names in its reporting frame ("Finance Minister Jane Doe said that
    ..." -> "Finance Minister Jane Doe"), or None when it names none."""
    leading, trailing = _frames(text)
    inner = _inner_frame(text)
    speaker = None
    nested = _nested_frame(text, leading)
    if nested is not None:
        speaker = nested.group("speaker")
    elif leading is not None:
        speaker = leading.group("according") or leading.group("estimate") or leading.group("speaker")
    if not speaker and trailing is not None:
        speaker = trailing.group("before") or trailing.group("after")
    if not speaker and inner is not None:
        speaker = inner.group("inner")
    if not speaker and (described := _DESCRIBED_SPEAKER.match(text)) is not None:
        speaker = described.group("name")
    if not speaker:
        return None
    return _AUXILIARY_TAIL.sub("", speaker).strip() or None


# "Jane Doe, chief executive of the Acme Shipping Group, said that ...": a frame too long to be
# stripped (what the description says is checked as part of the claim), but its name is the speaker
_DESCRIBED_SPEAKER = re.compile(
    rf"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,3}}), [^,]{{1,80}}(?:, [^,]{{1,60}})?, "
    rf"(?:{_REPORTING}|{_REPORTING_THAT})\b"
)
# "The union has warned", "Jane Doe had also said": the auxiliaries are not part of the speaker
_AUXILIARY_TAIL = re.compile(r"(?:\s+(?:has|have|had|also|previously|repeatedly|again|later))+\s*$", re.IGNORECASE)
