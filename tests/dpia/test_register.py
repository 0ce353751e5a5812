"""Risk register, measures, opinions and the art. 36 conclusion."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.dpia.models import Dpia, DpiaMeasure, DpiaRisk
from ethicsdesk.extensions import db
from tests.dpia.test_editor import start

RISK = {
    "title": "Leerlingteksten gebruikt om het model te trainen",
    "description": "De leverancier traint met ingevoerde teksten.",
    "source": "Leverancier",
    "affected": "Leerlingen",
    "feared_event": "illegitimate_access",
    "severity": "3",
    "likelihood": "4",
    "residual_severity": "",
    "residual_likelihood": "",
}


def fresh_dpia() -> Dpia:
    db.session.expire_all()
    return db.session.scalars(sa.select(Dpia)).one()


def test_add_and_rate_a_risk_with_measures(ai_case, member) -> None:
    dpia = start(member, ai_case)
    before = len(dpia.risks)
    measure = dpia.measures[0]
    data = {**RISK, "measures": [str(measure.id)]}
    assert member.submit(f"/reviews/{ai_case.id}/dpia/risks", data).status_code == 302
    dpia = fresh_dpia()
    assert len(dpia.risks) == before + 1
    risk = dpia.risks[-1]
    assert (risk.severity, risk.likelihood) == (3, 4)
    assert [m.id for m in risk.measures] == [measure.id]
    # after the measures the risk is rated lower
    data.update(residual_severity="2", residual_likelihood="1")
    assert member.submit(f"/reviews/{ai_case.id}/dpia/risks/{risk.id}", data).status_code == 302
    risk = db.session.get(DpiaRisk, risk.id)
    db.session.refresh(risk)
    assert (risk.residual_severity, risk.residual_likelihood) == (2, 1)


def test_half_a_residual_rating_is_refused(ai_case, member) -> None:
    start(member, ai_case)
    data = {**RISK, "residual_severity": "2"}
    response = member.submit(f"/reviews/{ai_case.id}/dpia/risks", data)
    assert response.status_code == 422
    assert "Schat zowel de waarschijnlijkheid als de ernst in" in response.get_data(as_text=True)


def test_bad_levels_are_refused(ai_case, member) -> None:
    dpia = start(member, ai_case)
    count = len(dpia.risks)
    for field, value in (("severity", "5"), ("likelihood", "0"), ("feared_event", "fire")):
        response = member.submit(f"/reviews/{ai_case.id}/dpia/risks", {**RISK, field: value})
        assert response.status_code == 422, field
        assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert len(fresh_dpia().risks) == count


def test_a_risk_of_another_case_is_not_found(app, ai_case, member) -> None:
    start(member, ai_case)
    assert member.get(f"/reviews/{ai_case.id}/dpia/risks/999999").status_code == 404


def test_art36_follows_residual_risks_and_can_be_overridden_with_reason(ai_case, member) -> None:
    start(member, ai_case)
    dpia = fresh_dpia()
    for risk in dpia.risks:  # every risk high and unmitigated → consult the AP
        risk.severity, risk.likelihood = 4, 4
    db.session.commit()
    page = member.get(f"/reviews/{ai_case.id}/dpia/").get_data(as_text=True)
    assert "conclusion-card--required" in page
    no_reason = {"consultation_needed": "no", "consultation_motivation": ""}
    response = member.submit(f"/reviews/{ai_case.id}/dpia/opinions", no_reason)
    assert response.status_code == 422
    assert "Geef een reden" in response.get_data(as_text=True)
    reason = "Maatregelen met de leverancier zijn contractueel vastgelegd."
    data = {
        "consultation_needed": "no",
        "consultation_motivation": reason,
        "dpo_name": "F. el Amrani",
        "dpo_status": "conditional",
        "dpo_opinion": "Akkoord als…",
        "subjects_sought": "yes",
        "subjects_names": "GMR",
        "subjects_opinion": "Positief",
    }
    assert member.submit(f"/reviews/{ai_case.id}/dpia/opinions", data).status_code == 302
    page = member.get(f"/reviews/{ai_case.id}/dpia/").get_data(as_text=True)
    assert reason in page
    assert "De commissie oordeelde" in page
    opinions = fresh_dpia().opinions
    assert opinions["dpo"]["status"] == "conditional"
    assert opinions["prior_consultation"] == {"needed": False, "motivation": reason}


def test_measures_get_owner_and_due_date(ai_case, member) -> None:
    start(member, ai_case)
    data = {"title": "Opt-out voor training", "description": "Contractueel",
            "owner": "Inkoop", "due_date": "2027-01-31", "status": "planned"}  # fmt: skip
    assert member.submit(f"/reviews/{ai_case.id}/dpia/measures", data).status_code == 302
    db.session.expire_all()
    measure = db.session.scalars(
        sa.select(DpiaMeasure).where(DpiaMeasure.title == "Opt-out voor training")
    ).one()
    assert (measure.owner, str(measure.due_date), measure.status) == (
        "Inkoop",
        "2027-01-31",
        "planned",
    )
    bad = {**data, "due_date": "morgen"}
    assert member.submit(f"/reviews/{ai_case.id}/dpia/measures", bad).status_code == 422
