"""Alerts when sources change: a webhook (JSON POST {"text": ...}, which Slack, Mattermost,
Rocket.Chat and similar accept) and e-mail through SMTP (STARTTLS and login optional,
credentials only from the environment variables the config names).

Only changes alert: newly_failing, recovered and content_changed. `new` does not (the
first run of an article would otherwise send one alert per source; its report says it
all), nor does a run judged "network down". One message per run lists every changed
source.

Alerts are never fatal. A delivery that fails is logged, kept in a pending file (JSON,
written atomically) and retried on the next run, oldest first, until it goes through;
an alert for a channel no longer configured is dropped.

The webhook is posted with httpx directly, not through verifier.fetch.Fetcher: it is a
destination the operator configured (often an internal chat server, possibly on a
private or loopback address), not a URL cited by an article, so the address guard,
robots.txt and retries for cited pages do not apply to it.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx

from verifier.records import Change, EmailNotify, Notify
from verifier.report import write_atomic

ALERTING_CHANGES = frozenset({Change.NEWLY_FAILING, Change.RECOVERED, Change.CONTENT_CHANGED})
DEFAULT_ALERT_TIMEOUT_S = 10.0
DEFAULT_SMTP_PORT = 25
MAX_PENDING = 50  # the oldest pending alerts beyond this are dropped
WEBHOOK = "webhook"
EMAIL = "email"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Alert:
    channel: str  # webhook | email
    subject: str
    text: str
    created_at: str  # RFC 3339
    attempts: int = 0
    last_error: str = ""


class DeliveryError(Exception):
    """An alert could not be delivered (the message says why)."""


def compose_alert(report: Mapping[str, Any]) -> tuple[str, str] | None:
    """(subject, text) for the run's changed sources; None when nothing alerts."""
    run = report["run"]
    if run.get("network") == "down":
        return None
    changed = [s for s in report.get("sources") or () if s.get("change") in ALERTING_CHANGES]
    if not changed:
        return None
    noun = "source" if len(changed) == 1 else "sources"
    subject = f"verifier: {len(changed)} cited {noun} changed"
    inputs = ", ".join(run.get("inputs") or ())
    lines = [f"{subject} (run {run['id']}, {inputs})"]
    lines += [_describe(s) for s in changed]
    return subject, "\n".join(lines)


def send_alerts(
    notify: Notify,
    report: Mapping[str, Any],
    *,
    pending_path: Path,
    timeout_s: float = DEFAULT_ALERT_TIMEOUT_S,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """Deliver this run's alert and any pending ones on every configured channel.
    Returns one line per problem (already logged); an empty list means all delivered."""
    env = os.environ if env is None else env
    channels = _channels(notify)
    problems: list[str] = []
    queue = _load_pending(pending_path, problems)
    dropped = [a for a in queue if a.channel not in channels]
    if dropped:
        problems.append(f"dropped {len(dropped)} pending alert(s) for channels no longer configured")
    queue = [a for a in queue if a.channel in channels]
    composed = compose_alert(report)
    if composed is not None:
        now = _now()
        queue += [Alert(channel, composed[0], composed[1], now) for channel in channels]
    if not queue:
        _save_pending(pending_path, [], problems)
        return _logged(problems)
    still_pending: list[Alert] = []
    failed: set[str] = set()  # a channel that failed once this run is not tried again
    with httpx.Client(timeout=timeout_s, follow_redirects=False) as client:
        for alert in queue:
            if alert.channel in failed:
                still_pending.append(alert)
                continue
            try:
                _deliver(notify, alert, client, timeout_s, env)
            except DeliveryError as exc:
                failed.add(alert.channel)
                problems.append(f"{alert.channel} alert failed, kept for the next run: {exc}")
                still_pending.append(replace(alert, attempts=alert.attempts + 1, last_error=str(exc)))
    if len(still_pending) > MAX_PENDING:
        problems.append(f"dropped {len(still_pending) - MAX_PENDING} oldest pending alert(s)")
        still_pending = still_pending[-MAX_PENDING:]
    _save_pending(pending_path, still_pending, problems)
    return _logged(problems)


def _logged(problems: list[str]) -> list[str]:
    for problem in problems:
        log.warning("alert: %s", problem)
    return problems


def _channels(notify: Notify) -> list[str]:
    return [name for name, on in ((WEBHOOK, notify.webhook), (EMAIL, notify.email)) if on]


def _deliver(notify: Notify, alert: Alert, client: httpx.Client, timeout_s: float, env: Mapping[str, str]) -> None:
    if alert.channel == WEBHOOK and notify.webhook:
        _post_webhook(client, notify.webhook, alert.text)
    elif alert.channel == EMAIL and notify.email:
        _send_email(notify.email, alert, timeout_s, env)


def _post_webhook(client: httpx.Client, url: str, text: str) -> None:
    try:
        response = client.post(url, json={"text": text})
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc or 'no detail'}") from exc
    if not response.is_success:
        raise DeliveryError(f"HTTP {response.status_code} from the webhook")


def _send_email(config: EmailNotify, alert: Alert, timeout_s: float, env: Mapping[str, str]) -> None:
    host, _, port = config.smtp.rpartition(":")
    if not host or not port.isdecimal():
        host, port = config.smtp, str(DEFAULT_SMTP_PORT)
    message = EmailMessage()
    message["Subject"] = alert.subject
    message["From"] = config.sender
    message["To"] = ", ".join(config.to)
    message.set_content(alert.text)
    try:
        with smtplib.SMTP(host, int(port), timeout=timeout_s) as smtp:
            if config.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if config.username_env:
                smtp.login(_secret(env, config.username_env), _secret(env, config.password_env))
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc or 'no detail'}") from exc


def _secret(env: Mapping[str, str], name: str | None) -> str:
    if name is None:
        return ""
    value = env.get(name)
    if value is None:
        raise DeliveryError(f"environment variable {name} is not set")
    return value


def _describe(source: Mapping[str, Any]) -> str:
    change = str(source["change"]).replace("_", " ")
    parts = [f"- {source['id']}: {change}, now {source['verdict']}"]
    link = source.get("link") or {}
    if link.get("status"):
        detail = f"link {link['status']}"
        if link.get("http_status"):
            detail += f" (HTTP {link['http_status']})"
        if link.get("confirmed_dead"):
            detail += ", confirmed dead"
        parts.append(detail)
    lost = [q["text"] for q in source.get("quotes") or () if q.get("verdict") in ("distorted", "not_found")]
    if lost:
        parts.append(f"{len(lost)} quote(s)/claim(s) not supported: " + "; ".join(_clip(t) for t in lost))
    if source.get("url"):
        parts.append(str(source["url"]))
    return "; ".join(parts)


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _load_pending(path: Path, problems: list[str]) -> list[Alert]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [Alert(**item) for item in raw["alerts"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problems.append(f"unreadable pending alerts file {path} ignored: {exc}")
        return []


def _save_pending(path: Path, alerts: Sequence[Alert], problems: list[str]) -> None:
    try:
        if alerts:
            write_atomic(path, json.dumps({"alerts": [asdict(a) for a in alerts]}, indent=2) + "\n")
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        problems.append(f"could not save pending alerts to {path}: {exc}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
