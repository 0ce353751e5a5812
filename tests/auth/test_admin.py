"""The administrator manages accounts and roles; mistakes get messages and change nothing."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.auth.models import User
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user

NEW_ACCOUNT = {
    "name": "Nina Lid",
    "email": "nina@school.example.nl",
    "locale": "en",
    "roles": ["member", "dpo"],
    "new_password": "a long enough password",
    "confirm_password": "a long enough password",
}


def signed_in_admin(browser) -> User:
    admin = make_user(Role.ADMIN)
    browser.login(admin.email, DEFAULT_PASSWORD)
    return admin


def user_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def test_admin_creates_an_account(browser) -> None:
    signed_in_admin(browser)
    response = browser.submit("/admin/users", NEW_ACCOUNT)
    assert response.status_code == 302
    created = user_by_email("nina@school.example.nl")
    assert created.roles == {Role.MEMBER, Role.DPO}
    assert created.locale == "en"


def test_invalid_account_form_shows_messages_and_creates_nothing(browser) -> None:
    admin = signed_in_admin(browser)
    before = user_count()
    bad = {**NEW_ACCOUNT, "email": "not-an-address", "name": "", "roles": ["pope"]}
    html = browser.submit("/admin/users", bad).get_data(as_text=True)
    assert "Vul een geldig e-mailadres in" in html
    assert "Dit veld is vereist" in html
    assert "ongeldige keuze" in html
    assert user_count() == before
    duplicate = {**NEW_ACCOUNT, "email": admin.email}
    html = browser.submit("/admin/users", duplicate).get_data(as_text=True)
    assert "bestaat al" in html
    assert user_count() == before


def test_admin_changes_roles_and_blocks(browser) -> None:
    signed_in_admin(browser)
    user = make_user(Role.MEMBER)
    response = browser.submit(f"/admin/users/{user.id}", {"roles": ["secretary"]})
    assert response.status_code == 302
    db.session.expire_all()
    changed = user_by_email(user.email)
    assert changed.roles == {Role.SECRETARY}
    assert changed.active is False  # unchecked box means blocked


def test_admin_cannot_lock_themselves_out(browser) -> None:
    admin = signed_in_admin(browser)
    html = browser.submit(f"/admin/users/{admin.id}", {"roles": ["member"]}).get_data(as_text=True)
    assert "beheerdersrol" in html
    assert "eigen account" in html
    db.session.expire_all()
    assert Role.ADMIN in user_by_email(admin.email).roles


def test_unknown_user_is_404(browser) -> None:
    signed_in_admin(browser)
    assert browser.get("/admin/users/999999").status_code == 404
