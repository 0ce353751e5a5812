"""Login throttling: repeated failures lock the account for a while; success resets the count."""

from __future__ import annotations

from flask import Flask

from ethicsdesk.auth.throttle import LoginFailure
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser


def attempt(browser: Browser, email: str, password: str):
    return browser.submit("/login", {"email": email, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(app: Flask, browser) -> None:
    user = make_user()
    for _ in range(5):
        assert attempt(browser, user.email, "wrong password here").status_code == 200
    locked = attempt(browser, user.email, DEFAULT_PASSWORD)
    assert locked.status_code == 429
    assert "Te veel mislukte pogingen" in locked.get_data(as_text=True)
    assert browser.get("/").status_code == 302  # still signed out


def test_the_lock_expires(app: Flask, browser) -> None:
    user = make_user()
    for _ in range(5):
        attempt(browser, user.email, "wrong password here")
    from datetime import timedelta

    db.session.query(LoginFailure).update(
        {LoginFailure.created_at: utcnow() - timedelta(minutes=16)}
    )
    db.session.commit()
    assert attempt(browser, user.email, DEFAULT_PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(app: Flask, browser) -> None:
    user = make_user()
    for _ in range(4):
        attempt(browser, user.email, "wrong password here")
    assert attempt(browser, user.email, DEFAULT_PASSWORD).status_code == 302
    db.session.expire_all()
    assert db.session.query(LoginFailure).count() == 0


def test_unknown_accounts_are_throttled_too(app: Flask, browser) -> None:
    for _ in range(5):
        attempt(browser, "nobody@school.example.nl", "whatever password")
    assert attempt(browser, "nobody@school.example.nl", "whatever password").status_code == 429
