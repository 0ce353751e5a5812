"""Mail queued during a request goes out only after the commit hook, and only on success."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from flask import Flask, Response, abort

from ethicsdesk.mail import (
    Message,
    flush_queued_mail,
    init_mail,
    queue_after_commit,
    record_messages,
)

NOTICE = Message("eva@school.nl", "Aanvraag ontvangen", "Dank u.")


@pytest.fixture
def events() -> list[str]:
    return []


@pytest.fixture
def app(events: list[str]) -> Flask:
    """A bare app wired the way create_app must wire it: flush registered before the commit."""
    app = Flask(__name__)
    app.config.update(MAIL_SUPPRESS_SEND=True, PROPAGATE_EXCEPTIONS=False)
    mailer = init_mail(app)
    app.after_request(flush_queued_mail)  # Flask runs after_request hooks in reverse order

    @app.after_request
    def end_transaction(response: Response) -> Response:
        if response.status_code < 400:
            if app.config.get("FAIL_COMMIT"):
                raise RuntimeError("database went away")
            events.append(f"commit with {len(mailer.outbox)} mail out")
        return response

    @app.post("/ok")
    def ok() -> str:
        queue_after_commit(NOTICE)
        events.append("view")
        return "saved"

    @app.post("/invalid")
    def invalid() -> tuple[str, int]:
        queue_after_commit(NOTICE)
        return "form has errors", 422

    @app.post("/crash")
    def crash() -> str:
        queue_after_commit(NOTICE)
        abort(500)

    return app


@pytest.fixture
def outbox(app: Flask) -> Iterator[list[EmailMessage]]:
    with record_messages(app) as recorded:
        yield recorded


def test_mail_is_sent_after_the_commit(
    app: Flask, outbox: list[EmailMessage], events: list[str]
) -> None:
    assert app.test_client().post("/ok").status_code == 200
    assert events == ["view", "commit with 0 mail out"]
    assert [email["Subject"] for email in outbox] == ["Aanvraag ontvangen"]


@pytest.mark.parametrize("path", ["/invalid", "/crash"])
def test_a_failed_request_sends_nothing(app: Flask, outbox: list[EmailMessage], path: str) -> None:
    assert app.test_client().post(path).status_code >= 400
    assert outbox == []


def test_a_failed_commit_sends_nothing(app: Flask, outbox: list[EmailMessage]) -> None:
    app.config["FAIL_COMMIT"] = True
    assert app.test_client().post("/ok").status_code == 500
    assert outbox == []


def test_the_queue_does_not_leak_into_the_next_request(
    app: Flask, outbox: list[EmailMessage]
) -> None:
    client = app.test_client()
    client.post("/invalid")
    client.post("/ok")
    assert len(outbox) == 1


def test_queueing_outside_a_request_is_refused(app: Flask) -> None:
    with app.app_context(), pytest.raises(RuntimeError, match="needs a request"):
        queue_after_commit(NOTICE)
