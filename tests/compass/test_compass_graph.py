"""Value-graph analyses on small hand-built graphs with known answers, and the graph builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from compass import InputError, QuestionSet, Text, aggregate
from compass.graph import (
    build_value_graph,
    compass_effect_id,
    dpia_effect_id,
    find_tensions,
    graph_from_json,
    graph_to_data,
    graph_to_json,
    most_affected_vulnerable,
    net_impact_by_stakeholder,
    net_impact_by_value,
    unmitigated_harms,
)
from compass.graph.model import INCLUDES
from tests.compass.helpers import GraphMaker, effect, known_graph


def test_exactly_two_tensions_in_the_known_graph() -> None:
    tensions = find_tensions(known_graph())
    assert [(t.kind, t.subject, t.promoted, t.demoted) for t in tensions] == [
        ("stakeholders", "value:privacy", ("stakeholder:teachers",), ("stakeholder:pupils",)),
        ("option", "option:o1", ("value:privacy",), ("value:sustainability",)),
    ]
    assert (
        tensions[0].explanation.nl
        == "privacy gaat erop vooruit voor teachers, maar achteruit voor pupils."
    )
    assert tensions[1].explanation.en == "'o1' strengthens privacy but weakens sustainability."


def test_exactly_one_unmitigated_harm_becomes_a_candidate_condition() -> None:
    [candidate] = unmitigated_harms(known_graph())
    assert (candidate.effect, candidate.stakeholders, candidate.values) == (
        "effect:e3",
        ("stakeholder:teachers",),
        ("value:autonomy",),
    )
    assert (
        candidate.priority == 1.0
    )  # severity 1 x unknown likelihood (precaution 1) x not vulnerable
    assert candidate.text.nl.startswith(
        "Neem vóór invoering een maatregel tegen 'e3' (teachers; autonomy)"
    )
    assert "how and when the committee checks" in candidate.text.en


def test_net_impact_per_value_and_stakeholder() -> None:
    graph = known_graph()
    by_value = {
        i.node: (i.positive, i.negative, i.net, i.effects) for i in net_impact_by_value(graph)
    }
    assert by_value == {
        "value:privacy": (0.5, 0.5, 0.0, 2),
        "value:autonomy": (0.0, 1.0, -1.0, 1),
        "value:sustainability": (0.0, 0.25, -0.25, 1),
    }
    by_group = {i.node: (i.positive, i.negative, i.net) for i in net_impact_by_stakeholder(graph)}
    assert by_group == {
        "stakeholder:pupils": (0.0, 0.5, -0.5),
        "stakeholder:teachers": (0.5, 1.0, -0.5),
        "stakeholder:parents": (0.0, 0.25, -0.25),
    }


def test_sub_values_roll_up_into_their_value(maker: Callable[[], GraphMaker]) -> None:
    g = maker()
    pupils, wellbeing, safety = g.stakeholder("pupils"), g.value("wellbeing"), g.value("safety")
    g.graph.add_edge(wellbeing, safety, key=INCLUDES)
    g.effect("bullying", -1, pupils, safety, severity=0.5, likelihood=0.5)
    g.effect("calm", 1, pupils, wellbeing, severity=1.0, likelihood=1.0)
    impacts = {i.node: (i.net, i.effects) for i in net_impact_by_value(g.graph)}
    assert impacts == {"value:wellbeing": (0.75, 2), "value:safety": (-0.25, 1)}


def test_most_affected_vulnerable_stakeholders(maker: Callable[[], GraphMaker]) -> None:
    g = maker()
    pupils, young, staff = (
        g.stakeholder("pupils", True),
        g.stakeholder("young", True),
        g.stakeholder("staff"),
    )
    privacy = g.value("privacy")
    e1 = g.effect("e1", -1, pupils, privacy, 1.0, 0.5)
    g.effect("e2", -1, young, privacy, 1.0, 1.0)
    g.effect("e3", 1, pupils, privacy, 0.5, 1.0)
    g.effect("e4", -1, staff, privacy, 1.0, 1.0)
    g.option("o", mitigates=(e1,))
    burdens = most_affected_vulnerable(g.graph)
    assert [
        (b.stakeholder, b.harm, b.benefit, b.negative_effects, b.unmitigated) for b in burdens
    ] == [
        ("stakeholder:young", 1.0, 0.0, 1, 1),
        ("stakeholder:pupils", 0.5, 0.5, 1, 0),
    ]


def test_same_single_stakeholder_on_both_sides_is_no_tension(
    maker: Callable[[], GraphMaker],
) -> None:
    g = maker()
    pupils, privacy = g.stakeholder("pupils"), g.value("privacy")
    g.effect("up", 1, pupils, privacy)
    g.effect("down", -1, pupils, privacy)
    assert find_tensions(g.graph) == ()


def _extra() -> dict[str, Any]:
    return {
        "risks": [
            {
                "id": "leak",
                "nl": "Datalek",
                "en": "Data breach",
                "stakeholders": ["pupils", "parents"],
                "values": ["privacy", "social_safety"],
                "likelihood": "low",
                "severity": "high",
            },
        ],
        "measures": [
            {
                "id": "encrypt",
                "nl": "Versleutelen",
                "en": "Encrypt",
                "kind": "technology",
                "mitigates": ["leak", compass_effect_id("privacy", "pupils")],
            },
        ],
        "conditions": [
            {
                "id": "dpa",
                "nl": "Verwerkersovereenkomst",
                "en": "Processing agreement",
                "options": ["encrypt"],
            }
        ],
    }


def _case(association: QuestionSet) -> nx.MultiDiGraph:
    answers = [
        effect("a", "privacy", "pupils", -2, likelihood=4),
        effect("b", "privacy", "pupils", -1, likelihood=2),
        effect("a", "privacy", "teachers", 1, likelihood=3),
        effect("a", "justice", "pupils", 0),
    ]
    return build_value_graph(
        association,
        aggregate(association, answers),
        case="42",
        title=Text("Rekenapp", "Maths app"),
        extra=_extra(),
    )


def test_build_from_compass_answers_and_dpia_input(association: QuestionSet) -> None:
    graph = _case(association)
    assert graph.graph["set_id"] == "association"
    assert graph.graph["case"] == "42"
    pupils_privacy = graph.nodes[compass_effect_id("privacy", "pupils")]
    assert (pupils_privacy["sign"], pupils_privacy["severity"], pupils_privacy["likelihood"]) == (
        -1,
        0.75,
        0.75,
    )
    assert pupils_privacy["label_nl"] == "Minder privacy voor leerlingen"
    assert compass_effect_id("justice", "pupils") not in graph  # median 0: no effect
    leak = graph.nodes[dpia_effect_id("leak")]
    assert (leak["sign"], leak["severity"], leak["source"]) == (-1, 1.0, "dpia")
    assert graph.has_edge("value:wellbeing", "value:social_safety", key=INCLUDES)
    assert "value:digital_balance" not in graph  # untouched sub-values stay out
    assert graph.has_edge("condition:dpa", "option:encrypt", key="requires")
    assert unmitigated_harms(graph) == ()
    [tension] = find_tensions(graph)
    assert tension.subject == "value:privacy"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["risks"][0].update(stakeholders=["aliens"]),
            "risks[0].stakeholders[0]: unknown stakeholder 'aliens'",
        ),
        (lambda d: d["risks"][0].update(values=["fun"]), "risks[0].values[0]: unknown value 'fun'"),
        (
            lambda d: d["risks"][0].update(likelihood="often"),
            "risks[0].likelihood: must be low, medium, high",
        ),
        (
            lambda d: d["measures"][0].update(mitigates=["flood"]),
            "measures[0].mitigates[0]: unknown effect 'effect:dpia:flood'",
        ),
        (lambda d: d["measures"][0].update(kind="magic"), "measures[0].kind: must be one of"),
        (
            lambda d: d["conditions"][0].update(options=["pray"]),
            "conditions[0].options[0]: unknown option 'option:pray'",
        ),
        (
            lambda d: d["measures"].append(dict(d["measures"][0])),
            "measures[1].id: duplicate id 'encrypt'",
        ),
        (lambda d: d.update(extras=[]), "an object with only"),
    ],
)
def test_bad_dpia_input_is_refused_with_its_path(
    association: QuestionSet, change: Callable[[dict[str, Any]], None], problem: str
) -> None:
    extra = _extra()
    change(extra)
    with pytest.raises(InputError) as caught:
        build_value_graph(
            association, aggregate(association, []), case="x", title=Text("x", "x"), extra=extra
        )
    assert problem in str(caught.value)


def test_measures_may_name_compass_cells_that_have_no_effect_yet(association: QuestionSet) -> None:
    extra = _extra()
    graph = build_value_graph(
        association, aggregate(association, []), case="x", title=Text("x", "x"), extra=extra
    )
    assert list(graph.successors("option:encrypt")) == [dpia_effect_id("leak")]
    extra["measures"][0]["mitigates"] = [compass_effect_id("privacy", "aliens")]
    with pytest.raises(InputError, match="unknown effect 'effect:compass:privacy:aliens'"):
        build_value_graph(
            association, aggregate(association, []), case="x", title=Text("x", "x"), extra=extra
        )


def test_node_link_round_trip_is_byte_identical(association: QuestionSet) -> None:
    graph = _case(association)
    frozen = graph_to_json(graph)
    back = graph_from_json(frozen)
    assert isinstance(back, nx.MultiDiGraph)
    assert graph_to_json(back) == frozen
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    assert back.graph == graph.graph
    assert graph_to_json(_case(association)) == frozen  # rebuilt from the same input
    data = graph_to_data(graph)
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    assert "links" not in data
    assert "edges" in data
