"""Strict readers for template TOML: every refusal names the exact field path for the error line."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from dpia_templates._data import Text
from dpia_templates.dpia.errors import FieldError, TemplateProblem, find_line
from dpia_templates.dpia.model import (
    CNIL_QUESTION_IDS,
    LEVELS,
    AnswerKind,
    Choice,
    FearedEvent,
    Opinion,
    Question,
    TemplateMeasure,
    TemplateRisk,
)

ID = re.compile(r"^[a-z][a-z0-9_]*$")
SECTION_ID = re.compile(r"^[A-Z]$")
VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def join(path: str, key: str | int) -> str:
    """Extend a field path with a key or an array index."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def keys(
    raw: Mapping[str, Any], path: str, required: Iterable[str], optional: Iterable[str] = ()
) -> None:
    """Refuse missing and unknown keys one by one, so each gets its own line."""
    required = tuple(required)
    allowed = {*required, *optional}
    for key in required:
        if key not in raw:
            raise FieldError(join(path, key), "missing")
    for key in raw:
        if key not in allowed:
            raise FieldError(
                join(path, key), f"unknown key (allowed: {', '.join(sorted(allowed))})"
            )


def table(raw: object, path: str) -> Mapping[str, Any]:
    """A TOML table or a refusal."""
    if not isinstance(raw, Mapping):
        raise FieldError(path, f"must be a table, got {type(raw).__name__}")
    return raw


def tables(raw: object, path: str) -> list[Mapping[str, Any]]:
    """A TOML array of tables (absent means empty)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise FieldError(path, "must be an array of tables ([[...]])")
    return [table(item, join(path, index)) for index, item in enumerate(raw)]


def string(raw: object, path: str) -> str:
    """A non-empty string."""
    if not isinstance(raw, str) or not raw.strip():
        raise FieldError(path, "must be a non-empty string")
    return raw


def ident(raw: object, path: str, pattern: re.Pattern[str] = ID) -> str:
    """A stable identifier: ids are stored in DPIAs, so their shape is fixed."""
    value = string(raw, path)
    if not pattern.match(value):
        raise FieldError(path, f"bad id {value!r} (expected {pattern.pattern})")
    return value


def version(raw: object, path: str) -> str:
    """A semantic version string MAJOR.MINOR.PATCH."""
    value = string(raw, path)
    if not VERSION.match(value):
        raise FieldError(path, f"bad version string {value!r} (expected MAJOR.MINOR.PATCH)")
    return value


def _pair(raw: Mapping[str, Any], path: str) -> Text:
    """The nl and en entries of a table; both are required because the UI shows either."""
    for lang, name in (("nl", "Dutch"), ("en", "English")):
        if lang not in raw:
            raise FieldError(join(path, lang), f"missing {name} ({lang}) translation")
    return Text(nl=string(raw["nl"], join(path, "nl")), en=string(raw["en"], join(path, "en")))


def text(raw: object, path: str) -> Text:
    """A {nl, en} table and nothing else."""
    pair = _pair(table(raw, path), path)
    keys(table(raw, path), path, ("nl", "en"))
    return pair


def level(raw: object, path: str) -> int:
    """A CNIL level 1 (negligible) … 4 (maximum)."""
    if isinstance(raw, int) and not isinstance(raw, bool) and raw in LEVELS:
        return raw
    raise FieldError(path, f"bad level {raw!r}: must be 1 (negligible) to 4 (maximum)")


def choose(raw: object, path: str, allowed: type[E]) -> E:
    """One code of an enumeration."""
    codes = [member.value for member in allowed]
    if raw not in codes:
        raise FieldError(path, f"unknown value {raw!r} (allowed: {', '.join(codes)})")
    return allowed(raw)


def id_list(raw: object, path: str) -> tuple[str, ...]:
    """A list of unique ids."""
    if not isinstance(raw, list):
        raise FieldError(path, "must be a list of ids")
    values = tuple(ident(item, join(path, index)) for index, item in enumerate(raw))
    if len(set(values)) != len(values):
        raise FieldError(path, "ids must be unique")
    return values


def section(raw: Mapping[str, Any], path: str) -> tuple[str, Text, Text, str]:
    """A [[sections]] entry: id, title, guidance, legal reference."""
    keys(raw, path, ("id", "title", "guidance", "reference"))
    return (
        ident(raw["id"], join(path, "id"), SECTION_ID),
        text(raw["title"], join(path, "title")),
        text(raw["guidance"], join(path, "guidance")),
        string(raw["reference"], join(path, "reference")),
    )


def _choice(raw: Mapping[str, Any], path: str) -> Choice:
    """One {code, nl, en} entry of a choice question."""
    keys(raw, path, ("code",), ("nl", "en"))
    return Choice(ident(raw["code"], join(path, "code")), _pair(raw, path))


def question(raw: Mapping[str, Any], path: str, sections: Collection[str]) -> Question:
    """A [[questions]] entry; choice codes and CNIL references are checked here."""
    optional = ("kind", "choices", "multiple", "cnil_ref", "reference")
    keys(raw, path, ("id", "section", "label", "guidance"), optional)
    qid = ident(raw["id"], join(path, "id"))
    where = raw["section"]
    if where not in sections:
        raise FieldError(join(path, "section"), f"unknown section {where!r}")
    if not qid.startswith(str(where).lower()):
        raise FieldError(join(path, "id"), f"question id {qid!r} must start with {where.lower()!r}")
    kind = choose(raw.get("kind", "text"), join(path, "kind"), AnswerKind)
    choices_path = join(path, "choices")
    choices = tuple(
        _choice(entry, join(choices_path, index))
        for index, entry in enumerate(tables(raw.get("choices"), choices_path))
    )
    if (kind is AnswerKind.CHOICE) != bool(choices):
        raise FieldError(
            join(path, "choices"), "choice questions need choices, text questions none"
        )
    if len({choice.code for choice in choices}) != len(choices):
        raise FieldError(join(path, "choices"), "choice codes must be unique")
    multiple = raw.get("multiple", False)
    if not isinstance(multiple, bool) or (multiple and kind is not AnswerKind.CHOICE):
        raise FieldError(join(path, "multiple"), "must be true or false, and only for choices")
    ref = raw.get("cnil_ref")
    if ref is not None and (isinstance(ref, bool) or ref not in CNIL_QUESTION_IDS):
        raise FieldError(join(path, "cnil_ref"), f"unknown cnil_ref {ref!r}")
    return Question(
        id=qid,
        section=str(where),
        label=text(raw["label"], join(path, "label")),
        guidance=text(raw["guidance"], join(path, "guidance")),
        kind=kind,
        choices=choices,
        multiple=multiple,
        cnil_ref=ref,
        reference=string(raw["reference"], join(path, "reference")) if "reference" in raw else None,
    )


def opinion(raw: Mapping[str, Any], path: str) -> Opinion:
    """An [[opinions]] entry of part E."""
    keys(raw, path, ("id", "label", "guidance", "reference"))
    return Opinion(
        id=ident(raw["id"], join(path, "id")),
        label=text(raw["label"], join(path, "label")),
        guidance=text(raw["guidance"], join(path, "guidance")),
        reference=string(raw["reference"], join(path, "reference")),
    )


def measure(raw: Mapping[str, Any], path: str) -> TemplateMeasure:
    """A [[measures]] entry."""
    keys(raw, path, ("id", "title", "description"))
    return TemplateMeasure(
        id=ident(raw["id"], join(path, "id")),
        title=text(raw["title"], join(path, "title")),
        description=text(raw["description"], join(path, "description")),
    )


def risk(raw: Mapping[str, Any], path: str) -> TemplateRisk:
    """A [[risks]] entry with its typical rating and measures."""
    names = ("id", "title", "description", "source", "affected", "feared_event")
    keys(raw, path, (*names, "likelihood", "severity", "measures"))
    return TemplateRisk(
        id=ident(raw["id"], join(path, "id")),
        title=text(raw["title"], join(path, "title")),
        description=text(raw["description"], join(path, "description")),
        source=text(raw["source"], join(path, "source")),
        affected=text(raw["affected"], join(path, "affected")),
        feared_event=choose(raw["feared_event"], join(path, "feared_event"), FearedEvent),
        likelihood=level(raw["likelihood"], join(path, "likelihood")),
        severity=level(raw["severity"], join(path, "severity")),
        measure_ids=id_list(raw["measures"], join(path, "measures")),
    )


class FileReader:
    """Collects the problems of one file, adding the file name and the line of each field."""

    def __init__(self, path: Path, text_: str) -> None:
        self.path = path
        self.text = text_
        self.problems: list[TemplateProblem] = []

    def add(self, path: str, message: str) -> None:
        """Record one problem at a field path."""
        line = find_line(self.text, path) if path else None
        self.problems.append(TemplateProblem(self.path.name, path, message, line))

    def items(
        self, raw: Mapping[str, Any], key: str, parse: Callable[[Mapping[str, Any], str], T]
    ) -> list[tuple[str, T]]:
        """Parse each entry of an array of tables into (path, item), recording broken entries."""
        parsed: list[tuple[str, T]] = []
        try:
            entries = tables(raw.get(key), key)
        except FieldError as exc:
            self.add(exc.path, exc.message)
            return parsed
        for index, entry in enumerate(entries):
            try:
                parsed.append((join(key, index), parse(entry, join(key, index))))
            except FieldError as exc:
                self.add(exc.path, exc.message)
        return parsed

    def check(self, action: Callable[[], T]) -> T | None:
        """Run one reader, recording its FieldError instead of stopping the file."""
        try:
            return action()
        except FieldError as exc:
            self.add(exc.path, exc.message)
            return None

    def unique(
        self, ids: Iterable[tuple[str, str]], what: str, taken: Collection[str] = ()
    ) -> None:
        """Report ids used twice (paths are given with the ids so the line can be found)."""
        seen = set(taken)
        for path, value in ids:
            if value in seen:
                self.add(path, f"duplicate {what} id {value!r}")
            seen.add(value)
