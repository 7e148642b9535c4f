"""Shared by the quote tests: one embedding model per test session (loading it takes seconds),
a judge that counts the statements it is asked about, and a short article with a quote and a
claim on it (the scale and reuse tests serve it)."""

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


QUOTE = "Every factory trains the workers and suppliers the next one needs."
CLAIM = "China added about 280 gigawatts of solar capacity last year."
BODY = (
    "<p>Washington keeps debating subsidies while Beijing keeps building. The lesson of the last two decades "
    "is that capacity compounds: every factory trains the workers and suppliers the next one needs.</p>"
    "<p>Last year alone, China added about 280 gigawatts of solar capacity, more than the entire installed "
    "base of the United States.</p>"
)


def article(title: str = "Build like China", body: str = BODY) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | Opinion | World</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>About us</footer></body></html>")
