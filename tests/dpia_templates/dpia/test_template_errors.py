"""A broken template fails at load time naming the file, the TOML line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpia_templates.dpia import TemplateError, TemplateProblem, check_templates, load_templates
from dpia_templates.dpia.errors import find_line

# (file, text to replace, replacement, field path, message, text on the reported line)
BREAKAGES = [
    ("lms.toml", 'version = "1.0.0"', 'version = "1.0.0"\ncolour = "red"', "colour",
     "unknown key", 'colour = "red"'),
    ("lms.toml", 'title.nl = "DPIA elektronische leeromgeving (ELO)"\n', "", "title.nl",
     "missing Dutch (nl) translation", None),
    ("_base.toml", 'label.en = "Proposal: what is being introduced and why?"\n', "",
     "questions[0].label.en", "missing English (en) translation", 'label.nl = "Voorstel'),
    ("lms.toml", 'id = "a3_integrations"', 'id = "a1_proposal"', "questions[0].id",
     "duplicate question id 'a1_proposal'", 'id = "a1_proposal"'),
    ("lms.toml", "likelihood = 2\nseverity = 2", "likelihood = 5\nseverity = 2",
     "risks[0].likelihood", "bad level 5", "likelihood = 5"),
    ("lms.toml", "severity = 2\nmeasures", "severity = 0\nmeasures", "risks[0].severity",
     "bad level 0", "severity = 0"),
    ("lms.toml", 'section = "A"', 'section = "A"\ncnil_ref = 999', "questions[0].cnil_ref",
     "unknown cnil_ref 999", "cnil_ref = 999"),
    ("lms.toml", 'section = "A"', 'section = "A"\ncnil_ref = 111', "questions[0].cnil_ref",
     "cnil_ref 111 is used twice", "cnil_ref = 111"),
    ("lms.toml", 'category = "lms"', 'category = "moon"', "category",
     "unknown category 'moon'", 'category = "moon"'),
    ("lms.toml", '["visibility_settings", "access_control"]', '["visibility_settings", "nope"]',
     "risks[0].measures", "measure 'nope' does not exist", "measures = ["),
    ("_base.toml", '"breach_procedure", "processor_agreement"]', '"breach_procedure", "nope"]',
     "risks[0].measures", "measure 'nope' does not exist", "measures = ["),
    ("lms.toml", 'version = "1.0.0"', 'version = "1.0"', "version",
     "bad version string '1.0'", 'version = "1.0"'),
    ("lms.toml", 'feared_event = "illegitimate_access"', 'feared_event = "hacking"',
     "risks[0].feared_event", "unknown value 'hacking'", 'feared_event = "hacking"'),
    ("lms.toml", 'common_risks = ["data_breach"', 'common_risks = ["data_breeches"',
     "common_risks[0]", "unknown common risk 'data_breeches'", "common_risks = ["),
    ("lms.toml", "[hints.a3_processing_operations]", "[hints.a3_nope]", "hints.a3_nope",
     "unknown question 'a3_nope'", "[hints.a3_nope]"),
    ("lms.toml", 'id = "lms"', 'id = "lms2"', "id", "must equal the file name 'lms'",
     'id = "lms2"'),
    ("lms.toml", 'id = "a3_integrations"', 'id = "b3_integrations"', "questions[0].id",
     "must start with 'a'", 'id = "b3_integrations"'),
    ("lms.toml", 'section = "A"', 'section = "Z"', "questions[0].section",
     "unknown section 'Z'", 'section = "Z"'),
    ("lms.toml", 'label.nl = "Ingebouwde', 'kind = "choice"\nlabel.nl = "Ingebouwde',
     "questions[0].choices", "choice questions need choices", None),
    ("lms.toml", 'id = "work_visible_to_others"', 'id = "data_breach"', "risks[0].id",
     "duplicate risk id 'data_breach'", 'id = "data_breach"'),
    ("lms.toml", 'id = "disable_trackers"', 'id = "access_control"', "measures[0].id",
     "duplicate measure id 'access_control'", 'id = "access_control"'),
    ("lms.toml", 'id = "disable_trackers"', 'id = "Disable trackers"', "measures[0].id",
     "bad id 'Disable trackers'", 'id = "Disable trackers"'),
    ("lms.toml", 'extends = "_base"', 'extends = "_core"', "extends", "unknown base '_core'",
     'extends = "_core"'),
    ("lms.toml", 'base_version = "1.0.0"', 'base_version = "0.9.0"', "base_version",
     "_base.toml is at version 1.0.0", 'base_version = "0.9.0"'),
    ("lms.toml", "common_risks = [", "common_risks = [1, ", "common_risks[0]",
     "must be a non-empty string", "common_risks = ["),
    ("lms.toml", 'title.en = "No third-party trackers"', "title.en = 3", "measures[0].title.en",
     "must be a non-empty string", "title.en = 3"),
]  # fmt: skip


def _problem(directory: Path, file: str) -> TemplateProblem:
    """Load the directory and return the one problem reported for the file."""
    with pytest.raises(TemplateError) as caught:
        check_templates(directory)
    found = [p for p in caught.value.details if p.file == file]
    assert found, caught.value
    return found[0]


@pytest.mark.parametrize(("file", "old", "new", "path", "message", "line_text"), BREAKAGES)
def test_broken_template(
    template_dir: Path,
    file: str,
    old: str,
    new: str,
    path: str,
    message: str,
    line_text: str | None,
) -> None:
    target = template_dir / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    target.write_text(broken, encoding="utf-8")
    problem = _problem(template_dir, file)
    assert problem.path == path
    assert message in problem.message
    assert problem.line is not None
    if line_text is not None:
        assert broken.splitlines()[problem.line - 1].startswith(line_text)
    assert str(problem).startswith(f"{file}:{problem.line}: {path}: ")


def test_syntax_error_names_the_parser_line(template_dir: Path) -> None:
    target = template_dir / "video_chat.toml"
    lines = target.read_text(encoding="utf-8").splitlines()
    lines[4] = "base_version = 1.0.0"
    target.write_text("\n".join(lines), encoding="utf-8")
    problem = _problem(template_dir, "video_chat.toml")
    assert "not valid TOML" in problem.message
    assert problem.line == 5


def test_missing_template_for_a_category(template_dir: Path) -> None:
    (template_dir / "video_chat.toml").unlink()
    problem = _problem(template_dir, "video_chat.toml")
    assert problem.message == "missing: category 'video_chat' has no template"


def test_a_new_base_version_fails_every_template_until_reviewed(template_dir: Path) -> None:
    base = template_dir / "_base.toml"
    base.write_text(base.read_text(encoding="utf-8").replace("1.0.0", "1.1.0", 1), "utf-8")
    with pytest.raises(TemplateError) as caught:
        check_templates(template_dir)
    assert {p.file for p in caught.value.details} == {
        f.name for f in template_dir.glob("[!_]*.toml")
    }
    assert {p.path for p in caught.value.details} == {"base_version"}


def test_all_problems_of_all_files_are_reported_together(template_dir: Path) -> None:
    for name, old, new in [
        ("lms.toml", "likelihood = 2", "likelihood = 7"),
        ("lms.toml", 'category = "lms"', 'category = "moon"'),
        ("proctoring.toml", 'section = "A"', 'section = "Q"'),
    ]:
        path = template_dir / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), "utf-8")
    with pytest.raises(TemplateError) as caught:
        load_templates(template_dir)
    paths = {(p.file, p.path) for p in caught.value.details}
    assert {("lms.toml", "risks[0].likelihood"), ("lms.toml", "category")} <= paths
    assert ("proctoring.toml", "questions[0].section") in paths
    assert len(caught.value.problems) == len(caught.value.details) == 3


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("version", 2),
        ("title.en", 4),
        ("hints.a2.nl", 7),
        ("risks[1].likelihood", 15),
        ("risks[1].title.en", 14),
        ("risks[0].title.en", 11),
        ("risks[9].id", None),
        ("nothing", None),
    ],
)
def test_find_line(path: str, line: int | None) -> None:
    text = "\n".join(
        [
            'id = "x"',
            'version = "1.0.0"',
            'title.nl = "a"',
            'title.en = "b"',
            "",
            "[hints.a2]",
            'nl = "x"',
            "",
            "[[risks]]",
            'id = "r1"',
            'title = { nl = "a", en = "b" }',
            "",
            "[[risks]]",
            'title.nl = "c"',
            "likelihood = 5",
        ]
    )
    assert find_line(text, path) == line
