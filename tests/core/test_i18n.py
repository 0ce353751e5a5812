"""Language: Dutch by default, English per user, and a complete Dutch catalogue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "ethicsdesk" / "translations"


def test_dutch_is_the_default(browser) -> None:
    html = browser.get("/login").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "Inloggen" in html


def test_anonymous_visitor_can_switch_to_english(browser) -> None:
    browser.submit("/language", {"locale": "en", "next": "/login"})
    html = browser.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Sign in" in html


def test_language_choice_is_stored_on_the_account(browser) -> None:
    user = make_user()
    browser.login(user.email, DEFAULT_PASSWORD)
    response = browser.submit("/language", {"locale": "en", "next": "/account"})
    assert response.headers["Location"] == "/account"
    db.session.expire_all()
    assert user_by_email(user.email).locale == "en"
    browser.logout()
    browser.login(user.email, DEFAULT_PASSWORD)
    assert "My account" in browser.get("/account").get_data(as_text=True)


def test_unknown_language_changes_nothing(browser) -> None:
    browser.submit("/language", {"locale": "xx", "next": "/login"})
    assert '<html lang="nl">' in browser.get("/login").get_data(as_text=True)


def test_dutch_catalogue_translates_every_message(tmp_path: Path) -> None:
    """Extract the messages from today's code and check each has a Dutch translation."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F", "babel.cfg",
         "-k", "_l", "-o", str(pot), "--no-location", "--omit-header", "."],
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    with (TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {
        message.id
        for message in catalogue
        if message.id and message.string and "fuzzy" not in message.flags
    }
    missing = sorted(str(m) for m in extracted - translated)
    assert missing == [], f"{len(missing)} messages lack a Dutch translation: {missing[:20]}"
