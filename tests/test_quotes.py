"""The quote judge's parts: normalisation, sentences, quote parsing, reporting frames, figures
and bounds, the layered matcher, and the two cases of issue 3's "Shown by". Negation, hedges,
comparisons and the other kinds of change are tested through the matcher in test_judge.py."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
from collections.abc import Sequence

import pytest

from tests.quote_helpers import shared_embedder
from verifier.judge import align as align_module
from verifier.judge.align import RELATIONS_KEPT, SPELLINGS_KEPT, align, tokens_of
from verifier.judge.figures import compare_figures, extract_figures
from verifier.judge.matcher import QuoteMatcher
from verifier.judge.page import build_index, split_sentences
from verifier.judge.semantic import Embedder, Vectors
from verifier.judge.statement import parse_quote, strip_attribution
from verifier.judge.text import STEMS_KEPT, STOPWORDS, content_stems, normalise, stem, tokenise
from verifier.records import QuoteKind, QuoteVerdict

# ---------------------------------------------------------------- normalisation

NORMALISE_CASES = [
    ("curly-quotes", "\u201cBuild\u201d it\u2019s", '"build" it\'s'),
    ("dashes", "2010\u20132015 \u2014 then", "2010-2015 - then"),
    ("soft-hyphen", "manu\u00adfacturing", "manufacturing"),
    ("zero-width", "clus\u200bter\ufeff", "cluster"),
    ("nfkc-ligature", "\ufb01rst \uff21", "first a"),
    ("whitespace", "  a\t\tb \n\n c  ", "a b c"),
    ("casefold", "STRASSE Stra\u00dfe", "strasse strasse"),
    ("line-break-hyphen", "Chi-\nnese goods", "chinese goods"),
    ("dotless-acronym", "the US and the EU", "the u.s and the e.u"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NORMALISE_CASES], ids=[c[0] for c in NORMALISE_CASES])
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text).text == expected


def test_normalised_offsets_map_back_to_the_original_text() -> None:
    original = "Intro.  \u201cSpeed\u00ad and   agglomeration\u201d matter."
    norm = normalise(original)
    start = norm.text.index("speed")
    end = norm.text.index("agglomeration") + len("agglomeration")
    a, b = norm.original_span(start, end)
    assert original[a:b] == "Speed\u00ad and   agglomeration"


def test_a_run_of_plain_words_is_folded_up_to_what_needs_more_than_lower_casing() -> None:
    """Plain ASCII is lower-cased a run of words at a time: an acronym, a word broken at a line's
    end, a curly quote, an accent or two spaces inside the run are folded all the same, and every
    character still maps back to its own place."""
    original = "Made in the US by Chi-\nnese firms, the \u201ccafe\u0301\u201d said  so."
    norm = normalise(original)
    assert norm.text == 'made in the u.s by chinese firms, the "caf\u00e9" said so.'
    for word, written in (("made in the", "Made in the"), ("u.s", "US"), ("chinese firms", "Chi-\nnese firms"),
                          ("caf\u00e9", "cafe"), ("said so.", "said  so.")):
        start = norm.text.index(word)
        a, b = norm.original_span(start, start + len(word))
        assert original[a:b] == written
    assert norm.origin == tuple(sorted(norm.origin))


WORDS = ["".join(letters) for letters in itertools.product("bcdfghjklm", repeat=5)]  # 100,000 made-up words


def test_stems_are_remembered_within_a_bound() -> None:
    for word in WORDS[: 2 * STEMS_KEPT]:
        stem(word)
    assert stem.cache_info().currsize == STEMS_KEPT


def test_word_relations_and_spellings_are_remembered_within_a_bound() -> None:
    statement = tokens_of(" ".join(WORDS[:150]))
    passage = tokens_of(" ".join(WORDS[150:300] + WORDS[:5]))  # 23,250 pairs of words, 5 of them the same
    links = align(statement, passage).links
    assert [(link.quote, link.source) for link in links] == [(k, 150 + k) for k in range(5)]
    assert len(align_module._relations) <= RELATIONS_KEPT < len(statement) * len(passage)
    assert align_module._american.cache_info().maxsize == SPELLINGS_KEPT
    align_module._relations.clear()
    assert align(statement, passage).links == links  # remembered or not, the same answer


def test_tokens_write_out_dotted_abbreviations() -> None:
    assert tokenise(normalise("The U.S. and the US").text) == ["the", "united states", "and", "the", "united states"]
    assert tokenise(normalise("The U.S.").text, expand=False) == ["the", "u.s"]


def test_content_stems_skip_stopwords_and_share_a_stem_across_inflections() -> None:
    assert {"the", "and", "of"} <= STOPWORDS
    assert stem("installed") == stem("installs") == stem("installing")
    assert content_stems(normalise("The workers and the plants").text) == [stem("workers"), stem("plants")]


# ---------------------------------------------------------------- sentences

SENTENCE_CASES = [
    ("simple", "One. Two! Three?", ["One.", "Two!", "Three?"]),
    ("us-abbreviation", "The U.S. Steel plant closed. It reopened.", ["The U.S. Steel plant closed.", "It reopened."]),
    ("us-at-end", "It was made in the U.S. The plant closed.", ["It was made in the U.S.", "The plant closed."]),
    ("title", "Dr. Lee spoke. Prof. Ma agreed.", ["Dr. Lee spoke.", "Prof. Ma agreed."]),
    ("decimal", "Prices rose 2.7 percent. Then fell.", ["Prices rose 2.7 percent.", "Then fell."]),
    ("initial", "Kurt M. Campbell wrote it. Others agreed.", ["Kurt M. Campbell wrote it.", "Others agreed."]),
    ("paragraphs", "Heading\n\nBody text here", ["Heading", "Body text here"]),
    ("quote-end", '"It works." Next one.', ['"It works."', "Next one."]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SENTENCE_CASES], ids=[c[0] for c in SENTENCE_CASES])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_the_page_index_keeps_the_sentences_of_the_original_text() -> None:
    text = "Prices rose 2.7 percent. The U.S. Steel plant closed.\n\nHeading"
    index = build_index(text)
    assert [text[a:b] for a, b in index.sentences] == [
        "Prices rose 2.7 percent.",
        "The U.S. Steel plant closed.",
        "Heading",
    ]
    assert index.sentence_of(text.index("Steel")) == 1


# ---------------------------------------------------------------- quote parsing

PARSE_CASES = [
    ("plain", "Build like China.", ("build like china",)),
    ("three-dots", "Build like China ... prioritize speed", ("build like china", "prioritize speed")),
    ("ellipsis-char", "Build like China\u2026 prioritize speed", ("build like china", "prioritize speed")),
    ("spaced-dots", "Build like China . . . prioritize speed", ("build like china", "prioritize speed")),
    ("bracketed-ellipsis", "Build like China [...] prioritize speed", ("build like china", "prioritize speed")),
    ("trailing-ellipsis", "Build like China...", ("build like china",)),
    ("bracket-wildcard", "[The US] must build like China", ("must build like china",)),
    ("bracket-inside", "it must [in short] build", ("it must", "build")),
    ("bracket-letter", "[T]he plan build[s] it", ("the plan builds it",)),
    ("outer-quotes", "\u201cBuild like China.\u201d", ("build like china",)),
]


@pytest.mark.parametrize(("quote", "parts"), [c[1:] for c in PARSE_CASES], ids=[c[0] for c in PARSE_CASES])
def test_parse_quote(quote: str, parts: tuple[str, ...]) -> None:
    assert parse_quote(quote).parts == parts


# ---------------------------------------------------------------- figures

FIGURE_CASES = [
    ("gigawatts", "about 28 gigawatts", 28e9, "power", "approx"),
    ("gw-abbrev", "280 GW", 280e9, "power", None),
    ("terawatt", "more than 1 terawatt", 1e12, "power", "lower"),
    ("dollars-words", "2.7 billion U.S. dollars", 2.7e9, "money", None),
    ("dollars-symbol", "$2.7bn", 2.7e9, "money", None),
    ("euro", "\u20ac35 million", 35e6, "money", None),
    ("percent-sign", "up to 65%", 65.0, "percent", "upper"),
    ("percent-word", "28.3 percent", 28.3, "percent", None),
    ("per-cent", "70 per cent", 70.0, "percent", None),
    ("thousands-comma", "roughly 80,000 workers", 80_000.0, "count", "approx"),
    ("written-number", "ten years", 10.0, "time", None),
    ("a-decade", "more than a decade", 10.0, "time", "lower"),
    ("year", "in 2024", 2024.0, "year", None),
    ("fraction", "nearly half", 50.0, "percent", "approx"),
    ("decade", "the 1970s", 1970.0, "decade", None),
]


@pytest.mark.parametrize(
    ("text", "value", "dimension", "bound"), [c[1:] for c in FIGURE_CASES], ids=[c[0] for c in FIGURE_CASES]
)
def test_extract_figures(text: str, value: float, dimension: str, bound: str | None) -> None:
    (figure,) = extract_figures(text)
    assert figure.value == pytest.approx(value)
    assert (figure.dimension, figure.bound) == (dimension, bound)


def test_one_of_is_not_a_figure() -> None:
    assert extract_figures("one of the largest producers") == ()


FIGURE_CHECKS = [
    ("ten-fold", "about 28 gigawatts", "about 280 gigawatts", "quote says 28 gigawatts, source says 280 gigawatts"),
    ("same", "28 gigawatts in 2024", "28 GW in 2024", None),
    ("unit-conversion-money", "invested $2.7bn", "invested 2.7 billion U.S. dollars", None),
    ("bare-scale-vs-money", "invested 2.7 billion", "invested $2.7bn", None),
    ("percent-spellings", "28.3% of output", "28.3 percent of output", None),
    ("written-vs-digits", "in just ten years", "in just 10 years", None),
    ("unit-conversion-power", "0.28 terawatts", "280 gigawatts", None),
    ("rounded-estimate", "about 280 gigawatts", "277.17 gigawatts", None),
    ("not-a-rounding", "28 gigawatts", "277.17 gigawatts", "quote says 28 gigawatts, source says 277.17 gigawatts"),
    ("year", "in 2023", "in 2024", "quote says 2023, source says 2024"),
    ("scale-word", "a record $475 million", "a record $475 billion", "$475 million, source says $475 billion"),
    ("unit-changed", "50 megawatts", "50 gigawatts", "quote says 50 megawatts, source says 50 gigawatts"),
    ("currency", "\u20ac2.7bn", "$2.7bn", "currency differs"),
    ("digits-swapped", "rose 41.6 percent", "rose 14.6 percent", "quote says 41.6 percent, source says 14.6 percent"),
    ("fraction", "by nearly a quarter", "by nearly half", "quote says a quarter, source says half"),
    ("half-is-fifty", "to about half", "to around 50 percent", None),
    ("up-to-vs-at-least", "at least 65% cheaper", "up to 65% cheaper", "bound differs"),
    ("up-to-dropped", "65% cheaper", "up to 65% cheaper", "bound differs"),
    ("about-vs-exactly", "exactly 30 percent", "about 30 percent", "bound differs"),
    ("about-dropped", "30 percent", "about 30 percent", None),
    ("more-than-vs-over", "more than 6 million", "over 6 million", None),
    ("more-than-vs-less-than", "more than 6 million", "less than 6 million", "bound differs"),
    ("missing-figure", "lost $3 billion", "lost money", "number not in source"),
    ("missing-year", "in 2024 it grew", "last year it grew", None),
    ("part-of-a-whole", "it reopened three of the eleven streets", "it reopened two of the eleven streets",
     "quote says three, source says two"),
    ("part-of-a-whole-same", "three of the eleven streets reopened", "it reopened three of the eleven streets", None),
    ("bound-after-the-figure", "open until 2031 at the earliest", "open until at least 2031", None),
    ("bound-after-the-figure-changed", "open until 2031 at the latest", "open until at least 2031", "bound differs"),
    ("no-lower-than-is-at-least", "no lower than 70 degrees", "at least 70 degrees", None),
    ("an-age-two-ways", "Hume, a 71-year-old former midwife", "Patricia Hume, 71, a retired midwife", None),
    ("an-age-changed", "Hume, a 72-year-old former midwife", "Patricia Hume, 71, a retired midwife", "72"),
    ("a-fifth-of", "cells lost 20 percent of their capacity", "cells lost a fifth of their capacity", None),
    ("tenths", "dissolved sulfur fell by about 90 percent", "dissolved sulfur fell by roughly nine-tenths", None),
    ("nearly-for-over", "it has nearly 900 members", "it counts over 900 members", "bound differs"),
    ("a-kilometre-in-the-singular", "the 38 km stretch", "the 38-kilometre stretch", None),
    ("a-code-changed", "cameras on the M6 from June", "cameras on the M8 from June", "quote says M6, source says M8"),
    ("a-code-is-no-count", "profit rose 5% in Q2", "profit rose 5% in the second quarter, on 2 plants", None),
    ("a-bounded-week", "at least a week's notice", "at least two weeks' notice", "quote says a week, source says two"),
    ("a-bounded-week-same", "at least a week's notice", "at least seven days' notice", None),
]


@pytest.mark.parametrize(
    ("quote", "passage", "note"), [c[1:] for c in FIGURE_CHECKS], ids=[c[0] for c in FIGURE_CHECKS]
)
def test_compare_figures(quote: str, passage: str, note: str | None) -> None:
    notes = [d.note for d in compare_figures(quote, passage, lambda: extract_figures(passage))]
    if note is None:
        assert notes == []
    else:
        assert len(notes) == 1, notes
        assert note in notes[0]


def test_a_figure_is_paired_by_its_context() -> None:
    passage = (
        "It mines roughly 70 per cent of the world's rare earths, but Chinese plants separate and refine "
        "about 90 per cent of the global supply."
    )
    assert [
        d.note for d in compare_figures("China mines roughly 90 per cent of the world's rare earths.", passage)
    ] == ["number differs: quote says 90 per cent, source says 70 per cent"]
    assert compare_figures("Chinese plants refine about 90% of the global supply.", passage) == []


def test_a_passage_figure_the_statement_gives_as_it_is_is_no_rival_of_another() -> None:
    """A statement that joins two sentences: its 4 percent is not the passage's 9 percent changed,
    since the statement gives the 9 percent too (the 4 percent is elsewhere on the page)."""
    page = "Visits to the old town are down 4 percent. Shoppers fell by 9 percent in Ardley."
    passage = "Shoppers fell by 9 percent in Ardley."
    statement = "Old-town visits are down 4 percent, while shoppers fell by 9 percent in Ardley."
    assert compare_figures(statement, passage, lambda: extract_figures(page)) == []


def test_a_figure_found_elsewhere_on_the_page_is_not_missing() -> None:
    assert (
        compare_figures("lost $3 billion", "lost money", lambda: extract_figures("Elsewhere: it lost $3 billion."))
        == []
    )


# ---------------------------------------------------------------- reporting frames

ATTRIBUTION_CASES = [
    ("argues-that", "the author argues that tariffs alone cannot build it", "tariffs alone cannot build it"),
    ("according-to", "according to the brief, rules of origin should change", "rules of origin should change"),
    ("called-for", "the speaker called for a single approval per design", "a single approval per design"),
    ("not-a-frame", "china added about 28 gigawatts of solar", "china added about 28 gigawatts of solar"),
    ("united-states", "the united states must build like china", "the united states must build like china"),
    ("passive-not-a-frame", "groups sued to stop a plant proposed by a georgia utility",
     "groups sued to stop a plant proposed by a georgia utility"),
    ("concedes-that", "ferreira conceded that lumen should have explained it", "lumen should have explained it"),
    ("by-its-estimate", "by the authority's own estimate, water use will fall", "water use will fall"),
    ("inside-commas", "the transport cost, ellery notes, appears on page 31", "the transport cost appears on page 31"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in ATTRIBUTION_CASES], ids=[c[0] for c in ATTRIBUTION_CASES]
)
def test_strip_attribution(text: str, expected: str) -> None:
    assert strip_attribution(text) == expected


# ---------------------------------------------------------------- the matcher, lexical layers

PAGE = """Industrial Policy With Local Characteristics

The bilateral goods deficit narrowed to about $279 billion last year. This does not mean that dependence on \
Chinese manufacturing has fallen by the same amount.

\u201cSpeed is a policy choice,\u201d the economist said. \u201cYou can decide to approve things quickly.\u201d

A navy needs particular grades of plate steel and a few specialist mills that can roll them. Broad tariffs \
protect every mill equally, including those making commodity rebar.

Policy should target capacities, not balances. A smaller deficit is not a goal in itself.
"""

LEXICAL_CASES = [
    ("exact", "Policy should target capacities, not balances.", QuoteVerdict.VERBATIM),
    ("case-and-quotes", "\u2018speed is a policy choice\u2019", QuoteVerdict.VERBATIM),
    ("across-paragraphs", "making commodity rebar. Policy should target capacities", QuoteVerdict.VERBATIM),
    ("ellipsis", "A navy needs particular grades of plate steel ... Broad tariffs protect", QuoteVerdict.VERBATIM),
    ("bracket", "[The bilateral] goods deficit narrowed to about $279 billion last year.", QuoteVerdict.VERBATIM),
    ("near", "A navy needs particular grades of plate steel and a few specialist mills which can roll them.",
     QuoteVerdict.NEAR_VERBATIM),
    ("abbreviation", "The U.S. goods deficit narrowed", QuoteVerdict.NOT_FOUND),
    ("number", "The bilateral goods deficit narrowed to about $379 billion last year.", QuoteVerdict.DISTORTED),
    ("negation", "A smaller deficit is a goal in itself.", QuoteVerdict.DISTORTED),
    ("absent", "Offshore wind farms in the North Sea are now cheaper than gas plants.", QuoteVerdict.NOT_FOUND),
]  # fmt: skip


@pytest.mark.parametrize(("quote", "verdict"), [c[1:] for c in LEXICAL_CASES], ids=[c[0] for c in LEXICAL_CASES])
def test_lexical_layers(quote: str, verdict: QuoteVerdict) -> None:
    match = QuoteMatcher(semantic=False).match(PAGE, quote, QuoteKind.QUOTE)
    assert match.verdict is verdict, match
    assert 0.0 <= match.score <= 1.0
    if verdict.is_supported or verdict is QuoteVerdict.DISTORTED:
        assert match.evidence is not None
        assert match.evidence in PAGE


def test_verbatim_evidence_is_the_original_sentence() -> None:
    match = QuoteMatcher(semantic=False).match(PAGE, "speed is a policy choice", QuoteKind.QUOTE)
    assert match.evidence == "\u201cSpeed is a policy choice,\u201d the economist said."
    assert match.score == 1.0


def test_distorted_number_note_names_both_numbers() -> None:
    quote = "The bilateral goods deficit narrowed to about $379 billion last year."
    match = QuoteMatcher(semantic=False).match(PAGE, quote, QuoteKind.QUOTE)
    assert match.notes == ("number differs: quote says $379 billion, source says $279 billion",)


def test_nothing_close_has_no_evidence() -> None:
    match = QuoteMatcher(semantic=False).match(PAGE, "Bananas ripen faster in warm kitchens.", QuoteKind.CLAIM)
    assert match.verdict is QuoteVerdict.NOT_FOUND
    assert match.evidence is None


@pytest.mark.parametrize("page", ["", "   \n\n  "], ids=["empty", "blank"])
def test_empty_page_is_not_found(page: str) -> None:
    match = QuoteMatcher(semantic=False).match(page, "Anything at all.", QuoteKind.QUOTE)
    assert (match.verdict, match.score, match.evidence) == (QuoteVerdict.NOT_FOUND, 0.0, None)


def test_quotes_settled_lexically_never_import_torch() -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from verifier.judge.matcher import QuoteMatcher
        from verifier.records import QuoteKind
        page = {PAGE!r}
        matcher = QuoteMatcher()  # semantic layer enabled, but no quote needs it
        for quote in ("Policy should target capacities, not balances.",
                      "A navy needs particular grades of plate steel and a few specialist mills which can roll them.",
                      "The bilateral goods deficit narrowed to about $379 billion last year."):
            print(matcher.match(page, quote, QuoteKind.QUOTE).verdict)
        print(sorted(m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["verbatim", "near_verbatim", "distorted", "[]"]


# ---------------------------------------------------------------- issue 3, "Shown by" (semantic layer)

# An original paragraph in the style of the Foreign Affairs article (written for this test).
FOREIGN_AFFAIRS_STYLE = """The Chinese model offers lessons. For decades, Beijing has coordinated investment in \
power grids, rail and factories so that each reinforced the others.

If the United States wants to achieve similar results, it must build more like China, emulating parts of \
Beijing's approach to organizing and mobilizing economic production, prioritizing speed and agglomeration. \
What Washington needs is an industrial policy with American characteristics.

None of this requires copying China's political system."""

SEED_QUOTE = (
    "If the United States hopes to achieve results similar to those of China, it must build like China, "
    "replicate some of Beijing's practices in organizing and mobilizing economic production, prioritize speed "
    "and industrial clustering. What Washington needs is a U.S.-style industrial policy."
)

SOLAR_PAGE = """China's achievements in renewable energy are striking. In 2024 alone, China installed roughly \
280 gigawatts of new solar capacity, more than the entire solar fleet of the United States.

Its total solar capacity now exceeds one terawatt."""

SOLAR_CLAIM = (
    "In 2024 alone, China added about 28 gigawatts of solar capacity, exceeding the entire solar capacity "
    "of the United States."
)


@pytest.fixture(scope="module")
def matcher() -> QuoteMatcher:
    return QuoteMatcher(embedder=shared_embedder())


def test_back_translated_quote_is_a_paraphrase(matcher: QuoteMatcher) -> None:
    match = matcher.match(FOREIGN_AFFAIRS_STYLE, SEED_QUOTE, QuoteKind.QUOTE)
    assert match.verdict is QuoteVerdict.PARAPHRASE, match
    assert match.evidence is not None
    assert "prioritizing speed and agglomeration" in match.evidence
    assert match.notes == ()


def test_ten_times_smaller_figure_is_distorted(matcher: QuoteMatcher) -> None:
    match = matcher.match(SOLAR_PAGE, SOLAR_CLAIM, QuoteKind.CLAIM)
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert "number differs: quote says 28 gigawatts, source says 280 gigawatts" in match.notes


def test_unrelated_claim_is_not_found(matcher: QuoteMatcher) -> None:
    match = matcher.match(
        FOREIGN_AFFAIRS_STYLE, "Germany's car industry is moving its plants to Mexico.", QuoteKind.CLAIM
    )
    assert match.verdict is QuoteVerdict.NOT_FOUND, match


# reworded beyond what the lexicon links, so that the words alone do not settle it
REWORDED_CLAIM = (
    "For many years, the government in Beijing has lined up spending on electricity networks, railways and "
    "plants so that each one strengthened the rest."
)


def test_page_embeddings_are_cached(matcher: QuoteMatcher) -> None:
    """The windows of a page are embedded once per run, however many statements consult them."""
    matcher.match(FOREIGN_AFFAIRS_STYLE, REWORDED_CLAIM, QuoteKind.CLAIM)
    cache = matcher.page_cache(FOREIGN_AFFAIRS_STYLE)
    embedded = dict(cache.vectors)
    assert embedded
    matcher.match(FOREIGN_AFFAIRS_STYLE, REWORDED_CLAIM, QuoteKind.CLAIM)
    assert cache.vectors.keys() == embedded.keys()
    assert all(cache.vectors[k] is v for k, v in embedded.items())


class _CountingEmbedder(Embedder):
    """The shared model, counting the texts it is asked to encode."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__()
        self.inner = inner
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.texts += len(texts)
        return self.inner.encode(texts)


def test_a_statement_judged_again_encodes_nothing() -> None:
    """Statements, passages outside the page's windows and single words are embedded once per
    run: the same claim judged again costs no encoding (it cost ~0.5 s of it before)."""
    counting = _CountingEmbedder(shared_embedder())
    matcher = QuoteMatcher(embedder=counting)
    first = matcher.match(FOREIGN_AFFAIRS_STYLE, REWORDED_CLAIM, QuoteKind.CLAIM)
    assert counting.texts > 0
    before = counting.texts
    again = matcher.match(FOREIGN_AFFAIRS_STYLE, REWORDED_CLAIM, QuoteKind.CLAIM)
    assert counting.texts == before
    assert again == first


def test_digits_that_are_no_decimal_digits_are_no_figures() -> None:
    """'❶' and '²' are digits to str.isdigit() but no number to float() (a fuzz-found crash)."""
    found = [f.surface for f in extract_figures("costs ❶ million, ² of 12 percent")]
    assert found == ["2", "12 percent"]  # NFKC makes '²' a 2
    match = QuoteMatcher(semantic=False).match("The plant costs ❶ million euros.", "It costs ❶ euros.", QuoteKind.QUOTE)
    assert match.verdict in tuple(QuoteVerdict)
