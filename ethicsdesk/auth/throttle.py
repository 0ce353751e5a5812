"""Login throttling: after repeated failures an account (or an address) is locked for a while.

Failures are rows in the database, so every app instance sees them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column

from ethicsdesk.auth.queries import normalise_email
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db


class LoginFailure(db.Model):
    """One failed sign-in: which e-mail address was tried, from where, when."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    address: Mapped[str] = mapped_column(sa.String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


def _window_start() -> datetime:
    return utcnow() - timedelta(minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"])


def is_locked(email: str, address: str) -> bool:
    """Too many recent failures for this account, or from this address."""
    since = _window_start()
    by_email = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.email == normalise_email(email), LoginFailure.created_at >= since)
    )
    by_address = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.address == address, LoginFailure.created_at >= since)
    )
    limit = current_app.config["LOGIN_MAX_FAILURES"]
    return by_email >= limit or by_address >= limit * 4


def record_failure(email: str, address: str) -> None:
    """Remember a failed attempt (and forget ones older than the window)."""
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.created_at < _window_start()))
    db.session.add(LoginFailure(email=normalise_email(email)[:254], address=address[:64]))
    db.session.flush()


def clear_failures(email: str) -> None:
    """A successful sign-in starts the count afresh."""
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.email == normalise_email(email)))
    db.session.flush()
