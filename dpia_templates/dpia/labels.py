"""The library's own nl/en texts, kept as data like every other user-facing text of the package."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from dpia_templates._data import RuleLoadError, Text, read_toml

LABELS_FILE = Path(__file__).resolve().parent / "labels.toml"


def _flatten(raw: Mapping[str, Any], prefix: str, into: dict[str, Text]) -> None:
    """Turn nested tables into dotted keys whose leaves are {nl, en} pairs."""
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if not isinstance(value, Mapping):
            raise RuleLoadError([f"{LABELS_FILE.name}: {name}: must be a table"])
        if set(value) == {"nl", "en"} and all(isinstance(v, str) and v for v in value.values()):
            into[name] = Text(nl=value["nl"], en=value["en"])
        elif {"nl", "en"} & set(value):
            raise RuleLoadError([f"{LABELS_FILE.name}: {name}: needs exactly nl and en texts"])
        else:
            _flatten(value, f"{name}.", into)


@functools.cache
def _labels() -> Mapping[str, Text]:
    """Load labels.toml once."""
    labels: dict[str, Text] = {}
    _flatten(read_toml(LABELS_FILE), "", labels)
    return MappingProxyType(labels)


def say(key: str, lang: str, **values: object) -> str:
    """One label as a string in one language, with its {placeholders} filled."""
    text = str(getattr(_labels()[key], lang))
    return text.format(**values) if values else text


def pair(key: str, **values: object) -> Text:
    """One label as a filled nl/en pair, for results that are shown in either language."""
    return Text(nl=say(key, "nl", **values), en=say(key, "en", **values))
