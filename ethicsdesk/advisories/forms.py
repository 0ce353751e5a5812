"""Forms for drafting and signing an advisory."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ethicsdesk.advisories.models import OUTCOME_LABELS, Outcome
from ethicsdesk.auth.passwords import verify_password
from ethicsdesk.core.forms import select_choices, strip_filter
from ethicsdesk.core.i18n import LANGUAGE_NAMES

CONDITION_ROWS = 5


class ConditionForm(Form):
    """One condition; an empty row is ignored."""

    text = TextAreaField(_l("Condition"), validators=[Length(max=5000)], filters=[strip_filter])
    owner = StringField(_l("Owner"), validators=[Length(max=200)], filters=[strip_filter])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    how_checked = TextAreaField(
        _l("How it is checked"), validators=[Length(max=2000)], filters=[strip_filter]
    )


class AdvisoryForm(FlaskForm):
    """The advisory text: outcome, reasons, conditions, re-evaluation date, public summary."""

    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=300)], filters=[strip_filter]
    )
    lang = SelectField(
        _l("Language of the advisory"), choices=select_choices(LANGUAGE_NAMES.items())
    )
    outcome = SelectField(
        _l("Outcome"),
        choices=select_choices((o.value, label) for o, label in OUTCOME_LABELS.items()),
    )
    reasons = TextAreaField(
        _l("Reasons (Markdown)"),
        validators=[DataRequired(), Length(max=50000)],
        filters=[strip_filter],
    )
    public_summary = TextAreaField(
        _l("Short public summary (Markdown)"),
        validators=[DataRequired(), Length(max=5000)],
        filters=[strip_filter],
    )
    re_evaluation_date = DateField(_l("Re-evaluation date"), validators=[Optional()])
    conditions = FieldList(FormField(ConditionForm), min_entries=CONDITION_ROWS)

    def validate_outcome(self, field: Any) -> None:
        filled = [c for c in self.conditions.data if c["text"]]
        if field.data == Outcome.FAVOURABLE_WITH_CONDITIONS.value and not filled:
            raise ValidationError(_l("A favourable advisory with conditions needs conditions."))

    def validate_re_evaluation_date(self, field: Any) -> None:
        favourable = self.outcome.data in (
            Outcome.FAVOURABLE.value,
            Outcome.FAVOURABLE_WITH_CONDITIONS.value,
        )
        if favourable and field.data is None:
            raise ValidationError(_l("An approval expires: give a re-evaluation date."))


class SignForm(FlaskForm):
    """Re-entering the password proves it is really the signer at the keyboard."""

    password = PasswordField(
        _l("Your password"), validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )  # fmt: skip
    confirm = BooleanField(
        _l("I have read the advisory and sign it on behalf of the committee."),
        validators=[DataRequired()],
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_password(self, field: Any) -> None:
        if self.user is None or not verify_password(self.user.password_hash, field.data or ""):
            raise ValidationError(_l("This is not your current password."))
