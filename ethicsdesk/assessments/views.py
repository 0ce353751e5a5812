"""Routes of the ethical compass: overview, questionnaire, comparison, graph download, portfolio.

Each route: load → authorise → validate → call one operation → respond. A refused operation
answers 409 and invalid input 422, so the request hook rolls back whatever was attempted.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from compass import load_question_set
from compass.graph import graph_to_json
from ethicsdesk.assessments import operations, queries
from ethicsdesk.assessments.comparison import comparison_context
from ethicsdesk.assessments.forms import (
    CompassSectionForm,
    ConfirmForm,
    StartForm,
    form_data,
    section_form_class,
    section_questions,
)
from ethicsdesk.assessments.graph import aggregation_of, value_graph
from ethicsdesk.assessments.models import AssessmentRound, RoundState
from ethicsdesk.assessments.operations import ANSWERABLE, CompassError
from ethicsdesk.assessments.page import (
    overview_context,
    question_set_of,
    section_context,
)
from ethicsdesk.assessments.portfolio import portfolio_context
from ethicsdesk.core.i18n import current_language
from ethicsdesk.core.permissions import Permission, requires
from ethicsdesk.reviews.access import load_case
from ethicsdesk.reviews.models import ReviewCase

bp = Blueprint("assessments", __name__)
CASE_PREFIX = "/reviews/<int:case_id>/compass"


def _load_case(case_id: int, permission: Permission) -> ReviewCase:
    """The case; 404 when it does not exist, is a draft or is hidden, 403 without permission."""
    return load_case(case_id, permission)


def _load_round(case: ReviewCase) -> AssessmentRound:
    """The case's round; 404 while the compass has not been started."""
    return queries.round_of_case(case) or abort(404)


def _actor() -> Any:
    """The signed-in user as a model object, for the operations."""
    return current_user._get_current_object()


def _overview(
    case: ReviewCase, status: int, start_form: StartForm | None = None
) -> tuple[str, int]:
    """The compass page of the case, again with a refusal or a form's errors."""
    lang = current_language()
    context = overview_context(case, queries.round_of_case(case), lang)
    context["start_form"] = start_form or StartForm(formdata=None, lang=lang)
    return render_template("assessments/overview.html", **context), status


@bp.route(f"{CASE_PREFIX}/")
@requires(Permission.COMPASS_VIEW)
def overview(case_id: int) -> tuple[str, int]:
    return _overview(_load_case(case_id, Permission.COMPASS_VIEW), 200)


@bp.route(f"{CASE_PREFIX}/start", methods=["POST"])
@requires(Permission.COMPASS_ANSWER)
def start(case_id: int) -> Response | tuple[str, int]:
    case = _load_case(case_id, Permission.COMPASS_ANSWER)
    form = StartForm(lang=current_language())
    if not form.validate_on_submit():
        return _overview(case, 422, form)
    try:
        round_ = operations.start_round(case, _actor(), load_question_set(form.question_set.data))
    except CompassError as error:
        flash(str(error.message), "error")
        return _overview(case, 409, form)
    first = question_set_of(round_).sections[0].id
    return redirect(url_for("assessments.answer_section", case_id=case.id, section_id=first))


def _section_page(
    case: ReviewCase, round_: AssessmentRound, section_id: str, form: CompassSectionForm
) -> str:
    """A questionnaire page; a bound form keeps the member's input and errors."""
    own = queries.own_answers(round_, _actor())
    context = section_context(case, round_, own, section_id, form, current_language())
    return render_template("assessments/section.html", **context)


@bp.route(f"{CASE_PREFIX}/sections/<section_id>", methods=["GET", "POST"])
@requires(Permission.COMPASS_ANSWER)
def answer_section(case_id: int, section_id: str) -> Response | tuple[str, int]:
    case = _load_case(case_id, Permission.COMPASS_ANSWER)
    round_ = _load_round(case)
    question_set = question_set_of(round_)
    ids = [section.id for section in question_set.sections]
    if section_id not in ids:
        abort(404)
    if round_.state is not RoundState.OPEN or case.status not in ANSWERABLE:
        flash(_("The compass can no longer be filled in for this case."), "info")
        if request.method == "POST":
            return _overview(case, 409)
        return redirect(url_for("assessments.overview", case_id=case.id))
    form_class = section_form_class(question_set, section_id, current_language())
    if request.method == "POST":
        form = form_class()
    else:
        own = queries.own_answers(round_, _actor())
        form = form_class(data=form_data(question_set, section_id, own.answers if own else {}))
    if not form.validate_on_submit():
        return _section_page(case, round_, section_id, form), 422 if form.is_submitted() else 200
    replaced = frozenset(q.urn for q in section_questions(question_set, section_id))
    try:
        operations.save_answers(round_, _actor(), question_set, replaced, form.answers)
    except CompassError as error:
        flash(str(error.message), "error")
        return _section_page(case, round_, section_id, form), 409
    flash(_("Saved. Only you can see your answers until the comparison is opened."), "success")
    position = ids.index(section_id)
    if form.save_and_continue.data and position + 1 < len(ids):
        section_id = ids[position + 1]
    return redirect(url_for("assessments.answer_section", case_id=case.id, section_id=section_id))


@bp.route(f"{CASE_PREFIX}/done", methods=["POST"])
@requires(Permission.COMPASS_ANSWER)
def mark_done(case_id: int) -> Response | tuple[str, int]:
    case = _load_case(case_id, Permission.COMPASS_ANSWER)
    round_ = _load_round(case)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        operations.mark_done(round_, _actor())
    except CompassError as error:
        flash(str(error.message), "error")
        return _overview(case, 409)
    flash(_("Marked as done. Your answers stay private until the comparison is opened."),
          "success")  # fmt: skip
    return redirect(url_for("assessments.overview", case_id=case.id))


@bp.route(f"{CASE_PREFIX}/open", methods=["POST"])
@requires(Permission.COMPASS_COMPARE)
def open_comparison(case_id: int) -> Response | tuple[str, int]:
    case = _load_case(case_id, Permission.COMPASS_COMPARE)
    round_ = _load_round(case)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        operations.open_comparison(round_, _actor())
    except CompassError as error:
        flash(str(error.message), "error")
        return _overview(case, 409)
    flash(_("The comparison is open; the answers can no longer be changed."), "success")
    return redirect(url_for("assessments.comparison", case_id=case.id))


def _opened_round(case_id: int) -> tuple[ReviewCase, AssessmentRound]:
    """The case and its round, refused (403) while the comparison is not open."""
    case = _load_case(case_id, Permission.COMPASS_VIEW)
    round_ = _load_round(case)
    if not round_.comparison_open:
        abort(403)
    return case, round_


@bp.route(f"{CASE_PREFIX}/comparison")
@requires(Permission.COMPASS_VIEW)
def comparison(case_id: int) -> str:
    case, round_ = _opened_round(case_id)
    rows = queries.answers_for_comparison(round_)
    context = comparison_context(case, round_, rows, queries.dpia_of_case(case), current_language())
    return render_template("assessments/comparison.html", **context)


@bp.route(f"{CASE_PREFIX}/graph.json")
@requires(Permission.COMPASS_VIEW)
def graph_json(case_id: int) -> Response:
    case, round_ = _opened_round(case_id)
    question_set = question_set_of(round_)
    aggregation = aggregation_of(question_set, queries.answers_for_comparison(round_))
    graph = value_graph(case, question_set, aggregation, queries.dpia_of_case(case))
    response = current_app.response_class(graph_to_json(graph), mimetype="application/json")
    response.headers.set(
        "Content-Disposition", "attachment", filename=f"compass-graph-case-{case.id}.json"
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/portfolio")
@requires(Permission.PORTFOLIO_VIEW)
def portfolio() -> str:
    cases, advised_only = queries.portfolio_cases()
    context = portfolio_context(cases, advised_only, current_language())
    return render_template("assessments/portfolio.html", **context)
