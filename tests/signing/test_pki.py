"""The association PKI on disk: what init writes, that it reloads, and what it refuses."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ethicsdesk.signing import (
    PkiError,
    SignerSpec,
    init_pki,
    issue_signer,
    load_signer,
    revoke_signer,
    signer_certificate,
    signer_identity,
)
from ethicsdesk.signing.keystore import CA_CERT_FILE, CA_P12_FILE, CRL_FILE
from tests.signing.documents import CHAIR, ORGANISATION, PASSPHRASES, SECRETARY, Pki, make_pki


def test_init_writes_ca_crl_and_one_pkcs12_per_signer(pki: Pki) -> None:
    files = sorted(str(p.relative_to(pki.directory)) for p in pki.directory.rglob("*"))
    assert files == sorted(
        [
            CA_CERT_FILE,
            CA_P12_FILE,
            CRL_FILE,
            "signers",
            f"signers/{CHAIR.key_id}.p12",
            f"signers/{SECRETARY.key_id}.p12",
        ]
    )
    for path in pki.directory.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_ca_is_a_ten_year_p256_ca_named_after_the_organisation(pki: Pki) -> None:
    ca = pki.ca
    name = ca.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert name == f"EthicsDesk {ORGANISATION} CA"
    assert ca.public_key().curve.name == "secp256r1"
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert (ca.not_valid_after_utc - ca.not_valid_before_utc).days in range(3650, 3652)
    assert pki.summary.ca_fingerprint_sha256 == ca.fingerprint(ca.signature_hash_algorithm).hex()


def test_signer_reloads_with_name_role_and_document_signing_usage(pki: Pki) -> None:
    cert = signer_certificate(pki.signer(CHAIR))
    assert signer_identity(cert) == (CHAIR.name, CHAIR.role)
    assert cert.issuer == pki.ca.subject
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment  # nonRepudiation
    assert not usage.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36") in eku  # id-kp-documentSigning
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days in range(730, 732)
    assert [s.serial for s in pki.summary.signers] == [
        signer_certificate(pki.signer(spec)).serial_number for spec in (SECRETARY, CHAIR)
    ]


def test_signer_email_goes_into_the_subject_alternative_name(pki: Pki) -> None:
    cert = signer_certificate(pki.signer(SECRETARY))
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == [SECRETARY.email]


def test_wrong_passphrase_is_a_clear_error(pki: Pki) -> None:
    with pytest.raises(PkiError, match="wrong passphrase"):
        load_signer(pki.summary.signers[0].p12_path, "not it")


def test_refuses_to_replace_an_existing_ca_unless_forced(tmp_path: Path) -> None:
    first = make_pki(tmp_path)
    with pytest.raises(PkiError, match="already exists"):
        make_pki(tmp_path)
    assert first.ca == Pki(first.summary).ca
    forced = init_pki(tmp_path, ORGANISATION, [CHAIR], PASSPHRASES.__getitem__, force=True)
    assert forced.ca_fingerprint_sha256 != first.summary.ca_fingerprint_sha256


def test_issue_signer_adds_a_signer_and_refuses_to_overwrite(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    member = SignerSpec("Joost Lid", "lid van de ethiekcommissie")
    issued = issue_signer(
        pki.directory, member, ca_passphrase=PASSPHRASES["ca"], passphrase="joost's"
    )
    assert signer_certificate(load_signer(issued.p12_path, "joost's")).issuer == pki.ca.subject
    with pytest.raises(PkiError, match="refusing to overwrite"):
        issue_signer(pki.directory, member, ca_passphrase=PASSPHRASES["ca"], passphrase="x")
    renewed = issue_signer(
        pki.directory, member, ca_passphrase=PASSPHRASES["ca"], passphrase="new", force=True
    )
    assert renewed.serial != issued.serial


def test_revocation_lists_the_serial_on_a_new_crl(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    assert list(pki.crl) == []
    serial = pki.summary.signers[1].serial
    revoke_signer(pki.directory, serial, ca_passphrase=PASSPHRASES["ca"])
    crl = pki.crl
    assert [entry.serial_number for entry in crl] == [serial]
    assert crl.is_signature_valid(pki.ca.public_key())


def test_empty_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PkiError, match="empty passphrase"):
        init_pki(tmp_path, ORGANISATION, [CHAIR], lambda _key_id: "")


def test_a_wrong_ca_passphrase_issues_nothing(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    with pytest.raises(PkiError, match="wrong passphrase"):
        issue_signer(pki.directory, SignerSpec("X", "lid"), ca_passphrase="no", passphrase="x")
    assert not (pki.directory / "signers" / "x.p12").exists()
