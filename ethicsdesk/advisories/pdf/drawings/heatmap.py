"""The compass heat map (values x stakeholders) as a native drawing: colour plus text per cell."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.graphics.shapes import Drawing, Rect

from compass._text import DASH, format_number
from compass.aggregation import FLAG_OPPOSITE, FLAG_SPREAD, FLAG_UNKNOWN
from compass.heatmap import TONES
from ethicsdesk.advisories.pdf.drawings.common import colour, fit_lines, new_drawing, text_block

LABEL_WIDTH, CELL_HEIGHT, HEADER_HEIGHT = 112.0, 27.0, 34.0
GRID = colour("#c8c8c8")
SYMBOLS = {
    "empty": DASH,
    "neutral": "●",
    "negative": "▼",
    "negative_strong": "▼",
    "positive": "▲",
    "positive_strong": "▲",
}


def cell_text(cell: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """Direction, median and markers ('!' disagreement, '?' many unknown); spread and count."""
    flags = set(cell["flags"])
    marks = ("!" if {FLAG_SPREAD, FLAG_OPPOSITE} & flags else "") + (
        "?" if FLAG_UNKNOWN in flags else ""
    )
    median = cell["median"]
    number = "" if median is None else " " + format_number(median, lang, signed=True)
    spread = DASH if cell["spread"] is None else str(cell["spread"])
    first = f"{SYMBOLS[cell['tone']]}{number}{' ' + marks if marks else ''}"
    return first, f"s {spread} · n {cell['count']}"


def heat_map_drawing(compass: Mapping[str, Any], lang: str, width: float) -> Drawing:
    """The grid in the set's order, each cell filled by its tone and labelled in words."""
    stakeholders, values = compass["stakeholders"], compass["values"]
    cell_width = (width - LABEL_WIDTH) / max(len(stakeholders), 1)
    height = HEADER_HEIGHT + CELL_HEIGHT * len(values)
    drawing = new_drawing(width, height)
    column = {item["id"]: index for index, item in enumerate(stakeholders)}
    row = {item["id"]: index for index, item in enumerate(values)}
    for index, item in enumerate(stakeholders):
        lines = fit_lines(item["label"][lang], 6.5, cell_width - 4, 3, bold=True)
        x = LABEL_WIDTH + cell_width * (index + 0.5)
        drawing.add(
            text_block(lines, x, height - HEADER_HEIGHT / 2, 6.5, anchor="middle", bold=True)
        )
    for index, item in enumerate(values):
        lines = fit_lines(item["label"][lang], 7.5, LABEL_WIDTH - 6, 2)
        drawing.add(text_block(lines, 0, height - HEADER_HEIGHT - CELL_HEIGHT * (index + 0.5), 7.5))
    for cell in compass["cells"]:
        fill, ink = TONES[cell["tone"]]
        x = LABEL_WIDTH + cell_width * column[cell["stakeholder"]]
        y = height - HEADER_HEIGHT - CELL_HEIGHT * (row[cell["value"]] + 1)
        drawing.add(
            Rect(
                x,
                y,
                cell_width,
                CELL_HEIGHT,
                fillColor=colour(fill),
                strokeColor=GRID,
                strokeWidth=0.6,
            )
        )
        first, second = cell_text(cell, lang)
        centre = x + cell_width / 2
        drawing.add(
            text_block(
                [first],
                centre,
                y + CELL_HEIGHT * 0.62,
                8,
                anchor="middle",
                bold=True,
                fill=colour(ink),
            )
        )
        drawing.add(
            text_block(
                [second], centre, y + CELL_HEIGHT * 0.27, 6, anchor="middle", fill=colour(ink)
            )
        )
    return drawing
