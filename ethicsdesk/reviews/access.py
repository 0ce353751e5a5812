"""Loading a case for a view: one place for "may this user open this case, and for what"."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ethicsdesk.core.permissions import Permission, authorize, can
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from ethicsdesk.reviews.queries import case_by_id


def load_case(
    case_id: int, permission: Permission = Permission.CASE_VIEW, *, owner_sees_draft: bool = False
) -> ReviewCase:
    """The case, 404 when it is missing or hidden from this user, 403 without the permission.

    A draft stays private to its requester until it is submitted; committee pages (DPIA,
    compass, advisory) do not exist for a draft at all.
    """
    case = case_by_id(case_id) or abort(404)
    authorize(Permission.CASE_VIEW, case)
    if case.status is CaseStatus.DRAFT and not (
        owner_sees_draft and case.is_owned_by(current_user)
    ):
        abort(404)
    if permission is not Permission.CASE_VIEW and not can(current_user, permission, case):
        abort(403)
    return case
