"""Writes for staff accounts: creation, sign-in bookkeeping, passwords, roles and language."""

from __future__ import annotations

from collections.abc import Iterable

from ethicsdesk.auth import throttle
from ethicsdesk.auth.models import User, UserRole, new_session_token
from ethicsdesk.auth.passwords import (
    hash_password,
    needs_rehash,
    verify_against_nothing,
    verify_password,
)
from ethicsdesk.auth.queries import normalise_email, user_by_email
from ethicsdesk.core.db import utcnow
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation, School


class DuplicateEmailError(ValueError):
    """An account with this e-mail address already exists."""


def create_user(
    organisation: Organisation,
    email: str,
    name: str,
    password: str,
    roles: Iterable[Role] = (),
    locale: str = "nl",
    school: School | None = None,
) -> User:
    """Create an account; the caller has already checked the password policy."""
    email = normalise_email(email)
    if user_by_email(email) is not None:
        raise DuplicateEmailError(email)
    user = User(
        organisation=organisation,
        school=school,
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        locale=locale,
    )
    user.role_links = [UserRole(role=Role(role)) for role in sorted(set(roles))]
    db.session.add(user)
    db.session.flush()
    return user


class LockedOutError(Exception):
    """Too many failed sign-ins recently; no password is checked until the lock expires."""


def authenticate(email: str, password: str, address: str = "unknown") -> User | None:
    """Return the active user for these credentials and record the sign-in, else None."""
    if throttle.is_locked(email, address):
        raise LockedOutError(email)
    user = user_by_email(email)
    if user is None:
        verify_against_nothing(password)
        throttle.record_failure(email, address)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        throttle.record_failure(email, address)
        return None
    throttle.clear_failures(email)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end every other session of this user."""
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    user.session_token = new_session_token()
    db.session.flush()


def set_locale(user: User, locale: str) -> None:
    """Remember the user's language for every later visit."""
    user.locale = locale
    db.session.flush()


def update_account(user: User, roles: Iterable[Role], active: bool) -> None:
    """Apply the administration form: roles and whether the account may sign in."""
    set_roles(user, roles)
    set_active(user, active)


def set_roles(user: User, roles: Iterable[Role]) -> None:
    """Replace the user's roles; signing out is not needed, rights apply on the next request."""
    wanted = {Role(role) for role in roles}
    user.role_links = [link for link in user.role_links if link.role in wanted]
    user.role_links += [UserRole(role=role) for role in sorted(wanted - user.roles)]
    db.session.flush()


def set_active(user: User, active: bool) -> None:
    """Block or restore an account; blocking also ends its sessions."""
    user.active = active
    if not active:
        user.session_token = new_session_token()
    db.session.flush()
