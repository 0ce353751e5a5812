"""The archive: hash chain, tampering found, and no orphans or lost PDFs when a step fails."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from ethicsdesk.advisories import archive, operations
from ethicsdesk.advisories.models import Advisory, ArchiveEntry
from ethicsdesk.extensions import db
from ethicsdesk.storage.local import LocalStorage
from ethicsdesk.storage.s3 import S3Storage
from tests.advisories.conftest import browser_for
from tests.advisories.test_flow import draft_and_freeze, sign
from tests.storage.conftest import S3_CREDENTIALS, s3_bucket, s3_endpoint  # noqa: F401


class CrashError(Exception):
    """Stands for the process dying at a given step."""


def signed_advisory(app, decided) -> Advisory:
    secretary, url = draft_and_freeze(app, decided)
    sign(secretary, url)
    sign(browser_for(app, decided["chair"]), url)
    db.session.expire_all()
    return db.session.scalars(sa.select(Advisory)).one()


def test_entries_chain_to_each_other(app, decided) -> None:
    advisory = signed_advisory(app, decided)
    entry = archive.last_entry()
    assert entry.previous_chain_hash == archive.GENESIS
    assert entry.chain_hash == archive.chain_hash(archive.GENESIS, entry.sha256, advisory.reference)


def test_a_malicious_incremental_update_is_reported(app, decided) -> None:
    signed_advisory(app, decided)
    entry = archive.last_entry()
    writer = IncrementalPdfFileWriter(io.BytesIO(entry.content))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 720 Td (ONGUNSTIG) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    tampered = io.BytesIO()
    writer.write(tampered)
    entry.content = tampered.getvalue()
    entry.sha256 = archive.sha256(entry.content)  # an attacker who also fixes the hash…
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "archive", "verify"])
    assert result.exit_code != 0
    assert "chain hash does not match" in result.output  # …is caught by the chain
    assert "changed afterwards in a way that is not permitted" in result.output


def test_a_failure_while_archiving_loses_nothing_and_leaves_nothing(
    app, decided, monkeypatch
) -> None:
    secretary, url = draft_and_freeze(app, decided)
    sign(secretary, url)

    def crash(*args, **kwargs):
        raise CrashError("disk full")

    monkeypatch.setattr(operations.archive, "archive_pdf", crash)
    response = sign(browser_for(app, decided["chair"]), url)
    assert response.status_code == 500
    db.session.expire_all()
    advisory = db.session.scalars(sa.select(Advisory)).one()
    assert len(advisory.signatures) == 1  # the chair's signature was rolled back with it
    assert advisory.working_pdf is not None  # the secretary's signed PDF is still there
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ArchiveEntry)) == 0
    monkeypatch.undo()
    assert sign(browser_for(app, decided["chair"]), url).status_code == 302


@pytest.fixture(params=["local", "s3"])
def object_storage(request, tmp_path):
    """The archive's object store: local disk, and a real S3 API (moto's server)."""
    if request.param == "local":
        return LocalStorage(tmp_path / "objects")
    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = request.getfixturevalue("s3_bucket")
    return S3Storage(bucket=bucket, endpoint_url=endpoint, **S3_CREDENTIALS)


@pytest.mark.parametrize("step", ["before_put", "after_put"])
def test_moving_to_object_storage_survives_a_crash_at_each_step(
    app, decided, step, object_storage
) -> None:
    signed_advisory(app, decided)
    storage = object_storage
    entry = archive.last_entry()
    pdf = entry.content

    def fail_at(where: str) -> None:
        if where == step:
            raise CrashError(where)

    with pytest.raises(CrashError):
        archive.move_to_storage(entry, storage, fail_at)
    db.session.rollback()
    entry = archive.last_entry()
    assert entry.content == pdf  # the row still holds its PDF: nothing lost
    key = archive.object_key(entry)
    # an object written before the crash belongs to a row that names its hash: no orphan
    assert not storage.exists(key) or archive.sha256(storage.get(key)) == entry.sha256
    assert archive.pending_entries() == [entry]
    archive.move_to_storage(entry, storage)  # recovery
    db.session.commit()
    entry = archive.last_entry()
    assert entry.content is None
    assert archive.pdf_of(entry, storage) == pdf
    assert archive.pending_entries() == []


def test_with_object_storage_the_pdf_moves_out_of_the_row(app, decided, tmp_path) -> None:
    app.config["ARCHIVE_BACKEND"] = "storage"
    advisory = signed_advisory(app, decided)
    entry = archive.last_entry()
    assert entry.content is None  # moved after the commit
    assert entry.storage_key == archive.object_key(entry)
    from ethicsdesk.advisories.operations import pdf_bytes

    assert archive.sha256(pdf_bytes(advisory)) == entry.sha256
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "archive", "verify"])
    assert result.exit_code == 0, result.output
