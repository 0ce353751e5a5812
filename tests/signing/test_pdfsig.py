"""Reading pdfsig's output, since its exit status is 0 whatever it found."""

from __future__ import annotations

from pathlib import Path

import pytest

from ethicsdesk.signing import PdfsigUnavailableError, pdfsig_report
from ethicsdesk.signing.pdfsig import _parse
from tests.signing.documents import advisory_pdf
from tests.signing.tools import pdfsig

OUTPUT = """Digital Signature Info of: /tmp/x.pdf
Signature #1:
  - Signature Field Name: secretary
  - Signer Certificate Common Name: Sam de Secretaris
  - Signing Time: Nov 22 2026 22:36:24
  - Signed Ranges: [0 - 4596], [12790 - 14173]
  - Not total document signed
  - Signature Validation: Signature is Valid.
  - Certificate Validation: Certificate issuer isn't Trusted.
Signature #2:
  - Signature Field Name: chair
  - Signer Certificate Common Name: Eva van Dijk
  - Total document signed
  - Signature Validation: Digest Mismatch.
  - Certificate Validation: Certificate issuer isn't Trusted.
"""


def test_output_is_parsed_per_signature() -> None:
    first, second = _parse(OUTPUT)
    assert (first.number, first.field_name, first.common_name) == (
        1,
        "secretary",
        "Sam de Secretaris",
    )
    assert first.valid
    assert not first.digest_mismatch
    assert not first.total_document_signed
    assert first.certificate_validation == "Certificate issuer isn't Trusted."
    assert (second.number, second.valid, second.digest_mismatch) == (2, False, True)
    assert second.total_document_signed


def test_a_missing_pdfsig_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ethicsdesk.signing.pdfsig.shutil.which", lambda _name: None)
    with pytest.raises(PdfsigUnavailableError, match="poppler-utils"):
        pdfsig_report(b"%PDF-1.4")


def test_a_path_works_like_bytes(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "advies.pdf"
    path.write_bytes(signed)
    assert pdfsig_report(path).signatures == pdfsig(signed).signatures


def test_an_unsigned_pdf_has_no_signatures_and_is_not_all_valid() -> None:
    report = pdfsig(advisory_pdf(1))
    assert report.signatures == ()
    assert not report.all_valid
