"""The write-once archive of signed advisories, keyed by SHA-256 and chained entry to entry.

Embedded setup: the PDF bytes live in the database row, written in the same transaction as the
signature that completed them, so a crash leaves either both or neither. With object storage
(several app instances) the row is committed first with the bytes as a journal, the object is
written under its hash, and only then are the bytes dropped from the row: a crash at any step
leaves a row that still holds its PDF, never a file without a row or a row without its file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa

from ethicsdesk import signing  # pyHanko loads here only when a verdict is recorded
from ethicsdesk.advisories import keys
from ethicsdesk.advisories.models import Advisory, ArchiveEntry, SignatureVerdict
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from ethicsdesk.storage import ObjectNotFoundError, Storage

GENESIS = "0" * 64


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def chain_hash(previous: str, digest: str, reference: str) -> str:
    """Each entry's hash covers the previous one, so no entry can be changed or removed unseen."""
    return sha256(f"{previous}:{digest}:{reference}".encode())


def last_entry() -> ArchiveEntry | None:
    return db.session.scalar(sa.select(ArchiveEntry).order_by(ArchiveEntry.id.desc()).limit(1))


def archive_pdf(advisory: Advisory, pdf: bytes) -> ArchiveEntry:
    """Add a signed PDF to the archive (the bytes stay on the row until moved to storage)."""
    previous = last_entry()
    previous_hash = previous.chain_hash if previous else GENESIS
    digest = sha256(pdf)
    entry = ArchiveEntry(
        advisory=advisory, sha256=digest, size=len(pdf), previous_chain_hash=previous_hash,
        chain_hash=chain_hash(previous_hash, digest, advisory.reference), content=pdf,
    )  # fmt: skip
    db.session.add(entry)
    db.session.flush()
    return entry


def record_verdict(entry: ArchiveEntry, pdf: bytes) -> SignatureVerdict:
    """Check the signatures once, as the PDF enters the archive, and keep what was found."""
    report, trust_digest = signing.verify_pdf(pdf, keys.trust_roots()), keys.trust_digest()
    verdict = db.session.get(SignatureVerdict, (entry.sha256, trust_digest))
    if verdict is None:
        verdict = SignatureVerdict(sha256=entry.sha256, trust_digest=trust_digest)
        db.session.add(verdict)
    verdict.report = signing.report_to_dict(report)
    verdict.valid_until = report.valid_until
    verdict.checked_at = utcnow()
    db.session.flush()
    return verdict


def object_key(entry: ArchiveEntry) -> str:
    return f"archive/{entry.sha256[:2]}/{entry.sha256}"


def move_to_storage(
    entry: ArchiveEntry, storage: Storage, fail_at: Callable[[str], None] = lambda step: None
) -> None:
    """Second half of the journal: write the object (idempotent), then drop the row's bytes.

    ``fail_at`` lets the fault-injection tests stop the process between the steps.
    """
    if entry.content is None:
        return
    key = object_key(entry)
    fail_at("before_put")
    if not storage.exists(key):
        storage.put(key, entry.content, "application/pdf")
    fail_at("after_put")
    if sha256(storage.get(key)) != entry.sha256:
        raise ValueError(f"stored object {key} does not match its hash")
    entry.storage_key = key
    entry.content = None
    db.session.flush()


def pending_entries() -> list[ArchiveEntry]:
    """Rows whose PDF has not reached object storage yet (after a crash, or not yet moved)."""
    return list(
        db.session.scalars(sa.select(ArchiveEntry).where(ArchiveEntry.content.is_not(None)))
    )


def pdf_of(entry: ArchiveEntry, storage: Storage | None) -> bytes:
    """The archived PDF, from the row or from storage."""
    if entry.content is not None:
        return entry.content
    if storage is None or entry.storage_key is None:
        raise ObjectNotFoundError(f"archive entry {entry.id} has no content")
    return storage.get(entry.storage_key)


@dataclass
class ArchiveReport:
    """What `archive verify` found; `problems` name the entry and what is wrong."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_archive(
    storage: Storage | None, check_signatures: Callable[[bytes], list[str]]
) -> ArchiveReport:
    """Re-check every file's hash, the chain, and every signature."""
    report = ArchiveReport()
    previous = GENESIS
    for entry in db.session.scalars(sa.select(ArchiveEntry).order_by(ArchiveEntry.id)):
        report.checked += 1
        name = f"{entry.advisory.reference} (entry {entry.id})"
        if entry.previous_chain_hash != previous:
            report.problems.append(f"{name}: chain broken, previous hash does not match")
        if (
            chain_hash(entry.previous_chain_hash, entry.sha256, entry.advisory.reference)
            != entry.chain_hash
        ):
            report.problems.append(f"{name}: chain hash does not match its content")
        previous = entry.chain_hash
        try:
            data = pdf_of(entry, storage)
        except ObjectNotFoundError:
            report.problems.append(f"{name}: file missing")
            continue
        if sha256(data) != entry.sha256:
            report.problems.append(f"{name}: file changed (SHA-256 differs)")
        report.problems.extend(f"{name}: {problem}" for problem in check_signatures(data))
    return report


_PENDING = "_ethicsdesk_archive_pending"


def queue_move_after_commit(entry: ArchiveEntry) -> None:
    """With object storage, move the PDF out of the row once the row itself is committed."""
    from flask import current_app, g, has_request_context

    if current_app.config["ARCHIVE_BACKEND"] == "storage" and has_request_context():
        g.setdefault(_PENDING, []).append(entry.id)


def move_queued(response: object) -> object:
    """After-request hook (runs after the commit): the journal's second half, best effort."""
    from flask import current_app, g

    from ethicsdesk.storage import current_storage

    ids = g.pop(_PENDING, [])
    if ids and getattr(response, "status_code", 500) < 400:
        for entry_id in ids:
            entry = db.session.get(ArchiveEntry, entry_id)
            try:
                move_to_storage(entry, current_storage())
                db.session.commit()
            except Exception:  # the row keeps the PDF; `archive verify` finishes the move
                db.session.rollback()
                current_app.logger.exception("archive entry %s stays pending", entry_id)
    return response


def complete_pending(storage: Storage) -> int:
    """Recovery: move every PDF still held by its row to storage; returns how many."""
    moved = 0
    for entry in pending_entries():
        move_to_storage(entry, storage)
        moved += 1
    return moved
