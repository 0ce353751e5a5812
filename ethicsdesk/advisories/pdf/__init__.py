"""The committee's advisory as a deterministic PDF (reportlab), ready for pyHanko to sign.

    >>> from ethicsdesk.advisories.pdf import render_advisory, render_advisory_with_layout
    >>> pdf = render_advisory(advisory, lang="nl")  # advisory: see advisory.schema.json

Pure: no Flask, no database models. See README.md in this folder.
"""

from reportlab import rl_config

# Attribute checks on every drawing shape are a development aid (reportlab's own advice);
# our drawings are tested, and the checks cost a tenth of the build. Read when
# reportlab.graphics.shapes is first imported, so it is set before any drawing module loads.
rl_config.shapeChecking = 0

from ethicsdesk.advisories.pdf.api import (  # noqa: E402 - after the reportlab setting
    ADVISORY_FILE,
    GRAPH_FILE,
    render_advisory,
    render_advisory_with_layout,
)
from ethicsdesk.advisories.pdf.schema import (  # noqa: E402
    SCHEMA_FILE,
    AdvisoryInputError,
    canonical_json,
    validate_advisory,
)
from ethicsdesk.advisories.pdf.signature import SignatureBox  # noqa: E402

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
