"""Graph layout (pure data), SVG and table: deterministic, ordered, accessible, fast enough."""

from __future__ import annotations

import time

import networkx as nx
import pytest

from compass import QuestionSet, Text, aggregate
from compass._text import DASH
from compass.graph import (
    build_value_graph,
    find_tensions,
    graph_from_json,
    graph_svg,
    graph_table,
    graph_to_json,
    layout_graph,
    most_affected_vulnerable,
    net_impact_by_stakeholder,
    net_impact_by_value,
    unmitigated_harms,
)
from compass.graph.model import CONDITION, INCLUDES, REQUIRES, add_node
from tests.compass.helpers import (
    SVG,
    GraphMaker,
    check_accessible_svg,
    known_graph,
    parse_svg,
    random_answers,
)

LONG = "Leerlingen worden zonder het te merken ingedeeld in niveaugroepen op basis van klikgedrag"


def big_graph() -> nx.MultiDiGraph:
    """6 stakeholders, 9 values (one with a sub-value), 20 effects, 3 options, 1 condition."""
    g = GraphMaker()
    groups = [g.stakeholder(f"groep {i}", vulnerable=i == 0) for i in range(6)]
    values = [g.value(f"waarde {i}") for i in range(8)]
    sub = g.value("subwaarde")
    g.graph.add_edge(values[0], sub, key=INCLUDES)
    values.append(sub)
    effects = [
        g.effect(
            LONG if i == 3 else f"effect {i}",
            1 if i % 3 == 0 else -1,
            groups[i % 6],
            values[i % 9],
            0.5,
            0.75,
        )
        for i in range(20)
    ]
    g.option("versleutelen", mitigates=(effects[1], effects[2]))
    g.option("toestemming vragen", mitigates=(effects[4],), causes=(effects[0],))
    g.option("training", mitigates=(effects[19],))
    add_node(g.graph, "condition:c1", CONDITION, Text("Voorwaarde", "Condition"), 0)
    g.graph.add_edge("condition:c1", "option:versleutelen", key=REQUIRES)
    return g.graph


def test_layout_columns_order_and_bounds() -> None:
    layout = layout_graph(big_graph(), "nl")
    columns = {node.kind: node.x for node in layout.nodes}
    assert columns["stakeholder"] < columns["effect"] < columns["option"] < columns["value"]
    assert [c.title for c in layout.columns] == [
        "Belanghebbenden",
        "Effecten",
        "Maatregelen en voorwaarden",
        "Waarden",
    ]
    for node in layout.nodes:
        assert node.x >= 0
        assert node.x + node.width <= layout.width
        assert node.y >= 0
        assert node.y + node.height <= layout.height
    effects = [n for n in layout.nodes if n.kind == "effect"]
    assert len(effects) == 20
    assert [n.y for n in effects] == sorted(n.y for n in effects)
    column = [n.id for n in layout.nodes if n.kind in ("option", "condition")]
    assert column[-1] == "condition:c1"
    assert len(column) == 4
    assert all(len(edge.points) == 4 for edge in layout.edges)


def test_effects_are_grouped_by_stakeholder_then_value() -> None:
    layout = layout_graph(big_graph())
    order = [n.id for n in layout.nodes if n.kind == "effect"]
    # group 0 has effects 0 and 18 (value 0), 12 (value 3) and 6 (value 6)
    assert order[:4] == [
        "effect:effect 0",
        "effect:effect 18",
        "effect:effect 12",
        "effect:effect 6",
    ]


def test_long_labels_are_wrapped_and_kept_whole_in_the_tooltip() -> None:
    node = next(n for n in layout_graph(big_graph()).nodes if n.label == LONG)
    assert len(node.lines) == 2
    assert node.lines[-1].endswith("…")
    assert node.detail.startswith(LONG)
    assert "waarschijnlijkheid 75%" in node.detail
    assert node.marker == "▲"
    assert node.sign == 1


def test_layout_survives_freezing_unchanged() -> None:
    graph = big_graph()
    assert layout_graph(graph_from_json(graph_to_json(graph)), "en") == layout_graph(graph, "en")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_graph_svg_is_deterministic_and_accessible(lang: str) -> None:
    svg = graph_svg(big_graph(), lang)
    assert svg == graph_svg(big_graph(), lang)
    root = check_accessible_svg(svg)
    assert root[0].text == ("Waardenimpact: Casus" if lang == "nl" else "Value impact: Case")
    shapes = {
        (el.tag, el.get("stroke-dasharray"))
        for el in root.iter()
        if el.get("fill") in ("#fde6cf", "#e7e4f2")
    }
    assert (f"{SVG}polygon", "6 4") in shapes
    assert (f"{SVG}rect", None) in shapes
    titles = [el.text for el in root.iter(f"{SVG}title")]
    assert any(t and t.startswith(LONG) for t in titles)
    assert "▲" in svg
    assert "▼" in svg


def test_graph_svg_handles_an_empty_graph() -> None:
    parse_svg(graph_svg(GraphMaker().graph))


def test_table_alternative_rows() -> None:
    table = graph_table(known_graph(), "en")
    assert table.header == (
        "Stakeholder",
        "Effect",
        "Value",
        "Direction",
        "Likelihood",
        "Severity",
        "Mitigated by",
    )
    rows = [
        (r.stakeholder, r.effect, r.value, r.sign, r.likelihood, r.severity, r.mitigated_by)
        for r in table.rows
    ]
    assert rows == [
        ("pupils", "e1", "privacy", "negative", "50%", "100%", "o1"),
        ("teachers", "e2", "privacy", "positive", "100%", "50%", DASH),
        ("teachers", "e3", "autonomy", "negative", "?", "100%", DASH),
        ("parents", "e4", "sustainability", "negative", "50%", "50%", "o2"),
    ]


def test_graph_analysis_of_one_case_is_fast(association: QuestionSet) -> None:
    answers = random_answers(association, members=9, seed=7)
    started = time.perf_counter()
    result = aggregate(association, answers)
    graph = build_value_graph(association, result, case="c", title=Text("c", "c"))
    analyses = (
        net_impact_by_value(graph),
        net_impact_by_stakeholder(graph),
        find_tensions(graph),
        unmitigated_harms(graph),
        most_affected_vulnerable(graph),
    )
    svg = graph_svg(graph)
    elapsed = time.perf_counter() - started
    effects = sum(1 for _, kind in graph.nodes(data="kind") if kind == "effect")
    print(  # noqa: T201 - the brief asks to report this timing
        f"\none case: {len(answers)} answers, {effects} effects; "
        f"aggregate + graph + analyses + SVG: {elapsed * 1000:.1f} ms"
    )
    assert all(analyses)
    assert svg
