"""The request vocabulary and categories, loaded once: forms and rules share one truth."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from dpia_templates._data import (
    DATA_DIR,
    DataError,
    RuleLoadError,
    Text,
    as_str,
    as_table,
    as_tables,
    as_text,
    check_keys,
    read_toml,
)

VOCABULARY_FILE = DATA_DIR / "vocabulary.toml"
CATEGORIES_FILE = DATA_DIR / "categories.toml"
CATEGORY_FIELD = "category"
DEFAULT_CATEGORY = "other"


@dataclass(frozen=True, slots=True)
class Code:
    """One stable answer code with its labels."""

    code: str
    label: Text


@dataclass(frozen=True, slots=True)
class CodeList:
    """An enumerated question or result field: label, codes, and the default when unanswered."""

    name: str
    label: Text
    multiple: bool
    default: str | None
    codes: tuple[Code, ...]

    @property
    def code_ids(self) -> tuple[str, ...]:
        """The codes in display order."""
        return tuple(code.code for code in self.codes)

    def label_of(self, code: str) -> Text:
        """Label of one code, for showing a trigger value to a person."""
        for item in self.codes:
            if item.code == code:
                return item.label
        raise KeyError(f"{self.name}: unknown code {code!r}")


@dataclass(frozen=True, slots=True)
class Question:
    """A yes/no or number question with its label."""

    name: str
    label: Text


@dataclass(frozen=True, slots=True)
class Category:
    """A technology category; its id doubles as the id of its DPIA template."""

    id: str
    name: Text
    description: Text


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """All enumerations of the request and of the screening result."""

    lists: Mapping[str, CodeList]
    facts: Mapping[str, Question]
    numbers: Mapping[str, Question]
    outputs: Mapping[str, CodeList]
    categories: tuple[Category, ...]

    def label(self, field: str, code: str) -> Text:
        """Label of a code of a request or result field."""
        lists = self.lists.get(field) or self.outputs.get(field)
        if lists is None:
            raise KeyError(f"unknown enumerated field {field!r}")
        return lists.label_of(code)


def _code_list(name: str, raw: object, *, output: bool) -> CodeList:
    """Parse one [lists.X] or [outputs.X] table."""
    table = as_table(raw, name)
    check_keys(table, {"nl", "en", "codes"}, set() if output else {"multiple", "default"})
    codes: list[Code] = []
    for index, entry in enumerate(as_tables(table["codes"], f"{name}.codes")):
        check_keys(entry, {"code", "nl", "en"})
        codes.append(
            Code(as_str(entry["code"], f"{name}.codes[{index}].code"), as_text(entry, name))
        )
    ids = [code.code for code in codes]
    if not codes or len(set(ids)) != len(ids):
        raise DataError(f"{name}: codes must be present and unique")
    multiple = table.get("multiple", False)
    if not isinstance(multiple, bool):
        raise DataError(f"{name}.multiple must be true or false")
    default = table.get("default")
    if default is not None and (multiple or default not in ids):
        raise DataError(
            f"{name}.default {default!r} must be one of its codes of a single-choice list"
        )
    return CodeList(name, as_text(table, name), multiple, default, tuple(codes))


def _questions(raw: object, section: str) -> Mapping[str, Question]:
    """Parse the [facts.X] or [numbers.X] questions."""
    result: dict[str, Question] = {}
    for name, entry in as_table(raw, section).items():
        check_keys(as_table(entry, name), {"nl", "en"})
        result[name] = Question(name, as_text(entry, f"{section}.{name}"))
    return MappingProxyType(result)


def _categories(raw: Mapping[str, Any]) -> tuple[Category, ...]:
    """Parse the [[categories]] of categories.toml."""
    categories: list[Category] = []
    for index, entry in enumerate(as_tables(raw.get("categories"), "categories")):
        check_keys(entry, {"id", "nl", "en", "description"})
        where = f"categories[{index}]"
        categories.append(
            Category(
                as_str(entry["id"], f"{where}.id"),
                as_text(entry, where),
                as_text(entry["description"], f"{where}.description"),
            )
        )
    ids = [category.id for category in categories]
    if len(set(ids)) != len(ids) or DEFAULT_CATEGORY not in ids:
        raise DataError(f"category ids must be unique and include {DEFAULT_CATEGORY!r}")
    return tuple(categories)


def _category_list(categories: tuple[Category, ...]) -> CodeList:
    """Expose the categories as the single-choice `category` field of the request."""
    label = Text(nl="Categorie", en="Category")
    codes = tuple(Code(category.id, category.name) for category in categories)
    return CodeList(CATEGORY_FIELD, label, False, DEFAULT_CATEGORY, codes)


@functools.cache
def load_vocabulary() -> Vocabulary:
    """Load vocabulary.toml and categories.toml once; invalid data fails here, never in screen()."""
    raw = read_toml(VOCABULARY_FILE)
    try:
        check_keys(raw, {"lists", "facts", "numbers", "outputs"})
        lists = {
            name: _code_list(name, table, output=False)
            for name, table in as_table(raw["lists"], "lists").items()
        }
        outputs = {
            name: _code_list(name, table, output=True)
            for name, table in as_table(raw["outputs"], "outputs").items()
        }
        facts = _questions(raw["facts"], "facts")
        numbers = _questions(raw["numbers"], "numbers")
    except DataError as exc:
        raise RuleLoadError([f"{VOCABULARY_FILE.name}: {exc}"]) from exc
    try:
        categories = _categories(read_toml(CATEGORIES_FILE))
    except DataError as exc:
        raise RuleLoadError([f"{CATEGORIES_FILE.name}: {exc}"]) from exc
    lists[CATEGORY_FIELD] = _category_list(categories)
    return Vocabulary(
        lists=MappingProxyType(lists),
        facts=facts,
        numbers=numbers,
        outputs=MappingProxyType(outputs),
        categories=categories,
    )
