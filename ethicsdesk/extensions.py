"""Flask extensions, created unbound here and bound to the app in create_app."""

from __future__ import annotations

import sys
from typing import Any

import click
from flask_babel import Babel
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from ethicsdesk.core.db import Base


class Migrations:
    """Flask-Migrate, bound only in processes that run migrations.

    Importing it loads Alembic and Mako: 11 MiB in every web worker, which never migrates. The
    flask CLI creates the app inside a click context (``flask db …`` needs the commands bound
    then), and tests and scripts import ``flask_migrate.upgrade`` before they create the app;
    a WSGI server does neither.
    """

    options: dict[str, Any] = {"render_as_batch": True, "compare_type": True}

    def init_app(self, app: Any, db: SQLAlchemy, directory: str) -> None:
        if click.get_current_context(silent=True) is None and "flask_migrate" not in sys.modules:
            return
        from flask_migrate import Migrate

        Migrate(**self.options).init_app(app, db, directory=directory)


db = SQLAlchemy(model_class=Base)
migrate = Migrations()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
