"""One PKI and one certified-and-approved advisory per session; tests that change them copy."""

from __future__ import annotations

import pytest

from ethicsdesk.signing import approve, certify
from tests.signing.documents import CHAIR, FIELDS, SECRETARY, Pki, advisory_pdf, make_pki


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def certified(pki: Pki) -> bytes:
    """Certified by the secretary, with an empty field waiting for the chair."""
    return certify(
        advisory_pdf(),
        pki.signer(SECRETARY),
        field="secretary",
        reason="Advies vastgesteld",
        all_fields=FIELDS,
    )


@pytest.fixture(scope="session")
def signed(pki: Pki, certified: bytes) -> bytes:
    """The typical flow: certification by the secretary, approval by the chair."""
    return approve(certified, pki.signer(CHAIR), field="chair", reason="Advies goedgekeurd")
