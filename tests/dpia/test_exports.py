"""Exports (JSON, Markdown, CNIL) and the CNIL PIA tool import/export round trip."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask

from dpia_templates import validate_document
from ethicsdesk.core.permissions import Role
from ethicsdesk.dpia.documents import to_cnil_json
from ethicsdesk.dpia.queries import dpia_of_case
from ethicsdesk.reviews.queries import case_by_id
from tests.dpia.test_editor import start
from tests.factories import make_user

CAPTOO = Path(__file__).resolve().parents[1] / "dpia_templates" / "dpia" / "data"


def captoo_file() -> Path:
    return next(CAPTOO.glob("*captoo*.json"))


def test_json_export_validates_against_the_schema(ai_case, member) -> None:
    start(member, ai_case)
    response = member.get(f"/reviews/{ai_case.id}/dpia/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    document = json.loads(response.data)
    assert validate_document(document) == []
    assert document["template"]["id"] == "generative_ai"


def test_markdown_export_has_every_section_and_risk(ai_case, member) -> None:
    dpia = start(member, ai_case)
    text = member.get(f"/reviews/{ai_case.id}/dpia/export.md").get_data(as_text=True)
    for risk in dpia.risks:
        assert risk.title in text
    assert text.count("\n## ") >= 5


def test_cnil_export_of_our_dpia_is_a_cnil_file(ai_case, member) -> None:
    start(member, ai_case)
    exported = json.loads(member.get(f"/reviews/{ai_case.id}/dpia/export-cnil.json").data)
    assert set(exported) >= {"pia", "answers", "measures", "evaluations", "comments"}


def normalised(data: dict) -> dict:
    """What must survive a round trip: answers, gauges, measures and evaluations."""
    answers = sorted(
        (a["reference_to"], json.dumps(a["data"], sort_keys=True)) for a in data["answers"]
    )
    measures = sorted((m["title"], m["content"]) for m in data["measures"])
    evaluations = sorted(
        (e["reference_to"], e["status"], e.get("evaluation_comment"), e.get("action_plan_comment"),
         json.dumps(e.get("gauges"), sort_keys=True))
        for e in data["evaluations"]
    )  # fmt: skip
    return {"answers": answers, "measures": measures, "evaluations": evaluations}


def test_cnil_import_then_export_loses_nothing(app: Flask) -> None:
    make_user(Role.ADMIN)
    original = json.loads(captoo_file().read_text(encoding="utf-8"))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["ethicsdesk", "dpia", "import-cnil", str(captoo_file())])
    assert result.exit_code == 0, result.output
    case_id = int(result.output.strip())
    dpia = dpia_of_case(case_by_id(case_id))
    assert len(dpia.answers) + len(dpia.extra.get("cnil", {}).get("answers", [])) >= 1
    assert len(dpia.measures) == 23
    exported = runner.invoke(args=["ethicsdesk", "dpia", "export-cnil", str(case_id)])
    assert exported.exit_code == 0, exported.output
    again = json.loads(exported.output)
    assert len(again["answers"]) == 36
    assert len(again["measures"]) == 23
    assert len(again["evaluations"]) == 40
    assert normalised(again) == normalised(original)
    assert to_cnil_json(dpia)["pia"]["name"] == original["pia"]["name"]


def test_import_refuses_files_that_are_not_cnil_exports(app: Flask, tmp_path: Path) -> None:
    make_user(Role.ADMIN)
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}')
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "dpia", "import-cnil", str(bad)])
    assert result.exit_code != 0
    assert "CNIL" in result.output


def test_templates_check_lists_every_template(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "templates", "check"])
    assert result.exit_code == 0, result.output
    assert "11 templates are valid" in result.output
    assert "generative_ai" in result.output
