"""Argon2id hashing and the password policy, configured from the app's settings."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

# a few passwords people reach for first; the length rule catches most others
COMMON_PASSWORDS = frozenset(
    {
        "welkom123456",
        "wachtwoord123",
        "password1234",
        "123456789012",
        "qwertyuiop12",
        "ethicsdesk123",
        "wachtwoord1234",
        "welkomwelkom",
    }
)
MAX_LENGTH = 256


def hasher() -> PasswordHasher:
    """The app's hasher, built once from the configured Argon2id cost."""
    extension_key = "ethicsdesk.password_hasher"
    existing = current_app.extensions.get(extension_key)
    if existing is None:
        config = current_app.config
        existing = PasswordHasher(
            time_cost=config["ARGON2_TIME_COST"],
            memory_cost=config["ARGON2_MEMORY_COST"],
            parallelism=config["ARGON2_PARALLELISM"],
        )
        current_app.extensions[extension_key] = existing
    return existing


def hash_password(password: str) -> str:
    """Hash a new password with Argon2id."""
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Check a password; a malformed stored hash counts as a mismatch, never a crash."""
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_against_nothing(password: str) -> None:
    """Spend the time a real check takes, so a wrong e-mail looks like a wrong password."""
    key = "ethicsdesk.dummy_password_hash"
    if key not in current_app.extensions:
        current_app.extensions[key] = hash_password("timing-only-not-a-password")
    verify_password(current_app.extensions[key], password)


def needs_rehash(password_hash: str) -> bool:
    """Whether the stored hash was made with weaker settings than today's."""
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def policy_errors(password: str, email: str | None = None) -> list[str]:
    """Why a new password is not acceptable, in the user's language; empty when it is."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    errors = []
    if len(password) < minimum:
        errors.append(_("Use at least %(minimum)d characters.", minimum=minimum))
    if len(password) > MAX_LENGTH:
        errors.append(_("Use at most %(maximum)d characters.", maximum=MAX_LENGTH))
    if password.lower() in COMMON_PASSWORDS or len(set(password)) < 4:
        errors.append(_("This password is too easy to guess."))
    local_part = (email or "").split("@")[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        errors.append(_("Do not use your e-mail address in your password."))
    return errors
