"""Shared by the quote tests: one embedding model per test session (loading it takes seconds)."""

from __future__ import annotations

import functools

from verifier.judge.semantic import Embedder


@functools.cache
def shared_embedder() -> Embedder:
    """The process-wide embedder for tests; loaded on first use by a matcher."""
    return Embedder()
