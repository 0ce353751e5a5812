"""`flask ethicsdesk compass check`, and the demo data's compass for the AI case."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa

from compass.loading import SETS_DIR
from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers
from ethicsdesk.extensions import db
from tests.helpers import Browser


def test_compass_check_lists_every_set(app) -> None:
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "compass", "check"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["association", "1.0.0", "18"]
    assert {line.split()[0] for line in lines[:-1]} == {
        "association", "waardenwijzer", "iama_quickscan"
    }  # fmt: skip
    assert lines[-1] == "3 question sets are valid."


def test_compass_check_names_file_and_field_of_a_broken_set(app, tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    shutil.copytree(SETS_DIR, sets)
    questions = sets / "waardenwijzer" / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace('scale = "touched"', 'scale = "geraakt"'), encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["ethicsdesk", "compass", "check", "--directory", str(sets)]
    )
    assert result.exit_code == 1
    assert f"{questions}:" in result.output
    assert "questions[" in result.output
    assert ".scale" in result.output
    ok = app.test_cli_runner().invoke(args=["ethicsdesk", "compass", "check", "--directory",
                                           str(tmp_path / "none")])  # fmt: skip
    assert ok.exit_code == 2  # a folder that does not exist is a usage error


def test_demo_members_disagree_on_the_ai_case_and_loading_twice_changes_nothing(app) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["ethicsdesk", "demo-data"]).exit_code == 0
    assert runner.invoke(args=["ethicsdesk", "demo-data"]).exit_code == 0
    round_ = db.session.scalars(sa.select(AssessmentRound)).one()
    assert round_.case.title == "SchrijfMaatje AI"
    assert round_.comparison_open
    rows = db.session.scalars(sa.select(MemberAnswers)).all()
    assert len(rows) == 3
    assert all(row.submitted_at for row in rows)
    browser = Browser(app)
    browser.login("coordinator@voorbeeld.school", "demo-coordinator-2026")
    page = browser.get(f"/reviews/{round_.case_id}/compass/comparison")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "compass-agenda__item--disputed" in html
    for name in ("Mehmet Yilmaz", "Sanne de Vries", "Karel Bos"):
        assert name in html
