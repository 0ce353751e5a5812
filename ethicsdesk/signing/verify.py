"""Full signature validation with pyHanko, including what changed after each signature."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    SignatureCoverageLevel,
    validate_pdf_signature,
    validate_pdf_timestamp,
)
from pyhanko.sign.validation.status import DocumentTimestampStatus, PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)

from ethicsdesk.signing.keystore import to_asn1
from ethicsdesk.signing.pki import fingerprint, signer_identity
from ethicsdesk.signing.report import SignatureCheck, VerificationReport

__all__ = ["SignatureCheck", "VerificationReport", "verify_pdf"]

# What a later revision may do without voiding an earlier signature under FILL_FORMS DocMDP.
PERMITTED = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


# Given the CA's CRL, every signer certificate must be checked against it (no usable CRL: not
# trusted); without CRLs, revocation is checked only where a certificate points at revinfo.
CRL_REQUIRED = CertRevTrustPolicy(
    RevocationCheckingPolicy(
        RevocationCheckingRule.CRL_REQUIRED, RevocationCheckingRule.CRL_REQUIRED
    ),
    retroactive_revinfo=True,
)
CHECK_IF_DECLARED = CertRevTrustPolicy(
    RevocationCheckingPolicy(
        RevocationCheckingRule.CHECK_IF_DECLARED_SOFT,
        RevocationCheckingRule.CHECK_IF_DECLARED_SOFT,
    )
)


def _contexts(
    trust_roots: Sequence[x509.Certificate],
    crls: Iterable[x509.CertificateRevocationList],
    moment: dt.datetime | None,
) -> tuple[ValidationContext, ValidationContext]:
    """Offline contexts for signers (CRL enforced when given) and for timestamp authorities."""
    roots = [to_asn1(cert) for cert in trust_roots]
    crl_ders = [crl.public_bytes(serialization.Encoding.DER) for crl in crls]
    signer_context = ValidationContext(
        trust_roots=roots,
        crls=crl_ders,
        moment=moment,
        allow_fetching=False,
        revinfo_policy=CRL_REQUIRED if crl_ders else CHECK_IF_DECLARED,
    )
    timestamp_context = ValidationContext(
        trust_roots=roots, moment=moment, allow_fetching=False, revinfo_policy=CHECK_IF_DECLARED
    )
    return signer_context, timestamp_context


def _kind(embedded: EmbeddedPdfSignature) -> str:
    """Certification signatures carry the DocMDP policy every later change is judged by."""
    if embedded.sig_object_type == "/DocTimeStamp":
        return "timestamp"
    return "certification" if embedded.docmdp_level is not None else "approval"


def _check(
    embedded: EmbeddedPdfSignature,
    contexts: tuple[ValidationContext, ValidationContext],
    total_revisions: int,
) -> tuple[SignatureCheck, dt.datetime]:
    """Validate one signature: `bottom_line` (never `valid` alone) plus the diff analysis."""
    kind = _kind(embedded)
    status: PdfSignatureStatus | DocumentTimestampStatus
    if kind == "timestamp":
        status = validate_pdf_timestamp(embedded, validation_context=contexts[1])
        signing_time = timestamp_time = status.timestamp
        timestamp_trusted, ts = None, None
        ok = status.valid and status.intact and status.trusted and _permitted(status)
    else:
        status = validate_pdf_signature(embedded, *contexts)
        ts = status.timestamp_validity
        signing_time = status.signer_reported_dt
        timestamp_time = ts.timestamp if ts is not None else None
        timestamp_trusted = None if ts is None else ts.valid and ts.intact and ts.trusted
        ok = status.bottom_line and _permitted(status)
    cert = x509.load_der_x509_certificate(status.signing_cert.dump())
    name, role = signer_identity(cert)
    level = status.modification_level
    check = SignatureCheck(
        field_name=str(embedded.field_name),
        kind=kind,
        signer_name=name,
        signer_role=role,
        signer_fingerprint_sha256=fingerprint(cert),
        signing_time=signing_time,
        timestamp_time=timestamp_time,
        timestamp_trusted=timestamp_trusted,
        intact=status.intact and status.valid,
        trusted=status.trusted,
        revoked=status.revocation_details is not None,
        trust_problem=_trust_problem(status),
        signed_revision=embedded.signed_revision,
        total_revisions=total_revisions,
        covers_whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modification_level=level.name if level is not None else None,
        modifications_permitted=_permitted(status),
        ok=ok,
    )
    not_after = cert.not_valid_after_utc
    if ts is not None and ts.signing_cert is not None:  # the time-stamping authority's
        not_after = min(not_after, ts.signing_cert.not_valid_after)
    return check, not_after


def _trust_problem(status: PdfSignatureStatus | DocumentTimestampStatus) -> str | None:
    """Why trust failed, so 'expired' and 'unknown issuer' are told apart."""
    if status.trusted:
        return None
    return status.trust_problem_indic.name if status.trust_problem_indic else "GENERIC"


def _permitted(status: PdfSignatureStatus | DocumentTimestampStatus) -> bool:
    """Later revisions may only add signatures and fill fields; nothing else after signing."""
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    return bool(status.docmdp_ok) and status.modification_level in PERMITTED


def verify_pdf(
    pdf: bytes,
    trust_roots: Sequence[x509.Certificate],
    crls: Iterable[x509.CertificateRevocationList] = (),
    *,
    moment: dt.datetime | None = None,
) -> VerificationReport:
    """Check every signature against the association CA; damage and later edits are reported.

    Certificates are judged at `moment` (default: now). B-B signatures carry no proof of when
    they were made, so after a signer certificate expires they only verify with a `moment`
    the app recorded itself at signing time.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
        contexts = _contexts(trust_roots, crls, moment)
        found = [_check(sig, contexts, reader.total_revisions) for sig in embedded]
    except (PdfError, ValueError, KeyError, TypeError) as error:
        # A damaged file is a verdict, not a crash: the verify page must still answer.
        return VerificationReport((), f"{type(error).__name__}: {error}")
    # judged at "now", the verdict can change when a certificate it relied on expires
    expiries = [not_after for _, not_after in found]
    expiries += [root.not_valid_after_utc for root in trust_roots]
    return VerificationReport(tuple(check for check, _ in found), None, min(expiries, default=None))
