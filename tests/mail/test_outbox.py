"""Suppressed or switched-off mail lands in an outbox that tests can read."""

from __future__ import annotations

import pytest
from flask import Flask

from ethicsdesk.mail import Mailer, MailSettings, Message, init_mail, record_messages
from ethicsdesk.mail.mailer import OUTBOX_SIZE

NOTICE = Message("eva@school.nl", "Nieuwe aanvraag", "Er is een aanvraag ingediend.")


def test_suppressed_mail_is_recorded_and_counts_as_sent() -> None:
    mailer = Mailer(
        MailSettings(server="smtp.school.nl", default_sender="d@school.nl", suppress_send=True)
    )
    assert mailer.send(NOTICE) is True
    assert [email["Subject"] for email in mailer.outbox] == ["Nieuwe aanvraag"]
    assert not mailer.delivers


def test_without_a_server_mail_is_off_and_reported_as_not_sent() -> None:
    mailer = Mailer(MailSettings())
    assert mailer.send(NOTICE) is False
    assert len(mailer.outbox) == 1


def test_the_outbox_cannot_grow_without_bound() -> None:
    mailer = Mailer(MailSettings())
    for _ in range(OUTBOX_SIZE + 5):
        mailer.send(NOTICE)
    assert len(mailer.outbox) == OUTBOX_SIZE


def test_record_messages_collects_only_inside_the_block() -> None:
    app = Flask(__name__)
    app.config.update(TESTING=True, MAIL_DEFAULT_SENDER="EthicsDesk <desk@school.nl>")
    mailer = init_mail(app)
    mailer.send(NOTICE)
    with record_messages(app) as outbox, record_messages(app) as nested:
        mailer.send(Message(["a@school.nl", "b@school.nl"], "Twee", "Tekst"))
    mailer.send(NOTICE)
    assert [email["To"] for email in outbox] == ["a@school.nl, b@school.nl"]
    assert nested == outbox
    assert outbox[0]["From"] == "EthicsDesk <desk@school.nl>"


def test_record_messages_without_init_says_what_is_missing() -> None:
    with pytest.raises(RuntimeError, match="init_mail"), record_messages(Flask(__name__)):
        pass
