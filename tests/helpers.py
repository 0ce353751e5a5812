"""A test client that behaves like a browser filling in forms, CSRF token included."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in a real server.

    The test itself holds an app context; without this, requests would share its ``g``
    (and Flask-Login's cached user) and its database session.
    """

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        with self.application.app_context():
            return super().open(*args, **kwargs)


class Browser:
    """Wraps the test client: GET pages, submit forms with the token the page carried."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        app.test_client_class = IsolatedClient
        self.client: FlaskClient = app.test_client()

    def get(self, url: str, **kwargs: Any) -> TestResponse:
        return self.client.get(url, **kwargs)

    def csrf_token(self, url: str = "/login") -> str:
        """The token a form on this page would send."""
        page = self.client.get(url, follow_redirects=True)
        match = CSRF_PATTERN.search(page.get_data(as_text=True))
        assert match, f"no CSRF token on {url}"
        return match.group(1)

    def submit(
        self, url: str, data: dict[str, Any] | None = None, follow: bool = False, **kwargs: Any
    ) -> TestResponse:
        """POST a form as a browser would, with a valid CSRF token."""
        form = {"csrf_token": self.csrf_token(url.split("?")[0]), **(data or {})}
        return self.client.post(url, data=form, follow_redirects=follow, **kwargs)

    def post_without_token(self, url: str, data: dict[str, Any] | None = None) -> TestResponse:
        """POST as a forged cross-site form would: no token."""
        return self.client.post(url, data=data or {})

    def login(self, email: str, password: str) -> TestResponse:
        """Sign in through the real login form."""
        response = self.submit("/login", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return response

    def logout(self) -> TestResponse:
        return self.submit("/logout")
