"""Writes for meetings: plan, attendance, conflicts, positions, minority opinions, decisions.

People decide: the tally is shown, the chair or secretary records the outcome; quorum and
conflicts of interest are enforced here so no view can forget them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from flask_babel import lazy_gettext as _l

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.deliberation.models import (
    ConflictOfInterest,
    Meeting,
    MeetingItem,
    MinorityOpinion,
    Position,
    Vote,
)
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from ethicsdesk.reviews.operations import WorkflowError


class DeliberationError(WorkflowError):
    """A refused meeting action; nothing was changed."""


def plan_meeting(
    actor: User,
    title: str,
    held_on: date,
    location: str,
    quorum: int,
    cases: list[ReviewCase],
    discussion_points: dict[int, list[str]],
) -> Meeting:
    """Plan a meeting with its agenda; each case brings its compass disagreements as points."""
    meeting = Meeting(
        organisation_id=actor.organisation_id, title=title, held_on=held_on,
        location=location, quorum=quorum, created_by=actor,
    )  # fmt: skip
    meeting.items = [
        MeetingItem(case=case, position=index, discussion_points=discussion_points.get(case.id, []))
        for index, case in enumerate(cases)
    ]
    db.session.add(meeting)
    db.session.flush()
    return meeting


def record_attendance(meeting: Meeting, present: list[User]) -> None:
    """Who attended; only they may take a position."""
    meeting.present = list(present)
    db.session.flush()


def _check_voter(item: MeetingItem, member: User) -> None:
    if not can(member, Permission.MEETING_VOTE, item.case):
        raise DeliberationError(_l("You may not do this on this case."))
    if member not in item.meeting.present:
        raise DeliberationError(_l("Only members recorded as present can take a position."))
    if any(conflict.member_id == member.id for conflict in item.conflicts):
        raise DeliberationError(_l("You declared a conflict of interest for this case."))
    if item.outcome is not None:
        raise DeliberationError(_l("The committee has already decided on this case."))
    if item.case.status is not CaseStatus.IN_DELIBERATION:
        raise DeliberationError(
            _l("Not possible while the case is %(status)s.", status=item.case.status.label)
        )


def cast_vote(item: MeetingItem, member: User, position: Position, reasons: str) -> Vote:
    """Record or change a member's position; an unfavourable one must give reasons."""
    _check_voter(item, member)
    reasons = reasons.strip()
    if position is Position.UNFAVOURABLE and not reasons:
        raise DeliberationError(_l("An unfavourable position needs reasons."))
    vote = next((v for v in item.votes if v.member_id == member.id), None)
    if vote is None:
        vote = Vote(item=item, member=member, position=position, reasons=reasons)
        db.session.add(vote)
    else:
        vote.position, vote.reasons = position, reasons
    db.session.flush()
    return vote


def declare_conflict(item: MeetingItem, member: User, note: str) -> ConflictOfInterest:
    """A member steps out of a case's vote; an earlier position on it is withdrawn."""
    if item.outcome is not None:
        raise DeliberationError(_l("The committee has already decided on this case."))
    if not note.strip():
        raise DeliberationError(_l("Give a reason for this step."))
    conflict = ConflictOfInterest(item=item, member=member, note=note.strip())
    db.session.add(conflict)
    item.votes = [vote for vote in item.votes if vote.member_id != member.id]
    db.session.flush()
    return conflict


def add_minority_opinion(item: MeetingItem, author: User, text: str) -> MinorityOpinion:
    """A member's dissent in their own words, to be carried into the advisory."""
    if not can(author, Permission.MEETING_VOTE, item.case) or author not in item.meeting.present:
        raise DeliberationError(_l("Only members recorded as present can take a position."))
    opinion = MinorityOpinion(item=item, author=author, text=text.strip())
    db.session.add(opinion)
    db.session.flush()
    return opinion


def tally(item: MeetingItem) -> Counter[Position]:
    """How many members took each position."""
    return Counter(vote.position for vote in item.votes)


def eligible_voters(item: MeetingItem) -> list[User]:
    """Present members who may vote on this case (conflicts of interest excluded)."""
    conflicted = {conflict.member_id for conflict in item.conflicts}
    return [
        user for user in item.meeting.present
        if user.id not in conflicted and can(user, Permission.MEETING_VOTE, item.case)
    ]  # fmt: skip


def decide(item: MeetingItem, actor: User, outcome: Position) -> MeetingItem:
    """Record the committee's decision; refused without quorum."""
    if not can(actor, Permission.MEETING_MANAGE, item.case):
        raise DeliberationError(_l("You may not do this on this case."))
    if item.outcome is not None:
        raise DeliberationError(_l("The committee has already decided on this case."))
    if outcome is Position.ABSTAIN:
        raise DeliberationError(_l("Abstaining is a member's position, not a decision."))
    if len(eligible_voters(item)) < item.meeting.quorum:
        raise DeliberationError(
            _l("No quorum: at least %(quorum)d voting members must be present.",
               quorum=item.meeting.quorum)
        )  # fmt: skip
    item.outcome = outcome
    item.decided_at = utcnow()
    item.decided_by = actor
    db.session.flush()
    return item


def save_minutes(meeting: Meeting, minutes: str) -> None:
    """The minutes in Markdown (sanitised wherever shown)."""
    meeting.minutes = minutes
    db.session.flush()
