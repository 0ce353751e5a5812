"""The Markdown export holds every section, question, risk, measure and opinion."""

from __future__ import annotations

from typing import Any

import pytest

from dpia_templates.dpia import document_to_markdown, load_template, new_document

TEMPLATE = load_template("parent_communication")


def _document(lang: str) -> dict[str, Any]:
    """A partly filled DPIA."""
    doc = new_document(TEMPLATE, lang=lang, title="SchoolApp")
    doc["case"]["vendor"] = "Appie B.V."
    doc["answers"]["a1_proposal"] = {
        "text": "Een app voor **ouders**.",
        "note": "Pilot op\ntwee scholen",
    }
    doc["answers"]["b11_legal_basis"] = {
        "choice": ["public_task", "consent"],
        "text": "Foto's: toestemming",
    }
    doc["answers"]["b11_photo_consent"] = {"choice": "in_app_enforced"}
    doc["risks"][0]["residual_severity"] = 4
    doc["risks"][0]["residual_likelihood"] = 4
    doc["measures"][0].update(owner="Directie | ICT", due_date="2025-08-01", status="planned")
    doc["opinions"]["dpo"] = {
        "name": "F. G.",
        "status": "conditional",
        "opinion": "Akkoord onder voorwaarden",
    }
    doc["opinions"]["data_subjects"] = {"sought": True, "names": "GMR"}
    doc["evaluations"] = [
        {"target": "question:a1_proposal", "status": "improvable", "comment": "Scherper"}
    ]
    return doc


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_part_is_exported(lang: str) -> None:
    doc = _document(lang)
    text = document_to_markdown(doc, TEMPLATE, lang)
    assert text.startswith("# DPIA: SchoolApp\n")
    for section in TEMPLATE.sections:
        assert f"\n## {getattr(section.title, lang)}\n" in text
    for question in TEMPLATE.questions:
        assert f"\n### {getattr(question.label, lang)}\n" in text
    for opinion in TEMPLATE.opinions:
        assert f"\n### {getattr(opinion.label, lang)}\n" in text
    for number, risk in enumerate(doc["risks"], start=1):
        assert f"| {number} | {risk['title']} |" in text
        assert f"\n#### {number}. {risk['title']}\n" in text
    for measure in doc["measures"]:
        assert f"\n#### {measure['title']}\n" in text
    assert "Appie B.V." in text
    assert text.endswith("\n")


def test_answers_choices_notes_and_tables_in_dutch() -> None:
    text = document_to_markdown(_document("nl"), TEMPLATE, "nl")
    assert "Een app voor **ouders**." in text
    assert "> **Toelichting:** Pilot op\n> twee scholen" in text
    assert "**Keuze:** Algemeen belang of publieke taak (e), Toestemming (a)" in text
    assert "**Keuze:** In de app, en de app houdt er rekening mee" in text
    assert "_Niet beantwoord._" in text
    assert "Directie \\| ICT" in text
    assert "| gepland |" in text
    assert "- **Oordeel:** positief onder voorwaarden" in text
    assert "- **Gevraagd:** ja" in text
    assert (
        "**Conclusie over voorafgaande raadpleging:** Voorafgaande raadpleging van de AP is nodig"
        in text
    )
    assert "heeft een hoog restrisico (ernst 4, kans 4)" in text
    assert "| question:a1_proposal | voor verbetering vatbaar | Scherper |" in text


def test_empty_registers_are_said_to_be_empty() -> None:
    doc = new_document(TEMPLATE, lang="en")
    doc["risks"], doc["measures"] = [], []
    text = document_to_markdown(doc, TEMPLATE, "en")
    assert "_The risk register is empty._" in text
    assert "_No measures yet._" in text
    assert "_Not recorded yet._" in text
    assert "Cannot be decided yet" in text
    assert "# DPIA: DPIA parent communication app" in text
