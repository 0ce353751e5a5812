"""The rendered advisory: every section readable in the right language, clean parsing, layout."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ethicsdesk.advisories.pdf import render_advisory, render_advisory_with_layout
from tests.advisories.pdf.helpers import Rendered, read, run_tool, text_of

SECTIONS = {
    "nl": (
        "Samenvatting en uitkomst", "Voorwaarden", "Voorscreening", "Samenvatting van de DPIA",
        "Ethisch kompas: heatmap", "Waarden-impactgraaf", "Beraadslaging",
        "Minderheidsstandpunten", "Ondertekening",
    ),
    "en": (
        "Summary and outcome", "Conditions", "Pre-screening", "DPIA summary",
        "Ethical compass: heat map", "Value-impact graph", "Deliberation", "Minority opinions",
        "Signatures",
    ),
}  # fmt: skip
CONTENT = {
    "nl": (
        "Uitkomst: Positief, onder voorwaarden", "positief onder drie voorwaarden",
        "verwerkersovereenkomst", "Profilering van leerlingen", "Datalek bij de leverancier",
        "Risicokaart vóór de maatregelen", "Rechtvaardigheid", "Leerlingteksten naar de VS",
        "Quorum gehaald", "Lotte Visser", "niet genoeg", "zijn bepalend", "pagina 3 van 7",
    ),
    "en": (
        "Outcome: Favourable, with conditions", "favourably under three conditions",
        "processing agreement", "Profiling of pupils", "Data breach at the vendor",
        "Risk map before the measures", "Justice", "Pupils' texts to the US", "Quorum met",
        "Lotte Visser", "not enough", "are authoritative", "page 3 of 7",
    ),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_section_is_extractable_in_its_language(
    rendered: dict[str, Rendered], lang: str
) -> None:
    _, pdf, _ = rendered[lang]
    text = " ".join(text_of(pdf).split())
    missing = [s for s in SECTIONS[lang] + CONTENT[lang] if s not in text]
    assert missing == []
    other = "en" if lang == "nl" else "nl"
    assert [s for s in SECTIONS[other] if s not in SECTIONS[lang] and s in text] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sections_are_bookmarked_in_order(rendered: dict[str, Rendered], lang: str) -> None:
    _, pdf, _ = rendered[lang]
    top = [item.title for item in read(pdf).outline if not isinstance(item, list)]
    assert tuple(top) == SECTIONS[lang]


def test_pypdf_opens_the_pdf_without_warnings(
    rendered: dict[str, Rendered], caplog: pytest.LogCaptureFixture
) -> None:
    _, pdf, _ = rendered["nl"]
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        reader = read(pdf)
        for page in reader.pages:
            page.extract_text()
        assert reader.metadata is not None
        assert reader.metadata.title == "SchrijfMaatje AI in de bovenbouw"
    assert caplog.records == []


def test_pdftotext_finds_the_title(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    _, pdf, _ = rendered["nl"]
    result = run_tool("pdftotext", pdf, tmp_path, "-enc", "UTF-8", after=("-",))
    assert result.returncode == 0, result.stderr
    assert "SchrijfMaatje AI in de bovenbouw" in result.stdout


def test_signature_boxes_are_empty_frames_on_the_signature_page(
    rendered: dict[str, Rendered],
) -> None:
    advisory, pdf, boxes = rendered["nl"]
    reader = read(pdf)
    last = len(reader.pages) - 1
    assert [(b.signer, b.name, b.role, b.field_name) for b in boxes] == [
        (0, "Eva de Vries", "Voorzitter", "Signature1"),
        (1, "Ahmed El Amrani", "Secretaris", "Signature2"),
    ]
    width, height = (float(v) for v in reader.pages[last].mediabox.upper_right)
    for box in boxes:
        x1, y1, x2, y2 = box.rect
        assert box.page == last
        assert 0 < x1 < x2 <= width
        assert 0 < y1 < y2 <= height
        assert (x2 - x1, y2 - y1) == pytest.approx((255.12, 85.04), abs=0.05)
    (_, low_top_y1, _, _), (_, _, _, low_y2) = boxes[0].rect, boxes[1].rect
    assert low_y2 < low_top_y1  # stacked, never overlapping
    assert "/AcroForm" not in reader.trailer["/Root"]
    page_text = reader.pages[last].extract_text()
    assert all(signer["name"] in page_text for signer in advisory["signers"])


def test_render_advisory_is_the_first_half_of_the_layout_variant(
    rendered: dict[str, Rendered],
) -> None:
    advisory, pdf, _ = rendered["en"]
    assert render_advisory(advisory, lang="en") == pdf
    assert render_advisory_with_layout(advisory, lang="en")[0] == pdf


def test_optional_parts_can_be_missing(advisory: dict[str, object]) -> None:
    advisory |= {"dpia": None, "compass": None, "graph": None, "supersedes": None}
    advisory |= {"conditions": [], "minority_opinions": [], "re_evaluation_date": None}
    text = " ".join(text_of(render_advisory(advisory)).split())
    assert text.count("Niet uitgevoerd voor dit advies.") == 3
    assert "Geen." in text
    assert read(render_advisory(advisory)).attachments.keys() == {"advisory.json"}
