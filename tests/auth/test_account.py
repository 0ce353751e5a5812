"""Users change their own password; bad input changes nothing."""

from __future__ import annotations

import pytest

from ethicsdesk.auth.passwords import verify_password
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser

NEW = "a much longer new password"


def change(browser: Browser, current: str, new: str, confirm: str | None = None):
    return browser.submit(
        "/account",
        {"current_password": current, "new_password": new, "confirm_password": confirm or new},
    )


def test_password_change_works_and_ends_other_sessions(app, browser) -> None:
    user = make_user()
    other_device = Browser(app)
    other_device.login(user.email, DEFAULT_PASSWORD)
    browser.login(user.email, DEFAULT_PASSWORD)
    response = change(browser, DEFAULT_PASSWORD, NEW)
    assert response.status_code == 302
    assert browser.get("/account").status_code == 200  # this session stays
    assert other_device.get("/account").status_code == 302  # the other one is signed out
    db.session.expire_all()
    assert verify_password(user_by_email(user.email).password_hash, NEW)


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong current pw", NEW, NEW, "Dit is niet uw huidige wachtwoord"),
        (DEFAULT_PASSWORD, "short", "short", "Gebruik minstens 12 tekens"),
        (DEFAULT_PASSWORD, NEW, NEW + "x", "De wachtwoorden verschillen"),
        (DEFAULT_PASSWORD, "aaaaaaaaaaaaaa", "aaaaaaaaaaaaaa", "te makkelijk te raden"),
        (DEFAULT_PASSWORD, DEFAULT_PASSWORD, DEFAULT_PASSWORD, "anders is dan het huidige"),
    ],
)
def test_bad_password_change_shows_message_and_changes_nothing(
    browser, current: str, new: str, confirm: str, message: str
) -> None:
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    response = change(browser, current, new, confirm)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert verify_password(user_by_email(user.email).password_hash, DEFAULT_PASSWORD)
