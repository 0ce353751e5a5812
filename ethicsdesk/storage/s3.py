"""Objects in an S3-compatible bucket (AWS, MinIO, Ceph), for installs with several servers."""

from __future__ import annotations

import io
from typing import Any, BinaryIO

from ethicsdesk.storage.base import InvalidKeyError, ObjectNotFoundError, Storage, validate_key

MISSING_CODES = frozenset({"404", "NoSuchKey", "NotFound"})


def _boto3() -> Any:
    """Import boto3 only when S3 is configured, so local installs do not need it."""
    try:
        import boto3
    except ImportError:
        raise RuntimeError(
            "STORAGE_BACKEND=s3 needs boto3: install it with pip install 'ethicsdesk[s3]'"
        ) from None
    return boto3


class S3Storage(Storage):
    """Keep objects in one bucket, optionally under a prefix shared with other data."""

    def __init__(
        self,
        bucket: str,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        prefix: str = "",
    ) -> None:
        boto3 = _boto3()
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = _normalise_prefix(prefix)
        config = Config(
            # MinIO and Ceph are usually reached by host name without per-bucket DNS
            s3={"addressing_style": "path" if endpoint_url else "auto"},
            # botocore >= 1.36 adds CRC checksums that many S3-compatible servers reject
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=30,
        )
        self.client = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url or None,
            region_name=region or None,
            aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None,
            config=config,
        )

    def __repr__(self) -> str:
        return f"S3Storage(bucket={self.bucket!r}, prefix={self.prefix!r})"

    def _object_key(self, key: str) -> str:
        """Validate before any request, then place the key under the prefix."""
        return self.prefix + validate_key(key)

    def put(self, key: str, data: BinaryIO | bytes, content_type: str) -> None:
        """Upload in one go (multipart for large files); S3 never shows a partial object."""
        from boto3.s3.transfer import TransferConfig

        stream = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
        self.client.upload_fileobj(
            stream,
            self.bucket,
            self._object_key(key),
            ExtraArgs={"ContentType": content_type},
            Config=TransferConfig(use_threads=False),
        )

    def open(self, key: str) -> BinaryIO:
        """Start a streaming GET; the body is read as the download goes."""
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._object_key(key))
        except self.client.exceptions.ClientError as error:
            if _error_code(error) in MISSING_CODES:
                raise ObjectNotFoundError(key) from None
            raise
        body: BinaryIO = response["Body"]
        return body

    def delete(self, key: str) -> None:
        """Delete the object; S3 treats a missing object as deleted already."""
        self.client.delete_object(Bucket=self.bucket, Key=self._object_key(key))

    def exists(self, key: str) -> bool:
        """Ask with HEAD, so nothing is downloaded."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._object_key(key))
        except self.client.exceptions.ClientError as error:
            if _error_code(error) in MISSING_CODES:
                return False
            raise
        return True


def _normalise_prefix(prefix: str) -> str:
    """Accept "a/b", "/a/b/" or "" and hold it to the same rules as keys."""
    prefix = prefix.strip("/")
    if not prefix:
        return ""
    try:
        return validate_key(prefix) + "/"
    except InvalidKeyError:
        raise InvalidKeyError(
            f"STORAGE_S3_PREFIX={prefix!r} may only hold letters, digits, '-', '_', '.' and '/'"
        ) from None


def _error_code(error: Any) -> str:
    """S3 reports a missing object as NoSuchKey on GET and a bare 404 on HEAD."""
    return str(error.response.get("Error", {}).get("Code", ""))
