"""The committee's advisory as a deterministic PDF (reportlab), ready for pyHanko to sign.

    >>> from ethicsdesk.advisories.pdf import render_advisory, render_advisory_with_layout
    >>> pdf = render_advisory(advisory, lang="nl")  # advisory: see advisory.schema.json

Pure: no Flask, no database models. See README.md in this folder.
"""

from ethicsdesk.advisories.pdf.api import (
    ADVISORY_FILE,
    GRAPH_FILE,
    render_advisory,
    render_advisory_with_layout,
)
from ethicsdesk.advisories.pdf.schema import (
    SCHEMA_FILE,
    AdvisoryInputError,
    canonical_json,
    validate_advisory,
)
from ethicsdesk.advisories.pdf.signature import SignatureBox

__all__ = [
    "ADVISORY_FILE",
    "GRAPH_FILE",
    "SCHEMA_FILE",
    "AdvisoryInputError",
    "SignatureBox",
    "canonical_json",
    "render_advisory",
    "render_advisory_with_layout",
    "validate_advisory",
]
