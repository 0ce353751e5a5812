"""Routes of the follow-up dashboard (coordinator, secretary, chair).

Each route: load → authorise → validate → call one operation → respond.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ethicsdesk.advisories.models import Advisory, AdvisoryCondition, AdvisoryStatus
from ethicsdesk.core.permissions import Permission, can, requires
from ethicsdesk.extensions import db
from ethicsdesk.publications import followup, queries
from ethicsdesk.publications.forms import AdherenceForm, ConditionStatusForm
from ethicsdesk.publications.models import Adherence, ConditionStatus

bp = Blueprint("followup", __name__, url_prefix="/follow-up")


def _page(
    form: AdherenceForm | None = None, condition_form: ConditionStatusForm | None = None
) -> str:
    return render_template(
        "publications/followup.html", overview=followup.overview(queries.today()),
        form=form or AdherenceForm(), condition_form=condition_form or ConditionStatusForm(),
        can_record=can(current_user, Permission.FOLLOW_UP_RECORD),
        status_labels={s.value: s.label for s in ConditionStatus},
    )  # fmt: skip


@bp.route("/")
@requires(Permission.FOLLOW_UP_VIEW)
def dashboard() -> str:
    return _page()


@bp.route("/advisory/<int:advisory_id>", methods=["POST"])
@requires(Permission.FOLLOW_UP_RECORD)
def record(advisory_id: int) -> Any:
    advisory = db.session.get(Advisory, advisory_id) or abort(404)
    if advisory.status is not AdvisoryStatus.SIGNED:
        abort(404)
    form = AdherenceForm()
    if not form.validate_on_submit():
        return _page(form), 422
    followup.record_adherence(advisory, current_user._get_current_object(),
                              Adherence(form.adherence.data), form.note.data or "")  # fmt: skip
    flash(_("The follow-up was recorded."), "success")
    return redirect(url_for(".dashboard"))


@bp.route("/condition/<int:condition_id>", methods=["POST"])
@requires(Permission.FOLLOW_UP_RECORD)
def condition_status(condition_id: int) -> Any:
    condition = db.session.get(AdvisoryCondition, condition_id) or abort(404)
    if condition.advisory.status is not AdvisoryStatus.SIGNED:
        abort(404)
    form = ConditionStatusForm()
    if not form.validate_on_submit():
        return _page(condition_form=form), 422
    status = ConditionStatus(form.status.data)
    actor = current_user._get_current_object()
    followup.record_condition_status(condition, actor, status, form.note.data or "")
    flash(_("The status of the condition was recorded."), "success")
    return redirect(url_for(".dashboard"))
