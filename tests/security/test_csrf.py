"""Every state-changing URL rule refuses a request without its CSRF token, and changes nothing.

Generated from app.url_map: for each rule accepting POST/PUT/PATCH/DELETE, an identity the
permission matrix allows sends the request with no token, with a malformed one and with a
token that belongs to another session. Each must get 400 with the app's own error page (in
Dutch by default) and leave every table exactly as it was.
"""

from __future__ import annotations

import tempfile
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from ethicsdesk import create_app
from ethicsdesk.extensions import db
from tests.conftest import app_config
from tests.security.matrix import STATE_CHANGING, app_rules, build_url, load_matrix, methods_of
from tests.security.world import IDENTITIES, World

CHECKS = load_matrix()
CSRF_PAGE = "Sessie verlopen"  # the nl title of core.errors.CSRF_MESSAGE


def allowed_check(rule: str) -> tuple[str, str]:
    """The scenario and first identity the matrix lets through on this rule."""
    for check in CHECKS:
        if check.rule == rule:
            for identity in IDENTITIES:
                if check.expected[identity] == "ok":
                    return check.scenario, identity
    raise AssertionError(f"{rule}: the matrix allows nobody, so nobody can test its CSRF check")


def select_all(table: str) -> sa.TextClause:
    return sa.text(f'SELECT * FROM "{table}"')  # noqa: S608 - names come from the schema


def contents() -> dict[str, list[str]]:
    """Every row of every table, in a comparable form."""
    db.session.remove()
    with db.engine.connect() as connection:
        return {
            table: sorted(repr(tuple(row)) for row in connection.execute(select_all(table)))
            for table in sa.inspect(connection).get_table_names()
        }


def state_changing_rules() -> list[str]:
    """Read from the URL map of an app that is never served (the rules do not need a database)."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(app_config("sqlite://"), instance_path=instance)
        rules = app_rules(app)
    return sorted(r for r, rule in rules.items() if STATE_CHANGING & set(rule.methods or ()))


@pytest.mark.parametrize("rule_string", state_changing_rules())
def test_request_without_a_valid_token_is_refused(
    world: World, world_app: Flask, rule_string: str
) -> None:
    rule = app_rules(world_app)[rule_string]
    methods = [m for m in methods_of(rule) if m in STATE_CHANGING]
    scenario, identity = allowed_check(rule_string)
    url = build_url(rule, world.scenarios[scenario], identity)
    other = next(name for name in IDENTITIES if name != identity)
    forged: list[dict[str, Any]] = [
        {},
        {"csrf_token": "not-a-token"},
        {"csrf_token": world.identities[other].csrf_token},  # valid, but for another session
    ]
    before = contents()
    for method in methods:
        for data in forged:
            browser = world.browser(world_app, identity)
            response = browser.client.open(url, method=method, data=data)
            assert response.status_code == 400, (method, url, identity, data)
            assert CSRF_PAGE in response.get_data(as_text=True), (method, url, identity)
    assert contents() == before, f"{url}: a refused request changed the database"
