"""Lookups for staff accounts."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ethicsdesk.auth.models import User, UserRole
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db


def normalise_email(email: str) -> str:
    """One spelling per address, so look-ups and uniqueness agree."""
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    """The account with this e-mail address, if any."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


# Read on every signed-in request: built once, the roles in the same round trip.
_BY_SESSION_TOKEN = (
    sa.select(User)
    .options(joinedload(User.role_links))
    .where(User.session_token == sa.bindparam("token"))
)


def user_by_session_token(token: str) -> User | None:
    """The account a session cookie points at; None after a rotation."""
    return db.session.execute(_BY_SESSION_TOKEN, {"token": token}).unique().scalar_one_or_none()


def all_users() -> list[User]:
    """Every account, for the user administration."""
    return list(db.session.scalars(sa.select(User).order_by(User.name)))


def user_by_id(user_id: int) -> User | None:
    """The account with this id, if any."""
    return db.session.get(User, user_id)


def active_users_with_roles(*roles: Role) -> list[User]:
    """Active accounts holding any of these roles (e.g. whom to notify of a new request)."""
    return list(
        db.session.scalars(
            sa.select(User)
            .join(UserRole)
            .where(User.active.is_(True), UserRole.role.in_([role.value for role in roles]))
            .distinct()
            .order_by(User.id)
        )
    )
