"""The CNIL-style risk map as standalone SVG: deterministic, accessible, CSP-safe (no styles)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from dpia_templates.dpia.labels import say
from dpia_templates.dpia.model import LEVELS
from dpia_templates.dpia.risk import RiskLevel, RiskPoint, describe_level, risk_level

CELL = 84
LEFT, TOP, RIGHT, BOTTOM = 118, 16, 16, 78
SIZE = len(LEVELS) * CELL
WIDTH, HEIGHT = LEFT + SIZE + RIGHT, TOP + SIZE + BOTTOM
FILL = {RiskLevel.LOW: "#cfe8cf", RiskLevel.MEDIUM: "#fbe3a6", RiskLevel.HIGH: "#f2b8b0"}
INK, MUTED, MARKER = "#1f2933", "#3e4c59", "#102a43"


def _attrs(**values: object) -> str:
    """XML attributes in the given order (SVG names use '-' where Python uses '_')."""
    return "".join(f" {name.replace('_', '-')}={quoteattr(str(v))}" for name, v in values.items())


def _tag(name: str, content: str = "", **attrs: object) -> str:
    """One element; content is already escaped."""
    return (
        f"<{name}{_attrs(**attrs)}>{content}</{name}>" if content else f"<{name}{_attrs(**attrs)}/>"
    )


def _cell_origin(severity: int, likelihood: int) -> tuple[int, int]:
    """Top-left corner of a cell: severity runs right, likelihood runs up."""
    return LEFT + (severity - 1) * CELL, TOP + (len(LEVELS) - likelihood) * CELL


def _grid(lang: str) -> list[str]:
    """The 16 coloured cells, each with its level written out (colour is never the only cue)."""
    parts = []
    for likelihood in LEVELS:
        for severity in LEVELS:
            x, y = _cell_origin(severity, likelihood)
            level = risk_level(severity, likelihood)
            rect = _tag(
                "rect",
                x=x,
                y=y,
                width=CELL,
                height=CELL,
                fill=FILL[level],
                stroke="#ffffff",
                stroke_width=2,
            )
            name = escape(say(f"risk_level.{level.value}", lang))
            text = _tag(
                "text",
                name,
                x=x + CELL / 2,
                y=y + CELL - 7,
                text_anchor="middle",
                font_size=10,
                fill=MUTED,
            )
            parts.append(rect + text)
    return parts


def _axes(lang: str) -> list[str]:
    """Tick labels and axis titles."""
    parts = []
    for level in LEVELS:
        name = escape(say(f"level.{level}", lang))
        x = LEFT + (level - 0.5) * CELL
        parts.append(
            _tag(
                "text",
                f"{level}",
                x=x,
                y=TOP + SIZE + 16,
                text_anchor="middle",
                font_size=12,
                fill=INK,
            )
        )
        parts.append(
            _tag(
                "text", name, x=x, y=TOP + SIZE + 30, text_anchor="middle", font_size=10, fill=MUTED
            )
        )
        y = TOP + (len(LEVELS) - level + 0.5) * CELL
        parts.append(
            _tag(
                "text",
                f"{level} {name}",
                x=LEFT - 8,
                y=y + 4,
                text_anchor="end",
                font_size=10,
                fill=MUTED,
            )
        )
    parts.append(
        _tag(
            "text",
            escape(say("text.severity", lang)),
            x=LEFT + SIZE / 2,
            y=TOP + SIZE + 56,
            text_anchor="middle",
            font_size=13,
            font_weight="bold",
            fill=INK,
        )
    )
    mid = TOP + SIZE / 2
    parts.append(
        _tag(
            "text",
            escape(say("text.likelihood", lang)),
            x=16,
            y=mid,
            text_anchor="middle",
            font_size=13,
            font_weight="bold",
            fill=INK,
            transform=f"rotate(-90 16 {mid})",
        )
    )
    return parts


def _markers(
    placed: dict[tuple[int, int], list[RiskPoint]], residual: bool, lang: str
) -> list[str]:
    """Numbered circles, spread in a small grid when several risks share a cell."""
    parts = []
    for (severity, likelihood), points in sorted(placed.items()):
        x0, y0 = _cell_origin(severity, likelihood)
        columns = math.ceil(math.sqrt(len(points)))
        step = min(24.0, (CELL - 24) / columns)
        radius = round(step * 0.45, 1)
        for index, point in enumerate(points):
            cx = round(x0 + CELL / 2 + (index % columns - (columns - 1) / 2) * step, 1)
            cy = round(y0 + (CELL - 14) / 2 + (index // columns - (columns - 1) / 2) * step, 1)
            circle = _tag(
                "circle", cx=cx, cy=cy, r=radius, fill=MARKER, stroke="#ffffff", stroke_width=1.5
            )
            number = _tag(
                "text",
                str(point.number),
                x=cx,
                y=round(cy + radius * 0.4, 1),
                text_anchor="middle",
                font_size=round(radius * 1.1, 1),
                font_weight="bold",
                fill="#ffffff",
            )
            tip = _tag("title", escape(_sentence(point, residual, lang)))
            parts.append(_tag("g", tip + circle + number, data_risk=point.id))
    return parts


def _sentence(point: RiskPoint, residual: bool, lang: str) -> str:
    """One risk spelled out for the description and the marker's tooltip."""
    severity, likelihood = point.cell(residual) or (0, 0)
    level = say(f"risk_level.{risk_level(severity, likelihood).value}", lang)
    return say(
        "text.rated",
        lang,
        number=point.number,
        title=point.title,
        level=level,
        severity=describe_level(severity, lang),
        likelihood=describe_level(likelihood, lang),
    )


def risk_map_svg(
    points: Iterable[RiskPoint],
    title: str,
    lang: str,
    *,
    residual: bool = False,
    id_prefix: str = "riskmap",
) -> str:
    """The 4x4 map (severity across, likelihood up) with one numbered marker per rated risk."""
    placed: dict[tuple[int, int], list[RiskPoint]] = {}
    unrated: list[RiskPoint] = []
    for point in points:
        cell = point.cell(residual)
        if cell is None:
            unrated.append(point)
        else:
            placed.setdefault(cell, []).append(point)
    stage = say("text.stage_residual" if residual else "text.stage_inherent", lang)
    sentences = [say("text.map_desc", lang, stage=stage)]
    sentences += [
        _sentence(point, residual, lang) for cell in sorted(placed) for point in placed[cell]
    ]
    if unrated:
        items = ", ".join(f"{point.number}. {point.title}" for point in unrated)
        sentences.append(say("text.map_unrated", lang, items=items))
    head = _tag("title", escape(title), id=f"{id_prefix}-title")
    head += _tag("desc", escape(" ".join(sentences)), id=f"{id_prefix}-desc")
    body = "".join(_grid(lang) + _axes(lang) + _markers(placed, residual, lang))
    root = _attrs(
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {HEIGHT}",
        width=WIDTH,
        height=HEIGHT,
        role="img",
        aria_labelledby=f"{id_prefix}-title {id_prefix}-desc",
        font_family="sans-serif",
    )
    return f"<svg{root}>{head}{body}</svg>\n"
