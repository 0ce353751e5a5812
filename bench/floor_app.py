"""The framework floor: a bare Flask hello world served by the same gunicorn settings as the app.

Every page of EthicsDesk is reported as a ratio to this, measured next to it in the same run.
"""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    """The least work Flask can do for a request."""
    return "Hello, World!"
