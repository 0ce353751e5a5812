"""A verification report kept as JSON reads back as it was, and says until when it holds."""

from __future__ import annotations

import json

from ethicsdesk.signing import report_from_dict, report_to_dict, verify_pdf
from tests.signing.documents import Pki


def test_a_report_survives_json_unchanged(pki: Pki, signed: bytes) -> None:
    report = verify_pdf(signed, [pki.ca], [pki.crl])
    again = report_from_dict(json.loads(json.dumps(report_to_dict(report))))
    assert again == report
    assert again.ok
    assert again.summary == report.summary
    assert [check.summary for check in again.signatures] == [c.summary for c in report.signatures]


def test_the_report_holds_until_the_first_certificate_it_relied_on_expires(
    pki: Pki, signed: bytes
) -> None:
    report = verify_pdf(signed, [pki.ca], [pki.crl])
    expiries = [signer.not_after for signer in pki.summary.signers] + [pki.ca.not_valid_after_utc]
    assert report.valid_until == min(expiries)


def test_an_unreadable_file_has_a_report_without_an_end(pki: Pki) -> None:
    report = verify_pdf(b"%PDF-1.7 broken", [pki.ca])
    assert report.error is not None
    assert report.valid_until is None
    assert report_from_dict(report_to_dict(report)) == report
