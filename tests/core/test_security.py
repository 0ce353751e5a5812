"""Web basics: CSRF, cookies, security headers, safe redirects."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from ethicsdesk.core.forms import safe_next_url
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase
from tests.factories import DEFAULT_PASSWORD, make_user

REQUEST = {"title": "Quizlet", "vendor": "Quizlet Inc.", "purpose": "Woordjes oefenen in de klas."}


def case_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ReviewCase))


def test_post_without_csrf_token_is_refused_and_writes_nothing(browser) -> None:
    requester = make_user(Role.REQUESTER)
    browser.login(requester.email, DEFAULT_PASSWORD)
    response = browser.post_without_token("/reviews/new", REQUEST)
    assert response.status_code == 400
    assert "Sessie verlopen" in response.get_data(as_text=True)
    assert case_count() == 0


def test_login_without_csrf_token_is_refused(browser) -> None:
    user = make_user()
    response = browser.post_without_token(
        "/login", {"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 400
    assert browser.get("/").status_code == 302  # still signed out


def test_session_cookie_is_httponly_and_samesite(browser) -> None:
    user = make_user()
    response = browser.login(user.email, DEFAULT_PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_cookies_are_secure(database_url: str, tmp_path) -> None:
    from ethicsdesk import create_app
    from tests.conftest import app_config

    app = create_app(app_config(database_url, ETHICSDESK_ENV="production"), str(tmp_path))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_security_headers_on_every_page(browser) -> None:
    response = browser.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_style(browser) -> None:
    user = make_user(Role.REQUESTER)
    browser.login(user.email, DEFAULT_PASSWORD)
    for url in ("/login", "/", "/reviews/new", "/reviews/mine", "/account"):
        html = browser.get(url).get_data(as_text=True)
        assert "<script" not in html, url
        assert "style=" not in html, url


def test_safe_next_url_blocks_open_redirects() -> None:
    assert safe_next_url("/reviews/mine") == "/reviews/mine"
    for evil in ("https://evil.example", "//evil.example", "/\\evil.example", "javascript:x", ""):
        assert safe_next_url(evil) is None


def test_login_redirects_only_to_own_pages(browser) -> None:
    user = make_user()
    token = browser.csrf_token()
    response = browser.client.post(
        "/login?next=https://evil.example/",
        data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_health_check_is_public(app: Flask, browser) -> None:
    response = browser.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
