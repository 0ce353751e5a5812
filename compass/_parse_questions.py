"""Parse questions.toml: ordered sections and questions, checked against the type registry."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from compass._parse_set import as_id, as_urn, claim
from compass._text import as_text, text_of
from compass._toml import as_bool, as_str, as_str_list, as_tables, check_keys
from compass.errors import FieldError
from compass.model import OPTION_KINDS, ChoiceOption, Question, Scale, Section, Stakeholder, Value
from compass.question_types import COMMON_OPTIONAL, COMMON_REQUIRED, QUESTION_TYPES, TYPE_KEYS

ALL_STAKEHOLDERS = "all"


@dataclass(frozen=True, slots=True)
class SetContext:
    """What questions may refer to: the set's values, stakeholders and scales."""

    value_ids: frozenset[str]
    stakeholder_ids: tuple[str, ...]
    scales: Mapping[str, Scale]

    @classmethod
    def of(
        cls,
        values: tuple[Value, ...],
        stakeholders: tuple[Stakeholder, ...],
        scales: Mapping[str, Scale],
    ) -> SetContext:
        """Collect the ids questions may use, once per set."""
        ids = frozenset(item.id for value in values for item in (value, *value.subvalues))
        return cls(ids, tuple(stakeholder.id for stakeholder in stakeholders), scales)


def _scale(raw: object, field: str, context: SetContext) -> Scale:
    """A reference to a scale of this set."""
    scale_id = as_str(raw, field)
    if scale_id not in context.scales:
        raise FieldError(field, f"unknown scale {scale_id!r} (known: {sorted(context.scales)})")
    return context.scales[scale_id]


def _stakeholders(raw: object, field: str, context: SetContext) -> tuple[str, ...]:
    """'all', or a list of this set's stakeholder ids."""
    if raw == ALL_STAKEHOLDERS:
        return context.stakeholder_ids
    ids = as_str_list(raw, field)
    for index, item in enumerate(ids):
        if item not in context.stakeholder_ids:
            raise FieldError(f"{field}[{index}]", f"unknown stakeholder {item!r}")
    return ids


def _options(raw: object, field: str, context: SetContext) -> tuple[ChoiceOption, ...]:
    """Choice options with unique ids and both translations."""
    seen: dict[str, str] = {}
    options = []
    for index, entry in enumerate(as_tables(raw, field)):
        where = f"{field}[{index}]"
        check_keys(entry, where, {"id", "nl", "en"})
        option_id = as_id(entry["id"], f"{where}.id")
        claim(seen, option_id, f"{where}.id", "option id")
        options.append(ChoiceOption(option_id, text_of(entry, where)))
    return tuple(options)


def _option_kind(raw: object, field: str, context: SetContext) -> str:
    """Where an option for action works: in the technology, the context, or by the user."""
    if raw not in OPTION_KINDS:
        raise FieldError(field, f"must be one of {OPTION_KINDS}")
    return str(raw)


def _flag(raw: object, field: str, context: SetContext) -> bool:
    """A yes/no switch of a question."""
    return as_bool(raw, field)


KEY_PARSERS: Mapping[str, Callable[[object, str, SetContext], Any]] = {
    "scale": _scale,
    "likelihood_scale": _scale,
    "stakeholders": _stakeholders,
    "options": _options,
    "multiple": _flag,
    "option_kind": _option_kind,
    "requires_note": _flag,
}
if set(KEY_PARSERS) != TYPE_KEYS:  # pragma: no cover - guards the registry at start-up
    raise RuntimeError(f"question keys without parser: {sorted(TYPE_KEYS ^ set(KEY_PARSERS))}")


def parse_sections(raw: object) -> tuple[Section, ...]:
    """Sections in the order members walk through them."""
    seen: dict[str, str] = {}
    sections = []
    for index, entry in enumerate(as_tables(raw, "sections")):
        field = f"sections[{index}]"
        check_keys(entry, field, {"id", "title"}, {"description"})
        section_id = as_id(entry["id"], f"{field}.id")
        claim(seen, section_id, f"{field}.id", "section id")
        description = entry.get("description")
        sections.append(
            Section(
                section_id,
                as_text(entry["title"], f"{field}.title"),
                None if description is None else as_text(description, f"{field}.description"),
            )
        )
    return tuple(sections)


def _question(
    entry: Mapping[str, Any],
    field: str,
    sections: set[str],
    context: SetContext,
    urns: dict[str, str],
) -> Question:
    """One question: common keys, then exactly the keys its registered type declares."""
    type_name = as_str(entry.get("type"), f"{field}.type")
    if type_name not in QUESTION_TYPES:
        raise FieldError(
            f"{field}.type",
            f"unknown question type {type_name!r} (known: {sorted(QUESTION_TYPES)})",
        )
    kind = QUESTION_TYPES[type_name]
    check_keys(entry, field, COMMON_REQUIRED | kind.required, COMMON_OPTIONAL | kind.optional)
    section = as_str(entry["section"], f"{field}.section")
    if section not in sections:
        raise FieldError(f"{field}.section", f"unknown section {section!r}")
    values = as_str_list(entry["values"], f"{field}.values") if "values" in entry else ()
    for index, value_id in enumerate(values):
        if value_id not in context.value_ids:
            raise FieldError(f"{field}.values[{index}]", f"unknown value {value_id!r}")
    if kind.needs_values and not values:
        raise FieldError(f"{field}.values", f"a {type_name} question must name its value(s)")
    guidance = entry.get("guidance")
    extra = {
        key: KEY_PARSERS[key](entry[key], f"{field}.{key}", context)
        for key in sorted(kind.required | kind.optional)
        if key in entry
    }
    return Question(
        id=as_id(entry["id"], f"{field}.id"),
        urn=as_urn(entry["urn"], f"{field}.urn", urns),
        section=section,
        type=type_name,
        text=as_text(entry["text"], f"{field}.text"),
        guidance=None if guidance is None else as_text(guidance, f"{field}.guidance"),
        values=values,
        **extra,
    )


def parse_questions(
    raw: object, sections: tuple[Section, ...], context: SetContext, urns: dict[str, str]
) -> tuple[Question, ...]:
    """All questions in order; ids and URNs unique, every reference resolved."""
    section_ids = {section.id for section in sections}
    ids: dict[str, str] = {}
    questions = []
    for index, entry in enumerate(as_tables(raw, "questions")):
        field = f"questions[{index}]"
        question = _question(entry, field, section_ids, context, urns)
        claim(ids, question.id, f"{field}.id", "question id")
        questions.append(question)
    return tuple(questions)
