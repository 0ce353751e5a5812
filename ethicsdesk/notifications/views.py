"""Routes for the user's notification list."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ethicsdesk.core.permissions import Permission, requires
from ethicsdesk.notifications import operations, queries
from ethicsdesk.notifications.texts import render_text

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@requires(Permission.DASHBOARD)
def index() -> str:
    notifications = queries.notifications_of(current_user)
    rows = [
        (n, render_text(n.kind, n.case.title if n.case else "", n.params)) for n in notifications
    ]
    return render_template("notifications/index.html", rows=rows)


@bp.route("/read", methods=["POST"])
@requires(Permission.DASHBOARD)
def mark_read() -> Response:
    operations.mark_all_read(current_user._get_current_object())
    return redirect(url_for("notifications.index"))
