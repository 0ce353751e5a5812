"""Forms for review requests."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ethicsdesk.core.forms import strip_filter


class ReviewRequestForm(FlaskForm):
    """The minimal facts the committee needs to pick up a request."""

    title = StringField(
        _l("Technology (product name)"),
        validators=[DataRequired(), Length(max=200)],
        filters=[strip_filter],
    )
    vendor = StringField(
        _l("Vendor"), validators=[DataRequired(), Length(max=200)], filters=[strip_filter]
    )
    purpose = TextAreaField(
        _l("Purpose: what should the technology do, and for whom?"),
        validators=[DataRequired(), Length(min=10, max=5000)],
        filters=[strip_filter],
    )
