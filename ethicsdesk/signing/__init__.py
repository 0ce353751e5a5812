"""Signed advisories: the association's PKI, PAdES signing and verification; no Flask here.

pyHanko (with aiohttp and the certificate validator, about 20 MiB) is imported only when a
name that needs it is first used: a web worker that only shows pages never loads it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ethicsdesk.signing.keystore import (
        IssuedSigner,
        PkiError,
        PkiSummary,
        init_pki,
        issue_signer,
        load_ca_certificate,
        load_crl,
        load_signer,
        revoke_signer,
        signer_from_key,
    )
    from ethicsdesk.signing.pdfsig import (
        PdfsigReport,
        PdfsigSignature,
        PdfsigUnavailableError,
        pdfsig_report,
    )
    from ethicsdesk.signing.pki import (
        SignerSpec,
        fingerprint,
        signer_identity,
    )
    from ethicsdesk.signing.report import (
        SignatureCheck,
        VerificationReport,
        report_from_dict,
        report_to_dict,
    )
    from ethicsdesk.signing.sign import (
        FILL_FORMS,
        SignatureFieldSpec,
        SigningError,
        approve,
        certify,
        http_timestamper,
        signer_certificate,
    )
    from ethicsdesk.signing.verify import (
        verify_pdf,
    )
    from ethicsdesk.signing.wording import (
        Sentences,
    )

# name → the module that defines it
_HOMES = {
    "FILL_FORMS": "sign",
    "IssuedSigner": "keystore",
    "PdfsigReport": "pdfsig",
    "PdfsigSignature": "pdfsig",
    "PdfsigUnavailableError": "pdfsig",
    "PkiError": "keystore",
    "PkiSummary": "keystore",
    "Sentences": "wording",
    "SignatureCheck": "report",
    "SignatureFieldSpec": "sign",
    "SignerSpec": "pki",
    "SigningError": "sign",
    "VerificationReport": "report",
    "report_from_dict": "report",
    "report_to_dict": "report",
    "approve": "sign",
    "certify": "sign",
    "fingerprint": "pki",
    "http_timestamper": "sign",
    "init_pki": "keystore",
    "issue_signer": "keystore",
    "load_ca_certificate": "keystore",
    "load_crl": "keystore",
    "load_signer": "keystore",
    "pdfsig_report": "pdfsig",
    "revoke_signer": "keystore",
    "signer_certificate": "sign",
    "signer_from_key": "keystore",
    "signer_identity": "pki",
    "verify_pdf": "verify",
}

__all__ = [
    "FILL_FORMS",
    "IssuedSigner",
    "PdfsigReport",
    "PdfsigSignature",
    "PdfsigUnavailableError",
    "PkiError",
    "PkiSummary",
    "Sentences",
    "SignatureCheck",
    "SignatureFieldSpec",
    "SignerSpec",
    "SigningError",
    "VerificationReport",
    "approve",
    "certify",
    "fingerprint",
    "http_timestamper",
    "init_pki",
    "issue_signer",
    "load_ca_certificate",
    "load_crl",
    "load_signer",
    "pdfsig_report",
    "report_from_dict",
    "report_to_dict",
    "revoke_signer",
    "signer_certificate",
    "signer_from_key",
    "signer_identity",
    "verify_pdf",
]


def __getattr__(name: str) -> Any:
    """Import the defining module on first use (PEP 562), then keep the name here."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
