"""Helpers shared by the CNIL tests."""

from __future__ import annotations

from typing import Any


def by_key(items: list[dict[str, Any]], key: str = "id") -> dict[str, dict[str, Any]]:
    """Items keyed by a field, as strings, so their order does not matter when comparing."""
    return {str(item[key]): item for item in items}
