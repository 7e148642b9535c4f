"""Which item goes with which. A statement of two parts ("A did X, while B did Y") whose every
word the passage has, but the other way round ("A did Y. B did X."): two items have traded places
between the parts, and each now sits with the words of the other's clause in the passage. Found
by distance: an item is out of place when, in the passage, it stands far from the other words of
its own part and near those of the other part; two out-of-place items of one kind (two names,
two figures, two nouns, two adjectives) are the pair that traded. Also two pairs of items (four
names, or a name and a figure each) joined by "and" on both sides ("A accounts for 214 and B for
172"), paired the other way by the statement. Pure."""

from __future__ import annotations

import bisect
import collections
import itertools
from collections.abc import Callable, Sequence

from verifier.judge import lexicon, words
from verifier.judge.align import Alignment, How, Token

# a statement's parts: it coordinates two clauses or two items with these
_PARTS = frozenset({"and", "but", "while", "whereas", "against", "versus", "compared", "unlike"})
_STOPS = ".;:!?—–"  # marks that end a clause in the passage
_JOINS_CLAUSES = frozenset({"and", "but", "while", "whereas"})  # after a comma: another clause
_ACROSS = 10  # a clause end counts as this many words between two passage words
_COMMA = 3  # ... and a comma this many
_AWAY = 2.0  # an item is out of place when its own part's words are this many times farther off
_MARGIN = 4.0  # ... and at least this many words farther off
_NEAR = 16  # ... and the other part's words at most this many words off (not a stray word elsewhere)
_APART = 6  # passage words between two items that trade places, at least (not neighbours in a list)
_LEAST_THERE = 3  # items a passage sentence gives the statement, at least, to count
_LEAST = 4  # items in a statement where two parts can be told apart


def exchanged_parts(alignment: Alignment, q_text: str, s_text: str) -> tuple[int, int] | None:
    """Two statement tokens (one in each of two parts of the statement) that the passage puts
    each with the other's part, or None."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    items = _items(alignment, s_text)
    if len(items) < _LEAST:
        return None
    part = _parts(q_tokens, q_text, items)
    ends = _clause_ends(s_tokens, s_text)
    span = _spans(alignment, items)
    aside = _asides(s_tokens, s_text)

    def distance(a: int, b: int) -> float:
        """Passage words between two items, from the nearer ends of their phrases; an aside
        between them (", which manages the park,") counts for nothing."""
        (_, low), (high, _) = sorted((span[a], span[b]))
        if high <= low:
            return 0.0
        words = sum(1 for k in range(low + 1, high + 1) if k not in aside)
        return words + sum(weight for at, weight in ends.items() if low < at <= high and not {at, at - 1} & aside)

    groups: dict[int, list[int]] = {}
    for i in items:
        groups.setdefault(part[i], []).append(i)
    parts = [group for group in groups.values() if len(group) > 1]
    for n, first in enumerate(parts):
        for second in parts[n + 1 :]:
            for a, b in itertools.product(first, second):
                kind = _kind(q_tokens[a])
                if kind is None or not _alike(kind, _kind(q_tokens[b])) or distance(a, b) <= _APART:
                    continue
                rest_first = [i for i in first if i != a]
                rest_second = [i for i in second if i != b]
                if _out_of_place(a, rest_first, rest_second, distance) and _out_of_place(
                    b, rest_second, rest_first, distance
                ):
                    return a, b
    return None


def crossed_pairs(alignment: Alignment, q_text: str, s_text: str) -> tuple[int, int] | None:
    """Two pairs of names or figures, each pair close together and the two joined by "and" or
    "while" on both sides ("Saltmere is run by A, and Northquay by B" / "A, which runs Northquay,
    and B, which runs Saltmere"; "A accounts for 214 and B for 172" / "214 are in B and 172 in
    A"), that the passage pairs the other way round: each of its pairs holds one item of each of
    the statement's. Returns the two statement tokens that traded places."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    items = _items(alignment, s_text)
    items.update(_by_their_words(q_tokens, s_tokens, lambda t: t.name or _a_figure(t)))  # (however aligned)
    chosen = sorted(
        i for i in items if _a_name(q_tokens[i]) or (_a_figure(q_tokens[i]) and not _after_a_year(q_tokens, i))
    )
    for four in sorted(itertools.combinations(chosen, 4), key=lambda c: c[-1] - c[0]):  # the tightest first
        named = [_a_name(q_tokens[i]) for i in four]
        if not all(named) and sorted(named) != [False, False, True, True]:
            continue  # four names, or two names and two figures
        ours = _pairs(four, lambda i: i, (q_tokens, q_text), comma_joins=False)
        theirs = _pairs(sorted(four, key=items.__getitem__), items.__getitem__, (s_tokens, s_text), comma_joins=True)
        if ours is None or theirs is None or ours == theirs:
            continue
        first, _ = ours
        one_of_each = all(len({_a_name(q_tokens[i]) for i in pair}) == 2 for pair in ours) or all(named)
        if one_of_each and all(len(pair & first) == 1 for pair in theirs):  # each passage pair takes one of each
            if not all(named):  # the two figures traded names: name the figures
                x, y = (i for i in four if not _a_name(q_tokens[i]))
                return x, y
            kept = next(iter(theirs))
            return min(first - kept), min(kept - first)
    return None


def _pairs(
    in_order: Sequence[int], where: Callable[[int], int], side: tuple[Sequence[Token], str], *, comma_joins: bool
) -> tuple[frozenset[int], frozenset[int]] | None:
    """Four items in text order (`where` gives each one's token) as two pairs, when a word that
    coordinates (or, with `comma_joins`, a comma) joins the second and the third, none stands
    inside a pair, and no sentence ends among them; else None."""
    tokens, text = side
    spots = [where(i) for i in in_order]

    def joins(low: int, high: int, comma: bool) -> bool:
        between = text[tokens[low].end : tokens[high].start]
        return any(t.text in _PARTS for t in tokens[low + 1 : high]) or (comma and any(m in between for m in ",;"))

    if any(mark in text[tokens[spots[0]].end : tokens[spots[3]].start] for mark in ".!?"):
        return None
    if not joins(spots[1], spots[2], comma_joins) or joins(spots[0], spots[1], False):
        return None
    if joins(spots[2], spots[3], False):
        return None
    return frozenset(in_order[:2]), frozenset(in_order[2:])


def _by_their_words(
    q_tokens: Sequence[Token], s_tokens: Sequence[Token], wanted: Callable[[Token], bool]
) -> dict[int, int]:
    """Statement words of a kind that occur once in the statement and once in the passage, with
    the passage position of their one occurrence."""
    ours = collections.Counter(t.text for t in q_tokens)
    theirs = collections.Counter(t.text for t in s_tokens)
    where = {t.text: j for j, t in enumerate(s_tokens)}
    return {i: where[t.text] for i, t in enumerate(q_tokens) if wanted(t) and ours[t.text] == 1 and theirs[t.text] == 1}


def _a_name(token: Token) -> bool:
    """A name, not a date ('Thursday', 'March')."""
    return token.name and token.text not in words.CALENDAR


def _after_a_year(tokens: Sequence[Token], at: int) -> bool:
    """'27' of '2026-27': the end of a span of years."""
    return at > 0 and tokens[at - 1].year


def _a_figure(token: Token) -> bool:
    """A number in digits or in words ('two of the batches'), not a year."""
    return (token.number and not token.year) or token.text in lexicon.NUMBER_WORDS


def _items(alignment: Alignment, s_text: str) -> dict[int, int]:
    """Statement content words linked to a passage word that is the only one of its kind there
    (and the only one in the statement): their passage positions. A phrase is one item, and a
    passage sentence that gives the statement fewer than _LEAST_THERE items gives none (a stray
    word met elsewhere); a name among them counts twice (a short sentence of who did what)."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    q_count: dict[str, int] = {}
    s_count: dict[str, int] = {}
    for tokens, count in ((q_tokens, q_count), (s_tokens, s_count)):
        for token in tokens:
            count[token.stem] = count.get(token.stem, 0) + 1
    found = {
        link.quote: link.source
        for link in alignment.links
        if link.how is not How.SYNONYM
        and _plain(q_tokens[link.quote])
        and q_count[q_tokens[link.quote].stem] == 1
        and s_count[s_tokens[link.source].stem] == 1
    }
    # a phrase ("Ana Lind", "jet fuel prices") is one item: its last word stands for it
    items = {i: j for i, j in found.items() if found.get(i + 1) != j + 1}
    starts = [0] + [
        k
        for k in range(1, len(s_tokens))
        if any(mark in s_text[s_tokens[k - 1].end : s_tokens[k].start] for mark in ".!?")
    ]
    sentence = {j: bisect.bisect_right(starts, j) for j in items.values()}
    given = collections.Counter(sentence.values())
    named = {sentence[j] for i, j in items.items() if _a_name(q_tokens[i])}
    # (a short sentence with a name in it counts with one word more: "Hallam has accepted.")
    return {i: j for i, j in items.items() if given[sentence[j]] + (sentence[j] in named) >= _LEAST_THERE}


def _spans(alignment: Alignment, items: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Each item's phrase in the passage: from the first of the words linked in a run with it
    ("volumes rose 4.1 percent") to its own, not through another item or a word that joins two
    ("vehicles and 38 aircraft")."""
    linked = {link.quote: link.source for link in alignment.links}
    spans: dict[int, tuple[int, int]] = {}
    for i, j in items.items():
        k = i
        while (
            k - 1 in linked
            and linked[k - 1] == linked[k] - 1
            and k - 1 not in items
            and alignment.quote[k - 1].text not in _PARTS
        ):
            k -= 1
        spans[i] = (linked[k], j)
    return spans


def _plain(token: Token) -> bool:
    return (
        token.content
        and token.text not in words.LIGHT
        and token.text not in words.REPORTING
        and not words.negates(token.text)
    )


def _parts(tokens: Sequence[Token], text: str, items: dict[int, int]) -> list[int]:
    """The part of the statement each token is in: parts end at a clause mark or before a word
    that coordinates ("and", "while"); a part with too few items to measure belongs to the one
    before it ("anglers and tour operators" is one part)."""
    starts = [0] + [
        k
        for k in range(1, len(tokens))
        if tokens[k].text in _PARTS or any(mark in text[tokens[k - 1].end : tokens[k].start] for mark in _STOPS)
    ]
    bounds = list(zip(starts, [*starts[1:], len(tokens)], strict=True))
    kept: list[tuple[int, int]] = []
    for low, high in bounds:
        if kept and sum(1 for i in items if low <= i < high) < 2:
            kept[-1] = (kept[-1][0], high)
        else:
            kept.append((low, high))
    if len(kept) > 1 and sum(1 for i in items if kept[0][0] <= i < kept[0][1]) < 2:
        kept[1] = (kept[0][0], kept[1][1])
        kept.pop(0)
    return [n for n, (low, high) in enumerate(kept) for _ in range(low, high)]


def _asides(tokens: Sequence[Token], text: str) -> frozenset[int]:
    """Passage positions of a relative clause set off by commas ("the council, which manages the
    park, has closed"): from the relative word to the last word before the closing comma."""
    found: set[int] = set()
    for k in range(1, len(tokens)):
        if tokens[k].text not in _RELATIVE or "," not in text[tokens[k - 1].end : tokens[k].start]:
            continue
        end = next((j for j in range(k + 1, len(tokens)) if "," in text[tokens[j - 1].end : tokens[j].start]), None)
        if end is not None and end - k <= _ASIDE:
            found.update(range(k, end))
    return frozenset(found)


_RELATIVE = frozenset({"which", "who", "whose", "where"})
_ASIDE = 12  # words of a relative clause between commas, at most


def _clause_ends(tokens: Sequence[Token], text: str) -> dict[int, float]:
    """Passage positions that open a new sentence or clause (after a full stop, semicolon, colon
    or dash), or a phrase (after a comma), with the words each such break counts for."""
    ends: dict[int, float] = {}
    for k in range(1, len(tokens)):
        between = text[tokens[k - 1].end : tokens[k].start]
        if any(mark in between for mark in _STOPS) or " - " in between:
            ends[k] = _ACROSS
        elif "," in between and tokens[k].text in _JOINS_CLAUSES:
            ends[k] = _ACROSS  # ", and the biggest complaint of tourists was": another clause
        elif "," in between:
            ends[k] = _COMMA
    return ends


def _out_of_place(at: int, own: Sequence[int], other: Sequence[int], distance: Callable[[int, int], float]) -> bool:
    """Is the item `at` far, in the passage, from every item of its own part and near one of the
    other's?"""
    if not own or not other:
        return False
    far = min(distance(at, k) for k in own)
    near = min(distance(at, k) for k in other)
    if near <= 1:  # right beside the other part's word ("the sailing club has suspended"): a smaller margin
        return far - near >= _MARGIN - 1
    return near <= _NEAR and far >= _AWAY * near and far - near >= _MARGIN


def _alike(kind: str, other: str | None) -> bool:
    """Kinds of items that can trade places: the same kind, or a name and a noun (two actors:
    'the Town Council' and 'the sailing club')."""
    return kind == other or {kind, other} == {"name", "noun"}


def _kind(token: Token) -> str | None:
    """Items trade places with their like: a name with a name, a figure with a figure, a noun
    with a noun, an adjective with an adjective."""
    if token.name or token.number:
        return "name" if token.name else "figure"
    if lexicon.mostly_noun(token.text):
        return "noun"
    return "adjective" if lexicon.mostly_adjective(token.text) else None
