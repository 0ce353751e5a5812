"""JSON API and its OpenAPI description, Atom feed, CSV export."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from openapi_spec_validator import validate

from ethicsdesk.core.permissions import Role
from ethicsdesk.publications.opendata import CSV_COLUMNS, csv_bytes, safe_cell
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser

ATOM = "{http://www.w3.org/2005/Atom}"


def test_api_lists_public_advisories_with_search_and_filters(app, corpus) -> None:
    client = Browser(app)
    body = client.get("/api/v1/advisories?q=leerling&sort=relevance").get_json()
    assert {item["title"] for item in body["items"]} == {
        "Rekenmeester", "SchrijfMaatje AI", "Taalapp Français", "Quiz tool"
    }  # fmt: skip
    assert body["page"] == 1
    assert body["has_next"] is False
    body = client.get("/api/v1/advisories?vendor=Numera%20BV&outcome=favourable").get_json()
    assert [item["title"] for item in body["items"]] == ["Rekenmeester"]
    assert client.get("/api/v1/advisories?q=%22%00NEAR(&page=-3&year=x").status_code == 200


def test_api_detail_hides_internal_advisories_from_anonymous_callers(app, corpus) -> None:
    client = Browser(app)
    public = client.get(f"/api/v1/advisories/{corpus['reken'].id}")
    assert public.status_code == 200
    record = public.get_json()
    assert record["number"] == "EC-2026-001"
    assert record["conditions"][0]["text"].startswith("Geen")
    assert client.get(f"/api/v1/advisories/{corpus['volg'].id}").status_code == 404
    assert client.get(f"/advisories/{corpus['reken'].id}").status_code == 200
    assert client.get(f"/advisories/{corpus['volg'].id}").status_code == 404
    assert client.get(f"/advisories/{corpus['volg'].id}/pdf").status_code == 404
    assert client.get("/api/v1/advisories/999999").status_code == 404
    staff = Browser(app)
    staff.login(make_user(Role.REQUESTER).email, DEFAULT_PASSWORD)
    assert staff.get(f"/api/v1/advisories/{corpus['volg'].id}").status_code == 200


def test_openapi_description_validates(app) -> None:
    spec = Browser(app).get("/api/v1/openapi.json").get_json()
    validate(spec)
    assert set(spec["paths"]) == {"/api/v1/advisories", "/api/v1/advisories/{id}"}


def test_atom_feed_lists_public_advisories_and_is_linked(app, corpus) -> None:
    response = Browser(app).get("/advisories/feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)  # noqa: S314 - our own output
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 5
    assert not any("Leerlingvolgsysteem" in t for t in titles)
    assert any("Taalapp Français" in t for t in titles)
    html = Browser(app).get("/advisories").get_data(as_text=True)
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_csv_export_is_excel_friendly_and_formula_safe(app, corpus) -> None:
    response = Browser(app).get("/advisories/export.csv?q=leerling")
    assert response.data.startswith("\ufeff".encode())
    text = response.data.decode("utf-8-sig")
    assert "Taalapp Français" in text
    assert "Leerlingvolgsysteem" not in text
    assert [safe_cell(v) for v in ("=1+1", "+x", "-2", "@SUM", "ok", None)] == [
        "'=1+1", "'+x", "'-2", "'@SUM", "ok", ""
    ]  # fmt: skip
    row = dict.fromkeys(CSV_COLUMNS, "x")
    row["title"] = '=HYPERLINK("http://evil")'
    assert "'=HYPERLINK" in csv_bytes([row]).decode("utf-8-sig")
