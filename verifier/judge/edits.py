"""The edits between a statement and its passage, each classified: harmless (inflection,
spelling, synonym, a moved phrase) or meaning-bearing (figure, entity, hedge, scope, negation,
comparison, connective, attribution, antonym, exchange, elision, uncovered). Each edit keeps
both sides, so that a note can name them. Pure: works on an alignment (align.py)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from verifier.judge import binding, lexicon, operators, ordering, words
from verifier.judge.align import Alignment, Gap, How, Token, relate
from verifier.judge.figures import FigureDifference
from verifier.judge.kinds import Edit, EditKind, with_note

# ---------------------------------------------------------------- the parts of one comparison


@dataclass(frozen=True)
class Context:
    """What the classifier needs besides the alignment."""

    source_text: str  # the text the source tokens' spans point into
    statement_text: str  # the text the quote tokens' spans point into
    page_has_name: Callable[[str], bool]  # is this (normalised) name anywhere on the page?
    weight: Callable[[Token], float]  # how much a statement word carries (IDF on the page)
    speakers: Sequence[str] = ()  # who the page credits with the passage (names and roles, lower case)
    statement_speaker: Sequence[str] = ()  # who the statement credits
    figure_tokens: frozenset[int] = frozenset()  # statement tokens that belong to a figure (compared apart)
    named_nearby: Callable[[str], bool] = lambda _: False  # is this name in the passage's paragraph?
    named_in_passage: Callable[[str], bool] = lambda _: False  # ... in the passage's own sentences?
    credited_to_none: bool = False  # the statement names a speaker; the page credits no one near the passage
    in_an_answer: bool = False  # the statement names a speaker; the passage answers an interview's question
    introduced: Callable[[str], bool] = lambda _: False  # is this name in the interview's introduction?
    prominent: Callable[[str], bool] = lambda _: True  # is this name one of the page's main voices?
    named_together: Callable[[Collection[str]], bool] = lambda _: True  # does one sentence name all of these?


@dataclass
class Judgement:
    edits: list[Edit]
    coverage: float  # weighted share of the statement's content words the passage supports
    uncovered: list[str]  # statement words nothing supports
    missing_names: list[str]  # names in the statement that the page never mentions
    inserted: list[str] = field(default_factory=list)  # uncovered words where the passage has nothing in their place
    weights: dict[str, float] = field(default_factory=dict)  # uncovered word -> its share of the statement

    def cover(self, found: set[str]) -> None:
        """Count these uncovered words as supported after all (by meaning, word for word)."""
        for word in found & set(self.uncovered):
            self.coverage = min(1.0, self.coverage + self.weights.get(word, 0.0))
        self.uncovered = [w for w in self.uncovered if w not in found]
        self.inserted = [w for w in self.inserted if w not in found]
        self.edits = [e for e in self.edits if not (e.kind is EditKind.UNCOVERED and e.quote in found)]


# ---------------------------------------------------------------- negation


def _direction(word: str) -> int:
    return 1 if word in words.UP else -1 if word in words.DOWN else 0


def _role_opposites(a: str, b: str) -> bool:
    return (a, b) in _ROLE_PAIRS


_ROLE_PAIRS = frozenset(words.ROLE_OPPOSITES) | frozenset((b, a) for a, b in words.ROLE_OPPOSITES)


# ---------------------------------------------------------------- the classifier


def classify(alignment: Alignment, context: Context, figures: Sequence[FigureDifference]) -> Judgement:
    """Every edit between the statement and the passage, and how much of the statement the
    passage supports."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    q_text, s_text = context.statement_text, context.source_text
    edits: list[Edit] = []
    body = list(range(len(q_tokens)))  # the statement (a claim's reporting frame is stripped before)

    # harmless edits of aligned words
    for link in alignment.links:
        q, s = q_tokens[link.quote], s_tokens[link.source]
        if link.how is How.SAME and not link.moved:
            continue
        kind = {
            How.SAME: EditKind.MOVED,
            How.LEMMA: EditKind.INFLECTION,
            How.STEM: EditKind.INFLECTION,
            How.SPELLING: EditKind.SPELLING,
            How.SYNONYM: EditKind.SYNONYM,
        }[link.how]
        if link.moved and kind is not EditKind.MOVED and not q.content:
            continue
        edits.append(Edit(kind, q_text[q.start : q.end], s_text[s.start : s.end]))

    for difference in figures:
        edits.append(Edit(EditKind.FIGURE, difference.quote, difference.source, difference.note))

    # word pairs across each gap: opposites, siblings, another name
    flipped: list[tuple[int, int, Edit]] = []  # opposites: a negation may explain them
    explained: set[int] = set()  # statement tokens whose difference is classified
    moved = {link.quote for link in alignment.links if link.moved}
    short = sum(1 for t in q_tokens if t.content) <= _SHORT
    reworded = sum(1 for link in alignment.links if link.how in (How.SYNONYM, How.STEM)) + sum(
        1 for i in alignment.quote_free if q_tokens[i].content
    )
    # one word in another's place in a sentence otherwise quoted as it stands changes it; in a
    # rewording with other changes it is more likely one more rewording
    tight = reworded <= _FEW_CHANGES and (
        alignment.in_order >= _TIGHT or (short and alignment.in_order >= _TIGHT_SHORT)
    )
    anchors = alignment.anchors
    for gap in alignment.gaps:
        near = _facing(gap, anchors, (q_tokens, s_tokens), s_text)
        q_open = [i for i in gap.quote if _comparable(q_tokens[i]) and i not in moved and not _particle(q_tokens, i)]
        s_open = [j for j in near if _comparable(s_tokens[j])]
        positional = len(q_open) == len(s_open) <= _SMALL_GAP and tight and (gap.inner or len(gap.quote) == len(near))
        names_each = (_runs([i for i in q_open if q_tokens[i].name]), _runs([j for j in s_open if s_tokens[j].name]))
        edits.extend(_counts(gap, q_tokens, s_tokens, (q_text, s_text), figures))
        for i in gap.quote:
            q = q_tokens[i]
            if not _comparable(q) or i in context.figure_tokens or operators.as_long_as(q_tokens, i):
                continue  # ('as long as' is compared as a condition)
            if _particle(q_tokens, i) or _a_bound(q_tokens, i):
                continue
            found: tuple[EditKind, bool] | None = None
            for j in near:
                s = s_tokens[j]
                if not _comparable(s) or (i in moved and not s.name) or _particle(s_tokens, j) or _a_bound(s_tokens, j):
                    continue  # a name that moved is compared with names only
                if s.name and s.text in context.statement_speaker:
                    continue  # the speaker the claim names in its frame ("Lind said ..."), compared apart
                found = _pair(q, s, len(q_open) == len(s_open) == 1 and tight, names_each == (1, 1))
                if found is None and tight and i in moved and q.name and s.name and not _same_name(q.text, s.text):
                    found = EditKind.ENTITY, False  # a name the passage gives elsewhere, put in another's place
                if found is not None:
                    break
            acronym = len(q_text[q.start : q.end]) > 1 and q_text[q.start : q.end].isupper()  # checked as a name
            if found is None and positional and i in q_open and not acronym:
                j = s_open[q_open.index(i)]
                found = _substitution(q, s_tokens[j])
            if found is None:
                continue
            kind, flip = found
            s = s_tokens[j]
            if flip and _after_less(q_tokens, i) != _after_less(s_tokens, j):
                kind, flip = EditKind.SYNONYM, False  # "less expensive" is "cheaper"
            edit = Edit(kind, q_text[q.start : q.end], s_text[s.start : s.end])
            explained.add(i)
            if flip:
                flipped.append((i, j, edit))
            elif kind.is_harmless:
                edits.append(edit)
            else:
                edits.append(with_note(edit))

    for i, j in _opposites_apart(alignment, explained):
        q, s = q_tokens[i], s_tokens[j]
        explained.add(i)
        flipped.append((i, j, Edit(EditKind.ANTONYM, q_text[q.start : q.end], s_text[s.start : s.end])))

    # operators: negation, hedges, conditions, quantifiers, "only"
    sides = operators.Sides.of(
        alignment,
        texts=(q_text, s_text),
        body=body,
        figure_tokens=context.figure_tokens,
        flipped=[(i, j) for i, j, _ in flipped],
    )
    negation, by_negation = operators.negation_edits(sides, [(i, j) for i, j, _ in flipped])
    edits.extend(negation)
    edits.extend(operators.set_aside_edits(sides))
    edits.extend(operators.traded_quantifiers(sides))
    for i, _, edit in flipped:
        edits.append(Edit(EditKind.SYNONYM, edit.quote, edit.source) if i in by_negation else with_note(edit))
    explained.update(i for i in body if words.negates(q_tokens[i].text))  # compared as negations
    edits.extend(
        operators.class_edits(
            sides,
            operators.hedge_of,
            EditKind.HEDGE,
            equivalent=lambda v: {h.value for h in words.HEDGE_EQUIVALENTS[words.Hedge(v)]},
            describe=lambda v: v,
            added=lambda v, tokens, at: (
                v in (words.Hedge.POSSIBLE, words.Hedge.PROBABLE, words.Hedge.REPORTED)
                and tokens[at].text not in _ABILITY
                and tokens[at].text not in words.QUOTED_HEDGES
                and not (tokens[at].text in _HELD_VIEW and any(t.text in words.REPORTING for t in s_tokens))
            ),
            dropped=_hedge_dropped,
            nearby_only=words.QUOTED_HEDGES,
        )
    )
    edits.extend(operators.condition_edits(sides, alignment.span))
    edits.extend(operators.open_question_edits(sides))
    edits.extend(operators.tense_edits(sides))
    edits.extend(
        operators.class_edits(
            sides,
            operators.quantifier_of,
            EditKind.SCOPE,
            equivalent=lambda v: {v},
            describe=_scope_name,
            added=lambda _, tokens, at: (
                (tokens[at].text in words.ABSOLUTE_SCOPE and not operators.as_a_whole(tokens, at))
                or _each_one(tokens, at)
                or _of_a_set(tokens, at)
            ),
            dropped=_widens_when_dropped,
            phrase=True,
            dropped_alone=True,
        )
    )
    edits.extend(
        operators.class_edits(
            sides,
            operators.exclusive_of,
            EditKind.SCOPE,
            equivalent=lambda v: {v},
            describe=lambda v: f"'{v}'",
            added=operators.only_added,
            dropped=operators.only_dropped,
            phrase=True,
        )
    )
    edits.extend(_ranks(sides, alignment.span))
    edits.extend(_raised_to_a_rank(alignment, (q_text, s_text)))
    edits.extend(_dropped_bounds(alignment, (q_text, s_text)))
    edits.extend(_hedged_figures(alignment, (q_text, s_text)))
    edits.extend(_nearly_all(alignment, (q_text, s_text)))
    if tight:
        edits.extend(_dropped_qualifiers(alignment, s_text))
    edits.extend(_dropped_restrictive_phrases(alignment, s_text))
    edits.extend(_certainty_for_modal(alignment, (q_text, s_text)))
    edits.extend(_all_for_a_count(alignment, (q_text, s_text)))
    edits.extend(_one_and_several(alignment, (q_text, s_text)))
    edits.extend(_across_named_places(alignment, (q_text, s_text)))
    explained.update(
        i for i in body if q_tokens[i].text in words.HEDGES or q_tokens[i].text in words.SCOPE_RANK
        or q_tokens[i].text in words.EXCLUSIVE or q_tokens[i].text in words.APPROXIMATORS
    )  # fmt: skip
    edits.extend(_causal(sides, explained))
    if s_tokens:
        passage = s_text[s_tokens[0].start : s_tokens[-1].end]
        edits.extend(ordering.comparison_edits(q_text, passage))
    edits.extend(_opposite_comparisons(alignment, (q_text, s_text)))
    edits.extend(_hyphenated_opposites(alignment, (q_text, s_text)))
    edits.extend(_moved_past_an_opposite(alignment, (q_text, s_text), tight))
    edits.extend(_item_of_a_later_repeat(alignment, (q_text, s_text)))
    edits.extend(_item_of_another_clause(alignment, (q_text, s_text)))
    edits.extend(_attribution(context))

    # what the passage does not support
    uncovered: list[int] = []
    missing_names: list[str] = []
    total = 0.0
    missing = 0.0
    aligned = {link.quote for link in alignment.links}
    across = {
        i: [j for j in gap.source if s_tokens[j].content and not s_tokens[j].name and not s_tokens[j].number]
        for gap in alignment.gaps
        for i in gap.quote
    }  # the passage words in the place of each unaligned statement word
    for i in body:
        q = q_tokens[i]
        if not q.content or q.text in words.LIGHT:
            continue
        weight = context.weight(q)
        total += weight
        if i in aligned or i in explained or i in context.figure_tokens:
            continue
        raw = q_text[q.start : q.end]
        as_written = raw if raw.isalpha() and raw.removesuffix("s").isupper() else q.text  # "CEOs": an acronym
        if q_text[q.start : q.start + 1].isupper() and context.named_nearby(as_written):
            continue  # a name given around the passage (the speaker, the subject), maybe in another form
        if (
            q.name
            and _holds_the_view(q_tokens, i, body)
            and context.prominent(q.text)
            and (not context.speakers or q.text in context.speakers)
        ):
            continue  # "Marlowe sees the case as ...": one of the page's main voices, whose view it is
        if not q.name and any(lexicon.share_a_sense(q.text, s_tokens[j].text) for j in across.get(i, ())):
            continue  # a word of the same sense (any sense, or one step apart) in its place in the passage
        if q.name and not context.page_has_name(as_written):
            missing_names.append(q_text[q.start : q.end])
        uncovered.append(i)
        edits.append(Edit(EditKind.UNCOVERED, q_text[q.start : q.end], None))
        missing += weight
    coverage = 1.0 - missing / total if total else 0.0
    if coverage >= _ALL_THERE:  # a rewording with words of its own reorders; a swap keeps every word
        edits.extend(_exchanges(alignment, q_text))
    elif coverage >= _NAMES_THERE:  # names or figures crossing over keep their roles in any rewording
        edits.extend(_exchanges(alignment, q_text, names_only=True))
    if coverage >= _NAMES_THERE and not any(e.kind is EditKind.EXCHANGE for e in edits):
        pair = binding.exchanged_parts(alignment, q_text, s_text) or binding.crossed_pairs(alignment, q_text, s_text)
        if pair is not None:
            qa, qb = (_item_surface(q_tokens, q_text, k) for k in pair)
            edits.extend(_traded(EditKind.EXCHANGE, "roles exchanged", qa, qb))
    facing = {i for gap in alignment.gaps if any(s_tokens[j].content for j in gap.source) for i in gap.quote}
    inserted = [q_text[q_tokens[i].start : q_tokens[i].end] for i in uncovered if i not in facing]
    words_missing = [q_text[q_tokens[i].start : q_tokens[i].end] for i in uncovered]
    weights = (
        {w: context.weight(q_tokens[i]) / total for w, i in zip(words_missing, uncovered, strict=True)} if total else {}
    )
    return Judgement(edits, coverage, words_missing, missing_names, inserted, weights)


def _holds_the_view(tokens: Sequence[Token], at: int, body: Collection[int]) -> bool:
    """Is the name at `at` the one the statement opens with, before a verb of thinking or wanting
    ('Marlowe sees ...', 'Calder & Moss now expects ...')? Its view, not a fact about it. (Not a
    verb of saying: who said what is the attribution check's.)"""
    first = min(body, default=at)
    if at - first > _OPENING:
        return False
    return any(t.text in _VIEWS for t in tokens[at + 1 : at + 3])


_OPENING = 3  # statement words before the name that opens it ("Calder & Moss")
_VIEWS = frozenset(
    {"sees", "regards", "thinks", "expects", "wants", "reckons", "estimates", "forecasts", "considers", "favours",
     "favors", "prefers", "doubts", "fears", "hopes", "judges", "views", "rates", "values"}
)  # fmt: skip


def _opposite_comparisons(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """The same thing compared the other way: a 'than' or a noun both sides share, with a
    comparative or 'above'/'below' right before it that points up on one side and down on the
    other ("paid a lower rent than in Tolm" / "1,000 crowns, higher than in Tolm"; "rise
    above the average" / "remain below the average"), wherever the alignment put the two words."""
    q_text, s_text = texts
    for link in alignment.links:
        q, s = alignment.quote[link.quote], alignment.source[link.source]
        if q.number or not (q.content or q.text == "than"):
            continue
        ours = _compared_before(alignment.quote, q_text, link.quote)
        theirs = _compared_before(alignment.source, s_text, link.source)
        if ours is not None and theirs is not None and _direction(ours[1]) != _direction(theirs[1]):
            edit = Edit(EditKind.COMPARISON, f"{ours[1]} {q.text}", f"{theirs[1]} {s.text}")
            return [with_note(edit, "comparison reversed")]
    return []


def _compared_before(tokens: Sequence[Token], text: str, at: int) -> tuple[int, str] | None:
    """A comparative or 'above'/'below' among the few words before `at`, in its clause."""
    for k in range(at - 1, max(-1, at - _COMPARED_REACH), -1):
        if operators.clause_break(text, tokens[k], tokens[k + 1]):
            return None
        word = tokens[k].text
        if word in ("and", "or", "but"):
            return None  # "higher costs and reduced capacity": the comparative is the other item's
        if _direction(word):
            if word not in _COMPARATIVES or tokens[k + 1].number:
                return None  # "reduced capacity": no comparison; "more than 40": a bound, compared with the figures
            return k, word
    return None


_COMPARED_REACH = 6  # words before a shared word where the comparative that governs it stands
_COMPARATIVES = frozenset(
    {"higher", "lower", "greater", "smaller", "larger", "bigger", "better", "worse", "above", "below", "faster",
     "slower", "stronger", "weaker", "more", "less", "fewer"}
)  # fmt: skip


def _opposites_apart(alignment: Alignment, explained: set[int]) -> list[tuple[int, int]]:
    """An adverb of manner in the statement that nothing stands for while the passage has its
    opposite, also unpaired, in another place ("falling rapidly for four years" / "falling for
    four years, slowly"): such adverbs move freely in a sentence, so the pair is in no one gap.
    (Other opposites apart are mostly two things a rewording puts in other places: "the fall ...
    a rise", "first since 2009" / "last in 2009".)"""
    q_tokens, s_tokens = alignment.quote, alignment.source
    linked_q = {link.quote for link in alignment.links}
    linked_s = {link.source for link in alignment.links}
    q_words = {t.text for t in q_tokens}
    s_words = {t.text for t in s_tokens}
    found: list[tuple[int, int]] = []
    for i, q in enumerate(q_tokens):
        if i in linked_q or i in explained or not _manner(q) or q.text in s_words:
            continue
        for j, s in enumerate(s_tokens):
            if j in linked_s or not _manner(s) or s.text in q_words:
                continue
            if lexicon.relation(q.text, s.text) is lexicon.Relation.ANTONYM:
                found.append((i, j))
                break
    return found


def _manner(token: Token) -> bool:
    """An adverb made from an adjective ('slowly', 'sharply')."""
    return token.content and not token.name and lexicon.adjective_of(token.text) != token.text


def _hyphenated_opposites(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """A word that one side reverses with a hyphenated prefix and the other does not
    ('off-season' fares for 'season' fares, 'non-binding' for 'binding'): the tokeniser splits
    them, so the prefix would otherwise go unseen."""
    q_text, s_text = texts
    edits: list[Edit] = []
    for link in alignment.links:
        q_prefix = _hyphen_prefix(alignment.quote, q_text, link.quote)
        s_prefix = _hyphen_prefix(alignment.source, s_text, link.source)
        plain_side, plain_at = (alignment.source, link.source) if q_prefix else (alignment.quote, link.quote)
        negated = _negated_before(plain_side, plain_at)
        if q_prefix != s_prefix and not negated:  # 'non-binding' / 'not binding' agree
            q, s = alignment.quote[link.quote], alignment.source[link.source]
            quote_side = q_text[(alignment.quote[link.quote - 1].start if q_prefix else q.start) : q.end]
            source_side = s_text[(alignment.source[link.source - 1].start if s_prefix else s.start) : s.end]
            edits.append(with_note(Edit(EditKind.ANTONYM, quote_side, source_side), "opposite meaning"))
    return edits


def _moved_past_an_opposite(alignment: Alignment, texts: tuple[str, str], tight: bool) -> list[Edit]:
    """A statement word aligned with the same word elsewhere in the passage while, in its own
    place, the passage has its opposite ("the 8 newer trams" / "the 8 older trams ... four newer
    ones"), or, when the rest is quoted as it stands (`tight`), another word of its own ("a
    premium to its average" / "a discount to its average ... at a premium to its rival"): the
    alignment's reach hid the change."""
    q_text, s_text = texts
    anchors = alignment.anchors
    taken = {link.source for link in alignment.links}
    edits: list[Edit] = []
    for link in alignment.links:
        q = alignment.quote[link.quote]
        if not link.moved or q.name or not _comparable(q):
            continue
        frame = _frame(anchors, link.quote)
        if frame is None or not 0 < frame[1] - frame[0] - 1 <= _SMALL_GAP:
            continue
        slot = [j for j in range(frame[0] + 1, frame[1]) if j not in taken and _comparable(alignment.source[j])]
        for j in slot:
            s = alignment.source[j]
            found = _pair(q, s, False)
            if found is None and tight and len(slot) == 1:
                found = _substitution(q, s)
            if found is not None and (found[1] or (tight and not found[0].is_harmless)):  # opposite, or own word
                edits.append(with_note(Edit(found[0], q_text[q.start : q.end], s_text[s.start : s.end])))
    return edits


def _item_of_a_later_repeat(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """A passage of parallel items ("A won for X, B won for Y") where the statement follows a
    word of the frame with the item of its later repeat ("A won for Y"): the alignment skips
    the first item and meets the statement further on, with every word in order. The item
    after the frame word's first occurrence is the one the statement replaced."""
    q_text, s_text = texts
    q_tokens, s_tokens = alignment.quote, alignment.source
    for (q_before, s_before), (q_at, s_at) in itertools.pairwise(alignment.anchors):
        if q_at != q_before + 1 or s_at <= s_before + 1 or q_at + 1 >= len(q_tokens):
            continue
        word, ours = q_tokens[q_at].text, q_tokens[q_at + 1]
        earlier = next((j for j in range(s_before + 1, s_at) if s_tokens[j].text == word), None)
        if earlier is None or earlier + 1 >= s_at:
            continue
        theirs = s_tokens[earlier + 1]
        kinds = (_item_kind(ours, q_text), _item_kind(theirs, s_text))
        if kinds[0] is None or kinds[0] != kinds[1] or theirs.text == ours.text:
            continue
        kind = EditKind.FIGURE if ours.number else EditKind.ENTITY
        quote, source = _item_surface(q_tokens, q_text, q_at + 1), _item_surface(s_tokens, s_text, earlier + 1)
        return [with_note(Edit(kind, quote, source))]
    return []


def _item_of_another_clause(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """A statement that joins an item of one clause of the passage to what another clause says of
    another item of its kind ("On A, X; on B, Y" / "On A, Y"; "fees from A. B makes Z" / "fees
    from B"): the alignment meets the item in one clause, skips a clause end, and goes on in the
    other with every word in order, past that clause's own item. Not when the statement's words
    on the item's side follow (or precede) it in its own clause too: then they are that clause's."""
    q_text, s_text = texts
    q_tokens, s_tokens = alignment.quote, alignment.source
    anchors = alignment.anchors
    for (q_before, s_before), (q_at, s_at) in itertools.pairwise(anchors):
        if q_at != q_before + 1 or s_at <= s_before + 1:
            continue
        ends = [j for j in range(s_before + 1, s_at + 1) if _clause_ends_before(s_tokens, s_text, j)]
        if not ends:
            continue
        first_clause, second_clause = range(s_before + 1, ends[0]), range(ends[-1], s_at)
        after, before = [q for q, _ in anchors if q >= q_at], [q for q, _ in anchors if q <= q_before]
        for ours, own, rest, elsewhere in (
            (q_before, first_clause, after, second_clause),  # A's item, then B's words
            (q_at, second_clause, before, first_clause[:_SLOT]),  # A's words, then B's item
        ):
            kind = _item_kind(q_tokens[ours], q_text)
            at = s_before if ours == q_before else s_at
            if kind is None or not (q_tokens[ours].name or q_tokens[ours].number):
                continue
            if _item_kind(s_tokens[at], s_text) != kind:
                continue
            words_there = [q_tokens[q] for q in rest if q_tokens[q].content]
            if all(any(relate(q, s_tokens[j]) is not None for j in own) for q in words_there):
                continue  # ("350 km/h; ... 300 km/h": what follows the item in the statement follows it in its clause)
            theirs = [
                j
                for j in elsewhere
                if (s_tokens[j].name or s_tokens[j].number) and _item_kind(s_tokens[j], s_text) == kind
            ]
            if not theirs or any(s_tokens[j].text == q_tokens[ours].text for j in theirs):
                continue
            quote = _item_surface(q_tokens, q_text, ours)
            source = _item_surface(s_tokens, s_text, theirs[-1] if ours == q_before else theirs[0])
            edit_kind = EditKind.ENTITY if any(c.isalpha() for c in quote) else EditKind.FIGURE
            return [with_note(Edit(edit_kind, quote, source))]
    return []


def _clause_ends_before(tokens: Sequence[Token], text: str, at: int) -> bool:
    """Does a sentence or a clause set off by a semicolon or colon end right before token `at`?"""
    return any(mark in text[tokens[at - 1].end : tokens[at].start] for mark in ".;:!?")


def _item_kind(token: Token, text: str) -> str | None:
    """'figure' or 'name' (a capitalised word: a title in quotation marks counts) or None."""
    if token.number:
        return "figure"
    return "name" if token.content and text[token.start : token.start + 1].isupper() else None


def _hyphen_prefix(tokens: Sequence[Token], text: str, at: int) -> str | None:
    if at == 0 or not tokens[at].content:
        return None
    before = tokens[at - 1]
    if before.text in _HYPHEN_OPPOSITES and text[before.end : tokens[at].start] == "-":
        return before.text
    return None


def _negated_before(tokens: Sequence[Token], at: int) -> bool:
    return any(words.is_negator(t.text) for t in tokens[max(0, at - 2) : at])


_HYPHEN_OPPOSITES = frozenset({"off", "non", "anti", "un", "counter", "de", "dis"})


_PLACED = frozenset({"over", "under", "before", "after", "behind", "ahead"})  # direction words that place a thing


def _pair(q: Token, s: Token, one_for_one: bool, one_name_each: bool = False) -> tuple[EditKind, bool] | None:
    """How an unaligned statement word differs from an unaligned passage word in the same gap:
    (kind, whether it flips polarity), or None when they are not counterparts. Two common words
    of one kind (WordNet siblings: 'doctors' / 'nurses') count as a changed entity only when each
    is the other's only counterpart (`one_for_one`): in a looser rewording they rarely are."""
    if words.prefix_opposite(q.text, s.text):
        return EditKind.NEGATION, True
    dq, ds = _direction(q.text), _direction(s.text)
    if dq and ds and dq != ds and (q.text in _PLACED) == (s.text in _PLACED):
        return EditKind.COMPARISON, True  # ("under growing scrutiny" is no fall beside "increasing")
    if _role_opposites(q.text, s.text):
        return EditKind.COMPARISON, False
    if _other_extent(q, s):
        return EditKind.SCOPE, False
    relation = lexicon.relation(q.text, s.text)
    if relation is lexicon.Relation.SYNONYM:
        return EditKind.SYNONYM, False
    if q.text in words.LIGHT or s.text in words.LIGHT:
        return None  # "going" / "comes": too light to oppose anything
    if relation is not lexicon.Relation.ANTONYM and lexicon.opposes(q.text, s.text):
        return EditKind.ANTONYM, True
    if q.name and s.name:
        if _same_name(q.text, s.text):
            return EditKind.SPELLING, False
        q_known, s_known = _known(q.text), _known(s.text)
        if not q_known and not s_known:
            return EditKind.ENTITY, False  # two proper names in one place
        if q_known and s_known and relation is lexicon.Relation.SIBLING:
            return EditKind.ENTITY, False  # 'April' / 'March', 'Sweden' / 'Norway'
        if one_name_each and relation is lexicon.Relation.UNRELATED and not _abbreviation(q.text, s.text):
            return EditKind.ENTITY, False  # 'talks in Geneva' / 'talks in Vellmar'
        return None
    if relation is lexicon.Relation.ANTONYM:
        return EditKind.ANTONYM, True
    if relation is lexicon.Relation.SIBLING and not (q.text in words.SCOPE_RANK or s.text in words.SCOPE_RANK):
        things = _a_thing(q) and _a_thing(s)  # 'doctors'/'nurses', not 'left'/'standing'
        return (EditKind.ENTITY, False) if one_for_one and things else None
    if relation is lexicon.Relation.HYPERNYM:
        return EditKind.SYNONYM, False
    return None


def _facing(
    gap: Gap, anchors: Sequence[tuple[int, int]], tokens: tuple[Sequence[Token], Sequence[Token]], s_text: str
) -> list[int]:
    """The passage side of a gap; at either end of the statement only the passage words next to
    the words in order and in their sentence, up to as many content words as the statement has
    there ("they're buying X" against "they're buying Y, the chief executive said")."""
    if gap.inner or not gap.source or not anchors:
        return gap.source
    trailing = gap.source[0] > anchors[-1][1]  # after the statement's last word in order
    edge = anchors[-1][1] if trailing else anchors[0][1]
    q_tokens, s_tokens = tokens
    wanted = max(1, sum(1 for k in gap.quote if _a_word_of_its_own(q_tokens[k])))
    kept: list[int] = []
    for j in gap.source if trailing else reversed(gap.source):
        enough = sum(_a_word_of_its_own(s_tokens[k]) for k in kept) >= wanted
        if enough or _sentence_end_between(s_tokens, s_text, j, edge):
            break
        kept.append(j)
    return sorted(kept)


def _a_word_of_its_own(token: Token) -> bool:
    """A word that may stand in another's place (a negation is compared as an operator)."""
    return _comparable(token) and not words.is_negator(token.text)


def _sentence_end_between(tokens: Sequence[Token], text: str, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return any(mark in text[tokens[low].end : tokens[high].start] for mark in ".!?\n")


def _runs(indices: Sequence[int]) -> int:
    """How many runs of consecutive positions: the names of a gap ('Pike Valley' is one)."""
    return sum(1 for n, k in enumerate(indices) if n == 0 or indices[n - 1] != k - 1)


_TIGHT = 0.75  # share of the statement aligned in order above which a word in another's place is read as a change
_SMALL_GAP = 2  # words on each side of a gap that are compared one for one, in order
_SHORT = 6  # content words in a short statement, where one word in another's place weighs more
_TIGHT_SHORT = 0.6
_FEW_CHANGES = 2  # reworded or unaligned content words at most, the changed one included


def _counts(
    gap: Gap,
    q_tokens: Sequence[Token],
    s_tokens: Sequence[Token],
    texts: tuple[str, str],
    figures: Sequence[FigureDifference],
) -> list[Edit]:
    """A bare number in the place of another ("all 47 of its stores" / "all 74 of its stores"):
    the figures' own comparison only pairs numbers that say what they count."""
    q_text, s_text = texts
    q_numbers = [i for i in gap.quote if q_tokens[i].number]
    s_numbers = [j for j in gap.source if s_tokens[j].number]
    if len(q_numbers) != 1 or len(s_numbers) != 1:
        return []
    if not gap.inner and not (len(gap.quote) <= _SMALL_GAP and len(gap.source) <= _SMALL_GAP):
        return []  # at either end only a number in the place of a number ("it employs 40" / "it employs 14")
    q, s = q_tokens[q_numbers[0]], s_tokens[s_numbers[0]]
    if not (_bare_count(q_tokens, q_numbers[0]) and _bare_count(s_tokens, s_numbers[0])):
        return []  # a measured figure: compared with its unit and scale by the figures
    if q.text.replace(",", "") == s.text.replace(",", ""):
        return []
    if any(q.text in difference.quote for difference in figures):
        return []  # already told, with its unit
    return [with_note(Edit(EditKind.FIGURE, q_text[q.start : q.end], s_text[s.start : s.end]), "number differs")]


_MEASURES = frozenset({"percent", "per", "%", "million", "billion", "thousand", "trillion", "m", "bn", "k"})


def _bare_count(tokens: Sequence[Token], at: int) -> bool:
    """An integer written in digits that no unit or scale follows ("47 of its stores")."""
    token = tokens[at]
    after = tokens[at + 1].text if at + 1 < len(tokens) else ""
    return (
        token.text.replace(",", "").isdecimal()
        and after not in _MEASURES
        and not (at > 0 and tokens[at - 1].text in "$€£¥")
    )


def _a_bound(tokens: Sequence[Token], at: int) -> bool:
    """'over', 'under' before a figure ('over a year', 'under 5'), 'less than' one ('by less than
    one point'), 'up to' one ('up to half'): a bound, compared with the figures, not a direction."""
    if tokens[at].text in _BOUND_COMPARATIVES and at + 2 < len(tokens) and tokens[at + 1].text == "than":
        at += 1
    elif tokens[at].text == "up" and at + 2 < len(tokens) and tokens[at + 1].text == "to":
        at += 1  # "up to half of the fund"
    elif tokens[at].text not in _BOUND_PREPOSITIONS:
        return False
    if at + 1 >= len(tokens):
        return False
    after = tokens[at + 1]
    return after.number or after.text in _BEFORE_A_FIGURE or after.text in lexicon.NUMBER_WORDS


_BOUND_PREPOSITIONS = frozenset({"over", "above", "under", "below"})
_BEFORE_A_FIGURE = frozenset({"a", "an", "half", "third", "quarter", "two-thirds"})
_BOUND_COMPARATIVES = frozenset({"more", "less", "fewer"})


def _comparable(token: Token) -> bool:
    """A word whose replacement may change the meaning: a content word, or a word of direction
    ('more', 'above', 'over') that the stopword list would otherwise hide."""
    return not token.number and (token.content or _direction(token.text) != 0)


def _particle(tokens: Sequence[Token], at: int) -> bool:
    """'up' or 'down' after a verb's object pronoun ('taking it down', 'set them up') or after a
    verb it makes an idiom with ('might end up exceeding', 'giving up a contract'): part of the
    verb, no direction."""
    if tokens[at].text not in ("up", "down") or at == 0:
        return False
    before = tokens[at - 1]
    return before.text in _OBJECT_PRONOUNS or bool(before.lemmas & words.PHRASAL_VERBS)


_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her", "us", "me", "this", "that", "these", "those"})
_NOT_SUBSTITUTES = words.NEGATORS | {"rather", "instead"}  # negations are compared as operators


def _substitution(q: Token, s: Token) -> tuple[EditKind, bool] | None:
    """A content word in the place of another, the rest around it aligned: a change of meaning
    unless the lexicon relates the two (synonym, hypernym, same stem), or either is too light
    or too rare for the lexicon to judge."""
    if q.text in words.LIGHT or s.text in words.LIGHT or q.text in words.REPORTING or s.text in words.REPORTING:
        return None
    if not (q.content and s.content) or {q.text, s.text} & _NOT_SUBSTITUTES:
        return None
    q_hedge, s_hedge = words.HEDGES.get(q.text), words.HEDGES.get(s.text)
    if q_hedge and s_hedge and q_hedge in words.HEDGE_EQUIVALENTS[s_hedge]:
        return EditKind.SYNONYM, False  # 'aims to' / 'strives to': hedges of one class, compared as hedges
    if q.text in words.SCOPE_RANK and words.SCOPE_RANK[q.text] == words.SCOPE_RANK.get(s.text):
        return EditKind.SYNONYM, False  # 'mostly' / 'chiefly': the same scope
    if _other_extent(q, s):
        return EditKind.SCOPE, False
    if lexicon.opposes(q.text, s.text):
        return EditKind.ANTONYM, True
    if not (lexicon.is_known(q.text) and lexicon.is_known(s.text)):
        return None
    relation = lexicon.relation(q.text, s.text)
    if relation in (lexicon.Relation.SAME, lexicon.Relation.SYNONYM, lexicon.Relation.HYPERNYM):
        return EditKind.SYNONYM, False
    shorter, longer = sorted((q.text, s.text), key=len)
    if len(shorter) >= 4 and shorter in longer:
        return EditKind.SYNONYM, False  # 'yards' in 'shipyards', 'round' in 'around'
    if relation is not lexicon.Relation.SIBLING and lexicon.share_a_sense(q.text, s.text):
        return EditKind.SYNONYM, False
    return EditKind.SUBSTITUTION, False


def _other_extent(q: Token, s: Token) -> bool:
    """Places of different extent ('in the region' / 'in the country'), or an area for a named
    place ('pupils in the state' / 'pupils in Orvik'): a scope widened or narrowed."""
    if q.name:
        return False  # "the First Judicial District Court": part of a name
    if s.name:
        return q.text in words.PLACE_EXTENTS and not _known(s.text)
    return q.text in words.PLACE_EXTENTS and s.text in words.PLACE_EXTENTS and q.lemmas.isdisjoint(s.lemmas)


def _a_thing(token: Token) -> bool:
    """A noun, not a form of a verb ('standing', 'left')."""
    return lexicon.mostly_noun(token.text) and not any(
        base != token.text and lexicon.mostly_verb(base) for base in token.lemmas
    )


def _after_less(tokens: Sequence[Token], at: int) -> bool:
    return at > 0 and tokens[at - 1].text in ("less", "fewer")


def _known(word: str) -> bool:
    return lexicon.is_known(word.removesuffix("'s"))


def _abbreviation(a: str, b: str) -> bool:
    """'US' (written out 'united states') beside 'American': an abbreviation of a country or union
    stands for its demonym as often as for its name."""
    return " " in a or " " in b


def _same_name(a: str, b: str) -> bool:
    """'fed' and 'federal', 'who' and 'world', "Calvera's" and 'Calveran': a short form of the same
    name; 'British' and 'Britain', 'Swedish' and 'Sweden': a demonym on its country's stem."""
    a, b = a.removesuffix("'s"), b.removesuffix("'s")
    if len(min(a, b, key=len)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    stem_shared = len(a) >= _DEMONYM_STEM and len(b) >= _DEMONYM_STEM and a[:_DEMONYM_STEM] == b[:_DEMONYM_STEM]
    return stem_shared and any(w.endswith(_DEMONYM_ENDINGS) for w in (a, b))


_DEMONYM_STEM = 4  # letters a demonym shares with its country at least ('Brit-ish', 'Brit-ain')
_DEMONYM_ENDINGS = ("ish", "ese", "ian", "an", "i")


# ---------------------------------------------------------------- hedges, scope, connectives


_ABILITY = frozenset({"could", "can"})  # "could only move two metres a day": ability, maybe no hedge
_SCOPE_NAMES = {"1": "'few'", "2": "'some'", "3": "'many'", "4": "'most'", "5": "'all'"}


def _of_a_set(tokens: Sequence[Token], at: int) -> bool:
    """'each of the last three seasons', 'all of them', 'every one of': the whole of a given set, a
    claim the passage must make too (unlike 'all' before a generic plural)."""
    after = tokens[at + 1].text if at + 1 < len(tokens) else ""
    return tokens[at].text in _SET_WORDS and (after == "of" or (after == "one" and tokens[at].text == "every"))


_SET_WORDS = frozenset({"all", "each", "every"})


# "X believes the market undervalues ...": whose view it is, as the passage's "X argued" says;
# no hedge added where the passage reports the view
_HELD_VIEW = frozenset({"believe", "believes", "believed", "think", "thinks", "thought", "reckon", "reckons"})


def _hedge_dropped(value: str, tokens: Sequence[Token], at: int) -> bool:
    """A hedge of the passage that a statement leaving it out states as fact. Not "we estimate"
    (mostly the frame a claim leaves out), nor a word of intention that names a thing rather than
    hedging a clause ("the mayor's plan includes a rebate", "proposed an amendment that would"):
    only "plans to", "proposed that" hedge what follows."""
    if value == words.Hedge.ESTIMATE or tokens[at].text in words.QUOTED_HEDGES:
        return False
    return value != words.Hedge.INTENTION or (at + 1 < len(tokens) and tokens[at + 1].text in ("to", "that"))


def _widens_when_dropped(value: str, tokens: Sequence[Token], at: int) -> bool:
    """A quantifier of the passage that a statement leaving it out widens: 'some', 'many', 'most'
    ('most members agreed' -> 'members agreed'). A universal left out does not ('spared homeowners
    entirely' -> 'spared homeowners', 'for each game day' -> 'for a game day': the statement reads
    as generic) unless a negation bears on it ('not always recorded' -> 'recorded': a flip)."""
    if value != _UNIVERSAL or tokens[at].text in _PLACES:
        return True
    return any(words.negates(t.text) or t.text in words.APPROXIMATORS for t in tokens[max(0, at - 2) : at])


_PLACES = frozenset({"nationwide", "worldwide", "everywhere"})  # a statement may name a narrower place instead


_UNIVERSAL = str(words.SCOPE_RANK["all"])


def _each_one(tokens: Sequence[Token], at: int) -> bool:
    """'every business', 'everyone at Lark': each member, unlike 'all' before a generic plural; not
    after a word of permission ('lets every county opt in' is 'lets any county')."""
    return tokens[at].text in _EACH_ONE and not any(t.text in _PERMITS for t in tokens[max(0, at - 2) : at])


_EACH_ONE = frozenset({"every", "everyone", "everybody", "both"})
_PERMITS = frozenset(
    {"let", "lets", "letting", "allow", "allows", "allowed", "allowing", "permit", "permits", "permitting", "enable",
     "enables", "enabling", "entitle", "entitles"}
)  # fmt: skip


def _scope_name(rank: str) -> str:
    return f"scope {_SCOPE_NAMES[rank]}"


def _ranked(tokens: Sequence[Token], at: int) -> bool:
    """A rank: 'largest', 'leading', any superlative ('busiest'), 'most' or 'least' before an
    adjective ('the most serious')."""
    text = tokens[at].text
    if text in words.RANKED:
        return True
    if text in ("most", "least"):
        after = tokens[at + 1].text if at + 1 < len(tokens) else ""
        return lexicon.is_adjective(after) and not lexicon.mostly_noun(after)  # not 'most people'
    return text.endswith("est") and any(base != text and lexicon.is_adjective(base) for base in tokens[at].lemmas)


def _raised_to_a_rank(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """A superlative the statement makes of the passage's comparative ('one of the country's larger
    makers' / 'the country's largest maker'): a rank the passage does not give. (The reverse says
    less; 'the next-cheapest' is no first rank; a plain adjective made a superlative, 'early
    investors' / 'the earliest investors', is often only emphasis.)"""
    q_tokens, s_tokens = alignment.quote, alignment.source
    q_text, s_text = texts
    for link in alignment.links:
        i, j = link.quote, link.source
        if (
            link.how is How.LEMMA and _ranked(q_tokens, i) and not _ranked(s_tokens, j)
            and s_tokens[j].text.endswith("er") and not (i > 0 and q_tokens[i - 1].text in _BELOW_THE_FIRST)
        ):  # fmt: skip
            said, source = q_text[q_tokens[i].start : q_tokens[i].end], s_text[s_tokens[j].start : s_tokens[j].end]
            return [with_note(Edit(EditKind.SCOPE, said, source), "rank widened")]
    return []


_BELOW_THE_FIRST = frozenset({"next", "second", "third", "fourth", "fifth"})


def _ranks(sides: operators.Sides, span: tuple[int, int]) -> list[Edit]:
    """A rank the source restricts ("among the largest", "one of the leading", "the second
    largest") that the statement states without the restriction ("the largest")."""
    q_tokens, s_tokens, s_text, body = sides.quote, sides.source, sides.source_text, sorted(sides.body)
    edits: list[Edit] = []
    for j in range(span[0], span[1] + 1):
        if not _ranked(s_tokens, j):
            continue
        restrictor = next(
            (k for k in range(max(0, j - 4), j) if _is_restrictor(s_tokens, k, j)),
            None,
        )
        if restrictor is None:
            continue
        ranked_in_quote = [i for i in body if q_tokens[i].text == s_tokens[j].text]
        restricted_in_quote = any(
            _is_restrictor(q_tokens, k, i) for i in ranked_in_quote for k in range(max(0, i - 4), i)
        )
        if ranked_in_quote and not restricted_in_quote:
            source_words = " ".join(s_text[s_tokens[restrictor].start : s_tokens[j].end].split())
            edits.append(with_note(Edit(EditKind.SCOPE, q_tokens[ranked_in_quote[0]].text, source_words)))
    return edits


def _dropped_qualifiers(alignment: Alignment, s_text: str) -> list[Edit]:
    """Adjectives the passage puts before a noun the statement keeps, with nothing in their place
    ("its small and medium-sized members" / "its members"): what is said of some is said of all."""
    s_tokens = alignment.source
    for gap in alignment.gaps:
        if not gap.inner or not gap.source or any(lexicon.is_adjective(alignment.quote[i].text) for i in gap.quote):
            continue  # (adjectives in their place are compared word for word)
        last = gap.source[-1]
        noun = s_tokens[last + 1] if last + 1 < len(s_tokens) else None
        dropped = [j for j in gap.source if s_tokens[j].content]
        if noun is None or noun.number or not dropped or not lexicon.mostly_noun(noun.text):
            continue
        if any(
            (not t.content and t.text not in _BEFORE_QUALIFIERS) or words.is_negator(t.text)
            for t in (s_tokens[j] for j in gap.source)
        ):
            continue  # only a determiner, then adjectives ("its small and family-run"; not "no longer")
        qualifiers = [s_tokens[j].text for j in dropped]
        if any(s_tokens[j].name for j in dropped):
            continue  # "46.2 degrees Celsius": a name, no qualifier
        if all(map(lexicon.is_adjective, qualifiers)) and any(map(lexicon.mostly_adjective, qualifiers)):
            words_dropped = " ".join(s_text[s_tokens[gap.source[0]].start : s_tokens[last].end].split())
            return [with_note(Edit(EditKind.SCOPE, None, words_dropped), "qualifier dropped")]
    return []


def _dropped_restrictive_phrases(alignment: Alignment, s_text: str) -> list[Edit]:
    """A phrase the passage puts right after a noun the statement keeps, with no comma before it
    and nothing in its place ("members using federal benefits will be exempt" / "members will
    be exempt"): it says which of them; without it, what is said of some is said of all."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    for gap in alignment.gaps:
        if not gap.inner or not gap.source or any(q_tokens[i].content for i in gap.quote):
            continue
        noun, opener = s_tokens[gap.source[0] - 1], s_tokens[gap.source[0]]
        if noun.number or noun.name or not noun.content or not lexicon.can_be_noun(noun.text):
            continue
        if not (
            opener.text in _RESTRICTIVE_OPENERS
            or (opener.text.endswith(("ing", "ed")) and lexicon.can_be_verb(opener.text))
        ):
            continue
        ends = {q_tokens[i].text for i in gap.quote} | words.AUXILIARY_VERBS  # (the statement's own words here)
        phrase: list[int] = []
        for j in gap.source:
            if s_tokens[j].text in ends:
                break
            phrase.append(j)
        if len(phrase) < 2 or not s_tokens[phrase[-1]].content:
            continue  # "with a width of" (3.5-metre): the rest of the phrase is elsewhere in the statement
        last = phrase[-1]
        after = s_tokens[last + 1]
        if after.text not in words.AUXILIARY_VERBS and not lexicon.mostly_verb(after.text):
            continue  # the noun's own verb must follow ("drivers voted in favour by 79 percent": that is it)
        if {s_tokens[j].stem for j in phrase} & {q.stem for q in q_tokens if q.content}:
            continue  # "the poll conducted by Brightwater" / "Brightwater's poll": said elsewhere
        if any(operators.clause_break(s_text, s_tokens[k], s_tokens[k + 1]) for k in range(phrase[0] - 1, last + 1)):
            continue  # ", which it runs,": an aside, not which ones
        dropped = " ".join(s_text[opener.start : s_tokens[last].end].split())
        return [with_note(Edit(EditKind.SCOPE, None, dropped), "qualifier dropped")]
    return []


_RESTRICTIVE_OPENERS = frozenset({"who", "that", "whose", "with", "without"})

_BEFORE_QUALIFIERS = frozenset({"and", "or", "the", "a", "an", "its", "their", "his", "her", "our", "these", "those"})


def _dropped_bounds(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """A thing the source bounds by a figure ('trucks over 7 tonnes', 'homes within 2 km',
    'cars built before 2005') that the statement names without the bound: what is said of some
    is said of all (scope)."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    q_text, s_text = texts
    q_numbers = {t.text for t in q_tokens if t.number}
    edits: list[Edit] = []
    for link in alignment.links:
        i, j = link.quote, link.source
        noun = s_tokens[j]
        bound = j + 2 if j + 1 < len(s_tokens) and s_tokens[j + 1].text in _QUALIFYING_PARTICIPLES else j + 1
        if bound + 1 >= len(s_tokens) or s_tokens[bound].text not in _BOUNDING:
            continue
        if bound == j + 1 and s_tokens[bound].text in _WHEN:
            continue  # "sales since 2019": when, not which
        if noun.number or noun.name or not noun.content or not lexicon.mostly_noun(noun.text):
            continue  # (looked up only where a bound follows: this runs for every link of every passage)
        figure = next((k for k in (bound + 1, bound + 2) if k < len(s_tokens) and s_tokens[k].number), None)
        kept = any(t.number or t.text in _BOUNDING for t in q_tokens[i + 1 : i + 5])
        if figure is None or kept or s_tokens[figure].text in q_numbers:
            continue
        end = s_tokens[min(figure + 1, len(s_tokens) - 1)].end  # the figure and its unit
        quote, source = q_text[q_tokens[i].start : q_tokens[i].end], " ".join(s_text[noun.start : end].split())
        edits.append(with_note(Edit(EditKind.SCOPE, quote, source), "qualifier dropped"))
    return edits


def _hedged_figures(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """A figure the passage hedges on its own ('perhaps half their crop', 'possibly 3,000 jobs')
    that the statement gives with no hedge or approximation before it: the guess stated as fact.
    (A hedge elsewhere in the statement is the rewording of another hedge, not of this one.)"""
    q_tokens, s_tokens = alignment.quote, alignment.source
    q_text, s_text = texts
    to_quote = {link.source: link.quote for link in alignment.links}
    for j, token in enumerate(s_tokens):
        if token.text not in _FIGURE_HEDGES:
            continue
        figure = next((k for k in (j + 1, j + 2) if k < len(s_tokens) and _a_count(s_tokens[k])), None)
        if figure is None or figure not in to_quote or (figure == j + 2 and s_tokens[j + 1].text not in ("a", "an")):
            continue
        i = to_quote[figure]
        if any(_hedges_a_figure(t) for t in q_tokens[max(0, i - 2) : i]):
            continue
        quote = q_text[q_tokens[i].start : q_tokens[i].end]
        source = " ".join(s_text[token.start : s_tokens[figure].end].split())
        return [with_note(Edit(EditKind.HEDGE, quote, source), "possibility dropped")]
    return []


def _nearly_all(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """'almost always', 'nearly every', 'virtually no' in the passage, the universal kept and the
    approximation dropped by the statement ('always'): what holds of most is said of all."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    q_text, s_text = texts
    to_quote = {link.source: link.quote for link in alignment.links}
    for j in range(1, len(s_tokens)):
        if s_tokens[j - 1].text not in _NEARLY or s_tokens[j].text not in _UNIVERSALS or j not in to_quote:
            continue
        i = to_quote[j]
        if i > 0 and (q_tokens[i - 1].text in _NEARLY or q_tokens[i - 1].text in words.APPROXIMATORS):
            continue
        quote = q_text[q_tokens[i].start : q_tokens[i].end]
        source = " ".join(s_text[s_tokens[j - 1].start : s_tokens[j].end].split())
        return [with_note(Edit(EditKind.SCOPE, quote, source), "scope widened")]
    return []


_NEARLY = frozenset({"almost", "nearly", "virtually", "practically"})
_UNIVERSALS = frozenset(
    {"all", "always", "every", "everyone", "everybody", "everything", "everywhere", "entirely", "completely",
     "never", "no", "none", "nobody", "nothing", "nowhere"}
)  # fmt: skip


def _a_count(token: Token) -> bool:
    return token.number or token.text in lexicon.NUMBER_WORDS


def _hedges_a_figure(token: Token) -> bool:
    text = token.text
    return text in _FIGURE_HEDGES or text in words.APPROXIMATORS or text in _BOUNDING or text in ("up", "as")


_FIGURE_HEDGES = frozenset({"perhaps", "possibly", "maybe", "potentially"})


def _all_for_a_count(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """'every farm' where the passage counts the farms ('27 farms', '5 of its 9 farms'): what is
    said of some is said of all."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    q_text, s_text = texts
    to_source = {link.quote: link.source for link in alignment.links}
    for i, token in enumerate(q_tokens):
        after = q_tokens[i + 1] if i + 1 < len(q_tokens) else None
        idiom = (
            i > 0
            and q_tokens[i - 1].text in _NOT_ALL_BEFORE
            and not (after and (after.number or after.content) and not operators.clause_break(q_text, token, after))
        )
        if token.text not in _ALL or idiom:
            continue  # "in all", "at all", "after all" (not "ahead in all 17 seats", "in all cases")
        noun = next((k for k in range(i + 1, min(i + 6, len(q_tokens))) if k in to_source
                     and _counted_noun(q_tokens[k])), None)  # fmt: skip
        if noun is None or q_tokens[noun].text in words.PERIODS:
            continue  # "each year" is a rate ("a year"), not a scope
        j = to_source[noun]
        before = s_tokens[max(0, j - 5) : j]
        distributive = any(t.text == "per" and u.text != "cent" for t, u in itertools.pairwise(s_tokens[j - 5 : j + 1]))
        if distributive or any(t.text in _ALL or t.text in ("any", "both") for t in before):
            continue  # "let any district", "in both directions", "£40 per room": every district, each one
        ours = {t.text for t in q_tokens[i:noun] if t.number}
        counts = [t for t in before if (t.number or t.text in lexicon.NUMBER_WORDS) and t.text not in ours]
        if counts:
            quote = " ".join(q_text[token.start : q_tokens[noun].end].split())
            source = " ".join(s_text[counts[0].start : s_tokens[j].end].split())
            return [with_note(Edit(EditKind.SCOPE, quote, source), "scope widened")]
    return []


def _one_and_several(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """One thing made several, or several made one, of a noun both sides share ("a probe opened
    by one overseas market" / "probes opened by several overseas markets"): no figure stands on
    the side of 'several' for the figures to compare."""
    q_text, s_text = texts
    edits: list[Edit] = []
    for link in alignment.links:
        q_count = _count_before(alignment.quote, link.quote)
        s_count = _count_before(alignment.source, link.source)
        if q_count is not None and s_count is not None and q_count[0] != s_count[0]:
            q_start, s_start = alignment.quote[q_count[1]].start, alignment.source[s_count[1]].start
            q, s = alignment.quote[link.quote], alignment.source[link.source]
            edit = Edit(EditKind.SCOPE, q_text[q_start : q.end], s_text[s_start : s.end])
            edits.append(with_note(edit, "count differs"))
    return edits


def _across_named_places(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """A statement that spreads over a whole area ("across the province", "throughout the
    country") what the passage says of named places only ("in Port Alder and Greyford"): the
    passage names places after 'in' and says nothing of that whole area."""
    q_text, s_text = texts
    q_tokens, s_tokens = alignment.quote, alignment.source
    for k in range(len(q_tokens) - 2):
        if q_tokens[k].text not in _ACROSS or q_tokens[k + 2].text not in words.PLACE_EXTENTS:
            continue
        area = q_tokens[k + 2].text
        if q_tokens[k + 1].text not in ("the", "this", "our", "their", "its"):
            continue
        if any(t.text == area or (t.text in _ACROSS and not t.name) for t in s_tokens):
            return []  # the passage speaks of that area, or of some whole
        places = [j for j in range(1, len(s_tokens)) if s_tokens[j].name and s_tokens[j - 1].text == "in"]
        if places:
            said = q_text[q_tokens[k].start : q_tokens[k + 2].end]
            place = s_tokens[places[0]]
            edit = Edit(EditKind.SCOPE, said, s_text[s_tokens[places[0] - 1].start : place.end])
            return [with_note(edit, "scope widened")]
    return []


_ACROSS = frozenset({"across", "throughout", "nationwide", "countrywide"})


def _count_before(tokens: Sequence[Token], at: int) -> tuple[bool, int] | None:
    """Whether the noun at `at` is counted as one ('one', 'a single') or as several ('several',
    'many', 'multiple', 'numerous', 'various') by a word at most two words before it, and where."""
    for k in range(at - 1, max(-1, at - 3), -1):
        word = tokens[k].text
        if word in _COUNTED_ONE:
            return False, k
        if word in _COUNTED_SEVERAL:
            return True, k
        if not tokens[k].content:
            return None
    return None


_COUNTED_ONE = frozenset({"one", "single"})
_COUNTED_SEVERAL = frozenset({"several", "many", "multiple", "numerous", "various"})


def _counted_noun(token: Token) -> bool:
    """A word after 'every', 'all', 'each' that can name what is counted ('every farm'; not the
    owner's name in 'all 17 of Port Alder's seats')."""
    return (
        token.content and not token.number and not token.name and token.text not in lexicon.NUMBER_WORDS
        and (lexicon.can_be_noun(token.text) or not lexicon.is_known(token.text))  # ("boreholes": unknown, a noun)
    )  # fmt: skip


_ALL = frozenset({"all", "every", "each"})
_NOT_ALL_BEFORE = frozenset({"in", "at", "after", "above"})


def _certainty_for_modal(alignment: Alignment, texts: tuple[str, str]) -> list[Edit]:
    """'will' in the place of the passage's 'can', 'should' or 'may' ("a spark can ignite the ridge" /
    "will ignite the ridge"): a possibility or an expectation stated as a certainty. The modals
    are function words, so the gap comparison of content words never sees them."""
    q_text, s_text = texts
    edits: list[Edit] = []
    for gap in alignment.gaps:
        if not gap.inner:
            continue
        certain = next((i for i in gap.quote if alignment.quote[i].text in _CERTAIN), None)
        modal = next(
            (j for j in gap.source if _modal_base(alignment.source[j].text) in _UNCERTAIN
             and not _backshifted(alignment.source, s_text, j)),
            None,
        )  # fmt: skip
        if certain is None or modal is None:
            continue
        q, s = alignment.quote[certain], alignment.source[modal]
        what = _UNCERTAIN[_modal_base(s.text)]
        dropped = Edit(EditKind.HEDGE, q_text[q.start : q.end], s_text[s.start : s.end])
        edits.append(with_note(dropped, f"{what} dropped"))
    return edits


def _backshifted(tokens: Sequence[Token], text: str, at: int) -> bool:
    """Is the 'would' at `at` the 'will' of reported speech ('she said the plant would close'),
    after a reporting verb in the past in its sentence? Otherwise it is conditional ('the
    airport says the change would create 600 jobs': if it is approved)."""
    if tokens[at].text != "would":
        return False
    start = operators.sentence_start(tokens, text, at)
    return any(t.text in words.REPORTING and t.text not in _PRESENT_REPORTING for t in tokens[start:at])


_PRESENT_REPORTING = frozenset({"say", "says", "argue", "argues", "claim", "claims", "warn", "warns", "believe",
                                "believes", "predict", "suggest", "suggests", "state", "states", "insist", "insists",
                                "according"})  # fmt: skip


def _modal_base(word: str) -> str:
    return {"cannot": "can", "can't": "can"}.get(word, word.removesuffix("n't"))


_CERTAIN = frozenset({"will", "shall", "'ll", "won't"})
_UNCERTAIN = {
    **{modal: words.QUOTED_HEDGES[modal].value for modal in ("can", "should")},
    **{modal: words.HEDGES[modal].value for modal in ("may", "might", "could")},
    "would": words.Hedge.CONDITION.value,
}  # (a hedge elsewhere in the statement does not make up for 'will' in the modal's own place)


_WHEN = frozenset({"after", "before", "since"})
_BOUNDING = frozenset({"above", "over", "below", "under", "within", "exceeding", "beyond"}) | _WHEN
# a participle between a thing and the figure that bounds it ("cars built before 2005")
_QUALIFYING_PARTICIPLES = frozenset({"born", "aged", "built", "made", "earning", "living", "registered", "weighing"})


def _is_restrictor(tokens: Sequence[Token], k: int, ranked: int) -> bool:
    """Does the word at k restrict the rank at `ranked`? 'among' anywhere before it, 'one' only in
    'one of', an ordinal only right before it ('the second largest', 'second-largest')."""
    text = tokens[k].text
    if text in words.ORDINALS:
        return k == ranked - 1
    return text == "among" or (text == "one" and k + 1 < len(tokens) and tokens[k + 1].text == "of")


_STRONG_CAUSAL_PHRASES = (
    ("because",), ("due", "to"), ("owing", "to"), ("thanks", "to"), ("as", "a", "result"), ("result", "of"),
    ("resulted", "in"), ("results", "in"), ("result", "in"), ("led", "to"), ("lead", "to"), ("leads", "to"),
    ("leading", "to"), ("caused",), ("causes",), ("cause",), ("causing",), ("therefore",), ("thus",), ("hence",),
    ("consequently",), ("triggered",), ("blamed",), ("attributed", "to"), ("driven", "by"), ("drove",),
    ("fuelled",), ("fueled",), ("spurred",), ("prompted",), ("so", "that"), ("because", "of"),
)  # fmt: skip


_CAUSAL_STARTS = frozenset(phrase[0] for phrase in _STRONG_CAUSAL_PHRASES)


def _so_clause(tokens: Sequence[Token], text: str, at: int) -> bool:
    """', so the ...': 'so' opening a clause of consequence after a comma, or of purpose before a
    'can' ("buying them so we can retire the oldest"); ', as the ...': 'as' opening a clause of
    cause after a comma (", as the downturn hit at the same time")."""
    if tokens[at].text not in ("so", "as") or at == 0 or at + 1 >= len(tokens):
        return False
    purpose = tokens[at].text == "so" and any(t.text in ("can", "could") for t in tokens[at + 2 : at + 4])
    comma = "," in text[tokens[at - 1].end : tokens[at].start]
    return (comma or purpose) and tokens[at + 1].text in _CLAUSE_SUBJECTS


_CLAUSE_SUBJECTS = frozenset(
    {"the", "a", "an", "we", "they", "it", "i", "he", "she", "our", "their", "its", "this", "these", "those", "his",
     "her", "none", "both", "most", "many", "all"}
)  # fmt: skip


def _causal_at(tokens: Sequence[Token], indices: Sequence[int]) -> list[int]:
    chosen = set(indices)
    found: list[int] = []
    for i in indices:
        if tokens[i].text not in _CAUSAL_STARTS:
            continue
        for phrase in _STRONG_CAUSAL_PHRASES:
            end = i + len(phrase)
            if (
                end <= len(tokens)
                and all(k in chosen for k in range(i, end))
                and tuple(t.text for t in tokens[i:end]) == phrase
                and not _due_to_happen(tokens, i)
                and not _an_outcome(tokens, i, phrase)
            ):
                found.append(i)
                break
    return found


def _an_outcome(tokens: Sequence[Token], at: int, phrase: tuple[str, ...]) -> bool:
    """'alter the result in tight seats': the outcome, no cause ('the result of' is one)."""
    return phrase[-1] == "in" and phrase[0] in ("result", "results") and at > 0 and tokens[at - 1].text in _NOUN_BEFORE


_NOUN_BEFORE = frozenset({"the", "a", "an", "its", "their", "this", "that", "final", "first", "election"})


def _due_to_happen(tokens: Sequence[Token], at: int) -> bool:
    """'parts are due to arrive', 'a buyback due to be finished by 2025': an expectation; 'the fall
    was due to the strike': a cause."""
    if tokens[at].text != "due" or at + 2 >= len(tokens):
        return False
    following = tokens[at + 2]
    if following.text in ("be", "have", "start", "begin", "end", "open", "close", "arrive", "take"):
        return True
    if at == 0 or tokens[at - 1].text not in _BE:
        return False
    return following.content and not following.number and not following.name


def _another_cause(sides: operators.Sides, q_causes: Sequence[int]) -> list[Edit]:
    """The statement's "X because Y" where the passage states causes, but none of them is Y: the
    words the statement gives as the cause (two or more, the passage's own) stand after none of
    the passage's "because", "due to", "as" and before none of its "so", "therefore", "led to"."""
    q_tokens, s_tokens, q_text, s_text = sides.quote, sides.source, sides.quote_text, sides.source_text
    for i in q_causes:
        if q_tokens[i].text not in _CAUSE_FOLLOWS:
            continue
        cause = [
            sides.to_source[k]
            for k in operators.governed(q_tokens, q_text, i)
            if k > i and k in sides.to_source and q_tokens[k].content
        ]
        if len(cause) < _CAUSE_WORDS:
            return []
        for j in range(len(s_tokens)):
            word = s_tokens[j].text
            ahead = range(j + 1, min(len(s_tokens), j + _CAUSE_REACH))
            behind = range(max(0, j - _CAUSE_REACH), j)
            after = s_tokens[j + 1].text if j + 1 < len(s_tokens) else ""
            before = s_tokens[j - 1].text if j else ""
            from_a_cause = word == "from" and before in _MAINLY  # "costs, largely from a pay rise"
            follows = word in _CAUSE_FOLLOWS or word in words.CAUSAL_IN_PASSING or from_a_cause
            if follows or _so_clause(s_tokens, s_text, j):
                reach = behind if word == "so" else ahead
            elif word in words.CAUSAL or word == "why":  # "Y led to X", "Y, which is why X"; "driven by Y"
                reach = ahead if after in _CAUSE_AFTER and word not in _LEADS else behind
            else:
                continue
            if any(k in reach and not _sentence_end_between(s_tokens, s_text, j, k) for k in cause):
                return []
        said = q_text[q_tokens[i].start : q_tokens[i].end]
        return [with_note(Edit(EditKind.CONNECTIVE, said, None), "cause differs: the passage gives it no such cause")]
    return []


_CAUSE_FOLLOWS = frozenset({"because", "due", "owing", "thanks", "since", "as", "given", "amid"})  # the cause after
_CAUSE_AFTER = frozenset({"by", "to", "of", "on", "from"})  # "driven by", "attributed to", "result of", "blamed on"
_LEADS = frozenset({"led", "lead", "leads", "leading", "resulted", "results", "contributed", "contributes"})
_MAINLY = frozenset({"largely", "mainly", "mostly", "partly", "chiefly", "primarily"})
_CAUSE_WORDS = 2  # the statement's cause in the passage's words, at least, to be looked for there
_CAUSE_REACH = 24  # words from a passage's causal word to the cause it names (in its sentence)


def _causal(sides: operators.Sides, explained: set[int]) -> list[Edit]:
    """A cause the statement gives that the passage does not (it may state the two facts side
    by side, or one after the other)."""
    q_tokens, s_tokens, q_text, s_text = sides.quote, sides.source, sides.quote_text, sides.source_text
    body = sorted(sides.body)
    span = range(len(s_tokens))
    q_causes = _causal_at(q_tokens, body)
    explained.update(i for i in body if q_tokens[i].text in words.CAUSAL)
    if not q_causes:
        return []
    which_is_why = any(t.text == "why" and s_tokens[j - 1].text == "is" for j, t in enumerate(s_tokens) if j)
    if (
        _causal_at(s_tokens, span)
        or which_is_why
        or any(t.text in words.CAUSAL_IN_PASSING for t in s_tokens)
        or any(_so_clause(s_tokens, s_text, j) for j in span)  # "it takes two years, so the first menus ..."
    ):
        return _another_cause(sides, q_causes)
    i = q_causes[0]
    s_link = [j for j in span if s_tokens[j].text in words.TEMPORAL or s_tokens[j].text in words.CONTRASTIVE]
    source_word = s_text[s_tokens[s_link[0]].start : s_tokens[s_link[0]].end] if s_link else None
    return [
        with_note(
            Edit(EditKind.CONNECTIVE, q_text[q_tokens[i].start : q_tokens[i].end], source_word),
            "cause added (the source states no cause)",
        )
    ]


# ---------------------------------------------------------------- exchange and attribution

_ALL_THERE = 0.9  # coverage from which two items crossing over each other are read as traded places
_NAMES_THERE = 0.7  # ... two names or figures
_NOT_PIVOTS = frozenset({"and", "or", "nor", "as", "well", "plus", "both", "with", "the", "a", "an", "of", "'s"})
_REACH = 8  # words between a pivot and each of the items that trade places around it
_NOT_ITEMS = frozenset({"among", "amongst", "between", "within", "across", "around", "through", "throughout"})
_REACH_OF = {"on": 4}  # ... around a word of relation with many other uses ("the pull of A on B", "on a turnout")


def _exchanges(alignment: Alignment, q_text: str, *, names_only: bool = False) -> list[Edit]:
    """Two items of the statement on either side of a word both sides share that the passage has
    the other way round: names or figures around a verb ("A summoned B's ambassador", "22 to X
    and 9 to Y"), any content words around a word of relation ("from X to Y", "X faster than Y",
    "X because Y"). At least one item crosses to the other side of that word in the passage, and
    the other crosses too or is not in the passage at all. When one side is passive ("A was sued
    by B") and the other active, it is the other way round: the items keep their places."""
    q_tokens, s_tokens = alignment.quote, alignment.source
    where = {link.quote: link.source for link in alignment.links}
    pivots = [(link.quote, link.source) for link in alignment.links]
    linked = {link.quote for link in alignment.links}
    for i, token in enumerate(q_tokens):  # a word of relation may be left out of the alignment
        if token.text in _RELATIONS and i not in linked:
            pivots += [(i, j) for j in _same_relation(alignment, where, i)]
    for v_q, v_s in pivots:
        word = q_tokens[v_q].text
        if word == "than" and not (_compares(q_tokens, v_q) and _compares(s_tokens, v_s)):
            continue  # "rather than", "more than half": no comparison of two items
        if word == "to" and (_infinitive(q_tokens, v_q) or _infinitive(s_tokens, v_s)):
            continue  # "likely to lose": no relation between two items
        relational = word in _RELATIONS
        if not relational and (names_only or not q_tokens[v_q].content or word in _NOT_PIVOTS):
            continue  # (in a rewording of its own only a word of relation: "from A to B", "A beat B")

        def item(i: int, relational: bool = relational and not names_only) -> bool:
            token = q_tokens[i]
            if names_only and token.name and (token.text.endswith("'s") or _known(token.text)):
                return False  # an owner ("Acme's plant") or a nationality keeps its role in a rewording
            if token.text in words.CALENDAR:
                return False  # "in September": a date, no role
            return (
                token.name
                or token.number
                or (
                    relational
                    and token.content
                    and token.text not in _RELATIONS
                    and token.text not in _NOT_ITEMS
                    and not words.is_negator(token.text)
                )
            )

        reach = _REACH_OF.get(word, _REACH)
        before = [i for i in range(max(0, v_q - reach), v_q) if item(i)]
        after = [i for i in range(v_q + 1, min(len(q_tokens), v_q + 1 + reach)) if item(i)]
        for a in before:
            for b in after:
                if q_tokens[a].number != q_tokens[b].number or q_tokens[a].year != q_tokens[b].year:
                    continue  # a name and a figure, a year and a quantity do not trade places
                if q_tokens[a].number and _a_share(q_tokens, q_text, a) != _a_share(q_tokens, q_text, b):
                    continue  # nor a share and an amount ("rose 19 percent to 28,000 yuan")
                a_s, b_s = where.get(a), where.get(b)
                passive = _passive(q_tokens, v_q, b) != (
                    a_s is not None and b_s is not None and _passive(s_tokens, v_s, max(a_s, b_s))
                )
                if passive:
                    crossed = a_s is not None and b_s is not None and a_s < v_s < b_s
                else:
                    a_crossed = a_s is not None and v_s < a_s <= v_s + _REACH
                    b_crossed = b_s is not None and v_s - _REACH <= b_s < v_s
                    # a name may have been swapped for one the passage does not give here
                    loose = not relational and q_tokens[a].name and q_tokens[b].name
                    crossed = (a_crossed and b_crossed) or (
                        loose and ((a_crossed and b_s is None) or (b_crossed and a_s is None))
                    )
                if not crossed or _one_thing(q_tokens[a], q_tokens[b]):
                    continue
                qa, qb = _item_surface(q_tokens, q_text, a), _item_surface(q_tokens, q_text, b)
                kind = EditKind.CONNECTIVE if word in words.CAUSAL else EditKind.EXCHANGE
                what = "cause and effect reversed" if kind is EditKind.CONNECTIVE else "roles exchanged"
                return _traded(kind, what, qa, qb)
    return [] if names_only else _traded_slots(alignment, q_text)


def _a_share(tokens: Sequence[Token], text: str, at: int) -> bool:
    """Is the figure at `at` a percentage ('19 percent', '19%')?"""
    after = tokens[at + 1].text if at + 1 < len(tokens) else ""
    return after in ("percent", "per", "pct") or text[tokens[at].end : tokens[at].end + 1] == "%"


def _same_relation(alignment: Alignment, where: dict[int, int], at: int) -> list[int]:
    """The passage's occurrences of the statement's unaligned word of relation at `at`: the one
    before the passage's counterpart of the word after it, when there is one ('five to Wexmoor'
    and 'five of them to Wexmoor': that 'to', not the one of 'two to Ashby'); else every one."""
    word = alignment.quote[at].text
    object_at = where.get(at + 1)
    if object_at is not None and object_at > 0 and alignment.source[object_at - 1].text == word:
        return [object_at - 1]
    return [j for j, other in enumerate(alignment.source) if other.text == word]


def _traded_slots(alignment: Alignment, q_text: str) -> list[Edit]:
    """Two content words that the alignment could only place out of order and that sit in each
    other's places in the passage: each between the words that frame the other in the statement
    ("found A on X and B in Y" / "found B on X and A in Y")."""
    q_tokens = alignment.quote
    anchors = alignment.anchors
    moved = sorted(
        (link.quote, link.source)
        for link in alignment.links
        if link.moved and q_tokens[link.quote].content and not words.is_negator(q_tokens[link.quote].text)
    )

    def inside(at: int, span: tuple[int, int]) -> bool:
        return 0 < at - span[0] <= _SLOT and 0 < span[1] - at <= _SLOT

    size = len(alignment.source)
    for n, (a, a_s) in enumerate(moved):
        for b, b_s in moved[n + 1 :]:
            frame_a, frame_b = _frame(anchors, a, size), _frame(anchors, b, size)
            if (
                frame_a and frame_b and frame_a != frame_b and inside(b_s, frame_a) and inside(a_s, frame_b)
                and not _one_thing(q_tokens[a], q_tokens[b])
            ):  # fmt: skip
                qa, qb = _item_surface(q_tokens, q_text, a), _item_surface(q_tokens, q_text, b)
                return _traded(EditKind.EXCHANGE, "roles exchanged", qa, qb)
    return []


def _frame(anchors: Sequence[tuple[int, int]], i: int, size: int | None = None) -> tuple[int, int] | None:
    """The passage positions of the in-order links just before and just after statement token i
    (`Alignment.anchors`), the words that frame its place; at either end None, or with `size`
    (the passage's length) its start or end."""
    before = [s for q, s in anchors if q < i]
    after = [s for q, s in anchors if q > i]
    if size is not None and (before or after):
        return (before[-1] if before else -1, after[0] if after else size)
    return (before[-1], after[0]) if before and after else None


def _one_thing(a: Token, b: Token) -> bool:
    """Two words for the same thing ('plants' and 'factory'): their trading places is no exchange."""
    if a.name or b.name or a.number or b.number:
        return False
    return lexicon.relation(a.text, b.text) in _ONE_THING


_ONE_THING = frozenset({lexicon.Relation.SAME, lexicon.Relation.SYNONYM, lexicon.Relation.HYPERNYM})


def _traded(kind: EditKind, what: str, qa: str, qb: str) -> list[Edit]:
    return [Edit(kind, f"{qa} … {qb}", f"{qb} … {qa}", f"{what}: '{qa}' and '{qb}' trade places")]


_SLOT = 3  # words between an item and each of the words that frame its place


def _infinitive(tokens: Sequence[Token], to: int) -> bool:
    """'to' before a verb ('expected to rise'), not before what something goes to ('to Spain')."""
    after = tokens[to + 1] if to + 1 < len(tokens) else None
    return after is not None and not (after.name or after.number) and lexicon.mostly_verb(after.text)


def _compares(tokens: Sequence[Token], than: int) -> bool:
    """'faster than', 'more expensive than', 'higher among A than among B': a comparison of two
    items, not 'rather than' or the bound of a figure ('more than half')."""
    before = tokens[than - 1].text if than > 0 else ""
    after = tokens[than + 1] if than + 1 < len(tokens) else None
    if before == "rather" or after is None or after.number or after.text in lexicon.NUMBER_WORDS:
        return False
    if before.endswith("er") or (than > 1 and tokens[than - 2].text in ("more", "less")):
        return True
    # the comparative a few words before: "higher among tenants than among owners"
    return any(_a_comparative(tokens[k].text) for k in range(max(0, than - _COMPARED_REACH), than - 1))


def _a_comparative(word: str) -> bool:
    return (
        word in ("more", "less", "fewer", "better", "worse")
        or (word.endswith("er") and _direction(word) != 0)
        or (word.endswith("er") and lexicon.is_adjective(word.removesuffix("er")))
    )


def _item_surface(tokens: Sequence[Token], text: str, at: int) -> str:
    """The item at `at` with the name it belongs to ("Acme Corp", not "Corp")."""
    first = last = at

    def capital(k: int) -> bool:
        return text[tokens[k].start : tokens[k].start + 1].isupper()

    if tokens[at].number and at > 0 and capital(at - 1) and not text[tokens[at - 1].end : tokens[at].start]:
        first = at - 1  # "M6", "G7"
    if capital(at):
        while first > 0 and capital(first - 1) and tokens[first - 1].content:
            first -= 1
        while last + 1 < len(tokens) and capital(last + 1) and tokens[last + 1].content:
            last += 1
    return " ".join(text[tokens[first].start : tokens[last].end].split())


def _passive(tokens: Sequence[Token], verb: int, agent: int) -> bool:
    """'was sued by B': a form of 'be' just before the verb and 'by' just before the agent."""
    be = any(t.text in _BE for t in tokens[max(0, verb - 2) : verb])
    return be and any(tokens[k].text == "by" for k in range(max(0, agent - 3), agent))


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# words of relation between two items: the items trading places around them reverses the statement
_RELATIONS = frozenset(
    {"to", "from", "than", "against", "into", "toward", "towards", "versus", "vs", "because", "since", "after",
     "before", "over", "onto", "on", "beat", "beats", "defeated", "led", "caused"}
)  # fmt: skip


def _other_person(ours: Sequence[str], theirs: Sequence[str]) -> bool:
    """Two speakers that share a word (the firm: "Acme's Jane Doe", "Acme's John Roe") but end in
    different surnames, neither in the other's words: another person of the same body."""
    ours_last, theirs_last = ours[-1], theirs[-1]
    return (
        ours_last not in theirs and theirs_last not in ours
        and not lexicon.is_known(ours_last) and not lexicon.is_known(theirs_last)
    )  # fmt: skip


def _a_stranger_here(context: Context, names: set[str]) -> bool:
    """Names of a speaker that the page gives elsewhere, but neither in the passage nor in its
    paragraph."""
    proper = [w for w in names if not lexicon.is_known(w)]
    return bool(proper) and all(
        context.page_has_name(w)
        and not context.named_nearby(w)
        and not context.named_in_passage(w)
        and not context.prominent(w)  # an interviewee, the author of an op-ed, the body that issued a statement
        for w in proper
    )


def _described_elsewhere(context: Context, described: set[str]) -> list[Edit]:
    """The names a statement gives its speaker besides the speaker's own (the body the speaker
    works for, 'project manager at Acme'): the page gives them, but neither around the passage
    nor in any sentence that names the speaker, so it describes the speaker otherwise ("Acme"
    for the page's "Borex")."""
    proper = [w for w in described if not lexicon.is_known(w)]
    if not proper:
        return []
    edit = Edit(EditKind.ATTRIBUTION, " ".join(context.statement_speaker), " ".join(context.speakers[:4]) or None)
    absent = [w for w in proper if not context.page_has_name(w)]
    if absent:
        return [with_note(edit, f"speaker described with a name the page never gives ({', '.join(sorted(absent))})")]

    def given(w: str) -> bool:  # (a main voice of the page, its author: "Citing the federation, Ida Berg writes")
        return context.named_nearby(w) or context.prominent(w) or context.named_together([*context.speakers, w])

    if all(map(given, proper)):
        return []
    return [with_note(edit, "speaker described otherwise (the page names this elsewhere)")]


def _attribution(context: Context) -> list[Edit]:
    """The statement credits a speaker the page does not credit with the passage."""
    group = [w for w in context.statement_speaker[:1] if w in words.SPEAKER_GROUPS]
    wanted = {
        w for w in context.statement_speaker
        if w not in words.SELF_REFERENCES and w not in words.HONORIFICS and w not in words.SPEAKER_GROUPS
    }  # fmt: skip
    if group and len(context.speakers) == 1 and not lexicon.is_known(context.speakers[0]):
        edit = Edit(EditKind.SCOPE, " ".join(context.statement_speaker), context.speakers[0])
        return [with_note(edit, "speakers widened: the page has one of them say it")]
    if not wanted:
        return []  # "the author says": the page's own words
    names = {w for w in wanted if not lexicon.is_known(w)} or wanted  # "Vantongeren", not "administrator"
    if len(names) < 2 and lexicon.is_known(next(iter(names), "")):
        return []  # one common word ("Investigators said") is too loose to contradict the page's speaker
    titled = any(w in words.HONORIFICS for w in context.statement_speaker)  # "Professor Rose Hunter": a name
    if all(map(lexicon.is_known, names)) and not titled and not all(lexicon.is_known(w) for w in context.speakers):
        return []  # a role ("the retired diplomat") may be how the statement names the passage's named speaker
    if context.in_an_answer and not any(
        context.prominent(w) or context.introduced(w) or context.named_in_passage(w) for w in names
    ):
        edit = Edit(EditKind.ATTRIBUTION, " ".join(context.statement_speaker), None)
        return [with_note(edit, "attribution differs: the page gives these words as the interviewee's answer")]
    if context.credited_to_none and _a_stranger_here(context, names):
        edit = Edit(EditKind.ATTRIBUTION, " ".join(context.statement_speaker), None)
        return [with_note(edit, "attribution not supported: the page credits no one with these words")]
    speakers = [w for w in context.speakers if w not in words.HONORIFICS]
    if not speakers:
        return []
    # the page's speaker, maybe by part of the name ("Chen" for "Chen Yali"): the rest describes them
    if set(speakers) <= wanted or (names & set(speakers) and not _other_person(context.statement_speaker, speakers)):
        return _described_elsewhere(context, names - set(speakers))
    if not all(context.page_has_name(w) for w in names) and all(lexicon.is_known(w) for w in speakers):
        return []  # a speaker the page never names, the passage's known only by a role: it may be that one
    if any(context.named_nearby(w) for w in names) and not set(speakers) - names:
        return []
    if all(map(context.named_in_passage, names)):
        return []  # named in the passage itself: its speaker in an apposition ("Ida Berg, a judge at Tolva")
    said_by = " ".join(speakers[:4]) or None
    return [
        with_note(
            Edit(EditKind.ATTRIBUTION, " ".join(context.statement_speaker), said_by),
            "attribution differs",
        )
    ]
