"""The review request form, built from the request vocabulary so form and screening never differ.

Choice lists and yes/no questions come from ``dpia_templates/vocabulary.toml``; the labels
follow the reader's language. Saving a draft checks only what was typed; submitting also
checks that the facts the committee needs are there.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from dpia_templates import load_vocabulary
from ethicsdesk.core.forms import CheckboxListField, select_choices, strip_filter
from ethicsdesk.core.i18n import Localized

YES, NO = "yes", "no"
NOT_ANSWERED = ""
LONG_TEXT = Length(max=5000)
COUNT = NumberRange(min=0, max=1_000_000)
VOCABULARY = load_vocabulary()


def _choices(list_name: str, blank: Any = None) -> list[Any]:
    """Vocabulary codes as form choices, optionally led by a "not answered" choice."""
    pairs = [(code.code, Localized(code.label)) for code in VOCABULARY.lists[list_name].codes]
    if blank is not None:
        pairs.insert(0, (NOT_ANSWERED, blank))
    return select_choices(pairs)


def _list_field(name: str, **kwargs: Any) -> Any:
    """A vocabulary list as checkboxes (multiple) or radio buttons (one answer)."""
    code_list = VOCABULARY.lists[name]
    label = Localized(code_list.label)
    if code_list.multiple:
        return CheckboxListField(label, choices=_choices(name), **kwargs)
    return RadioField(
        label, choices=_choices(name, _l("Not known yet")), default=NOT_ANSWERED, **kwargs
    )


def _fact_field(name: str) -> RadioField:
    """A yes/no question with an honest third answer: not known yet."""
    choices = [(YES, _l("Yes")), (NO, _l("No")), (NOT_ANSWERED, _l("Not known yet"))]
    return RadioField(
        Localized(VOCABULARY.facts[name].label),
        choices=select_choices(choices),
        default=NOT_ANSWERED,
        validators=[Optional()],
    )


def _category_choices() -> list[Any]:
    pairs = [(c.id, Localized(c.name)) for c in VOCABULARY.categories]
    return select_choices([(NOT_ANSWERED, _l("Choose a category")), *pairs])


class ReviewRequestForm(FlaskForm):
    """Everything procurement tells the committee about a technology."""

    title = StringField(
        _l("Technology (product name)"),
        validators=[DataRequired(), Length(max=200)],
        filters=[strip_filter],
    )
    vendor = StringField(
        _l("Vendor"), validators=[DataRequired(), Length(max=200)], filters=[strip_filter]
    )
    product_url = StringField(
        _l("Product website"),
        validators=[
            Optional(),
            Length(max=500),
            URL(message=_l("Enter a web address (https://…).")),
        ],
        filters=[strip_filter],
    )
    category = SelectField(_l("Kind of technology"), choices=_category_choices(), default="")
    purpose = TextAreaField(
        _l("Purpose: what should the technology do, and for whom?"),
        validators=[DataRequired(), Length(min=10, max=5000)],
        filters=[strip_filter],
    )
    educational_rationale = TextAreaField(
        _l("Educational rationale"), validators=[LONG_TEXT], filters=[strip_filter]
    )
    alternatives = TextAreaField(
        _l("Alternatives considered"), validators=[LONG_TEXT], filters=[strip_filter]
    )
    schools = CheckboxListField(_l("Schools involved"), coerce=int, choices=[])
    pupil_count = IntegerField(
        Localized(VOCABULARY.numbers["pupil_count"].label), validators=[Optional(), COUNT]
    )
    staff_count = IntegerField(
        Localized(VOCABULARY.numbers["staff_count"].label), validators=[Optional(), COUNT]
    )
    age_groups = _list_field("age_groups")
    data_subjects = _list_field("data_subjects")
    data_categories = _list_field("data_categories")
    ai_features = _list_field("ai_features")
    ai_uses = _list_field("ai_uses")
    hosting = _list_field("hosting", validators=[Optional()])
    transfers_outside_eea = _fact_field("transfers_outside_eea")
    transfer_mechanism = _list_field("transfer_mechanism", validators=[Optional()])
    processor_agreement = _list_field("processor_agreement", validators=[Optional()])
    privacy_covenant = _fact_field("privacy_covenant")
    combines_data_sources = _fact_field("combines_data_sources")
    shares_with_partners = _fact_field("shares_with_partners")
    monitors_behaviour = _fact_field("monitors_behaviour")
    monitors_public_area = _fact_field("monitors_public_area")
    connected_devices = _fact_field("connected_devices")
    aimed_at_minors = _fact_field("aimed_at_minors")
    can_exclude_from_service = _fact_field("can_exclude_from_service")
    open_standards = TextAreaField(
        _l("Open standards and interoperability"), validators=[LONG_TEXT], filters=[strip_filter]
    )
    data_portability = TextAreaField(
        _l("Data portability: how do we get our data back?"),
        validators=[LONG_TEXT],
        filters=[strip_filter],
    )
    exit_plan = TextAreaField(_l("Exit plan"), validators=[LONG_TEXT], filters=[strip_filter])
    sustainability = TextAreaField(
        _l("Sustainability (energy, devices, hosting)"),
        validators=[LONG_TEXT],
        filters=[strip_filter],
    )
    desired_decision_date = DateField(_l("Desired decision date"), validators=[Optional()])
    save = SubmitField(_l("Save as draft"))
    submit = SubmitField(_l("Submit to the committee"))

    def __init__(self, *args: Any, schools: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.schools.choices = select_choices((school.id, school.name) for school in schools)

    @property
    def submitting(self) -> bool:
        """Whether the user pressed "submit" rather than "save as draft"."""
        return bool(self.submit.data)

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the cross-field facts; on submission also completeness."""
        valid = super().validate(extra_validators)
        self._check_consistency()
        if self.submitting:
            self._check_complete()
        return valid and not any(field.errors for field in self)

    def _require(self, field: Any, message: Any) -> None:
        if not field.data and field.data != 0 and not field.errors:
            field.errors.append(message)

    def _check_consistency(self) -> None:
        """Answers that contradict each other are refused even in a draft."""
        subjects = self.data_subjects.data or []
        if "pupils" in subjects and self.pupil_count.data == 0:
            self.pupil_count.errors.append(
                _l("You said pupils' data are processed; how many pupils are involved?")
            )
        if "staff" in subjects and self.staff_count.data == 0:
            self.staff_count.errors.append(
                _l("You said staff data are processed; how many staff are involved?")
            )
        if (
            self.hosting.data in ("netherlands", "eea")
            and self.transfer_mechanism.data
            in (
                "scc",
                "adequacy",
            )
            and self.transfers_outside_eea.data == NO
        ):
            self.transfer_mechanism.errors.append(
                _l("A transfer mechanism is only needed when data leave the EEA.")
            )

    def _check_complete(self) -> None:
        """The facts without which the committee cannot start."""
        required = _l("Needed before you can submit.")
        for field in (self.category, self.educational_rationale, self.schools, self.data_subjects):
            self._require(field, required)
        for field in (self.hosting, self.processor_agreement):
            self._require(field, required)
        subjects = self.data_subjects.data or []
        if "pupils" in subjects:
            if not self.pupil_count.data:
                self._require(self.pupil_count, _l("How many pupils are involved?"))
            self._require(self.age_groups, required)
        if self.hosting.data == "outside_eea" or self.transfers_outside_eea.data == YES:
            self._require(self.transfer_mechanism, _l("Data leave the EEA: on which basis?"))
        decision_date = self.desired_decision_date.data
        if decision_date is None:
            self._require(self.desired_decision_date, required)
        elif decision_date < date.today():  # noqa: DTZ011 - a calendar date in the user's zone
            self.desired_decision_date.errors.append(_l("Choose a date from today on."))


# Sections of the form page, in order; the template loops over these.
SECTIONS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (_l("The technology"), ("title", "vendor", "product_url", "category")),
    (_l("Purpose and use"), ("purpose", "educational_rationale", "alternatives")),
    (_l("Who is involved"), ("schools", "pupil_count", "staff_count", "age_groups",
                             "data_subjects", "aimed_at_minors")),
    (_l("Personal data"), ("data_categories", "combines_data_sources", "shares_with_partners",
                           "monitors_behaviour", "monitors_public_area", "connected_devices")),
    (_l("Artificial intelligence"), ("ai_features", "ai_uses", "can_exclude_from_service")),
    (_l("Hosting and contract"), ("hosting", "transfers_outside_eea", "transfer_mechanism",
                                  "processor_agreement", "privacy_covenant")),
    (_l("Openness, exit and sustainability"), ("open_standards", "data_portability", "exit_plan",
                                               "sustainability")),
    (_l("Planning"), ("desired_decision_date",)),
)  # fmt: skip

ANSWER_FIELDS = (
    "product_url", "educational_rationale", "alternatives", "pupil_count", "staff_count",
    "age_groups", "data_subjects", "data_categories", "ai_features", "ai_uses", "hosting",
    "transfer_mechanism", "processor_agreement", "open_standards", "data_portability",
    "exit_plan", "sustainability",
)  # fmt: skip
FACT_FIELDS = tuple(VOCABULARY.facts)


def answers_from_form(form: ReviewRequestForm) -> dict[str, Any]:
    """The form's answers in the request format; unanswered questions are left out."""
    answers: dict[str, Any] = {}
    for name in ANSWER_FIELDS:
        value = form[name].data
        if value in (None, "", []):
            continue
        answers[name] = value
    for name in FACT_FIELDS:
        if form[name].data in (YES, NO):
            answers[name] = form[name].data == YES
    return answers


def form_data_from_case(case: Any) -> dict[str, Any]:
    """Pre-fill the form from a stored case."""
    data: dict[str, Any] = {
        "title": case.title,
        "vendor": case.vendor,
        "purpose": case.purpose,
        "category": case.category or NOT_ANSWERED,
        "desired_decision_date": case.desired_decision_date,
        "schools": [school.id for school in case.schools],
    }
    for name in ANSWER_FIELDS:
        if name in case.answers:
            data[name] = case.answers[name]
    for name in FACT_FIELDS:
        if name in case.answers:
            data[name] = YES if case.answers[name] else NO
    return data
