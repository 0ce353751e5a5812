"""Fonts, colours and paragraph/table styles: one place, so no built-in (unembedded) font leaks in.

DejaVu Sans ships inside this package (fonts/, licence in fonts/LICENSE) and is embedded as a
subset. reportlab falls back to Helvetica wherever a font is not named, so the defaults in
rl_config are pointed at DejaVu too and every style below names its fonts explicitly.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, BOLD, ITALIC, BOLD_ITALIC = (
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique",
)
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#b8c2cc")
HEADER_FILL = colors.HexColor("#e8edf2")
OUTCOME_FILL = {
    "favourable": colors.HexColor("#cfe8cf"),
    "favourable_with_conditions": colors.HexColor("#fbe3a6"),
    "postponed": colors.HexColor("#e3e3e3"),
    "unfavourable": colors.HexColor("#f2b8b0"),
}

PAGE_MARGIN = 18 * mm
BODY_SIZE, BODY_LEADING = 9.5, 13.0


@functools.cache
def register_fonts() -> str:
    """Register the DejaVu family once per process and make it every reportlab default."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    rl_config.canvas_basefontname = FONT
    rl_config.defaultGraphicsFontName = FONT
    return FONT


def _style(name: str, **values: object) -> ParagraphStyle:
    """A paragraph style with every font attribute set (reportlab's defaults are Helvetica)."""
    base: dict[str, object] = {
        "fontName": FONT,
        "bulletFontName": FONT,
        "fontSize": BODY_SIZE,
        "leading": BODY_LEADING,
        "textColor": INK,
        "spaceAfter": 4,
    }
    base.update(values)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """All paragraph styles of the advisory, by name."""
    register_fonts()
    return {
        "body": _style("body"),
        "small": _style("small", fontSize=8, leading=10.5, textColor=MUTED),
        "cell": _style("cell", fontSize=8.5, leading=11, spaceAfter=0),
        "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "quote": _style("quote", fontName=ITALIC, leftIndent=12),
        "h1": _style(
            "h1",
            fontName=BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=4,
            spaceAfter=8,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        "h2": _style(
            "h2",
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": _style(
            "h3",
            fontName=BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=4,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "cover_kind": _style("cover_kind", fontSize=13, leading=17, textColor=MUTED),
        "cover_title": _style(
            "cover_title",
            fontName=BOLD,
            fontSize=24,
            leading=30,
            spaceBefore=10,
            spaceAfter=14,
            textColor=ACCENT,
        ),
        "cover_meta": _style("cover_meta", fontSize=11, leading=15),
        "outcome": _style(
            "outcome", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=0
        ),
        "footer": _style("footer", fontSize=7.5, leading=9, textColor=MUTED),
    }


def table_style(*extra: tuple[object, ...], header: bool = True, lines: bool = True) -> TableStyle:
    """Grid, padding and fonts for every table (FONTNAME always set: the default is Helvetica)."""
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if lines:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, RULE))
    if header:
        commands += [
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ]
    return TableStyle([*commands, *extra])
