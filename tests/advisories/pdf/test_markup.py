"""User text is text: Markdown is sanitised, and nothing reaches reportlab's own markup parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ethicsdesk.advisories.pdf import render_advisory
from ethicsdesk.advisories.pdf.richtext import markdown_flowables, new_converter
from tests.advisories.pdf.helpers import fonts, read, run_tool, text_of

HOSTILE = (
    "Voor <script>alert('xss')</script>na & verder <para>alinea</para> "
    '<font name="Helvetica" size="40">groot</font> <img src="x.png" onerror="alert(1)"/> '
    '<onDraw name="evil"/> <a href="javascript:alert(1)">klik</a> <seq id="x"/> '
    "&lt;para&gt; &amp;amp; **vet** <b>ook vet</b> <u>onder</u> \x00\x07 einde\n\n"
    "<table><tr><td>cel <font color=red>rood</font></td></tr></table>\n\n"
    "| kop | kolom |\n|---|---|\n| a & b | <i>c</i> |\n\n"
    "```\n<para>code & zo</para>\n```\n\n> citaat <script>x()</script>\n\n1. een\n2. twee\n"
)


def _hostile(advisory: dict[str, Any]) -> dict[str, Any]:
    """The example with reportlab and HTML markup in every kind of user text."""
    advisory["title"] = 'Titel <b>niet vet</b> & <font name="Helvetica">geen font</font>'
    advisory["reasons"] = HOSTILE
    advisory["public_summary"] = "<para>" + HOSTILE
    advisory["conditions"][0]["text"] = HOSTILE
    advisory["conditions"][0]["owner"] = "<i>FG</i> & co"
    advisory["minority_opinions"][0]["text"] = HOSTILE
    advisory["deliberation"]["positions"][0]["reason"] = "</para><para>nee & <br/>ja"
    advisory["signers"][0]["name"] = "Eva <onDraw name='x'/> de Vries"
    return advisory


def test_markup_in_user_text_neither_breaks_nor_injects(
    advisory: dict[str, Any], tmp_path: Path
) -> None:
    pdf = render_advisory(_hostile(advisory))
    text = " ".join(text_of(pdf).split())
    assert 'Titel <b>niet vet</b> & <font name="Helvetica">geen font</font>' in text
    assert "Voor na & verder alinea groot klik <para> &amp; vet ook vet onder einde" in text
    assert "<i>FG</i> & co" in text
    assert "</para><para>nee &" in text
    assert "Eva <onDraw name='x'/> de Vries" in text
    assert "<para>code & zo</para>" in text
    assert "a & b" in text
    assert "cel rood" in text
    assert "alert" not in text
    assert "x()" not in text
    assert "javascript" not in text
    reader = read(pdf)
    for page in reader.pages:
        assert "/Annots" not in page  # no links, images or other injected objects
        assert all(
            "Helvetica" not in str(font["/BaseFont"]) for _, font in fonts(page["/Resources"])
        )
        assert "/XObject" not in page["/Resources"] or all(
            xobject.get_object()["/Subtype"] == "/Form"
            for xobject in page["/Resources"]["/XObject"].values()
        )
    assert run_tool("qpdf", pdf, tmp_path, "--check").returncode == 0


def test_unknown_tags_are_reduced_to_text() -> None:
    source = "<para>a</para> <x-y>b</x-y>\n\n<section>c <b>d</b></section>"
    flowables = markdown_flowables(source, 400, new_converter())
    assert [(type(f).__name__, f.text) for f in flowables] == [
        ("Paragraph", "a b"),
        ("Paragraph", "c <b>d</b>"),
    ]
