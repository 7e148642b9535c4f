"""A comparison a statement draws between two items ("sales fell more steeply in A than in B",
"A grew more slowly than B") checked against the figures the passage gives for each: when the
passage puts one figure next to each item, their order must agree with the comparative. Also a
figure said to be above or below an item the passage gives a figure, and "more than" where the
passage puts two items level. Pure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from verifier.judge.figures import Figure, extract_figures, figure_words
from verifier.judge.kinds import Edit, EditKind, with_note
from verifier.judge.text import STOPWORDS, stem
from verifier.judge.words import DOWN, UP

_UP = frozenset({"higher", "faster", "bigger", "greater", "larger", "steeper", "steeply", "further", "sharper",
                 "sharply", "quicker", "quickly", "heavier", "stronger", "deeper", "wider"})  # fmt: skip
_DOWN = frozenset({"lower", "slower", "slowly", "smaller", "fewer", "weaker", "lighter", "shallower", "narrower"})
_NEAR = 6  # words between an item and its figure, in one clause
_REACH = 9  # words back from "than" to its comparative ("more homes were without power in A than in B")
_Words = tuple[list[str], list[bool]]  # figure_words: the words and, for each, a clause mark before it
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


def comparison_edits(statement: str, passage: str) -> list[Edit]:
    """Every comparison of the statement that the passage contradicts: its figures in the other
    order, its two items put level, a figure said to be above or below one the passage gives.
    Runs for every candidate passage, so a statement with neither a figure nor a comparison word
    leaves before the passage is read."""
    lowered = statement.lower()
    compares = any(word in lowered for word in ("than", "above", "below"))
    ours = extract_figures(statement)
    if not ours and not compares:
        return []
    statement_words = figure_words(statement)
    passage_words, passage_figures = figure_words(passage), extract_figures(passage)
    turned = _turned_changes(statement_words, ours, passage_words, passage_figures)
    if not compares:
        return turned
    words = statement_words[0]
    return (
        turned
        + _order_edits(words, passage_words, passage_figures)
        + _equal_made_unequal(words, passage_words)
        + _above_a_figure(statement_words, ours, passage_words, passage_figures)
    )


def _turned_changes(
    statement_words: _Words, ours: Sequence[Figure], passage_words: _Words, passage_figures: Sequence[Figure]
) -> list[Edit]:
    """A change by a figure that the passage gives the other way ("9 percent above last year's
    level" / "fell by about 9 percent"): the word of direction next to the figure, a verb or noun
    of change before it or a comparative after it, on both sides. The passage may give the figure
    more than once: only when every time it runs the other way."""
    edits: list[Edit] = []
    for figure in ours:
        mine = _change_of(statement_words, figure)
        if mine is None:
            continue
        theirs = [
            found for f in passage_figures
            if f.dimension == figure.dimension and f.unit == figure.unit and f.value == figure.value
            and (found := _change_of(passage_words, f)) is not None
        ]  # fmt: skip
        if theirs and all(sign != mine[0] for sign, _ in theirs):
            edits.append(with_note(Edit(EditKind.COMPARISON, mine[1], theirs[0][1])))
    return edits


def _change_of(figure_text: _Words, figure: Figure) -> tuple[int, str] | None:
    """The direction of the change a figure measures, and the figure with the word that gives it:
    'fell' in "fell by about 9 percent", 'up' in "up 1.8%", 'above' in "9 percent above", 'cut'
    in "a 5% cut"."""
    words, breaks = figure_text
    after = figure.position + figure.length
    if after < len(words) and not breaks[after]:
        sign = _change_direction(words[after], before=False)
        if sign:
            return sign, f"{figure.surface} {words[after]}"
    k = figure.position - 1
    while k >= 0 and (words[k] in _BETWEEN_CHANGE_AND_FIGURE or words[k] in figure.bound_words.split()):
        k -= 1
    if k >= 0 and not any(breaks[k + 1 : figure.position + 1]):
        sign = _change_direction(words[k], before=True)
        if sign:
            return sign, f"{words[k]} {figure.surface}"
    return None


def _change_direction(word: str, *, before: bool) -> int:
    if word in _NO_CHANGE or (before and word in _ONLY_AFTER):
        return 0
    return 1 if word in UP else -1 if word in DOWN else 0


_BETWEEN_CHANGE_AND_FIGURE = frozenset(
    {"by", "about", "around", "roughly", "nearly", "almost", "some", "approximately", "just", "only", "a", "an",
     "of"}
)  # fmt: skip
_NO_CHANGE = frozenset(
    {"earlier", "ahead", "before", "after", "later", "behind", "over", "under", "short", "shy", "quickly", "rapidly",
     "slowly", "faster", "slower", "better", "worse", "double", "doubled", "triple", "tripled", "halve", "halved"}
)  # fmt: skip  (places in time or space, speeds and multiples: no direction of a change by a figure)
_ONLY_AFTER = frozenset({"more", "less", "fewer", "above", "below", "higher", "lower"})  # before a figure: a bound


def _comparatives(words: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """Each "X <comparative> than Y" of the statement (not "more than 40", a bound compared with
    the figures): the positions of 'than' and of the comparative, and Y."""
    for than in (k for k, w in enumerate(words) if w == "than"):
        comparative = next((k for k in range(than - 1, max(-1, than - _REACH), -1) if _direction(words, k)), None)
        if comparative is None or (comparative + 1 < len(words) and words[comparative + 1][0].isdecimal()):
            continue
        second = _item(words, than + 1, forward=True)
        if second is not None:
            yield than, comparative, second


def _order_edits(words: Sequence[str], passage_words: _Words, passage_figures: Sequence[Figure]) -> list[Edit]:
    """The statement's "X <comparative> than Y" where the passage gives X and Y one figure each of
    one kind, in the other order."""
    for than, comparative, second in _comparatives(words):
        first = _parallel_item(words, comparative, than) or _item(words, comparative + 1, forward=True, stop=than)
        first = first or _item(words, comparative - 1, forward=False)
        if first is None or first == second:
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
        said = " ".join(words[_start(words, comparative) : than + 1])
        figures = f"{first} {ours.surface}, {second} {theirs.surface}"
        return [with_note(Edit(EditKind.COMPARISON, said, figures), "comparison contradicts the figures")]
    return []


def _equal_made_unequal(words: Sequence[str], passage_words: _Words) -> list[Edit]:
    """The statement's "X <comparative> than Y" where the passage puts X and Y level ("almost as
    much on buses as on paving" quoted as "more on buses than on paving"): a comparison changed.
    Not after a multiple ("twice as much as" is more) nor a negation ("not as much as" is less)."""
    theirs, _ = passage_words
    if "as" not in theirs:
        return []
    for than, comparative, second in _comparatives(words):
        for first_as, level in _equatives(theirs):
            lowered = level < 0 or theirs[first_as - 1] in _NOT_QUITE
            if _direction(words, comparative) < 0 and lowered:
                continue  # "almost as much as" is a little less
            for second_as in range(first_as + 2, min(len(theirs), first_as + _EQUATIVE_SPAN)):
                if theirs[second_as] != "as":
                    continue
                if stem(second) == stem(_item(theirs, second_as + 1, forward=True) or ""):
                    said = " ".join(words[_start(words, comparative) : than + 1])
                    level_words = " ".join(theirs[first_as - (1 if lowered else 0) : first_as + 2]) + " ... as"
                    edit = Edit(EditKind.COMPARISON, f"{said} {second}", f"{level_words} {second}")
                    return [with_note(edit, "comparison differs: one is said to be level with the other")]
                break
    return []


def _above_a_figure(
    statement_words: _Words, ours: Sequence[Figure], passage_words: _Words, passage_figures: Sequence[Figure]
) -> list[Edit]:
    """The statement's "<figure> ... above <item>" ("averaged 63,500 a month, above the
    pre-pandemic average") where the passage gives that item a figure of the same kind ("compared
    with a pre-pandemic average of about 66,000") on the other side of the statement's."""
    words, breaks = statement_words
    for at, word in enumerate(words):
        if word not in ("above", "below") or (at + 1 < len(words) and words[at + 1][0].isdecimal()):
            continue  # "above 40": a bound, compared with the figures
        mine = [  # "averaged 63,500 a month, above"; not a year ("13 times our 2025 earnings, above"), nor a
            # figure of another clause ("at 7 of the 11 sites it runs, output was below the target")
            f for f in ours
            if 0 < at - f.position <= _FIGURE_BEFORE and f.dimension != "year" and not any(breaks[f.position + 1 : at])
        ]  # fmt: skip
        item = _head(words, breaks, at + 1)
        if not mine or item is None:
            continue
        figure = max(mine, key=lambda f: f.digits)  # the quantity, not the "2" of "Q2"
        theirs = [
            f for f in _figures_of(item, passage_words, passage_figures)
            if f.dimension == figure.dimension and (not f.unit or not figure.unit or f.unit == figure.unit)
            and f.value != figure.value
        ]  # fmt: skip
        if len(theirs) != 1:
            continue
        other = theirs[0]
        if (figure.value > other.value) != (word == "above"):
            said = f"{figure.surface} {word} the {item}"
            edit = Edit(EditKind.COMPARISON, said, f"{item} {other.surface}")
            return [with_note(edit, "comparison contradicts the figures")]
    return []


def _head(words: Sequence[str], breaks: Sequence[bool], at: int) -> str | None:
    """The last word of substance of the noun phrase from `at` ("the pre-pandemic average")."""
    found = None
    for k in range(at, min(len(words), at + _PHRASE_WORDS)):
        if k > at and breaks[k]:
            break
        if words[k] in STOPWORDS or words[k] in _CLAUSE or words[k][0].isdecimal():
            if found is not None and words[k] not in ("the", "a", "an"):
                break
            continue
        found = words[k]
    return found


_PHRASE_WORDS = 5
_FIGURE_BEFORE = 10  # words between a figure and the 'above' that compares it


def _start(words: Sequence[str], comparative: int) -> int:
    """Where the comparative begins: at the 'more' or 'less' of 'more slowly'."""
    return comparative - 1 if comparative > 0 and words[comparative - 1] in ("more", "less") else comparative


def _equatives(words: Sequence[str]) -> list[tuple[int, int]]:
    """The first 'as' of each "as much/many/<adjective> ... as" in the passage, with -1 where a
    negation or a multiple comes before it ("not as much as", "twice as much as": no level)."""
    found: list[tuple[int, int]] = []
    for k in range(1, len(words) - 2):
        if words[k] != "as" or words[k + 1] in _NOT_EQUATIVE or words[k - 1] in ("such", "as"):
            continue
        before = words[k - 1]
        if before in _MULTIPLES or before.endswith("fold") or before == "times":
            continue
        found.append((k, -1 if before in ("not", "n't") or before.endswith("n't") else 0))
    return found


_EQUATIVE_SPAN = 8  # words from the first 'as' of "as much on buses as on paving" to the second
_NOT_QUITE = frozenset({"almost", "nearly", "not", "quite"})
_NOT_EQUATIVE = frozenset({"well", "long", "soon", "far", "if", "though", "of", "to", "for", "part", "a", "the", "an",
                           "it", "they", "he", "she", "we", "i", "you", "usual", "expected", "planned"})  # fmt: skip
_MULTIPLES = frozenset({"twice", "thrice", "half"})


def _parallel_item(words: Sequence[str], comparative: int, than: int) -> str | None:
    """In "more homes were without power in A than in B", the item after the same preposition as
    the second's, before 'than' (A, not 'homes')."""
    preposition = words[than + 1] if than + 1 < len(words) else ""
    if preposition not in _PARALLEL:
        return None
    at = next((k for k in range(than - 1, comparative, -1) if words[k] == preposition), None)
    return None if at is None else _item(words, at + 1, forward=True, stop=than)


_PARALLEL = frozenset({"in", "at", "for", "among", "on", "from", "to", "with"})


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
    """The figures of one kind (dimension and unit; a figure without a unit takes the other's:
    "38,000 homes in A and 21,000 in B") of which each item has exactly one."""

    def alike(a: Figure, b: Figure) -> bool:
        return a.dimension == b.dimension and (a.unit == b.unit or not a.unit or not b.unit)

    for figure in ours:
        mine = [f for f in ours if alike(f, figure)]
        other = [f for f in theirs if alike(f, figure)]
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
