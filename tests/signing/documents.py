"""Test material: an advisory-like PDF, a PKI on disk, a local TSA and foreign signers."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ethicsdesk.signing import (
    PkiSummary,
    SignatureFieldSpec,
    SignerSpec,
    init_pki,
    load_ca_certificate,
    load_crl,
    load_signer,
    signer_from_key,
)
from ethicsdesk.signing.keystore import to_asn1
from ethicsdesk.signing.pki import make_ca, make_signer_certificate

ORGANISATION = "Scholengroep Zonnebloem"
SECRETARY = SignerSpec("Sam de Secretaris", "secretaris", email="sam@school.example")
CHAIR = SignerSpec("Eva van Dijk", "voorzitter")
PASSPHRASES = {"ca": "ca passphrase", SECRETARY.key_id: "sam's", CHAIR.key_id: "eva's"}
SIGNATURE_PAGE = 2
FIELDS = (
    SignatureFieldSpec(
        "secretary", SIGNATURE_PAGE, (72, 120, 282, 180), SECRETARY.name, SECRETARY.role
    ),
    SignatureFieldSpec("chair", SIGNATURE_PAGE, (313, 120, 523, 180), CHAIR.name, CHAIR.role),
)


def advisory_pdf(pages: int = 3) -> bytes:
    """A few pages of text and a last page with room for the signature boxes."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, 770, f"Advies ethiekcommissie, pagina {number}")
        pdf.setFont("Helvetica", 11)
        for line in range(30):
            pdf.drawString(72, 740 - 18 * line, f"Overweging {number}.{line + 1}: scores adviseren")
        if number == pages:
            pdf.drawString(72, 200, "Ondertekening")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class Pki:
    """A PKI made by init_pki, with its trust material loaded."""

    summary: PkiSummary

    @property
    def directory(self) -> Path:
        return self.summary.directory

    @property
    def ca(self) -> x509.Certificate:
        return load_ca_certificate(self.directory)

    @property
    def crl(self) -> x509.CertificateRevocationList:
        return load_crl(self.directory)

    def signer(self, spec: SignerSpec) -> SimpleSigner:
        issued = next(s for s in self.summary.signers if s.key_id == spec.key_id)
        return load_signer(issued.p12_path, PASSPHRASES[spec.key_id])


def make_pki(directory: Path) -> Pki:
    """The association's PKI with a secretary and a chair."""
    return Pki(init_pki(directory, ORGANISATION, [SECRETARY, CHAIR], PASSPHRASES.__getitem__))


def foreign_signer(name: str = "Mallory") -> tuple[SimpleSigner, x509.Certificate]:
    """A well-formed signer whose certificate another CA issued."""
    ca_key, ca_cert = make_ca("Elders")
    key, cert = make_signer_certificate(SignerSpec(name, "voorzitter"), ca_key, ca_cert)
    return signer_from_key(key, cert, [ca_cert]), ca_cert


def dummy_timestamper() -> tuple[DummyTimeStamper, x509.Certificate]:
    """An in-process RFC 3161 authority under its own root, so B-T is tested offline."""
    root_key, root = make_ca("Tijdstempel Test")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # Dummy TSA: RSA only
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    stamper = DummyTimeStamper(
        tsa_cert=to_asn1(cert),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
        certs_to_embed=SimpleCertificateStore.from_certs([to_asn1(root)]),
    )
    return stamper, root
