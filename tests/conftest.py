from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.fake_archive import FakeArchive
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


@pytest.fixture
def archive() -> Iterator[FakeArchive]:
    """A local Wayback-compatible archive (tests.fake_archive) on a server of its own."""
    with serve() as s:
        yield FakeArchive(s).install()


def is_ci() -> bool:
    """CI is set to anything but "", "0", "false" or "no"."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_unless_available(available: bool, missing: str, install: str) -> None:
    """Skip a test whose outside tool is missing; under CI fail it instead, so that a CI run
    never passes with tests silently left out."""
    if available:
        return
    if is_ci():
        pytest.fail(f"CI is set but {missing}: {install}")
    pytest.skip(f"{missing} ({install}); set CI=true to fail instead")
