"""Demo end result: the generative-AI case goes the whole way to a signed, archived advisory.

The requester answers the committee's question, the committee reviews (DPIA from the template),
meets, votes 4-1 with a minority opinion, and the secretary and chair sign the advisory.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app

from dpia_templates.dpia.templates import load_template
from ethicsdesk.advisories import keys
from ethicsdesk.advisories.models import Outcome
from ethicsdesk.advisories.operations import (
    AdvisoryInput,
    ConditionInput,
    create_draft,
    freeze_for_signing,
    sign,
)
from ethicsdesk.advisories.queries import advisories_of_case
from ethicsdesk.auth.queries import active_users_with_roles, user_by_email
from ethicsdesk.core.permissions import Role
from ethicsdesk.deliberation import operations as meeting
from ethicsdesk.deliberation.agenda import discussion_points
from ethicsdesk.deliberation.models import Position
from ethicsdesk.dpia.operations import start_dpia
from ethicsdesk.dpia.queries import dpia_of_case
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from ethicsdesk.reviews.operations import apply_transition, post_message

DEMO_CASE = "SchrijfMaatje AI"
YES = Position.FAVOURABLE_WITH_CONDITIONS
VOTES = (
    ("secretaris@voorbeeld.school", YES, "Onder voorwaarden verantwoord."),
    ("voorzitter@voorbeeld.school", YES, "Met duidelijke afspraken."),
    ("lid@voorbeeld.school", YES, "Leerzaam, mits begeleid."),
    ("lid2@voorbeeld.school", YES, "Alleen met opt-out voor training."),
    ("lid3@voorbeeld.school", Position.UNFAVOURABLE, "Teksten van minderjarigen verlaten de EER."),
)
MINORITY = (
    "Ik ben tegen dit advies. Zolang teksten van minderjarige leerlingen naar servers in de "
    "Verenigde Staten gaan, kan de school niet waarmaken wat zij ouders belooft."
)


def _user(email: str):
    user = user_by_email(email)
    assert user is not None
    return user


def load_demo_advisory() -> None:
    """Idempotent: does nothing once the demo case has an advisory."""
    case = db.session.query(ReviewCase).filter_by(title=DEMO_CASE).one_or_none()
    if case is None or advisories_of_case(case):
        return
    requester, secretary = _user("aanvrager@voorbeeld.school"), _user("secretaris@voorbeeld.school")
    if case.status is CaseStatus.TRIAGE:
        post_message(case, requester, "Bij de leverancier in de VS; training kan worden uitgezet.")
        apply_transition(case, secretary, "start_review")
    if dpia_of_case(case) is None:
        start_dpia(case, secretary, load_template("generative_ai"), "nl")
    if case.status is CaseStatus.IN_REVIEW:
        apply_transition(case, secretary, "start_deliberation")
    voters = [_user(email) for email, _position, _reason in VOTES]
    planned = meeting.plan_meeting(
        secretary, "Vergadering ethische commissie", date.today(), "Bestuursbureau", 3,  # noqa: DTZ011
        [case], {case.id: discussion_points(case, "nl")},
    )  # fmt: skip
    meeting.record_attendance(planned, voters)
    item = planned.items[0]
    for user, (_email, position, reason) in zip(voters, VOTES, strict=True):
        meeting.cast_vote(item, user, position, reason)
    meeting.add_minority_opinion(item, voters[-1], MINORITY)
    chair = _user("voorzitter@voorbeeld.school")
    meeting.decide(item, chair, Position.FAVOURABLE_WITH_CONDITIONS)
    if not keys.pki_exists():
        roles = [Role(role) for role in current_app.config["SIGNER_ROLES"]]
        keys.initialise(case.organisation.name, active_users_with_roles(*roles))
    advisory = create_draft(case, secretary, _advisory_text(), item)
    freeze_for_signing(advisory, secretary)
    for role in current_app.config["SIGNER_ROLES"]:
        signer = next(u for r, u in _designated(advisory) if r == role)
        sign(advisory, signer)


def _designated(advisory):
    by_id = {u.id: u for u in active_users_with_roles(Role.SECRETARY, Role.CHAIR)}
    return [(box["role"], by_id[box["user_id"]]) for box in advisory.signature_boxes]


def _advisory_text() -> AdvisoryInput:
    today = date.today()  # noqa: DTZ011 - calendar dates for the demo
    return AdvisoryInput(
        title="Advies over SchrijfMaatje AI (schrijfassistent met generatieve AI)",
        outcome=Outcome.FAVOURABLE_WITH_CONDITIONS,
        reasons=(
            "De commissie ziet **onderwijskundige waarde**: leerlingen krijgen directe feedback "
            "op hun teksten. Zij weegt die af tegen de **privacy van minderjarigen** en de "
            "**afhankelijkheid van een niet-Europese leverancier**.\n\n"
            "- De teksten mogen niet worden gebruikt om het model te trainen.\n"
            "- Leerlingen voeren geen persoonsgegevens van anderen in.\n"
            "- Docenten beoordelen de uitvoer; de tool beoordeelt niet."
        ),
        public_summary="SchrijfMaatje AI mag worden gebruikt onder vier voorwaarden; "
        "herbeoordeling na één schooljaar.",
        re_evaluation_date=today + timedelta(days=300),
        lang="nl",
        conditions=[
            ConditionInput("Training op leerlingteksten contractueel uitgesloten.", "Inkoop",
                           today + timedelta(days=60), "Verwerkersovereenkomst inzien"),
            ConditionInput("Ouders en leerlingen vooraf geïnformeerd (AI Act art. 50).",
                           "Schoolleiding", today + timedelta(days=30), "Brief en website"),
            ConditionInput("Een DTIA voor de doorgifte naar de VS is vastgesteld.", "FG",
                           today + timedelta(days=90), "DTIA-rapport"),
            ConditionInput("Docenten volgen de training AI-geletterdheid (AI Act art. 4).",
                           "ICT-coördinator", today + timedelta(days=120), "Presentielijst"),
        ],
    )  # fmt: skip
