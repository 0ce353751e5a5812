"""storage_from_config picks the backend and names the setting that is missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from ethicsdesk.storage import current_storage, init_storage, storage_from_config
from ethicsdesk.storage.local import LocalStorage


def test_local_is_the_default_backend(tmp_path: Path) -> None:
    storage = storage_from_config({"STORAGE_LOCAL_PATH": str(tmp_path / "files")})
    assert isinstance(storage, LocalStorage)
    assert storage.root == (tmp_path / "files").resolve()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"STORAGE_BACKEND": "local"}, "STORAGE_LOCAL_PATH must be set when STORAGE_BACKEND=local"),
        ({"STORAGE_BACKEND": "s3"}, "STORAGE_S3_BUCKET must be set when STORAGE_BACKEND=s3"),
        (
            {"STORAGE_BACKEND": "s3", "STORAGE_S3_BUCKET": "b", "STORAGE_S3_ACCESS_KEY": "k"},
            "STORAGE_S3_SECRET_KEY must be set",
        ),
        (
            {"STORAGE_BACKEND": "s3", "STORAGE_S3_BUCKET": "b", "STORAGE_S3_SECRET_KEY": "s"},
            "STORAGE_S3_ACCESS_KEY must be set",
        ),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND='ftp' is unknown; use one of local, s3"),
    ],
)
def test_a_missing_or_wrong_setting_is_named(config: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[")):
        storage_from_config(config)


def test_the_app_keeps_one_storage(tmp_path: Path) -> None:
    app = Flask(__name__)
    app.config["STORAGE_LOCAL_PATH"] = str(tmp_path / "files")
    storage = init_storage(app)
    with app.app_context():
        assert current_storage() is storage


def test_current_storage_without_init_says_what_is_missing() -> None:
    with Flask(__name__).app_context(), pytest.raises(RuntimeError, match="init_storage"):
        current_storage()
