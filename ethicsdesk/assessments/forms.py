"""The compass questionnaire: one form per section, generated from the question set.

Every answer item (a question, or a question about one stakeholder or value) gets a value
field, and where the type asks for them a likelihood and a note (the member's rationale).
Input is checked against the set's scales here, with messages beside the field in the
reader's language, and then by the library's own `validate_answers` as the final gate.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from compass import (
    NO_TARGET,
    UNKNOWN,
    QuestionSet,
    answers_from_plain,
    available_sets,
    load_question_set,
    validate_answers,
)
from compass.model import Question, Scale
from compass.question_types import answer_targets
from ethicsdesk.core.forms import CheckboxListField, select_choices, strip_filter

TEXT_TYPES = frozenset({"open_text", "option"})
NOTE_TYPES = frozenset({"stakeholder_effect", "scale", "value_rating", "choice"})
WHOLE_NUMBER = re.compile(r"-?\d{1,4}")
NOT_ANSWERED = ""

EFFECT_INVALID = _l("Choose one of the effects in the list.")
POINT_INVALID = _l("Choose one of the answers in the list.")
LIKELIHOOD_INVALID = _l("Choose one of the likelihoods in the list.")
OPTION_INVALID = _l("Choose one of the options.")
NOTE_REQUIRED = _l("Explain why: a reason is required for every effect that is not neutral.")
VALUE_MISSING = _l("Choose an answer first; a likelihood or a reason needs one.")
DOES_NOT_FIT = _l("This answer does not fit the question.")


def field_name(question: Question, target: str | None, part: str) -> str:
    """The form field of one part (value, likelihood, note) of one answer item."""
    return "-".join(piece for piece in (question.id, target, part) if piece)


def section_questions(question_set: QuestionSet, section_id: str) -> list[Question]:
    """The questions of one section, in the set's order."""
    return [question for question in question_set.questions if question.section == section_id]


def parse_point(raw: Any) -> int | str | None:
    """A posted scale point: a whole number, a special point's name, or None when blank."""
    if raw is None or raw == NOT_ANSWERED:
        return None
    text = str(raw).strip()
    return int(text) if WHOLE_NUMBER.fullmatch(text) else text


def _scale_select(label: str, scale: Scale, lang: str) -> SelectField:
    """A scale as a drop-down (compact in a table row), led by 'not answered'."""
    pairs = [(NOT_ANSWERED, _("Not answered")), *((str(p.value), p.label.get(lang))
                                                  for p in scale.points)]  # fmt: skip
    return SelectField(label, choices=select_choices(pairs), default="", validate_choice=False)


def _note(label: str) -> TextAreaField:
    """A member's rationale: the reason the committee will want to hear."""
    return TextAreaField(label, validators=[Length(max=4000)], filters=[strip_filter])


def _subject(question_set: QuestionSet, question: Question, target: str | None, lang: str) -> str:
    """What an item is about, for its labels: 'Privacy — Pupils', a value, or the question."""
    values = ", ".join(question_set.value(v).name.get(lang) for v in question.values)
    if question.type == "stakeholder_effect" and target:
        stakeholder = question_set.stakeholder(target).name.get(lang)
        return f"{values or question.text.get(lang)} — {stakeholder}"
    if question.type == "value_rating" and target:
        return question_set.value(target).name.get(lang)
    return question.text.get(lang)


def _item_fields(
    question_set: QuestionSet, question: Question, target: str | None, lang: str
) -> dict[str, Field]:
    """The unbound fields of one answer item, keyed by part."""
    subject = _subject(question_set, question, target, lang)
    fields: dict[str, Any] = {}
    if question.type in TEXT_TYPES:
        fields["value"] = TextAreaField(
            subject, validators=[Length(max=10000)], filters=[strip_filter]
        )
    elif question.type == "choice":
        options = [(option.id, option.label.get(lang)) for option in question.options]
        if question.multiple:
            fields["value"] = CheckboxListField(
                subject, choices=select_choices(options), validate_choice=False
            )
        else:
            pairs = [*options, (UNKNOWN, _("Don't know (yet)")), (NOT_ANSWERED, _("Not answered"))]
            fields["value"] = RadioField(
                subject, choices=select_choices(pairs), default="", validate_choice=False
            )
    elif question.type == "stakeholder_effect":
        fields["value"] = _scale_select(_("Effect: %(subject)s", subject=subject),
                                        question.scale, lang)  # fmt: skip
        fields["likelihood"] = _scale_select(
            _("Likelihood: %(subject)s", subject=subject), question.likelihood_scale, lang
        )
        fields["note"] = _note(_("Reason: %(subject)s", subject=subject))
    else:  # scale, value_rating
        fields["value"] = _scale_select(subject, question.scale, lang)
    if question.type in NOTE_TYPES and "note" not in fields:
        about = _("Note on %(subject)s (optional)", subject=subject) if target else None
        fields["note"] = _note(about or _("Your note (optional)"))
    return fields


class ConfirmForm(FlaskForm):
    """A button that changes state (mark done, open the comparison): only the CSRF token."""


class StartForm(FlaskForm):
    """Start the case's compass with one of the question sets (the association's by default)."""

    question_set = RadioField(_l("Question set"), choices=[], validators=[DataRequired()])

    def __init__(self, *args: Any, lang: str = "nl", **kwargs: Any) -> None:
        """Offer every available set, titled in the reader's language, the default first."""
        super().__init__(*args, **kwargs)
        sets = [load_question_set(set_id) for set_id in available_sets()]
        self.question_set.choices = select_choices((qs.id, qs.title.get(lang)) for qs in sets)
        if not self.question_set.data and sets:
            self.question_set.data = sets[0].id


class CompassSectionForm(FlaskForm):
    """Base of the generated forms; `answers` holds the valid answers after validation."""

    question_set: QuestionSet
    section_id: str
    answers: dict[str, dict[str, Any]]
    save = SubmitField(_l("Save"))
    save_and_continue = SubmitField(_l("Save and go to the next part"))

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then each item against its scale and the library's own check."""
        valid = super().validate(extra_validators)
        self.answers = {}
        for question in section_questions(self.question_set, self.section_id):
            for target in answer_targets(question):
                entry = self._entry(question, target)
                if entry is not None:
                    self.answers.setdefault(question.urn, {})[target or NO_TARGET] = entry
        return valid and not any(field.errors for field in self)

    def part(self, question: Question, target: str | None, name: str) -> Field | None:
        """One part's field, or None when the item has no such part."""
        return self._fields.get(field_name(question, target, name))

    def _entry(self, question: Question, target: str | None) -> dict[str, Any] | None:
        """One item as the library's plain answer, or None when left blank (errors added)."""
        value_field = self[field_name(question, target, "value")]
        likelihood_field = self.part(question, target, "likelihood")
        note_field = self.part(question, target, "note")
        note = (note_field.data or "") if note_field else ""
        raw_likelihood = likelihood_field.data if likelihood_field else None
        if question.type in TEXT_TYPES:
            text = value_field.data or ""
            return {"value": text} if text else None
        value = self._value(question, value_field)
        if value is None:
            if parse_point(raw_likelihood) is not None or note:
                value_field.errors.append(VALUE_MISSING)
            return None
        entry: dict[str, Any] = {"value": value}
        likelihood = parse_point(raw_likelihood)
        if likelihood is not None and likelihood_field is not None:
            if question.likelihood_scale and question.likelihood_scale.accepts(likelihood):
                entry["likelihood"] = likelihood
            else:
                likelihood_field.errors.append(LIKELIHOOD_INVALID)
        counted = isinstance(value, int) and value != 0
        if question.requires_note and counted and not note and note_field is not None:
            note_field.errors.append(NOTE_REQUIRED)
        if note:
            entry["note"] = note
        if not any(f.errors for f in (value_field, likelihood_field, note_field) if f):
            plain = {"member": {question.urn: {target or NO_TARGET: entry}}}
            if validate_answers(self.question_set, answers_from_plain(plain)):
                value_field.errors.append(DOES_NOT_FIT)
        return entry

    @staticmethod
    def _value(question: Question, field: Field) -> Any:
        """The posted value checked against the question's scale or options (None: blank)."""
        if question.type == "choice":
            ids = {option.id for option in question.options}
            if question.multiple:
                chosen = [item for item in field.data or [] if item]
                if not chosen:
                    return None
                if len(set(chosen)) != len(chosen) or not set(chosen) <= ids:
                    field.errors.append(OPTION_INVALID)
                return chosen
            value = parse_point(field.data)
            if value is not None and value not in ids | {UNKNOWN}:
                field.errors.append(OPTION_INVALID)
            return value
        value = parse_point(field.data)
        if value is not None and not (question.scale and question.scale.accepts(value)):
            bipolar = question.scale is not None and question.scale.bipolar
            field.errors.append(EFFECT_INVALID if bipolar else POINT_INVALID)
        return value


def section_form_class(
    question_set: QuestionSet, section_id: str, lang: str
) -> type[CompassSectionForm]:
    """A form class for one section, with labels in the reader's language."""
    attributes: dict[str, Any] = {"question_set": question_set, "section_id": section_id}
    for question in section_questions(question_set, section_id):
        for target in answer_targets(question):
            for part, field in _item_fields(question_set, question, target, lang).items():
                attributes[field_name(question, target, part)] = field
    return type(f"CompassSection_{section_id}", (CompassSectionForm,), attributes)


def form_data(question_set: QuestionSet, section_id: str, stored: dict[str, Any]) -> dict[str, Any]:
    """Pre-fill a section form from the member's stored answers (resume where they left)."""
    data: dict[str, Any] = {}
    for question in section_questions(question_set, section_id):
        for target in answer_targets(question):
            entry = stored.get(question.urn, {}).get(target or NO_TARGET)
            if not entry:
                continue
            value = entry.get("value")
            if isinstance(value, list):
                data[field_name(question, target, "value")] = value
            elif value is not None:
                data[field_name(question, target, "value")] = str(value)
            if entry.get("likelihood") is not None:
                data[field_name(question, target, "likelihood")] = str(entry["likelihood"])
            if entry.get("note"):
                data[field_name(question, target, "note")] = entry["note"]
    return data
