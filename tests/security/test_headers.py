"""Strict CSP on every response; HttpOnly, SameSite cookies; error pages leak nothing."""

from __future__ import annotations

import pytest
from flask import Flask

from ethicsdesk.demo.operations import load_demo_data
from ethicsdesk.extensions import db
from tests.helpers import Browser
from tests.security.xss import PAYLOADS, problems

PAGES = ["/login", "/", "/reviews/new", "/reviews/mine", "/notifications/", "/account", "/healthz"]


@pytest.fixture
def signed_in(app: Flask) -> Browser:
    load_demo_data()
    db.session.commit()
    client = Browser(app)
    client.login("aanvrager@voorbeeld.school", "demo-aanvrager-2026")
    return client


def csp_directives(header: str) -> dict[str, str]:
    parts = (p.strip().split(None, 1) for p in header.split(";") if p.strip())
    return {p[0].lower(): (p[1] if len(p) > 1 else "") for p in parts}


def check_csp(response: object, url: str) -> None:
    header = response.headers.get("Content-Security-Policy", "")  # type: ignore[attr-defined]
    assert header, f"{url}: no Content-Security-Policy"
    directives = csp_directives(header)
    script = directives.get("script-src", directives.get("default-src", ""))
    assert script, f"{url}: CSP restricts no scripts: {header}"
    assert "'unsafe-inline'" not in script, header
    assert "'unsafe-eval'" not in script, header
    assert "'unsafe-inline'" not in header, f"{url}: unsafe-inline anywhere in CSP: {header}"
    assert directives.get("frame-ancestors", "").strip() == "'none'", header


def test_csp_on_every_page(signed_in: Browser) -> None:
    for url in [*PAGES, "/does-not-exist", "/reviews/999999"]:
        response = signed_in.get(url)
        check_csp(response, url)
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url


def test_csp_on_anonymous_pages(app: Flask) -> None:
    client = Browser(app)
    for url in ["/login", "/", "/healthz", "/nope", "/static/does-not-exist.css"]:
        check_csp(client.get(url), url)


def test_session_cookie_is_httponly_and_samesite(app: Flask) -> None:
    load_demo_data()
    db.session.commit()
    client = Browser(app)
    token = client.csrf_token("/login")
    response = client.client.post(
        "/login",
        data={
            "csrf_token": token,
            "email": "aanvrager@voorbeeld.school",
            "password": "demo-aanvrager-2026",
        },
    )
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies, "login set no cookie"
    for cookie in cookies:
        lowered = cookie.lower()
        assert "httponly" in lowered, cookie
        assert "samesite=lax" in lowered or "samesite=strict" in lowered, cookie


def test_404_and_405_pages_leak_no_traceback(app: Flask) -> None:
    client = Browser(app)
    for url, method in [("/no/such/page", "get"), ("/logout", "get"), ("/healthz", "post")]:
        response = getattr(client.client, method)(url)
        assert response.status_code in (404, 405), (url, response.status_code)
        body = response.get_data(as_text=True)
        assert "Traceback" not in body, url
        assert 'File "' not in body, url
        assert "werkzeug" not in body.lower(), url


def test_500_page_leaks_no_traceback(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.testing = False

    from ethicsdesk.core.permissions import public

    @app.get("/__boom_for_test")
    @public
    def boom() -> str:
        raise RuntimeError("secret internal detail")

    response = Browser(app).get("/__boom_for_test")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    assert "secret internal detail" not in body
    check_csp(response, "500")


RAW = [0, 2, 8, 10, 14, 15, 16, 22, 23, 26, 27, 29, 30, 32, 34, 35, 36, 39, 44]


@pytest.mark.parametrize("index", RAW)
def test_inspector_catches_raw_payloads(index: int) -> None:
    """The HTML inspector itself works: these payloads, unescaped, are reported."""
    assert problems(f"<p>{PAYLOADS[index]}</p>"), PAYLOADS[index]


def test_inspector_catches_evaluated_template() -> None:
    assert problems("<p>49zq</p>")
    assert not problems("<p>{{7*7}}zq</p>")
