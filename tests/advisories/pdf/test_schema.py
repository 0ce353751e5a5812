"""Bad input is refused before drawing, and the error names the field."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from ethicsdesk.advisories.pdf import (
    SCHEMA_FILE,
    AdvisoryInputError,
    render_advisory,
    validate_advisory,
)

Change = Callable[[dict[str, Any]], object]
CASES: list[tuple[str, Change, str, str]] = [
    ("missing title", lambda a: a.pop("title"), "(advisory)", "'title' is a required property"),
    ("bad date", lambda a: a["conditions"][1].update(due_date="2026-13-01"),
     "conditions[1].due_date", "is not a 'date'"),
    ("unknown outcome", lambda a: a["outcome"].update(code="maybe"), "outcome.code", "'maybe'"),
    ("level out of range", lambda a: a["dpia"]["risks"][0].update(severity=7),
     "dpia.risks[0].severity", "maximum of 4"),
    ("bad number", lambda a: a.update(number="2026/7"), "number", "does not match"),
    ("unknown key", lambda a: a["case"].update(price=12), "case", "'price' was unexpected"),
    ("bad tone", lambda a: a["compass"]["cells"][3].update(tone="red"),
     "compass.cells[3].tone", "'red'"),
    ("unknown compass value", lambda a: a["compass"]["agenda"][0].update(value="luck"),
     "compass.agenda[0].value", "unknown value 'luck'"),
    ("broken graph", lambda a: a.update(graph="{not json"), "graph", "not a node-link value graph"),
    ("duplicate risk", lambda a: a["dpia"]["risks"][1].update(number=1),
     "dpia.risks[1].number", "duplicate number 1"),
    ("no signers", lambda a: a.update(signers=[]), "signers", "should be non-empty"),
    ("not JSON", lambda a: a["compass"]["cells"][0].update(median=float("nan")),
     "(advisory)", "not plain JSON data"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_errors_name_the_field(
    advisory: dict[str, Any], change: Change, field: str, message: str
) -> None:
    change(advisory)
    with pytest.raises(AdvisoryInputError) as caught:
        render_advisory(advisory)
    assert any(f == field and message in m for f, m in caught.value.problems), caught.value.problems
    assert field in str(caught.value)


def test_the_example_is_valid_and_the_schema_is_a_valid_schema(advisory: dict[str, Any]) -> None:
    validate_advisory(advisory)
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")


def test_input_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(AdvisoryInputError, match="must be a JSON object"):
        validate_advisory([])  # type: ignore[arg-type]


def test_an_unknown_language_is_refused(advisory: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        render_advisory(advisory, lang="de")
