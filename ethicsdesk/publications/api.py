"""Read-only JSON API, its OpenAPI description, the Atom feed and the CSV export."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from ethicsdesk.core.permissions import public
from ethicsdesk.publications import opendata, queries
from ethicsdesk.publications.forms import SearchForm
from ethicsdesk.publications.models import Visibility
from ethicsdesk.publications.openapi import OPENAPI
from ethicsdesk.publications.page import criteria_from, staff_reader

bp = Blueprint("publications_api", __name__)
EXPORT_LIMIT = 5000


def _url(publication_id: int) -> str:
    return url_for("publications.detail", publication_id=publication_id, _external=True)


@bp.route("/api/v1/advisories")
@public
def api_list() -> Any:
    criteria = criteria_from(SearchForm(request.args))
    page = queries.catalogue(criteria, include_internal=staff_reader(), today=queries.today())
    return jsonify(
        items=[opendata.record(p, _url(p.id)) for p in page.items],
        page=page.page,
        has_next=page.has_next,
    )


@bp.route("/api/v1/advisories/<int:publication_id>")
@public
def api_detail(publication_id: int) -> Any:
    publication = queries.publication_by_id(publication_id)
    if publication is None or (
        publication.visibility is not Visibility.PUBLIC and not staff_reader()
    ):
        return jsonify(error="not found"), 404
    return jsonify(opendata.record(publication, _url(publication.id)))


@bp.route("/api/v1/openapi.json")
@public
def openapi() -> Any:
    return jsonify(OPENAPI)


@bp.route("/advisories/feed.atom")
@public
def feed() -> Any:
    entries = [(p, _url(p.id)) for p in queries.newest_public()]
    body = opendata.atom(entries, url_for(".feed", _external=True), _("Published advisories"))
    return current_app.response_class(body, mimetype="application/atom+xml")


@bp.route("/advisories/export.csv")
@public
def export_csv() -> Any:
    criteria = criteria_from(SearchForm(request.args))
    criteria.page = 1
    page = queries.catalogue(criteria, staff_reader(), queries.today(), page_size=EXPORT_LIMIT)
    body = opendata.csv_bytes(opendata.record(p, _url(p.id)) for p in page.items)
    response = current_app.response_class(body, mimetype="text/csv")
    response.headers.set("Content-Disposition", "attachment", filename="adviezen.csv")
    return response
