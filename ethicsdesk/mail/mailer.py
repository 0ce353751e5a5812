"""Outgoing e-mail with Flask-Mail-style settings; a failed delivery never breaks a request."""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any

logger = logging.getLogger(__name__)

FALLBACK_SENDER = "ethicsdesk@localhost"  # only ever seen in recorded mail: a server needs a sender
OUTBOX_SIZE = 100  # a process running with e-mail off must not grow without bound


@dataclass(frozen=True)
class MailSettings:
    """The MAIL_* settings, checked once at start-up so a typo does not surface on a send."""

    server: str | None = None
    port: int = 587
    use_tls: bool = True
    use_ssl: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    default_sender: str | None = None
    suppress_send: bool = False
    timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.use_tls and self.use_ssl:
            raise ValueError(
                "MAIL_USE_TLS and MAIL_USE_SSL exclude each other: STARTTLS (587) or SSL (465)"
            )
        if self.server and not self.default_sender:
            raise ValueError("MAIL_DEFAULT_SENDER must be set when MAIL_SERVER is set")

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings:
        """Read the Flask-Mail keys; as in Flask-Mail, testing suppresses sending by default."""
        suppress_send = config.get("MAIL_SUPPRESS_SEND")
        if suppress_send is None:
            suppress_send = config.get("TESTING", False)
        return cls(
            server=config.get("MAIL_SERVER") or None,
            port=int(config.get("MAIL_PORT") or 587),
            use_tls=bool(config.get("MAIL_USE_TLS", True)),
            use_ssl=bool(config.get("MAIL_USE_SSL", False)),
            username=config.get("MAIL_USERNAME") or None,
            password=config.get("MAIL_PASSWORD") or None,
            default_sender=config.get("MAIL_DEFAULT_SENDER") or None,
            suppress_send=bool(suppress_send),
            timeout=float(config.get("MAIL_TIMEOUT") or 10.0),
        )


@dataclass(frozen=True)
class Message:
    """What the app wants to say; the Mailer turns it into a proper MIME message."""

    to: str | Sequence[str]
    subject: str
    text: str
    html: str | None = None
    sender: str | None = None
    reply_to: str | None = None

    def __post_init__(self) -> None:
        if not self.recipients:
            raise ValueError("an e-mail needs at least one recipient")
        headers = (self.subject, self.sender or "", self.reply_to or "", *self.recipients)
        if any("\r" in value or "\n" in value for value in headers):
            raise ValueError("e-mail header values may not contain line breaks")

    @property
    def recipients(self) -> tuple[str, ...]:
        """One address or several, always as a tuple."""
        return (self.to,) if isinstance(self.to, str) else tuple(self.to)


def build_email(message: Message, default_sender: str | None = None) -> EmailMessage:
    """Build the MIME message: UTF-8, quoted-printable so 7-bit relays pass it unchanged."""
    sender = message.sender or default_sender or FALLBACK_SENDER
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender
    email["To"] = ", ".join(message.recipients)
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    email["Date"] = formatdate(usegmt=True)
    # the sender's domain, not socket.getfqdn(), which may wait on DNS
    email["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or "localhost")
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office robots do not answer
    email.set_content(message.text, charset="utf-8", cte="quoted-printable")
    if message.html is not None:
        email.add_alternative(message.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return email


class Mailer:
    """Send mail, or keep it in an outbox while sending is suppressed or no server is set."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self.outbox: deque[EmailMessage] = deque(maxlen=OUTBOX_SIZE)
        self._recorders: list[list[EmailMessage]] = []

    @property
    def delivers(self) -> bool:
        """Whether messages go to a real SMTP server."""
        return bool(self.settings.server) and not self.settings.suppress_send

    def send(self, message: Message) -> bool:
        """Deliver or record; True when handed to the server (or recorded because suppressed)."""
        email = build_email(message, self.settings.default_sender)
        for recorder in self._recorders:
            recorder.append(email)
        if not self.delivers:
            self.outbox.append(email)
            return self.settings.suppress_send
        try:
            refused = self._deliver(email)
        except OSError as error:  # smtplib and ssl errors are OSErrors too
            logger.warning(
                "e-mail %s to %d recipient(s) not sent via %s:%s: %s",
                email["Message-ID"],
                len(message.recipients),
                self.settings.server,
                self.settings.port,
                error,
            )
            return False
        if refused:
            logger.warning("e-mail %s refused for %s", email["Message-ID"], sorted(refused))
        return True

    def _deliver(self, email: EmailMessage) -> dict[str, tuple[int, bytes]]:
        """One SMTP session per message: simple, and nothing is left open between requests."""
        settings = self.settings
        assert settings.server is not None
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if settings.use_ssl:
            smtp = smtplib.SMTP_SSL(
                settings.server, settings.port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
        with smtp:
            if settings.use_tls:  # refuses to go on in clear text if STARTTLS is not offered
                smtp.starttls(context=context)
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            return smtp.send_message(email)

    @contextmanager
    def record(self) -> Iterator[list[EmailMessage]]:
        """Collect every message sent inside the block, delivered or not (for tests)."""
        recorded: list[EmailMessage] = []
        self._recorders.append(recorded)
        try:
            yield recorded
        finally:
            self._recorders.remove(recorded)
