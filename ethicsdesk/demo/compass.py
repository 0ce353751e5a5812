"""Demo compass: three members weigh the generative-AI case differently; the comparison is open.

The views differ on purpose (privacy, autonomy and justice are disputed, sustainability is
mostly unknown, inclusion is agreed), so the comparison shows a real deliberation agenda.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from compass import load_question_set
from ethicsdesk.assessments.operations import mark_done, open_comparison, save_answers, start_round
from ethicsdesk.assessments.queries import round_of_case
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase

DEMO_CASE = "SchrijfMaatje AI"
SET_ID = "association"
URN = "urn:ethicsdesk:compass:association:question:"
# member, secretary, chair: the order of the answers below
MEMBERS = ("lid@voorbeeld.school", "secretaris@voorbeeld.school", "voorzitter@voorbeeld.school")
Effect = tuple[int | str, int | None, str]

EFFECTS: dict[tuple[str, str], tuple[Effect, Effect, Effect]] = {
    ("privacy", "pupils"): (
        (1, 2, "Leerlingen leveren minder op papier in; de school bewaart minder zelf."),
        (-2, 4, "Teksten van minderjarigen gaan naar de VS en kunnen het model trainen."),
        (-1, 3, "Zolang de verwerkersovereenkomst er niet is, is het risico reëel."),
    ),
    ("privacy", "parents"): (
        (0, None, ""),
        (-1, 3, "Ouders weten niet wat er met de teksten van hun kind gebeurt."),
        (-1, 2, "Ouders worden niet vooraf geïnformeerd."),
    ),
    ("autonomy", "pupils"): (
        (2, 3, "Leerlingen krijgen direct feedback en schrijven zelfstandiger."),
        (-1, 3, "Leerlingen besteden het denkwerk uit aan de tool."),
        ("unknown", None, ""),
    ),
    ("autonomy", "teachers"): (
        (1, 3, "Minder nakijkwerk, meer tijd voor begeleiding."),
        (-1, 2, "De leverancier bepaalt de didactiek van het schrijfonderwijs."),
        (-1, 2, "De tool bepaalt mee wat 'goed schrijven' is."),
    ),
    ("justice", "pupils"): (
        (2, 3, "Ook leerlingen zonder hulp thuis krijgen feedback."),
        (1, 2, "Gelijke toegang, mits iedereen een apparaat heeft."),
        (-1, 2, "Het model kan taal van meertalige leerlingen als fout aanmerken."),
    ),
    ("transparency", "pupils"): (
        (0, None, ""),
        (-2, 4, "Niemand kan uitleggen waarom het model een suggestie doet."),
        (-1, 3, "De leverancier geeft geen informatie over het model."),
    ),
    ("equality_inclusion", "pupils"): (
        (2, 3, "De voorleesfunctie helpt taalzwakke leerlingen."),
        (1, 3, "Helpt leerlingen met dyslexie."),
        (2, 3, "Meer leerlingen kunnen meedoen met schrijfopdrachten."),
    ),
    ("wellbeing", "pupils"): (
        (1, 2, "Minder faalangst bij schrijfopdrachten."),
        (0, None, ""),
        ("unknown", None, ""),
    ),
    ("sustainability", "society_environment"): (
        ("unknown", None, ""),
        (-1, 3, "Grote taalmodellen verbruiken veel energie."),
        ("unknown", None, ""),
    ),
    ("independence", "school_organisation"): (
        (-1, 2, "Overstappen is lastig als leerlingen eraan gewend zijn."),
        (-2, 4, "Afhankelijk van één Amerikaanse leverancier zonder exportmogelijkheid."),
        (-2, 3, "Geen open standaard; teksten zijn niet mee te nemen."),
    ),
}
WORDS: tuple[dict[str, Any], dict[str, Any], dict[str, Any]] = (
    {"overall_fit": 4, "slow_down": "no",
     "option_user": "Leer leerlingen eerst zelf een opzet te maken."},
    {"overall_fit": 2, "slow_down": "more_information",
     "open_doubts": "Waar staan de teksten, en traint de leverancier er zijn model mee?",
     "option_technology": "Alleen een Europese variant zonder training op leerlingteksten."},
    {"overall_fit": 3, "slow_down": "examine_alternative",
     "option_context": "Een pilot in één klas met een evaluatie na een half jaar."},
)  # fmt: skip


def _answers(index: int) -> dict[str, dict[str, Any]]:
    """One member's answers in the library's shape."""
    answers: dict[str, dict[str, Any]] = {}
    for (value, stakeholder), views in EFFECTS.items():
        point, likelihood, note = views[index]
        entry: dict[str, Any] = {"value": point}
        if likelihood is not None:
            entry["likelihood"] = likelihood
        if note:
            entry["note"] = note
        answers.setdefault(f"{URN}effect_{value}", {})[stakeholder] = entry
    for question, value in WORDS[index].items():
        answers[f"{URN}{question}"] = {"": {"value": value}}
    return answers


def load_demo_compass() -> None:
    """Answer the compass for the demo AI case and open the comparison; skip if it was done."""
    case = db.session.scalar(sa.select(ReviewCase).where(ReviewCase.title == DEMO_CASE))
    members = [user_by_email(email) for email in MEMBERS]
    if case is None or None in members or round_of_case(case) is not None:
        return
    question_set = load_question_set(SET_ID)
    secretary = members[1]
    round_ = start_round(case, secretary, question_set)
    everything = frozenset(question.urn for question in question_set.questions)
    for index, member in enumerate(members):
        save_answers(round_, member, question_set, everything, _answers(index))
        mark_done(round_, member)
    open_comparison(round_, secretary)
