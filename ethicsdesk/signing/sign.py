"""Certify, then approve: the order that keeps later signatures from looking like tampering."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.signers import Signer
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.stamp import TextStampStyle

from ethicsdesk.signing.pki import DISPLAY_TIMEZONE, signer_identity

__all__ = [
    "DISPLAY_TIMEZONE",
    "FILL_FORMS",
    "SignatureFieldSpec",
    "SigningError",
    "approve",
    "certify",
    "http_timestamper",
    "signer_certificate",
    "stamp_text",
]

FILL_FORMS = MDPPerm.FILL_FORMS
# bytes_reserved counts hex digits (two per CMS byte). Measured CMS: ~1.7 KB for B-B with the
# two-certificate chain, ~3.8 KB with a test TSA's token; reserving room up front lets pyHanko
# sign once instead of twice.
BYTES_RESERVED = 8192
BYTES_RESERVED_WITH_TIMESTAMP = 32768  # a real TSA's token and chain can take 6-8 KB
# A standard (unembedded) font: an embedded TrueType stamp costs ~170 ms per signature.
STAMP_STYLE = TextStampStyle(
    stamp_text="%(signer)s\n%(role)s\n%(when)s",
    text_box_style=TextBoxStyle(font_size=9),
    border_width=1,
    background=None,
)


class SigningError(Exception):
    """The document cannot be signed as asked; nothing was written."""


@dataclass(frozen=True)
class SignatureFieldSpec:
    """Where a required signer's visible signature goes: page index and box in PDF points."""

    name: str
    page: int
    box: tuple[int, int, int, int]
    signer_name: str
    role: str

    def to_pyhanko(self) -> fields.SigFieldSpec:
        """The tooltip (/TU) names the expected signer, so an empty box says whose it is."""
        return fields.SigFieldSpec(
            sig_field_name=self.name,
            on_page=self.page,
            box=self.box,
            readable_field_name=f"{self.signer_name} ({self.role})",
        )


def http_timestamper(url: str | None) -> TimeStamper | None:
    """B-T needs an RFC 3161 authority; no URL means B-B, which works offline."""
    return HTTPTimeStamper(url) if url else None


def _latin1_char(char: str) -> str:
    """One character the standard font can draw: itself, its base letter (Ż → Z), or '?'."""
    if char.encode("latin-1", "ignore"):
        return char
    base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
    return base[:1] or "?"


def _latin1(text: str) -> str:
    """The unembedded stamp font only knows WinAnsi; embedding a font would cost ~170 ms."""
    return "".join(map(_latin1_char, text))


def stamp_text(name: str, role: str, when: dt.datetime) -> dict[str, str]:
    """The visible stamp's words: who, in which role, when (Dutch local time)."""
    local = when.astimezone(DISPLAY_TIMEZONE)
    return {
        "signer": _latin1(name),
        "role": _latin1(role),
        "when": local.strftime("%d-%m-%Y %H:%M %Z"),
    }


def signer_certificate(signer: Signer) -> x509.Certificate:
    """The signer's certificate in cryptography's form, e.g. for the app to record who signed."""
    if signer.signing_cert is None:
        raise SigningError("the signer has no certificate")
    return x509.load_der_x509_certificate(signer.signing_cert.dump())


def _existing_field_names(writer: IncrementalPdfFileWriter) -> dict[str, bool]:
    """Signature fields already in the document, and whether each is filled."""
    return {
        name: value is not None
        for name, value, _ref in fields.enumerate_sig_fields(writer.prev, filled_status=None)
    }


def _sign(
    writer: IncrementalPdfFileWriter,
    signer: Signer,
    *,
    field: str,
    reason: str,
    certify: bool,
    docmdp: MDPPerm,
    timestamper: TimeStamper | None,
    location: str | None,
) -> bytes:
    """One PAdES signature into an existing field, written as an incremental update."""
    cert = signer_certificate(signer)
    name, role = signer_identity(cert)
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=docmdp,
        name=name,
        reason=reason,
        location=location,
        contact_info=role,
    )
    pdf_signer = signers.PdfSigner(meta, signer, timestamper=timestamper, stamp_style=STAMP_STYLE)
    output = pdf_signer.sign_pdf(
        writer,
        existing_fields_only=True,
        bytes_reserved=BYTES_RESERVED_WITH_TIMESTAMP if timestamper else BYTES_RESERVED,
        appearance_text_params=stamp_text(name, role, dt.datetime.now(dt.UTC)),
    )
    return output.getvalue()


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    """Every step appends an incremental update; earlier signed bytes are never rewritten."""
    return IncrementalPdfFileWriter(io.BytesIO(pdf))


def certify(
    pdf: bytes,
    signer: Signer,
    *,
    field: str,
    reason: str,
    all_fields: Sequence[SignatureFieldSpec],
    docmdp: MDPPerm = FILL_FORMS,
    timestamper: TimeStamper | None = None,
    location: str | None = None,
) -> bytes:
    """Create every signature field, then certify: later approvals only fill what was planned."""
    names = [spec.name for spec in all_fields]
    if field not in names:
        raise SigningError(f"the certification field {field!r} is not among all_fields")
    if len(set(names)) != len(names):
        raise SigningError("signature field names must be unique")
    writer = _writer(pdf)
    existing = _existing_field_names(writer)
    if any(existing.values()):
        raise SigningError("the document is already signed; certification must come first")
    if clash := sorted(set(names) & existing.keys()):
        raise SigningError(f"the document already has signature fields {clash}")
    for spec in all_fields:
        fields.append_signature_field(writer, spec.to_pyhanko())
    return _sign(
        writer,
        signer,
        field=field,
        reason=reason,
        certify=True,
        docmdp=docmdp,
        timestamper=timestamper,
        location=location,
    )


def approve(
    pdf: bytes,
    signer: Signer,
    *,
    field: str,
    reason: str,
    timestamper: TimeStamper | None = None,
    location: str | None = None,
) -> bytes:
    """Fill an empty field made at certification; a new field now would void the certification."""
    writer = _writer(pdf)
    existing = _existing_field_names(writer)
    if field not in existing:
        raise SigningError(f"no signature field {field!r}: it must be created at certification")
    if existing[field]:
        raise SigningError(f"signature field {field!r} is already signed")
    return _sign(
        writer,
        signer,
        field=field,
        reason=reason,
        certify=False,
        docmdp=FILL_FORMS,
        timestamper=timestamper,
        location=location,
    )
