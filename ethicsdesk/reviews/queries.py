"""Lookups for review cases: the requester's own, the committee dashboard, one case."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ethicsdesk.auth.models import User
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase, case_schools

MAX_ROWS = 500


def case_by_id(case_id: int) -> ReviewCase | None:
    """The case with this id, if any."""
    return db.session.get(ReviewCase, case_id)


def cases_of_requester(user: User) -> list[ReviewCase]:
    """The requester's own cases, newest first."""
    return list(
        db.session.scalars(
            sa.select(ReviewCase)
            .where(ReviewCase.requester_id == user.id)
            .order_by(ReviewCase.created_at.desc(), ReviewCase.id.desc())
        )
    )


@dataclass(frozen=True)
class DashboardFilters:
    """What the dashboard is narrowed to; empty values mean "all"."""

    status: str = ""
    category: str = ""
    school_id: int | None = None
    waiting: str = ""
    text: str = ""
    sort: str = "age"


SORT_ORDER = {
    "age": (sa.func.coalesce(ReviewCase.submitted_at, ReviewCase.created_at), ReviewCase.id),
    "decision_date": (ReviewCase.desired_decision_date.is_(None), ReviewCase.desired_decision_date),
    "status": (ReviewCase.status, ReviewCase.id),
    "title": (ReviewCase.title, ReviewCase.id),
}


def dashboard(filters: DashboardFilters) -> list[ReviewCase]:
    """Cases the committee works on (never others' drafts), filtered and sorted."""
    query = (
        sa.select(ReviewCase)
        .options(joinedload(ReviewCase.requester), selectinload(ReviewCase.schools))
        .where(ReviewCase.status != CaseStatus.DRAFT)
    )
    if filters.status:
        query = query.where(ReviewCase.status == filters.status)
    if filters.category:
        query = query.where(ReviewCase.category == filters.category)
    if filters.school_id is not None:
        in_school = sa.select(case_schools.c.case_id).where(
            case_schools.c.school_id == filters.school_id
        )
        query = query.where(ReviewCase.id.in_(in_school))
    if filters.waiting:
        query = query.where(ReviewCase.awaiting_requester.is_(filters.waiting == "yes"))
    if filters.text:
        pattern = f"%{_escape_like(filters.text.lower())}%"
        query = query.where(
            sa.or_(
                sa.func.lower(ReviewCase.title).like(pattern, escape="\\"),
                sa.func.lower(ReviewCase.vendor).like(pattern, escape="\\"),
            )
        )
    order = SORT_ORDER.get(filters.sort, SORT_ORDER["age"])
    return list(db.session.scalars(query.order_by(*order).limit(MAX_ROWS)))


def _escape_like(text: str) -> str:
    """Make %, _ and \\ in a search term match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def status_counts() -> dict[CaseStatus, int]:
    """How many non-draft cases are in each status, for the dashboard summary."""
    rows = db.session.execute(
        sa.select(ReviewCase.status, sa.func.count())
        .where(ReviewCase.status != CaseStatus.DRAFT)
        .group_by(ReviewCase.status)
    )
    counts = Counter(dict(rows.all()))
    return {status: counts[status] for status in CaseStatus if status is not CaseStatus.DRAFT}
