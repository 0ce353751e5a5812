"""Routes for publishing advisories and for the catalogue staff and visitors read.

Each route: load → authorise → validate → call one operation → respond.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ethicsdesk.advisories.models import OUTCOME_LABELS, Advisory
from ethicsdesk.advisories.operations import pdf_bytes
from ethicsdesk.core.permissions import Permission, public, requires
from ethicsdesk.core.shell import render_shared
from ethicsdesk.extensions import db
from ethicsdesk.publications import operations, queries, search, verification
from ethicsdesk.publications.forms import PublishForm, RetractForm, VerifyForm
from ethicsdesk.publications.models import Publication, Visibility
from ethicsdesk.publications.page import (
    CATALOGUE_PAGES,
    advisory_facts,
    catalogue_key,
    concern_labels,
    condition_rows,
    criteria_from,
    search_form,
    staff_reader,
)
from ethicsdesk.reviews.operations import WorkflowError

bp = Blueprint("publications", __name__)


@bp.route("/advisories")
@public
def catalogue() -> str:
    include_internal = staff_reader()
    key = catalogue_key("page", include_internal)
    body = CATALOGUE_PAGES.get(key, lambda: _catalogue_body(include_internal))
    return render_shared("publications/catalogue.html", body)


def _catalogue_body(include_internal: bool) -> Markup:
    """The search form and one page of hits: the same for every reader of the same scope."""
    form = search_form(request.args)
    criteria = criteria_from(form)
    page = queries.catalogue(criteria, include_internal=include_internal, today=queries.today())
    args = {k: v for k, v in request.args.items() if k != "page"}
    html = render_template(
        "publications/_catalogue_body.html", form=form, page=page, words=criteria.words,
        highlight=search.highlight, outcome_labels=OUTCOME_LABELS, args=args,
    )  # fmt: skip
    return Markup(html)  # noqa: S704 - a rendered template, autoescaped


@bp.route("/advisories/<int:publication_id>")
@public
def detail(publication_id: int) -> str:
    publication = queries.publication_by_id(publication_id) or abort(404)
    if publication.visibility is not Visibility.PUBLIC and not staff_reader():
        abort(404)
    include_internal = staff_reader()
    key = catalogue_key("detail", include_internal, publication.id)
    body = CATALOGUE_PAGES.get(key, lambda: _detail_body(publication, include_internal))
    return render_shared("publications/detail.html", body, reference=publication.advisory.reference)


def _detail_body(publication: Publication, include_internal: bool) -> Markup:
    """The advisory as every reader of the same scope sees it, signature verdicts included."""
    html = render_template(
        "publications/_detail_body.html", publication=publication, advisory=publication.advisory,
        outcome_label=OUTCOME_LABELS[publication.advisory.outcome],
        versions=queries.versions_of(publication.advisory, include_internal),
        conditions=condition_rows(publication.advisory, queries.today()),
        concerns=concern_labels(publication), **advisory_facts(publication.advisory),
    )  # fmt: skip
    return Markup(html)  # noqa: S704 - a rendered template, autoescaped


def _advisory(advisory_id: int) -> Advisory:
    return db.session.get(Advisory, advisory_id) or abort(404)


def _back(advisory: Advisory) -> Any:
    return redirect(url_for("advisories.detail", case_id=advisory.case_id, advisory_id=advisory.id))


@bp.route("/publications/advisory/<int:advisory_id>/publish", methods=["POST"])
@requires(Permission.ADVISORY_PUBLISH)
def publish(advisory_id: int) -> Any:
    advisory = _advisory(advisory_id)
    form = PublishForm()
    if not form.validate_on_submit():
        flash(_("Choose who may see the advisory."), "error")
        return _back(advisory)
    try:
        operations.publish(advisory, current_user._get_current_object(),
                           Visibility(form.visibility.data))  # fmt: skip
    except WorkflowError as error:
        flash(str(error.message), "error")
        return _back(advisory), 409
    flash(_("The advisory was published."), "success")
    return _back(advisory)


@bp.route("/publications/<int:publication_id>/retract", methods=["POST"])
@requires(Permission.ADVISORY_PUBLISH)
def retract(publication_id: int) -> Any:
    publication = queries.publication_by_id(publication_id) or abort(404)
    form = RetractForm()
    if not form.validate_on_submit():
        flash(_("Give a reason for the retraction."), "error")
        return _back(publication.advisory), 422
    try:
        operations.retract(publication, current_user._get_current_object(), form.reason.data)
    except WorkflowError as error:
        flash(str(error.message), "error")
        return _back(publication.advisory), 409
    flash(_("The advisory was retracted."), "success")
    return _back(publication.advisory)


MAX_VERIFY_BYTES = 20 * 1024 * 1024


@bp.route("/advisories/verify", methods=["GET", "POST"])
@public
def verify() -> Any:
    form = VerifyForm()
    verdict = None
    if form.validate_on_submit():
        data = form.document.data.read(MAX_VERIFY_BYTES + 1)
        if len(data) > MAX_VERIFY_BYTES:
            form.document.errors.append(_("The file is larger than 20 MB."))
        else:
            verdict = verification.check(data)
    status = 422 if request.method == "POST" and verdict is None else 200
    return render_template("publications/verify.html", form=form, verdict=verdict), status


@bp.route("/advisories/<int:publication_id>/pdf")
@public
def pdf(publication_id: int) -> Any:
    publication = queries.publication_by_id(publication_id) or abort(404)
    if publication.visibility is not Visibility.PUBLIC and not staff_reader():
        abort(404)
    sha256 = queries.archived_sha256(publication.advisory)
    if sha256 and sha256 in request.if_none_match:  # archived bytes never change
        response = current_app.response_class(status=304)
    else:
        data = pdf_bytes(publication.advisory) or abort(404)
        response = current_app.response_class(data, mimetype="application/pdf")
        name = f"{publication.advisory.number}-v{publication.advisory.version}.pdf"
        response.headers.set("Content-Disposition", "attachment", filename=name)
    if sha256:
        response.set_etag(sha256)
        public = publication.visibility is Visibility.PUBLIC
        response.headers["Cache-Control"] = f"{'public' if public else 'private'}, no-cache"
    return response
