"""The application factory: configuration, extensions, blueprints and request hooks."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from ethicsdesk.config import ConfigurationError, load_config

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIRECTORY = REPOSITORY_ROOT / "migrations"


def create_app(config: Mapping[str, Any] | None = None, instance_path: str | None = None) -> Flask:
    """Build a configured app; bad settings stop start-up with one clear line."""
    app = Flask(
        __name__,
        instance_path=instance_path or os.environ.get("ETHICSDESK_INSTANCE_PATH") or None,
    )
    app.config.update(load_config(app.instance_path, overrides=config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)
    _wrap_wsgi(app)
    return app


def _wrap_wsgi(app: Flask) -> None:
    """The page cache sees the request as the proxies describe it, so ProxyFix goes outside."""
    from ethicsdesk.core.memo import forget_all
    from ethicsdesk.core.pagecache import init_page_cache
    from ethicsdesk.publications.page import catalogue_state_reader

    forget_all()  # pages kept by an earlier app in this process showed another database
    init_page_cache(app, catalogue_state_reader(app))
    proxies = app.config["PROXY_FIX_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )


def _init_extensions(app: Flask) -> None:
    """Bind the unbound extensions from extensions.py to this app."""
    from ethicsdesk.auth.queries import user_by_session_token
    from ethicsdesk.core.db import configure_sqlite
    from ethicsdesk.core.i18n import select_locale
    from ethicsdesk.extensions import babel, csrf, db, login_manager, migrate
    from ethicsdesk.mail import init_mail
    from ethicsdesk.storage import init_storage

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:"):
        with app.app_context():
            sa.event.listen(db.engine, "connect", configure_sqlite)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIRECTORY))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(user_by_session_token)
    try:
        init_storage(app)
        init_mail(app)
    except (ValueError, RuntimeError) as error:  # a missing setting, or boto3 not installed
        raise ConfigurationError(str(error)) from None


def _register_blueprints(app: Flask) -> None:
    """Mount every domain's routes; static files are declared public here."""
    from ethicsdesk.advisories.views import bp as advisories_bp
    from ethicsdesk.assessments.views import bp as assessments_bp
    from ethicsdesk.auth.views import bp as auth_bp
    from ethicsdesk.cli import cli
    from ethicsdesk.core.permissions import public
    from ethicsdesk.core.views import bp as core_bp
    from ethicsdesk.deliberation.views import bp as deliberation_bp
    from ethicsdesk.dpia.views import bp as dpia_bp
    from ethicsdesk.notifications.views import bp as notifications_bp
    from ethicsdesk.publications.api import bp as publications_api_bp
    from ethicsdesk.publications.followup_views import bp as followup_bp
    from ethicsdesk.publications.views import bp as publications_bp
    from ethicsdesk.reviews.views import bp as reviews_bp

    for blueprint in (
        core_bp,
        auth_bp,
        reviews_bp,
        notifications_bp,
        dpia_bp,
        assessments_bp,
        deliberation_bp,
        advisories_bp,
        publications_bp,
        publications_api_bp,
        followup_bp,
    ):
        app.register_blueprint(blueprint)
    public(app.view_functions["static"])
    app.cli.add_command(cli)


def _register_hooks(app: Flask) -> None:
    """Access control, transactions, headers, errors and template helpers."""
    from ethicsdesk.advisories.archive import move_queued
    from ethicsdesk.core.db import init_transaction_handling
    from ethicsdesk.core.errors import init_error_handlers
    from ethicsdesk.core.permissions import enforce_view_access
    from ethicsdesk.core.security import init_security_headers
    from ethicsdesk.core.templating import init_templating
    from ethicsdesk.mail import flush_queued_mail

    app.before_request(enforce_view_access)
    # after_request hooks run in reverse order: mail is sent only after the commit succeeded
    app.after_request(flush_queued_mail)
    app.after_request(move_queued)
    init_transaction_handling(app)
    init_security_headers(app)
    init_error_handlers(app)
    init_templating(app)
