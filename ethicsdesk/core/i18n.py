"""Which language a request speaks: the user's choice, else the session's, else Dutch."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, session
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import escape

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
SESSION_KEY = "locale"


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and batch jobs speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def language_choices() -> list[tuple[str, str]]:
    """Choices for language pickers, each named in its own language."""
    return [(code, LANGUAGE_NAMES[code]) for code in current_app.config["LANGUAGES"]]


def current_language() -> str:
    """The two-letter language of the current request."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])[:2]


def pick(text: Any) -> str:
    """Choose the current language from a text given in several (a dict or an object)."""
    if text is None:
        return ""
    language = current_language()
    if isinstance(text, dict):
        return text.get(language) or text.get("nl") or ""
    return getattr(text, language, None) or getattr(text, "nl", "")


class Localized:
    """A label from a data file in nl and en, rendered in the language of each request."""

    def __init__(self, text: Any) -> None:
        self.text = text

    def __str__(self) -> str:
        return pick(self.text)

    def __html__(self) -> str:
        return str(escape(str(self)))
