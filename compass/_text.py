"""Bilingual texts and the library's own message templates (texts.toml), checked once at load."""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from compass._toml import as_str, as_table, check_keys, located, read_toml
from compass.errors import CompassDataError, FieldError

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")
TEXTS_FILE = Path(__file__).resolve().parent / "texts.toml"
MINUS = "\u2212"
DASH = "\u2013"  # shown where there is no value


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in Dutch and English, so every result can be shown in either language."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        """The text in one language; an unknown language is a programming error, not a fallback."""
        if lang == "nl":
            return self.nl
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r} (use one of {LANGUAGES})")

    def fill(self, **values: Text | str | int | float) -> Text:
        """Fill {placeholders} per language, taking the same language from Text values."""

        def one(lang: Lang) -> str:
            mapping = {k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()}
            return self.get(lang).format(**mapping)

        return Text(nl=one("nl"), en=one("en"))


def in_sentence(text: Text) -> Text:
    """Lower-case a name's first letter for use mid-sentence ('Leerlingen' -> 'leerlingen').

    Names whose second letter is upper case (abbreviations such as 'ICT') are left alone.
    """

    def one(value: str) -> str:
        if len(value) > 1 and value[1].isupper():
            return value
        return value[:1].lower() + value[1:]

    return Text(nl=one(text.nl), en=one(text.en))


def check_lang(lang: str) -> Lang:
    """Reject an unknown language early, before any rendering work."""
    if lang == "nl" or lang == "en":
        return lang
    raise ValueError(f"unknown language {lang!r} (use one of {LANGUAGES})")


def format_number(value: float, lang: str, *, signed: bool = False, digits: int = 1) -> str:
    """Format a number the way readers of that language expect (decimal comma, real minus sign)."""
    rounded = round(float(value), digits)
    if rounded == 0:
        rounded = 0.0
    text = f"{abs(rounded):.{digits}f}".rstrip("0").rstrip(".") if digits else f"{abs(rounded):.0f}"
    if check_lang(lang) == "nl":
        text = text.replace(".", ",")
    if rounded < 0:
        return MINUS + text
    return "+" + text if signed and rounded > 0 else text


def format_percent(share: float, lang: str) -> str:
    """Format a share 0..1 as a whole percentage."""
    return f"{format_number(share * 100, lang, digits=0)}%"


def placeholders(template: str) -> frozenset[str]:
    """The {names} a template uses, so a message can be checked against its declaration."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _message(key: str, raw: object) -> Text:
    """Parse one message and check that both languages use exactly the declared placeholders."""
    table = as_table(raw, key)
    check_keys(table, key, {"nl", "en", "placeholders"})
    declared = table["placeholders"]
    if not isinstance(declared, list) or not all(isinstance(name, str) for name in declared):
        raise FieldError(f"{key}.placeholders", "must be a list of names")
    text = text_of(table, key)
    for lang in LANGUAGES:
        used = placeholders(text.get(lang))
        if used != set(declared):
            raise FieldError(
                f"{key}.{lang}", f"uses placeholders {sorted(used)}, declared {sorted(declared)}"
            )
    return text


@functools.cache
def messages() -> Mapping[str, Text]:
    """Load texts.toml once: agenda lines, candidate conditions, legends and portfolio concerns."""
    raw, source = read_toml(TEXTS_FILE, CompassDataError)
    result: dict[str, Text] = {}
    with located(TEXTS_FILE, source, CompassDataError):
        for group, entries in as_table(raw, "").items():
            for name, entry in as_table(entries, group).items():
                result[f"{group}.{name}"] = _message(f"{group}.{name}", entry)
    return MappingProxyType(result)


def message(key: str) -> Text:
    """One message template by its dotted key (e.g. 'agenda.spread')."""
    return messages()[key]


def text_of(table: Mapping[str, object], field: str) -> Text:
    """Read the nl and en entries of a table; a missing translation names the exact field."""
    for lang in LANGUAGES:
        if lang not in table:
            raise FieldError(f"{field}.{lang}" if field else lang, "missing translation")
    prefix = f"{field}." if field else ""
    return Text(nl=as_str(table["nl"], f"{prefix}nl"), en=as_str(table["en"], f"{prefix}en"))


def as_text(raw: object, field: str) -> Text:
    """Read a {nl, en} table (nothing else allowed) into a Text."""
    table = as_table(raw, field)
    text = text_of(table, field)
    check_keys(table, field, LANGUAGES)
    return text
