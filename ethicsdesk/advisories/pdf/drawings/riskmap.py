"""The CNIL 4x4 risk map as a native drawing, with the colours and levels of the web's SVG map."""

from __future__ import annotations

import math
from collections.abc import Iterable

from reportlab.graphics.shapes import Circle, Drawing, Group, Rect

from dpia_templates.dpia.labels import say as dpia_say
from dpia_templates.dpia.model import LEVELS
from dpia_templates.dpia.risk import RiskPoint, risk_level
from dpia_templates.dpia.riskmap import FILL, MARKER, MUTED
from ethicsdesk.advisories.pdf.drawings.common import WHITE, colour, label, new_drawing

CELL = 40.0
LEFT, BOTTOM, TOP, RIGHT = 26.0, 30.0, 18.0, 4.0
SIZE = len(LEVELS) * CELL
WIDTH, HEIGHT = LEFT + SIZE + RIGHT, BOTTOM + SIZE + TOP


def _origin(severity: int, likelihood: int) -> tuple[float, float]:
    """Bottom-left corner of a cell: severity runs right, likelihood runs up."""
    return LEFT + (severity - 1) * CELL, BOTTOM + (likelihood - 1) * CELL


def _grid(drawing: Drawing, lang: str) -> None:
    """The 16 cells, each coloured and named by its level (colour is never the only cue)."""
    for likelihood in LEVELS:
        for severity in LEVELS:
            x, y = _origin(severity, likelihood)
            level = risk_level(severity, likelihood)
            drawing.add(
                Rect(
                    x,
                    y,
                    CELL,
                    CELL,
                    fillColor=colour(FILL[level]),
                    strokeColor=WHITE,
                    strokeWidth=1.5,
                )
            )
            name = dpia_say(f"risk_level.{level.value}", lang)
            drawing.add(label(x + CELL / 2, y + 3, name, 5.5, anchor="middle", fill=colour(MUTED)))


def _axes(drawing: Drawing, lang: str) -> None:
    """Tick numbers and the axis titles (level names are listed in the legend beside the map)."""
    for level in LEVELS:
        drawing.add(label(LEFT + (level - 0.5) * CELL, BOTTOM - 10, str(level), 7, anchor="middle"))
        drawing.add(
            label(LEFT - 5, BOTTOM + (level - 0.5) * CELL - 2.5, str(level), 7, anchor="end")
        )
    drawing.add(
        label(
            LEFT + SIZE / 2,
            4,
            f"{dpia_say('text.severity', lang)} →",
            7.5,
            anchor="middle",
            bold=True,
        )
    )
    title = label(0, 0, f"{dpia_say('text.likelihood', lang)} →", 7.5, anchor="middle", bold=True)
    drawing.add(Group(title, transform=(0, 1, -1, 0, 8, BOTTOM + SIZE / 2)))


def _markers(drawing: Drawing, placed: dict[tuple[int, int], list[RiskPoint]]) -> None:
    """Numbered discs, spread in a small grid when several risks share a cell."""
    for (severity, likelihood), points in sorted(placed.items()):
        x0, y0 = _origin(severity, likelihood)
        columns = math.ceil(math.sqrt(len(points)))
        step = min(13.0, (CELL - 12) / columns)
        radius = step * 0.45
        for index, point in enumerate(points):
            cx = x0 + CELL / 2 + (index % columns - (columns - 1) / 2) * step
            cy = y0 + (CELL + 7) / 2 - (index // columns - (columns - 1) / 2) * step
            drawing.add(
                Circle(cx, cy, radius, fillColor=colour(MARKER), strokeColor=WHITE, strokeWidth=0.8)
            )
            size = radius * (1.15 if point.number < 10 else 0.95)
            drawing.add(
                label(
                    cx,
                    cy - size * 0.36,
                    str(point.number),
                    size,
                    anchor="middle",
                    bold=True,
                    fill=WHITE,
                )
            )


def risk_map_drawing(
    points: Iterable[RiskPoint], title: str, lang: str, *, residual: bool
) -> Drawing:
    """One map (before or after the measures) with a numbered marker per rated risk."""
    drawing = new_drawing(WIDTH, HEIGHT)
    placed: dict[tuple[int, int], list[RiskPoint]] = {}
    for point in points:
        cell = point.cell(residual)
        if cell is not None:
            placed.setdefault(cell, []).append(point)
    _grid(drawing, lang)
    _axes(drawing, lang)
    _markers(drawing, placed)
    drawing.add(label(LEFT, HEIGHT - 11, title, 8, bold=True))
    return drawing
