"""Fixtures for the dpia_templates tests: the rule set, a request builder and the school cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dpia_templates import RuleSet, ScreeningResult, load_ruleset, screen

CASES_DIR = Path(__file__).resolve().parent / "cases"

# Answers that trigger no rule at all: each table row adds only the answers it tests.
BASELINE: dict[str, Any] = {
    "technology": "Testproduct",
    "category": "lms",
    "purpose": "Test",
    "hosting": "netherlands",
    "processor_agreement": "signed",
}


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The package's rules, loaded once."""
    return load_ruleset()


@pytest.fixture
def make_request() -> Callable[..., dict[str, Any]]:
    """Build a request from the baseline plus the given answers."""

    def build(**answers: Any) -> dict[str, Any]:
        return {**BASELINE, **answers}

    return build


@pytest.fixture
def screen_answers() -> Callable[..., ScreeningResult]:
    """Screen the baseline request plus the given answers."""

    def run(**answers: Any) -> ScreeningResult:
        return screen({**BASELINE, **answers})

    return run


@pytest.fixture
def load_case() -> Callable[[str], dict[str, Any]]:
    """Read a school case from cases/NAME.json."""

    def load(name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))
        return data

    return load
