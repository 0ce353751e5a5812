"""The normal flow: certify by the secretary, approve by the chair, and both checkers agree."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm

from ethicsdesk.signing import (
    SignatureFieldSpec,
    SigningError,
    approve,
    certify,
    signer_certificate,
    verify_pdf,
)
from ethicsdesk.signing.sign import stamp_text
from tests.signing.documents import CHAIR, FIELDS, SECRETARY, Pki, advisory_pdf
from tests.signing.tools import pdfsig, qpdf_check


def test_certify_and_approve_verify_as_two_trusted_intact_signatures(
    pki: Pki, signed: bytes
) -> None:
    report = verify_pdf(signed, [pki.ca], [pki.crl])
    assert report.ok, report.summary.en
    assert report.error is None
    secretary, chair = report.signatures
    assert (secretary.field_name, secretary.kind) == ("secretary", "certification")
    assert (chair.field_name, chair.kind) == ("chair", "approval")
    assert (secretary.signer_name, secretary.signer_role) == (SECRETARY.name, SECRETARY.role)
    assert (chair.signer_name, chair.signer_role) == (CHAIR.name, CHAIR.role)
    for check in report.signatures:
        assert check.ok
        assert check.intact
        assert check.trusted
        assert not check.revoked
        assert check.modifications_permitted
        assert check.timestamp_time is None  # B-B
        assert check.signing_time is not None
        assert abs(dt.datetime.now(dt.UTC) - check.signing_time) < dt.timedelta(minutes=5)
    # Revision 0 is the render; the certification (with both fields) is 1, the approval 2.
    assert (secretary.signed_revision, chair.signed_revision) == (1, 2)
    assert not secretary.covers_whole_document
    assert secretary.modification_level == "FORM_FILLING"
    assert chair.covers_whole_document
    assert chair.modification_level == "NONE"
    assert chair.signer_fingerprint_sha256 == pki.summary.signers[1].fingerprint_sha256


def test_plain_language_summary_names_signer_role_and_that_nothing_changed(
    pki: Pki, signed: bytes
) -> None:
    report = verify_pdf(signed, [pki.ca], [pki.crl])
    chair = report.signatures[1].summary
    assert chair.nl.startswith(f"Getekend door {CHAIR.name} ({CHAIR.role}) op ")
    assert chair.nl.endswith("; het document is daarna niet gewijzigd.")
    assert chair.en.startswith(f"Signed by {CHAIR.name} ({CHAIR.role}) on ")
    assert "toegestane aanvullingen" in report.signatures[0].summary.nl
    assert report.summary.en.startswith("All signatures are valid")


def test_pdfsig_reports_both_signatures_valid(signed: bytes) -> None:
    report = pdfsig(signed)
    assert [s.field_name for s in report.signatures] == ["secretary", "chair"]
    assert [s.common_name for s in report.signatures] == [SECRETARY.name, CHAIR.name]
    assert [s.signature_validation for s in report.signatures] == ["Signature is Valid."] * 2
    assert report.all_valid
    assert [s.total_document_signed for s in report.signatures] == [False, True]


def test_qpdf_finds_the_signed_structure_sound(signed: bytes) -> None:
    result = qpdf_check(signed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_certification_creates_every_field_and_the_docmdp_policy(certified: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(certified))
    (certification,) = reader.embedded_signatures
    assert certification.docmdp_level == MDPPerm.FILL_FORMS
    names = [str(ref.get_object()["/T"]) for ref in reader.root["/AcroForm"]["/Fields"]]
    assert names == ["secretary", "chair"]
    assert reader.total_revisions == 2


def test_signature_dictionary_carries_name_reason_and_role(signed: bytes) -> None:
    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[1].sig_object
    assert (sig["/Name"], sig["/Reason"], sig["/ContactInfo"]) == (
        CHAIR.name,
        "Advies goedgekeurd",
        CHAIR.role,
    )
    assert sig["/SubFilter"] == "/ETSI.CAdES.detached"


def test_a_sole_signer_certifies_with_one_field(pki: Pki) -> None:
    only = SignatureFieldSpec("chair", 0, (72, 72, 282, 132), CHAIR.name, CHAIR.role)
    pdf = certify(
        advisory_pdf(1), pki.signer(CHAIR), field="chair", reason="Advies", all_fields=[only]
    )
    report = verify_pdf(pdf, [pki.ca])
    assert report.ok
    (check,) = report.signatures
    assert (check.kind, check.covers_whole_document, check.signer_name) == (
        "certification",
        True,
        CHAIR.name,
    )
    assert pdfsig(pdf).all_valid


def test_approve_only_fills_fields_made_at_certification(pki: Pki, certified: bytes) -> None:
    with pytest.raises(SigningError, match="must be created at certification"):
        approve(certified, pki.signer(CHAIR), field="member", reason="Goedgekeurd")


def test_a_field_cannot_be_signed_twice(pki: Pki, signed: bytes) -> None:
    with pytest.raises(SigningError, match="already signed"):
        approve(signed, pki.signer(CHAIR), field="chair", reason="Nog eens")


def test_certification_must_come_first(pki: Pki, certified: bytes) -> None:
    with pytest.raises(SigningError, match="certification must come first"):
        certify(certified, pki.signer(CHAIR), field="chair", reason="x", all_fields=FIELDS)


def test_certification_field_must_be_among_the_planned_fields(pki: Pki) -> None:
    with pytest.raises(SigningError, match="not among all_fields"):
        certify(advisory_pdf(), pki.signer(CHAIR), field="dpo", reason="x", all_fields=FIELDS)


def test_signer_certificate_is_readable_from_the_signer(pki: Pki) -> None:
    assert signer_certificate(pki.signer(CHAIR)).serial_number == pki.summary.signers[1].serial


def test_a_pdf_without_signatures_is_not_ok(pki: Pki) -> None:
    report = verify_pdf(advisory_pdf(), [pki.ca])
    assert not report.ok
    assert report.signatures == ()
    assert report.summary.nl == "Dit document bevat geen digitale handtekening."


def test_garbage_is_reported_not_raised(pki: Pki) -> None:
    report = verify_pdf(b"not a pdf at all", [pki.ca])
    assert not report.ok
    assert report.error
    assert report.summary.en == "This file is not a readable signed PDF document."


def test_visible_stamp_names_signer_and_role_in_a_standard_font(signed: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    widget = reader.embedded_signatures[1].sig_field
    assert [round(float(v)) for v in widget["/Rect"]] == list(FIELDS[1].box)
    appearance = widget["/AP"]["/N"]
    text = appearance.data
    for line in (CHAIR.name, CHAIR.role):
        assert f"({line}) Tj".encode() in text
    font = next(iter(_fonts(appearance).values()))
    assert font["/BaseFont"] == "/Courier"  # standard 14 font: nothing to embed
    assert "/FontDescriptor" not in font or "/FontFile2" not in font["/FontDescriptor"]
    assert widget["/TU"] == f"{CHAIR.name} ({CHAIR.role})"


def _fonts(xobject: Any) -> dict[str, Any]:
    """Fonts of a form XObject, looking into nested XObjects."""
    resources = xobject["/Resources"]
    if "/Font" in resources:
        return dict(resources["/Font"])
    for inner in resources["/XObject"].values():
        if fonts := _fonts(inner.get_object()):
            return fonts
    return {}


def test_stamp_text_falls_back_to_what_the_standard_font_can_draw() -> None:
    when = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    assert stamp_text("Żaneta Ørsted", "voorzitter", when) == {
        "signer": "Zaneta Ørsted",
        "role": "voorzitter",
        "when": "01-07-2026 14:00 CEST",
    }
