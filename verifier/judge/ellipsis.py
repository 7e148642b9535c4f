"""What a quote's ellipses leave out and what its brackets put in, checked against the source.

An ellipsis may drop words that change nothing the quote says; it distorts when it drops a
negation, a hedge, a condition or a restriction that bears on what is left (before, between or
after the quoted parts, in their sentence). A `[bracketed]` insertion stands for words of the
source (a pronoun, a name): it must name what the source names there or just before. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from verifier.judge import lexicon, words
from verifier.judge.kinds import Edit, EditKind, with_note
from verifier.judge.page import HEAD_CHARS, PageIndex
from verifier.judge.statement import QuoteParts
from verifier.judge.text import STOPWORDS, TOKEN, normalise, stem

_LONG_CUT = 60  # words: a longer cut joins two passages, and what lies between is part of neither
_CONTEXT_SENTENCES = 3  # sentences before the quote in which a bracket's referent may be named
_PRONOUN_SENTENCES = 8  # ... when the bracket stands for a pronoun
_REPLACED_WORDS = 4  # source words a bracket at either end of the quote may stand for


def _bears_on_what_is_left(word: str) -> bool:
    """A word that changes the clause it stands in: cut off at either end of a quote, it changes
    what the quote says (a negation, a hedge, a condition)."""
    return words.negates(word) or word in words.HEDGES or word in words.CONDITIONS or word in _LIMITS


def _hedges_what_follows(word: str) -> bool:
    """A word of likelihood or report before a quote's first word in its clause ("It's possible
    | the drainage would have helped", "We expect | prices to rise"): cut off, the guess reads as
    fact. Not a word of intention ("plans to | close the plant" quotes what is planned)."""
    hedge = words.HEDGES.get(word)
    return word in _LIKELIHOOD_ADJECTIVES or (hedge is not None and hedge is not words.Hedge.INTENTION)


_LIKELIHOOD_ADJECTIVES = frozenset({"possible", "likely", "unlikely", "probable", "conceivable", "plausible"})


def _is_meaningful(word: str) -> bool:
    """A word that changes what stands next to it: dropped between two quoted parts, it changes
    what the quote says (the above, and restrictions, quantifiers, approximations)."""
    return (
        words.negates(word)
        or word in words.HEDGES
        or word in words.EXCLUSIVE
        or word in words.SCOPE_RANK
        or word in words.RANK_RESTRICTORS
        or word in words.CONDITIONS
        or word in _LIMITS
        or word in words.APPROXIMATORS
    )


_CONTRASTS = frozenset({"but", "although", "though", "whereas", "yet", "however"})  # a cut that opens with one
_QUALIFIER = 2  # words of a cut inside a clause, no comma around them: a modifier the quote drops
_CLAUSE_MARK = re.compile(r"[,;:()\u2014\u2013]| - ")
_LIMITS = frozenset({"until", "till"})  # "until the rates come down, shops will close": a condition in time
_MEASURED_PHRASE = 5  # words of a dropped phrase that bounds what it follows by a count or a time
_ON_ITS_OWN = re.compile(r"\b(?:on (?:its|their|his|her|our|my|your) own|by (?:itself|themselves))\b")
_PREPOSITIONS = frozenset({"in", "within", "over", "for", "per", "during", "across"})
_COUNTING = frozenset({"single", "each", "every", "one"})


def _a_measured_phrase(found: Sequence[str], dropped: str) -> bool:
    """A short phrase that opens with a preposition and bounds by a count or a span of time
    ('in one season', 'within two months'), no comma around it."""
    return (
        len(found) <= _MEASURED_PHRASE
        and found[0] in _PREPOSITIONS
        and not _CLAUSE_MARK.search(dropped)
        and any(_counts(w) for w in found)
    )


def _counts(word: str) -> bool:
    period = word.removesuffix("s") in words.PERIODS
    return word in _COUNTING or word in lexicon.NUMBER_WORDS or period or word.isdecimal()


def _after_a_noun(index: PageIndex, span: tuple[int, int]) -> bool:
    """Does the quoted part before a cut end with a noun ('a 35 percent cut ...'), which the cut
    phrase restricts ('a levy in one season')? Not a sentence's adverb ('and ... the river rose')."""
    kept = _words(index.text[span[0] : span[1]])
    return bool(kept) and lexicon.mostly_noun(kept[-1])


def _words(text: str) -> list[str]:
    return TOKEN.findall(normalise(text).text)


def _sentence_bounds(index: PageIndex, at: int) -> tuple[int, int]:
    return index.sentences[index.sentence_of(at)]


def elision_edits(index: PageIndex, parts: QuoteParts, spans: Sequence[tuple[int, int]]) -> list[Edit]:
    """The ellipses that drop meaning: the dropped words (in their sentence) with the word that
    carries the meaning."""
    edits: list[Edit] = []
    for after in parts.elided:
        if after < 0:
            sentence_start, _ = _sentence_bounds(index, spans[0][0])
            dropped = index.text[sentence_start : spans[0][0]]
        elif after + 1 < len(spans):
            dropped = index.text[spans[after][1] : spans[after + 1][0]]
        else:
            _, sentence_end = _sentence_bounds(index, max(spans[-1][0], spans[-1][1] - 1))
            dropped = index.text[spans[-1][1] : sentence_end]
        found = _words(dropped)
        if not found or len(found) > _LONG_CUT:
            continue
        if 0 <= after < len(spans) - 1 and index.sentence_of(spans[after][1]) != index.sentence_of(spans[after + 1][0]):
            tail, head = _in_the_quoted_sentences(index, spans[after][1], spans[after + 1][0])
            tail_words, head_words = _words(tail), _words(head)
            if any(w in words.CONDITIONS for w in tail_words[:1]) or any(map(_bears_on_what_is_left, head_words)):
                shown = " ".join(f"{tail} {head}".split()).strip(" ,;:")
                edits.append(with_note(Edit(EditKind.ELISION, None, shown), "ellipsis drops meaning"))
            continue  # (what the first sentence goes on to say bears on nothing kept, unless a condition)
        within_a_sentence = 0 <= after < len(spans) - 1 and index.sentence_of(spans[after][1]) == index.sentence_of(
            spans[after + 1][0]
        )
        note = None
        if within_a_sentence:
            marked = _CLAUSE_MARK_OR_WORD.findall(normalise(dropped).text)
            meaningful = any(_is_meaningful(w) and _reaches_the_cut(marked, k) for k, w in enumerate(marked))
        else:
            meaningful = any(_bears_on_what_is_left(w) for w in found)
        if meaningful:
            note = "ellipsis drops meaning"
        elif after < 0 and any(_is_meaningful(w) for w in found[-_TOUCHING:]):
            note = "ellipsis drops meaning"  # "[half of] the rise is": what governs the quote's start
        elif (
            within_a_sentence and found[-1] in _OR_AND and "," in dropped and _inside_a_phrase(index, spans, after)
            and any(w not in STOPWORDS for w in found)
        ):  # fmt: skip
            note = "ellipsis drops the other items of a list"
        elif after >= 0 and found[0] in _RESTRICTIVE and not dropped.lstrip().startswith(","):
            note = "ellipsis drops a restrictive clause"
        elif within_a_sentence and found[0] == "or":
            note = "ellipsis drops an alternative"  # "lose a card ... if" for "lose a card or see the limit cut if"
        elif within_a_sentence and found[0] in _CONTRASTS:
            note = "ellipsis drops a contrast"  # "has acted[, but should have acted sooner,] after the fire"
        elif within_a_sentence and not _CLAUSE_MARK.search(dropped) and any(w.isdecimal() for w in found):
            note = "ellipsis drops a figure"  # "relied on agency staff for [a third of] its shifts"
        elif (
            within_a_sentence
            and len(found) <= _QUALIFIER
            and not _CLAUSE_MARK.search(dropped)
            and any(w not in STOPWORDS and w not in words.LIGHT for w in found)
        ):
            note = "ellipsis drops a qualifier"  # "fees [alone] will not", "built it [well] has"
        elif within_a_sentence and (
            _ON_ITS_OWN.search(normalise(dropped).text)
            or (_a_measured_phrase(found, dropped) and _after_a_noun(index, spans[after]))
        ):
            note = "ellipsis drops a qualifier"  # "will not[, on its own,] pay", "a cut [in one season] would"
        if note is not None:
            shown = " ".join(dropped.split()).strip(" ,;:")
            edits.append(with_note(Edit(EditKind.ELISION, None, shown), note))
    return edits


def _reaches_the_cut(found: Sequence[str], at: int) -> bool:
    """Does the dropped word at `at` bear on what the quote goes on with? Not when a clause of its
    own, closed before the cut, holds it (", it is strongest when you would expect it to be if the
    drug were responsible, and"); a word that opens the dropped words (", but not guaranteed,"), or
    a condition that opens a clause in them, bears on what it leads to."""
    if all(w in _CLAUSE_MARKS or w in _OPENERS for w in found[:at]):
        return True  # it opens what is dropped (", but not guaranteed,", ", without building a brand,")
    opens = found[at - 1] in _CLAUSE_MARKS
    if found[at] in words.CONDITIONS and opens:
        return True
    return not any(w in _CLAUSE_MARKS for w in found[at + 1 :])


_CLAUSE_MARKS = frozenset({",", ";", ":"})
_OPENERS = frozenset({"and", "or", "but", "yet"})
_CLAUSE_MARK_OR_WORD = re.compile(rf"[,;:]|{TOKEN.pattern}")


def _in_the_quoted_sentences(index: PageIndex, start: int, end: int) -> tuple[str, str]:
    """What a cut from one sentence into another drops from the two sentences the quote keeps
    parts of: the rest of the first (a condition opening it bears on the first part) and the start
    of the last (anything there may bear on the second part); whole sentences left out between
    them bear on neither part."""
    _, first_end = _sentence_bounds(index, max(0, start - 1))
    last_start, _ = _sentence_bounds(index, end)
    return index.text[start:first_end], index.text[max(last_start, start) : end]


_OR_AND = frozenset({"and", "or"})
_TOUCHING = 3  # dropped words just before a quote's start that bear on it ("part of [the difference]")


def _inside_a_phrase(index: PageIndex, spans: Sequence[tuple[int, int]], part: int) -> bool:
    """Does the quoted part end on a word that needs what follows ('spent on ...', 'such as ...')?"""
    before = _words(index.text[spans[part][0] : spans[part][1]])
    return bool(before) and before[-1] in STOPWORDS


# words that open a clause restricting what comes just before them when no comma sets it off
_RESTRICTIVE = frozenset({"where", "when", "whenever", "who", "whose", "that", "if", "unless", "except", "provided"})


def _one_name(text: str, ours: set[str], theirs: set[str]) -> bool:
    """Do the two names stand together on the page ("Tomasz Wieland": '[Wieland]' for 'Tomasz')?"""
    return any(
        re.search(rf"\b{re.escape(a)}\s+{re.escape(b)}\b", text, re.IGNORECASE)
        for x in ours for y in theirs for a, b in ((x, y), (y, x))
    )  # fmt: skip


def _names(text: str) -> set[str]:
    """Capitalised words of `text` that are names (not known common words), lower case."""
    found: set[str] = set()
    for raw in TOKEN.findall(text):
        word = raw.removesuffix("'s").removesuffix("’s")
        if word[:1].isupper() and word.casefold() not in STOPWORDS and not lexicon.is_known(word.casefold()):
            found.add(word.casefold())
    return found


def bracket_edits(index: PageIndex, parts: QuoteParts, spans: Sequence[tuple[int, int]]) -> list[Edit]:
    """Bracketed insertions that name something other than what the source names in their place
    (or just before the quote, for a pronoun's referent)."""
    edits: list[Edit] = []
    first_sentence = index.sentence_of(spans[0][0])
    context_start = index.sentences[max(0, first_sentence - _CONTEXT_SENTENCES)][0]
    pronoun_start = index.sentences[max(0, first_sentence - _PRONOUN_SENTENCES)][0]
    for after, inner in parts.brackets:
        inserted = {stem(w) for w in _words(inner) if w not in STOPWORDS}
        if not inserted:
            continue
        if after < 0:
            replaced = " ".join(index.text[index.sentences[first_sentence][0] : spans[0][0]].split()[-_REPLACED_WORDS:])
        elif after + 1 < len(spans):
            replaced = index.text[spans[after][1] : spans[after + 1][0]]
        else:
            replaced = " ".join(index.text[spans[-1][1] : spans[-1][1] + 200].split()[:_REPLACED_WORDS])
        replaced_stems = {stem(w) for w in _words(replaced)}
        if inserted <= replaced_stems:
            continue
        replaced_names = _names(replaced) - _names(inner)
        capitals = {w.casefold() for w in TOKEN.findall(inner) if w[:1].isupper()}
        if replaced_names:  # the other part of the replaced name ('[Wieland]' for 'Tomasz'), or another name
            if not _one_name(index.text, replaced_names, capitals):
                source = " ".join(replaced.split())
                edits.append(with_note(Edit(EditKind.ENTITY, f"[{inner}]", source), "bracket names another"))
            continue
        before = index.text[context_start : spans[0][0]]
        pronoun, demonstrative = _pronoun(replaced), _demonstrative(replaced)
        if pronoun or demonstrative:  # named further back; 'we' may be the page's author, 'these firms' its subject
            head = index.text[:HEAD_CHARS] if demonstrative or pronoun in _FIRST_PERSON else ""
            before = head + " " + index.text[pronoun_start : spans[0][0]]
        quoted_before = " ".join(index.text[start:end] for start, end in spans[: max(0, after + 1)])
        nearby = {stem(w) for w in _words(before + " " + quoted_before)}  # or the quote's own words before it
        if not inserted <= nearby | replaced_stems and not _named_with(index, replaced, inserted):
            edits.append(with_note(Edit(EditKind.ELISION, f"[{inner}]", None), "bracket not supported nearby"))
    return edits


def _named_with(index: PageIndex, replaced: str, inserted: set[str]) -> bool:
    """Does a bracket for a description ('[Hal Odum]' for 'The commissioner') name what one
    sentence of the page gives with that description's noun ('the transport commissioner, Hal
    Odum')?"""
    found = _words(replaced)
    article = max((k for k, w in enumerate(found) if w in _DEFINITE), default=None)
    described = [w for w in found[article + 1 :] if w not in STOPWORDS] if article is not None else []
    if not described or len(described) > 2:
        return False
    return any(inserted <= index.sentence_stems[k] for k in index.postings.get(stem(described[-1]), ()))


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "our"})


def _pronoun(replaced: str) -> str | None:
    """The pronoun the bracket stands for ('it', 'we', 'her'), if it stands for one."""
    found = _words(replaced)
    return found[-1] if found and found[-1] in _PRONOUNS else None


def _demonstrative(replaced: str) -> bool:
    """Does the bracket stand for a noun after a demonstrative ('these companies', 'that
    plan')? It refers back as a pronoun does, and maybe to what the page is about."""
    found = _words(replaced)
    return len(found) == 2 and found[0] in _DEMONSTRATIVES


_DEMONSTRATIVES = frozenset({"these", "those", "this", "that"})
_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our"})
_FIRST_PERSON = frozenset({"we", "us", "our"})
_CLAUSE_END = re.compile(r"[,;:.!?—–()\"“”]")
# "had not taken the decision lightly and that it | would review": another clause, its own negation
_CLAUSE_JOIN = re.compile(r"\b(?:and|but|or)\s+(?:that|whether)\b", re.IGNORECASE)


def cut_edits(index: PageIndex, spans: Sequence[tuple[int, int]]) -> list[Edit]:
    """A quote that starts or stops inside a sentence, cut off from a negation that governs it
    ("None of this means that | tariffs are useless") or from a condition on it ("rates may rise
    | if inflation stays high")."""
    edits: list[Edit] = []
    sentence_start, _ = _sentence_bounds(index, spans[0][0])
    _, sentence_end = _sentence_bounds(index, max(spans[-1][0], spans[-1][1] - 1))
    before = index.text[sentence_start : spans[0][0]]
    clause_before = _CLAUSE_JOIN.split(_CLAUSE_END.split(before)[-1])[-1]
    negating = [w for w in _words(clause_before) if words.negates(w)]
    if negating:
        shown = " ".join(clause_before.split())
        edits.append(with_note(Edit(EditKind.NEGATION, None, shown), "negation cut off"))
    elif any(_hedges_what_follows(w) for w in _words(clause_before)):
        shown = " ".join(clause_before.split())
        edits.append(with_note(Edit(EditKind.HEDGE, None, shown), "hedge cut off"))
    after = _words(index.text[spans[-1][1] : sentence_end])[:2]
    if after and after[0] in words.CONDITIONS:
        shown = " ".join(index.text[spans[-1][1] : sentence_end].split()).strip(" ,;.")
        edits.append(with_note(Edit(EditKind.HEDGE, None, shown), "condition cut off"))
    return edits
