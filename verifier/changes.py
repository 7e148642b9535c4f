"""Pure change detection: what a source's previous state was (`Prior`, read from the
history), what changed since (`classify_change`), and whether a failing link is now
confirmed dead (`is_confirmed_dead`).

Definitions (the contract for reports, alerts and `--fail-on`):

- A *failing link* is one whose status says the page is gone or cannot be reached:
  not_found, soft_404, server_error, unreachable. ok and paywalled (readable), blocked (the
  page exists, we are not let in) and disallowed (our own choice: robots.txt or the address
  guard) never count. Runs judged "network down" are never recorded into a streak.
- A *failing source* is one whose verdict does not hold (disputed, broken) or whose link is
  confirmed dead. A link that fails for a night is not enough: that is what confirm_dead
  is for.
- `change`, in order of precedence: new (no earlier network-ok run saw the source);
  newly_failing / recovered (the source crossed between failing and not failing);
  content_changed (the page text hash differs from the last readable fetch, or a quote or
  claim last judged supported is now judged distorted or not_found); otherwise unchanged.
  An unreadable page (quotes unverifiable, no hash) never makes a change by itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from verifier.records import Change, LinkStatus, QuoteVerdict, SourceVerdict

FAILING_LINK_STATUSES = frozenset(
    {LinkStatus.NOT_FOUND, LinkStatus.SOFT_404, LinkStatus.SERVER_ERROR, LinkStatus.UNREACHABLE}
)


@dataclass(frozen=True)
class Prior:
    """A source as the history last saw it in a network-ok run."""

    run_id: str
    checked_at: datetime  # the link's checked_at, else the run's start
    verdict: SourceVerdict
    link_status: LinkStatus | None  # None: the source had no URL (unresolved)
    confirmed_dead: bool
    # From the most recent run whose page was readable (ok, paywalled); None if never.
    content_sha256: str | None
    # Text -> most recent verdict other than unverifiable, over the source's history.
    quote_verdicts: Mapping[str, QuoteVerdict] = field(default_factory=dict)
    # checked_at of the consecutive failing-link runs ending with the latest network-ok run,
    # oldest first; empty when the latest run's link was not failing.
    failure_streak: tuple[datetime, ...] = ()

    @property
    def is_failing(self) -> bool:
        return self.verdict.is_failing or self.confirmed_dead


def is_link_failing(status: LinkStatus | str | None) -> bool:
    """True for the link statuses that count towards confirmed dead."""
    return status is not None and LinkStatus(status) in FAILING_LINK_STATUSES


def is_source_failing(source: Mapping[str, Any]) -> bool:
    """A report source (SPEC latest.json shape) that does not hold: verdict disputed or
    broken, or its link confirmed dead. Use this for `--fail-on any` as well."""
    link = source.get("link") or {}
    return SourceVerdict(source["verdict"]).is_failing or bool(link.get("confirmed_dead"))


def is_confirmed_dead(prior: Prior | None, now: datetime, failing_now: bool, failures: int, days: int) -> bool:
    """Whether the link is confirmed dead in the current run.

    Dead only when the current run fails (`failing_now`, see `is_link_failing`) and, counting
    it, at least `failures` consecutive failing runs touch at least `days` distinct calendar
    days (dates in `now`'s time zone). Calendar days rather than elapsed hours so that a daily
    cron job confirms on its `days`-th run whatever the start-time jitter. In a network-down
    run pass `failing_now=False`: such runs never count. `now` must be timezone-aware.
    """
    if not failing_now:
        return False
    times = [*(prior.failure_streak if prior else ()), now]
    if len(times) < failures:
        return False
    dates = {t.astimezone(now.tzinfo).date() for t in times}
    return len(dates) >= days


def classify_change(prior: Prior | None, current: Mapping[str, Any]) -> Change:
    """The `change` of a report source (SPEC shape, `link.confirmed_dead` already set)
    relative to its prior state."""
    if prior is None:
        return Change.NEW
    failing = is_source_failing(current)
    if failing and not prior.is_failing:
        return Change.NEWLY_FAILING
    if prior.is_failing and not failing:
        return Change.RECOVERED
    if _text_changed(prior, current) or _support_lost(prior, current):
        return Change.CONTENT_CHANGED
    return Change.UNCHANGED


def annotate_changes(
    report: Mapping[str, Any],
    priors: Mapping[str, Prior | None],
    thresholds: Mapping[str, tuple[int, int]],
) -> dict[str, Any]:
    """A copy of `report` (SPEC shape) with every source's `link.confirmed_dead` and
    `change` set from its prior state. `priors` and `thresholds` ((failures, days), from the
    source's document settings) are keyed by source id; a source missing from `thresholds`
    is never confirmed dead. In a network-down run nothing is judged: no link is confirmed
    dead and a known source is `unchanged`."""
    annotated = dict(report)  # copied as far as it is changed below (a deep copy cost ~0.1 ms a source)
    if "sources" in report:
        annotated["sources"] = [
            {**source, "link": dict(source["link"])} if source.get("link") is not None else dict(source)
            for source in report["sources"] or ()
        ]
    network_ok = annotated["run"].get("network") != "down"
    started = datetime.fromisoformat(annotated["run"]["started_at"])
    for source in annotated.get("sources") or ():
        prior = priors.get(source["id"])
        link = source.get("link")
        if link is not None:
            failures, days = thresholds.get(source["id"], (0, 0))
            now = datetime.fromisoformat(link["checked_at"]) if link.get("checked_at") else started
            failing_now = network_ok and source["id"] in thresholds and is_link_failing(link.get("status"))
            link["confirmed_dead"] = is_confirmed_dead(prior, now, failing_now, failures, days)
        if network_ok:
            source["change"] = classify_change(prior, source).value
        else:
            source["change"] = (Change.NEW if prior is None else Change.UNCHANGED).value
    return annotated


def _text_changed(prior: Prior, current: Mapping[str, Any]) -> bool:
    link = current.get("link") or {}
    status = link.get("status")
    digest = link.get("content_sha256")
    readable = status is not None and LinkStatus(status).is_readable
    return readable and digest is not None and prior.content_sha256 not in (None, digest)


def _support_lost(prior: Prior, current: Mapping[str, Any]) -> bool:
    for quote in current.get("quotes") or ():
        before = prior.quote_verdicts.get(quote["text"])
        now = QuoteVerdict(quote["verdict"])
        if (
            before is not None
            and before.is_supported
            and now
            in (
                QuoteVerdict.DISTORTED,
                QuoteVerdict.NOT_FOUND,
            )
        ):
            return True
    return False
