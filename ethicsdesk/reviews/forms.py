"""Small forms on the case page: workflow moves, overrides, messages, documents, filters."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ethicsdesk.core.forms import select_choices, strip_filter
from ethicsdesk.core.i18n import Localized
from ethicsdesk.reviews.models import STATUS_LABELS


class TransitionForm(FlaskForm):
    """One workflow move; the workflow itself decides whether a reason is needed."""

    transition = HiddenField(validators=[DataRequired()])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=5000)], filters=[strip_filter])


class OverrideForm(FlaskForm):
    """The committee replaces a screening conclusion and says why."""

    conclusion = SelectField(_l("Conclusion"), validators=[DataRequired()], choices=[])
    new_value = SelectField(_l("New value"), validators=[DataRequired()], choices=[])
    reason = TextAreaField(
        _l("Reason for the override"),
        validators=[DataRequired(), Length(min=10, max=5000)],
        filters=[strip_filter],
    )

    def __init__(self, *args: Any, conclusions: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.conclusion.choices = select_choices((c.key, Localized(c.title)) for c in conclusions)
        values: dict[str, Any] = {}
        for conclusion in conclusions:
            for code, label in conclusion.choices:
                values.setdefault(code, Localized(label))
        self.new_value.choices = select_choices(values.items())


class MessageForm(FlaskForm):
    """A question to the requester, or the requester's answer."""

    body = TextAreaField(
        _l("Message"), validators=[DataRequired(), Length(max=10000)], filters=[strip_filter]
    )


class AttachmentForm(FlaskForm):
    """One vendor document (PDF or office file)."""

    document = FileField(_l("Document (PDF or office file)"), validators=[FileRequired()])


SORTS = {
    "age": _l("Oldest first"),
    "decision_date": _l("Desired decision date"),
    "status": _l("Status"),
    "title": _l("Technology"),
}


class DashboardFilterForm(FlaskForm):
    """Filters of the committee dashboard, sent as a GET query (no CSRF needed)."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"),
        choices=select_choices([("", _l("All")), *STATUS_LABELS.items()]),
        validators=[Optional()],
        default="",
    )
    category = SelectField(_l("Kind of technology"), choices=[], validators=[Optional()])
    school = SelectField(_l("School"), choices=[], validators=[Optional()], default="")
    waiting = SelectField(
        _l("Waiting on requester"),
        choices=select_choices([("", _l("All")), ("yes", _l("Yes")), ("no", _l("No"))]),
        validators=[Optional()],
        default="",
    )
    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)], filters=[strip_filter])
    sort = SelectField(
        _l("Sort by"), choices=select_choices(SORTS.items()), default="age", validators=[Optional()]
    )

    def __init__(self, *args: Any, categories: Any = (), schools: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = select_choices(
            [("", _l("All")), *((c.id, Localized(c.name)) for c in categories)]
        )
        self.school.choices = select_choices(
            [("", _l("All")), *((str(s.id), s.name) for s in schools)]
        )
