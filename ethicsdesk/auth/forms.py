"""Forms for signing in, the user's own settings and user administration."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from ethicsdesk.auth.passwords import MAX_LENGTH, policy_errors, verify_password
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.core.forms import CheckboxListField, select_choices, strip_filter
from ethicsdesk.core.i18n import LANGUAGE_NAMES
from ethicsdesk.core.permissions import Role

ROLE_LABELS = {
    Role.REQUESTER: _l("Requester (procurement)"),
    Role.MEMBER: _l("Committee member"),
    Role.SECRETARY: _l("Secretary"),
    Role.CHAIR: _l("Chair"),
    Role.DPO: _l("Data protection officer"),
    Role.COORDINATOR: _l("Digital coordinator (reads all)"),
    Role.ADMIN: _l("Administrator"),
}
LANGUAGE_CHOICES = select_choices(LANGUAGE_NAMES.items())


def role_names(user: Any) -> str:
    """The user's roles as readers see them; no role means plain staff."""
    return ", ".join(str(ROLE_LABELS[role]) for role in sorted(user.roles)) or str(_l("Staff"))


class LoginForm(FlaskForm):
    """Sign in with e-mail address and password."""

    email = StringField(
        _l("E-mail address"),
        validators=[DataRequired(), Length(max=254)],
        filters=[strip_filter],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class NewPasswordMixin:
    """A new password typed twice and checked against the policy."""

    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )

    def validate_new_password(self, field: Any) -> None:
        errors = policy_errors(field.data or "", self.policy_email())
        if errors:
            raise ValidationError(" ".join(errors))

    def policy_email(self) -> str | None:
        return None


class PasswordChangeForm(NewPasswordMixin, FlaskForm):
    """Change one's own password; the current one proves it is really them."""

    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_current_password(self, field: Any) -> None:
        if not verify_password(self.user.password_hash, field.data or ""):
            raise ValidationError(_l("This is not your current password."))

    def validate_new_password(self, field: Any) -> None:
        super().validate_new_password(field)
        if field.data and verify_password(self.user.password_hash, field.data):
            raise ValidationError(_l("Choose a password different from the current one."))

    def policy_email(self) -> str | None:
        return self.user.email


class LanguageForm(FlaskForm):
    """Pick the interface language; stored on the account when signed in."""

    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, validators=[InputRequired()])
    next = StringField()


class UserRolesForm(FlaskForm):
    """Roles and status of an existing account."""

    roles = CheckboxListField(
        _l("Roles"),
        choices=select_choices((role.value, label) for role, label in ROLE_LABELS.items()),
    )
    active = BooleanField(_l("Account active"))

    def __init__(self, *args: Any, acting_user: Any = None, user: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        self.user = user

    def editing_self(self) -> bool:
        return self.user is not None and self.user == self.acting_user

    def validate_roles(self, field: Any) -> None:
        if self.editing_self() and Role.ADMIN.value not in (field.data or []):
            raise ValidationError(_l("You cannot remove your own administrator role."))

    def validate_active(self, field: Any) -> None:
        if self.editing_self() and not field.data:
            raise ValidationError(_l("You cannot block your own account."))


class UserCreateForm(NewPasswordMixin, UserRolesForm):
    """Create a staff account from the administration page."""

    name = StringField(
        _l("Full name"), validators=[DataRequired(), Length(max=200)], filters=[strip_filter]
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(),
            Length(max=254),
            Email(check_deliverability=False, message=_l("Enter a valid e-mail address.")),
        ],
        filters=[strip_filter],
    )
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="nl")

    def validate_email(self, field: Any) -> None:
        if field.data and user_by_email(field.data) is not None:
            raise ValidationError(_l("An account with this e-mail address already exists."))

    def policy_email(self) -> str | None:
        return self.email.data
