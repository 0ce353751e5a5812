"""Real SMTP round trips against an aiosmtpd server on 127.0.0.1, and failures that stay quiet."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError as error:  # pragma: no cover - only without the test extras
    pytest.fail(f"SMTP tests need aiosmtpd (pip install -e '.[test]'): {error}", pytrace=False)

from ethicsdesk.mail import Mailer, MailSettings, Message

SENDER = "EthicsDesk <ethicsdesk@school.nl>"
SUBJECT = "Uw aanvraag is beoordeeld — café-app, € 0"


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"desk", b"geheim")
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def mailer_for(port: int, **settings: Any) -> Mailer:
    values: dict[str, Any] = {
        "server": "127.0.0.1",
        "port": port,
        "use_tls": False,
        "default_sender": SENDER,
        "timeout": 5.0,
    }
    return Mailer(MailSettings(**{**values, **settings}))


def test_a_message_arrives_intact(inbox: tuple[Inbox, int]) -> None:
    handler, port = inbox
    message = Message(
        ["eva@school.nl", "zoe@school.nl"],
        SUBJECT,
        "Het advies is klaar: zie €-bijlage.",
        "<p>Ja</p>",
    )
    assert mailer_for(port).send(message) is True
    [envelope] = handler.envelopes
    assert envelope.mail_from == "ethicsdesk@school.nl"
    assert envelope.rcpt_tos == ["eva@school.nl", "zoe@school.nl"]
    received: Any = message_from_bytes(envelope.original_content, policy=policy.default)
    assert received["Subject"] == SUBJECT
    assert received["From"] == SENDER
    assert "€-bijlage" in received.get_body(("plain",)).get_content()
    assert received.get_body(("html",)).get_content().strip() == "<p>Ja</p>"


def test_login_is_used_when_configured() -> None:
    handler = Inbox()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticate,
        auth_require_tls=False,  # offer AUTH without TLS: the test server has no certificate
    )
    controller.start()
    try:
        good = mailer_for(controller.port, username="desk", password="geheim")
        bad = mailer_for(controller.port, username="desk", password="fout")
        assert good.send(Message("eva@school.nl", "Login", "ok")) is True
        assert bad.send(Message("eva@school.nl", "Login", "nope")) is False
    finally:
        controller.stop()
    assert [e.original_content.count(b"Subject: Login") for e in handler.envelopes] == [1]


def test_no_clear_text_fallback_when_starttls_is_missing(
    inbox: tuple[Inbox, int], caplog: pytest.LogCaptureFixture
) -> None:
    handler, port = inbox
    with caplog.at_level(logging.WARNING, logger="ethicsdesk.mail"):
        assert mailer_for(port, use_tls=True).send(Message("eva@school.nl", "Hi", "x")) is False
    assert handler.envelopes == []
    assert "STARTTLS" in caplog.text


def test_a_refused_connection_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()  # nothing listens here any more
    with caplog.at_level(logging.WARNING, logger="ethicsdesk.mail"):
        assert mailer_for(port).send(Message("eva@school.nl", "Hi", "x")) is False
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert f"127.0.0.1:{port}" in record.getMessage()
    assert "1 recipient" in record.getMessage()
