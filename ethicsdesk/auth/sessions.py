"""Sign-in sessions end on the server: a fixed time after signing in, and after idling too long.

Sessions are signed cookies; a browser (or a thief) that keeps one past its expiry date must
still be refused, so the sign-in time travels inside the signed session and every request
checks it here.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from datetime import timedelta
from typing import Any

from flask import current_app, session
from flask_login import logout_user

SIGNED_IN_AT = "_signed_in_at"
SEEN_AT = "_seen_at"
USER_KEY = "_user_id"  # where Flask-Login keeps the signed-in account
SEEN_RESOLUTION = 60  # seconds; rewriting the cookie more often tells nothing new


def now() -> float:
    """Seconds since the epoch: the one clock sessions are measured with (tests move it)."""
    return time.time()


def mark_signed_in() -> None:
    """Start the clocks of a session that was just signed in."""
    moment = int(now())
    session[SIGNED_IN_AT] = moment
    session[SEEN_AT] = moment


def is_expired(
    data: MutableMapping[str, Any], moment: float, lifetime: timedelta, idle: timedelta
) -> bool:
    """Whether a signed-in session is past its absolute or its idle limit (or never had one)."""
    signed_in_at, seen_at = data.get(SIGNED_IN_AT), data.get(SEEN_AT)
    if not isinstance(signed_in_at, int) or not isinstance(seen_at, int):
        return True  # signed in before the clocks existed, or tampered with: sign in again
    if moment - signed_in_at > lifetime.total_seconds():
        return True
    return bool(idle) and moment - seen_at > idle.total_seconds()


def enforce_session_lifetime() -> None:
    """Before every request: sign an expired session out, else note that it was used."""
    if USER_KEY not in session:
        return
    moment = now()
    config = current_app.config
    if is_expired(
        session, moment, config["PERMANENT_SESSION_LIFETIME"], config["SESSION_IDLE_LIFETIME"]
    ):
        logout_user()
        session.clear()
        return
    if moment - session[SEEN_AT] >= SEEN_RESOLUTION:
        session[SEEN_AT] = int(moment)
