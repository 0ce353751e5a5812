"""Stored XSS: 100+ payloads through every reachable free-text and Markdown field.

The served HTML is parsed (html.parser): no foreign <script>, no on...= handler, no
javascript:/vbscript:/data:text/html URL, no dangerous embedding tag, and {{7*7}} not rendered.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from ethicsdesk.demo.operations import load_demo_data
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase
from tests.helpers import Browser
from tests.security.forms import form_with
from tests.security.xss import PAYLOADS, problems

PASSWORD = {
    "aanvrager": "demo-aanvrager-2026",
    "secretaris": "demo-secretaris-2026",
    "voorzitter": "demo-voorzitter-2026",
}


@pytest.fixture
def demo(app: Flask) -> Flask:
    load_demo_data()
    db.session.commit()
    return app


def login(app: Flask, who: str) -> Browser:
    client = Browser(app)
    client.login(f"{who}@voorbeeld.school", PASSWORD[who])
    return client


def assert_clean(client: Browser, url: str, context: str) -> str:
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200, (url, response.status_code)
    html = response.get_data(as_text=True)
    found = problems(html)
    assert not found, f"{context}: {url}: {found[:5]}"
    return html


def case_id(title: str) -> int:
    return db.session.scalar(sa.select(ReviewCase.id).where(ReviewCase.title == title))


def form_data(form: Any) -> dict[str, Any]:
    return {k: v if len(v) > 1 else v[0] for k, v in form.fields.items()}


def test_corpus_is_large_enough() -> None:
    assert len(PAYLOADS) >= 100


def test_request_fields_and_messages(demo: Flask) -> None:
    requester = login(demo, "aanvrager")
    secretary = login(demo, "secretaris")
    page = requester.get("/reviews/new").get_data(as_text=True)
    form = form_with(page, "/reviews/new")
    text_fields = [f for f in form.text_fields if f != "title"]
    assert {"purpose", "educational_rationale", "vendor"} <= set(text_fields), text_fields
    ids = []
    for number, payload in enumerate(PAYLOADS):
        data: dict[str, Any] = dict.fromkeys(text_fields, payload)
        data["title"] = f"XSS {number} {payload}"[:200]
        data["save"] = "1"
        response = requester.submit("/reviews/new", data)
        if response.status_code == 422:  # refused by validation: the re-shown form must be clean
            found = problems(response.get_data(as_text=True))
            assert not found, (number, found[:5])
            continue
        assert response.status_code == 302, (number, response.status_code)
        match = re.search(r"/reviews/(\d+)", response.headers["Location"])
        assert match, response.headers["Location"]
        ids.append(int(match.group(1)))
    assert len(ids) >= 90, len(ids)
    for number, cid in enumerate(ids):
        assert_clean(requester, f"/reviews/{cid}", f"payload {number}")
        assert_clean(requester, f"/reviews/{cid}/edit", f"payload {number}")
    assert_clean(requester, "/reviews/mine", "list")

    target = case_id("Rekenroute Adaptief")
    for number, payload in enumerate(PAYLOADS):
        response = secretary.submit(f"/reviews/{target}/messages", {"body": payload})
        assert response.status_code in (302, 303, 422), (number, response.status_code)
    html = assert_clean(secretary, f"/reviews/{target}", "messages")
    assert "49zq" not in html
    assert "{{7*7}}zq" in html  # template syntax stored and shown literally
    assert "&lt;img src=x onerror=window.__xss=1&gt;" in html  # stored, shown escaped
    assert_clean(secretary, "/reviews/queue", "queue")
    assert_clean(secretary, "/notifications/", "notifications")


def start_dpia(client: Browser, target: int) -> str:
    overview = client.get(f"/reviews/{target}/dpia/").get_data(as_text=True)
    if "/dpia/start" in overview:
        start = form_with(overview, "/dpia/start")
        data = {k: v[0] for k, v in start.fields.items()}
        response = client.submit(f"/reviews/{target}/dpia/start", data)
        assert response.status_code in (302, 303), response.status_code
        overview = client.get(f"/reviews/{target}/dpia/").get_data(as_text=True)
    return overview


def test_dpia_answers_and_notes(demo: Flask) -> None:
    secretary = login(demo, "secretaris")
    target = case_id("Rekenroute Adaptief")
    overview = start_dpia(secretary, target)
    sections = sorted(set(re.findall(rf"/reviews/{target}/dpia/sections/([\w-]+)", overview)))
    assert sections, "no DPIA sections to edit"
    cursor = 0
    for section in sections:
        url = f"/reviews/{target}/dpia/sections/{section}"
        form = form_with(secretary.get(url).get_data(as_text=True), f"sections/{section}")
        data = form_data(form)
        for name in form.text_fields:
            data[name] = PAYLOADS[cursor % len(PAYLOADS)]
            cursor += 1
        response = secretary.submit(url, data)
        assert response.status_code in (200, 302, 303), (section, response.status_code)
        assert_clean(secretary, url, f"DPIA section {section}")
    assert cursor > 10, cursor
    html = assert_clean(secretary, f"/reviews/{target}/dpia/", "DPIA overview")
    assert "__xss" in html  # the answers were stored and are shown
    for number, payload in enumerate(PAYLOADS[:30]):
        page = secretary.get(f"/reviews/{target}/dpia/risks").get_data(as_text=True)
        form = form_with(page, "/dpia/risks")
        data = form_data(form)
        for name in form.text_fields:
            data[name] = payload if name != "title" else f"R{number} {payload}"[:200]
        secretary.submit(f"/reviews/{target}/dpia/risks", data)
    assert_clean(secretary, f"/reviews/{target}/dpia/", "DPIA risks")


def test_meeting_minutes(demo: Flask) -> None:
    from ethicsdesk.auth.queries import user_by_email
    from ethicsdesk.reviews.operations import apply_transition

    target = case_id("Rekenroute Adaptief")
    apply_transition(
        db.session.get(ReviewCase, target),
        user_by_email("secretaris@voorbeeld.school"),
        "start_deliberation",
        None,
    )
    db.session.commit()
    secretary = login(demo, "secretaris")
    page = secretary.get("/meetings/new").get_data(as_text=True)
    form = form_with(page, "/meetings/new")
    data = form_data(form)
    for key in form.fields:
        if "date" in key or key == "held_on":
            data[key] = "2030-01-15"
        if "time" in key:
            data[key] = "19:30"
    data.update(title="XSS <img src=x onerror=window.__xss=1>", location=PAYLOADS[0])
    data["cases"] = str(target)
    response = secretary.submit("/meetings/new", data)
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:3000]
    meeting_id = int(re.search(r"/meetings/(\d+)", response.headers["Location"]).group(1))
    minutes = "\n\n".join(PAYLOADS)
    response = secretary.submit(f"/meetings/{meeting_id}/minutes", {"minutes": minutes})
    assert response.status_code in (302, 303), response.status_code
    assert_clean(secretary, f"/meetings/{meeting_id}", "minutes")
    assert_clean(secretary, "/meetings/", "meetings")


def test_votes_minority_opinions_and_advisory(demo: Flask) -> None:
    from ethicsdesk.auth.queries import user_by_email
    from ethicsdesk.reviews.operations import apply_transition

    target = case_id("Rekenroute Adaptief")
    apply_transition(
        db.session.get(ReviewCase, target),
        user_by_email("secretaris@voorbeeld.school"),
        "start_deliberation",
        None,
    )
    db.session.commit()
    secretary = login(demo, "secretaris")
    data = {"title": "Vergadering", "held_on": "2030-01-15", "quorum": "1", "cases": str(target)}
    response = secretary.submit("/meetings/new", data)
    assert response.status_code in (302, 303), response.status_code
    meeting = int(re.search(r"/meetings/(\d+)", response.headers["Location"]).group(1))
    page = secretary.get(f"/meetings/{meeting}").get_data(as_text=True)
    present = re.findall(r'name="present"[^>]*value="(\d+)"', page) or re.findall(
        r'value="(\d+)"[^>]*name="present"', page
    )
    assert present, "no attendance checkboxes"
    secretary.submit(f"/meetings/{meeting}/attendance", {"present": present})
    page = secretary.get(f"/meetings/{meeting}").get_data(as_text=True)
    item = int(re.search(rf"/meetings/{meeting}/items/(\d+)/vote", page).group(1))
    base = f"/meetings/{meeting}/items/{item}"
    for number, payload in enumerate(PAYLOADS):
        vote = {"position": "unfavourable", "reasons": payload}
        response = secretary.submit(f"{base}/vote", vote)
        assert response.status_code in (302, 303), (number, response.status_code)
        response = secretary.submit(f"{base}/minority", {"text": payload})
        assert response.status_code in (302, 303), (number, response.status_code)
        if number % 10 == 0:
            assert_clean(secretary, f"/meetings/{meeting}", f"vote/minority {number}")
    html = assert_clean(secretary, f"/meetings/{meeting}", "minority opinions")
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html  # stored, shown escaped
    response = secretary.submit(f"{base}/decide", {"outcome": "unfavourable"})
    assert response.status_code in (302, 303), response.status_code

    page = secretary.get(f"/reviews/{target}/advisory/new").get_data(as_text=True)
    form = form_with(page, "/advisory/new")
    data = form_data(form)
    conditions = [name for name in form.text_fields if name.startswith("conditions-")]
    assert conditions, form.text_fields
    for index, name in enumerate(form.text_fields):
        data[name] = PAYLOADS[(index * 7) % len(PAYLOADS)]
    data["title"] = "Advies <img src=x onerror=window.__xss=1>"
    data["outcome"] = "unfavourable"
    data["reasons"] = "\n\n".join(PAYLOADS)
    data["public_summary"] = "\n\n".join(PAYLOADS[:40])
    response = secretary.submit(f"/reviews/{target}/advisory/new", data)
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    advisory_url = response.headers["Location"]
    html = assert_clean(secretary, advisory_url, "advisory reasons/summary/conditions")
    assert "__xss" in html  # the payloads are shown (escaped or neutralised), not dropped
    assert_clean(secretary, f"/reviews/{target}", "case with advisory")
