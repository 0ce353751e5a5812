"""Named permissions, what each role is granted, and the one function that decides access.

Every view declares its access with ``@requires(Permission.X)`` or ``@public``; a view without a
declaration is refused (deny by default) and a test walks the URL map to catch it early.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from flask import abort, current_app, request
from flask_login import current_user

from ethicsdesk.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])
ACCESS_ATTRIBUTE = "_ethicsdesk_access"
PUBLIC = "public"


class Role(enum.StrEnum):
    """The committee's roles; one user may hold several (a chair is also a member)."""

    REQUESTER = "requester"
    MEMBER = "member"
    SECRETARY = "secretary"
    CHAIR = "chair"
    DPO = "dpo"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Permission(enum.StrEnum):
    """Actions a view or operation may need; roles grant them with a scope."""

    DASHBOARD = "dashboard.view"
    ACCOUNT_MANAGE_OWN = "account.manage_own"
    ADVISORY_READ = "advisory.read"
    ADVISORY_PUBLISH = "advisory.publish"
    FOLLOW_UP_VIEW = "follow_up.view"
    FOLLOW_UP_RECORD = "follow_up.record"
    CASE_CREATE = "case.create"
    CASE_EDIT = "case.edit"
    CASE_VIEW = "case.view"
    CASE_QUEUE = "case.queue"
    CASE_MANAGE = "case.manage"
    CASE_WITHDRAW = "case.withdraw"
    CASE_DISCUSS = "case.discuss"
    SCREENING_OVERRIDE = "screening.override"
    DPIA_VIEW = "dpia.view"
    DPIA_EDIT = "dpia.edit"
    COMPASS_VIEW = "compass.view"
    COMPASS_ANSWER = "compass.answer"
    COMPASS_COMPARE = "compass.compare"
    PORTFOLIO_VIEW = "portfolio.view"
    MEETING_VIEW = "meeting.view"
    MEETING_VOTE = "meeting.vote"
    MEETING_MANAGE = "meeting.manage"
    USER_ADMIN = "user.admin"


class Scope(enum.IntEnum):
    """How far a grant reaches; a higher scope includes the lower one."""

    OWN = 1
    ALL = 2


class Owned(Protocol):
    """Objects that can answer whether a user owns them (for OWN-scoped grants)."""

    def is_owned_by(self, user: Any) -> bool: ...


# Every signed-in staff member, whatever their roles.
STAFF_GRANTS: dict[Permission, Scope] = {
    Permission.DASHBOARD: Scope.ALL,
    Permission.ACCOUNT_MANAGE_OWN: Scope.ALL,
    Permission.ADVISORY_READ: Scope.ALL,
}

COMMITTEE_READ: dict[Permission, Scope] = {
    Permission.CASE_VIEW: Scope.ALL,
    Permission.CASE_QUEUE: Scope.ALL,
    Permission.DPIA_VIEW: Scope.ALL,
    Permission.COMPASS_VIEW: Scope.ALL,  # an opened comparison; own answers stay private
    Permission.MEETING_VIEW: Scope.ALL,
}
COMMITTEE_WORK: dict[Permission, Scope] = {
    **COMMITTEE_READ,
    Permission.CASE_DISCUSS: Scope.ALL,
    Permission.DPIA_EDIT: Scope.ALL,
    Permission.COMPASS_ANSWER: Scope.ALL,
}
CASE_MANAGEMENT: dict[Permission, Scope] = {
    **COMMITTEE_WORK,
    Permission.CASE_MANAGE: Scope.ALL,
    Permission.CASE_WITHDRAW: Scope.ALL,
    Permission.SCREENING_OVERRIDE: Scope.ALL,
    Permission.COMPASS_COMPARE: Scope.ALL,
    Permission.PORTFOLIO_VIEW: Scope.ALL,
    Permission.MEETING_MANAGE: Scope.ALL,
    Permission.MEETING_VOTE: Scope.ALL,
    Permission.ADVISORY_PUBLISH: Scope.ALL,
    Permission.FOLLOW_UP_VIEW: Scope.ALL,
    Permission.FOLLOW_UP_RECORD: Scope.ALL,
}

ROLE_GRANTS: dict[Role, dict[Permission, Scope]] = {
    Role.REQUESTER: {
        Permission.CASE_CREATE: Scope.ALL,
        Permission.CASE_EDIT: Scope.OWN,
        Permission.CASE_VIEW: Scope.OWN,
        Permission.CASE_WITHDRAW: Scope.OWN,
        Permission.CASE_DISCUSS: Scope.OWN,
    },
    Role.MEMBER: {**COMMITTEE_WORK, Permission.MEETING_VOTE: Scope.ALL},
    # the DPO advises the committee but does not vote
    Role.DPO: {**COMMITTEE_WORK, Permission.SCREENING_OVERRIDE: Scope.ALL},
    Role.COORDINATOR: {  # edits no case; records whether schools follow the advice
        **COMMITTEE_READ,
        Permission.PORTFOLIO_VIEW: Scope.ALL,
        Permission.FOLLOW_UP_VIEW: Scope.ALL,
        Permission.FOLLOW_UP_RECORD: Scope.ALL,
    },
    Role.SECRETARY: CASE_MANAGEMENT,
    Role.CHAIR: CASE_MANAGEMENT,
    Role.ADMIN: {Permission.USER_ADMIN: Scope.ALL},
}


def granted_scope(user: Any, permission: Permission) -> Scope | None:
    """The widest scope any of the user's roles grants for a permission."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    scopes = [STAFF_GRANTS.get(permission)]
    scopes += [ROLE_GRANTS[role].get(permission) for role in user.roles]
    present = [scope for scope in scopes if scope is not None]
    return max(present) if present else None


def can(user: Any, permission: Permission, obj: Owned | None = None) -> bool:
    """The single access decision: a role grant, narrowed to owned objects for OWN scope."""
    scope = granted_scope(user, permission)
    if scope is None:
        return False
    if scope is Scope.ALL or obj is None:
        return True
    return obj.is_owned_by(user)


def authorize(permission: Permission, obj: Owned | None = None) -> None:
    """Stop the request when the current user may not act on this object.

    An object the user may not see answers 404, so its existence does not leak.
    """
    if not can(current_user, permission, obj):
        abort(404 if obj is not None else 403)


def requires(permission: Permission) -> Callable[[F], F]:
    """Declare the permission a view needs; the check runs before the view."""

    def decorate(view: F) -> F:
        setattr(view, ACCESS_ATTRIBUTE, permission)
        return view

    return decorate


def public(view: F) -> F:
    """Declare a view open to anonymous visitors (login page, health check, static files)."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def declared_access(view: Callable[..., Any] | None) -> str | None:
    """What a view function declared, or None when it declared nothing."""
    return getattr(view, ACCESS_ATTRIBUTE, None)


def enforce_view_access() -> Any:
    """Before every request: apply the matched view's declaration, denying undeclared views."""
    if request.endpoint is None:
        return None  # no route matched; Flask answers 404 or 405
    access = declared_access(current_app.view_functions.get(request.endpoint))
    if access == PUBLIC:
        return None
    if access is None:
        current_app.logger.error("view %s declares no permission; denied", request.endpoint)
        abort(403)
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if granted_scope(current_user, Permission(access)) is None:
        abort(403)
    return None
