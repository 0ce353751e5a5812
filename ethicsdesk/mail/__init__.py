"""E-mail notifications, sent only after the request's transaction has been committed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from flask import Flask, Response, current_app, g, has_request_context

from ethicsdesk.mail.mailer import Mailer, MailSettings, Message, build_email

__all__ = [
    "MailSettings",
    "Mailer",
    "Message",
    "build_email",
    "current_mailer",
    "flush_queued_mail",
    "init_mail",
    "queue_after_commit",
    "record_messages",
]

EXTENSION_KEY = "ethicsdesk.mail"
_QUEUE = "_ethicsdesk_mail_queue"


def init_mail(app: Flask) -> Mailer:
    """Build the app's mailer from its MAIL_* settings once, at start-up."""
    mailer = Mailer(MailSettings.from_config(app.config))
    app.extensions[EXTENSION_KEY] = mailer
    return mailer


def _mailer_of(app: Flask) -> Mailer:
    """Fail with the fix in the message when create_app forgot init_mail."""
    try:
        mailer: Mailer = app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError("init_mail(app) was not called in create_app") from None
    return mailer


def current_mailer() -> Mailer:
    """The mailer of the app handling this request or CLI command."""
    return _mailer_of(current_app)


@contextmanager
def record_messages(app: Flask) -> Iterator[list[EmailMessage]]:
    """Collect what the app sends inside the block, like Flask-Mail's record_messages."""
    with _mailer_of(app).record() as outbox:
        yield outbox


def queue_after_commit(message: Message) -> None:
    """Hold a message until the request's data is committed, so no mail tells of a rollback."""
    if not has_request_context():
        raise RuntimeError(
            "queue_after_commit needs a request; elsewhere commit, then current_mailer().send()"
        )
    g.setdefault(_QUEUE, []).append(message)


def flush_queued_mail(response: Response) -> Response:
    """After-request hook that must run after the commit hook: send on success, else drop."""
    messages: list[Message] = g.pop(_QUEUE, [])
    if messages and response.status_code < 400:
        mailer = current_mailer()
        for message in messages:
            mailer.send(message)
    return response
