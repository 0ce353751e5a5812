"""Cheap published advisories with distinct texts, for search and visibility tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from compass._text import Text
from compass.graph import graph_to_json, new_graph
from compass.graph.model import add_node
from ethicsdesk.advisories.models import Advisory, AdvisoryCondition, AdvisoryStatus, Outcome
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.organisations.operations import ensure_organisation, ensure_school
from ethicsdesk.publications.models import Publication, Visibility
from ethicsdesk.publications.operations import publish
from tests.advisories.conftest import decided  # noqa: F401 - the signed-advisory fixture
from tests.factories import make_case, make_user


def assessment(
    strong: tuple[str, ...] = (),
    harmed: tuple[str, ...] = (),
    mitigated: tuple[str, ...] = (),
    promoted: tuple[str, ...] = (),
    parents: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Frozen advisory content with heat-map cells and a value graph, as content.py makes it.

    strong: values with a negative_strong cell; harmed: values with an unmitigated harm;
    mitigated: values with a mitigated harm; promoted: values with a larger positive effect;
    parents: sub-value -> parent value (an ``includes`` edge).
    """
    cells = [{"value": v, "stakeholder": "pupils", "median": -2.0, "tone": "negative_strong"}
             for v in strong]  # fmt: skip
    cells.append({"value": "transparency", "stakeholder": "pupils", "median": -1.0,
                  "tone": "negative"})  # fmt: skip
    graph = new_graph("1", Text("Casus", "Case"))
    values = {*harmed, *mitigated, *promoted, *(parents or {}), *(parents or {}).values()}
    for order, value in enumerate(sorted(values)):
        add_node(graph, f"value:{value}", "value", Text(value, value), order, urn=f"urn:{value}")
    for child, parent in (parents or {}).items():
        graph.add_edge(f"value:{parent}", f"value:{child}", key="includes")
    effects = [(v, -1, 0.5, False) for v in harmed] + [(v, -1, 0.5, True) for v in mitigated]
    effects += [(v, 1, 1.0, False) for v in promoted]
    for order, (value, sign, severity, is_mitigated) in enumerate(effects):
        effect = f"effect:dpia:{order}"
        add_node(graph, effect, "effect", Text(effect, effect), order, sign=sign,
                 severity=severity, likelihood=1.0, source="dpia")  # fmt: skip
        graph.add_edge("case", effect, key="has_effect")
        graph.add_edge(effect, f"value:{value}", key="demotes" if sign < 0 else "promotes",
                       strength=1.0)  # fmt: skip
        if is_mitigated:
            add_node(graph, f"option:m{order}", "option", Text("m", "m"), order,
                     option_kind="context")  # fmt: skip
            graph.add_edge(f"option:m{order}", effect, key="mitigates")
    return {"compass": {"cells": cells}, "graph": graph_to_json(graph)}


CORPUS: dict[str, dict[str, Any]] = {
    "reken": {"title": "Rekenmeester", "vendor": "Numera BV", "outcome": Outcome.FAVOURABLE,
                  "summary": "Oefenprogramma voor rekenen; leerlingen oefenen thuis.",
                  "condition": "Geen tracking van leerlingen.", "schools": ["De Regenboog"],
                  "content": assessment(strong=("privacy",))},
    "schrijf": {"title": "SchrijfMaatje AI", "vendor": "Schrijfhulp BV",
                    "summary": "Generatieve AI voor schrijfopdrachten.",
                    "condition": "Geen training op leerlingteksten.",
                    "schools": ["De Regenboog", "Het Kompas"],
                    "content": assessment(harmed=("privacy", "self_direction"),
                                          parents={"self_direction": "autonomy"})},
    "camera": {"title": "Camerabewaking", "vendor": "Oogwacht", "outcome": Outcome.UNFAVOURABLE,
                   "summary": "Gezichtsherkenning bij de ingang is niet toegestaan.",
                   "schools": ["Het Kompas"],
                   "content": assessment(mitigated=("justice", "wellbeing"),
                                         promoted=("wellbeing",))},
    "volg": {"title": "Leerlingvolgsysteem", "vendor": "Numera BV", "outcome": Outcome.FAVOURABLE,
                 "summary": "Privacyverklaring en coöperatie met ouders.",
                 "visibility": Visibility.INTERNAL, "schools": ["Het Kompas"],
                 "content": assessment(harmed=("privacy",))},
    "taal": {"title": "Taalapp Français", "vendor": "Linguo", "re_evaluation": date(2020, 1, 1),
                 "summary": "Franse woordjes oefenen; één account per leerling."},
    "quiz": {"title": "Quiz tool", "vendor": "Kwisje", "outcome": Outcome.FAVOURABLE,
                 "issued": date(2025, 3, 1), "summary": "Leerlingen spelen quizzen in de klas."},
}  # fmt: skip


def make_published(key: str, spec: dict[str, Any], actor: Any, number: int) -> Publication:
    """A SIGNED advisory inserted directly (no real signing), then published for real."""
    organisation = ensure_organisation("Testvereniging")
    schools = [ensure_school(organisation, name) for name in spec.get("schools", ())]
    case = make_case(title=spec["title"], vendor=spec["vendor"], schools=schools)
    advisory = Advisory(
        case=case, number=f"EC-2026-{number:03d}", version=1, status=AdvisoryStatus.SIGNED,
        title=spec["title"], outcome=spec.get("outcome", Outcome.FAVOURABLE_WITH_CONDITIONS),
        public_summary=spec["summary"], reasons="",
        re_evaluation_date=spec.get("re_evaluation", date(2030, 1, 1)),
        issued_on=spec.get("issued", date(2026, 6, 1)), content=spec.get("content", {}),
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
