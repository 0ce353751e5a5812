"""Reads for the compass: a case's round, one member's own answers, the portfolio's cases.

All members' answers are read only for an opened comparison (`answers_for_comparison`), so a
page cannot show another member's answers by accident before the secretary opens it.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, load_only

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


def portfolio_cases() -> tuple[list[ReviewCase], bool]:
    """Advised cases, or every submitted (non-draft) case while none is advised yet.

    The flag says which, so the page can tell the reader what the analysis covers.
    """
    order = (ReviewCase.vendor, ReviewCase.title, ReviewCase.id)
    # only what the analysis reads: at 100,000 cases, full rows cost seconds
    columns = load_only(
        ReviewCase.id, ReviewCase.title, ReviewCase.vendor, ReviewCase.category,
        ReviewCase.status, ReviewCase.answers, raiseload=True,
    )  # fmt: skip
    query = sa.select(ReviewCase).options(columns).order_by(*order)
    advised = list(db.session.scalars(query.where(ReviewCase.status == CaseStatus.ADVISED)))
    if advised:
        return advised, True
    return list(db.session.scalars(query.where(ReviewCase.status != CaseStatus.DRAFT))), False


def dpia_of_case(case: ReviewCase) -> Dpia | None:
    """The case's DPIA (its risks and measures join the value graph), if one was started."""
    return db.session.scalar(sa.select(Dpia).where(Dpia.case_id == case.id))
