"""Routes for committee meetings. Each: load → authorise → validate → one operation → respond."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ethicsdesk.core.i18n import current_language
from ethicsdesk.core.permissions import Permission, authorize, can, requires
from ethicsdesk.deliberation import operations, queries
from ethicsdesk.deliberation.agenda import discussion_points
from ethicsdesk.deliberation.forms import (
    AttendanceForm,
    ConflictForm,
    DecisionForm,
    MeetingForm,
    MinorityOpinionForm,
    MinutesForm,
    VoteForm,
)
from ethicsdesk.deliberation.models import Meeting, MeetingItem, Position
from ethicsdesk.deliberation.page import meeting_context
from ethicsdesk.reviews.operations import WorkflowError

bp = Blueprint("deliberation", __name__, url_prefix="/meetings")


def _actor() -> Any:
    return current_user._get_current_object()


def _load(meeting_id: int) -> Meeting:
    return queries.meeting_by_id(meeting_id) or abort(404)


def _load_item(meeting: Meeting, item_id: int, permission: Permission) -> MeetingItem:
    item = queries.item_of(meeting, item_id) or abort(404)
    authorize(permission, item.case)
    return item


def _page(meeting: Meeting, status: int, **forms: Any) -> tuple[str, int]:
    return render_template("deliberation/meeting.html", **meeting_context(meeting, **forms)), status


def _back(meeting: Meeting, anchor: str = "") -> Response:
    return redirect(url_for("deliberation.meeting", meeting_id=meeting.id, _anchor=anchor))


@bp.route("/")
@requires(Permission.MEETING_VIEW)
def index() -> str:
    return render_template(
        "deliberation/index.html",
        meetings=queries.meetings(),
        can_plan=can(current_user, Permission.MEETING_MANAGE),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.MEETING_MANAGE)
def new_meeting() -> Any:
    cases = queries.cases_in_deliberation()
    form = MeetingForm(cases=cases)
    if form.validate_on_submit():
        chosen = [case for case in cases if case.id in set(form.cases.data)]
        lang = current_language()
        points = {case.id: discussion_points(case, lang) for case in chosen}
        meeting = operations.plan_meeting(
            _actor(), form.title.data, form.held_on.data, form.location.data or "",
            form.quorum.data, chosen, points,
        )  # fmt: skip
        flash(_("The meeting was planned."), "success")
        return _back(meeting)
    status = 422 if request.method == "POST" else 200
    return render_template("deliberation/new.html", form=form, has_cases=bool(cases)), status


@bp.route("/<int:meeting_id>")
@requires(Permission.MEETING_VIEW)
def meeting(meeting_id: int) -> tuple[str, int]:
    return _page(_load(meeting_id), 200)


@bp.route("/<int:meeting_id>/attendance", methods=["POST"])
@requires(Permission.MEETING_MANAGE)
def attendance(meeting_id: int) -> Any:
    meeting = _load(meeting_id)
    members = queries.committee_members()
    form = AttendanceForm(members=members)
    if not form.validate_on_submit():
        return _page(meeting, 422, attendance_form=form)
    chosen = set(form.present.data or [])
    operations.record_attendance(meeting, [user for user in members if user.id in chosen])
    flash(_("Attendance saved."), "success")
    return _back(meeting, "attendance")


def _item_action(meeting_id: int, item_id: int, permission: Permission, form_class: type,
                 form_key: str, action: Any, done: str) -> Any:  # fmt: skip
    """The shared shape of every per-case action on the meeting page."""
    meeting = _load(meeting_id)
    item = _load_item(meeting, item_id, permission)
    form = form_class()
    if not form.validate_on_submit():
        return _page(meeting, 422, **{form_key: form, "form_item_id": item.id})
    try:
        action(item, form)
    except WorkflowError as error:
        field = next(f for f in form if f.name != "csrf_token")
        field.errors.append(str(error.message))
        flash(str(error.message), "error")
        return _page(meeting, 409, **{form_key: form, "form_item_id": item.id})
    flash(done, "success")
    return _back(meeting, f"item-{item.id}")


@bp.route("/<int:meeting_id>/items/<int:item_id>/vote", methods=["POST"])
@requires(Permission.MEETING_VOTE)
def vote(meeting_id: int, item_id: int) -> Any:
    def act(item: MeetingItem, form: VoteForm) -> None:
        operations.cast_vote(item, _actor(), Position(form.position.data), form.reasons.data or "")

    return _item_action(meeting_id, item_id, Permission.MEETING_VOTE, VoteForm, "vote_form", act,
                        _("Your position was recorded."))  # fmt: skip


@bp.route("/<int:meeting_id>/items/<int:item_id>/conflict", methods=["POST"])
@requires(Permission.MEETING_VOTE)
def conflict(meeting_id: int, item_id: int) -> Any:
    def act(item: MeetingItem, form: ConflictForm) -> None:
        operations.declare_conflict(item, _actor(), form.note.data)

    done = _("Your conflict of interest was recorded.")
    return _item_action(
        meeting_id, item_id, Permission.MEETING_VOTE, ConflictForm, "conflict_form", act, done
    )


@bp.route("/<int:meeting_id>/items/<int:item_id>/minority", methods=["POST"])
@requires(Permission.MEETING_VOTE)
def minority(meeting_id: int, item_id: int) -> Any:
    def act(item: MeetingItem, form: MinorityOpinionForm) -> None:
        operations.add_minority_opinion(item, _actor(), form.text.data)

    return _item_action(meeting_id, item_id, Permission.MEETING_VOTE, MinorityOpinionForm,
                        "minority_form", act, _("Your minority opinion was recorded."))  # fmt: skip


@bp.route("/<int:meeting_id>/items/<int:item_id>/decide", methods=["POST"])
@requires(Permission.MEETING_MANAGE)
def decide(meeting_id: int, item_id: int) -> Any:
    def act(item: MeetingItem, form: DecisionForm) -> None:
        operations.decide(item, _actor(), Position(form.outcome.data))

    return _item_action(meeting_id, item_id, Permission.MEETING_MANAGE, DecisionForm,
                        "decision_form", act, _("The decision was recorded."))  # fmt: skip


@bp.route("/<int:meeting_id>/minutes", methods=["POST"])
@requires(Permission.MEETING_MANAGE)
def minutes(meeting_id: int) -> Any:
    meeting = _load(meeting_id)
    form = MinutesForm()
    if not form.validate_on_submit():
        return _page(meeting, 422, minutes_form=form)
    operations.save_minutes(meeting, form.minutes.data or "")
    flash(_("The minutes were saved."), "success")
    return _back(meeting, "minutes")
