"""Configuration: every default lives here, read from the environment and validated at start-up."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("production", "development", "testing")
LANGUAGES = ("nl", "en")

DEFAULTS: dict[str, Any] = {
    "ETHICSDESK_ENV": "production",
    "SECRET_KEY": None,
    "SQLALCHEMY_DATABASE_URI": None,  # default: SQLite file in the instance folder
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SQLALCHEMY_RECORD_QUERIES": False,
    "BABEL_DEFAULT_LOCALE": "nl",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
    "LANGUAGES": LANGUAGES,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    "SESSION_COOKIE_NAME": "ethicsdesk_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": None,  # None: secure in production, plain http elsewhere
    "REMEMBER_COOKIE_HTTPONLY": True,
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),  # from sign-in, whatever the activity
    "SESSION_IDLE_LIFETIME": timedelta(hours=2),  # without a request; 0 switches it off
    # The cookie is re-sent only when the session changed (at most once a minute, see
    # auth/sessions.py): both limits are enforced on the server, so re-signing it on every
    # response would only cost time (0.2 ms per signed-in page).
    "SESSION_REFRESH_EACH_REQUEST": False,
    "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
    "PASSWORD_MIN_LENGTH": 12,
    "LOGIN_MAX_FAILURES": 5,  # per account within the window; 4x that per address
    "LOGIN_LOCKOUT_MINUTES": 15,
    # argon2id parameters (RFC 9106 "second recommended" profile is argon2-cffi's default)
    "ARGON2_TIME_COST": 3,
    "ARGON2_MEMORY_COST": 64 * 1024,
    "ARGON2_PARALLELISM": 4,
    "PROXY_FIX_COUNT": 0,
    "PREFERRED_URL_SCHEME": "https",
    "ATTACHMENT_MAX_BYTES": 20 * 1024 * 1024,
    # file storage: "local" (the instance folder) or "s3" (any S3-compatible service)
    "STORAGE_BACKEND": "local",
    "STORAGE_LOCAL_PATH": None,  # default: <instance>/files, outside the static folder
    "STORAGE_S3_BUCKET": None,
    "STORAGE_S3_ENDPOINT_URL": None,
    "STORAGE_S3_REGION": None,
    "STORAGE_S3_ACCESS_KEY": None,
    "STORAGE_S3_SECRET_KEY": None,
    "STORAGE_S3_PREFIX": "",
    # e-mail (Flask-Mail style); no MAIL_SERVER means in-app notifications only
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_DEFAULT_SENDER": None,
    "MAIL_SUPPRESS_SEND": None,  # None: suppressed while testing
    "MAIL_TIMEOUT": 10,  # seconds per SMTP step
    # advisories: who must sign (the first certifies), where the keys live, where PDFs are kept
    "SIGNER_ROLES": ("secretary", "chair"),
    "PKI_PATH": None,  # default: <instance>/pki
    "ARCHIVE_BACKEND": "database",  # or "storage": the configured file storage (S3 when scaled out)
    "TIMESTAMP_URL": None,  # an RFC 3161 timestamp authority: signatures become PAdES B-T
    "PKI_PASSPHRASES_FILE": None,  # TOML [passphrases] for PKCS#12 files issued elsewhere
    # public pages for cookie-less visitors kept per worker (core/pagecache.py); 0 entries: off
    "PAGE_CACHE_ENTRIES": 128,
    "PAGE_CACHE_SECONDS": 1.0,  # how long a worker trusts its last look at the catalogue version
}

# Environment variable -> (config key, parser)
ENVIRONMENT_VARIABLES: dict[str, tuple[str, Any]] = {
    "ETHICSDESK_ENV": ("ETHICSDESK_ENV", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "ETHICSDESK_SESSION_HOURS": ("PERMANENT_SESSION_LIFETIME", lambda v: timedelta(hours=float(v))),
    "ETHICSDESK_SESSION_IDLE_MINUTES": (
        "SESSION_IDLE_LIFETIME",
        lambda v: timedelta(minutes=float(v)),
    ),
    "ETHICSDESK_MAX_UPLOAD_MB": ("MAX_CONTENT_LENGTH", lambda v: int(float(v) * 1024 * 1024)),
    "ETHICSDESK_PROXY_FIX": ("PROXY_FIX_COUNT", int),
    "ETHICSDESK_PASSWORD_MIN_LENGTH": ("PASSWORD_MIN_LENGTH", int),
    "ETHICSDESK_SECURE_COOKIES": ("SESSION_COOKIE_SECURE", lambda v: _parse_bool(v)),
    "ETHICSDESK_MAX_ATTACHMENT_MB": ("ATTACHMENT_MAX_BYTES", lambda v: int(float(v) * 1024 * 1024)),
    "ETHICSDESK_STORAGE": ("STORAGE_BACKEND", str),
    "ETHICSDESK_STORAGE_PATH": ("STORAGE_LOCAL_PATH", str),
    "ETHICSDESK_S3_BUCKET": ("STORAGE_S3_BUCKET", str),
    "ETHICSDESK_S3_ENDPOINT_URL": ("STORAGE_S3_ENDPOINT_URL", str),
    "ETHICSDESK_S3_REGION": ("STORAGE_S3_REGION", str),
    "ETHICSDESK_S3_ACCESS_KEY": ("STORAGE_S3_ACCESS_KEY", str),
    "ETHICSDESK_S3_SECRET_KEY": ("STORAGE_S3_SECRET_KEY", str),
    "ETHICSDESK_S3_PREFIX": ("STORAGE_S3_PREFIX", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", lambda v: _parse_bool(v)),
    "MAIL_USE_SSL": ("MAIL_USE_SSL", lambda v: _parse_bool(v)),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_DEFAULT_SENDER": ("MAIL_DEFAULT_SENDER", str),
    "MAIL_TIMEOUT": ("MAIL_TIMEOUT", float),
    "ETHICSDESK_SIGNER_ROLES": ("SIGNER_ROLES", lambda v: tuple(r.strip() for r in v.split(","))),
    "ETHICSDESK_PKI_PATH": ("PKI_PATH", str),
    "ETHICSDESK_ARCHIVE": ("ARCHIVE_BACKEND", str),
    "ETHICSDESK_TIMESTAMP_URL": ("TIMESTAMP_URL", str),
    "ETHICSDESK_PKI_PASSPHRASES_FILE": ("PKI_PASSPHRASES_FILE", str),
    "ETHICSDESK_PAGE_CACHE_ENTRIES": ("PAGE_CACHE_ENTRIES", int),
    "ETHICSDESK_PAGE_CACHE_SECONDS": ("PAGE_CACHE_SECONDS", float),
}


def _parse_bool(value: str) -> bool:
    """Read the usual spellings of yes and no, and nothing else."""
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(value)


class ConfigurationError(SystemExit):
    """Raised as SystemExit so a bad start-up prints one clear line instead of a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(f"ethicsdesk: configuration error: {message}")


def normalise_database_url(url: str) -> str:
    """Accept the URLs hosting platforms hand out and pin the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_config(
    instance_path: str | os.PathLike[str],
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Merge defaults, environment and explicit overrides (tests), then validate."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for variable, (key, parse) in ENVIRONMENT_VARIABLES.items():
        raw = environ.get(variable)
        if raw is None or raw == "":
            continue
        try:
            config[key] = parse(raw)
        except ValueError:
            raise ConfigurationError(f"{variable}={raw!r} is not a valid value") from None
    config.update(overrides or {})
    _apply_environment(config, Path(instance_path))
    validate_config(config)
    return config


def _apply_environment(config: dict[str, Any], instance_path: Path) -> None:
    """Fill values whose default depends on the environment or the instance folder."""
    env = config["ETHICSDESK_ENV"]
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance_path / 'ethicsdesk.sqlite3'}"
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    if config["SESSION_COOKIE_SECURE"] is None:
        # plain http on 127.0.0.1 must work while developing and in browser tests
        config["SESSION_COOKIE_SECURE"] = env == "production"
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    if not config["SESSION_COOKIE_SECURE"]:
        config["PREFERRED_URL_SCHEME"] = "http"
    if not config.get("PKI_PATH"):
        config["PKI_PATH"] = str(instance_path / "pki")
    if not config.get("STORAGE_LOCAL_PATH"):
        config["STORAGE_LOCAL_PATH"] = str(instance_path / "files")
    if env in ("development", "testing") and not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _development_secret_key(instance_path)


def _development_secret_key(instance_path: Path) -> str:
    """Keep one generated key in the instance folder so all workers and restarts share it."""
    key_file = instance_path / "development-secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def validate_config(config: Mapping[str, Any]) -> None:
    """Refuse to start on settings that would make the app unsafe or broken."""
    env = config["ETHICSDESK_ENV"]
    if env not in ENVIRONMENTS:
        raise ConfigurationError(
            f"ETHICSDESK_ENV={env!r} is unknown; use one of {', '.join(ENVIRONMENTS)}"
        )
    secret = config.get("SECRET_KEY")
    if not secret:
        raise ConfigurationError(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value, "
            "e.g. SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')\""
        )
    if env == "production" and len(secret) < 32:
        raise ConfigurationError("SECRET_KEY is shorter than 32 characters")
    url = config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigurationError("DATABASE_URL must be a sqlite:// or postgresql:// URL")
    if config["BABEL_DEFAULT_LOCALE"] not in config["LANGUAGES"]:
        raise ConfigurationError("BABEL_DEFAULT_LOCALE must be one of LANGUAGES")
    if config["PASSWORD_MIN_LENGTH"] < 8:
        raise ConfigurationError("ETHICSDESK_PASSWORD_MIN_LENGTH must be at least 8")
    if config["PERMANENT_SESSION_LIFETIME"] <= timedelta(0):
        raise ConfigurationError("ETHICSDESK_SESSION_HOURS must be more than 0")
    if config["SESSION_IDLE_LIFETIME"] < timedelta(0):
        raise ConfigurationError("ETHICSDESK_SESSION_IDLE_MINUTES must be 0 or more")
    if config["PAGE_CACHE_ENTRIES"] < 0 or config["PAGE_CACHE_SECONDS"] < 0:
        raise ConfigurationError(
            "ETHICSDESK_PAGE_CACHE_ENTRIES and ETHICSDESK_PAGE_CACHE_SECONDS must be 0 or more"
        )
    if config["PROXY_FIX_COUNT"] < 0:
        raise ConfigurationError("ETHICSDESK_PROXY_FIX must be 0 or more")
    if config["ATTACHMENT_MAX_BYTES"] > config["MAX_CONTENT_LENGTH"]:
        raise ConfigurationError(
            "ETHICSDESK_MAX_ATTACHMENT_MB must not exceed ETHICSDESK_MAX_UPLOAD_MB"
        )
    if config["ARCHIVE_BACKEND"] not in ("database", "storage"):
        raise ConfigurationError("ETHICSDESK_ARCHIVE must be database or storage")
    if not config["SIGNER_ROLES"] or not set(config["SIGNER_ROLES"]) <= {"secretary", "chair"}:
        raise ConfigurationError("ETHICSDESK_SIGNER_ROLES must list secretary and/or chair")
    _check_extension_settings(config)


def _check_extension_settings(config: Mapping[str, Any]) -> None:
    """Storage and mail settings are checked by their own builders; surface their message."""
    from ethicsdesk.mail import MailSettings
    from ethicsdesk.storage import BACKENDS

    if config["STORAGE_BACKEND"] not in BACKENDS:
        raise ConfigurationError(f"ETHICSDESK_STORAGE must be one of {', '.join(BACKENDS)}")
    if config["STORAGE_BACKEND"] == "s3" and not config.get("STORAGE_S3_BUCKET"):
        raise ConfigurationError("ETHICSDESK_S3_BUCKET must be set when ETHICSDESK_STORAGE=s3")
    try:
        MailSettings.from_config(config)
    except ValueError as error:
        raise ConfigurationError(str(error)) from None
