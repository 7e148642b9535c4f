"""Shared by the quote tests: one embedding model per test session (loading it takes seconds),
and a judge that counts the statements it is asked about."""

from __future__ import annotations

import functools

from verifier.judge.matcher import QuoteMatcher
from verifier.judge.semantic import Embedder
from verifier.records import Match, QuoteKind


class CountingMatcher(QuoteMatcher):
    """The real judge (words only), counting the statements it judges."""

    def __init__(self) -> None:
        super().__init__(semantic=False)
        self.calls = 0

    def match(self, page_text: str, quote: str, kind: QuoteKind) -> Match:
        self.calls += 1
        return super().match(page_text, quote, kind)


@functools.cache
def shared_embedder() -> Embedder:
    """The process-wide embedder for tests; loaded on first use by a matcher."""
    return Embedder()
