"""Who says it: the speaker a page credits with a passage (the name or role next to a reporting
verb in the passage's sentence, or in the sentences around it in the same paragraph), and the
words of a statement's speaker. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from verifier.judge import lexicon, words
from verifier.judge.page import HEAD_CHARS, PageIndex
from verifier.judge.text import STOPWORDS, normalise

_AROUND = 2  # sentences before and after the passage that may name its speaker
_REACH = 6  # words from a reporting verb that may name the speaker
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def words_of_speaker(phrase: str) -> list[str]:
    """The names that identify a speaker (capitalised words), lower case; a body that owns a role
    ("Acme's chief executive") is where the speaker works, not who speaks: left out. A speaker
    given as a group ("Both operators", "All three unions") keeps its first word."""
    found = _WORD.findall(phrase)
    every = [w.removesuffix("'s").removesuffix("’s") for w in found]

    def kept(w: str) -> bool:
        return w.casefold() not in STOPWORDS and w.casefold() not in words.REPORTING and len(w) > 1

    owners = {
        k for k, w in enumerate(found) if w.endswith(("'s", "’s")) and k + 1 < len(found) and found[k + 1].islower()
    }
    names = [w.casefold() for k, w in enumerate(every) if w[:1].isupper() and kept(w) and k not in owners]
    group = [every[0].casefold()] if every and every[0].casefold() in words.SPEAKER_GROUPS else []
    return group + (names or [w.casefold() for k, w in enumerate(every) if kept(w) and k not in owners])


_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_PLACE_PREPOSITIONS = frozenset({"of", "in", "at", "from", "on", "to"})  # "the agency of Arland": not a speaker


def _speaker_words(sentence: str, *, citing: bool = True) -> list[str] | None:
    """The names a reporting verb of `sentence` credits: the run of capitalised words that is its
    subject ("Jane Doe said", "Jane Doe, the minister, has said", "Acme's Jane Doe said") or
    follows it ("said Jane Doe"); None when the speaker is a pronoun ("he said"), whom this
    cannot resolve. Places and days are left out ("in Oslo", "on Monday"). Without `citing`, the
    source of an "according to" is no speaker."""
    found = list(_WORD.finditer(sentence))
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]
    speakers: list[str] = []
    for position, match in enumerate(found):
        verb = match.group().casefold().rstrip(".")  # "Reyes said."
        if verb not in words.REPORTING or (verb == "according" and not citing):
            continue
        if any(a < match.start() < b for a, b in quoted):
            continue  # (a verb inside the quoted words reports nothing: '"We said yes," Dahl said')
        neighbours = {
            w.group().casefold().replace("’", "'").split("'")[0] for w in found[max(0, position - 1) : position + 2]
        }  # "he said", "I've said"
        if neighbours & _PRONOUNS:
            return None
        cited = _cited_as_saying(found, position)
        if cited is not None:
            speakers += _names_in(sentence, _capitalised_run(found[cited + 1 : position]))
            continue  # "The paper quoted Ida Berg, the mayor, as saying": Berg says it, the paper reports it
        after = [w for w in found[position + 1 : position + 1 + _REACH] if w.group().casefold() not in _TITLES]
        while len(after) > 1 and after[0].group().islower() and after[0].group() not in STOPWORDS:
            after = after[1:]  # "said opposition leader Ida Berg": the role, then the name
        named_after = _names_in(sentence, _capitalised_run(after))
        inverted = position > 0 and _comma_after(sentence, found, position - 1)  # '"...," said X'
        if verb != "according" and not (inverted and named_after):
            speakers += _names_in(sentence, _subject(sentence, found, position))
        if inverted or verb == "according" or position == 0:
            speakers += named_after  # ("the opposition says Ostrand gave up": Ostrand says nothing)
    return speakers


def _cited_as_saying(found: list[re.Match[str]], verb: int) -> int | None:
    """For the 'saying' of "quoted X as saying" or "cited X as saying", where 'quoted' stands."""
    if found[verb].group().casefold() != "saying" or verb < 2 or found[verb - 1].group().casefold() != "as":
        return None
    for k in range(verb - 2, max(-1, verb - 2 - _APPOSITION), -1):
        if found[k].group().casefold() in _CITING:
            return k
    return None


_CITING = frozenset({"quoted", "quotes", "quoting", "cited", "cites", "citing"})
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_AUXILIARIES = frozenset({"has", "had", "have", "also", "repeatedly", "later", "previously", "again", "once"})
_TITLES = frozenset({"to", "the", "a", "an", "of"})  # "according to the ...", "said the ..."


def _subject(sentence: str, found: list[re.Match[str]], verb: int) -> list[re.Match[str]]:
    """The capitalised words of the subject just before a reporting verb, auxiliaries skipped, an
    apposition set off by commas included ("Jan Novak, the finance director, has said";
    "Acme's finance director, Jan Novak, said"; "Ana Ruiz, head of the Rowing Federation, said":
    the federation is where she works, not who speaks)."""
    at = verb - 1
    while at >= 0 and found[at].group().casefold() in _AUXILIARIES:
        at -= 1
    if at < 0:
        return []
    if not _comma_after(sentence, found, at):
        return _head(sentence, found, at)
    openings = [k for k in range(max(1, at - _APPOSITION), at + 1) if _comma_after(sentence, found, k - 1)]
    if not openings:
        return _without_places(found[max(0, at - _APPOSITION) : at + 1])
    opening = min(openings)  # the apposition may hold a list of its own ("of Arland, Brevia and Cosk")
    return _head(sentence, found, opening - 1) + _without_places(found[opening : at + 1])


_APPOSITION = 20  # words an apposition before a reporting verb may have


def _head(sentence: str, found: list[re.Match[str]], at: int) -> list[re.Match[str]]:
    """The capitalised words of the noun phrase that ends at `at`, back to a comma or a lower-case
    word outside the phrase; a place after 'of' or 'at' is left out ("Professor Ida Berg of the
    Institute of Optics said": Ida Berg; "the agency of Arland said": no name)."""
    run: list[re.Match[str]] = []
    low = at
    while low >= 0 and at - low < _APPOSITION:
        word = found[low].group()
        folded = word.casefold()
        if low < at and _comma_after(sentence, found, low):
            break
        if folded in _PLACE_PREPOSITIONS:
            run = []
        elif not word[:1].isupper() and folded not in _ARTICLES and (folded in STOPWORDS or folded in words.REPORTING):
            break
        else:
            run.insert(0, found[low])
        low -= 1
    return [w for w in run if w.group()[:1].isupper()]


_ARTICLES = frozenset({"the", "a", "an"})


def _without_places(words_of: list[re.Match[str]]) -> list[re.Match[str]]:
    """The capitalised words of a phrase up to its first 'of', 'in', 'at' ... ('head of the Rowing
    Federation': none)."""
    kept: list[re.Match[str]] = []
    for word in words_of:
        if word.group().casefold() in _PLACE_PREPOSITIONS:
            break
        if word.group()[:1].isupper():
            kept.append(word)
    return kept


def _comma_after(sentence: str, found: list[re.Match[str]], at: int) -> bool:
    end = found[at + 1].start() if at + 1 < len(found) else len(sentence)
    return "," in sentence[found[at].end() : end]


def _capitalised_run(candidates: list[re.Match[str]]) -> list[re.Match[str]]:
    run: list[re.Match[str]] = []
    for word in candidates:
        if not word.group()[:1].isupper():
            break
        run.append(word)
    return run


_NOT_SPEAKERS = frozenset({"everyone", "everybody", "someone", "somebody", "anyone", "anybody", "critics", "people"})


def _names_in(sentence: str, run: list[re.Match[str]]) -> list[str]:
    names: list[str] = []
    for word in run:
        text = word.group().rstrip(".").removesuffix("'s").removesuffix("’s")
        before = sentence[max(0, word.start() - 4) : word.start()].strip().casefold()
        folded = text.casefold()
        if len(folded) < 2 or folded in words.NEGATORS or folded in _NOT_SPEAKERS or folded.split("'")[0] in _PRONOUNS:
            continue  # "Q:" of an interview, "Nobody", "Everyone"
        if folded not in STOPWORDS and folded not in words.CALENDAR and before not in _PLACE_PREPOSITIONS:
            names.append(text.casefold())
    return names


def _paragraph_of(index: PageIndex, sentence: int) -> tuple[int, int]:
    """The span of the paragraph (text between blank lines) that holds the sentence."""
    start, end = index.sentences[sentence]
    text = index.text
    begin = text.rfind("\n\n", 0, start)
    stop = text.find("\n\n", end)
    return (0 if begin < 0 else begin), (len(text) if stop < 0 else stop)


def paragraph_around(index: PageIndex, first: int, last: int) -> str:
    """The text of sentences first..last with up to two sentences either side, in their paragraph."""
    begin, stop = _paragraph_of(index, first)
    low = max(0, first - _AROUND)
    high = min(len(index.sentences) - 1, last + _AROUND)
    start = max(begin, index.sentences[low][0])
    end = min(stop, index.sentences[high][1])
    return index.text[start:end] if end > start else index.text[index.sentences[first][0] : index.sentences[last][1]]


def interview_introduction(text: str) -> str:
    """The text of an interview before its first question or answer ("I spoke with Maya Ferreira,
    ..."): who is interviewed is named there."""
    found = _FIRST_EXCHANGE.search(text)
    return text[: found.start()] if found else ""


_FIRST_EXCHANGE = re.compile(r"(?:^|\n)\s*[QA]\s*[:.]\s")


def answers_a_question(index: PageIndex, first: int, last: int) -> bool:
    """Are sentences first..last in an answer of a question-and-answer interview ("A: ...")?"""
    return any(_ANSWER.match(index.text, _paragraph_of(index, sentence)[0]) for sentence in range(first, last + 1))


def speakers_near(index: PageIndex, first: int, last: int, main: int | None = None) -> tuple[str, ...]:
    """The speaker words the page puts next to sentences first..last: the passage's own
    sentences first, then its neighbours in the same paragraph, nearest first."""
    if answers_a_question(index, first, last):
        return ()  # an interview's answer: the interviewee's words, whoever the question named
    begin, stop = _paragraph_of(index, first)
    order = list(range(first, last + 1))
    if main is not None:  # the sentence the statement aligns with most comes first
        order.remove(main)
        order.insert(0, main)
    for step in range(1, _AROUND + 1):
        order += [first - step, last + step]
    for sentence in order:
        if not 0 <= sentence < len(index.sentences):
            continue
        start, end = index.sentences[sentence]
        if start < begin or end > stop:
            continue
        found = _speaker_words(index.text[start:end])
        if found is None:  # a pronoun ("he said"): whom the sentences before it last credited
            return _antecedent(index, sentence)
        if found:
            return _normalised(found)
    return ()


def speaking_in(index: PageIndex, sentence: int) -> tuple[str, ...]:
    """Whom the sentence itself has say its words ("..., said Ida Berg"); not a source cited by
    "according to", whose figures a writer still writes, nor a "he" to resolve."""
    start, end = index.sentences[sentence]
    return _normalised(_speaker_words(index.text[start:end], citing=False) or [])


def _normalised(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(w).text for w in names))


_ANSWER = re.compile(r"\s*A\s*[:.]\s")  # "A: ..." opens an answer in a question-and-answer interview
_ANTECEDENT = 4  # sentences back (this paragraph and the one before) where a pronoun's speaker is named


def _antecedent(index: PageIndex, sentence: int) -> tuple[str, ...]:
    """The speaker that a pronoun at `sentence` stands for: the named speaker of the nearest
    sentence before it that credits one, within this paragraph and the one before; none when a
    paragraph further back would be needed, or when the nearest sentence that reports speech
    credits someone this cannot name."""
    paragraphs = 0
    for earlier in range(sentence - 1, max(-1, sentence - 1 - _ANTECEDENT), -1):
        start, end = index.sentences[earlier]
        if "\n\n" in index.text[end : index.sentences[earlier + 1][0]]:
            paragraphs += 1
            if paragraphs > 1:
                break
        found = _speaker_words(index.text[start:end])
        if found:
            return tuple(dict.fromkeys(normalise(w).text for w in found))
        surname = _surname_subject(index.text[start:end])
        if surname:  # "Wolters urged farmers to report ...": she speaks here
            return tuple(surname)
        if found is not None and _reports(index.text[start:end]):
            return ()  # someone this cannot name speaks here: not whoever spoke before
        subject = _named_subject(index.text[start:end])
        if subject:  # "Anton Brask, the governor of Mirow, was more cautious."
            return tuple(normalise(w).text for w in subject)
    return ()


def _named_subject(sentence: str) -> list[str]:
    """The person a sentence opens with: two or more capitalised words set off by a comma or
    followed by a verb ('Anton Brask, the governor, was cautious'), lower case; none otherwise."""
    run = [m.group().removesuffix("'s").removesuffix("’s") for m in _capitalised_run(list(_WORD.finditer(sentence)))]
    if len(run) < 2 or any(w.casefold() in STOPWORDS or w.casefold() in words.CALENDAR for w in run):
        return []
    return [w.casefold() for w in run]


def _surname_subject(sentence: str) -> list[str]:
    """The one capitalised word a sentence opens with, when the lexicon does not know it (a
    surname) and a verb follows it ('Wolters urged farmers to ...'), lower case; else none."""
    found = [m.group() for m in list(_WORD.finditer(sentence))[:2]]
    if len(found) < 2 or not found[0][:1].isupper() or not lexicon.can_be_verb(found[1].casefold()):
        return []
    name = found[0].casefold()
    if lexicon.is_known(name) or name in STOPWORDS or name in words.CALENDAR:
        return []
    return [name]


def _reports(sentence: str) -> bool:
    return any(match.group().casefold() in words.REPORTING for match in _WORD.finditer(sentence))


def is_page_author(index: PageIndex, name_words: Sequence[str]) -> bool:
    """Is the statement's speaker the page's own author (named in its head, as in a byline)?
    Then the whole page is theirs."""
    head = index.text[:HEAD_CHARS]
    bylines = " ".join(m.group(1) for m in _BYLINE.finditer(head))
    return any(word in normalise(bylines).text.split() for word in name_words)


_BYLINE = re.compile(r"(?:^|\n)\s*(?:by|written by|from|analysts?:|authors?:)\s+([^\n|]{2,80})", re.IGNORECASE)
