"""Page helpers: the publish block on the committee's advisory page, catalogue criteria."""

from __future__ import annotations

import json
from typing import Any

from flask_login import current_user
from markupsafe import Markup

from compass.graph.serialise import graph_from_json
from compass.graph.svg import graph_svg
from ethicsdesk.advisories import keys
from ethicsdesk.advisories.models import Advisory, AdvisoryStatus, Outcome
from ethicsdesk.advisories.operations import pdf_bytes
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.publications import queries
from ethicsdesk.publications.forms import PublishForm, RetractForm, SearchForm
from ethicsdesk.publications.queries import publication_of
from ethicsdesk.signing import verify_pdf


def publishing_context(user: Any, advisory: Advisory) -> dict[str, Any] | None:
    """The publish/retract block, only for those who may publish a signed advisory."""
    if advisory.status is not AdvisoryStatus.SIGNED or not can(user, Permission.ADVISORY_PUBLISH):
        return None
    return {"publication": publication_of(advisory), "publish_form": PublishForm(),
            "retract_form": RetractForm()}  # fmt: skip


def staff_reader() -> bool:
    """Signed-in staff also see internal publications."""
    return can(current_user, Permission.ADVISORY_READ)


def criteria_from(form: SearchForm) -> queries.Criteria:
    """Valid fields become criteria; invalid ones are dropped so any URL still works."""
    form.validate()
    ok = {name for name, field in form._fields.items() if not field.errors}
    pick = lambda name: form[name].data if name in ok and form[name].data else None  # noqa: E731
    return queries.Criteria(
        q=form.q.data or "", outcome=Outcome(pick("outcome")) if pick("outcome") else None,
        category=pick("category"), vendor=pick("vendor"), year=pick("year"),
        validity=pick("validity"), sort=pick("sort") or "newest", page=pick("page") or 1,
    )  # fmt: skip


def advisory_facts(advisory: Advisory) -> dict[str, Any]:
    """The public page's extras: signature verdicts from the archived PDF and the value graph."""
    pdf = pdf_bytes(advisory) if advisory.status is not AdvisoryStatus.DRAFT else None
    report = verify_pdf(pdf, keys.trust_roots()) if pdf else None
    return {"report": report, "has_pdf": pdf is not None, "graph_svg": _graph(advisory)}


def _graph(advisory: Advisory) -> Markup | None:
    """The value-impact graph drawn by the compass library, if the advisory carries one."""
    graph = (advisory.content or {}).get("graph")
    if not graph:
        return None
    try:
        text = graph if isinstance(graph, str) else json.dumps(graph)
        return Markup(graph_svg(graph_from_json(text), advisory.lang))  # noqa: S704 - library escapes
    except Exception:  # a graph that cannot be drawn leaves the page readable
        return None
