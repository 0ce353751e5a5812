"""The verify page: archived original, damaged copy, foreign PDF, disguised executable."""

from __future__ import annotations

import io

import sqlalchemy as sa
from pypdf import PdfWriter

from ethicsdesk.advisories.models import ArchiveEntry
from ethicsdesk.extensions import db
from tests.helpers import Browser
from tests.publications.test_publish import signed


def upload(app, data: bytes, name: str = "advies.pdf"):
    browser = Browser(app)
    return browser.submit(
        "/advisories/verify",
        {"document": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_verify_page_knows_original_damaged_foreign_and_executables(app, decided) -> None:
    signed(app, decided)
    original = db.session.scalars(sa.select(ArchiveEntry)).one().content
    page = upload(app, original)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "uit het archief van de commissie" in html
    assert "ongeschonden" in html
    assert "Karel Bos" in html
    assert "Sanne de Vries" in html

    damaged = bytearray(original)
    damaged[len(damaged) // 2] ^= 0xFF
    html = upload(app, bytes(damaged)).get_data(as_text=True)
    assert "beschadigd of gewijzigd" in html

    html = upload(app, blank_pdf(), "ander.pdf").get_data(as_text=True)
    assert "geen advies uit het archief" in html

    response = upload(app, b"MZ\x90\x00" + b"\x00" * 200, "advies.pdf")
    assert response.status_code == 200
    assert "geen PDF" in response.get_data(as_text=True)

    assert Browser(app).get("/advisories/verify").status_code == 200
