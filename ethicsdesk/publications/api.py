"""Read-only JSON API, its OpenAPI description, the Atom feed and the CSV export."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from ethicsdesk.core.permissions import public
from ethicsdesk.publications import followup, opendata, queries
from ethicsdesk.publications.models import Publication, Visibility
from ethicsdesk.publications.openapi import OPENAPI
from ethicsdesk.publications.page import (
    CATALOGUE_PAGES,
    catalogue_key,
    criteria_from,
    search_form,
    staff_reader,
)

bp = Blueprint("publications_api", __name__)
EXPORT_LIMIT = 5000


def _url(publication_id: int) -> str:
    return url_for("publications.detail", publication_id=publication_id, _external=True)


def _records(publications: list[Publication]) -> list[dict[str, Any]]:
    """API/CSV records; the condition checks of all of them in one query."""
    checks = followup.checks_of([c for p in publications for c in p.advisory.conditions])
    today = queries.today()
    return [opendata.record(p, _url(p.id), checks, today) for p in publications]


@bp.route("/api/v1/advisories")
@public
def api_list() -> Any:
    include_internal = staff_reader()
    body = CATALOGUE_PAGES.get(catalogue_key("api", include_internal),
                               lambda: _list_document(include_internal))  # fmt: skip
    return current_app.response_class(body, mimetype="application/json")


def _list_document(include_internal: bool) -> str:
    """One page of the list as JSON text, kept like a rendered catalogue page."""
    criteria = criteria_from(search_form(request.args))
    page = queries.catalogue(criteria, include_internal=include_internal, today=queries.today())
    document = {"items": _records(page.items), "page": page.page, "has_next": page.has_next}
    return current_app.json.dumps(document) + "\n"


@bp.route("/api/v1/advisories/<int:publication_id>")
@public
def api_detail(publication_id: int) -> Any:
    publication = queries.publication_by_id(publication_id)
    if publication is None or (
        publication.visibility is not Visibility.PUBLIC and not staff_reader()
    ):
        return jsonify(error="not found"), 404
    return jsonify(_records([publication])[0])


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
    criteria = criteria_from(search_form(request.args))
    criteria.page = 1
    page = queries.catalogue(criteria, staff_reader(), queries.today(), page_size=EXPORT_LIMIT)
    body = opendata.csv_bytes(_records(page.items))
    response = current_app.response_class(body, mimetype="text/csv")
    response.headers.set("Content-Disposition", "attachment", filename="adviezen.csv")
    return response
