"""Sixty seconds of mixed traffic from 32 concurrent clients on loopback: zero server errors.

The demo data served by gunicorn (2 workers, as ``make run``) on SQLite or, with
ETHICSDESK_TEST_DATABASE_URL, on PostgreSQL. Anonymous readers browse, search, open and
download the published advisory and check it on the verify page; committee members open
dashboards and cases; the secretary posts clarification questions. Counts are reported,
timings never asserted (speed lives in bench/).
"""

from __future__ import annotations

import collections
import os
import random
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from tests.live_server import LiveServer, live_server

pytestmark = pytest.mark.load

CLIENTS = 32
SECONDS = float(os.environ.get("ETHICSDESK_LOAD_SECONDS", "60"))
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PASSWORDS = {"lid": "demo-lid-2026", "lid2": "demo-lid2-2026", "lid3": "demo-lid3-2026",
             "docent": "demo-docent-2026", "secretaris": "demo-secretaris-2026"}  # fmt: skip


class Client:
    """One simulated user: a cookie session of its own and a tally of what it got back."""

    def __init__(self, base: str, tally: collections.Counter[str]) -> None:
        self.base = base
        self.http = requests.Session()
        self.tally = tally

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        try:
            response = self.http.request(method, self.base + path, timeout=120,
                                         allow_redirects=False, **kwargs)  # fmt: skip
        except requests.RequestException as error:
            self.tally[f"connection error: {type(error).__name__}"] += 1
            return None
        self.tally[f"{response.status_code // 100}xx"] += 1
        if response.status_code >= 500:
            self.tally[f"{response.status_code} {method} {path}"] += 1
        return response

    def submit(self, form_page: str, path: str, data: dict[str, str], **kwargs: Any) -> None:
        page = self.request("GET", form_page)
        match = CSRF.search(page.text) if page is not None else None
        if match:
            self.request("POST", path, data={"csrf_token": match.group(1), **data}, **kwargs)

    def login(self, who: str) -> None:
        self.submit("/login", "/login", {"email": f"{who}@voorbeeld.school",
                                          "password": PASSWORDS[who]})  # fmt: skip
        assert self.request("GET", "/reviews/queue" if who != "docent" else "/").status_code == 200


def _ids(server: LiveServer) -> dict[str, Any]:
    """The demo's cases and its signed advisory, read straight from the server's database."""
    engine = sa.create_engine(server.database_url)
    with engine.connect() as connection:
        cases = connection.scalars(
            sa.text("SELECT id FROM review_cases WHERE status NOT IN ('draft', 'withdrawn')")
        ).all()
        advisory = connection.scalar(sa.text("SELECT id FROM advisories WHERE status = 'signed'"))
    engine.dispose()
    return {"cases": list(cases), "advisory": advisory}


def _publication(server: LiveServer, secretary: Client, advisory_id: int) -> int:
    secretary.submit("/advisories", f"/publications/advisory/{advisory_id}/publish",
                     {"visibility": "public"})  # fmt: skip
    engine = sa.create_engine(server.database_url)
    with engine.connect() as connection:
        publication = connection.scalar(sa.text("SELECT id FROM publications"))
    engine.dispose()
    assert publication, "the demo advisory could not be published"
    return publication


def _scenarios(
    ids: dict[str, Any], publication: int, pdf: bytes
) -> dict[str, list[Callable[[Client], Any]]]:
    case = lambda: random.choice(ids["cases"])  # noqa: E731
    reading = [
        lambda c: c.request("GET", "/advisories"),
        lambda c: c.request(
            "GET", "/advisories", params={"q": random.choice(["schrijf", "ai", "privacy"])}
        ),
        lambda c: c.request("GET", f"/advisories/{publication}"),
        lambda c: c.request("GET", f"/advisories/{publication}/pdf"),
        lambda c: c.request("GET", "/advisories/verify"),
        lambda c: c.request("GET", "/healthz"),
    ]
    # checking a signature costs far more than a page: one action in about twenty

    def verify(client: Client) -> None:
        upload = {"document": ("advies.pdf", pdf, "application/pdf")}
        client.submit("/advisories/verify", "/advisories/verify", {}, files=upload)

    anonymous = [*reading, *reading, *reading, verify]
    member = [
        lambda c: c.request("GET", "/"),
        lambda c: c.request("GET", "/reviews/queue"),
        lambda c: c.request("GET", f"/reviews/{case()}"),
        lambda c: c.request("GET", "/notifications/"),
        lambda c: c.request("GET", "/advisories", params={"q": "schrijfmaatje"}),
    ]
    secretary = [
        *member,
        lambda c: (n := case()) and c.submit(f"/reviews/{n}", f"/reviews/{n}/messages",
                                              {"body": "Kunt u de verwerkersovereenkomst sturen?"}),
    ]  # fmt: skip
    return {"anonymous": anonymous, "member": member, "secretary": secretary}


def test_mixed_load_at_32_connections_has_no_server_errors(tmp_path: Path) -> None:
    with live_server(tmp_path) as server:
        ids = _ids(server)
        tally: collections.Counter[str] = collections.Counter()
        secretary = Client(server.base_url, tally)
        secretary.login("secretaris")
        publication = _publication(server, secretary, ids["advisory"])
        pdf = secretary.request("GET", f"/advisories/{publication}/pdf").content
        assert pdf.startswith(b"%PDF")
        scenarios = _scenarios(ids, publication, pdf)
        roles = (["anonymous"] * 14 + ["member"] * 10 + ["staff"] * 4 + ["secretary"] * 4)[:CLIENTS]
        logins = {
            "member": ["lid", "lid2", "lid3"],
            "staff": ["docent"],
            "secretary": ["secretaris"],
        }
        clients = []
        for number, role in enumerate(roles):
            client = Client(server.base_url, tally)
            if role in logins:
                client.login(logins[role][number % len(logins[role])])
            clients.append((client, scenarios["anonymous" if role == "staff" else role]
                            + (scenarios["member"][:1] if role == "staff" else [])))  # fmt: skip
        tally.clear()  # count only the load itself
        stop = time.monotonic() + SECONDS
        errors: list[BaseException] = []

        def work(client: Client, actions: list[Callable[[Client], Any]]) -> None:
            try:
                while time.monotonic() < stop:
                    random.choice(actions)(client)
            except BaseException as error:  # a bug in the client must fail the test, not hide
                errors.append(error)

        threads = [threading.Thread(target=work, args=pair) for pair in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        log = server.log()
    summary = ", ".join(f"{key}: {value}" for key, value in sorted(tally.items()))
    print(f"load ({server.backend}, {CLIENTS} clients, {SECONDS:.0f} s): {summary}")  # noqa: T201
    assert not errors, errors
    assert sum(tally.values()) > CLIENTS
    failures = {k: v for k, v in tally.items() if k.startswith(("5", "connection"))}
    assert failures == {}, f"{failures}\n{log[-5000:]}"
    assert "Traceback" not in log, log[-5000:]
