"""Page helpers: the publish block on the committee's advisory page, catalogue criteria."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from compass.graph.serialise import graph_from_json
from compass.graph.svg import graph_svg
from ethicsdesk import signing  # pyHanko loads when a signature is first checked
from ethicsdesk.advisories import keys
from ethicsdesk.advisories.models import Advisory, AdvisoryStatus, Outcome
from ethicsdesk.advisories.operations import pdf_bytes
from ethicsdesk.advisories.queries import kept_report
from ethicsdesk.core.db import utcnow
from ethicsdesk.core.i18n import current_language
from ethicsdesk.core.memo import Memo
from ethicsdesk.core.pagecache import offer_to_cache
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.extensions import db
from ethicsdesk.publications import concerns, followup, queries
from ethicsdesk.publications.forms import PublishForm, RetractForm, SearchForm
from ethicsdesk.publications.models import Publication
from ethicsdesk.publications.queries import publication_of


def publishing_context(user: Any, advisory: Advisory) -> dict[str, Any] | None:
    """The publish/retract block, only for those who may publish a signed advisory."""
    if advisory.status is not AdvisoryStatus.SIGNED or not can(user, Permission.ADVISORY_PUBLISH):
        return None
    return {"publication": publication_of(advisory), "publish_form": PublishForm(),
            "retract_form": RetractForm()}  # fmt: skip


def staff_reader() -> bool:
    """Signed-in staff also see internal publications."""
    return can(current_user, Permission.ADVISORY_READ)


def search_form(args: Any) -> SearchForm:
    """The catalogue form with today's schools and the compass values in the user's language."""
    return SearchForm(args, schools=queries.school_choices(),
                      values=concerns.value_choices(current_language()))  # fmt: skip


def criteria_from(form: SearchForm) -> queries.Criteria:
    """Valid fields become criteria; invalid ones are dropped so any URL still works."""
    form.validate()
    ok = {name for name, field in form._fields.items() if not field.errors}
    pick = lambda name: form[name].data if name in ok and form[name].data else None  # noqa: E731
    return queries.Criteria(
        q=form.q.data or "", outcome=Outcome(pick("outcome")) if pick("outcome") else None,
        category=pick("category"), vendor=pick("vendor"), year=pick("year"),
        school=int(pick("school")) if pick("school") else None, value=pick("value"),
        validity=pick("validity"), sort=pick("sort") or "newest", page=pick("page") or 1,
    )  # fmt: skip


CONDITION_STATUS_LABELS = {
    "open": _l("open"),
    "overdue": _l("overdue"),
    "met": _l("met"),
    "not_met": _l("not met"),
}


@dataclass
class ConditionRow:
    """A condition as the advisory page shows it, its status already decided."""

    text: str
    owner: str
    due_date: date | None
    status: str
    label: Any


def condition_rows(advisory: Advisory, today: date) -> list[ConditionRow]:
    """Each condition with owner, due date and status: open, overdue, met or not met."""
    checks = followup.checks_of(list(advisory.conditions))
    rows = []
    for condition in advisory.conditions:
        status = followup.display_status(checks.get(condition.id), condition.due_date, today)
        rows.append(ConditionRow(condition.text, condition.owner, condition.due_date, status,
                                 CONDITION_STATUS_LABELS[status]))  # fmt: skip
    return rows


def concern_labels(publication: Publication) -> list[str]:
    """The publication's values of concern, named in the user's language."""
    language = current_language()
    return [concerns.value_label(value, language) for value in publication.values_of_concern]


# Verdicts and drawings of signed, archived PDFs, per worker: a staff member opening a page
# must not wait for two signatures to be verified again.
VERDICTS: Memo[Any] = Memo(size=512)
GRAPHS: Memo[Markup | None] = Memo(size=256)
# Rendered catalogue pages and API lists, per worker, valid while the catalogue's version holds.
CATALOGUE_PAGES: Memo[Any] = Memo(size=256)


def catalogue_state(connection: Any = None) -> tuple[Any, ...]:
    """What every catalogue page depends on besides its URL and language.

    The version changes with every publication, retraction and recorded condition status; the
    day and the trust anchors cover re-evaluation dates and signature verdicts.
    """
    return queries.catalogue_version(connection), queries.today(), keys.trust_state()


def catalogue_state_reader(app: Flask) -> Callable[[], tuple[Any, ...]]:
    """The state as the page cache reads it, outside any request, on a connection of its own."""

    def read() -> tuple[Any, ...]:
        with app.app_context(), db.engine.connect() as connection:
            return catalogue_state(connection)

    return read


def catalogue_key(kind: str, include_internal: bool, *more: Any) -> tuple[Any, ...]:
    """Everything a rendered catalogue page depends on; no user-specific part is cached.

    For a visitor without an account the finished page is also offered to the page cache
    (core/pagecache.py), valid under the same state.
    """
    state = catalogue_state()
    if not current_user.is_authenticated:
        offer_to_cache(state)
    return (
        kind, state, include_internal, current_language(),
        tuple(sorted(request.args.items(multi=True))), *more,
    )  # fmt: skip


def advisory_facts(advisory: Advisory) -> dict[str, Any]:
    """The public page's extras: signature verdicts from the archived PDF and the value graph."""
    if advisory.status is AdvisoryStatus.DRAFT:
        return {"report": None, "has_pdf": False, "graph_svg": _graph(advisory)}
    sha256 = queries.archived_sha256(advisory)
    if sha256 is None:  # awaiting signatures, or generated without a PDF
        pdf = pdf_bytes(advisory)
        report = signing.verify_pdf(pdf, keys.trust_roots()) if pdf else None
        return {"report": report, "has_pdf": pdf is not None, "graph_svg": _graph(advisory)}
    # the verdict depends on the bytes, the trust anchors and CRL, and the day (expiry)
    key = (sha256, keys.trust_state(), date.today())  # noqa: DTZ011 - a calendar day
    report = VERDICTS.get(key, lambda: _archived_report(advisory, sha256))
    return {"report": report, "has_pdf": True, "graph_svg": _graph(advisory, sha256)}


def _archived_report(advisory: Advisory, sha256: str) -> Any:
    """The verdict recorded at archiving; checked again only when it no longer holds."""
    kept = kept_report(sha256, keys.trust_digest(), utcnow())
    return kept or signing.verify_pdf(pdf_bytes(advisory), keys.trust_roots())


def _graph(advisory: Advisory, sha256: str | None = None) -> Markup | None:
    """The value-impact graph drawn by the compass library, if the advisory carries one."""
    if sha256 is None:
        return _draw(advisory)
    return GRAPHS.get((sha256, advisory.lang), lambda: _draw(advisory))


def _draw(advisory: Advisory) -> Markup | None:
    graph = (advisory.content or {}).get("graph")
    if not graph:
        return None
    try:
        text = graph if isinstance(graph, str) else json.dumps(graph)
        return Markup(graph_svg(graph_from_json(text), advisory.lang))  # noqa: S704 - library escapes
    except Exception:  # a graph that cannot be drawn leaves the page readable
        return None
