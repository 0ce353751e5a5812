"""The risk map SVG is deterministic, valid, accessible and free of inline styles and scripts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dpia_templates.dpia import RiskPoint, load_template, new_document, risk_map_svg, risk_points

SVG = "{http://www.w3.org/2000/svg}"
POINTS = (
    RiskPoint(1, "leak", "Data <leak> & co", 3, 4, 2, 1),
    RiskPoint(2, "profiling", "Profiling", 3, 4),
    RiskPoint(3, "loss", "Loss", 1, 1, 1, 1),
    RiskPoint(4, "open", "Not rated yet", None, None),
)


def _parse(svg: str) -> ET.Element:
    """Parse the SVG as XML (fails on anything malformed)."""
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def _markers(root: ET.Element) -> list[str]:
    """The risk ids of the markers."""
    return [g.attrib["data-risk"] for g in root.iter(f"{SVG}g") if "data-risk" in g.attrib]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_same_input_gives_the_same_svg(lang: str) -> None:
    first = risk_map_svg(POINTS, "Risk map", lang)
    assert first == risk_map_svg(list(POINTS), "Risk map", lang)
    assert first != risk_map_svg(POINTS[:2], "Risk map", lang)


@pytest.mark.parametrize(
    ("residual", "expected"), [(False, ["loss", "leak", "profiling"]), (True, ["loss", "leak"])]
)
def test_one_marker_per_rated_risk(residual: bool, expected: list[str]) -> None:
    root = _parse(risk_map_svg(POINTS, "Map", "en", residual=residual))
    assert sorted(_markers(root)) == sorted(expected)
    assert len(root.findall(f".//{SVG}circle")) == len(expected)


def test_is_accessible_standalone_svg() -> None:
    svg = risk_map_svg(POINTS, "Risicokaart DPIA", "nl", id_prefix="case-7")
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "case-7-title case-7-desc"
    assert root.find(f"{SVG}title").text == "Risicokaart DPIA"
    desc = root.find(f"{SVG}desc").text
    assert "1. Data <leak> & co: ernst 3 - aanzienlijk, kans 4 - maximaal, risico hoog." in desc
    assert "Niet op de kaart, want niet beoordeeld: 4. Not rated yet." in desc
    assert "&lt;leak&gt; &amp; co" in svg
    assert len(list(root.iter(f"{SVG}rect"))) == 16


def test_uses_presentation_attributes_only() -> None:
    svg = risk_map_svg(POINTS, "Map", "en")
    assert "style=" not in svg
    assert "<style" not in svg
    assert "<script" not in svg
    assert "href" not in svg
    root = _parse(svg)
    attributes = {name for element in root.iter() for name in element.attrib}
    assert not {name for name in attributes if name.startswith("on") or name == "style"}
    cells = [rect.attrib["fill"] for rect in root.iter(f"{SVG}rect")]
    assert set(cells) == {"#cfe8cf", "#fbe3a6", "#f2b8b0"}


def test_cells_are_labelled_with_their_level() -> None:
    texts = [t.text for t in _parse(risk_map_svg([], "Map", "en")).iter(f"{SVG}text")]
    assert texts.count("high") == 6
    assert texts.count("medium") == 6
    assert texts.count("low") == 4
    assert {"Severity", "Likelihood", "4 maximum"} <= set(texts)


def test_many_risks_in_one_cell_stay_inside_it() -> None:
    crowd = [RiskPoint(n, f"r{n}", f"R{n}", 4, 4) for n in range(1, 17)]
    root = _parse(risk_map_svg(crowd, "Map", "en"))
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == 16
    cell = next(
        r for r in root.iter(f"{SVG}rect") if r.attrib["x"] == "370" and r.attrib["y"] == "16"
    )
    left, top = float(cell.attrib["x"]), float(cell.attrib["y"])
    for circle in circles:
        cx, cy, r = (float(circle.attrib[k]) for k in ("cx", "cy", "r"))
        assert left <= cx - r
        assert cx + r <= left + 84
        assert top <= cy - r
        assert cy + r <= top + 84


def test_map_of_a_new_document() -> None:
    doc = new_document(load_template("proctoring"))
    root = _parse(risk_map_svg(risk_points(doc), "Proctoring", "nl"))
    assert _markers(root)
    assert sorted(_markers(root)) == sorted(r["id"] for r in doc["risks"])
