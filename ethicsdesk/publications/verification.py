"""Is an uploaded PDF an advisory from this archive, which version, and is it intact?"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ethicsdesk import signing  # pyHanko loads when a signature is first checked
from ethicsdesk.advisories import keys
from ethicsdesk.advisories.models import Advisory, ArchiveEntry
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Publication
from ethicsdesk.signing.wording import Sentences
from ethicsdesk.storage.filetypes import FileKind, UnsupportedFileType, detect_file_type


@dataclass
class Verdict:
    """What the verify page says, in both languages, plus the facts behind it."""

    sentences: list[Sentences]
    intact: bool = False
    from_archive: bool = False
    advisory: Advisory | None = None
    publication: Publication | None = None
    signatures: list[Any] = field(default_factory=list)


def _embedded_reference(pdf: bytes) -> tuple[str, int] | None:
    """Number and version from the embedded advisory.json, if the PDF carries one."""
    try:
        from pypdf import PdfReader

        attachments = PdfReader(io.BytesIO(pdf)).attachments
        data = json.loads(attachments["advisory.json"][0])
        return str(data["number"]), int(data["version"])
    except Exception:  # any unreadable or foreign PDF simply has no reference
        return None


def _advisory_for(pdf: bytes) -> tuple[Advisory | None, bool]:
    """The archived advisory this PDF is (byte-identical) or claims to be."""
    digest = hashlib.sha256(pdf).hexdigest()
    entry = db.session.scalar(sa.select(ArchiveEntry).where(ArchiveEntry.sha256 == digest))
    if entry is not None:
        return entry.advisory, True
    reference = _embedded_reference(pdf)
    if reference is None:
        return None, False
    advisory = db.session.scalar(
        sa.select(Advisory).where(Advisory.number == reference[0], Advisory.version == reference[1])
    )
    return advisory, False


NOT_A_PDF = Sentences(
    "Dit bestand is geen PDF. Upload het PDF-bestand van het advies.",
    "This file is not a PDF. Upload the advisory's PDF file.",
)
NOT_OURS = Sentences(
    "Dit is geen advies uit het archief van de commissie.",
    "This is not an advisory from the committee's archive.",
)
DAMAGED = Sentences(
    "Let op: dit bestand is beschadigd of gewijzigd; het is niet het gearchiveerde origineel.",
    "Warning: this file is damaged or changed; it is not the archived original.",
)
INTACT = Sentences("Het bestand is ongeschonden.", "The file is intact.")


def check(pdf: bytes) -> Verdict:
    """The whole verdict for one upload; never raises on hostile input."""
    try:
        if detect_file_type(pdf).kind is not FileKind.PDF:
            raise UnsupportedFileType
    except Exception:  # executables, office files, garbage: the same plain answer
        return Verdict([NOT_A_PDF])
    advisory, identical = _advisory_for(pdf)
    if advisory is None:
        return Verdict([NOT_OURS])
    report = signing.verify_pdf(pdf, keys.trust_roots())
    intact = identical and report.ok
    publication = db.session.scalar(
        sa.select(Publication).where(Publication.advisory_id == advisory.id)
    )
    said = [_identity(advisory, identical), INTACT if intact else DAMAGED, report.summary]
    later = _latest_later_version(advisory)
    if later:
        newer = f"v{later}"
        said.append(
            Sentences(f"Er is een nieuwere versie: {newer}.", f"A newer version exists: {newer}.")
        )
    if publication is not None and publication.retracted:
        reason = publication.retraction_reason
        said.append(
            Sentences(
                f"Dit advies is ingetrokken: {reason}", f"This advisory was retracted: {reason}"
            )
        )
    return Verdict(
        said, intact=intact, from_archive=True, advisory=advisory, publication=publication,
        signatures=list(report.signatures),
    )  # fmt: skip


def _latest_later_version(advisory: Advisory) -> int | None:
    """A signed later version supersedes this one."""
    return db.session.scalar(
        sa.select(Advisory.version)
        .where(
            Advisory.number == advisory.number,
            Advisory.version > advisory.version,
            Advisory.signed_at.is_not(None),
        )
        .order_by(Advisory.version.desc())
        .limit(1)
    )


def _identity(advisory: Advisory, identical: bool) -> Sentences:
    ref = advisory.reference
    if identical:
        return Sentences(f"Dit is advies {ref} uit het archief van de commissie.",
                         f"This is advisory {ref} from the committee's archive.")  # fmt: skip
    return Sentences(f"Dit bestand zegt advies {ref} te zijn.",
                     f"This file claims to be advisory {ref}.")  # fmt: skip
