"""Shared helpers for the review tests: the six school cases as browser form submissions."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from ethicsdesk.organisations.models import School
from ethicsdesk.organisations.operations import ensure_school
from ethicsdesk.reviews.request_form import ANSWER_FIELDS, FACT_FIELDS

CASES = Path(__file__).resolve().parents[2] / "ethicsdesk" / "demo" / "cases"
CASE_FILES = sorted(path.name for path in CASES.glob("*.json"))


def load_case(name: str) -> dict[str, Any]:
    """One of the six example requests in the screening's JSON format."""
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def form_post(document: dict[str, Any], schools: list[School], submit: bool = True) -> dict:
    """What a browser sends when a requester fills in the form with these answers."""
    data: dict[str, Any] = {
        "title": document["technology"],
        "vendor": document.get("vendor", ""),
        "purpose": document["purpose"],
        "category": document.get("category", ""),
        "desired_decision_date": (date.today() + timedelta(days=30)).isoformat(),
        "schools": [str(school.id) for school in schools],
    }
    for name in ANSWER_FIELDS:
        if name in document:
            value = document[name]
            data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    for name in FACT_FIELDS:
        if name in document:
            data[name] = "yes" if document[name] else "no"
    data["submit" if submit else "save"] = "1"
    return data


@pytest.fixture
def schools(organisation: Any) -> list[School]:
    """Two schools of the test association."""
    from ethicsdesk.extensions import db

    created = [
        ensure_school(organisation, "De Regenboog"),
        ensure_school(organisation, "Het Kompas"),
    ]
    db.session.commit()
    return created
