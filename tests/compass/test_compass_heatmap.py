"""The heat map SVG is deterministic, well-formed, CSP-safe and readable without colour."""

from __future__ import annotations

import pytest

from compass import QuestionSet, aggregate, heat_map_svg, heat_map_table
from compass._text import DASH, MINUS
from tests.compass.helpers import SVG, check_accessible_svg, effect, random_answers


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_full_grid_renders_deterministically(association: QuestionSet, lang: str) -> None:
    result = aggregate(association, random_answers(association, members=7, seed=1))
    svg = heat_map_svg(association, result, lang)
    assert svg == heat_map_svg(
        association, aggregate(association, random_answers(association, 7, 1)), lang
    )
    root = check_accessible_svg(svg)
    cells = [
        g
        for g in root.iter(f"{SVG}g")
        if g.find(f"{SVG}rect") is not None and g.find(f"{SVG}title") is not None
    ]
    assert len(cells) == 9 * 6


def test_every_cell_has_a_text_label_matching_the_table(association: QuestionSet) -> None:
    answers = [
        effect("a", "privacy", "pupils", -2),
        effect("b", "privacy", "pupils", 2),
        effect("c", "privacy", "pupils", 1),
    ]
    answers += [effect(m, "justice", "vendor", "unknown") for m in "abc"]
    result = aggregate(association, answers)
    table = heat_map_table(association, result, "nl")
    labels = {(row.value, cell.stakeholder): cell.label for row in table.rows for cell in row.cells}
    assert labels["privacy", "pupils"] == "▲ +1 !"
    assert labels["justice", "vendor"] == f"{DASH} ?"
    assert labels["autonomy", "teachers"] == DASH
    svg = heat_map_svg(association, result, "nl")
    assert all(label in svg for label in ("▲ +1 !", f"{DASH} ?"))
    privacy = next(row for row in table.rows if row.value == "privacy")
    assert privacy.cells[0].tone == "positive"
    assert privacy.cells[0].count == 3
    assert "mediaan +1 van 3 antwoorden" in privacy.cells[0].description
    assert table.stakeholders[0] == ("pupils", "Leerlingen")
    assert table.value_header == "Waarde"


def test_medians_use_the_language_decimal_mark(association: QuestionSet) -> None:
    result = aggregate(
        association, [effect("a", "privacy", "pupils", -2), effect("b", "privacy", "pupils", -1)]
    )
    nl, en = (heat_map_table(association, result, lang).rows[3].cells[0] for lang in ("nl", "en"))
    assert (nl.label, en.label) == (f"▼ {MINUS}1,5", f"▼ {MINUS}1.5")
    assert nl.tone == "negative_strong"


def test_unknown_language_is_refused(association: QuestionSet) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        heat_map_svg(association, aggregate(association, []), "de")
