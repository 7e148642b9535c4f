from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.siteserver import Site, serve


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment may reroute test traffic away from loopback."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh local HTTP server for one test; register routes on it."""
    with serve() as s:
        yield s
