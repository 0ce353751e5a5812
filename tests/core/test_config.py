"""Configuration: defaults in one place, validated at start-up, clear refusal without a secret."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from ethicsdesk.config import ConfigurationError, load_config, normalise_database_url

ROOT = Path(__file__).resolve().parents[2]


def run_flask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ETHICSDESK_ENV")}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_without_secret_key_refuses_with_one_line(tmp_path: Path) -> None:
    result = run_flask(
        {"ETHICSDESK_ENV": "production", "ETHICSDESK_INSTANCE_PATH": str(tmp_path)},
        "ethicsdesk",
        "--help",
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY is not set" in lines[0]
    assert "Traceback" not in result.stderr


def test_production_is_the_default(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        load_config(tmp_path, environ={})


def test_development_generates_and_keeps_a_secret_key(tmp_path: Path) -> None:
    first = load_config(tmp_path, environ={"ETHICSDESK_ENV": "development"})
    second = load_config(tmp_path, environ={"ETHICSDESK_ENV": "development"})
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert len(first["SECRET_KEY"]) >= 32
    assert first["SESSION_COOKIE_SECURE"] is False


def test_environment_variables_are_read(tmp_path: Path) -> None:
    config = load_config(
        tmp_path,
        environ={
            "SECRET_KEY": "x" * 40,
            "DATABASE_URL": "postgres://u@db/ethicsdesk",
            "ETHICSDESK_SESSION_HOURS": "2",
            "ETHICSDESK_MAX_UPLOAD_MB": "5",
            "ETHICSDESK_MAX_ATTACHMENT_MB": "4",
        },
    )
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/ethicsdesk"
    assert config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=2)
    assert config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024
    assert config["SESSION_COOKIE_SECURE"] is True


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    config = load_config(tmp_path, environ={"SECRET_KEY": "x" * 40})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'ethicsdesk.sqlite3'}"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SECRET_KEY": "short"}, "shorter than 32"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_ENV": "staging"}, "ETHICSDESK_ENV"),
        ({"SECRET_KEY": "x" * 40, "DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_SESSION_HOURS": "many"}, "ETHICSDESK_SESSION_HOURS"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_SECURE_COOKIES": "perhaps"}, "SECURE_COOKIES"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_MAX_ATTACHMENT_MB": "99"}, "MAX_UPLOAD_MB"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_STORAGE": "ftp"}, "ETHICSDESK_STORAGE"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_STORAGE": "s3"}, "ETHICSDESK_S3_BUCKET"),
        ({"SECRET_KEY": "x" * 40, "MAIL_SERVER": "smtp.example.nl"}, "MAIL_DEFAULT_SENDER"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_PAGE_CACHE_SECONDS": "-1"}, "PAGE_CACHE"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_PAGE_CACHE_ENTRIES": "-5"}, "PAGE_CACHE"),
        ({"SECRET_KEY": "x" * 40, "ETHICSDESK_PAGE_CACHE_ENTRIES": "lots"}, "PAGE_CACHE_ENTRIES"),
    ],
)
def test_bad_settings_are_refused(tmp_path: Path, environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        load_config(tmp_path, environ=environ)


def test_database_url_normalisation() -> None:
    assert normalise_database_url("postgresql://a@b/c") == "postgresql+psycopg://a@b/c"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"
