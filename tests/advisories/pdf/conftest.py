"""Example advisories and their PDFs, rendered once per test session (they are pure data)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ethicsdesk.advisories.pdf import render_advisory_with_layout
from tests.advisories.pdf.example import example_advisory
from tests.advisories.pdf.helpers import Rendered


@pytest.fixture(scope="session")
def rendered() -> dict[str, Rendered]:
    """Per language: the input, the PDF bytes and the signature boxes."""
    result = {}
    for lang in ("nl", "en"):
        advisory = example_advisory(lang)
        pdf, boxes = render_advisory_with_layout(copy.deepcopy(advisory), lang=lang)
        result[lang] = (advisory, pdf, boxes)
    return result


@pytest.fixture
def advisory() -> dict[str, Any]:
    """A fresh Dutch example advisory that a test may change."""
    return example_advisory("nl")
