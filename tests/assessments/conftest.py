"""Fixtures for the compass tests: the demo AI case, signed-in committee members, form filling."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase
from ethicsdesk.reviews.operations import RequestData, save_request
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.reviews.conftest import load_case

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "ethicsdesk" / "translations"
NL_TSV = Path(__file__).with_name("nl.tsv")
URN = "urn:ethicsdesk:compass:association:question:"


@pytest.fixture
def ai_case(app: Flask) -> ReviewCase:
    """The demo generative-AI writing assistant (SchrijfMaatje AI), submitted for review."""
    requester = make_user(Role.REQUESTER, name="Ria Aanvrager")
    document = load_case("3_generative_writing.json")
    case = save_request(None, requester, RequestData.from_document(document, []), submit=True)
    db.session.commit()
    return case


def signed_in(app: Flask, *roles: Role, name: str | None = None, locale: str = "nl") -> Browser:
    """A browser signed in as a new user with these roles."""
    browser = Browser(app)
    user = make_user(*roles, name=name, locale=locale)
    browser.login(user.email, DEFAULT_PASSWORD)
    browser.user = user  # type: ignore[attr-defined]
    return browser


class _FormReader(HTMLParser):
    """Collects what a browser would send for the form with a given class."""

    def __init__(self, form_class: str) -> None:
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.fields: dict[str, Any] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and self.form_class in a.get("class", "").split():
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") != "submit":
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"), a.get("type") == "checkbox")
            else:
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
                self.fields.setdefault(self._select, self._first_option)
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def _add(self, name: str, value: str, multiple: bool) -> None:
        if multiple:
            self.fields.setdefault(name, []).append(value)
        else:
            self.fields[name] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:  # a browser drops the newline right after <textarea>
            start = not self.fields[self._textarea]
            text = data.removeprefix("\r\n").removeprefix("\n") if start else data
            self.fields[self._textarea] += text


def form_fields(html: str, form_class: str = "compass-form") -> dict[str, Any]:
    """The current values of a form on a page, as a browser would submit them."""
    reader = _FormReader(form_class)
    reader.feed(html)
    return reader.fields


def section_url(case: ReviewCase, section: str) -> str:
    return f"/reviews/{case.id}/compass/sections/{section}"


def answer_section(
    browser: Browser, case: ReviewCase, section: str, changes: dict[str, Any]
) -> TestResponse:
    """Open a section, change some fields, press Save: exactly what a member does."""
    page = browser.get(section_url(case, section))
    assert page.status_code == 200, page.status_code
    data = {**form_fields(page.get_data(as_text=True)), **changes, "save": "1"}
    return browser.client.post(section_url(case, section), data=data)


def effect(
    value: str, stakeholder: str, point: int | str, likelihood: int | str = "", note: str = ""
) -> dict[str, str]:
    """The three fields of one association effect row."""
    prefix = f"effect_{value}-{stakeholder}"
    return {
        f"{prefix}-value": str(point),
        f"{prefix}-likelihood": str(likelihood),
        f"{prefix}-note": note,
    }


def start_compass(browser: Browser, case: ReviewCase, set_id: str = "association") -> TestResponse:
    """Start the case's compass with a question set through the overview's form."""
    return browser.submit(f"/reviews/{case.id}/compass/start", {"question_set": set_id})


def post_button(browser: Browser, case: ReviewCase, action: str) -> TestResponse:
    """Press a state-changing button (done, open) with the token of the compass page."""
    token = browser.csrf_token(f"/reviews/{case.id}/compass/")
    return browser.client.post(f"/reviews/{case.id}/compass/{action}", data={"csrf_token": token})
