"""Routes for drafting, signing and downloading advisories.

Each route: load → authorise → validate → call one operation → respond.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ethicsdesk.advisories import operations, queries
from ethicsdesk.advisories.forms import AdvisoryForm, SignForm
from ethicsdesk.advisories.models import Advisory, AdvisoryStatus
from ethicsdesk.advisories.page import advisory_context, draft_data, form_input
from ethicsdesk.core.permissions import Permission, requires
from ethicsdesk.reviews.access import load_case
from ethicsdesk.reviews.models import ReviewCase
from ethicsdesk.reviews.operations import WorkflowError

bp = Blueprint("advisories", __name__, url_prefix="/reviews/<int:case_id>/advisory")


def _actor() -> Any:
    return current_user._get_current_object()


def _case(case_id: int, permission: Permission = Permission.CASE_VIEW) -> ReviewCase:
    return load_case(case_id, permission)


def _advisory(case: ReviewCase, advisory_id: int) -> Advisory:
    advisory = queries.advisory_of_case(case, advisory_id) or abort(404)
    if advisory.status is AdvisoryStatus.DRAFT and case.is_owned_by(current_user):
        abort(404)  # the requester sees the advisory once it is frozen
    return advisory


def _show(case: ReviewCase, advisory: Advisory) -> Response:
    return redirect(url_for("advisories.detail", case_id=case.id, advisory_id=advisory.id))


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.CASE_MANAGE)
def new(case_id: int) -> Any:
    case = _case(case_id, Permission.CASE_MANAGE)
    item = queries.decided_item(case)
    form = AdvisoryForm(data=draft_data(case, item)) if request.method == "GET" else AdvisoryForm()
    if form.validate_on_submit():
        try:
            advisory = operations.create_draft(case, _actor(), form_input(form), item)
        except WorkflowError as error:
            flash(str(error.message), "error")
            return render_template("advisories/edit.html", case=case, form=form), 409
        flash(_("The draft advisory was saved."), "success")
        return _show(case, advisory)
    status = 422 if request.method == "POST" else 200
    return render_template("advisories/edit.html", case=case, form=form), status


@bp.route("/<int:advisory_id>/edit", methods=["GET", "POST"])
@requires(Permission.CASE_MANAGE)
def edit(case_id: int, advisory_id: int) -> Any:
    case = _case(case_id, Permission.CASE_MANAGE)
    advisory = _advisory(case, advisory_id)
    if advisory.status is not AdvisoryStatus.DRAFT:
        flash(_("A signed advisory cannot be changed; make a new version."), "error")
        return _show(case, advisory), 403
    form = AdvisoryForm(obj=advisory) if request.method == "GET" else AdvisoryForm()
    if form.validate_on_submit():
        operations.update_draft(advisory, form_input(form))
        flash(_("The draft advisory was saved."), "success")
        return _show(case, advisory)
    status = 422 if request.method == "POST" else 200
    return render_template("advisories/edit.html", case=case, form=form, advisory=advisory), status


@bp.route("/<int:advisory_id>/freeze", methods=["POST"])
@requires(Permission.CASE_MANAGE)
def freeze(case_id: int, advisory_id: int) -> Any:
    case = _case(case_id, Permission.CASE_MANAGE)
    advisory = _advisory(case, advisory_id)
    try:
        operations.freeze_for_signing(advisory, _actor())
    except WorkflowError as error:
        flash(str(error.message), "error")
        return render_template("advisories/detail.html", **advisory_context(case, advisory)), 409
    flash(_("The advisory is ready for signing; its text can no longer change."), "success")
    return _show(case, advisory)


@bp.route("/<int:advisory_id>")
@requires(Permission.CASE_VIEW)
def detail(case_id: int, advisory_id: int) -> str:
    case = _case(case_id)
    return render_template(
        "advisories/detail.html", **advisory_context(case, _advisory(case, advisory_id))
    )


@bp.route("/<int:advisory_id>/sign", methods=["POST"])
@requires(Permission.CASE_MANAGE)
def sign(case_id: int, advisory_id: int) -> Any:
    case = _case(case_id, Permission.CASE_MANAGE)
    advisory = _advisory(case, advisory_id)
    form = SignForm(user=_actor())
    if not form.validate_on_submit():
        html = render_template("advisories/detail.html", **advisory_context(case, advisory, form))
        return html, 422
    try:
        operations.sign(advisory, _actor())
    except WorkflowError as error:
        form.password.errors.append(str(error.message))
        html = render_template("advisories/detail.html", **advisory_context(case, advisory, form))
        return html, 409
    flash(_("Your signature was added."), "success")
    return _show(case, advisory)


@bp.route("/<int:advisory_id>/pdf")
@requires(Permission.CASE_VIEW)
def pdf(case_id: int, advisory_id: int) -> Response:
    case = _case(case_id)
    advisory = _advisory(case, advisory_id)
    data = operations.pdf_bytes(advisory)
    if data is None:
        abort(404)
    response = current_app.response_class(data, mimetype="application/pdf")
    name = f"{advisory.number}-v{advisory.version}.pdf"
    response.headers.set("Content-Disposition", "attachment", filename=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
