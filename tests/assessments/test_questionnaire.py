"""The questionnaire: start, save and resume, progress, bad input in Dutch, who may answer."""

from __future__ import annotations

import re

import sqlalchemy as sa

from compass import load_question_set
from compass.question_types import answer_targets
from ethicsdesk.assessments.models import MemberAnswers
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus
from tests.assessments.conftest import (
    URN,
    answer_section,
    effect,
    form_fields,
    section_url,
    signed_in,
    start_compass,
)
from tests.factories import DEFAULT_PASSWORD
from tests.helpers import Browser


def stored_rows() -> list[MemberAnswers]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(MemberAnswers)))


def error_beside(html: str, field: str) -> str:
    """The error message shown right beside one field (its described-by paragraph)."""
    match = re.search(rf'<p class="field__error" id="{re.escape(field)}-error">([^<]*)</p>', html)
    assert match, f"no error beside {field}"
    return match.group(1)


def test_member_answers_saves_and_resumes_with_progress(app, ai_case) -> None:
    member = signed_in(app, Role.MEMBER)
    started = start_compass(member, ai_case)
    assert started.status_code == 302
    assert started.headers["Location"].endswith(section_url(ai_case, "context"))
    response = answer_section(
        member,
        ai_case,
        "effects",
        effect("privacy", "pupils", -1, 3, "Teksten gaan naar de leverancier.")
        | effect("wellbeing", "teachers", 0)
        | effect("sustainability", "society_environment", "unknown"),
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    [row] = stored_rows()
    assert row.answers == {
        f"{URN}effect_privacy": {
            "pupils": {"value": -1, "likelihood": 3, "note": "Teksten gaan naar de leverancier."}
        },
        f"{URN}effect_sustainability": {"society_environment": {"value": "unknown"}},
        f"{URN}effect_wellbeing": {"teachers": {"value": 0}},
    }
    # resume: the page shows what was saved, and the progress counts it
    page = member.get(section_url(ai_case, "effects")).get_data(as_text=True)
    fields = form_fields(page)
    assert fields["effect_privacy-pupils-value"] == "-1"
    assert fields["effect_privacy-pupils-likelihood"] == "3"
    assert fields["effect_privacy-pupils-note"] == "Teksten gaan naar de leverancier."
    total = sum(len(answer_targets(q)) for q in load_question_set("association").questions)
    assert f'<progress id="compass-progress" max="{total}" value="3">' in page
    assert f"3 van {total} beantwoord" in page
    # another section is saved beside it, never over it
    answer_section(member, ai_case, "weighing", {"overall_fit-value": "4", "slow_down-value": "no"})
    [row] = stored_rows()
    assert row.answers[f"{URN}overall_fit"] == {"": {"value": 4}}
    assert row.answers[f"{URN}slow_down"] == {"": {"value": "no"}}
    assert f"{URN}effect_privacy" in row.answers
    # clearing a row removes that answer
    answer_section(member, ai_case, "effects", effect("wellbeing", "teachers", ""))
    assert f"{URN}effect_wellbeing" not in stored_rows()[0].answers


def test_bad_input_gets_a_dutch_message_beside_the_field_and_stores_nothing(app, ai_case) -> None:
    member = signed_in(app, Role.MEMBER)
    start_compass(member, ai_case)
    answer_section(member, ai_case, "effects", effect("privacy", "pupils", 1, 2, "Minder papier."))
    before = stored_rows()[0].answers
    response = answer_section(
        member,
        ai_case,
        "effects",
        effect("privacy", "pupils", 5, 2, "Vijf op een schaal tot twee.")
        | effect("autonomy", "pupils", 1, "zeker", "Leerlingen schrijven zelf.")
        | effect("justice", "pupils", -2, 3, "")
        | effect("wellbeing", "parents", "", 2, ""),
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_beside(html, "effect_privacy-pupils-value") == (
        "Kies een van de effecten uit de lijst."
    )
    assert error_beside(html, "effect_autonomy-pupils-likelihood") == (
        "Kies een van de waarschijnlijkheden uit de lijst."
    )
    assert error_beside(html, "effect_justice-pupils-note").startswith("Leg uit waarom")
    assert error_beside(html, "effect_wellbeing-parents-value").startswith(
        "Kies eerst een antwoord"
    )
    assert 'aria-invalid="true"' in html
    assert 'class="error-summary"' in html
    assert stored_rows()[0].answers == before  # nothing of the bad post was stored


def test_neutral_and_unknown_effects_need_no_reason(app, ai_case) -> None:
    member = signed_in(app, Role.DPO)
    start_compass(member, ai_case)
    response = answer_section(
        member,
        ai_case,
        "effects",
        effect("justice", "vendor", 0) | effect("privacy", "vendor", "not_applicable"),
    )
    assert response.status_code == 302
    assert stored_rows()[0].answers[f"{URN}effect_justice"] == {"vendor": {"value": 0}}


def test_every_question_type_can_be_answered(app, ai_case) -> None:
    """The waardenwijzer set has value ratings and options; the association set the rest."""
    member = signed_in(app, Role.CHAIR)
    start_compass(member, ai_case, "waardenwijzer")
    changes = {
        "stage_of_use-value": "pilot",
        "what_it_does-value": "Leerlingen schrijven een tekst en krijgen suggesties.",
    }
    assert answer_section(member, ai_case, "technology_in_context", changes).status_code == 302
    changes = {
        "values_touched-privacy-value": "3",
        "values_touched-privacy-note": "Teksten van leerlingen.",
    }
    response = answer_section(member, ai_case, "actors_effects_values", changes)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    changes = {"option_technology-value": "Training op leerlingteksten uitzetten."}
    assert answer_section(member, ai_case, "options_for_action", changes).status_code == 302
    answers = stored_rows()[0].answers
    wurn = "urn:ethicsdesk:compass:waardenwijzer:question:"
    assert answers[f"{wurn}stage_of_use"] == {"": {"value": "pilot"}}
    assert answers[f"{wurn}option_technology"][""]["value"].startswith("Training")
    assert answers[f"{wurn}values_touched"]["privacy"]["note"] == "Teksten van leerlingen."
    bad = answer_section(member, ai_case, "technology_in_context", {"stage_of_use-value": "x"})
    assert bad.status_code == 422
    assert "Kies een van de opties." in bad.get_data(as_text=True)


def test_the_requester_never_sees_the_compass(app, ai_case) -> None:
    member = signed_in(app, Role.MEMBER)
    start_compass(member, ai_case)
    requester = Browser(app)
    requester.login(ai_case.requester.email, DEFAULT_PASSWORD)
    case_page = requester.get(f"/reviews/{ai_case.id}")
    assert case_page.status_code == 200
    assert "/compass" not in case_page.get_data(as_text=True)
    for url in ("/", "/sections/effects", "/comparison", "/graph.json"):
        assert requester.get(f"/reviews/{ai_case.id}/compass{url}").status_code == 403, url
    assert start_compass(requester, ai_case).status_code == 403
    member_page = member.get(f"/reviews/{ai_case.id}").get_data(as_text=True)
    assert f"/reviews/{ai_case.id}/compass/" in member_page


def test_the_coordinator_reads_but_cannot_answer(app, ai_case) -> None:
    coordinator = signed_in(app, Role.COORDINATOR)
    assert start_compass(coordinator, ai_case).status_code == 403
    member = signed_in(app, Role.MEMBER)
    start_compass(member, ai_case)
    overview = coordinator.get(f"/reviews/{ai_case.id}/compass/")
    assert overview.status_code == 200
    assert "compass-progress" not in overview.get_data(as_text=True)
    assert coordinator.get(section_url(ai_case, "effects")).status_code == 403
    token = coordinator.csrf_token(f"/reviews/{ai_case.id}/compass/")
    data = {"csrf_token": token, **effect("privacy", "pupils", 1, 2, "x"), "save": "1"}
    assert coordinator.client.post(section_url(ai_case, "effects"), data=data).status_code == 403
    assert stored_rows() == []


def test_drafts_and_unknown_sections_are_not_found(app, ai_case) -> None:
    member = signed_in(app, Role.MEMBER)
    assert member.get(section_url(ai_case, "effects")).status_code == 404  # not started
    start_compass(member, ai_case)
    assert member.get(section_url(ai_case, "nonsense")).status_code == 404
    assert start_compass(member, ai_case, "no_such_set").status_code == 422


def test_an_advised_case_can_no_longer_be_answered(app, ai_case) -> None:
    member = signed_in(app, Role.MEMBER)
    start_compass(member, ai_case)
    ai_case.status = CaseStatus.ADVISED
    db.session.commit()
    assert member.get(section_url(ai_case, "effects")).status_code == 302
    token = member.csrf_token(f"/reviews/{ai_case.id}/compass/")
    data = {"csrf_token": token, **effect("privacy", "pupils", 1, 2, "Te laat."), "save": "1"}
    assert member.client.post(section_url(ai_case, "effects"), data=data).status_code == 409
    assert stored_rows() == []
