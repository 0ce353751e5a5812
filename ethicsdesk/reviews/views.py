"""Routes for filing, following and handling review requests.

Each route: load → authorise → validate → call one operation → respond. A refused operation
answers 409 and invalid input 422, so the request hook rolls back whatever was attempted.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from dpia_templates import load_vocabulary
from ethicsdesk.attachments import operations as attachment_operations
from ethicsdesk.attachments.queries import attachment_of_case
from ethicsdesk.core.permissions import Permission, requires
from ethicsdesk.organisations.queries import schools_of
from ethicsdesk.reviews import operations, queries
from ethicsdesk.reviews.access import load_case
from ethicsdesk.reviews.forms import (
    AttachmentForm,
    DashboardFilterForm,
    MessageForm,
    OverrideForm,
    TransitionForm,
)
from ethicsdesk.reviews.models import ReviewCase
from ethicsdesk.reviews.operations import RequestData, WorkflowError
from ethicsdesk.reviews.page import case_page_context, status_change
from ethicsdesk.reviews.request_form import (
    SECTIONS,
    ReviewRequestForm,
    answers_from_form,
    form_data_from_case,
)
from ethicsdesk.reviews.screening import conclusions
from ethicsdesk.storage import current_storage

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


bp.add_app_template_global(status_change, "status_change")


def _load_case(case_id: int, permission: Permission = Permission.CASE_VIEW) -> ReviewCase:
    """The case as the request pages show it: its requester may open it while it is a draft."""
    return load_case(case_id, permission, owner_sees_draft=True)


def _request_data(form: ReviewRequestForm) -> RequestData:
    """The validated form as plain data for the operations."""
    chosen = set(form.schools.data or [])
    return RequestData(
        title=form.title.data,
        vendor=form.vendor.data,
        purpose=form.purpose.data,
        category=form.category.data or None,
        desired_decision_date=form.desired_decision_date.data,
        schools=[s for s in schools_of(current_user.organisation) if s.id in chosen],
        answers=answers_from_form(form),
    )


def _render_request_form(form: ReviewRequestForm, case: ReviewCase | None) -> tuple[str, int]:
    status = 422 if request.method == "POST" else 200
    html = render_template("reviews/request_form.html", form=form, case=case, sections=SECTIONS)
    return html, status


def _saved(case: ReviewCase, submitted: bool) -> Response:
    if submitted:
        flash(_("Your request has been submitted to the ethics committee."), "success")
    else:
        flash(_("Draft saved. You can complete and submit it later."), "success")
    return redirect(url_for("reviews.case_detail", case_id=case.id))


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.CASE_CREATE)
def new_request() -> tuple[str, int] | Response:
    form = ReviewRequestForm(schools=schools_of(current_user.organisation))
    if form.validate_on_submit():
        case = operations.save_request(
            None, current_user._get_current_object(), _request_data(form), form.submitting
        )
        return _saved(case, form.submitting)
    return _render_request_form(form, None)


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@requires(Permission.CASE_EDIT)
def edit_request(case_id: int) -> tuple[str, int] | Response:
    case = _load_case(case_id, Permission.CASE_EDIT)
    if case.status not in operations.EDITABLE:
        flash(_("This request can no longer be changed."), "error")
        return redirect(url_for("reviews.case_detail", case_id=case.id))
    schools = schools_of(current_user.organisation)
    if request.method == "POST":
        form = ReviewRequestForm(schools=schools)
    else:
        form = ReviewRequestForm(schools=schools, data=form_data_from_case(case))
    if form.validate_on_submit():
        try:
            operations.save_request(
                case, current_user._get_current_object(), _request_data(form), form.submitting
            )
        except WorkflowError as error:
            flash(str(error.message), "error")
            return _render_request_form(form, case)[0], 409
        return _saved(case, form.submitting)
    return _render_request_form(form, case)


@bp.route("/mine")
@requires(Permission.CASE_CREATE)
def my_requests() -> str:
    return render_template(
        "reviews/my_requests.html", cases=queries.cases_of_requester(current_user)
    )


@bp.route("/queue")
@requires(Permission.CASE_QUEUE)
def queue() -> str:
    schools = schools_of(current_user.organisation)
    form = DashboardFilterForm(
        request.args, categories=load_vocabulary().categories, schools=schools
    )
    filters = queries.DashboardFilters()
    if form.validate():
        filters = queries.DashboardFilters(
            status=form.status.data or "",
            category=form.category.data or "",
            school_id=int(form.school.data) if form.school.data else None,
            waiting=form.waiting.data or "",
            text=form.q.data or "",
            sort=form.sort.data or "age",
        )
    return render_template(
        "reviews/queue.html",
        form=form,
        cases=queries.dashboard(filters),
        counts=queries.status_counts(),
    )


@bp.route("/<int:case_id>")
@requires(Permission.CASE_VIEW)
def case_detail(case_id: int) -> str:
    case = _load_case(case_id)
    return render_template("reviews/case_detail.html", **case_page_context(case))


def _case_page_with(case: ReviewCase, status: int, **forms: Any) -> tuple[str, int]:
    """Show the case again with one form's errors beside its fields."""
    html = render_template("reviews/case_detail.html", **case_page_context(case, **forms))
    return html, status


@bp.route("/<int:case_id>/transition", methods=["POST"])
@requires(Permission.CASE_VIEW)
def transition(case_id: int) -> Response | tuple[str, int]:
    case = _load_case(case_id)
    if not operations.may_move(case, current_user):
        abort(403)  # a reader who may make no move at all (member, DPO, coordinator)
    form = TransitionForm()
    if not form.validate_on_submit():
        return _case_page_with(case, 422, failed_transition=form)
    try:
        operations.apply_transition(
            case, current_user._get_current_object(), form.transition.data, form.reason.data
        )
    except WorkflowError as error:
        form.reason.errors.append(str(error.message))
        flash(str(error.message), "error")
        return _case_page_with(case, 409, failed_transition=form)
    flash(_("Status changed to: %(status)s", status=case.status.label), "success")
    return redirect(url_for("reviews.case_detail", case_id=case.id))


@bp.route("/<int:case_id>/override", methods=["POST"])
@requires(Permission.SCREENING_OVERRIDE)
def override(case_id: int) -> Response | tuple[str, int]:
    case = _load_case(case_id, Permission.SCREENING_OVERRIDE)
    form = OverrideForm(conclusions=conclusions(case))
    if not form.validate_on_submit():
        return _case_page_with(case, 422, override_form=form)
    try:
        operations.override_conclusion(
            case,
            current_user._get_current_object(),
            form.conclusion.data,
            form.new_value.data,
            form.reason.data,
        )
    except WorkflowError as error:
        form.new_value.errors.append(str(error.message))
        return _case_page_with(case, 409, override_form=form)
    flash(_("The conclusion was overridden; the reason is shown with it."), "success")
    return redirect(url_for("reviews.case_detail", case_id=case.id, _anchor="screening"))


@bp.route("/<int:case_id>/messages", methods=["POST"])
@requires(Permission.CASE_DISCUSS)
def post_message(case_id: int) -> Response | tuple[str, int]:
    case = _load_case(case_id, Permission.CASE_DISCUSS)
    form = MessageForm()
    if not form.validate_on_submit():
        return _case_page_with(case, 422, message_form=form)
    try:
        operations.post_message(case, current_user._get_current_object(), form.body.data)
    except WorkflowError as error:
        form.body.errors.append(str(error.message))
        return _case_page_with(case, 409, message_form=form)
    flash(_("Your message has been sent."), "success")
    return redirect(url_for("reviews.case_detail", case_id=case.id, _anchor="clarification"))


@bp.route("/<int:case_id>/attachments", methods=["POST"])
@requires(Permission.CASE_DISCUSS)
def upload_attachment(case_id: int) -> Response | tuple[str, int]:
    case = _load_case(case_id, Permission.CASE_DISCUSS)
    form = AttachmentForm()
    if not form.validate_on_submit():
        return _case_page_with(case, 422, attachment_form=form)
    upload = form.document.data
    try:
        attachment_operations.add_attachment(
            case,
            current_user._get_current_object(),
            upload.stream,
            upload.filename or "",
            current_app.config["ATTACHMENT_MAX_BYTES"],
        )
    except WorkflowError as error:
        form.document.errors.append(str(error.message))
        return _case_page_with(case, 422, attachment_form=form)
    flash(_("The document was added."), "success")
    return redirect(url_for("reviews.case_detail", case_id=case.id, _anchor="documents"))


@bp.route("/<int:case_id>/attachments/<int:attachment_id>")
@requires(Permission.CASE_VIEW)
def download_attachment(case_id: int, attachment_id: int) -> Response:
    case = _load_case(case_id)
    attachment = attachment_of_case(case, attachment_id) or abort(404)
    response = current_app.response_class(
        current_storage().iter_chunks(attachment.storage_key), mimetype=attachment.content_type
    )
    response.headers["Content-Length"] = str(attachment.size)
    response.headers.set("Content-Disposition", "attachment", filename=attachment.filename)
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["Cache-Control"] = "private, no-store"
    return response
