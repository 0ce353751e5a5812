"""The axe-core harness really reports problems (so an empty result means something)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_axe_reports_a_missing_label(journey: Any) -> None:
    page = journey.page()
    page.set_content(
        '<html lang="en"><head><title>t</title></head>'
        '<body><main><h1>x</h1><input type="text"></main></body></html>'
    )
    journey.axe(page, "broken-on-purpose")
    assert any("label" in line for line in journey.axe_failures), journey.axe_failures
