"""Publishing a really signed advisory, anonymous access, retraction with reason, audit."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Publication, Visibility
from tests.advisories.conftest import browser_for
from tests.advisories.test_flow import draft_and_freeze, sign, the_advisory
from tests.helpers import Browser


def signed(app, decided) -> tuple:
    secretary, url = draft_and_freeze(app, decided)
    assert sign(secretary, url).status_code == 302
    assert sign(browser_for(app, decided["chair"]), url).status_code == 302
    return secretary, url, the_advisory()


def post(browser: Browser, url: str, data: dict, page: str):
    """POST with the CSRF token a form on ``page`` carries (the action URL has no GET)."""
    return browser.client.post(url, data={"csrf_token": browser.csrf_token(page), **data})


def the_publication() -> Publication:
    db.session.expire_all()
    return db.session.scalars(sa.select(Publication)).one()


def test_publish_internal_then_public_then_retract(app, decided) -> None:
    secretary, url, advisory = signed(app, decided)
    page = secretary.get(url).get_data(as_text=True)
    assert "Publiceren" in page or "Publish" in page
    publish_url = f"/publications/advisory/{advisory.id}/publish"
    assert post(secretary, publish_url, {"visibility": "internal"}, url).status_code == 302
    publication = the_publication()
    assert publication.visibility is Visibility.INTERNAL
    anonymous = Browser(app)
    assert anonymous.get(f"/advisories/{publication.id}").status_code == 404
    assert "SchrijfMaatje" not in anonymous.get("/advisories").get_data(as_text=True)
    staff = browser_for(app, decided["requester"])
    assert "SchrijfMaatje" in staff.get("/advisories?q=schrijfmaatje").get_data(as_text=True)

    assert post(secretary, publish_url, {"visibility": "public"}, url).status_code == 302
    page = anonymous.get(f"/advisories/{publication.id}").get_data(as_text=True)
    assert "Karel Bos" in page
    assert "Sanne de Vries" in page
    download = anonymous.get(f"/advisories/{publication.id}/pdf")
    assert download.data.startswith(b"%PDF")
    assert "SchrijfMaatje" in anonymous.get("/advisories?q=leerlingteksten").get_data(as_text=True)

    retract_url = f"/publications/{publication.id}/retract"
    assert post(secretary, retract_url, {"reason": "  "}, url).status_code == 422
    assert post(secretary, retract_url, {"reason": "Leverancier failliet."}, url).status_code == 302
    publication = the_publication()
    assert publication.retracted
    assert publication.retraction_reason == "Leverancier failliet."
    detail = anonymous.get(f"/advisories/{publication.id}").get_data(as_text=True)
    assert "Leverancier failliet." in detail
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.count(AuditAction.ADVISORY_PUBLISHED) == 2
    assert actions[-1] is AuditAction.ADVISORY_RETRACTED


def test_only_signed_advisories_are_published_and_only_by_the_committee(app, decided) -> None:
    secretary, url = draft_and_freeze(app, decided)
    advisory = the_advisory()
    publish_url = f"/publications/advisory/{advisory.id}/publish"
    assert post(secretary, publish_url, {"visibility": "public"}, url).status_code == 409
    requester = browser_for(app, decided["requester"])
    assert post(requester, publish_url, {"visibility": "public"}, "/").status_code == 403
    assert db.session.scalars(sa.select(Publication)).all() == []


def test_signature_verdicts_are_kept_and_the_pdf_is_revalidated_by_its_hash(
    app, decided, monkeypatch
) -> None:
    """A signed PDF never changes: its verdict is recorded when archived and read by pages
    (checked again only once it no longer holds); a known ETag is answered with 304."""
    from ethicsdesk import signing
    from ethicsdesk.advisories.models import ArchiveEntry, SignatureVerdict, SignerCertificate
    from ethicsdesk.core.db import utcnow
    from ethicsdesk.core.memo import forget_all
    from ethicsdesk.publications import page

    secretary, url, advisory = signed(app, decided)
    publish_url = f"/publications/advisory/{advisory.id}/publish"
    assert post(secretary, publish_url, {"visibility": "public"}, url).status_code == 302
    publication = the_publication()
    verdict = db.session.scalars(sa.select(SignatureVerdict)).one()
    expiries = db.session.scalars(sa.select(SignerCertificate.not_after)).all()
    assert signing.report_from_dict(verdict.report).ok
    assert utcnow() < verdict.valid_until <= min(expiries)
    page.VERDICTS.clear()
    calls = []
    real = signing.verify_pdf
    monkeypatch.setattr(signing, "verify_pdf", lambda *a: calls.append(1) or real(*a))
    anonymous = Browser(app)
    first = anonymous.get(f"/advisories/{publication.id}").get_data(as_text=True)
    second = anonymous.get(f"/advisories/{publication.id}").get_data(as_text=True)
    assert "Karel Bos" in first
    assert "Karel Bos" in second
    assert calls == []  # the verdict recorded at archiving

    verdict.valid_until = utcnow() - timedelta(seconds=1)  # a certificate it relied on expired
    db.session.commit()
    forget_all()
    for _ in range(2):
        assert "Karel Bos" in secretary.get(f"/advisories/{publication.id}").get_data(as_text=True)
    assert len(calls) == 1  # checked again, once per worker and day

    sha256 = db.session.scalars(sa.select(ArchiveEntry.sha256)).one()
    download = anonymous.get(f"/advisories/{publication.id}/pdf")
    assert download.headers["ETag"] == f'"{sha256}"'
    assert download.headers["Cache-Control"] == "public, no-cache"
    again = anonymous.client.get(
        f"/advisories/{publication.id}/pdf", headers={"If-None-Match": f'"{sha256}"'}
    )
    assert again.status_code == 304
    assert again.data == b""
    other = anonymous.client.get(
        f"/advisories/{publication.id}/pdf", headers={"If-None-Match": '"0000"'}
    )
    assert other.status_code == 200
    assert other.data.startswith(b"%PDF")


def test_a_kept_catalogue_page_shows_a_retraction_at_once(app, decided) -> None:
    """Rendered catalogue pages are reused only while the catalogue's version holds."""
    from ethicsdesk.publications import page

    secretary, url, advisory = signed(app, decided)
    publish_url = f"/publications/advisory/{advisory.id}/publish"
    assert post(secretary, publish_url, {"visibility": "public"}, url).status_code == 302
    page.CATALOGUE_PAGES.clear()
    anonymous = Browser(app)
    first = anonymous.get("/advisories").get_data(as_text=True)
    assert "SchrijfMaatje" in first
    assert "Ingetrokken" not in first
    assert anonymous.get("/advisories").get_data(as_text=True) == first  # reused
    assert len(page.CATALOGUE_PAGES) == 1
    api = anonymous.get("/api/v1/advisories").get_json()
    assert api["items"][0]["retracted"] is False

    publication = the_publication()
    retract_url = f"/publications/{publication.id}/retract"
    assert post(secretary, retract_url, {"reason": "Leverancier failliet."}, url).status_code == 302
    assert "Ingetrokken" in anonymous.get("/advisories").get_data(as_text=True)
    assert anonymous.get("/api/v1/advisories").get_json()["items"][0]["retracted"] is True
