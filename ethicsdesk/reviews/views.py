"""Routes for filing, following and queueing review requests."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ethicsdesk.core.permissions import Permission, authorize, requires
from ethicsdesk.reviews import operations, queries
from ethicsdesk.reviews.forms import ReviewRequestForm

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.CASE_CREATE)
def new_request() -> str | Response:
    form = ReviewRequestForm()
    if form.validate_on_submit():
        case = operations.submit_request(
            current_user, form.title.data, form.vendor.data, form.purpose.data
        )
        flash(_("Your request has been submitted to the ethics committee."), "success")
        return redirect(url_for("reviews.case_detail", case_id=case.id))
    return render_template("reviews/new_request.html", form=form)


@bp.route("/mine")
@requires(Permission.CASE_CREATE)
def my_requests() -> str:
    return render_template(
        "reviews/my_requests.html", cases=queries.cases_of_requester(current_user)
    )


@bp.route("/queue")
@requires(Permission.CASE_QUEUE)
def queue() -> str:
    return render_template("reviews/queue.html", cases=queries.queue())


@bp.route("/<int:case_id>")
@requires(Permission.CASE_VIEW)
def case_detail(case_id: int) -> str:
    case = queries.case_by_id(case_id) or abort(404)
    authorize(Permission.CASE_VIEW, case)
    return render_template("reviews/case_detail.html", case=case)
