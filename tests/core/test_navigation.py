"""The main menu: kept per worker, yet always the one the user's roles and language call for."""

from __future__ import annotations

from ethicsdesk.auth.operations import set_locale, set_roles
from ethicsdesk.core.navigation import MENUS
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser


def nav(browser: Browser, url: str = "/advisories") -> str:
    page = browser.get(url).get_data(as_text=True)
    return page.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]


def test_the_menu_follows_a_role_change_at_once(browser: Browser) -> None:
    user = make_user(Role.REQUESTER)
    db.session.commit()
    browser.login(user.email, DEFAULT_PASSWORD)
    assert "/reviews/queue" not in nav(browser)
    assert "/reviews/new" in nav(browser)
    set_roles(user, [Role.SECRETARY])
    db.session.commit()
    assert "/reviews/queue" in nav(browser)
    set_roles(user, [Role.REQUESTER])
    db.session.commit()
    assert "/reviews/queue" not in nav(browser)


def test_the_menu_speaks_the_users_language_and_marks_the_page(browser: Browser) -> None:
    user = make_user(Role.REQUESTER)
    db.session.commit()
    browser.login(user.email, DEFAULT_PASSWORD)
    dutch = nav(browser)
    assert "Adviezen" in dutch
    assert 'aria-current="page">Adviezen' in dutch
    set_locale(user, "en")
    db.session.commit()
    english = nav(browser)
    assert 'aria-current="page">Advisories' in english
    assert "Adviezen" not in english
    assert 'aria-current="page">Advisories' not in nav(browser, "/reviews/mine")


def test_one_menu_is_kept_per_roles_language_and_page(app, browser: Browser) -> None:
    MENUS.clear()
    first, second = make_user(Role.REQUESTER), make_user(Role.REQUESTER)
    db.session.commit()
    browser.login(first.email, DEFAULT_PASSWORD)
    nav(browser)
    other = Browser(app)
    other.login(second.email, DEFAULT_PASSWORD)
    assert nav(other) == nav(browser)
    assert len(MENUS) == 1
