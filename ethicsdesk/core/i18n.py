"""Which language a request speaks: the user's choice, else the session's, else Dutch."""

from __future__ import annotations

from flask import current_app, session
from flask_login import current_user

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
SESSION_KEY = "locale"


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def language_choices() -> list[tuple[str, str]]:
    """Choices for language pickers, each named in its own language."""
    return [(code, LANGUAGE_NAMES[code]) for code in current_app.config["LANGUAGES"]]
