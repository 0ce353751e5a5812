"""Writes for the compass: start a round, save a member's answers, mark done, open the comparison.

Answers are checked against the question set again here (the form already did), so no
operation can store an answer the scoring would not understand.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from compass import QuestionSet, answers_from_plain, validate_answers
from compass.errors import InputError
from ethicsdesk.assessments import queries
from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers, RoundState
from ethicsdesk.audit.models import AuditAction
from ethicsdesk.audit.operations import record
from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase

# The compass is filled in while the committee works on a case, not before or after.
ANSWERABLE = frozenset(
    {
        CaseStatus.SUBMITTED,
        CaseStatus.TRIAGE,
        CaseStatus.IN_REVIEW,
        CaseStatus.IN_DELIBERATION,
        CaseStatus.POSTPONED,
    }
)
MINIMUM_MEMBERS = 2


class CompassError(Exception):
    """A refused compass action; the message is shown to the user and nothing is changed."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)  # kept lazy: translated where it is shown
        self.message = message


def _check_answering(case: ReviewCase, actor: User) -> None:
    """Only committee members answer, and only while the case is under review."""
    if not can(actor, Permission.COMPASS_ANSWER, case):
        raise CompassError(_l("You may not do this on this case."))
    if case.status not in ANSWERABLE:
        raise CompassError(_l("The compass cannot be filled in while the case is %(status)s.",
                              status=case.status.label))  # fmt: skip


def start_round(case: ReviewCase, actor: User, question_set: QuestionSet) -> AssessmentRound:
    """Start the case's compass with a question set, pinned to its version and digest."""
    _check_answering(case, actor)
    existing = queries.round_of_case(case)
    if existing is not None:
        return existing
    round_ = AssessmentRound(
        case=case,
        set_id=question_set.id,
        set_version=question_set.version,
        set_digest=question_set.digest,
        opened_by=actor,
    )
    db.session.add(round_)
    db.session.flush()
    return round_


def _check_open(round_: AssessmentRound) -> None:
    """Answers are frozen once the comparison is open, so nobody adjusts to the others."""
    if round_.state is not RoundState.OPEN:
        raise CompassError(_l("The comparison is open; answers can no longer be changed."))


def save_answers(
    round_: AssessmentRound,
    member: User,
    question_set: QuestionSet,
    replaced: frozenset[str],
    answers: dict[str, dict[str, Any]],
) -> MemberAnswers:
    """Replace the member's answers to the questions in `replaced` (one section) by `answers`.

    `answers` is the library's shape for one member ({urn: {target: {value, …}}}); questions
    outside `replaced` keep their stored answers, so a member can save section by section.
    """
    _check_answering(round_.case, member)
    _check_open(round_)
    if set(answers) - replaced:
        raise CompassError(_l("This answer does not fit the question."))
    try:
        problems = validate_answers(question_set, answers_from_plain({str(member.id): answers}))
    except InputError:
        problems = ("shape",)
    if problems:
        raise CompassError(_l("This answer does not fit the question."))
    row = _answers_row(round_, member)
    kept = {urn: targets for urn, targets in (row.answers or {}).items() if urn not in replaced}
    row.answers = dict(sorted({**kept, **answers}.items()))  # a new dict: JSON change tracked
    row.updated_at = utcnow()
    db.session.flush()
    return row


def _answers_row(round_: AssessmentRound, member: User) -> MemberAnswers:
    """The member's row, fresh and locked; created once even when two first saves race."""
    row = queries.own_answers_for_update(round_, member)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = MemberAnswers(round=round_, member=member, answers={})
            db.session.add(row)
    except IntegrityError:  # another request created it first: merge into theirs
        row = queries.own_answers_for_update(round_, member)
        if row is None:
            raise
    return row


def mark_done(round_: AssessmentRound, member: User) -> MemberAnswers:
    """The member tells the secretary their answers are complete (they may still change them)."""
    _check_answering(round_.case, member)
    _check_open(round_)
    row = queries.own_answers(round_, member)
    if row is None or not row.answers:
        raise CompassError(_l("Answer at least one question before you mark the compass done."))
    row.submitted_at = utcnow()
    db.session.flush()
    return row


def open_comparison(round_: AssessmentRound, actor: User) -> AssessmentRound:
    """Show everyone's answers to the committee and freeze them (the round closes)."""
    if not can(actor, Permission.COMPASS_COMPARE, round_.case):
        raise CompassError(_l("You may not do this on this case."))
    if round_.comparison_open:
        raise CompassError(_l("The comparison is already open."))
    if queries.answer_count(round_) < MINIMUM_MEMBERS:
        raise CompassError(
            _l("At least two members must have answered before the comparison can be opened.")
        )
    now = utcnow()
    round_.comparison_opened_at = now
    round_.comparison_opened_by = actor
    round_.state = RoundState.CLOSED
    round_.closed_at = now
    db.session.flush()
    record(round_.case, actor, AuditAction.COMPASS_OPENED, details={"set": round_.set_id})
    return round_
