"""Vendor documents: checked by content, limited in size, served only to who may see the case."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from werkzeug.test import EnvironBuilder

from ethicsdesk.attachments.models import Attachment
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.storage import current_storage
from tests.factories import DEFAULT_PASSWORD, make_case, make_user
from tests.helpers import Browser
from tests.storage.documents import docm, docx, pdf, xlsx


def upload(browser: Browser, case_id: int, content: bytes, name: str):
    """POST a file as a browser's form would; the body is closed even when refused early."""
    url = f"/reviews/{case_id}/attachments"
    data = {"csrf_token": browser.csrf_token(f"/reviews/{case_id}"),
            "document": (io.BytesIO(content), name)}  # fmt: skip
    builder = EnvironBuilder(path=url, method="POST", data=data)
    request = builder.get_request()
    try:
        return browser.client.open(request)
    finally:  # a large body is spooled to a temporary file that only the caller can close
        request.environ["wsgi.input"].close()
        builder.close()


def stored_attachments() -> list[Attachment]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Attachment)))


@pytest.fixture
def case_and_requester(browser: Browser):
    case = make_case()
    browser.login(case.requester.email, DEFAULT_PASSWORD)
    return case, browser


@pytest.mark.parametrize(
    ("content", "name", "mime"),
    [
        (pdf(), "DPA.pdf", "application/pdf"),
        (docx(), "Beveiliging.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (xlsx(), "Sub-verwerkers.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)  # fmt: skip
def test_requester_adds_documents_and_downloads_them(
    case_and_requester, content: bytes, name: str, mime: str
) -> None:
    case, browser = case_and_requester
    response = upload(browser, case.id, content, name)
    assert response.status_code == 302
    [attachment] = stored_attachments()
    assert attachment.content_type == mime
    assert attachment.filename == name
    assert current_storage().get(attachment.storage_key) == content
    download = browser.get(f"/reviews/{case.id}/attachments/{attachment.id}")
    assert download.status_code == 200
    assert download.data == content
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "virus.pdf", "Dit is een programma"),
        (b"<html><script>alert(1)</script></html>", "page.pdf", "Alleen PDF"),
        (b"", "empty.pdf", "Het bestand is leeg"),
        (b"%PDF-1.7 not really", "broken.pdf", "beschadigd"),
        (docm(), "macro.docx", "macro&#39;s"),
    ],
)
def test_wrong_files_are_refused_and_nothing_is_stored(
    case_and_requester, content: bytes, name: str, message: str
) -> None:
    case, browser = case_and_requester
    response = upload(browser, case.id, content, name)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="document-error"' in html
    assert message in html
    assert stored_attachments() == []


def test_a_file_over_the_limit_is_refused_with_a_message(app, case_and_requester) -> None:
    case, browser = case_and_requester
    app.config["ATTACHMENT_MAX_BYTES"] = 1024 * 1024
    response = upload(browser, case.id, pdf() + b"0" * (2 * 1024 * 1024), "big.pdf")
    assert response.status_code == 422
    assert "groter dan 1 MB" in response.get_data(as_text=True)
    assert stored_attachments() == []


def test_a_50_mb_upload_is_stopped_before_it_is_read(case_and_requester) -> None:
    case, browser = case_and_requester
    response = upload(browser, case.id, b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024), "huge.pdf")
    assert response.status_code == 413
    assert "Het bestand is groter dan toegestaan" in response.get_data(as_text=True)
    assert stored_attachments() == []


def test_other_requesters_never_see_attachments(app, case_and_requester) -> None:
    case, browser = case_and_requester
    upload(browser, case.id, pdf(), "DPA.pdf")
    [attachment] = stored_attachments()
    stranger = Browser(app)
    other = make_user(Role.REQUESTER)
    stranger.login(other.email, DEFAULT_PASSWORD)
    url = f"/reviews/{case.id}/attachments/{attachment.id}"
    assert stranger.get(url).status_code == 404
    assert upload(stranger, case.id, pdf(), "x.pdf").status_code == 404
    other_case = make_case(other)
    # an attachment id under another case's URL is not found either
    assert stranger.get(f"/reviews/{other_case.id}/attachments/{attachment.id}").status_code == 404


def test_coordinator_reads_documents_but_cannot_add(app, case_and_requester) -> None:
    case, browser = case_and_requester
    upload(browser, case.id, pdf(), "DPA.pdf")
    [attachment] = stored_attachments()
    coordinator = Browser(app)
    user = make_user(Role.COORDINATOR)
    coordinator.login(user.email, DEFAULT_PASSWORD)
    assert coordinator.get(f"/reviews/{case.id}/attachments/{attachment.id}").status_code == 200
    assert upload(coordinator, case.id, pdf(), "x.pdf").status_code == 403
    assert len(stored_attachments()) == 1
