"""Publishing, retracting and searching: all input validated here."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import Form, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ethicsdesk.advisories.models import OUTCOME_LABELS
from ethicsdesk.core.forms import select_choices, strip_filter
from ethicsdesk.publications.models import (
    ADHERENCE_LABELS,
    CONDITION_STATUS_LABELS,
    VISIBILITY_LABELS,
)


class PublishForm(FlaskForm):
    """Publishing is its own step after signing."""

    visibility = RadioField(
        _l("Visibility"),
        choices=select_choices((v.value, label) for v, label in VISIBILITY_LABELS.items()),
        validators=[DataRequired()],
    )


class RetractForm(FlaskForm):
    """A retraction always says why."""

    reason = TextAreaField(
        _l("Reason for the retraction"),
        validators=[DataRequired(), Length(max=2000)],
        filters=[strip_filter],
    )


class SearchForm(Form):
    """The catalogue's GET form; bad values are ignored, never an error page."""

    q = StringField(_l("Search"), filters=[lambda v: strip_filter((v or "")[:500])])
    outcome = SelectField(
        _l("Outcome"),
        choices=select_choices(
            [("", _l("Any outcome"))] + [(o.value, label) for o, label in OUTCOME_LABELS.items()]
        ),
        validators=[Optional()],
    )
    category = StringField(
        _l("Category"), validators=[Optional(), Length(max=40)], filters=[strip_filter]
    )
    vendor = StringField(
        _l("Vendor"), validators=[Optional(), Length(max=200)], filters=[strip_filter]
    )
    school = SelectField(_l("School"), choices=[], validators=[Optional()], default="")
    value = SelectField(_l("Value of concern"), choices=[], validators=[Optional()], default="")
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(2000, 2100)])
    validity = SelectField(
        _l("Validity"),
        choices=select_choices(
            [("", _l("All")), ("valid", _l("Valid")), ("due", _l("Due for re-evaluation"))]
        ),
        validators=[Optional()],
    )
    sort = SelectField(
        _l("Sort by"),
        choices=select_choices(
            [("newest", _l("Newest")), ("re_evaluation", _l("Re-evaluation date")),
             ("relevance", _l("Relevance"))]
        ),
        validators=[Optional()],
    )  # fmt: skip
    page = IntegerField(_l("Page"), validators=[Optional(), NumberRange(1, 10000)])

    def __init__(self, *args: Any, schools: Any = (), values: Any = (), **kwargs: Any) -> None:
        """Schools (id, name) and compass values (id, label) are the filters' choices."""
        super().__init__(*args, **kwargs)
        self.school.choices = select_choices(
            [("", _l("Any school")), *((str(i), name) for i, name in schools)]
        )
        self.value.choices = select_choices([("", _l("Any value")), *values])


class VerifyForm(FlaskForm):
    """One PDF to check; its real type is decided from the bytes, not the name."""

    document = FileField(_l("The advisory's PDF"), validators=[FileRequired()])


class AdherenceForm(FlaskForm):
    """Did the school follow the advice?"""

    adherence = RadioField(
        _l("Did the school follow the advice?"),
        choices=select_choices((a.value, label) for a, label in ADHERENCE_LABELS.items()),
        validators=[DataRequired()],
    )
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)], filters=[strip_filter])


class ConditionStatusForm(FlaskForm):
    """Was a condition of a signed advisory met?"""

    status = RadioField(
        _l("Status of the condition"),
        choices=select_choices((s.value, label) for s, label in CONDITION_STATUS_LABELS.items()),
        validators=[DataRequired(message=_l("Choose open, met or not met."))],
    )
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)], filters=[strip_filter])
