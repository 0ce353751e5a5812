"""Every URL rule x every identity: the status class a human wrote down in permission_matrix.toml.

GET where the rule has it; for state-changing rules also a POST with a valid CSRF token and an
empty form, which a forbidden identity must meet with 403 before any validation, and an allowed
one never with a server error. Each check runs on its own copy of the world.
"""

from __future__ import annotations

import pytest
from flask import Flask

from tests.security.matrix import (
    STATE_CHANGING,
    Check,
    app_rules,
    build_url,
    load_matrix,
    methods_of,
    outcome_of,
)
from tests.security.world import IDENTITIES, World

CHECKS = load_matrix()


def test_the_matrix_covers_every_rule_and_only_existing_ones(app: Flask) -> None:
    rules = set(app_rules(app))
    written = {check.rule for check in CHECKS}
    assert sorted(rules - written) == [], "URL rules missing from permission_matrix.toml"
    assert sorted(written - rules) == [], "permission_matrix.toml names rules that do not exist"


def test_every_identity_is_signed_in_as_itself(world: World, world_app: Flask) -> None:
    """A guard on the fixture: a failed sign-in would make every 'login' expectation pass."""
    for name in IDENTITIES:
        response = world.browser(world_app, name).get("/account")
        assert (response.status_code == 200) == (name != "anonymous"), name


@pytest.mark.parametrize("check", CHECKS, ids=[check.label for check in CHECKS])
def test_permission_matrix(world: World, world_app: Flask, check: Check) -> None:
    rule = app_rules(world_app).get(check.rule)
    assert rule is not None, f"{check.rule} is in the matrix but not in the app"
    arguments = world.scenarios[check.scenario]
    wrong = []
    for identity in IDENTITIES:
        url = build_url(rule, arguments, identity)
        browser = world.browser(world_app, identity)
        for method in methods_of(rule):
            if method in STATE_CHANGING:
                data = {"csrf_token": world.identities[identity].csrf_token}
                response = browser.client.open(url, method=method, data=data)
            else:
                response = browser.get(url)
            got = outcome_of(response)
            if got != check.expected[identity]:
                wrong.append(
                    f"{method} {url} as {identity}: expected {check.expected[identity]}, "
                    f"got {got} ({response.status_code} {response.headers.get('Location', '')})"
                )
    assert not wrong, f"{check.label}:\n" + "\n".join(wrong)
