"""The kinds of edit between a statement and its passage, and an edit with both sides and the
note a reader is shown. Harmless kinds leave the statement supported; every other kind is a
change of meaning."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EditKind(StrEnum):
    INFLECTION = "inflection"
    SPELLING = "spelling"
    SYNONYM = "synonym"
    MOVED = "moved"
    FIGURE = "figure"
    ENTITY = "entity"
    HEDGE = "hedge"
    SCOPE = "scope"
    NEGATION = "negation"
    COMPARISON = "comparison"
    CONNECTIVE = "connective"
    ATTRIBUTION = "attribution"
    ANTONYM = "antonym"
    SUBSTITUTION = "substitution"  # a content word in the place of an unrelated one
    EXCHANGE = "exchange"
    ELISION = "elision"
    UNCOVERED = "uncovered"

    @property
    def is_harmless(self) -> bool:
        return self in _HARMLESS


_HARMLESS = frozenset({EditKind.INFLECTION, EditKind.SPELLING, EditKind.SYNONYM, EditKind.MOVED})


@dataclass(frozen=True)
class Edit:
    kind: EditKind
    quote: str | None  # the statement's side (None: it has nothing there)
    source: str | None  # the passage's side
    note: str = ""  # what a reader is told (meaning-bearing edits only)


def quoted(text: str | None) -> str:
    return f"'{text}'" if text else "nothing"


_NOTES = {
    EditKind.ENTITY: "entity differs",
    EditKind.HEDGE: "hedge differs",
    EditKind.SCOPE: "scope differs",
    EditKind.NEGATION: "negation differs",
    EditKind.COMPARISON: "direction differs",
    EditKind.CONNECTIVE: "connective differs",
    EditKind.ATTRIBUTION: "attribution differs",
    EditKind.ANTONYM: "opposite meaning",
    EditKind.SUBSTITUTION: "word differs",
    EditKind.ELISION: "ellipsis drops meaning",
    EditKind.UNCOVERED: "not on the page",
}


def with_note(edit: Edit, what: str | None = None) -> Edit:
    if edit.note:
        return edit
    label = what or _NOTES.get(edit.kind, edit.kind.value)
    if edit.kind is EditKind.UNCOVERED and edit.source is None:
        return Edit(edit.kind, edit.quote, None, f"{label}: {edit.quote}")
    return Edit(
        edit.kind, edit.quote, edit.source, f"{label}: quote {quoted(edit.quote)}, source {quoted(edit.source)}"
    )
