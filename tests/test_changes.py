from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.runbuilder import quote, report, source
from verifier.changes import (
    Prior,
    annotate_changes,
    classify_change,
    is_confirmed_dead,
    is_link_failing,
    is_source_failing,
)
from verifier.records import Change, LinkStatus, QuoteVerdict, SourceVerdict

T0 = datetime(2026, 1, 1, 6, 0, tzinfo=UTC)


def prior(
    verdict: str = "verified",
    status: str | None = "ok",
    *,
    sha: str | None = "aaa",
    confirmed_dead: bool = False,
    quotes: dict[str, str] | None = None,
    streak: tuple[datetime, ...] = (),
) -> Prior:
    return Prior(
        run_id="r0",
        checked_at=T0,
        verdict=SourceVerdict(verdict),
        link_status=LinkStatus(status) if status else None,
        confirmed_dead=confirmed_dead,
        content_sha256=sha,
        quote_verdicts={t: QuoteVerdict(v) for t, v in (quotes or {"the quoted words": "verbatim"}).items()},
        failure_streak=streak,
    )


@pytest.mark.parametrize(
    ("status", "failing"),
    [
        (LinkStatus.OK, False),
        (LinkStatus.PAYWALLED, False),
        (LinkStatus.BLOCKED, False),
        (LinkStatus.DISALLOWED, False),
        (LinkStatus.NOT_FOUND, True),
        (LinkStatus.SOFT_404, True),
        (LinkStatus.SERVER_ERROR, True),
        (LinkStatus.UNREACHABLE, True),
        (None, False),
    ],
    ids=str,
)
def test_which_link_statuses_fail(status: LinkStatus | None, failing: bool) -> None:
    assert is_link_failing(status) is failing
    if status is not None:
        assert is_link_failing(status.value) is failing


@pytest.mark.parametrize(
    ("src", "failing"),
    [
        (source("a", "verified"), False),
        (source("a", "disputed"), True),
        (source("a", "broken", "not_found"), True),
        (source("a", "unverifiable", "unreachable"), False),
        (source("a", "verified_via_archive", "not_found"), False),
        (source("a", "verified_via_archive", "not_found", confirmed_dead=True), True),
        (source("a", "unresolved", None), False),
    ],
    ids=["verified", "disputed", "broken", "unreachable-once", "archived", "archived-dead", "unresolved"],
)
def test_source_failing(src: dict[str, Any], failing: bool) -> None:
    assert is_source_failing(src) is failing


CHANGE_CASES: list[tuple[str, Prior | None, dict[str, Any], Change]] = [
    ("first-sight", None, source("a"), Change.NEW),
    ("first-sight-failing", None, source("a", "broken", "not_found"), Change.NEW),
    ("same", prior(), source("a"), Change.UNCHANGED),
    ("verified-to-disputed", prior(), source("a", "disputed", quotes=[quote("x", "distorted")]), Change.NEWLY_FAILING),
    ("verified-to-broken", prior(), source("a", "broken", "not_found", sha=None), Change.NEWLY_FAILING),
    (
        "link-confirmed-dead-while-archive-holds",
        prior("verified_via_archive", "not_found", sha="aaa"),
        source("a", "verified_via_archive", "not_found", confirmed_dead=True),
        Change.NEWLY_FAILING,
    ),
    ("broken-to-verified", prior("broken", "not_found"), source("a"), Change.RECOVERED),
    (
        "dead-link-back",
        prior("verified_via_archive", "not_found", confirmed_dead=True),
        source("a"),
        Change.RECOVERED,
    ),
    ("disputed-to-verified", prior("disputed"), source("a", sha="bbb"), Change.RECOVERED),
    ("text-hash-differs", prior(), source("a", sha="bbb"), Change.CONTENT_CHANGED),
    ("paywalled-text-differs", prior(), source("a", status="paywalled", sha="bbb"), Change.CONTENT_CHANGED),
    ("first-readable-hash", prior(sha=None), source("a", sha="bbb"), Change.UNCHANGED),
    (
        "unreadable-tonight",
        prior(),
        source("a", "unverifiable", "unreachable", sha=None, quotes=[quote("the quoted words", "unverifiable")]),
        Change.UNCHANGED,
    ),
    (
        "error-page-hash-ignored",
        prior(),
        source("a", "unverifiable", "server_error", sha="ccc", quotes=[quote("the quoted words", "unverifiable")]),
        Change.UNCHANGED,
    ),
    (
        "quote-support-lost-while-already-disputed",
        prior("disputed", quotes={"q1": "distorted", "q2": "paraphrase"}),
        source("a", "disputed", quotes=[quote("q1", "distorted"), quote("q2", "not_found")]),
        Change.CONTENT_CHANGED,
    ),
    (
        "quote-rewording-still-supported",
        prior(quotes={"q1": "verbatim"}),
        source("a", quotes=[quote("q1", "near_verbatim")]),
        Change.UNCHANGED,
    ),
    (
        "new-quote-added",
        prior(quotes={"q1": "verbatim"}),
        source("a", quotes=[quote("q1"), quote("q2", "paraphrase")]),
        Change.UNCHANGED,
    ),
    ("unresolved-still", prior("unresolved", None, sha=None), source("a", "unresolved", None), Change.UNCHANGED),
    (
        "newly-failing-beats-content",
        prior(),
        source("a", "disputed", sha="bbb", quotes=[quote("the quoted words", "not_found")]),
        Change.NEWLY_FAILING,
    ),
]


@pytest.mark.parametrize(
    ("prior_state", "current", "expected"),
    [c[1:] for c in CHANGE_CASES],
    ids=[c[0] for c in CHANGE_CASES],
)
def test_classify_change(prior_state: Prior | None, current: dict[str, Any], expected: Change) -> None:
    assert classify_change(prior_state, current) is expected


def days(*offsets: float) -> tuple[datetime, ...]:
    return tuple(T0 + timedelta(days=d) for d in offsets)


# (case id, prior, now, failing now, (failures, days) threshold, expected)
DEAD_CASES: list[tuple[str, Prior | None, datetime, bool, tuple[int, int], bool]] = [
    ("not-failing-now", prior("broken", "not_found", streak=days(0, 1)), T0 + timedelta(days=2), False, (3, 3), False),
    ("first-failure", None, T0, True, (3, 3), False),
    ("first-failure-threshold-one", None, T0, True, (1, 1), True),
    (
        "third-daily-failure",
        prior("broken", "not_found", streak=days(0, 1)),
        T0 + timedelta(days=2),
        True,
        (3, 3),
        True,
    ),
    (
        "third-daily-failure-with-cron-jitter",
        prior("broken", "not_found", streak=(T0 + timedelta(seconds=5), T0 + timedelta(days=1))),
        T0 + timedelta(days=2, seconds=-3),
        True,
        (3, 3),
        True,
    ),
    ("second-daily-failure", prior("broken", "not_found", streak=days(0)), T0 + timedelta(days=1), True, (3, 3), False),
    (
        "many-failures-one-day",
        prior("broken", "not_found", streak=days(0, 0.1, 0.2, 0.3)),
        T0 + timedelta(hours=9),
        True,
        (3, 3),
        False,
    ),
    (
        "hourly-runs-over-three-days",
        prior("broken", "not_found", streak=days(0, 0.5, 1, 1.5)),
        T0 + timedelta(days=2),
        True,
        (3, 3),
        True,
    ),
    (
        "three-days-but-two-runs",
        prior("broken", "not_found", streak=days(0)),
        T0 + timedelta(days=5),
        True,
        (3, 3),
        False,
    ),
    # bughunt-2026-11 test audit: the case above touches two calendar days, so the days rule
    # alone says no and the failure count is never tested. Here the days are enough and only
    # the count decides: one run short, exactly enough, and enough runs but a day short.
    (
        "days-met-but-one-run-short",
        prior("broken", "not_found", streak=days(0)),
        T0 + timedelta(days=5),
        True,
        (3, 2),
        False,
    ),
    (
        "days-met-and-runs-exactly-enough",
        prior("broken", "not_found", streak=days(0, 3)),
        T0 + timedelta(days=5),
        True,
        (3, 2),
        True,
    ),
    (
        "four-runs-needed-on-two-days",
        prior("broken", "not_found", streak=days(0, 0.2, 1)),
        T0 + timedelta(days=1, hours=2),
        True,
        (5, 2),
        False,
    ),
    ("streak-broken-before", prior("verified", "ok", streak=()), T0 + timedelta(days=2), True, (3, 3), False),
]


@pytest.mark.parametrize(
    ("prior_state", "now", "failing_now", "threshold", "expected"),
    [c[1:] for c in DEAD_CASES],
    ids=[c[0] for c in DEAD_CASES],
)
def test_is_confirmed_dead(
    prior_state: Prior | None, now: datetime, failing_now: bool, threshold: tuple[int, int], expected: bool
) -> None:
    failures, n_days = threshold
    assert is_confirmed_dead(prior_state, now, failing_now, failures, n_days) is expected


ANNOTATE_CASES: list[tuple[str, str, Prior | None, dict[str, Any], bool, str]] = [
    ("new-source", "ok", None, source("a"), False, "new"),
    (
        "third-failing-day",
        "ok",
        prior("verified_via_archive", "not_found", streak=days(0, 1)),
        source("a", "verified_via_archive", "not_found", checked_at="2026-01-03T06:00:00Z"),
        True,
        "newly_failing",
    ),
    (
        "second-failing-day",
        "ok",
        prior("verified_via_archive", "not_found", streak=days(0)),
        source("a", "verified_via_archive", "not_found", checked_at="2026-01-02T06:00:00Z"),
        False,
        "unchanged",
    ),
    (
        "network-down-judges-nothing",
        "down",
        prior("broken", "not_found", streak=days(0, 1)),
        source("a", "unverifiable", "unreachable", checked_at="2026-01-03T06:00:00Z"),
        False,
        "unchanged",
    ),
    ("network-down-new", "down", None, source("a", "unverifiable", "unreachable"), False, "new"),
]


@pytest.mark.parametrize(
    ("network", "prior_state", "current", "dead", "change"),
    [c[1:] for c in ANNOTATE_CASES],
    ids=[c[0] for c in ANNOTATE_CASES],
)
def test_annotate_changes(
    network: str, prior_state: Prior | None, current: dict[str, Any], dead: bool, change: str
) -> None:
    rep = report("r", "2026-01-03T06:00:00Z", [current], network=network)
    before = json.loads(json.dumps(rep))
    out = annotate_changes(rep, {"a": prior_state}, {"a": (3, 3)})
    got = out["sources"][0]
    assert got["link"]["confirmed_dead"] is dead
    assert got["change"] == change
    assert rep == before  # the input is not modified


def test_annotate_unresolved_source_has_no_link() -> None:
    rep = report("r", "2026-01-03T06:00:00Z", [source("a", "unresolved", None)])
    out = annotate_changes(rep, {"a": prior("unresolved", None)}, {"a": (3, 3)})
    assert out["sources"][0]["link"] is None
    assert out["sources"][0]["change"] == "unchanged"
