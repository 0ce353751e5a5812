"""The permission matrix file, URLs built from the world, and what a response's status means."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from tests.security.world import IDENTITIES

MATRIX_FILE = Path(__file__).with_name("permission_matrix.toml")
OUTCOMES = ("ok", "login", "forbidden", "hidden")
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Check:
    """One line of the matrix: a rule, visited in one scenario, and each identity's outcome."""

    rule: str
    scenario: str
    expected: dict[str, str]  # identity -> outcome

    @property
    def label(self) -> str:
        return self.rule if self.scenario == "main" else f"{self.rule} [{self.scenario}]"


def load_matrix(path: Path = MATRIX_FILE) -> list[Check]:
    """Read the matrix; every check must name each identity exactly once."""
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    checks = []
    for entry in document["check"]:
        expected: dict[str, str] = {}
        for outcome in OUTCOMES:
            for identity in entry.get(outcome, []):
                assert identity not in expected, f"{entry['rule']}: {identity} listed twice"
                assert identity in IDENTITIES, f"{entry['rule']}: unknown identity {identity}"
                expected[identity] = outcome
        missing = set(IDENTITIES) - set(expected)
        assert not missing, f"{entry['rule']}: no outcome for {sorted(missing)}"
        checks.append(Check(entry["rule"], entry.get("scenario", "main"), expected))
    return checks


def app_rules(app: Flask) -> dict[str, Rule]:
    """Every URL rule but the static files, by its rule string."""
    return {rule.rule: rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"}


def build_url(rule: Rule, arguments: dict[str, Any], identity: str = "") -> str:
    """The rule's path with the world's objects filled in.

    An argument may be given per identity (``risk_id@member``) or per blueprint
    (``dpia.section_id``); those come before the plain name.
    """
    blueprint = rule.endpoint.split(".")[0]
    values = {}
    for name in rule.arguments:
        for key in (f"{name}@{identity}", f"{blueprint}.{name}", name):
            if arguments.get(key) is not None:
                values[name] = arguments[key]
                break
    missing = sorted(set(rule.arguments) - set(values))
    assert not missing, f"{rule.rule}: the world has no object for {missing}"
    return rule.build(values, append_unknown=False)[1]  # type: ignore[index]


def methods_of(rule: Rule) -> list[str]:
    """GET when the rule has it, and POST (etc.) when it changes state."""
    methods = rule.methods or set()
    return [m for m in ("GET", "POST", "PUT", "PATCH", "DELETE") if m in methods]


def outcome_of(response: TestResponse) -> str:
    """The class of a response: ok, login (sent to sign in), forbidden, hidden, or an error."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if status == 401 or (status in (302, 303) and location.startswith("/login?next=")):
        return "login"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "hidden"
    if status >= 500:
        return f"server error {status}"
    if status == 400:
        return "bad request 400 (CSRF token refused?)"
    return "ok"
