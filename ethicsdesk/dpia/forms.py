"""DPIA forms: one generated form per template section, the risk and measure forms, opinions."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from dpia_templates.dpia.model import AnswerKind, DpiaTemplate, FearedEvent
from ethicsdesk.core.forms import CheckboxListField, select_choices, strip_filter
from ethicsdesk.core.i18n import Localized

LONG_TEXT = Length(max=20000)
LEVELS = select_choices(
    [(1, _l("1 — negligible")), (2, _l("2 — limited")), (3, _l("3 — significant")),
     (4, _l("4 — maximum"))]
)  # fmt: skip
OPTIONAL_LEVELS = select_choices([("", _l("Not rated yet")), *((c.value, c.label) for c in LEVELS)])
FEARED_EVENTS = {
    FearedEvent.ILLEGITIMATE_ACCESS.value: _l("Illegitimate access to data"),
    FearedEvent.UNWANTED_MODIFICATION.value: _l("Unwanted modification of data"),
    FearedEvent.DISAPPEARANCE.value: _l("Disappearance of data"),
    FearedEvent.OTHER.value: _l("Other harm to the people concerned"),
}
MEASURE_STATUSES = {
    "proposed": _l("Proposed"),
    "planned": _l("Planned"),
    "implemented": _l("Implemented"),
    "rejected": _l("Rejected"),
}
DPO_STATUSES = select_choices(
    [
        ("", _l("Not yet")),
        ("positive", _l("Positive")),
        ("conditional", _l("Positive with conditions")),
        ("negative", _l("Negative")),
    ]
)
YES_NO_UNKNOWN = select_choices([("", _l("Not yet")), ("yes", _l("Yes")), ("no", _l("No"))])


def answer_field_name(question_id: str) -> str:
    return f"answer__{question_id}"


def note_field_name(question_id: str) -> str:
    return f"note__{question_id}"


_FORM_CLASSES: dict[tuple[str, str, str], type[FlaskForm]] = {}


def section_form_class(template: DpiaTemplate, section_id: str) -> type[FlaskForm]:
    """A form class for one section of one template version (built once, then reused)."""
    key = (template.id, template.version, section_id)
    if key not in _FORM_CLASSES:
        _FORM_CLASSES[key] = _build_section_form(template, section_id)
    return _FORM_CLASSES[key]


def _build_section_form(template: DpiaTemplate, section_id: str) -> type[FlaskForm]:
    attributes: dict[str, Any] = {
        "version": HiddenField(validators=[InputRequired()]),
    }
    for question in template.section(section_id).questions:
        label = Localized(question.label)
        if question.kind is AnswerKind.CHOICE:
            choices = select_choices(
                [
                    ("", _l("Not answered")),
                    *((c.code, Localized(c.label)) for c in question.choices),
                ]
            )
            field: Any = RadioField(label, choices=choices, default="", validators=[Optional()])
        else:
            field = TextAreaField(label, validators=[LONG_TEXT], filters=[strip_filter])
        attributes[answer_field_name(question.id)] = field
        attributes[note_field_name(question.id)] = TextAreaField(
            _l("Note"), validators=[Length(max=5000)], filters=[strip_filter]
        )
    return type(f"Section{section_id}Form", (FlaskForm,), attributes)


class RiskForm(FlaskForm):
    """One risk of the register, before and after its measures."""

    title = StringField(
        _l("Risk"), validators=[DataRequired(), Length(max=300)], filters=[strip_filter]
    )
    description = TextAreaField(_l("Description"), validators=[LONG_TEXT], filters=[strip_filter])
    source = TextAreaField(
        _l("Source: who or what causes it"), validators=[LONG_TEXT], filters=[strip_filter]
    )
    affected = TextAreaField(_l("Affected people"), validators=[LONG_TEXT], filters=[strip_filter])
    feared_event = SelectField(
        _l("Feared event"), choices=select_choices(FEARED_EVENTS.items()), default="other"
    )
    likelihood = SelectField(_l("Likelihood"), choices=LEVELS, coerce=int, default=2)
    severity = SelectField(_l("Severity"), choices=LEVELS, coerce=int, default=2)
    residual_likelihood = SelectField(
        _l("Likelihood after the measures"), choices=OPTIONAL_LEVELS, default=""
    )
    residual_severity = SelectField(
        _l("Severity after the measures"), choices=OPTIONAL_LEVELS, default=""
    )
    measures = CheckboxListField(_l("Measures against this risk"), coerce=int, choices=[])

    def __init__(self, *args: Any, measures: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measures.choices = select_choices((m.id, m.title) for m in measures)

    def validate(self, extra_validators: Any = None) -> bool:
        """Residual ratings come as a pair, and measures cannot make a risk worse."""
        valid = super().validate(extra_validators)
        residual = (self.residual_likelihood.data, self.residual_severity.data)
        if any(residual) and not all(residual):
            self.residual_severity.errors.append(_l("Rate both likelihood and severity."))
            valid = False
        return valid


class MeasureForm(FlaskForm):
    """A measure with its owner and due date."""

    title = StringField(
        _l("Measure"), validators=[DataRequired(), Length(max=300)], filters=[strip_filter]
    )
    description = TextAreaField(_l("Description"), validators=[LONG_TEXT], filters=[strip_filter])
    owner = StringField(_l("Owner"), validators=[Length(max=200)], filters=[strip_filter])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(
        _l("Status"), choices=select_choices(MEASURE_STATUSES.items()), default="proposed"
    )


class OpinionsForm(FlaskForm):
    """The DPO's advice, the views of the people concerned, and the art. 36 judgement."""

    dpo_name = StringField(
        _l("Data protection officer"), validators=[Length(max=200)], filters=[strip_filter]
    )
    dpo_date = DateField(_l("Date of the advice"), validators=[Optional()])
    dpo_status = RadioField(
        _l("The advice"), choices=DPO_STATUSES, default="", validators=[Optional()]
    )
    dpo_opinion = TextAreaField(
        _l("Advice of the DPO"), validators=[LONG_TEXT], filters=[strip_filter]
    )
    subjects_sought = RadioField(
        _l("Were the views of the people concerned sought (art. 35(9))?"),
        choices=YES_NO_UNKNOWN, default="", validators=[Optional()],
    )  # fmt: skip
    subjects_names = StringField(
        _l("Who was asked"), validators=[Length(max=500)], filters=[strip_filter]
    )
    subjects_opinion = TextAreaField(
        _l("Their views"), validators=[LONG_TEXT], filters=[strip_filter]
    )
    subjects_reason_not_sought = TextAreaField(
        _l("Why their views were not sought"), validators=[LONG_TEXT], filters=[strip_filter]
    )
    consultation_needed = RadioField(
        _l("Committee's judgement on prior consultation"),
        choices=select_choices(
            [("", _l("Follow the computed conclusion")), ("yes", _l("Consult the AP")),
             ("no", _l("No consultation needed"))]
        ),
        default="", validators=[Optional()],
    )  # fmt: skip
    consultation_motivation = TextAreaField(
        _l("Reason for departing from the computed conclusion"),
        validators=[Length(max=5000)], filters=[strip_filter],
    )  # fmt: skip

    def validate(self, extra_validators: Any = None) -> bool:
        """A departure from the computed art. 36 conclusion must say why; so must not asking."""
        valid = super().validate(extra_validators)
        if self.consultation_needed.data and not self.consultation_motivation.data:
            self.consultation_motivation.errors.append(_l("Give a reason for this step."))
            valid = False
        if self.subjects_sought.data == "no" and not self.subjects_reason_not_sought.data:
            self.subjects_reason_not_sought.errors.append(_l("Say why the views were not sought."))
            valid = False
        return valid


def template_title(template: DpiaTemplate) -> Localized:
    return Localized(template.title)
