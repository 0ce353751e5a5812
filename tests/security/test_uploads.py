"""Uploads and downloads: types come from the bytes, sizes are capped, nothing is served as a page.

tests/reviews/test_attachments.py covers the vendor-document flow itself (types, limits,
headers of one download); this file adds what spans the app: every download route, a
document named like a web page, active content in disguise and the verify page's upload.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.test import EnvironBuilder, TestResponse

from ethicsdesk.attachments.models import Attachment
from ethicsdesk.extensions import db
from tests.helpers import Browser
from tests.security.matrix import app_rules, build_url, load_matrix
from tests.security.world import World
from tests.storage.documents import pdf

# inline is fine for the app's own pages and its open-data formats; everything else is a file
INLINE_TYPES = {"text/html", "application/json", "application/atom+xml"}


def post_file(browser: Browser, url: str, token_page: str, content: bytes, name: str, field: str):
    """POST a file as a browser's form would; a spooled body is closed afterwards."""
    data: dict[str, Any] = {"csrf_token": browser.csrf_token(token_page),
                            field: (io.BytesIO(content), name)}  # fmt: skip
    builder = EnvironBuilder(path=url, method="POST", data=data)
    request = builder.get_request()
    try:
        return browser.client.open(request)
    finally:
        request.environ["wsgi.input"].close()
        builder.close()


def attachment_count() -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Attachment))


def check_download(url: str, response: TestResponse) -> None:
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    if response.mimetype not in INLINE_TYPES:
        disposition = response.headers.get("Content-Disposition", "")
        assert disposition.startswith("attachment"), f"{url} ({response.mimetype}) is inline"


def test_every_download_is_an_attachment_and_never_sniffed(world: World, world_app: Flask) -> None:
    """Walk every readable rule as the secretary (who may read everything) and anonymously."""
    checked = set()
    for check in load_matrix():
        rule = app_rules(world_app)[check.rule]
        if "GET" not in (rule.methods or ()):
            continue
        url = build_url(rule, world.scenarios[check.scenario], "secretary")
        for identity in ("secretary", "anonymous"):
            response = world.browser(world_app, identity).get(url)
            if response.status_code == 200:
                check_download(url, response)
                checked.add(response.mimetype)
    # the walk met real files, not only pages
    assert {"application/pdf", "text/csv", "text/markdown"} <= checked


def test_a_document_named_like_a_web_page_is_stored_and_served_as_what_it_is(
    world: World, world_app: Flask
) -> None:
    case_id = world.scenarios["main"]["case_id"]
    owner = world.browser(world_app, "owner")
    response = post_file(owner, f"/reviews/{case_id}/attachments", f"/reviews/{case_id}",
                         pdf(), "offerte.html", "document")  # fmt: skip
    assert response.status_code == 302
    stored = db.session.scalars(sa.select(Attachment).order_by(Attachment.id.desc())).first()
    assert stored.filename == "offerte.pdf"
    download = owner.get(f"/reviews/{case_id}/attachments/{stored.id}")
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"] == "attachment; filename=offerte.pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html><script>alert(1)</script>", "offerte.docx"),
        (b"   <html><body onload=alert(1)>", "scan.xlsx"),
        (b"%PDF-1.7\n<html><script>alert(1)</script></html>", "polyglot.pdf"),  # no %%EOF
        (b"#!/bin/sh\nrm -rf /\n", "install.pdf"),
    ],
    ids=["svg", "html-with-bom", "html-with-spaces", "pdf-html-polyglot", "script"],
)
def test_active_content_in_disguise_is_refused(
    world: World, world_app: Flask, content: bytes, name: str
) -> None:
    case_id = world.scenarios["main"]["case_id"]
    before = attachment_count()
    response = post_file(world.browser(world_app, "owner"), f"/reviews/{case_id}/attachments",
                         f"/reviews/{case_id}", content, name, "document")  # fmt: skip
    assert response.status_code == 422
    assert 'id="document-error"' in response.get_data(as_text=True)
    assert attachment_count() == before


def test_the_verify_page_shows_nothing_of_a_file_that_is_not_a_pdf(browser) -> None:
    payload = b"<html><script>document.title='pwned'</script></html>"
    response = post_file(browser, "/advisories/verify", "/advisories/verify", payload,
                         "advies.pdf", "document")  # fmt: skip
    assert response.status_code in (200, 422)  # a verdict "not a valid advisory", or an error
    html = response.get_data(as_text=True)
    assert "pwned" not in html


def test_the_verify_page_caps_the_file_size(browser) -> None:
    big = b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024) + b"\n%%EOF\n"
    response = post_file(browser, "/advisories/verify", "/advisories/verify", big,
                         "groot.pdf", "document")  # fmt: skip
    assert response.status_code == 422
    assert "Het bestand is groter dan 20 MB." in response.get_data(as_text=True)


def test_a_request_over_the_upload_limit_is_stopped_before_it_is_read(app: Flask, browser) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    big = b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024)
    response = post_file(browser, "/advisories/verify", "/advisories/verify", big,
                         "groot.pdf", "document")  # fmt: skip
    assert response.status_code == 413
    assert "Het bestand is groter dan toegestaan" in response.get_data(as_text=True)
