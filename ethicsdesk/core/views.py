"""Routes that belong to no domain: the start page and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user

from ethicsdesk.core.navigation import menu
from ethicsdesk.core.permissions import Permission, public, requires
from ethicsdesk.extensions import db

bp = Blueprint("core", __name__)


@bp.route("/")
@requires(Permission.DASHBOARD)
def home() -> str:
    return render_template("core/home.html", user=current_user, shortcuts=menu())


@bp.route("/healthz")
@public
def health() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        return {"status": "database unavailable"}, 503
    return {"status": "ok"}, 200
