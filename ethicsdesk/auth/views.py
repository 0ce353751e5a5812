"""Routes for signing in and out, the user's own settings and user administration."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from ethicsdesk.auth import operations, queries, sessions
from ethicsdesk.auth.forms import (
    LanguageForm,
    LoginForm,
    PasswordChangeForm,
    UserCreateForm,
    UserRolesForm,
    role_names,
)
from ethicsdesk.auth.models import User
from ethicsdesk.core.forms import safe_next_url
from ethicsdesk.core.i18n import SESSION_KEY
from ethicsdesk.core.permissions import Permission, public, requires
from ethicsdesk.organisations.queries import only_organisation

bp = Blueprint("auth", __name__)
# runs before the access check of every view (blueprints register before the app's hooks)
bp.before_app_request(sessions.enforce_session_lifetime)


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = operations.authenticate(
                form.email.data, form.password.data, request.remote_addr or "unknown"
            )
        except operations.LockedOutError:
            minutes = current_app.config["LOGIN_LOCKOUT_MINUTES"]
            form.password.errors.append(
                _("Too many failed attempts. Try again in %(minutes)d minutes.", minutes=minutes)
            )
            return render_template("auth/login.html", form=form), 429
        if user is not None:
            session.clear()  # a new session for the new identity: no fixation
            login_user(user)
            session.permanent = True
            sessions.mark_signed_in()
            g.pop("csrf_token", None)  # the sign-in form's token belongs to the old session
            generate_csrf()  # the new secret now, so the next page need not send the cookie again
            return redirect(safe_next_url(request.args.get("next")) or url_for("core.home"))
        form.password.errors.append(_("E-mail address or password is incorrect."))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@requires(Permission.ACCOUNT_MANAGE_OWN)
def logout() -> Response:
    logout_user()
    session.clear()
    flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@requires(Permission.ACCOUNT_MANAGE_OWN)
def account() -> str | Response:
    user = current_user._get_current_object()
    form = PasswordChangeForm(user)
    if form.validate_on_submit():
        operations.change_password(user, form.new_password.data)
        login_user(user)  # keep this session alive under the new token
        flash(_("Your password has been changed. Other sessions were signed out."), "success")
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form)


@bp.route("/language", methods=["GET", "POST"])
@public
def language() -> Response:
    # a visitor's form is a GET: it only changes their own session, so it needs no CSRF token
    visitor_form = request.method == "GET"
    form = LanguageForm(request.args, meta={"csrf": False}) if visitor_form else LanguageForm()
    if form.validate():
        session[SESSION_KEY] = form.locale.data
        if not visitor_form and current_user.is_authenticated:
            operations.set_locale(current_user, form.locale.data)
    return redirect(safe_next_url(form.next.data) or url_for("core.home"))


@bp.route("/admin/users", methods=["GET", "POST"])
@requires(Permission.USER_ADMIN)
def admin_users() -> str | Response:
    form = UserCreateForm(data={"active": True})
    if form.validate_on_submit():
        user = operations.create_user(
            only_organisation(),
            email=form.email.data,
            name=form.name.data,
            password=form.new_password.data,
            roles=form.roles.data,
            locale=form.locale.data,
        )
        flash(_("Account for %(name)s created.", name=user.name), "success")
        return redirect(url_for("auth.admin_users"))
    return render_template(
        "auth/admin_users.html", form=form, users=queries.all_users(), role_names=role_names
    )


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@requires(Permission.USER_ADMIN)
def admin_user(user_id: int) -> str | Response:
    user = queries.user_by_id(user_id) or abort(404)
    form = UserRolesForm(acting_user=current_user, user=user, data=_account_data(user))
    if form.validate_on_submit():
        operations.update_account(user, roles=form.roles.data, active=form.active.data)
        flash(_("Account of %(name)s updated.", name=user.name), "success")
        return redirect(url_for("auth.admin_users"))
    return render_template("auth/admin_user.html", form=form, user=user)


def _account_data(user: User) -> dict[str, object]:
    """Pre-fill the account form from the stored account."""
    return {"roles": sorted(role.value for role in user.roles), "active": user.active}
