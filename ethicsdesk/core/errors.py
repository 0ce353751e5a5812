"""Error pages in the user's language; a stack trace never reaches a user."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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


def init_error_handlers(app: Flask) -> None:
    """Map every failure to a friendly page and roll back what the request had written."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        db.session.rollback()
        return render_error(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        if error.code is None or error.code < 400:
            return error
        db.session.rollback()
        if error.code >= 500:
            return render_error(500)
        return render_error(error.code)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        db.session.rollback()
        original = getattr(error, "original_exception", error)
        app.logger.exception("unhandled error", exc_info=original)
        return render_error(InternalServerError.code)
