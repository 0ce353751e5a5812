"""What must not pass: damage, edits after signing, unplanned fields, strangers, revoked keys."""

from __future__ import annotations

import io
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from ethicsdesk.signing import (
    SignatureFieldSpec,
    approve,
    certify,
    revoke_signer,
    verify_pdf,
)
from tests.signing.documents import (
    CHAIR,
    FIELDS,
    PASSPHRASES,
    SECRETARY,
    Pki,
    advisory_pdf,
    foreign_signer,
    make_pki,
)
from tests.signing.tools import pdfsig


def flip_one_signed_byte(pdf: bytes) -> bytes:
    """Change one letter of the producer string: same length, so the file still parses."""
    at = pdf.index(b"ReportLab") + 1
    return pdf[:at] + bytes([pdf[at] ^ 0x20]) + pdf[at + 1 :]


def replace_first_page_content(pdf: bytes) -> bytes:
    """What a forger would do: an incremental update that swaps page 1's content stream."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    forged = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 700 Td (Advies: afgewezen) Tj ET")
    page["/Contents"] = writer.add_object(forged)
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_one_flipped_byte_is_a_digest_mismatch_for_both_checkers(pki: Pki, signed: bytes) -> None:
    damaged = flip_one_signed_byte(signed)
    assert len(damaged) == len(signed)
    assert [s.signature_validation for s in pdfsig(damaged).signatures] == ["Digest Mismatch."] * 2
    report = verify_pdf(damaged, [pki.ca], [pki.crl])
    assert not report.ok
    assert [(s.intact, s.ok) for s in report.signatures] == [(False, False)] * 2
    assert "beschadigd of gewijzigd" in report.signatures[1].summary.nl
    assert report.summary.en.startswith("Warning")


def test_forged_page_content_after_signing_is_missed_by_pdfsig_but_reported(
    pki: Pki, signed: bytes
) -> None:
    forged = replace_first_page_content(signed)
    # Known limitation: pdfsig checks each signed byte range only, so both still look valid;
    # the only hint is that no signature covers the whole file any more.
    poppler = pdfsig(forged)
    assert [s.signature_validation for s in poppler.signatures] == ["Signature is Valid."] * 2
    assert [s.total_document_signed for s in poppler.signatures] == [False, False]
    # pyHanko's difference analysis sees what the new revision did.
    report = verify_pdf(forged, [pki.ca], [pki.crl])
    assert not report.ok
    for check in report.signatures:
        assert check.intact  # the signed bytes themselves are untouched...
        assert check.trusted
        assert not check.modifications_permitted  # ...but the document changed after signing
        assert check.modification_level == "OTHER"
        assert not check.ok
        assert "niet-toegestane manier gewijzigd" in check.summary.nl


def test_approval_in_a_field_not_created_at_certification_is_flagged(
    pki: Pki, certified: bytes
) -> None:
    """A naive tool adds a new visible field after certification; the certification objects."""
    late = fields.SigFieldSpec("late", on_page=2, box=(72, 300, 282, 360))
    meta = signers.PdfSignatureMetadata(field_name="late", subfilter=fields.SigSeedSubFilter.PADES)
    writer = IncrementalPdfFileWriter(io.BytesIO(certified))
    output = signers.PdfSigner(meta, pki.signer(CHAIR), new_field_spec=late).sign_pdf(writer)
    report = verify_pdf(output.getvalue(), [pki.ca], [pki.crl])
    certification, approval = report.signatures
    assert approval.ok  # the late signature itself covers the whole file
    assert certification.intact
    assert not certification.modifications_permitted
    assert not certification.ok
    assert not report.ok


def test_a_signer_from_another_ca_is_untrusted(pki: Pki) -> None:
    stranger, stranger_ca = foreign_signer("Eva van Dijk")  # same name, other issuer
    only = SignatureFieldSpec("chair", 0, (72, 72, 282, 132), "Eva van Dijk", "voorzitter")
    pdf = certify(advisory_pdf(1), stranger, field="chair", reason="x", all_fields=[only])
    (check,) = verify_pdf(pdf, [pki.ca], [pki.crl]).signatures
    assert check.intact
    assert not check.trusted
    assert check.trust_problem == "NO_CERTIFICATE_CHAIN_FOUND"
    assert not check.ok
    assert "certificaatautoriteit van de vereniging" in check.summary.nl
    # The same signature is trusted by whoever trusts the other CA: trust is the only issue.
    assert verify_pdf(pdf, [stranger_ca]).ok
    assert pdfsig(pdf).all_valid  # pdfsig checks the maths, not whom we trust


def test_a_revoked_signer_is_reported(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    pdf = certify(
        advisory_pdf(), pki.signer(SECRETARY), field="secretary", reason="x", all_fields=FIELDS
    )
    pdf = approve(pdf, pki.signer(CHAIR), field="chair", reason="y")
    assert verify_pdf(pdf, [pki.ca], [pki.crl]).ok
    chair_serial = pki.summary.signers[1].serial
    revoke_signer(pki.directory, chair_serial, ca_passphrase=PASSPHRASES["ca"])
    report = verify_pdf(pdf, [pki.ca], [pki.crl])
    secretary, chair = report.signatures
    assert secretary.ok
    assert chair.revoked
    assert chair.trust_problem == "REVOKED_NO_POE"
    assert not chair.ok
    assert not report.ok
    assert chair.summary.en.startswith(f"The certificate of {CHAIR.name}")
