"""The association's own small PKI: one ECDSA CA, one certificate per signer, a CRL."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_VALIDITY = dt.timedelta(days=3650)
SIGNER_VALIDITY = dt.timedelta(days=730)
CLOCK_SKEW = dt.timedelta(minutes=5)
# RFC 9336 id-kp-documentSigning says what the key is for; emailProtection is what NSS (pdfsig)
# and Acrobat accept for signers when an EKU extension is present.
SIGNER_EKU = (x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36"), ExtendedKeyUsageOID.EMAIL_PROTECTION)

SigningKey = ec.EllipticCurvePrivateKey


# Where the PKI keeps its files, and the zone signing times are shown in; here (not in the
# pyHanko modules) so the web app can name them without importing pyHanko.
CA_KEY_ID = "ca"
CA_CERT_FILE = "ca.pem"
CA_P12_FILE = "ca.p12"
CRL_FILE = "ca.crl.pem"
SIGNERS_DIR = "signers"
DISPLAY_TIMEZONE = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class SignerSpec:
    """Who a signer certificate is for: the name and role a reader sees on the signature."""

    name: str
    role: str
    email: str | None = None

    @property
    def key_id(self) -> str:
        """A file-name-safe id, so each signer's PKCS#12 file is found by name."""
        return slugify(self.name)


def slugify(text: str) -> str:
    """Lower-case ASCII with dashes, because key ids become file names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make a file name from {text!r}")
    return slug


def utcnow() -> dt.datetime:
    """One clock for the module, so tests can reason about validity windows."""
    return dt.datetime.now(dt.UTC)


def new_key() -> SigningKey:
    """P-256 keys: about three times faster to sign with than RSA-2048 in pyHanko."""
    return ec.generate_private_key(ec.SECP256R1())


def _name(*attributes: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    """Skip empty values, which X.509 names cannot hold."""
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes if value])


def _key_ids(
    builder: x509.CertificateBuilder, key: SigningKey, issuer_key: SigningKey
) -> x509.CertificateBuilder:
    """Key identifiers let validators build the chain without guessing."""
    return builder.add_extension(
        x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
    ).add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
        critical=False,
    )


def make_ca(
    organisation: str, *, key: SigningKey | None = None, now: dt.datetime | None = None
) -> tuple[SigningKey, x509.Certificate]:
    """A self-signed CA that may only issue signer certificates and CRLs."""
    key = key or new_key()
    now = now or utcnow()
    name = _name(
        (NameOID.COMMON_NAME, f"EthicsDesk {organisation} CA"),
        (NameOID.ORGANIZATION_NAME, organisation),
        (NameOID.COUNTRY_NAME, "NL"),
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return key, _key_ids(builder, key, key).sign(key, hashes.SHA256())


def make_signer_certificate(
    spec: SignerSpec,
    ca_key: SigningKey,
    ca_cert: x509.Certificate,
    *,
    key: SigningKey | None = None,
    now: dt.datetime | None = None,
    validity: dt.timedelta = SIGNER_VALIDITY,
) -> tuple[SigningKey, x509.Certificate]:
    """A document-signing certificate whose subject names the person and their role."""
    key = key or new_key()
    now = now or utcnow()
    organisation = ca_cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    subject = _name(
        (NameOID.COMMON_NAME, spec.name),
        (NameOID.TITLE, spec.role),
        (NameOID.ORGANIZATION_NAME, str(organisation[0].value) if organisation else ""),
        (NameOID.COUNTRY_NAME, "NL"),
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(min(now + validity, ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage(list(SIGNER_EKU)), critical=False)
    )
    if spec.email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(spec.email)]), critical=False
        )
    return key, _key_ids(builder, key, ca_key).sign(ca_key, hashes.SHA256())


def make_crl(
    ca_key: SigningKey,
    ca_cert: x509.Certificate,
    revoked: Iterable[tuple[int, dt.datetime]] = (),
    *,
    now: dt.datetime | None = None,
) -> x509.CertificateRevocationList:
    """A CRL lets validation run offline and still know which signer keys were withdrawn.

    The app reads the CRL from its own PKI folder, never fetches it, so it stays valid until the
    CA expires: a CRL that lapsed unnoticed would make every verification fail.
    """
    now = now or utcnow()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - CLOCK_SKEW)
        .next_update(ca_cert.not_valid_after_utc)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(ca_key, hashes.SHA256())


def subject_value(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    """The first value of one attribute, or '' when the certificate has none."""
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def signer_identity(cert: x509.Certificate) -> tuple[str, str]:
    """Name and role as the CA certified them, so a PDF cannot claim someone else's role."""
    return subject_value(cert.subject, NameOID.COMMON_NAME), subject_value(
        cert.subject, NameOID.TITLE
    )


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint in hex: what the app records to recognise a signer later."""
    return cert.fingerprint(hashes.SHA256()).hex()
