"""A comparison a statement draws between two items ("sales fell more steeply in A than in B",
"A grew more slowly than B") checked against the figures the passage gives for each: when the
passage puts one figure next to each item, their order must agree with the comparative. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from verifier.judge.figures import Figure, extract_figures, figure_words
from verifier.judge.kinds import Edit, EditKind, with_note
from verifier.judge.text import STOPWORDS, stem

_UP = frozenset({"higher", "faster", "bigger", "greater", "larger", "steeper", "steeply", "further", "sharper",
                 "sharply", "quicker", "quickly", "heavier", "stronger", "deeper", "wider"})  # fmt: skip
_DOWN = frozenset({"lower", "slower", "slowly", "smaller", "fewer", "weaker", "lighter", "shallower", "narrower"})
_NEAR = 6  # words between an item and its figure, in one clause
_CLAUSE = frozenset({"while", "whereas", "but", "and", "compared", "against", "versus"})


def _direction(words: Sequence[str], at: int) -> int:
    """+1 when the statement says the first item has more of it, -1 less, 0 when this is no
    comparative ('more' or 'less' before a word of its own direction: 'more slowly' is -1)."""
    word = words[at]
    if word in ("more", "less"):
        sign = 1 if word == "more" else -1
        after = words[at + 1] if at + 1 < len(words) else ""
        return -sign if after in _DOWN else sign
    return 1 if word in _UP else -1 if word in _DOWN else 0


def order_edits(statement: str, passage: str) -> list[Edit]:
    """The statement's "X <comparative> than Y" where the passage gives X and Y one figure each of
    one kind, in the other order."""
    if "than" not in statement.lower():
        return []  # (most statements: this runs for every candidate passage)
    words, _ = figure_words(statement)
    passage_words, passage_figures = figure_words(passage), extract_figures(passage)
    for than in (k for k, w in enumerate(words) if w == "than"):
        comparative = next((k for k in range(than - 1, max(-1, than - 5), -1) if _direction(words, k)), None)
        if comparative is None or (comparative + 1 < len(words) and words[comparative + 1][0].isdecimal()):
            continue  # "more than 40": a bound, compared with the figures
        second = _item(words, than + 1, forward=True)
        first = _item(words, comparative + 1, forward=True, stop=than) or _item(words, comparative - 1, forward=False)
        if first is None or second is None or first == second:
            continue
        pair = _one_figure_each(
            _figures_of(first, passage_words, passage_figures), _figures_of(second, passage_words, passage_figures)
        )
        if pair is None:
            continue
        ours, theirs = pair
        direction = _direction(words, comparative)
        if abs(ours.value) == abs(theirs.value) or (abs(ours.value) > abs(theirs.value)) == (direction > 0):
            continue
        start = comparative - 1 if comparative > 0 and words[comparative - 1] in ("more", "less") else comparative
        said = " ".join(words[start : than + 1])
        figures = f"{first} {ours.surface}, {second} {theirs.surface}"
        return [with_note(Edit(EditKind.COMPARISON, said, figures), "comparison contradicts the figures")]
    return []


def _item(words: Sequence[str], at: int, *, forward: bool, stop: int | None = None) -> str | None:
    """The first word of substance from `at` (forward, up to `stop`) or back from it."""
    end = stop if stop is not None else min(len(words), at + 4)
    indices = range(at, end) if forward else range(at, max(-1, at - 6), -1)
    for k in indices:
        word = words[k]
        if word in _CLAUSE or word[0].isdecimal():
            return None
        if word not in STOPWORDS and len(word) > 2 and not _direction(words, k):
            return word
    return None


def _one_figure_each(ours: Sequence[Figure], theirs: Sequence[Figure]) -> tuple[Figure, Figure] | None:
    """The figures of one kind (dimension and unit) of which each item has exactly one."""
    for figure in ours:
        kind = (figure.dimension, figure.unit)
        mine = [f for f in ours if (f.dimension, f.unit) == kind]
        other = [f for f in theirs if (f.dimension, f.unit) == kind]
        if len(mine) == 1 and len(other) == 1 and mine[0] is not other[0]:
            return mine[0], other[0]
    return None


def _figures_of(
    item: str, passage_words: tuple[list[str], list[bool]], figures: Sequence[Figure]
) -> list[Figure]:
    """The figures of the passage (its `figure_words`) that stand next to a mention of `item` in
    its clause."""
    words, breaks = passage_words
    mentions = [k for k, w in enumerate(words) if stem(w) == stem(item)]
    return [
        f for f in figures
        if any(abs(f.position - k) <= _NEAR and not _clause_between(words, breaks, k, f.position) for k in mentions)
    ]  # fmt: skip


def _clause_between(words: Sequence[str], breaks: Sequence[bool], a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return any(breaks[k] for k in range(low + 1, high + 1)) or any(w in _CLAUSE for w in words[low + 1 : high])
