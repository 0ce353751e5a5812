"""Draft, freeze, sign twice, archive: real PAdES signatures checked by pyHanko and pdfsig."""

from __future__ import annotations

import subprocess

import sqlalchemy as sa

from ethicsdesk.advisories import keys
from ethicsdesk.advisories.models import Advisory, AdvisoryStatus, ArchiveEntry
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus
from ethicsdesk.signing import pdfsig_report, verify_pdf
from tests.advisories.conftest import ADVISORY_FORM, browser_for
from tests.factories import DEFAULT_PASSWORD


def the_advisory() -> Advisory:
    db.session.expire_all()
    return db.session.scalars(sa.select(Advisory).order_by(Advisory.id.desc())).first()


def draft_and_freeze(app, decided) -> tuple:
    secretary = browser_for(app, decided["secretary"])
    case = decided["case"]
    page = secretary.get(f"/reviews/{case.id}/advisory/new").get_data(as_text=True)
    assert "Met voorwaarden." in page  # pre-filled from the members' reasons
    assert secretary.submit(f"/reviews/{case.id}/advisory/new", ADVISORY_FORM).status_code == 302
    advisory = the_advisory()
    assert advisory.number.startswith("EC-")
    url = f"/reviews/{case.id}/advisory/{advisory.id}"
    assert secretary.submit(f"{url}/freeze").status_code == 302
    return secretary, url


def sign(browser, url: str, password: str = DEFAULT_PASSWORD):
    return browser.submit(f"{url}/sign", {"password": password, "confirm": "y"})


def test_chair_and_secretary_sign_and_the_advisory_is_archived(app, decided, tmp_path) -> None:
    secretary, url = draft_and_freeze(app, decided)
    assert the_advisory().status is AdvisoryStatus.SIGNING
    wrong = sign(secretary, url, "not my password at all")
    assert wrong.status_code == 422
    assert "Dit is niet uw huidige wachtwoord" in wrong.get_data(as_text=True)
    assert sign(secretary, url).status_code == 302
    assert the_advisory().status is AdvisoryStatus.SIGNING
    chair = browser_for(app, decided["chair"])
    assert sign(chair, url).status_code == 302
    advisory = the_advisory()
    assert advisory.status is AdvisoryStatus.SIGNED
    assert advisory.case.status is CaseStatus.ADVISED
    entry = db.session.scalars(sa.select(ArchiveEntry)).one()
    pdf = chair.get(f"{url}/pdf").data
    assert pdf == entry.content
    report = verify_pdf(pdf, keys.trust_roots())
    assert report.ok, report.summary.en
    assert sorted(check.signer_name for check in report.signatures) == [
        "Karel Bos",
        "Sanne de Vries",
    ]
    independent = pdfsig_report(pdf)
    assert len(independent.signatures) == 2
    assert all(signature.valid for signature in independent.signatures)
    verified = app.test_cli_runner().invoke(args=["ethicsdesk", "archive", "verify"])
    assert verified.exit_code == 0, verified.output
    signed_file = tmp_path / "advisory.pdf"
    signed_file.write_bytes(pdf)
    structure = subprocess.run(
        ["qpdf", "--check", str(signed_file)], capture_output=True, check=False
    )
    assert structure.returncode == 0, structure.stdout.decode()[-500:]
    damaged = bytearray(pdf)
    damaged[len(damaged) // 3] ^= 0x01
    flipped = pdfsig_report(bytes(damaged))
    assert not any(signature.valid for signature in flipped.signatures)
    assert not verify_pdf(bytes(damaged), keys.trust_roots()).ok


def test_a_signed_advisory_cannot_be_edited_only_superseded(app, decided) -> None:
    secretary, url = draft_and_freeze(app, decided)
    sign(secretary, url)
    sign(browser_for(app, decided["chair"]), url)
    response = secretary.get(f"{url}/edit")
    assert response.status_code == 403
    case = decided["case"]
    data = {**ADVISORY_FORM, "title": "Advies over SchrijfMaatje AI (herzien)"}
    assert secretary.submit(f"/reviews/{case.id}/advisory/new", data).status_code == 302
    new = the_advisory()
    assert new.version == 2
    assert new.supersedes is not None
    assert new.supersedes.number == new.number


def test_only_the_designated_signers_can_sign(app, decided) -> None:
    _secretary, url = draft_and_freeze(app, decided)
    member = browser_for(app, decided["members"][0])
    assert sign(member, url).status_code == 403
    requester = browser_for(app, decided["requester"])
    assert (
        requester.submit(f"{url}/sign", {"password": DEFAULT_PASSWORD, "confirm": "y"}).status_code
        == 403
    )


def test_archive_verify_names_a_damaged_entry(app, decided) -> None:
    secretary, url = draft_and_freeze(app, decided)
    sign(secretary, url)
    sign(browser_for(app, decided["chair"]), url)
    entry = db.session.scalars(sa.select(ArchiveEntry)).one()
    damaged = bytearray(entry.content)
    damaged[len(damaged) // 3] ^= 0x01
    entry.content = bytes(damaged)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "archive", "verify"])
    assert result.exit_code != 0
    assert the_advisory().reference in result.output
    assert "SHA-256" in result.output


def test_an_advisory_is_not_sent_for_signing_before_the_committee_decides(app, decided) -> None:
    """A draft written during deliberation waits for the meeting's decision (409, not a 500)."""
    secretary = browser_for(app, decided["secretary"])
    case = decided["case"]
    assert secretary.submit(f"/reviews/{case.id}/advisory/new", ADVISORY_FORM).status_code == 302
    advisory = the_advisory()
    advisory.meeting_item.decided_at = None  # as if the meeting had not decided yet
    db.session.commit()
    response = secretary.submit(f"/reviews/{case.id}/advisory/{advisory.id}/freeze")
    assert response.status_code == 409
    assert "nadat de commissie in een vergadering heeft besloten" in response.get_data(as_text=True)
    db.session.expire_all()
    assert the_advisory().status is AdvisoryStatus.DRAFT
    assert the_advisory().working_pdf is None
