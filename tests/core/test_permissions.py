"""Access: every view declares it, undeclared views are refused, roles get what they need."""

from __future__ import annotations

import pytest
from flask import Flask

from ethicsdesk.core.permissions import (
    PUBLIC,
    ROLE_GRANTS,
    Permission,
    Role,
    Scope,
    can,
    declared_access,
)
from tests.factories import DEFAULT_PASSWORD, make_case, make_user


def test_every_url_rule_declares_its_access(app: Flask) -> None:
    undeclared = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if declared_access(app.view_functions[rule.endpoint]) is None
    ]
    assert undeclared == []


def test_declarations_name_real_permissions(app: Flask) -> None:
    for rule in app.url_map.iter_rules():
        access = declared_access(app.view_functions[rule.endpoint])
        assert access == PUBLIC or access in set(Permission), rule.rule


def test_an_undeclared_view_is_denied(app: Flask, browser) -> None:
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    user = make_user(Role.ADMIN, Role.SECRETARY)
    browser.login(user.email, DEFAULT_PASSWORD)
    response = browser.get("/forgotten")
    assert response.status_code == 403
    assert "secret" not in response.get_data(as_text=True)


def test_anonymous_user_is_sent_to_login(browser) -> None:
    response = browser.get("/reviews/queue")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_requester_cannot_open_secretary_pages(browser) -> None:
    requester = make_user(Role.REQUESTER)
    browser.login(requester.email, DEFAULT_PASSWORD)
    assert browser.get("/reviews/queue").status_code == 403
    assert browser.get("/admin/users").status_code == 403


def test_requester_never_sees_another_requesters_case(browser) -> None:
    own = make_case()
    other = make_user(Role.REQUESTER)
    browser.login(other.email, DEFAULT_PASSWORD)
    response = browser.get(f"/reviews/{own.id}")
    assert response.status_code == 404
    assert own.title not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.SECRETARY, Role.CHAIR, Role.DPO, Role.COORDINATOR]
)
def test_committee_roles_read_every_case(browser, role: Role) -> None:
    case = make_case()
    user = make_user(role)
    browser.login(user.email, DEFAULT_PASSWORD)
    assert browser.get("/reviews/queue").status_code == 200
    assert browser.get(f"/reviews/{case.id}").status_code == 200


def test_coordinator_reads_everything_and_edits_nothing() -> None:
    grants = ROLE_GRANTS[Role.COORDINATOR]
    assert Permission.CASE_VIEW in grants
    assert Permission.CASE_MANAGE not in grants
    assert Permission.CASE_CREATE not in grants


def test_blocked_user_has_no_permission(app: Flask) -> None:
    user = make_user(Role.SECRETARY)
    user.active = False
    assert not can(user, Permission.CASE_QUEUE)


def test_every_role_can_read_published_advisories(app: Flask) -> None:
    for role in Role:
        assert can(make_user(role), Permission.ADVISORY_READ)
    assert can(make_user(), Permission.ADVISORY_READ)  # staff without a role


def test_own_scope_is_narrowed_to_owned_objects(app: Flask) -> None:
    case = make_case()
    stranger = make_user(Role.REQUESTER)
    assert ROLE_GRANTS[Role.REQUESTER][Permission.CASE_VIEW] is Scope.OWN
    assert can(case.requester, Permission.CASE_VIEW, case)
    assert not can(stranger, Permission.CASE_VIEW, case)
