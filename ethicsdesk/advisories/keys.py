"""The association's signing keys in the embedded setup: a local CA and a PKCS#12 per signer.

Each signer's PKCS#12 passphrase is derived from the app's SECRET_KEY, so the server can sign
after the signer re-entered their account password. A deployment that wants keys the server
cannot use on its own points ETHICSDESK_PKI_PATH at files protected otherwise (see README).
"""

from __future__ import annotations

import hashlib
import hmac
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from ethicsdesk import signing  # its pyHanko parts load when first used
from ethicsdesk.advisories.models import SignerCertificate
from ethicsdesk.auth.models import User
from ethicsdesk.core.memo import Memo
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.signing.pki import CA_CERT_FILE, CRL_FILE, SIGNERS_DIR, SignerSpec

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

    from ethicsdesk.signing import IssuedSigner

ROLE_TITLES = {
    "secretary": {
        "nl": "Secretaris van de ethische commissie",
        "en": "Secretary of the ethics committee",
    },
    "chair": {"nl": "Voorzitter van de ethische commissie", "en": "Chair of the ethics committee"},
}


def pki_directory() -> Path:
    """Where the CA and the signers' files live (outside the static and files folders)."""
    return Path(current_app.config["PKI_PATH"])


def passphrase(key_id: str) -> str:
    """The PKCS#12 passphrase: from the operator's passphrase file, else derived per key."""
    configured = _configured_passphrases()
    if key_id in configured:
        return configured[key_id]
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"ethicsdesk-pki:{key_id}".encode(), hashlib.sha256).hexdigest()


def _configured_passphrases() -> dict[str, str]:
    """Production: PKCS#12 files issued elsewhere, their passphrases in a TOML file (mode 0600)."""
    path = current_app.config.get("PKI_PASSPHRASES_FILE")
    if not path:
        return {}
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    return {str(key): str(value) for key, value in data.get("passphrases", {}).items()}


def signer_role(user: User) -> str | None:
    """The signing role a user holds (the first configured one), if any."""
    roles = {role.value for role in user.roles}
    return next((role for role in current_app.config["SIGNER_ROLES"] if role in roles), None)


def _spec(user: User) -> SignerSpec:
    role = signer_role(user) or Role.CHAIR.value
    title = ROLE_TITLES.get(role, {"nl": role, "en": role})["nl"]
    return SignerSpec(name=user.name, role=title, email=user.email)


def _record(user: User, issued: IssuedSigner) -> SignerCertificate:
    certificate = SignerCertificate(
        user=user, key_id=issued.key_id, serial=str(issued.serial),
        sha256=issued.fingerprint_sha256, not_after=issued.not_after,
    )  # fmt: skip
    db.session.add(certificate)
    db.session.flush()
    return certificate


def initialise(
    organisation: str, users: list[User], *, force: bool = False
) -> list[SignerCertificate]:
    """Create the CA and a certificate for each signer (``flask ethicsdesk pki init``)."""
    specs = {_spec(user).key_id: user for user in users}
    summary = signing.init_pki(pki_directory(), organisation, [_spec(u) for u in users], passphrase,
                       force=force)  # fmt: skip
    return [_record(specs[issued.key_id], issued) for issued in summary.signers]


def ensure_certificate(user: User) -> SignerCertificate:
    """The user's current certificate, issuing one from the local CA when there is none."""
    existing = current_certificate(user)
    if existing is not None:
        return existing
    spec = _spec(user)
    issued = signing.issue_signer(pki_directory(), spec, ca_passphrase=passphrase("ca"),
                          passphrase=passphrase(spec.key_id), force=True)  # fmt: skip
    return _record(user, issued)


def current_certificate(user: User) -> SignerCertificate | None:
    """The newest unrevoked certificate of a user."""
    import sqlalchemy as sa

    return db.session.scalar(
        sa.select(SignerCertificate)
        .where(SignerCertificate.user_id == user.id, SignerCertificate.revoked_at.is_(None))
        .order_by(SignerCertificate.id.desc())
        .limit(1)
    )


def signer_for(certificate: SignerCertificate) -> SimpleSigner:
    """A pyHanko signer for the user's key."""
    path = pki_directory() / SIGNERS_DIR / f"{certificate.key_id}.p12"
    return signing.load_signer(path, passphrase(certificate.key_id))


def trust_roots() -> list:
    """The association CA, the only root the verifier trusts."""
    return [signing.load_ca_certificate(pki_directory())]


def trust_state() -> tuple[tuple[str, int, int], ...]:
    """What verification trusts, as file names, sizes and times: a new CA or CRL changes it."""
    directory = pki_directory()
    state = []
    for name in (CA_CERT_FILE, CRL_FILE):
        try:
            stat = (directory / name).stat()
        except FileNotFoundError:
            continue
        state.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(state)


# Content digests by file state: a stat per request, the files read only when they changed.
_DIGESTS: Memo[str] = Memo(size=8)


def trust_digest() -> str:
    """What verification trusts, by content (the same on every instance with the same files)."""
    state = trust_state()

    def digest() -> str:
        directory, total = pki_directory(), hashlib.sha256()
        for name, _size, _mtime in state:
            total.update(name.encode() + b"\0" + (directory / name).read_bytes() + b"\0")
        return total.hexdigest()

    return _DIGESTS.get((str(pki_directory()), state), digest)


def pki_exists() -> bool:
    return (pki_directory() / CA_CERT_FILE).exists()
