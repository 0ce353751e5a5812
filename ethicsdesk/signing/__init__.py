"""Signed advisories: the association's PKI, PAdES signing and verification; no Flask here."""

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
from ethicsdesk.signing.pki import SignerSpec, fingerprint, signer_identity
from ethicsdesk.signing.sign import (
    FILL_FORMS,
    SignatureFieldSpec,
    SigningError,
    approve,
    certify,
    http_timestamper,
    signer_certificate,
)
from ethicsdesk.signing.verify import SignatureCheck, VerificationReport, verify_pdf
from ethicsdesk.signing.wording import Sentences

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
    "revoke_signer",
    "signer_certificate",
    "signer_from_key",
    "signer_identity",
    "verify_pdf",
]
