"""School and values-of-concern filters: exact hits, alone and with search terms, no duplicates."""

from __future__ import annotations

import csv
import io
from datetime import date

import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import School
from ethicsdesk.publications.concerns import value_choices, values_of_concern
from ethicsdesk.publications.models import PublicationValue, Visibility
from ethicsdesk.publications.operations import publish
from ethicsdesk.publications.queries import Criteria, catalogue
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.publications.conftest import assessment


def school(name: str) -> int:
    return db.session.scalar(sa.select(School.id).where(School.name == name))


def hits(corpus, staff: bool = True, **criteria) -> list[str]:
    ids = {p.id: key for key, p in corpus.items()}
    page = catalogue(Criteria(**criteria), include_internal=staff, today=date(2026, 11, 22))
    return sorted(ids[p.id] for p in page.items)


def test_values_of_concern_follow_the_documented_rules() -> None:
    assert values_of_concern(None) == []
    assert values_of_concern({"compass": None, "graph": None}) == []
    assert values_of_concern(assessment(strong=("privacy",))) == ["privacy"]  # strong cell only
    assert values_of_concern(assessment(harmed=("justice",))) == ["justice"]  # unmitigated
    assert values_of_concern(assessment(mitigated=("justice",))) == ["justice"]  # net harm
    assert values_of_concern(assessment(mitigated=("wellbeing",), promoted=("wellbeing",))) == []
    sub = assessment(harmed=("self_direction",), parents={"self_direction": "autonomy"})
    assert values_of_concern(sub) == ["autonomy", "self_direction"]
    assert values_of_concern({"graph": "{not json"}) == []


def test_values_of_concern_are_stored_on_publish_and_replaced_on_republish(app, corpus) -> None:
    stored = {key: p.values_of_concern for key, p in corpus.items()}
    assert stored == {
        "reken": ["privacy"],
        "schrijf": ["autonomy", "privacy", "self_direction"],
        "camera": ["justice"],
        "volg": ["privacy"],
        "taal": [],
        "quiz": [],
    }
    publication = corpus["reken"]
    publication.advisory.content = assessment(harmed=("justice",))
    publish(publication.advisory, make_user(Role.SECRETARY), Visibility.PUBLIC)
    db.session.commit()
    rows = db.session.scalars(
        sa.select(PublicationValue.value_id).where(
            PublicationValue.publication_id == publication.id
        )
    )
    assert list(rows) == ["justice"]
    assert publication.values_of_concern == ["justice"]


def test_school_filter_gives_exact_hits_without_duplicates(app, corpus) -> None:
    regenboog, kompas = school("De Regenboog"), school("Het Kompas")
    assert hits(corpus, school=regenboog) == ["reken", "schrijf"]
    assert hits(corpus, school=kompas) == ["camera", "schrijf", "volg"]  # schrijf names both
    assert hits(corpus, staff=False, school=kompas) == ["camera", "schrijf"]
    assert hits(corpus, school=kompas, q="leerling") == ["schrijf", "volg"]
    assert hits(corpus, school=regenboog, q="generatieve") == ["schrijf"]
    assert hits(corpus, school=kompas, q="rekenen") == []
    assert hits(corpus, school=999999) == []


def test_value_filter_gives_exact_hits_combined_with_search(app, corpus) -> None:
    assert hits(corpus, value="privacy") == ["reken", "schrijf", "volg"]
    assert hits(corpus, staff=False, value="privacy") == ["reken", "schrijf"]
    assert hits(corpus, value="autonomy") == ["schrijf"]  # through its sub-value
    assert hits(corpus, value="justice") == ["camera"]
    assert hits(corpus, value="wellbeing") == []  # harm outweighed by benefit
    assert hits(corpus, value="privacy", q="leerling") == ["reken", "schrijf", "volg"]
    assert hits(corpus, value="privacy", q="generatieve ai") == ["schrijf"]
    assert hits(corpus, value="privacy", school=school("Het Kompas")) == ["schrijf", "volg"]
    assert hits(corpus, value="privacy", q="gezichtsherkenning") == []


def test_catalogue_api_and_csv_offer_the_new_filters(app, corpus) -> None:
    client = Browser(app)
    kompas = school("Het Kompas")
    html = client.get("/advisories").get_data(as_text=True)
    assert 'name="school"' in html
    assert f'value="{kompas}"' in html
    assert '<option value="privacy">Privacy</option>' in html
    page = client.get(f"/advisories?school={kompas}&value=privacy").get_data(as_text=True)
    assert "SchrijfMaatje AI" in page
    assert "Camerabewaking" not in page
    body = client.get(f"/api/v1/advisories?school={kompas}&value=privacy&q=leerling").get_json()
    assert [item["title"] for item in body["items"]] == ["SchrijfMaatje AI"]  # volg is internal
    item = body["items"][0]
    assert item["schools"] == ["De Regenboog", "Het Kompas"]
    assert item["values_of_concern"] == ["autonomy", "privacy", "self_direction"]
    assert client.get("/api/v1/advisories?school=abc&value=nonsense").status_code == 200
    response = client.get("/advisories/export.csv?value=privacy")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert {row["title"]: row["values_of_concern"] for row in rows} == {
        "Rekenmeester": "privacy",
        "SchrijfMaatje AI": "autonomy; privacy; self_direction",
    }
    assert {row["schools"] for row in rows} == {"De Regenboog", "De Regenboog; Het Kompas"}


def test_value_labels_follow_the_users_language(app, corpus) -> None:
    assert ("privacy", "Privacy") in value_choices("en")
    assert ("justice", "Rechtvaardigheid") in value_choices("nl")
    english = Browser(app)
    english.login(make_user(Role.REQUESTER, locale="en").email, DEFAULT_PASSWORD)
    html = english.get(f"/advisories/{corpus['camera'].id}").get_data(as_text=True)
    assert "Values of concern" in html
    assert "Justice" in html
    dutch = Browser(app).get(f"/advisories/{corpus['camera'].id}").get_data(as_text=True)
    assert "Rechtvaardigheid" in dutch
