"""The MIME message: UTF-8 everywhere, the headers mail servers and spam filters expect."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from typing import Any

import pytest

from ethicsdesk.mail import MailSettings, Message, build_email

SUBJECT = "Advies gepubliceerd: café-app, kosten € 1.200"


def test_utf8_subject_and_body_survive_the_wire() -> None:
    email = build_email(
        Message(
            to=["eva@school.nl", "Zoë de Vries <zoe@school.nl>"],
            subject=SUBJECT,
            text="Het advies over de café-app is gepubliceerd. Kosten: € 1.200.",
            html="<p>Het advies over de <b>café-app</b> is gepubliceerd.</p>",
            reply_to="secretariaat@school.nl",
        ),
        default_sender="EthicsDesk <ethicsdesk@school.nl>",
    )
    wire = email.as_bytes()
    head = wire.split(b"\r\n\r\n" if b"\r\n\r\n" in wire else b"\n\n", 1)[0]
    assert head.isascii()  # RFC 5322 headers: non-ASCII only as RFC 2047 encoded words
    assert b"=?utf-8?" in head
    parsed: Any = message_from_bytes(wire, policy=policy.default)
    assert parsed["Subject"] == SUBJECT
    assert parsed["From"].addresses[0].addr_spec == "ethicsdesk@school.nl"
    assert [a.display_name for a in parsed["To"].addresses] == ["", "Zoë de Vries"]
    assert parsed["Reply-To"] == "secretariaat@school.nl"
    assert parsed["Message-ID"].endswith("@school.nl>")
    assert parsedate_to_datetime(parsed["Date"]).utcoffset() is not None
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed.get_content_type() == "multipart/alternative"
    plain = parsed.get_body(("plain",))
    assert plain["Content-Transfer-Encoding"] == "quoted-printable"
    assert plain.get_content_charset() == "utf-8"
    assert "Kosten: € 1.200." in plain.get_content()
    assert "<b>café-app</b>" in parsed.get_body(("html",)).get_content()


def test_text_only_messages_are_not_multipart() -> None:
    email = build_email(Message("eva@school.nl", "Hallo", "Tekst"), "desk@school.nl")
    assert email.get_content_type() == "text/plain"
    assert email["To"] == "eva@school.nl"
    assert email["From"] == "desk@school.nl"


def test_each_message_gets_its_own_id() -> None:
    message = Message("eva@school.nl", "Hallo", "Tekst")
    assert build_email(message)["Message-ID"] != build_email(message)["Message-ID"]


@pytest.mark.parametrize(
    "fields",
    [
        {"to": "eva@school.nl", "subject": "Hi\r\nBcc: all@school.nl"},
        {"to": "eva@school.nl\nBcc: all@school.nl", "subject": "Hi"},
        {"to": "eva@school.nl", "subject": "Hi", "reply_to": "x@y.nl\rBcc: z@y.nl"},
        {"to": [], "subject": "Hi"},
    ],
)
def test_header_injection_and_empty_recipients_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"line breaks|recipient"):
        Message(text="body", **fields)


def test_settings_follow_flask_mail_defaults() -> None:
    settings = MailSettings.from_config({})
    assert (settings.server, settings.port, settings.use_tls, settings.use_ssl) == (
        None,
        587,
        True,
        False,
    )
    assert settings.suppress_send is False
    assert MailSettings.from_config({"TESTING": True}).suppress_send is True
    assert MailSettings.from_config({"TESTING": True, "MAIL_SUPPRESS_SEND": None}).suppress_send
    explicit = MailSettings.from_config({"TESTING": True, "MAIL_SUPPRESS_SEND": False})
    assert explicit.suppress_send is False


def test_the_password_never_shows_in_a_repr() -> None:
    settings = MailSettings(server="smtp.school.nl", password="hunter2", default_sender="d@s.nl")
    assert "hunter2" not in repr(settings)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"MAIL_USE_TLS": True, "MAIL_USE_SSL": True}, "exclude each other"),
        ({"MAIL_SERVER": "smtp.school.nl"}, "MAIL_DEFAULT_SENDER must be set"),
    ],
)
def test_contradictory_settings_are_refused_at_start_up(
    config: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        MailSettings.from_config(config)
