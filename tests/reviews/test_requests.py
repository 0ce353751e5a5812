"""Requests filed through the browser form: drafts, submission, screening, bad input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.reviews.conftest import CASE_FILES, form_post, load_case

# file -> (DPIA conclusion, AI Act class, flags, AP-list items), as the rules give them
EXPECTED = {
    "1_lms.json": ("required", "none", {"flag.kia"}, set()),
    "2_adaptive_maths.json": (
        "required", "high_risk", {"flag.iama_fria", "flag.kia"},
        {"ap.observing_behaviour", "ap.profiling"},
    ),
    "3_generative_writing.json": (
        "required", "limited",
        {"flag.dtia", "flag.kia", "flag.privacy_covenant", "flag.processor_agreement_missing"},
        {"ap.communication_data"},
    ),
    "4_proctoring.json": (
        "required", "high_risk", {"flag.iama_fria", "flag.kia"},
        {"ap.camera_surveillance", "ap.observing_behaviour"},
    ),
    "5_face_access.json": (
        "required", "minimal", {"flag.kia", "flag.privacy_covenant", "flag.special_categories"},
        {"ap.biometrics"},
    ),
    "6_parent_app.json": ("required", "none", {"flag.kia"}, {"ap.communication_data"}),
}  # fmt: skip


def case_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ReviewCase))


def only_case() -> ReviewCase:
    db.session.expire_all()
    return db.session.scalars(sa.select(ReviewCase)).one()


@pytest.fixture
def requester_browser(browser: Browser) -> Browser:
    requester = make_user(Role.REQUESTER)
    browser.login(requester.email, DEFAULT_PASSWORD)
    return browser


@pytest.mark.parametrize("filename", CASE_FILES)
def test_requester_files_each_example_case(requester_browser, schools, filename: str) -> None:
    document = load_case(filename)
    response = requester_browser.submit("/reviews/new", form_post(document, schools))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    case = only_case()
    assert case.status is CaseStatus.SUBMITTED
    assert [s.name for s in case.schools] == sorted(s.name for s in schools)
    dpia, ai_class, flags, ap_items = EXPECTED[filename]
    screening = case.screening
    assert screening["dpia"]["conclusion"] == dpia
    assert screening["ai_act"]["ai_class"] == ai_class
    assert {flag["rule_id"] for flag in screening["flags"]} == flags
    ap = {r["rule_id"] for r in screening["dpia"]["reasons"] if r["group"] == "ap"}
    assert ap == ap_items
    page = requester_browser.get(f"/reviews/{case.id}").get_data(as_text=True)
    assert "DPIA verplicht" in page
    assert "Vanwege de antwoorden" in page  # the reasons are explained


def test_proctoring_with_emotion_recognition_is_blocking(requester_browser, schools) -> None:
    document = load_case("4_proctoring.json")
    document["ai_features"] = [*document["ai_features"], "emotion_recognition"]
    requester_browser.submit("/reviews/new", form_post(document, schools))
    case = only_case()
    assert case.screening["ai_act"]["ai_class"] == "prohibited"
    assert case.screening["blocking"] is True
    page = requester_browser.get(f"/reviews/{case.id}").get_data(as_text=True)
    assert "Verboden AI-praktijk" in page


def test_a_draft_needs_only_name_vendor_and_purpose(requester_browser) -> None:
    draft = {
        "title": "Kahoot",
        "vendor": "Kahoot ASA",
        "purpose": "Quizzen in de klas.",
        "save": "1",
    }
    response = requester_browser.submit("/reviews/new", draft)
    assert response.status_code == 302
    case = only_case()
    assert case.status is CaseStatus.DRAFT
    assert case.submitted_at is None
    assert case.screening["dpia"]["conclusion"] in ("recommended", "not_required", "required")
    assert "Concept opgeslagen" in requester_browser.get(f"/reviews/{case.id}").get_data(
        as_text=True
    )


def test_draft_is_completed_and_submitted_later(requester_browser, schools) -> None:
    document = load_case("1_lms.json")
    requester_browser.submit("/reviews/new", form_post(document, schools, submit=False))
    case = only_case()
    assert case.status is CaseStatus.DRAFT
    response = requester_browser.submit(f"/reviews/{case.id}/edit", form_post(document, schools))
    assert response.status_code == 302
    assert only_case().status is CaseStatus.SUBMITTED


def test_submitting_without_required_facts_shows_messages_and_stores_nothing(
    requester_browser,
) -> None:
    bare = {
        "title": "Kahoot",
        "vendor": "Kahoot ASA",
        "purpose": "Quizzen in de klas.",
        "submit": "1",
    }
    response = requester_browser.submit("/reviews/new", bare)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nodig voordat u kunt indienen" in html
    for field in ("category", "educational_rationale", "schools", "hosting"):
        assert f'id="{field}-error"' in html, field
    assert case_count() == 0


def test_zero_pupils_with_pupil_data_is_refused(requester_browser, schools) -> None:
    document = load_case("1_lms.json")
    data = form_post(document, schools)
    data["pupil_count"] = "0"
    response = requester_browser.submit("/reviews/new", data)
    assert response.status_code == 422
    assert "om hoeveel leerlingen gaat het" in response.get_data(as_text=True)
    assert case_count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pupil_count", "-5", "Nummer moet tussen"),
        ("pupil_count", "veel", "Ongeldig getal"),
        ("product_url", "javascript:alert(1)", "Vul een webadres in"),
        ("hosting", "mars", "Ongeldige keuze"),
        ("data_categories", "dna", "ongeldige keuze"),
        ("desired_decision_date", "2001-01-01", "Kies een datum vanaf vandaag"),
        ("title", "x" * 201, "niet langer zijn dan 200"),
    ],
)
def test_bad_values_get_a_message_next_to_the_field(
    requester_browser, schools, field: str, value: str, message: str
) -> None:
    data = form_post(load_case("1_lms.json"), schools)
    data[field] = value
    response = requester_browser.submit("/reviews/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    assert message in html
    assert case_count() == 0


def test_requester_sees_only_own_requests(app, requester_browser, schools) -> None:
    requester_browser.submit("/reviews/new", form_post(load_case("1_lms.json"), schools))
    case = only_case()
    other = Browser(app)
    stranger = make_user(Role.REQUESTER)
    other.login(stranger.email, DEFAULT_PASSWORD)
    assert case.title not in other.get("/reviews/mine").get_data(as_text=True)
    assert other.get(f"/reviews/{case.id}").status_code == 404
    assert other.get(f"/reviews/{case.id}/edit").status_code == 404


def test_edits_after_the_review_started_are_refused(requester_browser, schools) -> None:
    requester_browser.submit("/reviews/new", form_post(load_case("1_lms.json"), schools))
    case = only_case()
    case.status = CaseStatus.IN_REVIEW
    db.session.commit()
    data = form_post(load_case("1_lms.json"), schools)
    data["title"] = "Changed"
    response = requester_browser.submit(f"/reviews/{case.id}/edit", data)
    assert response.status_code == 302
    assert only_case().title != "Changed"


def test_markup_in_answers_is_shown_as_text(requester_browser, schools) -> None:
    data = form_post(load_case("1_lms.json"), schools)
    data["title"] = "<script>alert(1)</script> Ëxamen ✓"
    data["purpose"] = '<img src=x onerror="alert(1)"> en [link](javascript:alert(1))'
    requester_browser.submit("/reviews/new", data)
    html = requester_browser.get(f"/reviews/{only_case().id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ëxamen ✓" in html


def test_english_user_sees_the_screening_in_english(app, schools) -> None:
    browser = Browser(app)
    requester = make_user(Role.REQUESTER, locale="en")
    browser.login(requester.email, DEFAULT_PASSWORD)
    browser.submit("/reviews/new", form_post(load_case("2_adaptive_maths.json"), schools))
    html = browser.get(f"/reviews/{only_case().id}").get_data(as_text=True)
    assert "DPIA required" in html
    assert "High risk" in html
    assert "Because of your answers" in html


def test_desired_date_today_is_accepted(requester_browser, schools) -> None:
    data = form_post(load_case("1_lms.json"), schools)
    data["desired_decision_date"] = date.today().isoformat()
    assert requester_browser.submit("/reviews/new", data).status_code == 302
    assert only_case().desired_decision_date == date.today()
    assert only_case().desired_decision_date < date.today() + timedelta(days=1)
