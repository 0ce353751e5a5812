"""Routes of the DPIA: overview, section editor, risk register, measures, opinions, exports.

Each route: load → authorise → validate → call one operation → respond.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from dpia_templates.dpia.templates import load_template
from ethicsdesk.core.i18n import current_language
from ethicsdesk.core.permissions import Permission, requires
from ethicsdesk.dpia import documents, operations, queries
from ethicsdesk.dpia.forms import (
    MeasureForm,
    OpinionsForm,
    RiskForm,
    section_form_class,
)
from ethicsdesk.dpia.models import Dpia
from ethicsdesk.dpia.page import editor_context, overview_context, section_data
from ethicsdesk.reviews.access import load_case
from ethicsdesk.reviews.models import ReviewCase

bp = Blueprint("dpia", __name__, url_prefix="/reviews/<int:case_id>/dpia")


def _load(case_id: int, permission: Permission) -> tuple[ReviewCase, Dpia | None]:
    """The case and its DPIA; drafts and cases this user may not see are 404."""
    case = load_case(case_id, permission)
    return case, queries.dpia_of_case(case)


def _load_dpia(case_id: int, permission: Permission) -> tuple[ReviewCase, Dpia]:
    case, dpia = _load(case_id, permission)
    if dpia is None:
        abort(404)
    return case, dpia


def _actor() -> Any:
    return current_user._get_current_object()


@bp.route("/")
@requires(Permission.DPIA_VIEW)
def overview(case_id: int) -> str:
    case, dpia = _load(case_id, Permission.DPIA_VIEW)
    return render_template("dpia/overview.html", **overview_context(case, dpia))


@bp.route("/start", methods=["POST"])
@requires(Permission.DPIA_EDIT)
def start(case_id: int) -> Response:
    case, dpia = _load(case_id, Permission.DPIA_EDIT)
    if dpia is None:
        template_id = request.form.get("template", "")
        try:
            template = load_template(template_id)
        except KeyError:
            abort(400)
        operations.start_dpia(case, _actor(), template, current_language())
        flash(
            _("The DPIA was started with the typical risks of this kind of technology."), "success"
        )
    return redirect(url_for("dpia.overview", case_id=case.id))


@bp.route("/sections/<section_id>", methods=["GET", "POST"])
@requires(Permission.DPIA_EDIT)
def edit_section(case_id: int, section_id: str) -> Any:
    case, dpia = _load_dpia(case_id, Permission.DPIA_EDIT)
    template = queries.template_of(dpia)
    section = queries.section_of(dpia, section_id) or abort(404)
    form_class = section_form_class(template, section_id)
    if request.method == "GET":
        form = form_class(data=section_data(dpia, template, section_id, section.version))
    else:
        form = form_class()
    if form.validate_on_submit():
        answers = documents.answers_from_section_form(form, template, section_id)
        try:
            operations.save_section(dpia, section_id, _actor(), answers, int(form.version.data))
        except operations.SectionConflictError as conflict:
            form.version.data = str(conflict.version)
            html = render_template(
                "dpia/section.html",
                **editor_context(case, dpia, template, section_id, form, conflict=conflict),
            )
            return html, 409
        flash(_("Section saved."), "success")
        return redirect(url_for("dpia.overview", case_id=case.id, _anchor=f"section-{section_id}"))
    status = 422 if request.method == "POST" else 200
    html = render_template(
        "dpia/section.html", **editor_context(case, dpia, template, section_id, form)
    )
    return html, status


@bp.route("/risks", methods=["GET", "POST"])
@bp.route("/risks/<int:risk_id>", methods=["GET", "POST"])
@requires(Permission.DPIA_EDIT)
def edit_risk(case_id: int, risk_id: int | None = None) -> Any:
    case, dpia = _load_dpia(case_id, Permission.DPIA_EDIT)
    risk = queries.risk_of(dpia, risk_id) or abort(404) if risk_id is not None else None
    if request.method == "GET" and risk is not None:
        form = RiskForm(measures=dpia.measures, data=documents.risk_form_data(risk))
    else:
        form = RiskForm(measures=dpia.measures)
    if form.validate_on_submit():
        operations.save_risk(dpia, risk, documents.risk_input(form, dpia))
        flash(_("The risk register was saved."), "success")
        return redirect(url_for("dpia.overview", case_id=case.id, _anchor="risks"))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "dpia/risk_form.html", case=case, dpia=dpia, form=form, risk=risk
    ), status


@bp.route("/risks/<int:risk_id>/delete", methods=["POST"])
@requires(Permission.DPIA_EDIT)
def delete_risk(case_id: int, risk_id: int) -> Response:
    case, dpia = _load_dpia(case_id, Permission.DPIA_EDIT)
    operations.delete_risk(queries.risk_of(dpia, risk_id) or abort(404))
    flash(_("The risk was removed from the register."), "success")
    return redirect(url_for("dpia.overview", case_id=case.id, _anchor="risks"))


@bp.route("/measures", methods=["GET", "POST"])
@bp.route("/measures/<int:measure_id>", methods=["GET", "POST"])
@requires(Permission.DPIA_EDIT)
def edit_measure(case_id: int, measure_id: int | None = None) -> Any:
    case, dpia = _load_dpia(case_id, Permission.DPIA_EDIT)
    measure = queries.measure_of(dpia, measure_id) or abort(404) if measure_id else None
    form = MeasureForm(obj=measure) if request.method == "GET" else MeasureForm()
    if form.validate_on_submit():
        operations.save_measure(dpia, measure, documents.measure_input(form))
        flash(_("The measure was saved."), "success")
        return redirect(url_for("dpia.overview", case_id=case.id, _anchor="measures"))
    status = 422 if request.method == "POST" else 200
    html = render_template("dpia/measure_form.html", case=case, form=form, measure=measure)
    return html, status


@bp.route("/opinions", methods=["GET", "POST"])
@requires(Permission.DPIA_EDIT)
def opinions(case_id: int) -> Any:
    case, dpia = _load_dpia(case_id, Permission.DPIA_EDIT)
    if request.method == "GET":
        form = OpinionsForm(data=documents.opinions_form_data(dpia))
    else:
        form = OpinionsForm()
    if form.validate_on_submit():
        operations.save_opinions(dpia, documents.opinions_values(form, dpia))
        flash(_("The opinions were saved."), "success")
        return redirect(url_for("dpia.overview", case_id=case.id, _anchor="opinions"))
    status = 422 if request.method == "POST" else 200
    return render_template("dpia/opinions.html", case=case, dpia=dpia, form=form), status


@bp.route("/export.json")
@requires(Permission.DPIA_VIEW)
def export_json(case_id: int) -> Response:
    case, dpia = _load_dpia(case_id, Permission.DPIA_VIEW)
    body = json.dumps(documents.to_document(dpia), ensure_ascii=False, indent=2)
    return _download(body, "application/json", f"dpia-{case.id}.json")


@bp.route("/export.md")
@requires(Permission.DPIA_VIEW)
def export_markdown(case_id: int) -> Response:
    case, dpia = _load_dpia(case_id, Permission.DPIA_VIEW)
    body = documents.to_markdown(dpia, current_language())
    return _download(body, "text/markdown", f"dpia-{case.id}.md")


@bp.route("/export-cnil.json")
@requires(Permission.DPIA_VIEW)
def export_cnil(case_id: int) -> Response:
    case, dpia = _load_dpia(case_id, Permission.DPIA_VIEW)
    body = json.dumps(documents.to_cnil_json(dpia), ensure_ascii=False, indent=2)
    return _download(body, "application/json", f"pia-{case.id}.json")


def _download(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response
