"""Sessions: a fresh one at every sign-in and sign-out, and an end enforced by the server.

Time moves by replacing ethicsdesk.auth.sessions.now; nothing sleeps.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from ethicsdesk.auth import sessions
from ethicsdesk.config import load_config
from tests.conftest import app_config
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser

COOKIE = "ethicsdesk_session"
START = 1_900_000_000.0
HOUR = 3600


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, moment: float) -> None:
        self.moment = moment

    def __call__(self) -> float:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock(START)
    monkeypatch.setattr(sessions, "now", clock)
    return clock


def cookie(browser: Browser) -> str | None:
    found = browser.client.get_cookie(COOKIE)
    return found.value if found else None


def signed_in(browser: Browser) -> bool:
    return browser.get("/account").status_code == 200


# --- fixation ------------------------------------------------------------------------------------


def test_the_session_from_before_sign_in_is_not_the_one_after(browser: Browser) -> None:
    user = make_user()
    token_before = browser.csrf_token("/login")
    with browser.client.session_transaction() as session:
        session["planted"] = "by an attacker"
        planted_csrf = session["csrf_token"]
    before = cookie(browser)
    browser.login(user.email, DEFAULT_PASSWORD)
    after = cookie(browser)
    assert before
    assert after != before
    with browser.client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != planted_csrf  # the CSRF secret is new as well
    assert browser.csrf_token("/account") != token_before


def test_a_cookie_planted_before_sign_in_never_becomes_signed_in(app: Flask) -> None:
    """An attacker who gave the victim a cookie cannot use that cookie after the victim signs in."""
    user = make_user()
    attacker, victim = Browser(app), Browser(app)
    attacker.csrf_token("/login")
    planted = cookie(attacker)
    victim.client.set_cookie(COOKIE, planted)
    victim.login(user.email, DEFAULT_PASSWORD)
    assert signed_in(victim)
    assert not signed_in(attacker)  # the attacker's copy of the planted cookie is still anonymous


def test_sign_out_clears_the_whole_session(browser: Browser) -> None:
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    with browser.client.session_transaction() as session:
        session["leftover"] = "x"
    browser.logout()
    with browser.client.session_transaction() as session:
        assert "leftover" not in session
        assert "_user_id" not in session
    assert not signed_in(browser)


def test_password_change_signs_out_other_sessions_and_keeps_this_one(app: Flask) -> None:
    user = make_user()
    laptop, phone = Browser(app), Browser(app)
    laptop.login(user.email, DEFAULT_PASSWORD)
    phone.login(user.email, DEFAULT_PASSWORD)
    stolen = cookie(phone)
    new = "an entirely different passphrase"
    response = laptop.submit(
        "/account",
        {"current_password": DEFAULT_PASSWORD, "new_password": new, "confirm_password": new},
    )
    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)
    thief = Browser(app)
    thief.client.set_cookie(COOKIE, stolen)
    assert not signed_in(thief)


# --- expiry --------------------------------------------------------------------------------------


def test_a_session_ends_at_its_lifetime_even_while_in_use(app: Flask, browser, clock) -> None:
    app.config["SESSION_IDLE_LIFETIME"] = timedelta(hours=2)
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    for _ in range(7):  # busy all day: a request every hour
        clock.advance(HOUR)
        assert signed_in(browser)
    clock.advance(HOUR + 1)  # 8 hours and a second after signing in
    response = browser.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    with browser.client.session_transaction() as session:
        assert "_user_id" not in session
        assert sessions.SIGNED_IN_AT not in session


def test_an_expired_cookie_kept_by_the_browser_is_refused(app: Flask, browser, clock) -> None:
    """The cookie's own expiry date is the browser's business; the server checks again."""
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    kept = cookie(browser)
    clock.advance(8 * HOUR + 1)
    replay = Browser(app)
    replay.client.set_cookie(COOKIE, kept)
    assert not signed_in(replay)


def test_an_idle_session_ends(app: Flask, browser, clock) -> None:
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    clock.advance(2 * HOUR - 60)
    assert signed_in(browser)  # each request restarts the idle clock
    clock.advance(2 * HOUR - 60)
    assert signed_in(browser)
    clock.advance(2 * HOUR + 1)
    assert not signed_in(browser)


def test_the_idle_limit_can_be_switched_off(app: Flask, browser, clock) -> None:
    app.config["SESSION_IDLE_LIFETIME"] = timedelta(0)
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    clock.advance(7 * HOUR)
    assert signed_in(browser)
    clock.advance(HOUR + 1)
    assert not signed_in(browser)


def test_a_session_without_a_sign_in_time_is_refused(app: Flask, browser) -> None:
    """A session signed in before the clocks existed (or stripped of them) must sign in anew."""
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    with browser.client.session_transaction() as session:
        del session[sessions.SIGNED_IN_AT]
    assert not signed_in(browser)


def test_signing_in_again_restarts_the_clock(app: Flask, browser, clock) -> None:
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    clock.advance(8 * HOUR + 1)
    assert not signed_in(browser)
    browser.login(user.email, DEFAULT_PASSWORD)
    assert signed_in(browser)


def test_session_lifetimes_come_from_the_environment(tmp_path) -> None:
    environ = {"ETHICSDESK_SESSION_HOURS": "4", "ETHICSDESK_SESSION_IDLE_MINUTES": "30"}
    config = load_config(tmp_path, overrides=app_config("sqlite://"), environ=environ)
    assert config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=4)
    assert config["SESSION_IDLE_LIFETIME"] == timedelta(minutes=30)
    defaults = load_config(tmp_path, overrides=app_config("sqlite://"), environ={})
    assert defaults["SESSION_IDLE_LIFETIME"] == timedelta(hours=2)
    with pytest.raises(SystemExit, match="ETHICSDESK_SESSION_IDLE_MINUTES"):
        load_config(tmp_path, overrides=app_config("sqlite://"),
                    environ={"ETHICSDESK_SESSION_IDLE_MINUTES": "-5"})  # fmt: skip


def test_the_cookie_is_sent_again_only_when_the_session_changed(browser: Browser, clock) -> None:
    """Both limits are kept on the server, so re-signing an unchanged cookie would only cost."""
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    browser.get("/account")
    quiet = browser.get("/account")
    assert quiet.status_code == 200
    assert "Set-Cookie" not in quiet.headers
    clock.advance(sessions.SEEN_RESOLUTION)
    renewed = browser.get("/account")
    assert COOKIE in renewed.headers.get("Set-Cookie", "")
    with browser.client.session_transaction() as session:
        assert session[sessions.SEEN_AT] == int(START + sessions.SEEN_RESOLUTION)


def test_the_page_after_signing_in_needs_no_new_cookie(browser: Browser) -> None:
    """The new session gets its CSRF secret at sign-in, not on the first page that shows a form."""
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    with browser.client.session_transaction() as session:
        secret = session["csrf_token"]
    first = browser.get("/advisories")
    assert "Set-Cookie" not in first.headers
    with browser.client.session_transaction() as session:
        assert session["csrf_token"] == secret
