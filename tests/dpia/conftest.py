"""Fixtures for the DPIA tests: a submitted generative-AI case and committee members."""

from __future__ import annotations

from typing import Any

import pytest

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.operations import RequestData, save_request
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.reviews.conftest import load_case


@pytest.fixture
def ai_case(app) -> Any:
    """The demo generative-AI writing assistant, submitted for review."""
    requester = make_user(Role.REQUESTER)
    document = load_case("3_generative_writing.json")
    case = save_request(None, requester, RequestData.from_document(document, []), submit=True)
    db.session.commit()
    return case


def signed_in(app, *roles: Role, locale: str = "nl") -> Browser:
    """A browser signed in as a new user with these roles."""
    browser = Browser(app)
    user = make_user(*roles, locale=locale)
    browser.login(user.email, DEFAULT_PASSWORD)
    browser.user = user  # type: ignore[attr-defined]
    return browser


@pytest.fixture
def member(app) -> Browser:
    return signed_in(app, Role.MEMBER)
