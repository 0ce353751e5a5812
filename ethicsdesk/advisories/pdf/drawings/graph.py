"""The value-impact graph as a native drawing, from the same layout the web's SVG uses.

Positive and negative effects differ in colour AND outline AND line style AND marker, as in
compass.graph.svg (whose colours and edge styles are reused): ▲ solid rounded box and solid
`promotes` lines versus ▼ dashed box with cut corners and dashed `demotes` lines.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Path, Polygon, Rect

from compass._svg import INK, NEGATIVE_LINE, POSITIVE_LINE
from compass.graph.layout import GraphLayout, LaidOutNode
from compass.graph.model import CONDITION, EFFECT, OPTION, STAKEHOLDER, VALUE
from compass.graph.svg import EDGE_STYLES, NEGATIVE_FILL, OPTION_FILL, PLAIN_FILL, POSITIVE_FILL
from ethicsdesk.advisories.pdf.drawings.common import colour, dashes, label, new_drawing, text_block
from ethicsdesk.advisories.pdf.texts import say

TEXT_SIZE, TITLE_SIZE, LEGEND_HEIGHT = 9.5, 11.0, 50.0
LEGEND = (
    ("graph.positive", EFFECT, 1, False),
    ("graph.negative", EFFECT, -1, False),
    ("graph.measure", OPTION, 0, False),
    ("graph.vulnerable", STAKEHOLDER, 0, True),
)


def _outline(node: LaidOutNode, top: float) -> Group:
    """A node's shape in PDF coordinates (top = the page-space y of the layout's y = 0)."""
    x, w, h = node.x, node.width, node.height
    y = top - node.y - h
    ink = colour(INK)
    group = Group()
    if node.kind == EFFECT and node.sign < 0:
        c = 8.0
        corners = [x + c, y, x + w - c, y, x + w, y + c, x + w, y + h - c]
        corners += [x + w - c, y + h, x + c, y + h, x, y + h - c, x, y + c]
        group.add(
            Polygon(
                corners,
                fillColor=colour(NEGATIVE_FILL),
                strokeColor=colour(NEGATIVE_LINE),
                strokeWidth=2,
                strokeDashArray=[6, 4],
            )
        )
    elif node.kind == EFFECT:
        group.add(
            Rect(
                x,
                y,
                w,
                h,
                rx=8,
                ry=8,
                fillColor=colour(POSITIVE_FILL),
                strokeColor=colour(POSITIVE_LINE),
                strokeWidth=2,
            )
        )
    elif node.kind == OPTION:
        s = 10.0
        points = [x + s, y + h, x + w, y + h, x + w - s, y, x, y]
        group.add(Polygon(points, fillColor=colour(OPTION_FILL), strokeColor=ink, strokeWidth=1))
    elif node.kind == CONDITION:
        group.add(
            Rect(x, y, w, h, fillColor=colour(PLAIN_FILL), strokeColor=ink, strokeDashArray=[2, 2])
        )
    elif node.kind == VALUE:
        group.add(
            Rect(
                x,
                y,
                w,
                h,
                rx=h / 2,
                ry=h / 2,
                fillColor=colour(PLAIN_FILL),
                strokeColor=ink,
                strokeWidth=1.5,
            )
        )
    else:
        group.add(Rect(x, y, w, h, fillColor=colour(PLAIN_FILL), strokeColor=ink, strokeWidth=1.5))
        if node.vulnerable:
            group.add(
                Rect(x + 3, y + 3, w - 6, h - 6, fillColor=None, strokeColor=ink, strokeWidth=1)
            )
    return group


def _node(node: LaidOutNode, top: float) -> Group:
    """Outline plus the wrapped label, the ▲/▼ marker leading the first line."""
    group = _outline(node, top)
    lines = list(node.lines)
    if node.marker:
        lines[0] = f"{node.marker} {lines[0]}"
    left = node.x + 8 + (6 if node.kind == OPTION else 0)
    group.add(text_block(lines, left, top - node.y - node.height / 2, TEXT_SIZE))
    return group


def _edges(layout: GraphLayout, top: float) -> Group:
    """Bézier edges styled per relation exactly as the SVG styles them."""
    group = Group()
    for edge in layout.edges:
        style = EDGE_STYLES[edge.relation]
        (sx, sy), (ax, ay), (bx, by), (ex, ey) = edge.points
        path = Path(
            fillColor=None,
            strokeColor=colour(str(style["stroke"])),
            strokeWidth=float(style["stroke_width"]),  # type: ignore[arg-type]
            strokeDashArray=dashes(style.get("stroke_dasharray")),
        )
        path.moveTo(sx, top - sy)
        path.curveTo(ax, top - ay, bx, top - by, ex, top - ey)
        group.add(path)
    return group


def _legend(lang: str) -> Group:
    """The same cues as in the drawing, in words, along the bottom."""
    group = Group()
    for index, (key, kind, sign, vulnerable) in enumerate(LEGEND):
        x, y = 16.0 + (index % 2) * 380, LEGEND_HEIGHT - 22 - (index // 2) * 24
        sample = LaidOutNode("", kind, x, 0, 34, 18, ("",), "", "", sign, "", vulnerable)
        group.add(_outline(sample, y + 18))
        group.add(label(x + 42, y + 5, say(key, lang), TEXT_SIZE))
    return group


def graph_drawing(layout: GraphLayout) -> Drawing:
    """Columns, edges, nodes and legend; the caller scales the drawing to the page."""
    height = layout.height + LEGEND_HEIGHT
    top = height
    drawing = new_drawing(layout.width, height)
    for column in layout.columns:
        drawing.add(label(column.x, top - 16 - TITLE_SIZE, column.title, TITLE_SIZE, bold=True))
    drawing.add(_edges(layout, top))
    for node in layout.nodes:
        drawing.add(_node(node, top))
    drawing.add(_legend(layout.lang))
    return drawing
