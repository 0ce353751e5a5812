"""Signing in and out with Argon2id-hashed passwords and Flask-Login sessions."""

from __future__ import annotations

from flask import Flask

from ethicsdesk.auth.operations import set_active
from ethicsdesk.auth.passwords import hash_password, needs_rehash
from ethicsdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user


def test_passwords_are_stored_as_argon2id(app: Flask) -> None:
    user = make_user()
    assert user.password_hash.startswith("$argon2id$")
    assert DEFAULT_PASSWORD not in user.password_hash


def test_login_and_logout(browser) -> None:
    user = make_user()
    response = browser.login(user.email.upper(), DEFAULT_PASSWORD)
    assert response.headers["Location"] == "/"
    assert user.name in browser.get("/").get_data(as_text=True)
    assert browser.logout().status_code == 302
    assert browser.get("/").status_code == 302


def test_wrong_password_gets_a_message_next_to_the_field(browser) -> None:
    user = make_user()
    response = browser.submit("/login", {"email": user.email, "password": "wrong password!"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "E-mailadres of wachtwoord is onjuist" in html
    assert 'aria-invalid="true"' in html
    assert browser.get("/").status_code == 302


def test_unknown_email_gets_the_same_message(browser) -> None:
    response = browser.submit("/login", {"email": "nobody@x.nl", "password": "whatever123"})
    assert "E-mailadres of wachtwoord is onjuist" in response.get_data(as_text=True)


def test_empty_login_form_shows_field_errors(browser) -> None:
    html = browser.submit("/login", {"email": "", "password": ""}).get_data(as_text=True)
    assert html.count('class="field__error"') == 2
    assert "Dit veld is vereist" in html


def test_blocked_account_cannot_sign_in(browser) -> None:
    user = make_user()
    set_active(user, False)
    db.session.commit()
    response = browser.submit("/login", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert browser.get("/").status_code == 302


def test_blocking_ends_an_open_session(browser) -> None:
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    set_active(user, False)
    db.session.commit()
    assert browser.get("/").status_code == 302


def test_login_starts_a_fresh_session(browser) -> None:
    user = make_user()
    with browser.client.session_transaction() as session:
        session["planted"] = "by an attacker"
    browser.login(user.email, DEFAULT_PASSWORD)
    with browser.client.session_transaction() as session:
        assert "planted" not in session


def test_weak_hash_is_upgraded_on_login(app: Flask, browser) -> None:
    user = make_user()
    app.config["ARGON2_TIME_COST"] = 2
    app.extensions.pop("ethicsdesk.password_hasher")
    assert needs_rehash(user.password_hash)
    browser.login(user.email, DEFAULT_PASSWORD)
    db.session.refresh(user)
    assert not needs_rehash(user.password_hash)


def test_hash_password_is_salted(app: Flask) -> None:
    assert hash_password("same password here") != hash_password("same password here")
