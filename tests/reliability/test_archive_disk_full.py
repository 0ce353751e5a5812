"""Disk full (ENOSPC) on local storage while archiving: nothing half-written, nothing lost.

With ``ETHICSDESK_ARCHIVE=storage`` the signed PDF is committed in its archive row first and
moved to storage after the commit. When the disk is full the move fails: no object and no
temp file may be left in storage, the row keeps the PDF, and `archive verify` finishes the
move once there is room again.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import sqlalchemy as sa

from ethicsdesk.advisories import archive
from ethicsdesk.advisories.models import Advisory
from ethicsdesk.extensions import db
from ethicsdesk.storage import current_storage
from ethicsdesk.storage import local as local_storage
from tests.advisories.conftest import browser_for, decided
from tests.advisories.test_flow import draft_and_freeze, sign

__all__ = ["decided"]


def test_disk_full_while_moving_the_pdf_to_storage_leaves_no_file_and_loses_nothing(
    app, decided, monkeypatch
) -> None:
    app.config["ARCHIVE_BACKEND"] = "storage"
    root = Path(current_storage().root)
    secretary, url = draft_and_freeze(app, decided)
    sign(secretary, url)
    real_fsync = os.fsync

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(local_storage.os, "fsync", disk_full)
    response = sign(browser_for(app, decided["chair"]), url)
    assert response.status_code == 302  # the signature itself is safe in the committed row
    db.session.expire_all()
    advisory = db.session.scalars(sa.select(Advisory)).one()
    assert advisory.status == "signed"
    entry = archive.last_entry()
    assert entry.content is not None  # the row still holds the PDF
    assert entry.storage_key is None
    assert archive.pending_entries() == [entry]
    leftovers = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    assert leftovers == []  # neither the object nor a temp file was left behind
    pdf = entry.content
    monkeypatch.setattr(local_storage.os, "fsync", real_fsync)  # room again
    verified = app.test_cli_runner().invoke(args=["ethicsdesk", "archive", "verify"])
    assert verified.exit_code == 0, verified.output
    assert "1 pending archive entries moved to storage" in verified.output
    db.session.expire_all()
    entry = archive.last_entry()
    assert entry.content is None
    assert archive.pdf_of(entry, current_storage()) == pdf
