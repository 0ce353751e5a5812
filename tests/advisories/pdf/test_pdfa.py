"""PDF/A-3b structure: embedded fonts, XMP matching Info, sRGB output intent, JSON attachments."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from compass.graph import graph_from_json, graph_to_json
from ethicsdesk.advisories.pdf import canonical_json
from tests.advisories.pdf.helpers import Rendered, fonts, read, run_tool

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_font_is_embedded_dejavu(rendered: dict[str, Rendered], lang: str) -> None:
    reader = read(rendered[lang][1])
    found = {}
    for page in reader.pages:
        for _, font in fonts(page.get("/Resources")):
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    assert found, "no fonts found"
    assert all(found.values()), found
    assert {name.split("+", 1)[-1] for name in found} <= {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique",
    }  # fmt: skip


def test_pdffonts_agrees(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    result = run_tool("pdffonts", rendered["nl"][1], tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]
    assert rows
    assert all(row[-5:-3] == ["yes", "yes"] for row in rows), result.stdout
    assert "Helvetica" not in result.stdout


def test_qpdf_check_passes(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    for lang in ("nl", "en"):
        result = run_tool("qpdf", rendered[lang][1], tmp_path, "--check")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout
        assert "WARNING" not in result.stdout + result.stderr


def test_xmp_is_uncompressed_and_matches_the_info_dictionary(rendered: dict[str, Rendered]) -> None:
    reader = read(rendered["nl"][1])
    catalog = reader.trailer["/Root"]
    stream = catalog["/Metadata"].get_object()
    assert "/Filter" not in stream
    assert (stream["/Type"], stream["/Subtype"]) == ("/Metadata", "/XML")
    raw = stream.get_data()
    assert raw.startswith(b'<?xpacket begin="\xef\xbb\xbf"')
    packet = raw.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0]
    description = ElementTree.fromstring(packet)  # noqa: S314 - our own output
    first = description.find(".//rdf:Description", NS)
    assert first is not None

    def value(path: str) -> str:
        element = first.find(path, NS)
        assert element is not None, path
        return element.text or ""

    info = reader.trailer["/Info"].get_object()
    assert value("dc:title/rdf:Alt/rdf:li") == info["/Title"] == "SchrijfMaatje AI in de bovenbouw"
    assert value("dc:creator/rdf:Seq/rdf:li") == info["/Author"]
    assert value("dc:description/rdf:Alt/rdf:li") == info["/Subject"]
    assert value("pdf:Keywords") == info["/Keywords"]
    assert value("pdf:Producer") == info["/Producer"]
    assert value("xmp:CreatorTool") == info["/Creator"]
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261201000000+00'00'"
    assert value("xmp:CreateDate") == value("xmp:ModifyDate") == "2026-12-01T00:00:00+00:00"
    assert (value("pdfaid:part"), value("pdfaid:conformance")) == ("3", "B")
    assert set(info) == {
        "/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate",
        "/ModDate",
    }  # fmt: skip


def test_output_intent_carries_an_icc_v2_srgb_profile(rendered: dict[str, Rendered]) -> None:
    catalog = read(rendered["nl"][1]).trailer["/Root"]
    (intent,) = [item.get_object() for item in catalog["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    data = profile.get_data()
    assert profile["/N"] == 3
    assert (data[8], data[12:20], data[36:40]) == (2, b"mntrRGB ", b"acsp")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_attachments_hold_the_input_json_byte_for_byte(
    rendered: dict[str, Rendered], lang: str
) -> None:
    advisory, pdf, _ = rendered[lang]
    reader = read(pdf)
    assert reader.attachments["advisory.json"] == [canonical_json(advisory).encode("utf-8")]
    assert reader.attachments["value-graph.json"] == [advisory["graph"].encode("utf-8")]
    assert json.loads(reader.attachments["advisory.json"][0]) == advisory
    graph = graph_from_json(reader.attachments["value-graph.json"][0].decode("utf-8"))
    assert graph_to_json(graph) == advisory["graph"]
    catalog = reader.trailer["/Root"]
    specs = [spec.get_object() for spec in catalog["/AF"]]
    names = catalog["/Names"]["/EmbeddedFiles"]["/Names"]
    assert (
        [spec["/F"] for spec in specs]
        == [names[0], names[2]]
        == ["advisory.json", "value-graph.json"]
    )
    for spec in specs:
        assert spec["/AFRelationship"] == "/Data"
        assert spec["/UF"] == spec["/F"]
        stream = spec["/EF"]["/F"].get_object()
        assert (stream["/Type"], stream["/Subtype"]) == ("/EmbeddedFile", "/application/json")
        assert stream["/Params"]["/Size"] == len(stream.get_data())
