"""Small drawing helpers shared by the figures: fonts always named, text fitted, scaling."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit

from ethicsdesk.advisories.pdf.styles import BOLD, FONT, INK

WHITE = colors.white


def colour(value: str | colors.Color) -> colors.Color:
    """A reportlab colour from the '#rrggbb' strings the compass and DPIA libraries use."""
    return value if isinstance(value, colors.Color) else colors.HexColor(value)


def dashes(value: object) -> list[float] | None:
    """An SVG stroke-dasharray such as '6 4' as a reportlab dash list."""
    return [float(part) for part in str(value).split()] if value else None


def fit_lines(text: str, size: float, width: float, lines: int, *, bold: bool = False) -> list[str]:
    """Wrap text to a width in points, at most `lines` lines, the last ending in … when cut."""
    font = BOLD if bold else FONT
    wrapped = simpleSplit(text, font, size, width) or [""]
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last = kept[-1]
    while last and simpleSplit(last + "…", font, size, width)[1:]:
        last = last[:-1]
    return [*kept[:-1], last.rstrip() + "…"]


def label(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    anchor: str = "start",
    bold: bool = False,
    fill: colors.Color = INK,
) -> String:
    """One line of text with the embedded font set explicitly (never the Helvetica default)."""
    return String(
        x,
        y,
        text,
        fontName=BOLD if bold else FONT,
        fontSize=size,
        fillColor=fill,
        textAnchor=anchor,
    )


def text_block(
    lines: list[str],
    x: float,
    centre_y: float,
    size: float,
    *,
    anchor: str = "start",
    bold: bool = False,
    fill: colors.Color = INK,
) -> Group:
    """Several lines vertically centred on centre_y (PDF coordinates, y up)."""
    step = size * 1.2
    top = centre_y + step * (len(lines) - 1) / 2 - size * 0.35
    group = Group()
    for index, line in enumerate(lines):
        group.add(label(x, top - index * step, line, size, anchor=anchor, bold=bold, fill=fill))
    return group


def fitted(drawing: Drawing, width: float, height: float) -> Drawing:
    """Scale a drawing down (never up) so it fits width x height points."""
    factor = min(1.0, width / drawing.width, height / drawing.height)
    if factor < 1.0:
        drawing.scale(factor, factor)
        drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


def new_drawing(width: float, height: float) -> Drawing:
    """A drawing whose initial font is embedded DejaVu, whatever reportlab's defaults are."""
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    drawing.initialFontSize = 8
    return drawing
