"""What the meeting page shows, prepared in Python: per case the tally, positions and forms."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.deliberation import queries
from ethicsdesk.deliberation.forms import (
    AttendanceForm,
    ConflictForm,
    DecisionForm,
    MinorityOpinionForm,
    MinutesForm,
    VoteForm,
)
from ethicsdesk.deliberation.models import POSITION_LABELS, Meeting, MeetingItem
from ethicsdesk.deliberation.operations import eligible_voters, tally


def _item_view(item: MeetingItem, user: Any, forms: dict[str, Any]) -> dict[str, Any]:
    """One agenda item: counts per position, who said what, and the forms this user may use."""
    mine = forms.get("form_item_id") == item.id
    counts = tally(item)
    voters = eligible_voters(item)
    may_vote = (
        user in voters and item.outcome is None and can(user, Permission.MEETING_VOTE, item.case)
    )
    own = next((vote for vote in item.votes if vote.member_id == user.id), None)
    vote_form = forms.get("vote_form") if mine and forms.get("vote_form") else VoteForm(
        formdata=None, data={"position": own.position.value, "reasons": own.reasons} if own else {}
    )  # fmt: skip
    return {
        "item": item,
        "counts": [(label, counts.get(position, 0)) for position, label in POSITION_LABELS.items()],
        "voters": len(voters),
        "quorum_met": len(voters) >= item.meeting.quorum,
        "votes": sorted(item.votes, key=lambda vote: vote.member.name),
        "may_vote": may_vote,
        "may_decide": can(user, Permission.MEETING_MANAGE, item.case) and item.outcome is None,
        "vote_form": vote_form if may_vote else None,
        "conflict_form": (forms.get("conflict_form") if mine else None)
        or ConflictForm(formdata=None),
        "minority_form": (forms.get("minority_form") if mine else None)
        or MinorityOpinionForm(formdata=None),
        "decision_form": (forms.get("decision_form") if mine else None)
        or DecisionForm(formdata=None),
        "present": user in item.meeting.present,
    }


def meeting_context(meeting: Meeting, **forms: Any) -> dict[str, Any]:
    """The meeting page: attendance, each case with its positions, and the minutes."""
    user = current_user._get_current_object()
    manage = can(user, Permission.MEETING_MANAGE)
    members = queries.committee_members() if manage else []
    attendance_form = forms.get("attendance_form") or AttendanceForm(
        formdata=None, members=members, data={"present": [u.id for u in meeting.present]}
    )
    return {
        "meeting": meeting,
        "items": [_item_view(item, user, forms) for item in meeting.items],
        "manage": manage,
        "attendance_form": attendance_form if manage else None,
        "minutes_form": forms.get("minutes_form")
        or MinutesForm(formdata=None, data={"minutes": meeting.minutes}),
    }
