"""What every template may use: the menu, the language picker and display filters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_babel import format_date, format_datetime, get_locale

from ethicsdesk.core.forms import field_attributes
from ethicsdesk.core.i18n import language_choices, pick
from ethicsdesk.core.markup import render_markdown
from ethicsdesk.core.navigation import menu
from ethicsdesk.core.shell import Personal


def _local_datetime(value: datetime | None) -> str:
    """A timestamp in the association's time zone and the user's language."""
    return format_datetime(value, "medium") if value else ""


def _local_date(value: date | None) -> str:
    """A date in the user's language."""
    return format_date(value, "long") if value else ""


def init_templating(app: Flask) -> None:
    """Register template globals and filters once."""
    app.jinja_env.filters["datetime"] = _local_datetime
    app.jinja_env.filters["date"] = _local_date
    app.jinja_env.globals["field_attributes"] = field_attributes
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals["pick"] = pick
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def page_context() -> dict[str, Any]:
        return {
            "main_menu": menu,
            "languages": language_choices,
            "current_locale": lambda: str(get_locale()),
            "personal": Personal(),
        }
