"""`flask ethicsdesk screen REQUEST.json`: the screening without the web interface."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask

CASES = Path(__file__).resolve().parents[1] / "ethicsdesk" / "demo" / "cases"


def test_screen_prints_conclusions_with_reasons_as_json(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["ethicsdesk", "screen", str(CASES / "2_adaptive_maths.json")]
    )
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["dpia"]["conclusion"] == "required"
    assert output["ai_act"]["ai_class"] == "high_risk"
    assert all(reason["explanation"]["nl"] for reason in output["dpia"]["reasons"])
    assert output["ruleset"].startswith("sha256:")


def test_screen_refuses_a_request_that_breaks_the_schema(app: Flask, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"technology": "X", "category": "toaster", "purpose": "p"}))
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "screen", str(bad)])
    assert result.exit_code != 0
    assert "$.category" in result.output


def test_screen_refuses_broken_json(app: Flask, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "screen", str(bad)])
    assert result.exit_code != 0
    assert "not valid JSON" in result.output
