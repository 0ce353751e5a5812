"""Only the latest published version of an advisory number is current."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.advisories.models import Advisory, AdvisoryStatus, Outcome
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Visibility
from ethicsdesk.publications.operations import publish
from tests.helpers import Browser


def test_a_new_version_supersedes_the_published_one(app, corpus) -> None:
    first = corpus["camera"]
    old = first.advisory
    newer = Advisory(
        case=old.case, number=old.number, version=2, supersedes=old, status=AdvisoryStatus.SIGNED,
        title="Camerabewaking (herzien)", outcome=Outcome.FAVOURABLE_WITH_CONDITIONS,
        public_summary="Gezichtsherkenning blijft verboden; alleen beelden bij de fietsenstalling.",
        content={},
    )  # fmt: skip
    db.session.add(newer)
    db.session.flush()
    second = publish(newer, first.published_by, Visibility.PUBLIC)
    db.session.commit()
    db.session.expire_all()
    assert first.superseded
    assert not second.superseded
    browser = Browser(app)
    listing = browser.get("/advisories?q=gezichtsherkenning").get_data(as_text=True)
    assert "Camerabewaking (herzien)" in listing
    assert f'/advisories/{first.id}"' not in listing
    old_page = browser.get(f"/advisories/{first.id}").get_data(as_text=True)
    assert "nieuwere versie" in old_page or "newer version" in old_page
    assert f"{old.number} v2" in old_page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Advisory)) == 7
