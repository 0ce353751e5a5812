"""The PKI on disk: CA, CRL and one passphrase-protected PKCS#12 file per signer."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from ethicsdesk.signing.pki import (
    CA_CERT_FILE,
    CA_KEY_ID,
    CA_P12_FILE,
    CRL_FILE,
    SIGNERS_DIR,
    SignerSpec,
    SigningKey,
    fingerprint,
    make_ca,
    make_crl,
    make_signer_certificate,
    utcnow,
)

Passphrase = bytes | str
PassphraseSource = Callable[[str], Passphrase]


class PkiError(Exception):
    """A PKI file operation that would lose or leak key material was refused."""


@dataclass(frozen=True)
class IssuedSigner:
    """What the app records about a signer certificate: where it is and how to recognise it."""

    name: str
    role: str
    key_id: str
    p12_path: Path
    serial: int
    fingerprint_sha256: str
    not_after: dt.datetime


@dataclass(frozen=True)
class PkiSummary:
    """What `pki init` created, for the CLI to print and the app to configure."""

    directory: Path
    ca_subject: str
    ca_fingerprint_sha256: str
    ca_not_after: dt.datetime
    ca_cert_path: Path
    ca_p12_path: Path
    crl_path: Path
    signers: tuple[IssuedSigner, ...]


def _secret(passphrase: Passphrase) -> bytes:
    """PKCS#12 wants bytes; people type text."""
    secret = passphrase.encode() if isinstance(passphrase, str) else passphrase
    if not secret:
        raise PkiError("an empty passphrase would leave the private key unprotected")
    return secret


def _write_private(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write atomically with mode 0600, so a key file is never half-written or world-readable."""
    if path.exists() and not overwrite:
        raise PkiError(f"{path} exists; refusing to overwrite it without force")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _p12(
    name: str,
    key: SigningKey,
    cert: x509.Certificate,
    chain: Iterable[x509.Certificate],
    passphrase: Passphrase,
) -> bytes:
    """Key, certificate and chain in one file, so a signer needs one path and one passphrase."""
    return pkcs12.serialize_key_and_certificates(
        name.encode(),
        key,
        cert,
        list(chain),
        serialization.BestAvailableEncryption(_secret(passphrase)),
    )


def _pem(obj: x509.Certificate | x509.CertificateRevocationList) -> bytes:
    """PEM, because people open these files in editors and other tools."""
    return obj.public_bytes(serialization.Encoding.PEM)


def _open_p12(
    path: Path, passphrase: Passphrase
) -> tuple[SigningKey, x509.Certificate, list[x509.Certificate]]:
    """Unlock a PKCS#12 file, telling a wrong passphrase apart from a missing key."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(path.read_bytes(), _secret(passphrase))
    except ValueError as error:
        raise PkiError(f"cannot open {path}: wrong passphrase or not PKCS#12") from error
    if not isinstance(key, ec.EllipticCurvePrivateKey) or cert is None:
        raise PkiError(f"{path} holds no ECDSA key with its certificate")
    return key, cert, chain


def _load_ca(directory: Path, passphrase: Passphrase) -> tuple[SigningKey, x509.Certificate]:
    """The CA key is only unlocked to issue or revoke, never to sign documents."""
    key, cert, _ = _open_p12(directory / CA_P12_FILE, passphrase)
    return key, cert


def _signer_path(directory: Path, spec: SignerSpec) -> Path:
    """One PKCS#12 file per signer, named by key id."""
    return directory / SIGNERS_DIR / f"{spec.key_id}.p12"


def _issue(
    directory: Path,
    spec: SignerSpec,
    ca: tuple[SigningKey, x509.Certificate],
    passphrase: Passphrase,
    *,
    force: bool,
) -> IssuedSigner:
    """Issue one signer certificate and store it with its key as PKCS#12."""
    if spec.key_id == CA_KEY_ID:
        raise PkiError(f"signer key id {CA_KEY_ID!r} is reserved for the CA")
    key, cert = make_signer_certificate(spec, *ca)
    path = _signer_path(directory, spec)
    _write_private(path, _p12(spec.key_id, key, cert, [ca[1]], passphrase), overwrite=force)
    return IssuedSigner(
        name=spec.name,
        role=spec.role,
        key_id=spec.key_id,
        p12_path=path,
        serial=cert.serial_number,
        fingerprint_sha256=fingerprint(cert),
        not_after=cert.not_valid_after_utc,
    )


def init_pki(
    directory: Path | str,
    organisation: str,
    signers: Iterable[SignerSpec],
    passphrase_for: PassphraseSource,
    *,
    force: bool = False,
) -> PkiSummary:
    """Create the CA, an empty CRL and every signer's PKCS#12; passphrase_for gets each key id."""
    directory = Path(directory)
    signers = list(signers)
    if not force and any((directory / f).exists() for f in (CA_CERT_FILE, CA_P12_FILE)):
        raise PkiError(f"a CA already exists in {directory}; refusing to replace it without force")
    if not force and (taken := [s.key_id for s in signers if _signer_path(directory, s).exists()]):
        raise PkiError(f"signer files exist for {taken}; refusing to overwrite them without force")
    key_ids = [CA_KEY_ID, *(spec.key_id for spec in signers)]
    if len(set(key_ids)) != len(key_ids):
        raise PkiError(f"key ids must be unique and not {CA_KEY_ID!r}: {key_ids}")
    secrets = {key_id: _secret(passphrase_for(key_id)) for key_id in key_ids}  # before any write
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    ca_key, ca_cert = make_ca(organisation)
    _write_private(
        directory / CA_P12_FILE,
        _p12(CA_KEY_ID, ca_key, ca_cert, [], secrets[CA_KEY_ID]),
        overwrite=True,
    )
    _write_private(directory / CA_CERT_FILE, _pem(ca_cert), overwrite=True)
    _write_private(directory / CRL_FILE, _pem(make_crl(ca_key, ca_cert)), overwrite=True)
    issued = tuple(
        _issue(directory, spec, (ca_key, ca_cert), secrets[spec.key_id], force=force)
        for spec in signers
    )
    return PkiSummary(
        directory=directory,
        ca_subject=ca_cert.subject.rfc4514_string(),
        ca_fingerprint_sha256=fingerprint(ca_cert),
        ca_not_after=ca_cert.not_valid_after_utc,
        ca_cert_path=directory / CA_CERT_FILE,
        ca_p12_path=directory / CA_P12_FILE,
        crl_path=directory / CRL_FILE,
        signers=issued,
    )


def issue_signer(
    directory: Path | str,
    spec: SignerSpec,
    *,
    ca_passphrase: Passphrase,
    passphrase: Passphrase,
    force: bool = False,
) -> IssuedSigner:
    """Add (or, with force, renew) one signer, e.g. when the committee gets a new chair."""
    directory = Path(directory)
    return _issue(directory, spec, _load_ca(directory, ca_passphrase), passphrase, force=force)


def revoke_signer(
    directory: Path | str,
    serial: int,
    *,
    ca_passphrase: Passphrase,
    when: dt.datetime | None = None,
) -> x509.CertificateRevocationList:
    """List a serial on a freshly signed CRL, so validation rejects signatures after `when`."""
    directory = Path(directory)
    ca_key, ca_cert = _load_ca(directory, ca_passphrase)
    revoked = {entry.serial_number: entry.revocation_date_utc for entry in load_crl(directory)}
    revoked.setdefault(serial, when or utcnow())
    crl = make_crl(ca_key, ca_cert, revoked.items())
    _write_private(directory / CRL_FILE, _pem(crl), overwrite=True)
    return crl


def load_ca_certificate(directory: Path | str) -> x509.Certificate:
    """The trust root for verification: the public CA certificate only."""
    return x509.load_pem_x509_certificate((Path(directory) / CA_CERT_FILE).read_bytes())


def load_crl(directory: Path | str) -> x509.CertificateRevocationList:
    """The current CRL, for offline revocation checks."""
    return x509.load_pem_x509_crl((Path(directory) / CRL_FILE).read_bytes())


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    """pyHanko speaks asn1crypto; the rest of the app speaks cryptography."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def signer_from_key(
    key: SigningKey, cert: x509.Certificate, chain: Iterable[x509.Certificate] = ()
) -> SimpleSigner:
    """A pyHanko signer from in-memory key material (tests, or keys kept elsewhere)."""
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SimpleSigner(
        signing_cert=to_asn1(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in chain]),
    )


def load_signer(p12_path: Path | str, passphrase: Passphrase) -> SimpleSigner:
    """A pyHanko signer from a signer's PKCS#12 file; the chain inside is embedded in the CMS."""
    return signer_from_key(*_open_p12(Path(p12_path), passphrase))
