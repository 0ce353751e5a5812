"""B-T with a local timestamp authority, and judging certificates at a chosen moment."""

from __future__ import annotations

import datetime as dt
import io

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers import PdfTimeStamper

from ethicsdesk.signing import approve, certify, verify_pdf
from tests.signing.documents import CHAIR, FIELDS, SECRETARY, Pki, advisory_pdf, dummy_timestamper
from tests.signing.tools import pdfsig


def test_b_t_signatures_carry_a_verified_timestamp(pki: Pki) -> None:
    stamper, tsa_root = dummy_timestamper()
    pdf = certify(
        advisory_pdf(),
        pki.signer(SECRETARY),
        field="secretary",
        reason="Advies vastgesteld",
        all_fields=FIELDS,
        timestamper=stamper,
    )
    pdf = approve(pdf, pki.signer(CHAIR), field="chair", reason="Akkoord", timestamper=stamper)
    report = verify_pdf(pdf, [pki.ca, tsa_root], [pki.crl])
    assert report.ok, report.summary.en
    for check in report.signatures:
        assert check.timestamp_trusted is True
        assert check.timestamp_time is not None
        assert check.signing_time is not None
        assert abs(check.timestamp_time - check.signing_time) < dt.timedelta(minutes=1)
        assert "tijdstempeldienst" in check.summary.nl
    assert pdfsig(pdf).all_valid


def test_a_timestamp_from_an_unknown_authority_is_reported(pki: Pki) -> None:
    stamper, _unknown_root = dummy_timestamper()
    pdf = certify(
        advisory_pdf(),
        pki.signer(SECRETARY),
        field="secretary",
        reason="x",
        all_fields=FIELDS,
        timestamper=stamper,
    )
    (check,) = verify_pdf(pdf, [pki.ca], [pki.crl]).signatures
    assert check.trusted  # the signer is fine...
    assert check.timestamp_trusted is False  # ...the time claim is not
    assert not check.ok
    assert check.summary.en == (
        f"The timestamp on the signature of {SECRETARY.name} ({SECRETARY.role}) cannot be verified."
    )


def test_certificates_are_judged_at_the_given_moment(pki: Pki, signed: bytes) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3 * 365)  # both certificates expired
    report = verify_pdf(signed, [pki.ca], [pki.crl], moment=later)
    assert not report.ok
    for check in report.signatures:
        assert check.intact
        assert not check.trusted
        assert check.trust_problem == "OUT_OF_BOUNDS_NO_POE"
        assert "verlopen of nog niet geldig" in check.summary.nl
    recorded = max(check.signing_time for check in verify_pdf(signed, [pki.ca]).signatures)
    assert verify_pdf(signed, [pki.ca], [pki.crl], moment=recorded).ok


def test_a_document_timestamp_after_the_signatures_is_permitted(pki: Pki, signed: bytes) -> None:
    stamper, tsa_root = dummy_timestamper()
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    output = PdfTimeStamper(stamper).timestamp_pdf(writer, md_algorithm="sha256")
    report = verify_pdf(output.getvalue(), [pki.ca, tsa_root], [pki.crl])
    assert report.ok, report.summary.en
    assert [check.kind for check in report.signatures] == ["certification", "approval", "timestamp"]
    assert report.signatures[1].modification_level == "LTA_UPDATES"
    assert report.signatures[2].summary.nl.startswith("Tijdstempel geplaatst op ")
