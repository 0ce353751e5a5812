"""Error pages: the user's language, never a stack trace, and a failed request writes nothing."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from ethicsdesk.core.permissions import public
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation
from tests.factories import DEFAULT_PASSWORD, make_user


def test_404_page_is_dutch_by_default(browser) -> None:
    response = browser.get("/does-not-exist")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_404_page_in_english_for_an_english_user(browser) -> None:
    user = make_user(locale="en")
    browser.login(user.email, DEFAULT_PASSWORD)
    response = browser.get("/does-not-exist")
    assert "Page not found" in response.get_data(as_text=True)


def test_403_page_explains_without_details(browser) -> None:
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    response = browser.get("/admin/users")
    assert response.status_code == 403
    assert "Geen toegang" in response.get_data(as_text=True)


def test_500_hides_the_traceback_and_rolls_back(app: Flask, browser) -> None:
    def explode() -> str:
        db.session.add(Organisation(name="Half written"))
        db.session.flush()
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/explode", "explode", public(explode))
    response = browser.get("/explode")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Er ging iets mis" in body
    assert "secret internal detail" not in body
    assert "Traceback" not in body
    db.session.remove()
    names = db.session.scalars(sa.select(Organisation.name)).all()
    assert "Half written" not in names


def test_405_for_wrong_method(browser) -> None:
    response = browser.client.put("/login")
    assert response.status_code == 405
