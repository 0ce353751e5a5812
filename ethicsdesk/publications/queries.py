"""Reading publications: the catalogue query with search, filters, sorting and pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, defer, selectinload

from ethicsdesk.advisories.models import Advisory, ArchiveEntry, Outcome
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import School
from ethicsdesk.publications import search
from ethicsdesk.publications.models import CatalogueState, Publication, PublicationValue, Visibility
from ethicsdesk.reviews.models import ReviewCase, case_schools

PAGE_SIZE = 20


def today() -> date:
    """The calendar date re-evaluation deadlines are compared with."""
    return date.today()  # noqa: DTZ011 - a calendar date, not a moment


SORTS = ("newest", "re_evaluation", "relevance")


@dataclass
class Criteria:
    """What the catalogue was asked for, already validated into plain values."""

    q: str = ""
    outcome: Outcome | None = None
    category: str | None = None
    vendor: str | None = None
    school: int | None = None  # a School id: the case names that school
    value: str | None = None  # a compass value id among the publication's values of concern
    year: int | None = None
    validity: str | None = None  # "valid" or "due"
    sort: str = "newest"
    page: int = 1
    words: list[str] = field(default_factory=list)


@dataclass
class Page:
    """One page of hits and whether there are more."""

    items: list[Publication]
    page: int
    has_next: bool


def visible(include_internal: bool) -> sa.Select[tuple[Publication]]:
    """Current publications; anonymous visitors only ever get public ones."""
    query = sa.select(Publication).join(Publication.advisory).join(Advisory.case)
    query = query.where(Publication.superseded.is_(False))
    if not include_internal:
        query = query.where(Publication.visibility == Visibility.PUBLIC)
    return query


def catalogue(
    criteria: Criteria, include_internal: bool, today: date, page_size: int = PAGE_SIZE
) -> Page:
    """The hits for these criteria, LIMIT inside the query, one row more to see a next page."""
    query = visible(include_internal)
    criteria.words = search.terms(criteria.q)
    score = None
    newest: sa.ColumnElement[int] = Publication.id  # ids follow the order of publishing
    if criteria.words:
        query, score, newest = search.matching(query, criteria.words)
    if criteria.outcome:
        query = query.where(Advisory.outcome == criteria.outcome)
    if criteria.category:
        query = query.where(ReviewCase.category == criteria.category)
    if criteria.vendor:
        query = query.where(sa.func.lower(ReviewCase.vendor) == criteria.vendor.lower())
    if criteria.school is not None:
        query = query.where(
            sa.exists().where(
                case_schools.c.case_id == ReviewCase.id,
                case_schools.c.school_id == criteria.school,
            )
        )
    if criteria.value:
        query = query.where(
            sa.exists().where(
                PublicationValue.publication_id == Publication.id,
                PublicationValue.value_id == criteria.value,
            )
        )
    if criteria.year:
        start, end = date(criteria.year, 1, 1), date(criteria.year + 1, 1, 1)
        query = query.where(Advisory.issued_on >= start, Advisory.issued_on < end)
    if criteria.validity == "valid":
        query = query.where(
            Publication.retracted_at.is_(None),
            sa.or_(Advisory.re_evaluation_date.is_(None), Advisory.re_evaluation_date > today),
        )
    elif criteria.validity == "due":
        query = query.where(Advisory.re_evaluation_date <= today)
    if criteria.sort == "relevance" and score is not None:
        query = query.order_by(score.desc(), newest.desc())
    elif criteria.sort == "re_evaluation":
        query = query.order_by(Advisory.re_evaluation_date.asc().nulls_last(), Publication.id)
    else:
        query = query.order_by(newest.desc())
    offset = (criteria.page - 1) * page_size
    # advisory and case come from the joins the filters use already: no query of their own
    advisory = contains_eager(Publication.advisory)
    query = query.options(
        defer(Publication.search_text),
        advisory.defer(Advisory.content).defer(Advisory.working_pdf),
        advisory.contains_eager(Advisory.case)
        .defer(ReviewCase.answers)
        .defer(ReviewCase.screening)
        .selectinload(ReviewCase.schools),
        advisory.selectinload(Advisory.conditions),
        selectinload(Publication.concerns),
    )
    rows = list(db.session.scalars(query.limit(page_size + 1).offset(offset)))
    return Page(rows[:page_size], criteria.page, len(rows) > page_size)


# A plain Core statement: read on every catalogue request, it skips the ORM's per-query work.
_VERSION = sa.select(CatalogueState.__table__.c.version).where(CatalogueState.__table__.c.id == 1)


def catalogue_version(connection: sa.Connection | None = None) -> int:
    """Changes whenever what the catalogue shows may change (publish, retract, bulk load)."""
    return (connection or db.session.connection()).execute(_VERSION).scalar() or 0


def archived_sha256(advisory: Advisory) -> str | None:
    """The archived PDF's hash without loading the PDF itself."""
    return db.session.scalar(
        sa.select(ArchiveEntry.sha256).where(ArchiveEntry.advisory_id == advisory.id)
    )


def publication_of(advisory: Advisory) -> Publication | None:
    return db.session.scalar(sa.select(Publication).where(Publication.advisory_id == advisory.id))


MAX_ID = 2_147_483_647  # larger ids overflow PostgreSQL's integer (and SQLite's at 2**63)


def publication_by_id(publication_id: int) -> Publication | None:
    """None for ids no database row can have, so a huge number in a URL is a plain 404."""
    if not 0 < publication_id <= MAX_ID:
        return None
    return db.session.get(Publication, publication_id)


def versions_of(advisory: Advisory, include_internal: bool) -> list[Publication]:
    """Every published version of the same advisory number, newest first."""
    query = (
        sa.select(Publication).join(Publication.advisory).where(Advisory.number == advisory.number)
    )
    if not include_internal:
        query = query.where(Publication.visibility == Visibility.PUBLIC)
    return list(db.session.scalars(query.order_by(Advisory.version.desc())))


def newest_public(limit: int = 50) -> list[Publication]:
    """The feed: the latest public, current, not retracted publications."""
    query = visible(False).where(Publication.retracted_at.is_(None))
    query = query.order_by(Publication.published_at.desc(), Publication.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def school_choices() -> list[tuple[int, str]]:
    """Every school as (id, name) for the catalogue's school filter, by name."""
    rows = db.session.execute(sa.select(School.id, School.name).order_by(School.name))
    return [(school_id, name) for school_id, name in rows]
