"""Draw a graph layout as an accessible SVG (the table alternative is in graph.table).

Positive and negative effects differ in colour AND shape AND line style AND marker
(▲ solid rounded box / ▼ dashed box with cut corners), so colour is never the only cue.
"""

from __future__ import annotations

import networkx as nx

from compass._svg import (
    INK,
    MUTED,
    NEGATIVE_LINE,
    POSITIVE_LINE,
    document,
    el,
    esc,
    num,
    text_lines,
)
from compass._text import message
from compass.graph.layout import GraphLayout, LaidOutNode, layout_graph
from compass.graph.model import (
    AFFECTS,
    CASE_NODE,
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
    label,
)

POSITIVE_FILL, NEGATIVE_FILL, PLAIN_FILL, OPTION_FILL = "#e7e4f2", "#fde6cf", "#ffffff", "#eeeeee"
EDGE_STYLES: dict[str, dict[str, object]] = {
    AFFECTS: {"stroke": MUTED, "stroke_width": 1.2},
    PROMOTES: {"stroke": POSITIVE_LINE, "stroke_width": 2.0},
    DEMOTES: {"stroke": NEGATIVE_LINE, "stroke_width": 2.0, "stroke_dasharray": "6 4"},
    MITIGATES: {"stroke": INK, "stroke_width": 1.5, "stroke_dasharray": "2 3"},
    CAUSES: {"stroke": NEGATIVE_LINE, "stroke_width": 1.5, "stroke_dasharray": "8 3 2 3"},
    REQUIRES: {"stroke": MUTED, "stroke_width": 1.2, "stroke_dasharray": "2 3"},
    INCLUDES: {"stroke": MUTED, "stroke_width": 1.0},
}
LEGEND_HEIGHT = 64.0


def _points(*pairs: tuple[float, float]) -> str:
    """Polygon points attribute."""
    return " ".join(f"{num(x)},{num(y)}" for x, y in pairs)


def _shape(node: LaidOutNode) -> str:
    """The outline of a node: its shape and line style say what it is without colour."""
    x, y, w, h = node.x, node.y, node.width, node.height
    if node.kind == EFFECT and node.sign < 0:
        c = 8.0
        corners = (
            (x + c, y),
            (x + w - c, y),
            (x + w, y + c),
            (x + w, y + h - c),
            (x + w - c, y + h),
            (x + c, y + h),
            (x, y + h - c),
            (x, y + c),
        )
        return el(
            "polygon",
            points=_points(*corners),
            fill=NEGATIVE_FILL,
            stroke=NEGATIVE_LINE,
            stroke_width=2,
            stroke_dasharray="6 4",
        )
    if node.kind == EFFECT:
        return el(
            "rect",
            x=x,
            y=y,
            width=w,
            height=h,
            rx=8,
            fill=POSITIVE_FILL,
            stroke=POSITIVE_LINE,
            stroke_width=2,
        )
    if node.kind == OPTION:
        s = 10.0
        return el(
            "polygon",
            points=_points((x + s, y), (x + w, y), (x + w - s, y + h), (x, y + h)),
            fill=OPTION_FILL,
            stroke=INK,
        )
    if node.kind == CONDITION:
        return el(
            "rect", x=x, y=y, width=w, height=h, fill=PLAIN_FILL, stroke=INK, stroke_dasharray="2 2"
        )
    if node.kind == VALUE:
        return el(
            "rect",
            x=x,
            y=y,
            width=w,
            height=h,
            rx=h / 2,
            fill=PLAIN_FILL,
            stroke=INK,
            stroke_width=1.5,
        )
    outer = el("rect", x=x, y=y, width=w, height=h, fill=PLAIN_FILL, stroke=INK, stroke_width=1.5)
    if node.vulnerable:
        outer += el("rect", x=x + 3, y=y + 3, width=w - 6, height=h - 6, fill="none", stroke=INK)
    return outer


def _node(node: LaidOutNode) -> str:
    """A node group: tooltip with the full text, shape, marker and wrapped label."""
    lines = node.lines if not node.marker else (f"{node.marker} {node.lines[0]}", *node.lines[1:])
    text = text_lines(
        lines,
        node.x + 10 + (6 if node.kind == OPTION else 0),
        node.y + node.height / 2,
        11,
        fill=INK,
    )
    return el("g", el("title", esc(node.detail)) + _shape(node) + text)


def _legend(layout: GraphLayout) -> str:
    """Legend along the bottom: the same cues as in the drawing, in words."""
    samples = (
        ("graph.legend_positive", EFFECT, 1, False),
        ("graph.legend_negative", EFFECT, -1, False),
        ("graph.legend_option", OPTION, 0, False),
        ("graph.legend_vulnerable", STAKEHOLDER, 0, True),
    )
    parts = []
    for index, (key, kind, sign, vulnerable) in enumerate(samples):
        x, y = 16.0 + (index % 2) * 330, layout.height + 12 + (index // 2) * 26
        sample = LaidOutNode("", kind, x, y, 34, 18, ("",), "", "", sign, "", vulnerable)
        text = esc(message(key).get(layout.lang))
        parts.append(_shape(sample) + el("text", text, x=x + 42, y=y + 13, font_size=12, fill=INK))
    return el("g", "".join(parts))


def graph_svg(graph: nx.MultiDiGraph, lang: str = "nl", layout: GraphLayout | None = None) -> str:
    """The value graph as a deterministic, accessible SVG (no style attributes, no script)."""
    layout = layout or layout_graph(graph, lang)
    parts = [
        el(
            "text",
            esc(column.title),
            x=column.x,
            y=16 + 14,
            font_size=13,
            font_weight="bold",
            fill=INK,
        )
        for column in layout.columns
    ]
    for edge in layout.edges:
        (sx, sy), (ax, ay), (bx, by), (ex, ey) = edge.points
        path = f"M{num(sx)} {num(sy)} C{num(ax)} {num(ay)} {num(bx)} {num(by)} {num(ex)} {num(ey)}"
        parts.append(el("path", d=path, fill="none", **EDGE_STYLES[edge.relation]))
    parts.extend(_node(node) for node in layout.nodes)
    parts.append(_legend(layout))
    counts = {
        kind: sum(1 for node in layout.nodes if node.kind == kind)
        for kind in (STAKEHOLDER, EFFECT, VALUE, OPTION)
    }
    desc = message("graph.desc").fill(
        stakeholders=counts[STAKEHOLDER],
        effects=counts[EFFECT],
        values=counts[VALUE],
        options=counts[OPTION],
    )
    title = message("graph.title").fill(case=label(graph, CASE_NODE)).get(layout.lang)
    return document(
        layout.width,
        layout.height + LEGEND_HEIGHT,
        title,
        desc.get(layout.lang),
        "".join(parts),
        "compass-graph",
    )
