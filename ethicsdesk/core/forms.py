"""Shared form pieces: widgets and validators every domain's forms use."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from wtforms import SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice


class CheckboxListField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes, which is easier to use than a listbox."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def select_choices(pairs: Any) -> list[SelectChoice]:
    """Turn (value, label) pairs into the choice objects WTForms expects."""
    return [SelectChoice(value, label) for value, label in pairs]


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_filter(value: Any) -> Any:
    """Trim white space so "  " counts as empty; drop control characters no text needs."""
    if not isinstance(value, str):
        return value
    return CONTROL_CHARACTERS.sub("", value).strip()


def safe_next_url(target: str | None) -> str | None:
    """Allow only same-site relative paths as a redirect target (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def field_attributes(field: Any, hint: Any = None) -> dict[str, Any]:
    """ARIA and HTML attributes that tie an input to its hint and error message."""
    described_by = [f"{field.id}-hint"] if hint else []
    if field.errors:
        described_by.append(f"{field.id}-error")
    attributes: dict[str, Any] = {}
    if described_by:
        attributes["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attributes["aria-invalid"] = "true"
    if field.flags.required and field.type not in ("CheckboxListField", "BooleanField"):
        attributes["required"] = True
    return attributes
