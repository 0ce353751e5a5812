"""A broken question set fails at load with a QuestionSetError naming file, field and line.

Each row changes one set file; the new text carries a '# HERE' comment on the line the error
must point at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compass import QuestionSetError, check_sets, load_question_set

A = "urn:ethicsdesk:compass:association:question:"
PRIVACY = f'id = "effect_privacy"\nurn = "{A}effect_privacy"\nsection = "effects"\n'
PRIVACY_TEXT_NL = 'text.nl = "Welk effect heeft de technologie op de privacy van deze groep?"'
PRIVACY_TEXT_EN = 'text.en = "What effect does the technology have on this group\'s privacy?"'

CASES = [
    # (id, set, file, old, new, field, message)
    (
        "duplicate value id",
        "association",
        "set.toml",
        'id = "autonomy"',
        'id = "justice"  # HERE',
        "values[1].id",
        "duplicate value id 'justice' (first at values[0].id)",
    ),
    (
        "duplicate question id",
        "association",
        "questions.toml",
        'id = "effect_autonomy"',
        'id = "effect_justice"  # HERE',
        "questions[3].id",
        "duplicate question id 'effect_justice'",
    ),
    (
        "duplicate urn",
        "association",
        "questions.toml",
        f'urn = "{A}effect_autonomy"',
        f'urn = "{A}effect_justice"  # HERE',
        "questions[3].urn",
        "duplicate URN",
    ),
    (
        "unknown scale",
        "association",
        "questions.toml",
        'scale = "fit"',
        'scale = "fitness"  # HERE',
        "questions[11].scale",
        "unknown scale 'fitness'",
    ),
    (
        "missing translation",
        "association",
        "questions.toml",
        f"{PRIVACY_TEXT_NL}\n{PRIVACY_TEXT_EN}",
        f"{PRIVACY_TEXT_NL}  # HERE",
        "questions[5].text.en",
        "missing translation",
    ),
    (
        "missing translation of a value name",
        "association",
        "set.toml",
        'name.nl = "Duurzaamheid"\nname.en = "Sustainability"',
        'name.nl = "Duurzaamheid"  # HERE',
        "values[6].name.en",
        "missing translation",
    ),
    (
        "unknown question type",
        "association",
        "questions.toml",
        PRIVACY + 'type = "stakeholder_effect"',
        PRIVACY + 'type = "radar"  # HERE',
        "questions[5].type",
        "unknown question type 'radar'",
    ),
    (
        "unknown value reference",
        "association",
        "questions.toml",
        PRIVACY + 'type = "stakeholder_effect"\nvalues = ["privacy"]',
        PRIVACY + 'type = "stakeholder_effect"\nvalues = ["privasy"]  # HERE',
        "questions[5].values[0]",
        "unknown value 'privasy'",
    ),
    (
        "unknown stakeholder reference",
        "association",
        "questions.toml",
        PRIVACY + 'type = "stakeholder_effect"\nvalues = ["privacy"]\nstakeholders = "all"',
        PRIVACY
        + 'type = "stakeholder_effect"\nvalues = ["privacy"]\n'
        + 'stakeholders = ["pupils", "aliens"]  # HERE',
        "questions[5].stakeholders[1]",
        "unknown stakeholder 'aliens'",
    ),
    (
        "key not allowed for the type",
        "association",
        "questions.toml",
        'section = "weighing"\ntype = "open_text"',
        'section = "weighing"\ntype = "open_text"\nscale = "fit"  # HERE',
        "questions[13].scale",
        "unknown key",
    ),
    (
        "bad version",
        "association",
        "set.toml",
        'version = "1.0.0"',
        'version = "1.0"  # HERE',
        "version",
        "not a semantic version",
    ),
    (
        "id differs from folder",
        "association",
        "set.toml",
        'id = "association"',
        'id = "associatie"  # HERE',
        "id",
        "must equal the folder name",
    ),
    (
        "scale without not_applicable",
        "waardenwijzer",
        "set.toml",
        'en = "Strongly"\n[[scales.points]]\nvalue = "not_applicable"',
        'en = "Strongly"\n[[scales.points]]\nvalue = "unknown"',
        "scales[0].points",
        "must include each special point once: ['not_applicable', 'unknown']",
    ),
    (
        "invalid TOML",
        "iama_quickscan",
        "questions.toml",
        'id = "reason_goal"',
        'id = = "reason_goal"  # HERE',
        "",
        "invalid TOML",
    ),
]


def _break(sets_dir: Path, set_id: str, file: str, old: str, new: str) -> Path:
    """Apply one change to a copied set file; the old text must occur exactly once."""
    path = sets_dir / set_id / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text not unique in {file}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("set_id", "file", "old", "new", "field", "problem"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_broken_file_names_file_field_and_line(
    sets_dir: Path, set_id: str, file: str, old: str, new: str, field: str, problem: str
) -> None:
    path = _break(sets_dir, set_id, file, old, new)
    with pytest.raises(QuestionSetError) as caught:
        load_question_set(set_id, sets_dir)
    error = caught.value
    assert error.file == path
    assert error.field == field
    assert problem in str(error)
    if "# HERE" in new:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert error.line == next(i for i, line in enumerate(lines, 1) if "# HERE" in line)
    assert str(path) in str(error)
    assert not field or field in str(error)


def test_empty_section_is_refused(sets_dir: Path) -> None:
    path = sets_dir / "association" / "questions.toml"
    extra = '\n[[sections]]\nid = "unused"\ntitle.nl = "Leeg"\ntitle.en = "Empty"\n'
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[[questions]]", extra + "\n[[questions]]", 1), encoding="utf-8")
    with pytest.raises(
        QuestionSetError, match=r"sections\[4\]\.id: section 'unused' has no questions"
    ):
        load_question_set("association", sets_dir)


def test_check_sets_reports_every_broken_set_at_once(sets_dir: Path) -> None:
    _break(sets_dir, "association", "set.toml", 'version = "1.0.0"', 'version = "one"')
    _break(sets_dir, "waardenwijzer", "questions.toml", 'scale = "touched"', 'scale = "felt"')
    with pytest.raises(QuestionSetError) as caught:
        check_sets(sets_dir)
    assert [(p.file.parent.name, p.field) for p in caught.value.problems] == [
        ("association", "version"),
        ("waardenwijzer", "questions[7].scale"),
    ]


def test_a_missing_questions_file_is_named(sets_dir: Path) -> None:
    (sets_dir / "iama_quickscan" / "questions.toml").unlink()
    with pytest.raises(QuestionSetError, match=r"questions\.toml: cannot read"):
        load_question_set("iama_quickscan", sets_dir)
