"""Cheap published advisories with distinct texts, for search and visibility tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ethicsdesk.advisories.models import Advisory, AdvisoryCondition, AdvisoryStatus, Outcome
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Publication, Visibility
from ethicsdesk.publications.operations import publish
from tests.advisories.conftest import decided  # noqa: F401 - the signed-advisory fixture
from tests.factories import make_case, make_user

CORPUS: dict[str, dict[str, Any]] = {
    "reken": {"title": "Rekenmeester", "vendor": "Numera BV", "outcome": Outcome.FAVOURABLE,
                  "summary": "Oefenprogramma voor rekenen; leerlingen oefenen thuis.",
                  "condition": "Geen tracking van leerlingen."},
    "schrijf": {"title": "SchrijfMaatje AI", "vendor": "Schrijfhulp BV",
                    "summary": "Generatieve AI voor schrijfopdrachten.",
                    "condition": "Geen training op leerlingteksten."},
    "camera": {"title": "Camerabewaking", "vendor": "Oogwacht", "outcome": Outcome.UNFAVOURABLE,
                   "summary": "Gezichtsherkenning bij de ingang is niet toegestaan."},
    "volg": {"title": "Leerlingvolgsysteem", "vendor": "Numera BV", "outcome": Outcome.FAVOURABLE,
                 "summary": "Privacyverklaring en coöperatie met ouders.",
                 "visibility": Visibility.INTERNAL},
    "taal": {"title": "Taalapp Français", "vendor": "Linguo", "re_evaluation": date(2020, 1, 1),
                 "summary": "Franse woordjes oefenen; één account per leerling."},
    "quiz": {"title": "Quiz tool", "vendor": "Kwisje", "outcome": Outcome.FAVOURABLE,
                 "issued": date(2025, 3, 1), "summary": "Leerlingen spelen quizzen in de klas."},
}  # fmt: skip


def make_published(key: str, spec: dict[str, Any], actor: Any, number: int) -> Publication:
    """A SIGNED advisory inserted directly (no real signing), then published for real."""
    case = make_case(title=spec["title"], vendor=spec["vendor"])
    advisory = Advisory(
        case=case, number=f"EC-2026-{number:03d}", version=1, status=AdvisoryStatus.SIGNED,
        title=spec["title"], outcome=spec.get("outcome", Outcome.FAVOURABLE_WITH_CONDITIONS),
        public_summary=spec["summary"], reasons="",
        re_evaluation_date=spec.get("re_evaluation", date(2030, 1, 1)),
        issued_on=spec.get("issued", date(2026, 6, 1)), content={},
    )  # fmt: skip
    if spec.get("condition"):
        advisory.conditions.append(AdvisoryCondition(text=spec["condition"], position=0))
    db.session.add(advisory)
    db.session.flush()
    return publish(advisory, actor, spec.get("visibility", Visibility.PUBLIC))


@pytest.fixture
def corpus(app) -> dict[str, Publication]:
    """Six published advisories; 'volg' is internal, the others public."""
    secretary = make_user(Role.SECRETARY, name="Sanne de Vries")
    made = {key: make_published(key, spec, secretary, n) for n, (key, spec) in
            enumerate(CORPUS.items(), start=1)}  # fmt: skip
    db.session.commit()
    return made
