"""Forms for meetings: planning, attendance, positions, conflicts, dissent, decision, minutes."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ethicsdesk.core.forms import CheckboxListField, select_choices, strip_filter
from ethicsdesk.deliberation.models import POSITION_LABELS, Position

DECISIONS = {p: label for p, label in POSITION_LABELS.items() if p is not Position.ABSTAIN}


class MeetingForm(FlaskForm):
    """Plan a meeting and choose the cases on its agenda."""

    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=200)], filters=[strip_filter]
    )
    held_on = DateField(_l("Date"), validators=[DataRequired()])
    location = StringField(_l("Location"), validators=[Length(max=200)], filters=[strip_filter])
    quorum = IntegerField(
        _l("Quorum (voting members present)"),
        validators=[DataRequired(), NumberRange(min=1, max=50)],
        default=3,
    )
    cases = CheckboxListField(_l("Cases on the agenda"), coerce=int, choices=[])

    def __init__(self, *args: Any, cases: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cases.choices = select_choices((case.id, case.title) for case in cases)

    def validate_cases(self, field: Any) -> None:
        if not field.data:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("Choose at least one case in deliberation."))


class AttendanceForm(FlaskForm):
    """Who attended the meeting."""

    present = CheckboxListField(_l("Present"), coerce=int, choices=[])

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.present.choices = select_choices((user.id, user.name) for user in members)


class VoteForm(FlaskForm):
    """A member's position on a case; reasons are required when unfavourable."""

    position = RadioField(
        _l("Your position"), choices=select_choices(POSITION_LABELS.items()),
        validators=[DataRequired()],
    )  # fmt: skip
    reasons = TextAreaField(_l("Reasons"), validators=[Length(max=10000)], filters=[strip_filter])

    def validate_reasons(self, field: Any) -> None:
        if self.position.data == Position.UNFAVOURABLE.value and not field.data:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("An unfavourable position needs reasons."))


class ConflictForm(FlaskForm):
    """Declare a conflict of interest for one case."""

    note = TextAreaField(
        _l("Conflict of interest"),
        validators=[DataRequired(), Length(max=2000)],
        filters=[strip_filter],
    )


class MinorityOpinionForm(FlaskForm):
    """A minority opinion in the member's own words."""

    text = TextAreaField(
        _l("Minority opinion"),
        validators=[DataRequired(), Length(max=10000)],
        filters=[strip_filter],
    )


class DecisionForm(FlaskForm):
    """The committee's decision on a case, recorded by the chair or secretary."""

    outcome = RadioField(
        _l("Decision of the committee"), choices=select_choices(DECISIONS.items()),
        validators=[DataRequired()],
    )  # fmt: skip


class MinutesForm(FlaskForm):
    """The minutes of the meeting in Markdown."""

    minutes = TextAreaField(_l("Minutes (Markdown)"), validators=[Optional(), Length(max=100000)])
