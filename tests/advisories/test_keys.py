"""Signer keys: derived passphrases in the embedded setup, an operator's file in production."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from ethicsdesk.advisories import keys
from ethicsdesk.core.permissions import Role
from ethicsdesk.signing import SignerSpec, init_pki, load_signer
from tests.factories import make_user


def test_derived_passphrases_differ_per_key_and_per_installation(app: Flask) -> None:
    assert keys.passphrase("a") != keys.passphrase("b")
    first = keys.passphrase("a")
    app.config["SECRET_KEY"] = "another-installation-secret-key-of-enough-length"
    assert keys.passphrase("a") != first


def test_pkcs12_files_issued_elsewhere_use_the_operators_passphrases(
    app: Flask, tmp_path: Path
) -> None:
    pki = tmp_path / "pki"
    spec = SignerSpec("Karel Bos", "Voorzitter")
    chosen = {"ca": "operator-ca-passphrase", spec.key_id: "chosen-by-the-chair"}
    init_pki(pki, "Vereniging", [spec], lambda key_id: chosen[key_id])
    passphrases = tmp_path / "passphrases.toml"
    passphrases.write_text(f'[passphrases]\n"{spec.key_id}" = "chosen-by-the-chair"\n')
    app.config.update(PKI_PATH=str(pki), PKI_PASSPHRASES_FILE=str(passphrases))
    assert keys.passphrase(spec.key_id) == "chosen-by-the-chair"
    signer = load_signer(pki / "signers" / f"{spec.key_id}.p12", keys.passphrase(spec.key_id))
    assert signer.signing_cert is not None
    assert keys.signer_role(make_user(Role.CHAIR)) == "chair"
