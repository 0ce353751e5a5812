"""S3Storage against a real S3 server on 127.0.0.1 (moto standalone), no mocked boto3."""

from __future__ import annotations

import io
import sys

import pytest

from ethicsdesk.storage import InvalidKeyError, ObjectNotFoundError, storage_from_config
from ethicsdesk.storage.s3 import S3Storage
from tests.storage.conftest import S3_CREDENTIALS

KEY = "attachments/2026/11/5b1f0c2e7d9a4c3b8e6f1a2d3c4b5a69"


@pytest.fixture
def storage(s3_endpoint: str, s3_bucket: str) -> S3Storage:
    return S3Storage(bucket=s3_bucket, endpoint_url=s3_endpoint, **S3_CREDENTIALS)


def test_round_trip_keeps_bytes_and_content_type(storage: S3Storage) -> None:
    assert not storage.exists(KEY)
    storage.put(KEY, b"%PDF-1.7 ...", "application/pdf")
    assert storage.exists(KEY)
    assert storage.get(KEY) == b"%PDF-1.7 ..."
    head = storage.client.head_object(Bucket=storage.bucket, Key=KEY)
    assert head["ContentType"] == "application/pdf"


def test_large_streams_are_uploaded_in_parts_and_streamed_back(storage: S3Storage) -> None:
    data = bytes(range(256)) * (9 * 4096)  # 9 MiB: above boto3's 8 MiB multipart threshold
    storage.put(KEY, io.BytesIO(data), "application/vnd.ms-excel")
    chunks = list(storage.iter_chunks(KEY, chunk_size=1024 * 1024))
    assert len(chunks) > 1
    assert b"".join(chunks) == data


def test_delete_is_idempotent_and_missing_objects_raise(storage: S3Storage) -> None:
    storage.put(KEY, b"x", "application/pdf")
    storage.delete(KEY)
    storage.delete(KEY)
    assert not storage.exists(KEY)
    with pytest.raises(ObjectNotFoundError):
        storage.open(KEY)
    with pytest.raises(ObjectNotFoundError):
        storage.iter_chunks(KEY)


def test_a_prefix_keeps_the_app_in_its_own_folder(s3_endpoint: str, s3_bucket: str) -> None:
    storage = S3Storage(s3_bucket, s3_endpoint, prefix="/ethicsdesk/prod/", **S3_CREDENTIALS)
    storage.put(KEY, b"x", "application/pdf")
    listing = storage.client.list_objects_v2(Bucket=s3_bucket)
    assert [item["Key"] for item in listing["Contents"]] == [f"ethicsdesk/prod/{KEY}"]
    assert storage.get(KEY) == b"x"


@pytest.mark.parametrize("key", ["../x", "/attachments/x", "attachments//x", ""])
def test_bad_keys_never_reach_the_server(storage: S3Storage, key: str) -> None:
    with pytest.raises(InvalidKeyError):
        storage.put(key, b"x", "application/pdf")
    with pytest.raises(InvalidKeyError):
        storage.exists(key)


def test_a_bad_prefix_names_the_setting(s3_endpoint: str) -> None:
    with pytest.raises(InvalidKeyError, match="STORAGE_S3_PREFIX"):
        S3Storage("bucket", s3_endpoint, prefix="../other-app", **S3_CREDENTIALS)


def test_built_from_config_it_talks_to_the_server(s3_endpoint: str, s3_bucket: str) -> None:
    storage = storage_from_config(
        {
            "STORAGE_BACKEND": "s3",
            "STORAGE_S3_BUCKET": s3_bucket,
            "STORAGE_S3_ENDPOINT_URL": s3_endpoint,
            "STORAGE_S3_REGION": S3_CREDENTIALS["region"],
            "STORAGE_S3_ACCESS_KEY": S3_CREDENTIALS["access_key"],
            "STORAGE_S3_SECRET_KEY": S3_CREDENTIALS["secret_key"],
            "STORAGE_S3_PREFIX": "ed",
        }
    )
    assert isinstance(storage, S3Storage)
    storage.put(KEY, b"via config", "application/pdf")
    assert storage.get(KEY) == b"via config"


def test_without_boto3_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)
    with pytest.raises(RuntimeError, match=r"ethicsdesk\[s3\]"):
        S3Storage("bucket")
