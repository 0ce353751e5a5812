"""The acceptance: three members answer privately, the secretary opens, the committee weighs."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

from compass import heat_map_svg, load_question_set
from compass.graph import graph_svg
from ethicsdesk.assessments.graph import aggregation_of, value_graph
from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers
from ethicsdesk.assessments.queries import answers_for_comparison
from ethicsdesk.core.permissions import Role
from ethicsdesk.dpia.models import Dpia, DpiaMeasure, DpiaRisk
from ethicsdesk.extensions import db
from tests.assessments.conftest import (
    answer_section,
    effect,
    form_fields,
    post_button,
    section_url,
    signed_in,
    start_compass,
)

# Three members with deliberately different views on the generative-AI writing assistant.
VIEWS = {
    "Anna Lid": effect("privacy", "pupils", 1, 2, "Minder papier in omloop.")
    | effect("autonomy", "pupils", 2, 3, "Leerlingen schrijven zelfstandiger.")
    | effect("equality_inclusion", "pupils", 2, 3, "Voorlezen helpt taalzwakke leerlingen."),
    "Bram Lid": effect("privacy", "pupils", -2, 4, "Teksten van kinderen gaan naar de VS.")
    | effect("autonomy", "pupils", -1, 3, "Het denkwerk wordt uitbesteed.")
    | effect("equality_inclusion", "pupils", 1, 3, "Helpt bij dyslexie."),
    "Carla Voorzitter": effect("privacy", "pupils", -1, 3, "Geen verwerkersovereenkomst.")
    | effect("autonomy", "pupils", "unknown")
    | effect("equality_inclusion", "pupils", 2, 3, "Meer leerlingen doen mee."),
}
ROLES = {"Anna Lid": (Role.MEMBER,), "Bram Lid": (Role.MEMBER,),
         "Carla Voorzitter": (Role.CHAIR, Role.MEMBER)}  # fmt: skip


def comparison_url(case) -> str:
    return f"/reviews/{case.id}/compass/comparison"


def svg(html: str, ident: str) -> str:
    match = re.search(rf'<svg[^>]*aria-labelledby="{ident}-title.*?</svg>', html, re.S)
    assert match, f"no {ident} SVG"
    return match.group(0)


@pytest.fixture
def answered(app, ai_case):
    """The three members have answered and marked done; the secretary has not opened yet."""
    browsers = {name: signed_in(app, *ROLES[name], name=name) for name in VIEWS}
    assert start_compass(browsers["Anna Lid"], ai_case).status_code == 302
    for name, changes in VIEWS.items():
        response = answer_section(browsers[name], ai_case, "effects", changes)
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        assert post_button(browsers[name], ai_case, "done").status_code == 302
    secretary = signed_in(app, Role.SECRETARY, name="Sanne Secretaris")
    return browsers, secretary


def test_three_members_deliberate_on_the_ai_case(app, ai_case, answered) -> None:
    browsers, secretary = answered
    # before opening: each member sees only their own answers, nobody sees the comparison
    bram_page = browsers["Bram Lid"].get(section_url(ai_case, "effects")).get_data(as_text=True)
    assert form_fields(bram_page)["effect_privacy-pupils-value"] == "-2"
    assert "Minder papier" not in bram_page
    assert "Geen verwerkersovereenkomst" not in bram_page
    for browser in (*browsers.values(), secretary):
        assert browser.get(comparison_url(ai_case)).status_code == 403
        assert browser.get(f"/reviews/{ai_case.id}/compass/graph.json").status_code == 403
    overview = secretary.get(f"/reviews/{ai_case.id}/compass/").get_data(as_text=True)
    assert "Anna Lid" in overview
    assert "afgerond" in overview
    for changes in VIEWS.values():
        for value in changes.values():
            if len(value) > 3:
                assert value not in overview
    round_ = db.session.scalars(sa.select(AssessmentRound)).one()
    with pytest.raises(PermissionError):
        answers_for_comparison(round_)  # not even code can read them all before opening
    # a member may not open it; the secretary opens it
    assert post_button(browsers["Anna Lid"], ai_case, "open").status_code == 403
    opened = post_button(secretary, ai_case, "open")
    assert opened.status_code == 302
    assert opened.headers["Location"] == comparison_url(ai_case)
    # the comparison: spread, every member's position by name, the agenda disputed first
    html = secretary.get(comparison_url(ai_case)).get_data(as_text=True)
    for name in VIEWS:
        assert name in html
    privacy = re.search(r'<table class="table compass-positions" id="value-privacy">.*?</table>',
                        html, re.S).group(0)  # fmt: skip
    row = re.search(r"<tr class=\"compass-disputed\">.*?</tr>", privacy, re.S).group(0)
    assert "Leerlingen" in row
    assert "<td>3</td>" in row
    assert "Teksten van kinderen gaan naar de VS." in row
    assert "Bram Lid" in row
    agenda = re.search(r'<ol class="compass-agenda">(.*?)</ol>', html, re.S).group(1)
    items = re.findall(
        r'<li class="compass-agenda__item([^"]*)">\s*<strong>([^<]*)</strong>', agenda
    )
    assert [title for _, title in items][:2] == ["Autonomie — Leerlingen", "Privacy — Leerlingen"]
    assert all("disputed" in css for css, _ in items[:2])
    assert "Gelijkheid en inclusie — Leerlingen" not in agenda  # they agree: no agenda item
    assert "grote spreiding" in agenda
    assert "tegengestelde oordelen" in agenda
    # the pictures are there with their text alternatives, and contain no script or style
    heat, graph = svg(html, "compass-heatmap"), svg(html, "compass-graph")
    assert "<caption>Kompas: verwacht effect" in html
    assert "<script" not in html
    assert "style=" not in heat + graph
    again = secretary.get(comparison_url(ai_case)).get_data(as_text=True)
    assert svg(again, "compass-heatmap") == heat
    assert svg(again, "compass-graph") == graph
    # the page shows exactly what the library draws for the stored answers
    db.session.expire_all()
    question_set = load_question_set("association")
    aggregation = aggregation_of(question_set, answers_for_comparison(round_))
    assert heat == heat_map_svg(question_set, aggregation, "nl")
    assert graph == graph_svg(value_graph(ai_case, question_set, aggregation, None), "nl")
    # answers are frozen now
    token = browsers["Anna Lid"].csrf_token(f"/reviews/{ai_case.id}/compass/")
    data = {"csrf_token": token, **effect("privacy", "pupils", 2, 4, "Toch positief."), "save": "1"}
    response = browsers["Anna Lid"].client.post(section_url(ai_case, "effects"), data=data)
    assert response.status_code == 409
    db.session.expire_all()
    anna = db.session.scalars(sa.select(MemberAnswers).order_by(MemberAnswers.id)).first()
    stored = anna.answers["urn:ethicsdesk:compass:association:question:effect_privacy"]
    assert stored["pupils"] == {"value": 1, "likelihood": 2, "note": "Minder papier in omloop."}


def test_the_frozen_graph_downloads_as_stable_json(app, ai_case, answered) -> None:
    _browsers, secretary = answered
    post_button(secretary, ai_case, "open")
    first = secretary.get(f"/reviews/{ai_case.id}/compass/graph.json")
    assert first.status_code == 200
    assert first.mimetype == "application/json"
    assert "attachment" in first.headers["Content-Disposition"]
    assert secretary.get(f"/reviews/{ai_case.id}/compass/graph.json").data == first.data
    data = json.loads(first.data)
    nodes = {node["id"] for node in data["nodes"]}
    assert {"effect:compass:privacy:pupils", "stakeholder:pupils", "value:privacy"} <= nodes
    assert data["graph"]["set_id"] == "association"


def test_the_coordinator_reads_the_opened_comparison_but_cannot_answer(
    app, ai_case, answered
) -> None:
    _browsers, secretary = answered
    coordinator = signed_in(app, Role.COORDINATOR, name="Dirk Coördinator")
    assert coordinator.get(comparison_url(ai_case)).status_code == 403
    post_button(secretary, ai_case, "open")
    page = coordinator.get(comparison_url(ai_case))
    assert page.status_code == 200
    assert "Bram Lid" in page.get_data(as_text=True)
    assert coordinator.get(section_url(ai_case, "effects")).status_code == 403
    assert post_button(coordinator, ai_case, "done").status_code == 403
    assert post_button(coordinator, ai_case, "open").status_code == 403


def test_the_comparison_needs_two_members(app, ai_case) -> None:
    member = signed_in(app, Role.MEMBER)
    start_compass(member, ai_case)
    answer_section(member, ai_case, "effects", effect("privacy", "pupils", -1, 2, "Risico."))
    chair = signed_in(app, Role.CHAIR)
    response = post_button(chair, ai_case, "open")
    assert response.status_code == 409
    assert "ten minste twee leden" in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(AssessmentRound)).one().comparison_opened_at is None


def test_dpia_risks_and_measures_join_the_value_graph(app, ai_case, answered) -> None:
    _browsers, secretary = answered
    dpia = Dpia(case_id=ai_case.id, template_id="generative_ai", template_version="1.0.0")
    trained = DpiaRisk(dpia=dpia, key="r1", title="Het model traint op leerlingteksten",
                       likelihood=3, severity=4)  # fmt: skip
    leaked = DpiaRisk(dpia=dpia, key="r2", title="Teksten lekken uit", likelihood=2, severity=3)
    DpiaMeasure(dpia=dpia, key="m1", title="Training contractueel uitsluiten", risks=[trained])
    db.session.add(dpia)
    db.session.commit()
    post_button(secretary, ai_case, "open")
    html = secretary.get(comparison_url(ai_case)).get_data(as_text=True)
    assert "De risico's en maatregelen uit de DPIA zijn meegenomen." in html
    table = re.search(r'<section id="graph".*?</section>', html, re.S).group(0)
    assert "Het model traint op leerlingteksten" in table
    assert "Training contractueel uitsluiten" in table
    conditions = re.search(r'id="conditions".*?</section>', html, re.S).group(0)
    assert "Teksten lekken uit" in conditions  # no measure against it: a candidate condition
    assert "Het model traint op leerlingteksten" not in conditions
    assert leaked.id is not None
