from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.runbuilder import quote, report, source
from tests.siteserver import RouteRequest, Site
from verifier.notify import compose_alert, send_alerts
from verifier.records import EmailNotify, Notify

PENDING_NAME = "pending-alerts.json"
CHANGED = report(
    "r2",
    "2026-01-02T06:00:00Z",
    [
        source("gone", "broken", "not_found", change="newly_failing", http_status=404, confirmed_dead=True),
        source("back", change="recovered"),
        source("edited", "disputed", change="content_changed", quotes=[quote("28 gigawatts", "distorted")]),
        source("same", change="unchanged"),
        source("fresh", change="new"),
    ],
)
QUIET = report("r3", "2026-01-03T06:00:00Z", [source("same", change="unchanged"), source("fresh", change="new")])
DOWN = report(
    "r4",
    "2026-01-04T06:00:00Z",
    [source("gone", "unverifiable", "unreachable", change="newly_failing")],
    network="down",
)


@dataclass
class Receiver:
    """A webhook endpoint on the local site: records JSON bodies, answers `status`."""

    site: Site
    status: int = 200
    delay_s: float = 0.0
    bodies: list[Any] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.site.url("/hook")

    def handle(self, req: RouteRequest) -> None:
        length = int(req.headers.get("Content-Length") or 0)
        payload = json.loads(req.rfile.read(length))
        end = time.monotonic() + self.delay_s
        while time.monotonic() < end and not req.stopping:
            time.sleep(0.05)
        if self.status < 300:
            self.bodies.append(payload)
        req.respond(self.status, b"{}", content_type="application/json")


@pytest.fixture
def receiver(site: Site) -> Receiver:
    recv = Receiver(site)
    site.route("/hook")(recv.handle)
    return recv


class Mailbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def accept_only(user: str, password: str) -> Any:
    def authenticator(server: object, session: object, envelope: object, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (user.encode(), password.encode())
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535

    return authenticator


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=accept_only("desk", "s3cret"),
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def email_config(port: int, *, starttls: bool = False, login: bool = False) -> EmailNotify:
    return EmailNotify(
        to=("desk@example.org", "editor@example.org"),
        sender="verifier@example.org",
        smtp=f"127.0.0.1:{port}",
        starttls=starttls,
        username_env="VERIFIER_TEST_SMTP_USER" if login else None,
        password_env="VERIFIER_TEST_SMTP_PASSWORD" if login else None,
    )


def pending(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / PENDING_NAME
    return list(json.loads(path.read_text())["alerts"]) if path.exists() else []


def test_alert_text_lists_only_changes() -> None:
    composed = compose_alert(CHANGED)
    assert composed is not None
    subject, text = composed
    assert subject == "verifier: 3 cited sources changed"
    lines = text.splitlines()
    assert lines[0].startswith(subject)
    assert "r2" in lines[0]
    assert [line.split(":")[0] for line in lines[1:]] == ["- gone", "- back", "- edited"]
    assert "newly failing, now broken; link not_found (HTTP 404), confirmed dead" in lines[1]
    assert "28 gigawatts" in lines[3]


@pytest.mark.parametrize("rep", [QUIET, DOWN], ids=["only-new-and-unchanged", "network-down"])
def test_nothing_to_alert(rep: dict[str, Any], receiver: Receiver, tmp_path: Path) -> None:
    assert compose_alert(rep) is None
    problems = send_alerts(Notify(webhook=receiver.url), rep, pending_path=tmp_path / PENDING_NAME)
    assert problems == []
    assert receiver.site.hits == []


def test_no_channels_configured(tmp_path: Path) -> None:
    assert send_alerts(Notify(), CHANGED, pending_path=tmp_path / PENDING_NAME) == []
    assert not (tmp_path / PENDING_NAME).exists()


def test_webhook_posts_json_text(receiver: Receiver, tmp_path: Path) -> None:
    problems = send_alerts(Notify(webhook=receiver.url), CHANGED, pending_path=tmp_path / PENDING_NAME)
    assert problems == []
    assert len(receiver.bodies) == 1
    body = receiver.bodies[0]
    assert set(body) == {"text"}
    assert body["text"] == compose_alert(CHANGED)[1]  # type: ignore[index]
    hit = receiver.site.hits[0]
    assert hit.method == "POST"
    assert hit.headers["content-type"] == "application/json"
    assert not (tmp_path / PENDING_NAME).exists()


@pytest.mark.parametrize(
    ("failure", "expect"),
    [("http-500", "HTTP 500"), ("refused", "ConnectError"), ("slow", "Timeout")],
    ids=["http-500", "connection-refused", "timeout"],
)
def test_failed_webhook_is_kept_and_retried(receiver: Receiver, tmp_path: Path, failure: str, expect: str) -> None:
    pending_path = tmp_path / PENDING_NAME
    url = receiver.url
    if failure == "http-500":
        receiver.status = 500
    elif failure == "slow":
        receiver.delay_s = 3
    else:
        url = f"http://127.0.0.1:{free_port()}/hook"
    started = time.monotonic()
    problems = send_alerts(Notify(webhook=url), CHANGED, pending_path=pending_path, timeout_s=1)
    assert time.monotonic() - started < 10  # bounded by the timeout, never hangs the run
    assert len(problems) == 1
    assert expect in problems[0]
    kept = pending(tmp_path)
    assert [(a["channel"], a["attempts"]) for a in kept] == [("webhook", 1)]
    assert expect in kept[0]["last_error"]

    # next run: the receiver works again; the old alert goes out first, then this run's
    receiver.status, receiver.delay_s = 200, 0
    changed_again = report("r5", "2026-01-05T06:00:00Z", [source("back", change="recovered")])
    assert send_alerts(Notify(webhook=receiver.url), changed_again, pending_path=pending_path) == []
    texts = [b["text"] for b in receiver.bodies]
    assert len(texts) == 2
    assert "run r2" in texts[0]
    assert "run r5" in texts[1]
    assert not pending_path.exists()


def test_pending_for_removed_channel_is_dropped(receiver: Receiver, tmp_path: Path) -> None:
    pending_path = tmp_path / PENDING_NAME
    receiver.status = 503
    send_alerts(Notify(webhook=receiver.url), CHANGED, pending_path=pending_path)
    assert len(pending(tmp_path)) == 1
    problems = send_alerts(Notify(), QUIET, pending_path=pending_path)
    assert problems == ["dropped 1 pending alert(s) for channels no longer configured"]
    assert not pending_path.exists()


def test_pending_queue_is_bounded(tmp_path: Path) -> None:
    pending_path = tmp_path / PENDING_NAME
    dead = Notify(webhook=f"http://127.0.0.1:{free_port()}/hook")
    for n in range(53):
        rep = report(f"r{n}", "2026-01-02T06:00:00Z", [source("a", change="content_changed")])
        send_alerts(dead, rep, pending_path=pending_path, timeout_s=1)
    kept = pending(tmp_path)
    assert len(kept) == 50
    assert "run r52" in kept[-1]["text"]
    assert "run r3," in kept[0]["text"]


def test_failing_channel_is_tried_once_per_run(receiver: Receiver, tmp_path: Path) -> None:
    pending_path = tmp_path / PENDING_NAME
    receiver.status = 502
    for n in range(3):
        rep = report(f"r{n}", "2026-01-02T06:00:00Z", [source("a", change="content_changed")])
        send_alerts(Notify(webhook=receiver.url), rep, pending_path=pending_path)
    assert len(receiver.site.hits) == 3  # one attempt per run, not one per pending alert
    assert [a["attempts"] for a in pending(tmp_path)] == [3, 0, 0]


def test_corrupt_pending_file_is_not_fatal(receiver: Receiver, tmp_path: Path) -> None:
    pending_path = tmp_path / PENDING_NAME
    pending_path.write_text("{not json")
    problems = send_alerts(Notify(webhook=receiver.url), CHANGED, pending_path=pending_path)
    assert len(problems) == 1
    assert "unreadable pending alerts file" in problems[0]
    assert len(receiver.bodies) == 1


@pytest.mark.parametrize("login", [False, True], ids=["anonymous", "login-from-env"])
def test_email_is_sent(
    smtp_server: tuple[Mailbox, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, login: bool
) -> None:
    mailbox, port = smtp_server
    monkeypatch.setenv("VERIFIER_TEST_SMTP_USER", "desk")
    monkeypatch.setenv("VERIFIER_TEST_SMTP_PASSWORD", "s3cret")
    notify = Notify(email=email_config(port, login=login))
    assert send_alerts(notify, CHANGED, pending_path=tmp_path / PENDING_NAME) == []
    assert mailbox.envelopes == [("verifier@example.org", ["desk@example.org", "editor@example.org"])]
    message = mailbox.messages[0]
    assert message["Subject"] == "verifier: 3 cited sources changed"
    assert message["From"] == "verifier@example.org"
    assert message["To"] == "desk@example.org, editor@example.org"
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert "- gone: newly failing" in payload.decode()


@pytest.mark.parametrize(
    ("env", "starttls", "expect"),
    [
        ({"VERIFIER_TEST_SMTP_USER": "desk", "VERIFIER_TEST_SMTP_PASSWORD": "wrong"}, False, "SMTPAuthentication"),
        ({"VERIFIER_TEST_SMTP_USER": "desk"}, False, "VERIFIER_TEST_SMTP_PASSWORD is not set"),
        ({"VERIFIER_TEST_SMTP_USER": "desk", "VERIFIER_TEST_SMTP_PASSWORD": "s3cret"}, True, "STARTTLS"),
    ],
    ids=["wrong-password", "secret-missing", "starttls-not-offered"],
)
def test_email_failure_is_kept(
    smtp_server: tuple[Mailbox, int], tmp_path: Path, env: dict[str, str], starttls: bool, expect: str
) -> None:
    mailbox, port = smtp_server
    notify = Notify(email=email_config(port, starttls=starttls, login=True))
    problems = send_alerts(notify, CHANGED, pending_path=tmp_path / PENDING_NAME, env=env)
    assert len(problems) == 1
    assert expect in problems[0]
    assert mailbox.messages == []
    assert [a["channel"] for a in pending(tmp_path)] == ["email"]


def test_channels_fail_independently(receiver: Receiver, tmp_path: Path) -> None:
    notify = Notify(webhook=receiver.url, email=email_config(free_port()))
    problems = send_alerts(notify, CHANGED, pending_path=tmp_path / PENDING_NAME, timeout_s=2)
    assert len(problems) == 1
    assert problems[0].startswith("email alert failed")
    assert len(receiver.bodies) == 1
    assert [a["channel"] for a in pending(tmp_path)] == ["email"]
