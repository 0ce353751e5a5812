"""Publishing and retracting signed advisories; each step is audited, nothing commits."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ethicsdesk.advisories.models import Advisory, AdvisoryStatus
from ethicsdesk.audit.models import AuditAction
from ethicsdesk.audit.operations import record
from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from ethicsdesk.publications import search
from ethicsdesk.publications.concerns import values_of_concern
from ethicsdesk.publications.models import CatalogueState, Publication, PublicationValue, Visibility
from ethicsdesk.reviews.operations import WorkflowError


def search_document(advisory: Advisory) -> str:
    """Title, vendor, technology, summary, conditions and reasons as one folded text."""
    case = advisory.case
    parts = [advisory.title, case.vendor, case.title, advisory.public_summary, advisory.reasons]
    parts += [condition.text for condition in advisory.conditions]
    return search.document(parts)


def publish(advisory: Advisory, actor: User, visibility: Visibility) -> Publication:
    """Make a signed advisory findable; publishing again changes only the visibility."""
    if advisory.status is not AdvisoryStatus.SIGNED:
        raise WorkflowError(_l("Only a signed advisory can be published."))
    publication = db.session.scalar(
        sa.select(Publication).where(Publication.advisory_id == advisory.id)
    )
    if publication is None:
        publication = Publication(advisory=advisory, published_by=actor)
        db.session.add(publication)
    publication.visibility = visibility
    publication.published_at = utcnow()
    publication.retracted_at = publication.retracted_by = publication.retraction_reason = None
    publication.search_text = search_document(advisory)
    _mark_earlier_versions(advisory)
    db.session.flush()
    search.index(publication.id, publication.search_text)
    catalogue_changed()
    _store_values(publication, values_of_concern(advisory.content))
    record(advisory.case, actor, AuditAction.ADVISORY_PUBLISHED,
           details={"advisory": advisory.reference, "visibility": visibility.value})  # fmt: skip
    db.session.flush()
    return publication


def _store_values(publication: Publication, value_ids: list[str]) -> None:
    """Replace the publication's values of concern (re-publishing recomputes them)."""
    db.session.execute(
        sa.delete(PublicationValue).where(PublicationValue.publication_id == publication.id)
    )
    if value_ids:
        db.session.execute(
            sa.insert(PublicationValue),
            [{"publication_id": publication.id, "value_id": v} for v in value_ids],
        )
    db.session.expire(publication, ["concerns"])


def catalogue_changed() -> None:
    """Tell every instance that rendered catalogue pages are out of date."""
    bumped = db.session.execute(
        sa.update(CatalogueState).where(CatalogueState.id == 1)
        .values(version=CatalogueState.version + 1)
    )  # fmt: skip
    if bumped.rowcount == 0:  # a database restored from before the table existed
        db.session.add(CatalogueState(id=1, version=1))


def _mark_earlier_versions(advisory: Advisory) -> None:
    """Only the latest published version of a number is current."""
    db.session.execute(
        sa.update(Publication)
        .where(
            Publication.advisory_id.in_(
                sa.select(Advisory.id).where(
                    Advisory.number == advisory.number, Advisory.version < advisory.version
                )
            )
        )
        .values(superseded=True)
    )


def retract(publication: Publication, actor: User, reason: str) -> None:
    """Withdraw a publication; it stays in the archive and the catalogue, marked retracted."""
    if not reason.strip():
        raise WorkflowError(_l("Give a reason for the retraction."))
    if publication.retracted:
        raise WorkflowError(_l("This advisory was already retracted."))
    publication.retracted_at = utcnow()
    publication.retracted_by = actor
    publication.retraction_reason = reason.strip()
    record(publication.advisory.case, actor, AuditAction.ADVISORY_RETRACTED, reason=reason.strip(),
           details={"advisory": publication.advisory.reference})  # fmt: skip
    catalogue_changed()
    db.session.flush()
