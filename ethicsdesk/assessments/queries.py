"""Reads for the compass: a case's round, one member's own answers, the portfolio's cases.

All members' answers are read only for an opened comparison (`answers_for_comparison`), so a
page cannot show another member's answers by accident before the secretary opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers
from ethicsdesk.auth.models import User
from ethicsdesk.dpia.models import Dpia
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase


def round_of_case(case: ReviewCase) -> AssessmentRound | None:
    """The case's compass round, if one was started."""
    return db.session.scalar(sa.select(AssessmentRound).where(AssessmentRound.case_id == case.id))


def own_answers(round_: AssessmentRound, member: User) -> MemberAnswers | None:
    """The member's own answers: the only answers shown before the comparison opens."""
    return db.session.scalar(
        sa.select(MemberAnswers).where(
            MemberAnswers.round_id == round_.id, MemberAnswers.member_id == member.id
        )
    )


def own_answers_for_update(round_: AssessmentRound, member: User) -> MemberAnswers | None:
    """The member's row as committed now, locked until this transaction ends (PostgreSQL).

    A save merges one section into the row: reading it fresh and locked means a save from
    another tab that committed in between is merged with, not overwritten.
    """
    return db.session.scalar(
        sa.select(MemberAnswers)
        .where(MemberAnswers.round_id == round_.id, MemberAnswers.member_id == member.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def respondents(round_: AssessmentRound) -> list[tuple[str, bool]]:
    """Who has answered and who marked done (names only, never their answers)."""
    rows = db.session.execute(
        sa.select(User.name, MemberAnswers.submitted_at)
        .join(User, User.id == MemberAnswers.member_id)
        .where(MemberAnswers.round_id == round_.id)
        .order_by(User.name, User.id)
    )
    return [(name, submitted is not None) for name, submitted in rows]


def answers_for_comparison(round_: AssessmentRound) -> list[MemberAnswers]:
    """Every member's answers, ordered by name; refuses while the comparison is closed."""
    if not round_.comparison_open:
        raise PermissionError("the comparison of this round is not open")
    return list(
        db.session.scalars(
            sa.select(MemberAnswers)
            .options(joinedload(MemberAnswers.member))
            .join(User, User.id == MemberAnswers.member_id)
            .where(MemberAnswers.round_id == round_.id)
            .order_by(User.name, User.id)
        )
    )


def answer_count(round_: AssessmentRound) -> int:
    """How many members have saved any answer (to decide whether a comparison makes sense)."""
    stored = db.session.scalars(
        sa.select(MemberAnswers.answers).where(MemberAnswers.round_id == round_.id)
    )
    return sum(1 for answers in stored if answers)


@dataclass(frozen=True)
class PortfolioCase:
    """The part of a case the portfolio reads; plain rows, as 100,000 ORM objects cost seconds."""

    id: int
    title: str
    vendor: str
    category: str | None
    status: CaseStatus
    answers: dict[str, Any] | None


def portfolio_cases() -> tuple[list[PortfolioCase], bool]:
    """Advised cases, or every submitted (non-draft) case while none is advised yet.

    The flag says which, so the page can tell the reader what the analysis covers.
    """
    columns = (ReviewCase.id, ReviewCase.title, ReviewCase.vendor, ReviewCase.category,
               ReviewCase.status, ReviewCase.answers)  # fmt: skip
    query = sa.select(*columns).order_by(ReviewCase.vendor, ReviewCase.title, ReviewCase.id)
    advised = [PortfolioCase(*row) for row in db.session.execute(
        query.where(ReviewCase.status == CaseStatus.ADVISED))]  # fmt: skip
    if advised:
        return advised, True
    submitted = db.session.execute(query.where(ReviewCase.status != CaseStatus.DRAFT))
    return [PortfolioCase(*row) for row in submitted], False


def dpia_of_case(case: ReviewCase) -> Dpia | None:
    """The case's DPIA (its risks and measures join the value graph), if one was started."""
    return db.session.scalar(sa.select(Dpia).where(Dpia.case_id == case.id))
