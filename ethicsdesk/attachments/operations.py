"""Accepting a vendor document: check what it really is, store it, record it."""

from __future__ import annotations

import hashlib
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from ethicsdesk.attachments.models import Attachment
from ethicsdesk.audit.models import AuditAction
from ethicsdesk.audit.operations import record
from ethicsdesk.auth.models import User
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from ethicsdesk.reviews.operations import WorkflowError
from ethicsdesk.storage import current_storage
from ethicsdesk.storage.base import new_key
from ethicsdesk.storage.filetypes import (
    RejectReason,
    UnsupportedFileType,
    detect_file_type,
    safe_filename,
)

REJECTION_MESSAGES = {
    RejectReason.EMPTY: _l("The file is empty."),
    RejectReason.EXECUTABLE: _l("This is a program, not a document. Only PDF and office files."),
    RejectReason.UNKNOWN: _l("Only PDF and office documents (Word, Excel, PowerPoint, "
                             "OpenDocument) can be added."),
    RejectReason.CORRUPT: _l("The file is damaged or not what its name says."),
    RejectReason.MACROS: _l("Documents with macros are not accepted; save it without macros."),
    RejectReason.ENCRYPTED: _l("Password-protected documents cannot be checked; remove the "
                               "password first."),
    RejectReason.TOO_LARGE: _l("The document unpacks to more than allowed."),
}  # fmt: skip
CLOSED = frozenset({CaseStatus.WITHDRAWN})


class AttachmentRejectedError(WorkflowError):
    """The upload was refused; nothing was stored."""


def add_attachment(
    case: ReviewCase, uploader: User, stream: BinaryIO, filename: str, max_bytes: int
) -> Attachment:
    """Store a document after checking its real type and size; refuse anything else."""
    if not can(uploader, Permission.CASE_DISCUSS, case) or case.status in CLOSED:
        raise AttachmentRejectedError(_l("You may not add documents to this case."))
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise AttachmentRejectedError(
            _l("The file is larger than %(size)d MB.", size=max_bytes // (1024 * 1024))
        )
    try:
        file_type = detect_file_type(data)
    except UnsupportedFileType as error:
        raise AttachmentRejectedError(REJECTION_MESSAGES[error.reason]) from None
    key = new_key("attachments")
    attachment = Attachment(
        case=case,
        uploader=uploader,
        filename=safe_filename(filename, file_type.extension),
        content_type=file_type.mime_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_key=key,
    )
    db.session.add(attachment)
    db.session.flush()
    record(case, uploader, AuditAction.ATTACHMENT_ADDED, details={"filename": attachment.filename})
    # stored last: if the database refused, no orphan file is left behind
    current_storage().put(key, data, file_type.mime_type)
    return attachment
