"""The PDF's fixed texts in Dutch and English, kept as data so translators never touch code."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

TEXTS_FILE = Path(__file__).resolve().parent / "texts.toml"
LANGUAGES = ("nl", "en")


@functools.cache
def texts() -> Mapping[str, Mapping[str, str]]:
    """Load texts.toml once; a missing translation is a packaging error, found at first use."""
    with TEXTS_FILE.open("rb") as handle:
        raw = tomllib.load(handle)
    flat: dict[str, Mapping[str, str]] = {}
    for group, entries in raw.items():
        for name, entry in entries.items():
            if set(entry) != set(LANGUAGES) or not all(entry.values()):
                raise ValueError(f"{TEXTS_FILE.name}: {group}.{name}: needs exactly nl and en")
            flat[f"{group}.{name}"] = MappingProxyType(dict(entry))
    return MappingProxyType(flat)


def check_lang(lang: str) -> str:
    """Reject an unknown language before any rendering work."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (use one of {LANGUAGES})")
    return lang


def say(key: str, lang: str, **values: object) -> str:
    """One fixed text in one language with its {placeholders} filled."""
    text = texts()[key][lang]
    return text.format(**values) if values else text
