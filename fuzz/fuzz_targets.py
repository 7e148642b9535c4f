"""Fuzz targets for the two entry points that take arbitrary outside text: text extraction
(`verifier.extract.extract_page`, its strategies and checks live in tests/fuzz_extract.py)
and quote matching (`verifier.judge.matcher.QuoteMatcher.match`, with the semantic layer off so
that thousands of examples run a minute). Hypothesis generates the inputs; each batch is a
fresh random run, no example database.

`python -m fuzz.fuzz_targets --seconds 60` alternates batches of both targets until the
time is spent (make fuzz); tests/test_fuzz_brief.py runs the quote target briefly in
`make test` (tests/test_extract.py does the same for extraction).
"""

from __future__ import annotations

import argparse
import logging
import math
import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_extract import bodies, check_page, content_types
from verifier.judge.matcher import QuoteMatcher
from verifier.records import Match, QuoteKind, QuoteVerdict

# Pieces that exercise the matcher's parsing: numbers and units (distortion checks),
# negations and hedges, ellipses and editorial brackets (quote parts), quotation marks,
# sentence ends, CJK and combining characters, stray whitespace.
WORDS = (
    "China", "the", "United", "States", "must", "build", "like", "solar", "panels", "are", "cheaper",
    "than", "those", "in", "Europe", "not", "never", "no", "may", "might", "up", "to", "about", "more",
    "less", "million", "billion", "gigawatts", "percent", "%", "65%", "28", "280", "1,000", "3.5",
    "one-third", "half", "twice", "2025", "1990s", "$4", "€12bn", "...", "…", "[...]", "[the]", "[sic]",
    "(", ")", ",", ";", ":", ".", "!", "?", "\u201c", "\u201d", "'", '"', "-", "\u2014", "\n", "\t",
    "\u00a0", "\u200b", "中国", "建设", "e\u0301", "ﬁ", "İ", "ß",
)  # fmt: skip

sentences = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40).map(" ".join)
page_texts = st.lists(sentences, max_size=12).map(". ".join)
kinds = st.sampled_from(list(QuoteKind))


@st.composite
def page_and_quote(draw: st.DrawFn) -> tuple[str, str]:
    """A page text and a quote that is unrelated, a slice of the page, or a slice edited
    the way a careless citation is (a word dropped, replaced or inserted)."""
    page = draw(page_texts)
    how = draw(st.sampled_from(("unrelated", "slice", "edited")))
    if how == "unrelated" or not page:
        return page, draw(st.one_of(sentences, st.text(max_size=200)))
    start = draw(st.integers(0, len(page) - 1))
    end = draw(st.integers(start, min(len(page), start + 400)))
    quote = page[start:end]
    if how == "edited":
        words = quote.split(" ")
        at = draw(st.integers(0, len(words)))
        edit = draw(st.sampled_from(("drop", "replace", "insert")))
        word = draw(st.sampled_from(WORDS))
        if edit == "drop":
            words = words[:at] + words[at + 1 :]
        elif edit == "replace":
            words = [*words[:at], word, *words[at + 1 :]]
        else:
            words = [*words[:at], word, *words[at:]]
        quote = " ".join(words)
    return page, quote


def check_match(page_text: str, quote: str, kind: QuoteKind) -> Match:
    """The properties every match keeps, whatever it is given."""
    match = QuoteMatcher(semantic=False).match(page_text, quote, kind)
    assert isinstance(match, Match)
    assert match.verdict in set(QuoteVerdict)
    assert isinstance(match.score, float)
    assert math.isfinite(match.score)
    assert 0.0 <= match.score <= 1.0
    if match.evidence is not None:
        # the passage is the page's own text; distant parts are joined with " … "
        assert match.evidence.strip()
        for piece in match.evidence.split(" … "):
            assert piece in page_text, (piece, page_text)
    assert all(isinstance(note, str) and note for note in match.notes)
    return match


def _fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def extract_target(examples: int) -> Callable[[], None]:
    """One batch of `examples` extraction examples (tests/fuzz_extract.py's strategies)."""

    @_fuzz_settings(examples)
    @given(bodies, content_types)
    def run(body: bytes, content_type: str) -> None:
        check_page(body, content_type)

    return run


def match_target(examples: int) -> Callable[[], None]:
    """One batch of `examples` quote-matching examples."""

    @_fuzz_settings(examples)
    @given(page_and_quote(), kinds)
    def run(pair: tuple[str, str], kind: QuoteKind) -> None:
        check_match(pair[0], pair[1], kind)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="stop starting new batches after this long")
    parser.add_argument("--examples", type=int, default=300, help="examples per batch and target")
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # every damaged body logs its damage
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    targets = {"extract_page": extract_target(args.examples), "QuoteMatcher.match": match_target(args.examples)}
    batches = dict.fromkeys(targets, 0)
    started = time.monotonic()
    while True:  # at least one batch of each target; then until the time is spent
        for name, target in targets.items():
            target()
            batches[name] += 1
        if time.monotonic() - started >= args.seconds:
            break
    spent = time.monotonic() - started
    done = ", ".join(f"{name}: {count * args.examples} examples" for name, count in batches.items())
    print(f"fuzz_targets: {done} in {spent:.0f} s, no failure")


if __name__ == "__main__":
    main()
