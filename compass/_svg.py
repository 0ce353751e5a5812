"""Small SVG writing helpers: escaping, attributes, wrapping, and the accessible document frame.

Only presentation attributes are written (never `style=`), and never a script, because the
app's Content-Security-Policy forbids inline styles and scripts.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
# ColorBrewer PuOr (5 classes): readable with the common forms of colour blindness.
NEGATIVE_STRONG = "#e66101"
NEGATIVE = "#fdb863"
NEUTRAL = "#f7f7f7"
POSITIVE = "#b2abd2"
POSITIVE_STRONG = "#5e3c99"
EMPTY = "#ffffff"
INK = "#1a1a1a"
MUTED = "#6b6b6b"
NEGATIVE_LINE = "#b35806"
POSITIVE_LINE = "#542788"


def esc(text: object) -> str:
    """Escape text for element content and attribute values."""
    return escape(str(text), {'"': "&quot;"})


def num(value: float) -> str:
    """A coordinate with at most one decimal, so the same layout always prints the same bytes."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def el(tag: str, content: str = "", **attributes: object) -> str:
    """One element; attribute names use _ for - and a trailing _ to dodge Python keywords."""
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        rendered = num(value) if isinstance(value, float) else esc(value)
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{rendered}"')
    if tag == "svg" or content:
        return f"<{tag}{''.join(parts)}>{content}</{tag}>"
    return f"<{tag}{''.join(parts)}/>"


def wrap(text: str, width: int, lines: int) -> tuple[str, ...]:
    """Wrap a label into at most `lines` lines of `width` characters, ending in … when cut."""
    wrapped = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if len(wrapped) <= lines:
        return tuple(wrapped)
    kept = wrapped[:lines]
    last = kept[-1][: max(width - 1, 1)].rstrip()
    return (*kept[:-1], last + "…")


def text_lines(
    lines: tuple[str, ...], x: float, y: float, size: float, **attributes: object
) -> str:
    """A <text> with one <tspan> per line, vertically centred on y."""
    step = size * 1.2
    top = y - step * (len(lines) - 1) / 2 + size * 0.35
    spans = "".join(
        el("tspan", esc(line), x=x, y=top + index * step) for index, line in enumerate(lines)
    )
    return el("text", spans, font_size=size, **attributes)


def document(width: float, height: float, title: str, desc: str, body: str, ident: str) -> str:
    """The accessible frame: role=img, <title> and <desc> referenced by aria-labelledby."""
    return el(
        "svg",
        el("title", esc(title), id=f"{ident}-title")
        + el("desc", esc(desc), id=f"{ident}-desc")
        + body,
        xmlns="http://www.w3.org/2000/svg",
        width=float(width),
        height=float(height),
        viewBox=f"0 0 {num(width)} {num(height)}",
        role="img",
        aria_labelledby=f"{ident}-title {ident}-desc",
        font_family=FONT,
    )
