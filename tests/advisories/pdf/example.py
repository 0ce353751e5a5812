"""A realistic example advisory (generative-AI writing tool), built with the compass library.

Five members answered the association compass; the value graph (24 drawn nodes plus the case
node) comes from those aggregated answers plus one DPIA risk, two measures and two conditions.
The vote is 4-1 with one minority opinion; the chair and the secretary sign.
"""

from __future__ import annotations

from typing import Any

from compass import (
    Text,
    aggregate,
    answers_from_plain,
    deliberation_agenda,
    heat_map_table,
    load_question_set,
)
from compass.graph import build_value_graph, graph_to_json
from dpia_templates.dpia.labels import say as dpia_say
from dpia_templates.dpia.risk import risk_level

URN = "urn:ethicsdesk:compass:association:question:effect_"
MEMBERS = ("Eva de Vries", "Ahmed El Amrani", "Sanne Jansen", "Pieter Bakker", "Lotte Visser")
# (value, stakeholder): one effect per member, -2..2, "unknown" or "not_applicable"
SPECIAL: dict[tuple[str, str], tuple[int | str, ...]] = {
    ("privacy", "pupils"): (-2, -1, -2, -1, 1),
    ("autonomy", "pupils"): (1, -1, 0, 1, 1),
    ("equality_inclusion", "pupils"): (2, 1, 2, 2, 1),
    ("independence", "school_organisation"): (-2, -2, -1, -1, -2),
    ("transparency", "parents"): (-1, 0, 0, 0, "unknown"),
    ("sustainability", "society_environment"): ("unknown", "unknown", 0, "unknown", 0),
    ("wellbeing", "teachers"): (1, 0, -1, 0, 0),
}
RISKS = (  # nl, en, severity, likelihood, residual severity, residual likelihood
    ("Doorgifte van leerlingteksten naar de VS", "Transfer of pupils' texts to the US", 3, 3, 2, 2),
    ("Training van het model op leerlingteksten", "Model trained on pupils' texts", 3, 3, 2, 1),
    ("Profilering via schrijfgedrag", "Profiling through writing behaviour", 3, 2, 2, 2),
    ("Onjuiste of bevooroordeelde feedback", "Wrong or biased feedback", 2, 3, 2, 2),
    ("Ouders onvoldoende geïnformeerd", "Parents insufficiently informed", 2, 3, 1, 2),
    ("Datalek bij de leverancier", "Data breach at the vendor", 4, 2, 4, 1),
    ("Afhankelijkheid van één leverancier", "Dependence on one vendor", 2, 4, 2, 3),
    ("Gebruik buiten het onderwijsdoel", "Use beyond the educational purpose", 3, 2, None, None),
    ("Te lange bewaartermijn", "Retention period too long", 2, 2, 1, 2),
    ("Geen exportmogelijkheid", "No export function", 2, 3, 2, 2),
    ("Onduidelijke subverwerkers", "Unclear sub-processors", 3, 2, 2, 2),
    ("Toegang door supportmedewerkers", "Access by support staff", 3, 2, 2, 1),
    ("Geen logging van beheerhandelingen", "No logging of admin actions", 2, 2, 1, 2),
    ("Onvoldoende versleuteling", "Insufficient encryption", 3, 1, 2, 1),
)
EXTRA = {
    "risks": [
        {"id": "r1", "nl": "Leerlingteksten naar de VS", "en": "Pupils' texts to the US",
         "stakeholders": ["pupils"], "values": ["privacy"], "likelihood": "high",
         "severity": "medium"},
    ],
    "measures": [
        {"id": "m1", "nl": "EU-hosting, geen training", "en": "EU hosting, no training",
         "kind": "technology", "mitigates": ["r1", "effect:compass:privacy:pupils"]},
        {"id": "m2", "nl": "Exportfunctie in contract", "en": "Export function in contract",
         "kind": "context", "mitigates": ["effect:compass:independence:school_organisation"]},
    ],
    "conditions": [
        {"id": "c1", "nl": "Verwerkersovereenkomst", "en": "Processing agreement",
         "options": ["m1"]},
        {"id": "c2", "nl": "Exitplan", "en": "Exit plan", "options": ["m2"]},
    ],
}  # fmt: skip
TEXT = {
    "nl": {
        "title": "SchrijfMaatje AI in de bovenbouw",
        "category": "Generatieve AI",
        "outcome": "Positief, onder voorwaarden",
        "summary": "De commissie adviseert **positief onder drie voorwaarden**. SchrijfMaatje AI "
        "helpt leerlingen met schrijfopdrachten, maar leerlingteksten mogen de EU niet verlaten.",
        "reasons": "De commissie woog de voordelen voor taalzwakke leerlingen af tegen de risico's "
        "voor privacy en onafhankelijkheid.\n\n- Gelijke kansen: *duidelijk positief*\n"
        "- Privacy: negatief zolang de teksten naar de VS gaan\n- Onafhankelijkheid: geen "
        "exportmogelijkheid\n\nZie ook [de DPIA](https://intranet.voorbeeld.school/dpia/7).",
        "conditions": [
            ("Sluit een **verwerkersovereenkomst** met EU-hosting en zonder training op "
             "leerlingteksten.", "FG", "2027-01-15", "De FG beoordeelt de getekende overeenkomst."),
            ("Informeer ouders vooraf over het gebruik en de bezwaarmogelijkheid.",
             "Schoolleiding", "2027-02-01", "Brief en website gecontroleerd door de secretaris."),
            ("Leg een exitplan vast met een exportfunctie voor leerlingwerk.", "ICT-coördinator",
             None, "Exitplan ter inzage bij de herbeoordeling."),
        ],
        "dpia": "DPIA-plicht: ja (meerdere criteria)", "ai_act": "Beperkt risico (art. 50)",
        "flags": [("Grootschalige verwerking van gegevens van minderjarigen", "AVG art. 35", None),
                  ("Profilering van leerlingen", "AI-verordening bijlage III", "Geen beslissingen "
                   "over leerlingen; alleen schrijfsuggesties.")],
        "dpia_summary": ["Acht risico's beoordeeld; na de maatregelen geen hoog restrisico.",
                         "Maatregelen: EU-hosting, verwerkersovereenkomst, exitplan."],
        "prior": "Niet nodig: na de maatregelen resteert geen hoog risico.",
        "positions": ["Voordelen wegen zwaarder mits de voorwaarden worden nageleefd.",
                      "Eens, met nadruk op de informatie aan ouders.", "Eens.", "Eens.",
                      "Tegen: afhankelijkheid van één leverancier blijft te groot."],
        "conflict": "meldde eerdere advieswerkzaamheden voor de leverancier en stemde niet over "
        "voorwaarde 3.",
        "minority": "Ik stem **tegen**. Zonder open standaard blijft de school afhankelijk van "
        "één leverancier; een exitplan alleen is <b>niet genoeg</b>.",
        "roles": ("Voorzitter", "Secretaris"),
        "schools": ["De Regenboog", "Het Baken"],
        "org": "Stichting Voorbeeldscholen",
    },
    "en": {
        "title": "SchrijfMaatje AI in upper primary",
        "category": "Generative AI",
        "outcome": "Favourable, with conditions",
        "summary": "The committee advises **favourably under three conditions**. SchrijfMaatje AI "
        "helps pupils with writing tasks, but pupils' texts must not leave the EU.",
        "reasons": "The committee weighed the benefits for pupils with weak language skills "
        "against the risks to privacy and independence.\n\n- Equal opportunities: *clearly "
        "positive*\n- Privacy: negative while texts go to the US\n- Independence: no export "
        "function\n\nSee also [the DPIA](https://intranet.voorbeeld.school/dpia/7).",
        "conditions": [
            ("Sign a **processing agreement** with EU hosting and no training on pupils' texts.",
             "DPO", "2027-01-15", "The DPO reviews the signed agreement."),
            ("Inform parents in advance about the use and how to object.", "School management",
             "2027-02-01", "Letter and website checked by the secretary."),
            ("Record an exit plan with an export function for pupils' work.",
             "Digital coordinator", None, "Exit plan available at the re-evaluation."),
        ],
        "dpia": "DPIA required: yes (several criteria)", "ai_act": "Limited risk (Art. 50)",
        "flags": [("Large-scale processing of minors' data", "GDPR Art. 35", None),
                  ("Profiling of pupils", "AI Act Annex III", "No decisions about pupils; "
                   "writing suggestions only.")],
        "dpia_summary": ["Eight risks rated; no high residual risk after the measures.",
                         "Measures: EU hosting, processing agreement, exit plan."],
        "prior": "Not needed: no high risk remains after the measures.",
        "positions": ["Benefits outweigh the risks provided the conditions are met.",
                      "Agree, stressing the information for parents.", "Agree.", "Agree.",
                      "Against: dependence on one vendor remains too great."],
        "conflict": "reported earlier advisory work for the vendor and did not vote on "
        "condition 3.",
        "minority": "I vote **against**. Without an open standard the school stays dependent on "
        "one vendor; an exit plan alone is <b>not enough</b>.",
        "roles": ("Chair", "Secretary"),
        "schools": ["De Regenboog", "Het Baken"],
        "org": "Stichting Voorbeeldscholen",
    },
}  # fmt: skip


def compass_answers() -> dict[str, Any]:
    """Five members' effect answers for all 9 values x 6 stakeholders (mostly 'no effect')."""
    qs = load_question_set("association")
    plain: dict[str, Any] = {}
    for index in range(len(MEMBERS)):
        member: dict[str, Any] = {}
        for value in qs.values:
            for stakeholder in qs.stakeholders:
                default: int | str = "not_applicable" if stakeholder.id == "vendor" else 0
                point = SPECIAL.get((value.id, stakeholder.id), (default,) * 5)[index]
                entry: dict[str, Any] = {"value": point}
                if isinstance(point, int) and point:
                    entry |= {"likelihood": 3, "note": "toelichting"}
                member.setdefault(URN + value.id, {})[stakeholder.id] = entry
        plain[f"m{index + 1}"] = member
    return plain


def compass_parts(lang: str) -> tuple[dict[str, Any], str]:
    """The advisory's compass section and the frozen value graph (graph_to_json)."""
    qs = load_question_set("association")
    result = aggregate(qs, answers_from_plain(compass_answers()))
    table = heat_map_table(qs, result, lang)
    labelled = [{"id": v.id, "label": {"nl": v.name.nl, "en": v.name.en}} for v in qs.values]
    cells = [
        {"value": row.value, "stakeholder": cell.stakeholder, "median": cell.median,
         "spread": result.cell(row.value, cell.stakeholder).stats.spread,  # type: ignore[union-attr]
         "count": cell.count, "tone": cell.tone, "flags": list(cell.flags)}
        for row in table.rows
        for cell in row.cells
    ]  # fmt: skip
    agenda = [
        {"value": item.value, "stakeholder": item.stakeholder, "priority": item.priority,
         "text": {"nl": item.explanation.nl, "en": item.explanation.en}}
        for item in deliberation_agenda(qs, result)
    ]  # fmt: skip
    compass = {
        "set_title": {"nl": qs.title.nl, "en": qs.title.en},
        "members": len(MEMBERS),
        "values": labelled,
        "stakeholders": [
            {"id": s.id, "label": {"nl": s.name.nl, "en": s.name.en}} for s in qs.stakeholders
        ],
        "cells": cells,
        "agenda": agenda,
    }
    title = Text(nl=TEXT["nl"]["title"], en=TEXT["en"]["title"])
    graph = build_value_graph(qs, result, case="EC-2026-007", title=title, extra=EXTRA)
    return compass, graph_to_json(graph)


def _risk(number: int, row: tuple[Any, ...], lang: str) -> dict[str, Any]:
    """One DPIA risk with its level labels before and after the measures."""
    nl, en, severity, likelihood, r_severity, r_likelihood = row

    def level(s: int | None, lk: int | None) -> str:
        if s is None or lk is None:
            return dpia_say("text.not_rated", lang)
        return dpia_say(f"risk_level.{risk_level(s, lk).value}", lang)

    return {
        "number": number, "title": nl if lang == "nl" else en, "severity": severity,
        "likelihood": likelihood, "residual_severity": r_severity,
        "residual_likelihood": r_likelihood, "level": level(severity, likelihood),
        "residual_level": level(r_severity, r_likelihood),
    }  # fmt: skip


def example_advisory(lang: str = "nl", *, risks: int = 8) -> dict[str, Any]:
    """The example advisory in one language (labels in that language, compass in both)."""
    t = TEXT[lang]
    compass, graph = compass_parts(lang)
    positions = ["for", "for", "for", "for", "against"]
    return {
        "format": "ethicsdesk-advisory/1",
        "number": "EC-2026-007",
        "version": 2,
        "supersedes": {"number": "EC-2026-007", "version": 1},
        "title": t["title"],
        "issued_on": "2026-12-01",
        "organisation": t["org"],
        "case": {"technology": "SchrijfMaatje AI", "vendor": "WriteWell Inc.",
                 "category": t["category"], "schools": t["schools"], "requester": "Johan Smit"},
        "outcome": {"code": "favourable_with_conditions", "label": t["outcome"]},
        "reasons": t["reasons"],
        "public_summary": t["summary"],
        "conditions": [
            {"text": text, "owner": owner, "due_date": due, "how_checked": how}
            for text, owner, due, how in t["conditions"]
        ],
        "re_evaluation_date": "2027-12-01",
        "screening": {
            "dpia": t["dpia"], "ai_act": t["ai_act"],
            "flags": [
                {"title": title, "reference": ref, "override": {"reason": why} if why else None}
                for title, ref, why in t["flags"]
            ],
        },
        "dpia": {
            "summary": t["dpia_summary"],
            "risks": [_risk(n, row, lang) for n, row in enumerate(RISKS[:risks], start=1)],
            "prior_consultation": t["prior"],
        },
        "compass": compass,
        "graph": graph,
        "deliberation": {
            "meeting_date": "2026-11-24", "attendance": 5, "quorum_met": True,
            "votes": {"for": 4, "against": 1, "abstain": 0},
            "positions": [
                {"member": name, "position": position, "reason": reason}
                for name, position, reason in zip(MEMBERS, positions, t["positions"], strict=True)
            ],
            "conflicts": [{"member": MEMBERS[3], "description": t["conflict"]}],
        },
        "minority_opinions": [{"author": MEMBERS[4], "text": t["minority"]}],
        "signers": [{"name": MEMBERS[0], "role": t["roles"][0]},
                    {"name": MEMBERS[1], "role": t["roles"][1]}],
    }  # fmt: skip
