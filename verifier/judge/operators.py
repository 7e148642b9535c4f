"""Operator words and what they govern: a negation, a hedge or a quantifier bears on the content
words that follow it in its clause. A statement and its passage agree on an operator when, for
the words they share, both put one of the same class over them (or neither does): "refused to
pay" and "did not pay" agree; "some reefs" and "reefs" do not. An operator over words the other
side never mentions is left alone: the clause is not part of the comparison. Pure."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from verifier.judge import lexicon, words
from verifier.judge.align import Alignment, Token
from verifier.judge.kinds import Edit, EditKind, with_note

_ASIDE = 4  # words of an aside between commas after an operator ("cannot, on its own, build")
_REACH = 8  # words either side of an operator that it may govern, within its clause
_EXCLUSIVE_TOO = frozenset({"just", "alone", "merely", "simply", "except"})
_TIMES = frozenset({"twice", "thrice"})  # how often, as a number says how many  # "alike except for X": only X differs
_MORE_OR_LESS = frozenset({"more", "less"})  # ("the most likely cause" hedges like "the likeliest")
_DETERMINERS = frozenset(
    {"a", "an", "the", "another", "one", "two", "each", "every", "no", "its", "their", "our", "his", "her", "this"}
)
_APPEARS_AS_HEDGE = frozenset({"to", "that", "likely", "unlikely", "set"})
_NOT_A_NUMBER_BEFORE = frozenset({"no", "any", "every", "each", "some"})  # "no one", "any one"
_COMPARATIVE_BOUNDS = frozenset({"more", "less", "fewer", "later", "earlier", "greater", "higher", "lower", "longer"})
_CLAUSE_WORDS = frozenset({"but", "while", "whereas", "although", "though", "because", "which", "who", "if"})


def clause_break(text: str, left: Token, right: Token) -> bool:
    between = text[left.end : right.start]
    return any(mark in between for mark in ',;:.!?—–()"“”') or " - " in between


@dataclass(frozen=True)
class Sides:
    """Both token lists, their texts, and the alignment's links both ways."""

    quote: Sequence[Token]
    source: Sequence[Token]
    quote_text: str
    source_text: str
    to_source: dict[int, int]  # statement token -> passage token (aligned, or a flipped pair)
    to_quote: dict[int, int]
    body: frozenset[int]  # statement tokens outside its reporting frame
    figure_tokens: frozenset[int]  # statement tokens inside figures (their bounds are the figures' business)
    anchored: frozenset[int] = frozenset()  # statement tokens aligned in order (not moved, not flipped)

    @classmethod
    def of(
        cls,
        alignment: Alignment,
        *,
        texts: tuple[str, str],
        body: Collection[int],
        figure_tokens: frozenset[int],
        flipped: Sequence[tuple[int, int]],
    ) -> Sides:
        quote_text, source_text = texts
        to_source = {link.quote: link.source for link in alignment.links}
        to_source.update(flipped)
        return cls(
            alignment.quote, alignment.source, quote_text, source_text, to_source,
            {s: q for q, s in to_source.items()}, frozenset(body), figure_tokens,
            frozenset(q for q, _ in alignment.anchors),
        )  # fmt: skip

    def side(self, on_quote: bool) -> tuple[Sequence[Token], str]:
        """One side's tokens and text: the statement's (`on_quote`) or the passage's."""
        return (self.quote, self.quote_text) if on_quote else (self.source, self.source_text)

    def links(self, on_quote: bool) -> dict[int, int]:
        """From that side's tokens to the other side's."""
        return self.to_source if on_quote else self.to_quote

    def surface(self, on_quote: bool, index: int) -> str:
        tokens, text = self.side(on_quote)
        return text[tokens[index].start : tokens[index].end]


def _breaks(tokens: Sequence[Token], text: str, k: int) -> bool:
    """Does a clause end between token k-1 and token k? Not at either comma of a short aside that
    opens right after an operator ("cannot, on its own, build")."""
    if tokens[k].text in _CLAUSE_WORDS:
        return True
    if not clause_break(text, tokens[k - 1], tokens[k]):
        return False
    return not any(_aside(tokens, text, first) for first in range(max(1, k - _ASIDE - 1), k + 1))


def _aside(tokens: Sequence[Token], text: str, first: int) -> bool:
    """Do tokens from `first` on make a short aside between two bare commas, right after an
    operator word (a negation, a hedge)?"""
    before = tokens[first - 1].text
    opens = text[tokens[first - 1].end : tokens[first].start].strip() == ","
    if not opens or not (words.is_negator(before) or before in words.HEDGES):
        return False
    for last in range(first, min(len(tokens) - 1, first + _ASIDE)):
        between = text[tokens[last].end : tokens[last + 1].start].strip()
        if between == ",":
            return True
        if between:
            return False
    return False


def clause_of(tokens: Sequence[Token], text: str, at: int) -> tuple[int, int]:
    """The first and last token of the clause around `at`, at most _REACH tokens either side."""
    low = at
    while low > 0 and at - low < _REACH and not _breaks(tokens, text, low):  # a break before `low`
        low -= 1
    high = at
    while high + 1 < len(tokens) and high - at < _REACH and not _breaks(tokens, text, high + 1):
        high += 1
    return low, high


def governed(tokens: Sequence[Token], text: str, at: int) -> list[int]:
    """The content words an operator at `at` bears on: those of its clause, near it. After a
    partitive ('none of the teams in the league ...') its reach counts from the end of the set it
    picks from, so that it takes in what it says of them."""
    low, high = clause_of(tokens, text, at)
    picked = _picked_set(tokens, text, at)
    if picked:
        high = max(high, clause_of(tokens, text, picked[-1])[1])
    return [
        k
        for k in range(low, high + 1)
        if k != at
        and tokens[k].content
        and tokens[k].text not in words.NEGATORS
        and tokens[k].text not in words.REPORTING
    ]


def _picked_set(tokens: Sequence[Token], text: str, at: int) -> list[int]:
    """The content words of the set a partitive picks from ('none of the clubs in the league |
    made a profit', 'not one of the tests | failed'): from its 'of' to the first word that reads
    as a verb rather than a noun, in its clause. What the operator says is said of them; they
    are not what it bears on."""
    after = [t.text for t in tokens[at + 1 : at + 3]]
    if after[:1] == ["of"]:
        start = at + 1
    elif after in (["one", "of"], ["single", "of"]):
        start = at + 2
    else:
        return []
    found: list[int] = []
    for k in range(start + 1, min(len(tokens), start + 1 + 2 * _REACH)):
        token = tokens[k]
        if _breaks(tokens, text, k):
            break
        if token.content and not (token.number or token.name or lexicon.mostly_noun(token.text)):
            break
        if token.content and lexicon.mostly_verb(token.text):
            break
        if token.content:
            found.append(k)
    return found


def governed_by(tokens: Sequence[Token], text: str, at: int, operators: Collection[int]) -> bool:
    """Is the word at `at` in the reach of one of `operators`: in its clause, or in the noun phrase
    a 'no' or 'without' negates, read widely ('no role in the design')?"""
    low, high = clause_of(tokens, text, at)
    for op in operators:
        if _phrase_negator(tokens, op):
            if at in _phrase(tokens, text, op, through_prepositions=True):
                return True
        elif low <= op <= high or at in governed(tokens, text, op):  # (reaching past a partitive's set)
            return True
    return False


# ---------------------------------------------------------------- which words are operators


def negations(tokens: Sequence[Token], text: str, indices: Collection[int]) -> list[int]:
    """The words among `indices` that negate what follows them."""
    found: list[int] = []
    for i in sorted(indices):
        token = tokens[i]
        word = token.text
        after = tokens[i + 1].text if i + 1 < len(tokens) else ""
        follows = text[token.end : token.end + 1]
        if follows.isdecimal() or (token.name and word == "no"):
            continue  # "NO2", "No." as a name
        before = tokens[i - 1].text if i > 0 else ""
        if word.endswith("n't") and len(word) > 3:  # "isn't" is "is not": read as its "not"
            word, before = "not", _CONTRACTED.get(word[:-3], word[:-3])
        if word == "nothing" and (after == "but" or (after in ("more", "less") and _then_than(tokens, i + 1))):
            continue  # "nothing more than a ruin", "nothing but praise": a limit, not a negation
        if word in words.NOT_NEGATING_AFTER and after in words.NOT_NEGATING_AFTER[word] and _stresses(tokens, i, word):
            continue
        if word in words.NOT_NEGATING_BEFORE and before in words.NOT_NEGATING_BEFORE[word]:
            continue
        if after == "to" and (
            (word == "yet" and before in words.PERFECT_AND_BE) or (word == "still" and before in _HAVE)
        ):
            found.append(i)  # "have yet to decide", "has still to decide" = "have not decided"
            continue
        if word in ("no", "not") and not _negates(tokens, i):
            continue  # "no more than 40", "not 40": a bound on a figure, compared with the figures
        if token.text == "not" and _after_a_comma(tokens, text, i):
            continue  # "X, not Y": a contrast, not a negation of the clause (", isn't" negates its verb)
        if word == "not" and before == "or":
            continue  # "whether or not", "whether they have one or not": both, no negation
        if word == "not" and _contrast(tokens, i, before):
            continue  # "not in one plant but in a cluster": the contrast, not a negation
        if words.negates(word) or (word in words.NEGATING_BEFORE_TO and after == "to"):
            found.append(i)
    return found


_HAVE = frozenset({"have", "has", "had"})  # "is still to" may be a plan ("the aim is still to grow"), not a negation


def _stresses(tokens: Sequence[Token], at: int, word: str) -> bool:
    """'no doubt', and 'not only X but (also) Y' (a 'but' or 'also' follows): no negation; 'did
    not just wait' without one negates. `word` is the negation as read ('not' for "isn't")."""
    return word != "not" or any(t.text in ("but", "also") for t in tokens[at + 2 : at + 2 + _REACH * 2])


def _then_than(tokens: Sequence[Token], at: int) -> bool:
    return at + 1 < len(tokens) and tokens[at + 1].text == "than"


# the auxiliary inside a contraction whose spelling is not the word's ("can't", "won't", "shan't")
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}


def _contrast(tokens: Sequence[Token], at: int, before: str) -> bool:
    """'not in one plant but in a cluster', 'not X but Y': the same kind of word after 'not' and
    after a 'but' soon after it (not 'was not a danger but recommended closing it'). After 'do'
    or a modal, 'not' negates the verb: 'do not stop there but drive through' says they do not
    stop. `before` is the word before the 'not' (its auxiliary, for "don't")."""
    if at + 1 >= len(tokens) or before in words.MODAL_AUXILIARIES:
        return False
    for k in range(at + 2, min(len(tokens) - 1, at + 9)):
        if tokens[k].text == "but":
            first, second = tokens[at + 1], tokens[k + 1]
            return first.text == second.text or (first.content and second.content)
    return False


def _negates(tokens: Sequence[Token], k: int) -> bool:
    """A negation word, not the start of a bound on a figure ("expects no fewer than 200");
    'no longer' negates unless 'than' follows ('no longer than five years')."""
    word = tokens[k].text
    if not words.is_negator(word):
        return False
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if word == "no" and after is not None and after.text == "one":
        return True  # "no one" is "nobody"
    if word == "no" and after is not None and after.text == "longer":
        return not (k + 2 < len(tokens) and tokens[k + 2].text == "than")
    if word in ("no", "not") and after is not None and after.text in _COMPARATIVE_BOUNDS:
        # "no higher than elsewhere" is "not higher than"; "no higher than 5%", "and no lower": bounds
        than = k + 2 < len(tokens) and tokens[k + 2].text == "than"
        return than and not _a_figure_after(tokens, k + 3)
    return not (word in ("no", "not") and after is not None and after.number)


def _a_figure_after(tokens: Sequence[Token], at: int) -> bool:
    """Is there a figure within the few words from `at` ("than 40", "than a third", "of 5%")?"""
    return any(
        token.number or token.text in lexicon.NUMBER_WORDS or token.text.rstrip("s") in lexicon.NUMBER_WORDS
        for token in tokens[at : at + _PHRASE + 1]
    )


def _classes(
    tokens: Sequence[Token], indices: Collection[int], classify: Callable[[int], str | None]
) -> dict[int, str]:
    found: dict[int, str] = {}
    for i in sorted(indices):
        kind = classify(i)
        if kind is not None:
            found[i] = kind
    return found


def hedge_of(tokens: Sequence[Token], text: str, i: int) -> str | None:
    """The hedge class of the word at i; a condition is compared apart (see condition_edits)."""
    token = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    hedge = words.HEDGES.get(token.text)
    if hedge is None:
        hedge = words.QUOTED_HEDGES.get(token.text)  # "can", "should", "due to": a rewording of a hedge
        if token.text == "due" and (after is None or after.text != "to"):
            return None
    if hedge is None or hedge is words.Hedge.CONDITION or token.name or _the_month(tokens, i):
        return None  # "May" the month
    if hedge is words.Hedge.ESTIMATE and after is not None and (after.number or after.text in lexicon.NUMBER_WORDS):
        return None  # "an estimated 500": an approximation, compared with its figure
    if token.text == "suspect" and i > 0 and tokens[i - 1].text in _DETERMINERS:
        return None  # "the suspect": a person
    if token.text == "likelier" or (token.text == "likely" and i > 0 and tokens[i - 1].text in _MORE_OR_LESS):
        return None  # "more likely to support the changes": who tends to, compared; no hedge
    if token.text == "expected" and any(t.text in ("than", "as") for t in tokens[max(0, i - 2) : i]):
        return None  # "higher than expected" reports an outcome
    if token.text.startswith("appear") and (after is None or after.text not in _APPEARS_AS_HEDGE):
        return None  # "appears in the annex": is there, not seems
    epistemic = token.text in _EPISTEMIC and i + 2 < len(tokens) and tokens[i + 2].text in _EPISTEMIC_AFTER_NOT
    low, high = clause_of(tokens, text, i)
    if (
        not epistemic
        and token.text not in _LIKELIHOOD_ADVERBS
        and any(_negates(tokens, k) for k in range(max(low, i - 3), min(high + 1, i + 2)))
    ):
        return None  # "may not", "neither side may": permission, not a hedge ("may not have peaked" is one)
    return hedge.value


def _says_only(tokens: Sequence[Token], text: str, i: int) -> bool:
    """Words that say what 'only' says without being a word for it: 'limited to', 'confined to',
    and a contrast that excludes the rest ('approved the design, not the construction'). They
    stand for a statement's 'only'; never counted as dropped (see only_dropped)."""
    word, after = tokens[i].text, tokens[i + 1].text if i + 1 < len(tokens) else ""
    if word in _LIMITED and after == "to":
        return True
    return word == "not" and i > 0 and _after_a_comma(tokens, text, i)


def _after_a_comma(tokens: Sequence[Token], text: str, i: int) -> bool:
    """Does a comma stand right before the word at `i` ('X, not Y')?"""
    return text[: tokens[i].start].rstrip().endswith(",")


_LIMITED = frozenset({"limited", "restricted", "confined"})


def only_dropped(_value: str, tokens: Sequence[Token], at: int) -> bool:
    """Does leaving out the passage's word at `at` lift a restriction? Not for the words that say
    what 'only' says in passing (_says_only): a statement may say it otherwise."""
    return tokens[at].text != "not" and tokens[at].text not in _LIMITED


def only_added(_value: str, tokens: Sequence[Token], at: int) -> bool:
    """Does the statement's word at `at` add a restriction of its own: 'only', not 'simply', and
    not 'only' before a small amount ('only a few cancellations', 'only slightly'), which stresses
    how little there is rather than restricting who or what?"""
    after = [t.text for t in tokens[at + 1 : at + 3]]
    return tokens[at].text in words.EXCLUSIVE and not (after and (after[0] in _LITTLE or after[:2] in _A_LITTLE))


_LITTLE = frozenset({"few", "slightly", "marginally", "modestly", "small", "little", "partly", "partially"})
_A_LITTLE = (["a", "few"], ["a", "little"], ["a", "handful"], ["a", "small"], ["a", "fraction"], ["a", "tiny"])


def _the_month(tokens: Sequence[Token], i: int) -> bool:
    """'may' after a preposition of time or a day, or before a day or year ('in May', '20 May',
    'May 3'): the month."""
    if tokens[i].text != "may":
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = tokens[i - 1] if i > 0 else None
    return (before is not None and (before.text in _BEFORE_A_MONTH or before.number)) or (
        after is not None and after.number
    )


_BEFORE_A_MONTH = frozenset({"in", "of", "since", "until", "till", "by", "from", "last", "next", "early", "late"})
_EPISTEMIC = frozenset({"may", "might", "could"})  # "may not have", "might not be": a possibility
# after "may not": a possibility ("may not yet show results", "may not necessarily"), no permission
_EPISTEMIC_AFTER_NOT = frozenset({"have", "be", "yet", "necessarily", "always", "fully", "ever"})
_LIKELIHOOD_ADVERBS = frozenset({"probably", "perhaps", "possibly", "maybe", "presumably"})  # "probably won't": one


def _a_noun_phrase_after(tokens: Sequence[Token], at: int) -> bool:
    return at < len(tokens) and (tokens[at].content or tokens[at].text in _DETERMINERS)


def as_a_whole(tokens: Sequence[Token], at: int) -> bool:
    """'the budget as a whole' says what 'the whole budget' says (never read as a scope added)."""
    return at >= 2 and tokens[at].text == "whole" and tokens[at - 1].text == "a" and tokens[at - 2].text == "as"


def quantifier_of(tokens: Sequence[Token], text: str, i: int) -> str | None:
    token = tokens[i]
    rank = words.SCOPE_RANK.get(token.text)
    if token.text == "times" and i > 0 and tokens[i - 1].text == "at":
        return str(words.SCOPE_RANK["sometimes"])  # "at times"
    if rank is None and token.text.endswith("s"):  # "majorities", not "fewer" (a comparison)
        rank = next((words.SCOPE_RANK[lemma] for lemma in token.lemmas if lemma in words.SCOPE_RANK), None)
    if rank is None or token.name:
        return None
    before = tokens[i - 1].text if i > 0 else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if "number" in token.lemmas and not (before == "a" and after == "of"):
        return None  # "the number of", "passenger numbers" count; "a number of" quantifies
    if token.text == "part" and before in ("greater", "larger", "biggest", "largest") and after == "of":
        return str(words.SCOPE_RANK["most"])  # "the greater part of the lump sum": most of it
    if token.text == "part" and (before in ("as", "the") or after != "of" or lexicon.mostly_adjective(before)):
        return None  # "as part of the budget", "the eastern part of the county", "take part": no quantity
    if token.text == "parts" and (before == "other" or before.endswith(("ed", "ern")) or lexicon.is_adjective(before)):
        return None  # "in leafy parts of the city", "northern parts": areas named by a trait, not a share
    if token.text == "full" and before in _AFTER_A_VERB:
        return None  # "the tram is already full": crowded, no scope
    if token.text == "whole" and before == "a" and not as_a_whole(tokens, i):
        return None  # "a whole day"
    if token.text == "all" and before == "at":
        return None  # "not ... at all": stress on a negation, no quantity
    if (
        token.text == "most"
        and any(t.text == "at" for t in tokens[max(0, i - 3) : i])
        and (
            i + 1 == len(tokens)
            or _figure_at(tokens, i + 1)
            or any(t.text in lexicon.NUMBER_WORDS for t in tokens[i + 1 : i + 3])  # "at most a third"
            or clause_break(text, token, tokens[i + 1])
        )
    ):
        return None  # "at most 40", "a year at the very most": a bound on a figure (not "at most large firms")
    if token.text == "all" and after in ("over", "along", "around") and not _a_noun_phrase_after(tokens, i + 2):
        return None  # "people come from all over", "knew it all along": an idiom, no quantity
    if token.text == "each" and after == "other":
        return None  # "learn from each other": reciprocal, no quantifier
    if token.text == "both" and (
        not (i + 1 < len(tokens) and (tokens[i + 1].content or after == "of"))
        or any(t.text == "and" for t in tokens[max(0, i - 4) : i])
    ):
        return None  # "Zhao and Rao both ended", "both were": the two just named, no widening
    if token.text == "some" and after == "other":
        return None  # "got in some other way": another one, no part of a whole
    number_after = _figure_at(tokens, i + 1) or (after in lexicon.NUMBER_WORDS and after != "one")
    if token.text in ("each", "every") and (after in words.PERIODS or number_after):
        return None  # "11 per 1,000 each year", "3.2 yuan for every 10 shares": a rate
    superlative = before in ("the", "its", "their", "his", "her", "our") or before.endswith("'s")
    if token.text == "most" and superlative and lexicon.is_adjective(after) and not lexicon.mostly_noun(after):
        return None  # "the most likely": a superlative (compared as a rank); "most big firms" counts them
    if token.text == "some" and _figure_at(tokens, i + 1):
        return None  # "some 600 workers", "some $1.8 billion": an approximate figure
    return str(rank)


def _figure_at(tokens: Sequence[Token], j: int) -> bool:
    """Does a figure start at token j: a number, or a currency sign before one ("$1.8 billion")?"""
    if j < len(tokens) and tokens[j].text in _CURRENCY_SIGNS:
        j += 1
    return j < len(tokens) and tokens[j].number


_CURRENCY_SIGNS = frozenset("$€£¥")


def _a_verb(token: Token) -> bool:
    return any(lexicon.mostly_verb(form) for form in (token.text, *token.lemmas))


def _by_itself(tokens: Sequence[Token], text: str, i: int) -> bool:
    """'by itself', 'by themselves', 'on its own', 'on their own' (read at the reflexive or 'own';
    not 'on its own budget')."""
    word = tokens[i].text
    if word in _REFLEXIVES:
        return i > 0 and tokens[i - 1].text == "by"
    # "on its own budget": 'own' before its noun (no mark between) is a possessive
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    followed = (
        after is not None
        and lexicon.can_be_noun(after.text)
        and not words.negates(after.text)
        and not text[tokens[i].end : after.start].strip()
    )
    on_its = i > 1 and tokens[i - 1].text in _POSSESSIVES and tokens[i - 2].text == "on"
    return word == "own" and on_its and not followed


_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})
_POSSESSIVES = frozenset({"its", "their", "his", "her"})


def exclusive_of(tokens: Sequence[Token], text: str, i: int) -> str | None:
    """'only' and its kin, and the words that say the same in passing ('just a little', 'led
    alone', 'simply'): those count as the same restriction but are never taken as added
    (see only_added)."""
    if _by_itself(tokens, text, i):
        return "only"  # "borrowing costs by themselves", "the levy on its own": what "alone" says
    if _says_only(tokens, text, i):
        return "only"
    if tokens[i].text not in words.EXCLUSIVE and tokens[i].text not in _EXCLUSIVE_TOO:
        return None
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if tokens[i].text != "alone" and (words.is_negator(after) or after in words.PERFECT_AND_BE):
        return None  # "I just don't know", "it simply was": stress, no restriction ("levies alone cannot" is one)
    if i > 0 and (tokens[i - 1].text == "not" or tokens[i - 1].text.endswith("n't")):
        return None  # "not only X but Y" ("isn't only") says both
    if tokens[i].text == "simply" and i + 1 < len(tokens) and _a_verb(tokens[i + 1]):
        return None  # "they simply raised fees": stress on what was done, no restriction
    if i + 1 < len(tokens) and tokens[i + 1].text in ("if", "when", "after", "once"):
        return None  # "only if": part of a condition, compared as one
    if any(
        t.number
        or t.text in _TIMES
        or (t.text in lexicon.NUMBER_WORDS and tokens[k - 1].text not in _NOT_A_NUMBER_BEFORE)
        for k, t in enumerate(tokens[i + 1 : i + 5], start=i + 1)
    ):
        return None  # "only 12 percent", "only three", "only twice": the figure decides (not "no one")
    return "only"


# ---------------------------------------------------------------- the comparison


_SHARED = 0.5  # share of what an operator governs that the other side must have for it to be compared


def _reworded_head(sides: Sides, on_quote: bool, at: int) -> bool:
    """Is the word a negation bears on first (its verb or noun after it; not an adverb or a light
    verb) missing from the other side, which says that part in words of its own? Then the words
    cannot tell a negation dropped from one said otherwise ("did not include" / "leaves out", "no
    one pays" / "nobody is charged", "would not cover" / "falls short of"): the shared words
    around it are no evidence of a flip; when the other side has no words of its own there ("would
    not rule out closing" / "would close"), the negation is dropped. Not under a modal the other
    side lacks ("would not rule out closing" / "have decided to close", "may not reach" / "will
    miss"): the two differ in more than the negation."""
    tokens, text = sides.side(on_quote)
    other, _ = sides.side(not on_quote)
    modal = tokens[at - 1].text if at > 0 else ""
    if _modal(modal) and all(token.text != modal for token in other):
        return False
    head = next(
        (
            k
            for k in governed(tokens, text, at)
            if k > at and tokens[k].lemmas.isdisjoint(words.LIGHT) and not lexicon.mostly_adverb(tokens[k].text)
        ),
        None,
    )
    mapping = sides.links(on_quote)
    if head is None or head in mapping or any(not tokens[head].lemmas.isdisjoint(token.lemmas) for token in other):
        return False
    # the other side's own words for it: unaligned, among or beside its words for the clause
    theirs = sorted(mapping[k] for k in governed(tokens, text, at) if k in mapping)
    if not theirs:
        return False
    aligned = sides.links(not on_quote)
    low, high = max(0, theirs[0] - _BESIDE), min(len(other), theirs[-1] + _BESIDE + 1)
    return any(other[k].content and k not in aligned for k in range(low, high))


_BESIDE = 2  # words before or after a clause's aligned words that may still be its own


def _modal(word: str) -> bool:
    """'may', 'could', 'would': a word that makes what follows possible or conditional."""
    return word in words.HEDGES or word in words.QUOTED_HEDGES or word == "would"


def _counterparts(
    sides: Sides, on_quote: bool, at: int, *, phrase: bool = False, leave_out: Collection[int] = ()
) -> list[int]:
    """The other side's words for the content words the operator at `at` governs (with `phrase`,
    only the few words right after it); none when the other side has fewer than half of them:
    an operator over what the other side mostly does not say is not part of the comparison
    ("prices fell in most cities" beside a statement about one city)."""
    tokens, text = sides.side(on_quote)
    mapping = sides.links(on_quote)
    reach = (_phrase(tokens, text, at) if phrase else []) or governed(tokens, text, at)
    reach = [k for k in reach if k not in leave_out]
    found = [mapping[k] for k in reach if k in mapping]
    # "some nets and two closures": the nets (a noun; not the verb after "usually")
    head_shared = phrase and bool(reach) and reach[0] in mapping and lexicon.mostly_noun(tokens[reach[0]].text)
    return found if head_shared or len(found) >= _SHARED * len(reach) else []


_AFTER_A_VERB = frozenset({"is", "are", "was", "were", "be", "been", "already", "completely", "almost", "nearly"})
_PHRASE = 3  # content words after a quantifier that make up its noun phrase
_PREPOSITIONS = frozenset({"for", "in", "of", "on", "at", "from", "since", "by", "with", "after", "before"})
_PHRASE_NEGATORS = frozenset({"without", "no"})  # they negate the noun phrase they stand before (not "no one")


def _phrase(tokens: Sequence[Token], text: str, at: int, *, through_prepositions: bool = False) -> list[int]:
    """The content words of the noun phrase after `at`: up to _PHRASE, before a clause break or
    (unless `through_prepositions`) a preposition ('without a trophy | for the first time')."""
    found: list[int] = []
    for k in range(at + 1, min(len(tokens), at + 1 + _PHRASE + 2)):
        if _breaks(tokens, text, k) or (found and not through_prepositions and tokens[k].text in _PREPOSITIONS):
            break
        if tokens[k].content:
            found.append(k)
            if len(found) == _PHRASE:
                break
    return found


def _phrase_negator(tokens: Sequence[Token], at: int) -> bool:
    """'without', 'no', 'rather than', 'instead of': they negate the noun phrase after them
    ('without its captain'), not their clause; 'no one' negates the clause."""
    if _contrasted(tokens, at):
        return True
    return tokens[at].text in _PHRASE_NEGATORS and not (at + 1 < len(tokens) and tokens[at + 1].text == "one")


def _contrasted(tokens: Sequence[Token], at: int) -> bool:
    """Is the word at `at` the start of 'rather than' or 'instead of', which set aside the phrase
    after them ('paid by producers rather than taxpayers': not by taxpayers)?"""
    after = tokens[at + 1].text if at + 1 < len(tokens) else ""
    return _CONTRASTS.get(tokens[at].text) == after


_CONTRASTS = {"rather": "than", "instead": "of"}


def _repeats(tokens: Sequence[Token], text: str, at: int) -> list[int]:
    """Every token of the word at `at` in its sentence (a word may be aligned with the wrong one
    of its repeats; one in another sentence is another statement)."""
    return [k for k, other in enumerate(tokens) if other.text == tokens[at].text and not apart(tokens, text, at, k)]


def apart(tokens: Sequence[Token], text: str, a: int, b: int) -> bool:
    """Does a sentence end between the tokens at a and b?"""
    low, high = min(a, b), max(a, b)
    return any(mark in text[tokens[k].end : tokens[k + 1].start] for k in range(low, high) for mark in ".!?")


def _bearing(sides: Sides, on_quote: bool, at: int) -> list[int]:
    """The other side's words for the first few words a negation bears on after it ("has not
    opened branches": 'opened', 'branches') and right before it (its subject). A 'no' or 'without'
    on the other side counts as the same negation only over one of these ("has opened no offices",
    "no ruling is expected"), not over some later word of
    the clause ("plans to charge drivers without passes in the first year" for "does not plan to
    charge drivers in the first year")."""
    tokens, text = sides.side(on_quote)
    mapping = sides.links(on_quote)
    shared = [k for k in governed(tokens, text, at) if k in mapping]
    after = [k for k in shared if at < k <= at + _REACH][:_PHRASE]
    subject = [k for k in shared if at - _PHRASE <= k < at]  # "a ruling is not expected" / "no ruling is expected"
    return [mapping[k] for k in subject + after]


def negation_edits(sides: Sides, flipped: Sequence[tuple[int, int]]) -> tuple[list[Edit], set[int]]:
    """A negation on one side over words both sides share, that the other side does not negate
    (by a negation word, a negating verb, an opposite word in its place or of the word it bears
    on, a 'rather than' before them, or a limit in time stated as one). A partitive's negation
    ('none of the clubs in the league made a profit') bears on what is said of the set, not on
    the set. Returns the edits and
    the flipped pairs (statement index) that a negation explains ("did not fall" / "rose")."""
    q_neg = negations(sides.quote, sides.quote_text, [i for i in sides.body if i not in sides.figure_tokens])
    s_neg = negations(sides.source, sides.source_text, range(len(sides.source)))
    flipped_quote = {q for q, _ in flipped}
    flipped_source = {s for _, s in flipped}
    explained: set[int] = set()
    edits: list[Edit] = []
    for on_quote, own, other, other_flipped in (
        (True, q_neg, s_neg, flipped_source),
        (False, s_neg, q_neg, flipped_quote),
    ):
        other_tokens, other_text = sides.side(not on_quote)
        tokens, text = sides.side(on_quote)
        mapping = sides.links(on_quote)
        by_clause = [o for o in other if not _phrase_negator(other_tokens, o)]
        # "rather than", "instead of" set a phrase aside: they answer a negation of it, though
        # they are no negation of their own ("weekly rather than daily" says more than "not daily")
        by_phrase = [o for o in other if _phrase_negator(other_tokens, o)] + [
            k for k in range(len(other_tokens)) if _contrasted(other_tokens, k)
        ]
        for at in own:
            partners = _counterparts(
                sides, on_quote, at, phrase=_phrase_negator(tokens, at), leave_out=_picked_set(tokens, text, at)
            )
            if not partners or any(
                said_otherwise(sides, on_quote, at)
                for said_otherwise in (_an_aside_left_out, _said_by_an_opposite, _a_time_limit)
            ):
                continue
            if _reworded_head(sides, on_quote, at):
                continue
            same_words = {k for p in partners for k in _repeats(other_tokens, other_text, p)}
            close = {k for p in _bearing(sides, on_quote, at) for k in _repeats(other_tokens, other_text, p)}
            if any(governed_by(other_tokens, other_text, k, by_clause) for k in same_words) or any(
                governed_by(other_tokens, other_text, k, by_phrase) for k in close
            ):
                continue
            flips = [p for p in partners if p in other_flipped]
            if flips:
                explained.update([sides.to_quote[p] for p in flips] if on_quote else flips)
                continue
            if mapping.get(at) in other and (at if on_quote else mapping[at]) in sides.anchored:
                continue  # aligned in order with the other side's own negation: the same one, however wide its clause
            quote_side = sides.surface(True, at) if on_quote else None
            source_side = None if on_quote else sides.surface(False, at)
            edits.append(with_note(Edit(EditKind.NEGATION, quote_side, source_side)))
    return edits, explained


def set_aside_edits(sides: Sides) -> list[Edit]:
    """Two alternatives traded across a 'rather than' or 'instead of' ("paid by makers rather
    than taxpayers" / "paid by taxpayers rather than makers"): what one side sets aside, the
    other asserts, setting aside what the first asserts."""
    quote_aside = _set_aside(sides.quote, sides.quote_text)
    source_aside = _set_aside(sides.source, sides.source_text)
    asserted = [sides.to_quote[k] for k in source_aside if k in sides.to_quote and sides.to_quote[k] not in quote_aside]
    if not asserted:
        return []
    traded = [k for k in quote_aside if k in sides.to_source and sides.to_source[k] not in source_aside]
    if not traded:
        return []
    qa, qb = sides.surface(True, asserted[0]), sides.surface(True, traded[0])
    return [Edit(EditKind.EXCHANGE, f"{qa} … {qb}", f"{qb} … {qa}", f"roles exchanged: '{qa}' and '{qb}' trade places")]


def _set_aside(tokens: Sequence[Token], text: str) -> set[int]:
    """The content words of every phrase set aside by 'rather than' or 'instead of'."""
    return {k for at in range(len(tokens)) if _contrasted(tokens, at) for k in _phrase(tokens, text, at + 1)}


def traded_quantifiers(sides: Sides) -> list[Edit]:
    """Two quantifiers that trade the phrases they bear on ("mainly to energy costs and partly to
    promotions" / "mainly to promotions and partly to energy costs", "most of the east and some of
    the west" / "some of the east and most of the west"): the words after one of the statement's
    follow, in the passage, a quantifier of the other's rank."""
    quote, source = (sides.quote, sides.quote_text), (sides.source, sides.source_text)
    q_ops = _classes(sides.quote, sides.body, lambda i: quantifier_of(*quote, i))
    s_ops = _classes(sides.source, range(len(sides.source)), lambda j: quantifier_of(*source, j))
    if len(set(q_ops.values())) < 2 or len(set(s_ops.values())) < 2:
        return []
    for at, value in q_ops.items():
        for k in _phrase(*quote, at, through_prepositions=True):
            if any(at < other < k for other in q_ops):
                break  # the phrase of the next quantifier
            j = sides.to_source.get(k)
            if j is None:
                continue
            governing = [o for o in s_ops if o < j and j in _phrase(*source, o, through_prepositions=True)]
            over = max(governing, default=None)  # the nearest before it
            if over is not None and s_ops[over] != value and s_ops[over] in q_ops.values():
                mine, theirs = sides.surface(True, at), sides.surface(False, over)
                word = sides.surface(True, k)
                return [
                    Edit(EditKind.EXCHANGE, f"{mine} … {word}", f"{theirs} … {word}",
                         f"roles exchanged: '{mine}' and '{theirs}' trade places")
                ]  # fmt: skip
    return []


def _said_by_an_opposite(sides: Sides, on_quote: bool, at: int) -> bool:
    """Does the other side say this negation with a word that means the opposite of the word it
    bears on, placed elsewhere? A negative prefix ("left out without sealing" / "left out
    unsealed", "did not agree" / "disagreed" out of place): a word of the negation's clause right
    after it, and an unaligned word of the other side that is that word with the prefix. Or an
    antonym ("will not reopen" / "will stay closed"): a word right after the negation that the
    other side does not have (had it, the two would say opposite things), and its antonym,
    unaligned, in the clause of a word the two sides share there."""
    tokens, text = sides.side(on_quote)
    other, other_text = sides.side(not on_quote)
    mapping = sides.links(on_quote)
    bears_on = governed(tokens, text, at)
    near = [k for k in bears_on if at < k <= at + _REACH]
    free = [j for j, t in enumerate(other) if j not in sides.links(not on_quote) and t.content]
    if any(
        words.prefix_opposite(other[j].text, tokens[k].text) and len(other[j].text) > len(tokens[k].text) - 2
        for k in near
        for j in free
    ):
        return True
    clauses = [clause_of(other, other_text, mapping[k]) for k in bears_on if k in mapping]
    return any(
        lexicon.opposes(other[j].text, _unrepeated(tokens[k].text))
        for k in near
        if k not in mapping
        for j in free
        if any(low <= j <= high for low, high in clauses)
    )


def _a_time_limit(sides: Sides, on_quote: bool, at: int) -> bool:
    """Is the negation part of a limit in time or condition that the other side states as one
    ("will not reopen until March" / "will stay closed until March", "not before" / "only after",
    "unless" / "only if")? A 'until', 'before' or 'unless' after it in its clause, and in the
    other side's clause of a word they share there, 'until', 'unless' or an 'only' before 'after',
    'when', 'once' or 'if'."""
    tokens, text = sides.side(on_quote)
    other, other_text = sides.side(not on_quote)
    mapping = sides.links(on_quote)
    high = clause_of(tokens, text, at)[1]
    if not any(tokens[k].text in _LIMITS for k in range(at, high + 1)) and tokens[at].text != "unless":
        return False
    for k in governed(tokens, text, at):
        if k not in mapping:
            continue
        first, last = clause_of(other, other_text, mapping[k])
        for j in range(first, last + 1):
            after = other[j + 1].text if j + 1 < len(other) else ""
            if other[j].text in ("until", "unless") or (other[j].text == "only" and after in _ONLY_LIMITS):
                return True
    return False


_LIMITS = frozenset({"until", "till", "before", "unless"})
_ONLY_LIMITS = frozenset({"after", "when", "once", "if"})


def _unrepeated(word: str) -> str:
    """The word without a 're-' of doing again ('reopen': 'open'), when what is left is a word."""
    rest = word.removeprefix("re").removeprefix("-")
    return rest if rest != word and len(rest) >= 4 and lexicon.is_known(rest) else word


def _an_aside_left_out(sides: Sides, on_quote: bool, at: int) -> bool:
    """Is the operator at `at` (a negation, a hedge, a quantifier) in a relative clause ('who was
    not involved in the study', 'the union, which represents most of the workers') whose verb
    the other side does not have? Then the other side leaves that aside out; it does not say the
    opposite."""
    tokens, text = sides.side(on_quote)
    mapping = sides.links(on_quote)
    low, high = clause_of(tokens, text, at)
    if tokens[low].text not in _RELATIVES:
        return False
    verb = next(
        (k for k in range(low + 1, high + 1) if k != at and tokens[k].content and not tokens[k].name
         and not _an_adverb(tokens[k].text)),
        None,
    )  # fmt: skip
    return verb is not None and verb not in mapping


def _an_adverb(word: str) -> bool:
    return word in _TIME_ADVERBS or (word.endswith("ly") and not lexicon.can_be_noun(word))


_RELATIVES = frozenset({"who", "which", "whose"})
_TIME_ADVERBS = frozenset({"yet", "already", "ever", "still", "always", "since"})  # "which has not yet been awarded"


def class_edits(
    sides: Sides,
    classify: Callable[[Sequence[Token], str, int], str | None],
    kind: EditKind,
    *,
    equivalent: Callable[[str], Collection[str]],
    describe: Callable[[str], str],
    added: Callable[[str, Sequence[Token], int], bool] = lambda _value, _tokens, _at: True,
    dropped: Callable[[str, Sequence[Token], int], bool] = lambda _value, _tokens, _at: True,
    nearby_only: Collection[str] = (),
    phrase: bool = False,
    dropped_alone: bool = False,
) -> list[Edit]:
    """An operator of some class (a hedge, a quantifier) over words both sides share, where the
    other side has no operator of an equivalent class anywhere in the compared text (operators
    move in a rewording: "is expected to rise" / "will likely rise"). With `phrase`, an operator
    bears only on the words right after it (a quantifier on its noun phrase), not its clause;
    `added` says which operators count when only the statement has them, `dropped` which count
    when only the passage has them (with `dropped_alone`, only when the statement has no operator
    of the class at all: one of another value there is always a change); a word in `nearby_only`
    stands for an operator of the other side only over the same words (in its clause), not
    anywhere."""
    q_ops = _classes(
        sides.quote,
        [i for i in sides.body if i not in sides.figure_tokens],
        lambda i: classify(sides.quote, sides.quote_text, i),
    )
    s_ops = _classes(sides.source, range(len(sides.source)), lambda i: classify(sides.source, sides.source_text, i))
    edits: list[Edit] = []
    for on_quote, own, other in ((True, q_ops, s_ops), (False, s_ops, q_ops)):
        tokens, text = sides.side(not on_quote)
        for at, value in own.items():
            partners = _counterparts(sides, on_quote, at, phrase=phrase)
            if not partners or (not on_quote and _an_aside_left_out(sides, on_quote, at)):
                continue
            word = sides.surface(on_quote, at)
            if on_quote:
                counts = added(value, sides.quote, at)
            else:
                counts = dropped(value, sides.source, at) or (dropped_alone and _in_its_place(sides, other, partners))
            if not counts:
                continue
            wanted = set(equivalent(value))
            if any(
                found in wanted
                and (tokens[k].text not in nearby_only or any(governed_by(tokens, text, p, [k]) for p in partners))
                for k, found in other.items()
            ):
                continue
            instead = sides.surface(not on_quote, next(iter(other))) if other else None
            edit = Edit(kind, word if on_quote else instead, instead if on_quote else word)
            edits.append(with_note(edit, f"{describe(value)} {'added' if on_quote else 'dropped'}"))
    return edits


def _in_its_place(sides: Sides, quote_operators: Collection[int], partners: Collection[int]) -> bool:
    """Does one of the statement's operators bear on the words a passage's operator bore on
    ('refunded in full' / 'partly refunded')?"""
    return any(
        set(_phrase(sides.quote, sides.quote_text, k) or governed(sides.quote, sides.quote_text, k)) & set(partners)
        for k in quote_operators
    )


_NEAR = 8  # passage words either side of the covered span that a condition there still bears on


def sentence_start(tokens: Sequence[Token], text: str, at: int) -> int:
    """The first token of the sentence of the token at `at` (a condition that opens it, "If the
    assembly approves the budget that the governor proposed in March, the board will ...", bears
    on all of it, however long)."""
    start = at
    while start > 0 and not apart(tokens, text, start - 1, start):
        start -= 1
    return start


def condition_edits(sides: Sides, span: tuple[int, int]) -> list[Edit]:
    """A condition in the covered part of the passage's sentence that the statement leaves out
    ("prices will fall, if the bill passes" quoted as "prices will fall"), or one the statement
    adds."""
    first, last = span
    if last < first:
        return []
    q_has = [
        i
        for i in sides.body
        if (
            sides.quote[i].text in words.CONDITIONS and not sides.quote[i].name and not _not_a_condition(sides.quote, i)
        )
        or as_long_as(sides.quote, i)
        or (sides.quote[i].text == "should" and _inverted(sides.quote, i, min(sides.body), sides.quote_text))
    ]
    # "Were the grant to be cut ...", "Had the board known ...": a condition kept; not read as one
    # added (the passage often gives its condition in a sentence before, out of the window)
    first_word = min(sides.body, default=0)
    q_keeps = q_has or [
        i
        for i in sides.body
        if sides.quote[i].text in _INVERTING and _inverted(sides.quote, i, first_word, sides.quote_text)
    ]
    low, high = max(0, first - _NEAR), min(len(sides.source) - 1, last + _NEAR)
    opener = sentence_start(sides.source, sides.source_text, first)
    s_has = [
        j
        for j in ([opener] if opener < low else []) + list(range(low, high + 1))
        if words.HEDGES.get(sides.source[j].text) is words.Hedge.CONDITION
        and not _not_a_condition(sides.source, j)
        and not apart(sides.source, sides.source_text, j, first if j < first else last)
    ]
    q_when = any(sides.quote[i].text in words.CONDITION_LIKE for i in sides.body)
    if s_has and not q_keeps and not q_when:
        j = s_has[0]
        clause = governed(sides.source, sides.source_text, j)
        end = clause[-1] if clause else j
        words_dropped = " ".join(sides.source_text[sides.source[j].start : sides.source[end].end].split())
        return [with_note(Edit(EditKind.HEDGE, None, words_dropped), "condition dropped")]
    if q_has and not any(
        t.text in words.CONDITIONS
        or t.text in ("should", "where", "while")
        or t.text in words.CONDITION_NOUNS
        or t.text in words.CONDITION_LIKE
        or t.text in words.DEPENDENCE
        for t in sides.source
    ):  # fmt: skip ("for as long as sales keep rising" / "while sales are rising")
        return [with_note(Edit(EditKind.HEDGE, sides.surface(True, q_has[0]), None), "condition added")]
    return []


def open_question_edits(sides: Sides) -> list[Edit]:
    """A question the passage leaves open ("will vote in May on whether to close the pool", "is
    checking whether the fires were set") that the statement settles ("will close the pool", "the
    fires were set"): most of what 'whether' governs is in the statement, and the statement has
    no hedge and no word that keeps the question open."""

    def keeps_open(i: int) -> bool:
        text = sides.quote[i].text
        same = i in sides.to_source and sides.source[sides.to_source[i]].text == text  # "planning committee"
        hedge = (text in words.HEDGES or text in words.QUOTED_HEDGES) and not _the_month(sides.quote, i)
        before = sides.quote[i - 1] if i > 0 else None
        if text == "if" and not (before is not None and before.content):
            return False  # "if it rains, the club would cancel": a condition (compared apart), no "asked if"
        if before is not None and before.text in _DETERMINERS:
            return False  # "if the review finds", "the study showed": a thing named, no question kept open
        return text in words.OPEN_QUESTION or (hedge and not same)

    if any(keeps_open(i) for i in sides.body):
        return []
    for j, token in enumerate(sides.source):
        if token.text != "whether":
            continue
        clause = [k for k in governed(sides.source, sides.source_text, j) if k > j]
        shared = [k for k in clause if k in sides.to_quote]
        if clause and len(shared) >= max(2, len(clause) / 3):
            asked = " ".join(sides.source_text[token.start : sides.source[clause[-1]].end].split())
            return [with_note(Edit(EditKind.HEDGE, None, asked), "open question settled")]
    return _weighed_made_decided(sides)


def _weighed_made_decided(sides: Sides) -> list[Edit]:
    """'were considering an appeal' stated as 'would appeal': the thing the passage weighs is in the
    statement, which says it will be done (a 'will' or 'would') and keeps nothing open."""
    if not any(sides.quote[i].text in words.FUTURE for i in sides.body):
        return []
    ours = {stem for i in sides.body for stem in (sides.quote[i].stem, *sides.quote[i].lemmas)}
    for j, token in enumerate(sides.source[:-1]):
        if token.text not in _WEIGHING:
            continue
        thing = next((k for k in range(j + 1, min(len(sides.source), j + 4)) if sides.source[k].content), None)
        if thing is not None and ({sides.source[thing].stem} | sides.source[thing].lemmas) & ours:
            weighed = " ".join(sides.source_text[token.start : sides.source[thing].end].split())
            return [with_note(Edit(EditKind.HEDGE, None, weighed), "open question settled")]
    return []


_WEIGHING = frozenset(
    {"considering", "weighing", "mulling", "contemplating", "exploring", "consider", "weigh", "mull", "contemplate"}
)


_NOT_CONDITIONAL_BEFORE = frozenset(
    {"as", "even", "asked", "ask", "asks", "know", "see", "unclear", "whether", "wonder"}
)


def _inverted(tokens: Sequence[Token], at: int, first: int, text: str) -> bool:
    """'should' opening a condition: at the start ("Should inflation persist, ..."), before a
    subject rather than a verb ("strike action should the firm refuse"), or right after a comma
    before anything but a verb's company ("pledged that, should state lawmakers approve it").
    'were' and 'had' open one only at the start or after a comma, before a subject ("Were the
    grant to be cut again, ...", "Had the board known, ...")."""
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if after is None or at < first:
        return False
    comma = at > 0 and "," in text[tokens[at - 1].end : tokens[at].start]
    if tokens[at].text in _INVERTING:
        subject = after.name or after.text in _SUBJECT_STARTS or after.text == "there"
        return (at == first or comma) and subject
    return at == first or (
        after.name
        or after.number
        or after.text in _SUBJECT_STARTS
        or after.text in lexicon.NUMBER_WORDS
        or (comma and after.content and after.text not in _AFTER_A_MODAL)
        or (after.content and after.text not in _AFTER_A_MODAL and not lexicon.can_be_verb(after.text))
    )  # fmt: skip ("in May should new figures show": a subject, no verb, after it)


_INVERTING = frozenset({"were", "had"})
_AFTER_A_MODAL = frozenset({"be", "have", "also", "still", "never", "now", "only", "probably", "certainly", "rather"})


_SUBJECT_STARTS = frozenset({"the", "a", "an", "it", "they", "he", "she", "we", "this", "that", "these", "those"})


def as_long_as(tokens: Sequence[Token], at: int) -> bool:
    """'as long as', 'so long as': a condition."""
    return (
        tokens[at].text == "long" and 0 < at < len(tokens) - 1
        and tokens[at - 1].text in ("as", "so") and tokens[at + 1].text == "as"
    )  # fmt: skip


def _not_a_condition(tokens: Sequence[Token], at: int) -> bool:
    """'as if', 'even if', 'asked if', 'don't know yet if' (whether): no condition; 'is provided
    by', 'funds provided to': a verb."""
    word = tokens[at].text
    if word in ("provided", "providing"):
        before = tokens[at - 1].text if at > 0 else ""
        after = tokens[at + 1].text if at + 1 < len(tokens) else ""
        passive = before in words.PERFECT_AND_BE or before in ("be", "been", "being")
        return after != "that" and (passive or after in ("by", "to", "for") or before in _BEFORE_A_PARTICIPLE)
    return word == "if" and any(t.text in _NOT_CONDITIONAL_BEFORE for t in tokens[max(0, at - 2) : at])


# "will keep providing support", "by providing training": the verb, no condition
_BEFORE_A_PARTICIPLE = frozenset(
    {"keep", "keeps", "kept", "keeping", "continue", "continues", "continued", "start", "started", "stop", "stopped",
     "begin", "began", "by", "for", "of", "in", "from", "after", "before", "without", "also", "already", "still"}
)  # fmt: skip


def _future(tokens: Sequence[Token], at: int) -> bool:
    """'will', 'would', 'going to' before a verb ('going from A to B' is no future)."""
    if tokens[at].text not in words.FUTURE:
        return False
    if tokens[at].text != "going":
        return True
    return at + 2 < len(tokens) and tokens[at + 1].text == "to" and lexicon.mostly_verb(tokens[at + 2].text)


def tense_edits(sides: Sides) -> list[Edit]:
    """What the passage says is to come stated as done or so now ("will be cheaper" / "are
    already cheaper"), or the reverse."""
    q_done = [i for i in sorted(sides.body) if sides.quote[i].text in words.ACCOMPLISHED]
    q_future = [i for i in sorted(sides.body) if _future(sides.quote, i)]
    s_done = [j for j, t in enumerate(sides.source) if t.text in words.ACCOMPLISHED]
    s_future = [j for j in range(len(sides.source)) if _future(sides.source, j)]

    def over_shared(at: int, on_quote: bool, other_ops: list[int]) -> int | None:
        """The other side's operator that bears on the words this one bears on, if any."""
        tokens, text = sides.side(not on_quote)
        for partner in _counterparts(sides, on_quote, at):
            for op in other_ops:
                if governed_by(tokens, text, partner, [op]):
                    return op
        return None

    for at in q_done:
        future = over_shared(at, True, s_future)
        if future is not None and not s_done and sides.to_quote.get(future) not in q_future:
            edit = Edit(EditKind.HEDGE, sides.surface(True, at), sides.surface(False, future))
            return [with_note(edit, "tense differs (to come stated as done)")]
    for at in s_done:
        future = over_shared(at, False, q_future)
        if future is not None and not q_done and sides.to_source.get(future) not in s_future:
            # (a 'will' both sides have is no change: "will come from savings already planned")
            edit = Edit(EditKind.HEDGE, sides.surface(True, future), sides.surface(False, at))
            return [with_note(edit, "tense differs (done stated as to come)")]
    return []
