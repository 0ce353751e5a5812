"""Error pages in the user's language; a stack trace never reaches a user."""

from __future__ import annotations

from contextlib import suppress

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, make_response, render_template, session
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ethicsdesk.core.i18n import SESSION_KEY
from ethicsdesk.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Nothing was changed.")),
    403: (_l("No access"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("This page does not exist, or you may not see it.")),
    405: (_l("Not allowed"), _l("This action is not possible on this page.")),
    413: (
        _l("File too large"),
        _l("The upload is larger than allowed. Nothing was saved."),
    ),
    429: (_l("Too many attempts"), _l("Please wait a moment and try again.")),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred. Nothing was changed. The error has been logged."),
    ),
}
UNAVAILABLE_MESSAGE = (
    _l("Temporarily unavailable"),
    _l(
        "EthicsDesk cannot reach its database at the moment. Nothing was changed. "
        "Please try again in a minute."
    ),
)
RETRY_AFTER_SECONDS = 30
CSRF_MESSAGE = (
    _l("Session expired"),
    _l("The form was open too long or came from elsewhere. Nothing was saved; please try again."),
)


def render_error(
    code: int, title: str | None = None, message: str | None = None
) -> tuple[str, int]:
    """Render the shared error page; a broken template must not hide the original error."""
    default_title, default_message = MESSAGES.get(code, MESSAGES[500])
    try:
        body = render_template(
            "errors/error.html",
            code=code,
            title=title or default_title,
            message=message or default_message,
        )
    except Exception:  # the error page itself failed: fall back to plain text
        body = f"{code} {title or default_title}"
    return body, code


def database_unavailable(error: BaseException | None) -> bool:
    """A lost or unreachable database is an outage to wait out (503), not a bug (500)."""
    if isinstance(error, sa.exc.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, sa.exc.OperationalError | sa.exc.InterfaceError
        )
    if isinstance(error, sa.exc.TimeoutError):  # no pooled connection came free in time
        return True
    kind = type(error)  # a driver error that escaped SQLAlchemy's wrapping
    return kind.__name__ in ("OperationalError", "InterfaceError") and kind.__module__.startswith(
        ("psycopg", "sqlite3")
    )


def _language_without_database() -> str:
    """The user's language from what this request already knows; asking the database fails."""
    languages = current_app.config["LANGUAGES"]
    user = g.get("_login_user")  # Flask-Login's user, if it was loaded before the failure
    candidates = (getattr(user, "__dict__", {}).get("locale"), session.get(SESSION_KEY))
    return next(
        (c for c in candidates if c in languages), current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def render_unavailable() -> Response:
    """The 503 page: no database access at all, Retry-After, and the transaction dropped."""
    language = _language_without_database()
    with suppress(sa.exc.SQLAlchemyError):  # the connection is gone; the pool replaces it
        db.session.rollback()
    if "_login_user" not in g:  # Flask-Login's template context would query the user again
        g._login_user = current_app.login_manager.anonymous_user()
    title, message = UNAVAILABLE_MESSAGE
    try:
        with force_locale(language):
            body = render_template(
                "errors/unavailable.html", code=503, title=title, message=message, language=language
            )
    except Exception:  # the error page itself failed: fall back to plain text
        body = "503 Service Unavailable"
    response = make_response(body, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_error_handlers(app: Flask) -> None:
    """Map every failure to a friendly page and roll back what the request had written."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        db.session.rollback()
        return render_error(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException | Response:
        if error.code is None or error.code < 400:
            return error
        if database_unavailable(getattr(error, "original_exception", None)):
            app.logger.warning("database unavailable", exc_info=error.original_exception)
            return render_unavailable()  # e.g. the commit in the after-request hook failed
        db.session.rollback()
        if error.code >= 500:
            return render_error(500)
        return render_error(error.code)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int] | Response:
        original = getattr(error, "original_exception", error)
        if database_unavailable(original):
            app.logger.warning("database unavailable", exc_info=original)
            return render_unavailable()
        db.session.rollback()
        app.logger.exception("unhandled error", exc_info=original)
        return render_error(InternalServerError.code)
