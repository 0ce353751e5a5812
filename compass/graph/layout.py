"""Deterministic layered layout of a value graph, as pure data for the SVG and a PDF renderer.

Columns, left to right: stakeholders | effects | measures and conditions | values.
Coordinates are in points (1/72 inch) with y growing downwards; a PDF renderer (reportlab,
origin bottom-left) draws a node at (x, layout.height - y - height). Edges are cubic Bézier
curves given as (start, control 1, control 2, end). The case node and its has_effect edges
are implicit (the whole picture is the case) and not laid out.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from compass._svg import wrap
from compass._text import check_lang, format_percent, message
from compass.graph.model import (
    AFFECTS,
    CAUSES,
    CONDITION,
    DEMOTES,
    EFFECT,
    INCLUDES,
    MITIGATES,
    OPTION,
    PROMOTES,
    REQUIRES,
    STAKEHOLDER,
    VALUE,
    in_edges,
    label,
    nodes_of,
    out_edges,
)

COLUMNS: tuple[tuple[str, ...], ...] = ((STAKEHOLDER,), (EFFECT,), (OPTION, CONDITION), (VALUE,))
COLUMN_TITLES = {
    STAKEHOLDER: "column_stakeholder",
    EFFECT: "column_effect",
    OPTION: "column_option",
    VALUE: "column_value",
}
RELATIONS = (AFFECTS, PROMOTES, DEMOTES, MITIGATES, CAUSES, REQUIRES, INCLUDES)
SUBVALUE_INDENT = 14.0


@dataclass(frozen=True, slots=True)
class LaidOutNode:
    """A node's box, wrapped label lines, full label and what tells it apart without colour."""

    id: str
    kind: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    label: str
    detail: str
    sign: int
    marker: str
    vulnerable: bool


@dataclass(frozen=True, slots=True)
class LaidOutEdge:
    """An edge as a cubic Bézier curve: (start, control 1, control 2, end)."""

    source: str
    target: str
    relation: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class LayoutColumn:
    """A column with its title."""

    kinds: tuple[str, ...]
    title: str
    x: float
    width: float


@dataclass(frozen=True, slots=True)
class GraphLayout:
    """Everything needed to draw the graph, in drawing order, for one language."""

    lang: str
    width: float
    height: float
    columns: tuple[LayoutColumn, ...]
    nodes: tuple[LaidOutNode, ...]
    edges: tuple[LaidOutEdge, ...]


def column_order(graph: nx.MultiDiGraph) -> tuple[tuple[str, ...], ...]:
    """The explicitly ordered node ids of each column (shared by the SVG, PDF and table)."""
    stakeholders, values = nodes_of(graph, STAKEHOLDER), nodes_of(graph, VALUE)
    rank = {node: index for index, node in enumerate(stakeholders + values)}

    def effect_key(effect: str) -> tuple[int, int, int, str]:
        groups = [rank[s] for s, _ in out_edges(graph, effect, AFFECTS)] or [len(rank)]
        touched = [rank[v] for v, _ in out_edges(graph, effect, PROMOTES, DEMOTES)] or [len(rank)]
        return min(groups), min(touched), graph.nodes[effect]["order"], effect

    effects = sorted(nodes_of(graph, EFFECT), key=effect_key)
    position = {node: index for index, node in enumerate(effects)}

    def centre(node: str, targets: list[str]) -> tuple[float, int, str]:
        known = [position[t] for t in targets if t in position]
        return (
            sum(known) / len(known) if known else float(len(position)),
            graph.nodes[node]["order"],
            node,
        )

    options = sorted(
        nodes_of(graph, OPTION),
        key=lambda o: centre(o, [e for e, _ in out_edges(graph, o, MITIGATES, CAUSES)]),
    )
    position.update({node: index for index, node in enumerate(options)})
    conditions = sorted(
        nodes_of(graph, CONDITION),
        key=lambda c: centre(c, [o for o, _ in out_edges(graph, c, REQUIRES)]),
    )
    return tuple(stakeholders), tuple(effects), tuple(options + conditions), tuple(values)


def _detail(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    """Tooltip text: for effects sign, likelihood and severity; for groups their vulnerability."""
    data = graph.nodes[node]
    text = label(graph, node).get(lang)
    if data["kind"] == EFFECT:
        likelihood = data.get("likelihood")
        return (
            message("graph.effect_title")
            .fill(
                effect=text,
                sign=message("graph.sign_positive" if data["sign"] > 0 else "graph.sign_negative"),
                likelihood="?" if likelihood is None else format_percent(likelihood, lang),
                severity=format_percent(data["severity"], lang),
            )
            .get(lang)
        )
    if data.get("vulnerable"):
        return f"{text} ({message('graph.vulnerable').get(lang)})"
    return text


def _curve(a: LaidOutNode, b: LaidOutNode) -> tuple[tuple[float, float], ...]:
    """Bézier from a to b: side to side across columns, a bulge to the right within one."""
    ay, by = a.y + a.height / 2, b.y + b.height / 2
    if abs(a.x - b.x) < a.width / 2:
        right_a, right_b = a.x + a.width, b.x + b.width
        bulge = max(right_a, right_b) + 18 + abs(ay - by) / 12
        return (right_a, ay), (bulge, ay), (bulge, by), (right_b, by)
    left, right = (a, b) if a.x < b.x else (b, a)
    start = (left.x + left.width, left.y + left.height / 2)
    end = (right.x, right.y + right.height / 2)
    middle = (start[0] + end[0]) / 2
    return start, (middle, start[1]), (middle, end[1]), end


def layout_graph(
    graph: nx.MultiDiGraph,
    lang: str = "nl",
    *,
    node_width: float = 190.0,
    node_height: float = 40.0,
    row_gap: float = 10.0,
    column_gap: float = 64.0,
    margin: float = 16.0,
    header: float = 30.0,
    chars: int = 29,
) -> GraphLayout:
    """Place every node in its column (explicit order, vertically centred) and route the edges."""
    check_lang(lang)
    order = column_order(graph)
    step = node_height + row_gap
    tallest = max((len(column) for column in order), default=0)
    nodes: dict[str, LaidOutNode] = {}
    columns = []
    for index, (kinds, column) in enumerate(zip(COLUMNS, order, strict=True)):
        x = margin + index * (node_width + column_gap)
        columns.append(
            LayoutColumn(
                kinds, message(f"graph.{COLUMN_TITLES[kinds[0]]}").get(lang), x, node_width
            )
        )
        top = margin + header + (tallest - len(column)) * step / 2
        for row, node in enumerate(column):
            data = graph.nodes[node]
            sub = data["kind"] == VALUE and any(True for _ in in_edges(graph, node, INCLUDES))
            indent = SUBVALUE_INDENT if sub else 0.0
            sign = int(data.get("sign", 0)) if data["kind"] == EFFECT else 0
            full = label(graph, node).get(lang)
            nodes[node] = LaidOutNode(
                id=node,
                kind=data["kind"],
                x=x + indent,
                y=top + row * step,
                width=node_width - indent,
                height=node_height,
                lines=wrap(full, chars - (2 if sign else 0) - (1 if indent else 0), 2),
                label=full,
                detail=_detail(graph, node, lang),
                sign=sign,
                marker={1: "▲", -1: "▼"}.get(sign, ""),
                vulnerable=bool(data.get("vulnerable", False)),
            )
    edges = sorted(
        (
            LaidOutEdge(source, target, key, _curve(nodes[source], nodes[target]))
            for source, target, key in graph.edges(keys=True)
            if key in RELATIONS and source in nodes and target in nodes
        ),
        key=lambda edge: (RELATIONS.index(edge.relation), edge.source, edge.target),
    )
    height = margin * 2 + header + tallest * step
    width = margin * 2 + len(COLUMNS) * node_width + (len(COLUMNS) - 1) * column_gap + 30
    ordered = tuple(nodes[node] for column in order for node in column)
    return GraphLayout(lang, width, height, tuple(columns), ordered, tuple(edges))
