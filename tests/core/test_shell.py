"""Signed-in pages kept with holes: every reader still sees only their own name, count and token."""

from __future__ import annotations

import re

from flask import Flask

from ethicsdesk.core.permissions import Role
from ethicsdesk.core.shell import HOLES, SHELLS
from ethicsdesk.extensions import db
from ethicsdesk.notifications.models import NotificationKind
from ethicsdesk.notifications.operations import notify
from tests.factories import DEFAULT_PASSWORD, make_case, make_user
from tests.helpers import Browser

COOKIE = "ethicsdesk_session"


def signed_in(app: Flask, user) -> Browser:
    browser = Browser(app)
    browser.login(user.email, DEFAULT_PASSWORD)
    return browser


def header(page: str) -> str:
    return page.split('<div class="account-menu">', 1)[1].split("</div>", 1)[0]


def test_readers_with_the_same_roles_share_one_page_but_not_their_details(app: Flask) -> None:
    SHELLS.clear()
    jan = make_user(Role.REQUESTER, name="Jan <b>& Co</b>")
    piet = make_user(Role.REQUESTER, name="Piet")
    notify([piet, piet], make_case(), NotificationKind.CASE_SUBMITTED)
    notify([piet], make_case(), NotificationKind.CASE_SUBMITTED)
    db.session.commit()
    jan_browser, piet_browser = signed_in(app, jan), signed_in(app, piet)
    for _ in range(2):
        jan_page = jan_browser.get("/advisories").get_data(as_text=True)
        piet_page = piet_browser.get("/advisories").get_data(as_text=True)
        assert "Jan &lt;b&gt;&amp; Co&lt;/b&gt;" in header(jan_page)
        assert "Piet" not in jan_page
        assert 'class="badge"' not in header(jan_page)
        assert "Piet" in header(piet_page)
        assert '<span class="badge">2<' in header(piet_page)
    assert len(SHELLS) == 1
    assert all(hole not in jan_page + piet_page for hole in HOLES.values())
    assert "\x00" not in jan_page + piet_page


def test_the_token_on_a_kept_page_is_the_readers_own_and_works(app: Flask) -> None:
    first, second = make_user(Role.REQUESTER), make_user(Role.REQUESTER)
    db.session.commit()
    browser, other = signed_in(app, first), signed_in(app, second)
    other.get("/advisories")  # the page is now kept, with the other reader's details filled in
    page = browser.get("/advisories").get_data(as_text=True)
    tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', page))
    assert len(tokens) == 1
    answer = browser.client.post("/language", data={"locale": "en", "next": "/advisories",
                                                    "csrf_token": tokens.pop()})  # fmt: skip
    assert answer.status_code == 302
    assert 'lang="en"' in browser.get("/advisories").get_data(as_text=True)


def test_a_page_with_a_message_is_shown_whole_and_never_kept(app: Flask) -> None:
    SHELLS.clear()
    user = make_user(Role.REQUESTER)
    db.session.commit()
    browser = signed_in(app, user)
    with browser.client.session_transaction() as session:
        session["_flashes"] = [("success", "Het advies is gepubliceerd.")]
    page = browser.get("/advisories").get_data(as_text=True)
    assert "Het advies is gepubliceerd." in page
    assert len(SHELLS) == 0
    assert "Het advies is gepubliceerd." not in browser.get("/advisories").get_data(as_text=True)
    assert len(SHELLS) == 1


def test_other_roles_and_languages_get_pages_of_their_own(app: Flask) -> None:
    SHELLS.clear()
    requester, secretary = make_user(Role.REQUESTER), make_user(Role.SECRETARY, locale="en")
    db.session.commit()
    assert "/reviews/queue" not in signed_in(app, requester).get("/advisories").text
    english = signed_in(app, secretary).get("/advisories").text
    assert "/reviews/queue" in english
    assert 'lang="en"' in english
    assert len(SHELLS) == 2


def test_every_search_shares_the_page_around_it_and_returns_to_its_own_address(
    app: Flask,
) -> None:
    SHELLS.clear()
    user = make_user(Role.REQUESTER)
    db.session.commit()
    browser = signed_in(app, user)
    for query in ("privacy", 'x"><script>'):
        page = browser.get("/advisories", query_string={"q": query}).get_data(as_text=True)
        back = re.search(r'name="next" value="([^"]*)"', page).group(1)
        assert back.startswith("/advisories?q=")
        assert "<script>" not in back
    assert len(SHELLS) == 1
