"""The compass heat map: values x stakeholders as a deterministic SVG and as table rows.

Each cell carries colour AND a text label (arrow, median, flags, count) so it reads without
colour; the table rows hold the same labels for an accessible HTML table.
"""

from __future__ import annotations

from dataclasses import dataclass

from compass._svg import (
    EMPTY,
    INK,
    MUTED,
    NEGATIVE,
    NEGATIVE_STRONG,
    NEUTRAL,
    POSITIVE,
    POSITIVE_STRONG,
    document,
    el,
    esc,
    text_lines,
    wrap,
)
from compass._text import DASH, check_lang, format_number, message
from compass.aggregation import FLAG_OPPOSITE, FLAG_SPREAD, FLAG_UNKNOWN, Aggregation, CellSummary
from compass.model import QuestionSet

LABEL_WIDTH, CELL_WIDTH, CELL_HEIGHT, HEADER_HEIGHT, MARGIN, LEGEND_HEIGHT = 200, 118, 46, 58, 8, 56


@dataclass(frozen=True, slots=True)
class HeatMapCell:
    """One cell as text: what the SVG shows, plus the numbers for sorting or export."""

    stakeholder: str
    tone: str
    label: str
    description: str
    median: float | None
    count: int
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HeatMapRow:
    """One value (row header) with its cells in stakeholder order."""

    value: str
    name: str
    cells: tuple[HeatMapCell, ...]


@dataclass(frozen=True, slots=True)
class HeatMapTable:
    """The heat map as an accessible table: caption, column headers and rows."""

    caption: str
    value_header: str
    stakeholders: tuple[tuple[str, str], ...]
    rows: tuple[HeatMapRow, ...]


TONES = {
    "empty": (EMPTY, MUTED),
    "neutral": (NEUTRAL, INK),
    "negative": (NEGATIVE, INK),
    "negative_strong": (NEGATIVE_STRONG, INK),
    "positive": (POSITIVE, INK),
    "positive_strong": (POSITIVE_STRONG, EMPTY),
}


def _tone(cell: CellSummary, reach: int) -> tuple[str, str]:
    """Tone name (also usable as a CSS class) and direction symbol; they always agree."""
    median = cell.stats.median
    if median is None:
        return "empty", DASH
    share = median / reach if reach else 0.0
    if share == 0:
        return "neutral", "●"
    if share < 0:
        return ("negative_strong" if share <= -0.625 else "negative"), "▼"
    return ("positive_strong" if share >= 0.625 else "positive"), "▲"


def _label(cell: CellSummary, symbol: str, lang: str) -> str:
    """Arrow + median + markers: '!' disagreement, '?' many unknown."""
    marks = ("!" if {FLAG_SPREAD, FLAG_OPPOSITE} & set(cell.flags) else "") + (
        "?" if FLAG_UNKNOWN in cell.flags else ""
    )
    median = cell.stats.median
    number = "" if median is None else " " + format_number(median, lang, signed=True)
    return f"{symbol}{number}{' ' + marks if marks else ''}"


def _describe(question_set: QuestionSet, cell: CellSummary, lang: str) -> str:
    """The cell as a sentence (tooltip and table description)."""
    stats = cell.stats
    if stats.count == 0 and stats.unknown == 0:
        median = message("heatmap.no_answers").get(lang)
    else:
        median = DASH if stats.median is None else format_number(stats.median, lang, signed=True)
    return (
        message("heatmap.cell")
        .fill(
            value=question_set.value(cell.value).name,
            stakeholder=question_set.stakeholder(cell.stakeholder).name,
            median=median,
            count=stats.count,
            spread=DASH if stats.spread is None else stats.spread,
            unknown=stats.unknown,
        )
        .get(lang)
    )


def heat_map_table(
    question_set: QuestionSet, aggregation: Aggregation, lang: str = "nl"
) -> HeatMapTable:
    """Rows for an accessible HTML table with exactly the labels of the SVG."""
    check_lang(lang)
    values = list(dict.fromkeys(cell.value for cell in aggregation.cells))
    stakeholders = list(dict.fromkeys(cell.stakeholder for cell in aggregation.cells))
    rows = []
    for value in values:
        cells = []
        for stakeholder in stakeholders:
            cell = aggregation.cell(value, stakeholder)
            if cell is None:
                continue
            reach = max(abs(point) for point in question_set.scales[cell.scale].numbers)
            tone, symbol = _tone(cell, reach)
            cells.append(
                HeatMapCell(
                    stakeholder,
                    tone,
                    _label(cell, symbol, lang),
                    _describe(question_set, cell, lang),
                    cell.stats.median,
                    cell.stats.count,
                    cell.flags,
                )
            )
        rows.append(HeatMapRow(value, question_set.value(value).name.get(lang), tuple(cells)))
    return HeatMapTable(
        caption=message("heatmap.title").fill(set=question_set.title).get(lang),
        value_header=message("heatmap.value").get(lang),
        stakeholders=tuple((s, question_set.stakeholder(s).name.get(lang)) for s in stakeholders),
        rows=tuple(rows),
    )


def _legend(y: float, lang: str) -> str:
    """Swatches with their symbols, and the meaning of the markers."""
    items = [
        (NEGATIVE_STRONG, "heatmap.legend_negative"),
        (NEUTRAL, "heatmap.legend_neutral"),
        (POSITIVE_STRONG, "heatmap.legend_positive"),
    ]
    parts = []
    for index, (fill, key) in enumerate(items):
        x = MARGIN + index * 130
        parts.append(el("rect", x=x, y=y, width=16, height=16, fill=fill, stroke=MUTED))
        parts.append(
            el("text", esc(message(key).get(lang)), x=x + 22, y=y + 12.5, font_size=12, fill=INK)
        )
    parts.append(
        el(
            "text",
            esc(message("heatmap.legend_flags").get(lang)),
            x=MARGIN,
            y=y + 38,
            font_size=12,
            fill=INK,
        )
    )
    return el("g", "".join(parts))


def heat_map_svg(question_set: QuestionSet, aggregation: Aggregation, lang: str = "nl") -> str:
    """The heat map as a standalone, deterministic, accessible SVG string."""
    table = heat_map_table(question_set, aggregation, lang)
    columns = len(table.stakeholders)
    column_of = {stakeholder: index for index, (stakeholder, _) in enumerate(table.stakeholders)}
    width = MARGIN * 2 + LABEL_WIDTH + CELL_WIDTH * max(columns, 1)
    grid_bottom = MARGIN + HEADER_HEIGHT + CELL_HEIGHT * len(table.rows)
    height = grid_bottom + LEGEND_HEIGHT
    parts = []
    for index, (_, name) in enumerate(table.stakeholders):
        x = MARGIN + LABEL_WIDTH + CELL_WIDTH * (index + 0.5)
        parts.append(
            text_lines(
                wrap(name, 17, 3),
                x,
                MARGIN + HEADER_HEIGHT / 2,
                11,
                text_anchor="middle",
                font_weight="bold",
                fill=INK,
            )
        )
    for row_index, row in enumerate(table.rows):
        y = MARGIN + HEADER_HEIGHT + CELL_HEIGHT * row_index
        parts.append(text_lines(wrap(row.name, 28, 2), MARGIN, y + CELL_HEIGHT / 2, 12, fill=INK))
        for item in row.cells:
            fill, ink = TONES[item.tone]
            x = MARGIN + LABEL_WIDTH + CELL_WIDTH * column_of[item.stakeholder]
            count = f"n={item.count}"
            parts.append(
                el(
                    "g",
                    el("title", esc(item.description))
                    + el(
                        "rect",
                        x=x,
                        y=y,
                        width=CELL_WIDTH,
                        height=CELL_HEIGHT,
                        fill=fill,
                        stroke="#ffffff",
                        stroke_width=2,
                    )
                    + text_lines(
                        (item.label, count),
                        x + CELL_WIDTH / 2,
                        y + CELL_HEIGHT / 2,
                        12,
                        text_anchor="middle",
                        fill=ink,
                    ),
                )
            )
    parts.append(_legend(grid_bottom + 10, lang))
    desc = message("heatmap.desc").fill(
        values=len(table.rows), stakeholders=columns, members=len(aggregation.members)
    )
    return document(width, height, table.caption, desc.get(lang), "".join(parts), "compass-heatmap")
