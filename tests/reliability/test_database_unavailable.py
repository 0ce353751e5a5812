"""Database lost → every page answers a clear 503 in the user's language; back → pages work again.

PostgreSQL: a TCP proxy between app and server is cut and restored (a real connection loss,
also in the middle of the after-request commit). SQLite has no network: its file is replaced
by a folder the driver cannot open, and the pool is emptied so new connections see that.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from ethicsdesk import create_app
from ethicsdesk.auth.models import User
from ethicsdesk.core.errors import RETRY_AFTER_SECONDS
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from tests.conftest import app_config
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.reliability.proxy import TcpProxy

PAGES = ["/", "/login", "/advisories", "/reviews/queue", "/notifications/", "/advisories/verify"]


def _app(database_url: str, instance: Path) -> Flask:
    # as in production: an exception escaping a hook is handled, not re-raised to the client
    return create_app(
        app_config(database_url, PROPAGATE_EXCEPTIONS=False), instance_path=str(instance)
    )


@pytest.fixture
def outage(database_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """An app whose database can be taken away (`cut`) and given back (`restore`)."""
    if database_url.startswith("postgresql"):
        url = sa.engine.make_url(database_url)
        proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
        proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        app = _app(proxied, tmp_path / "instance")

        def cut() -> None:
            db.session.close()  # the test's own session lets go of its connection first
            proxy.cut()

        with app.app_context():
            try:
                yield {"app": app, "cut": cut, "restore": proxy.restore, "cut_now": proxy.cut}
            finally:
                db.session.remove()
                db.engine.dispose()
                proxy.close()
        return
    path = Path(database_url.removeprefix("sqlite:///"))
    aside = path.with_name(path.name + ".aside")
    app = _app(database_url, tmp_path / "instance")

    def cut() -> None:
        db.engine.dispose()  # close the file so the move really takes it away
        path.rename(aside)
        path.mkdir()  # a folder where the file was: "unable to open database file"

    def restore() -> None:
        if aside.exists():
            shutil.rmtree(path)
            aside.rename(path)

    with app.app_context():
        try:
            yield {"app": app, "cut": cut, "restore": restore}
        finally:
            restore()
            db.session.remove()
            db.engine.dispose()


DUTCH = ('<html lang="nl">', "Foutcode: 503")
ENGLISH = ('<html lang="en">', "Temporarily unavailable", "Error code: 503")


def assert_unavailable(response: Any, texts: tuple[str, ...]) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code == 503, body[:500]
    assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert all(text in body for text in texts), body[:800]
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # headers still added


def test_pages_answer_503_while_the_database_is_gone_and_recover(outage) -> None:
    member = make_user(Role.MEMBER)
    browser = Browser(outage["app"])
    anonymous = Browser(outage["app"])
    browser.login(member.email, DEFAULT_PASSWORD)
    for url in PAGES:
        assert browser.get(url).status_code in (200, 302), url  # /login sends members home
    outage["cut"]()
    for url in PAGES:
        assert_unavailable(browser.get(url), DUTCH)
    for url in PAGES:  # anonymous: pages that need no database (the login form) still work
        response = anonymous.get(url)
        if response.status_code != 503:
            assert response.status_code < 400, url
        else:
            assert_unavailable(response, DUTCH)
    assert_unavailable(anonymous.get("/advisories"), DUTCH)
    health = anonymous.get("/healthz")
    assert health.status_code == 503
    assert health.json == {"status": "database unavailable"}
    outage["restore"]()
    for url in PAGES:
        assert browser.get(url).status_code in (200, 302), url  # recovered without a restart
    assert anonymous.get("/healthz").json == {"status": "ok"}


def test_the_503_page_speaks_the_language_chosen_in_the_session(outage) -> None:
    browser = Browser(outage["app"])
    browser.submit("/language", {"locale": "en", "next": "/"})
    outage["cut"]()
    assert_unavailable(browser.get("/advisories"), ENGLISH)
    outage["restore"]()
    assert browser.get("/login").status_code == 200


def test_losing_the_connection_during_the_commit_is_a_503_not_a_500(outage, database_url) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("needs a network connection to lose mid-transaction (PostgreSQL)")
    member = make_user(Role.MEMBER, locale="en")
    browser = Browser(outage["app"])
    browser.login(member.email, DEFAULT_PASSWORD)
    member_id = member.id
    token = browser.csrf_token("/reviews/queue")  # before the cut is armed: fetching commits too
    db.session.close()
    fired = []

    def cut_before_commit(session: Any) -> None:
        if not fired:
            fired.append(True)
            outage["cut_now"]()  # inside the request's own commit

    sa.event.listen(sa.orm.Session, "before_commit", cut_before_commit)
    try:  # the view succeeds (a redirect); its commit in the after-request hook fails
        response = browser.client.post(
            "/language", data={"csrf_token": token, "locale": "nl", "next": "/"}
        )
    finally:
        sa.event.remove(sa.orm.Session, "before_commit", cut_before_commit)
    assert fired
    assert_unavailable(response, DUTCH)
    outage["restore"]()
    assert browser.get("/reviews/queue").status_code == 200
    assert db.session.get(User, member_id).locale == "en"  # the failed request changed nothing
