"""File storage for attachments: one small interface, a local-disk and an S3 backend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app

from ethicsdesk.storage.base import (
    InvalidKeyError,
    ObjectNotFoundError,
    Storage,
    new_key,
    validate_key,
)

__all__ = [
    "BACKENDS",
    "InvalidKeyError",
    "ObjectNotFoundError",
    "Storage",
    "current_storage",
    "init_storage",
    "new_key",
    "storage_from_config",
    "validate_key",
]

BACKENDS = ("local", "s3")
EXTENSION_KEY = "ethicsdesk.storage"


def _setting(config: Mapping[str, Any], name: str) -> Any:
    """Fetch a setting the chosen backend cannot work without, naming it if it is missing."""
    value = config.get(name)
    if value is None or value == "":
        backend = config.get("STORAGE_BACKEND") or "local"
        raise ValueError(f"{name} must be set when STORAGE_BACKEND={backend}")
    return value


def storage_from_config(config: Mapping[str, Any]) -> Storage:
    """Build the configured backend, failing at start-up rather than on the first upload."""
    backend = config.get("STORAGE_BACKEND") or "local"
    if backend == "local":
        from ethicsdesk.storage.local import LocalStorage

        return LocalStorage(_setting(config, "STORAGE_LOCAL_PATH"))
    if backend == "s3":
        from ethicsdesk.storage.s3 import S3Storage

        access_key = config.get("STORAGE_S3_ACCESS_KEY") or None
        secret_key = config.get("STORAGE_S3_SECRET_KEY") or None
        if bool(access_key) != bool(secret_key):  # neither: boto3's own chain (IAM role, env)
            missing = "STORAGE_S3_SECRET_KEY" if access_key else "STORAGE_S3_ACCESS_KEY"
            raise ValueError(f"{missing} must be set together with its access/secret partner")
        return S3Storage(
            bucket=_setting(config, "STORAGE_S3_BUCKET"),
            endpoint_url=config.get("STORAGE_S3_ENDPOINT_URL") or None,
            region=config.get("STORAGE_S3_REGION") or None,
            access_key=access_key,
            secret_key=secret_key,
            prefix=config.get("STORAGE_S3_PREFIX") or "",
        )
    raise ValueError(f"STORAGE_BACKEND={backend!r} is unknown; use one of {', '.join(BACKENDS)}")


def init_storage(app: Flask) -> Storage:
    """Build the app's storage once at start-up and keep it on the app."""
    storage = storage_from_config(app.config)
    app.extensions[EXTENSION_KEY] = storage
    return storage


def current_storage() -> Storage:
    """The storage of the app handling this request or CLI command."""
    try:
        storage: Storage = current_app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError("init_storage(app) was not called in create_app") from None
    return storage
