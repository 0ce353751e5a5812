"""Median time to build, sign twice and archive one advisory: python -m bench.advisory_pipeline.

Uses a throw-away SQLite instance with the demo data; each round makes a new version of the
demo advisory, freezes it (content + PDF render), signs it as secretary and chair (PAdES) and
archives it. Prints per-step medians and spreads; nothing here is a test.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ethicsdesk.auth.models import User
    from ethicsdesk.deliberation.models import MeetingItem
    from ethicsdesk.reviews.models import ReviewCase

DEFAULT_ROUNDS = 15


def one_round(
    case: ReviewCase, secretary: User, chair: User, item: MeetingItem
) -> dict[str, float]:
    """Seconds per step for one new version of the case's advisory: build, sign, sign + archive."""
    from ethicsdesk.advisories import operations
    from ethicsdesk.demo.advisory import _advisory_text
    from ethicsdesk.extensions import db

    advisory = operations.create_draft(case, secretary, _advisory_text(), item)
    start = time.perf_counter()
    operations.freeze_for_signing(advisory, secretary)
    built = time.perf_counter()
    operations.sign(advisory, secretary)
    signed_once = time.perf_counter()
    operations.sign(advisory, chair)
    db.session.commit()
    done = time.perf_counter()
    return {"build": built - start, "sign_1": signed_once - built,
            "sign_2_and_archive": done - signed_once, "total": done - start}  # fmt: skip


def demo_signing_setup() -> tuple[ReviewCase, User, User, MeetingItem]:
    """The demo case, its two signers and the meeting item its advisory came from."""
    from ethicsdesk.advisories.queries import advisories_of_case
    from ethicsdesk.auth.queries import user_by_email
    from ethicsdesk.demo.advisory import DEMO_CASE
    from ethicsdesk.extensions import db
    from ethicsdesk.reviews.models import ReviewCase

    case = db.session.query(ReviewCase).filter_by(title=DEMO_CASE).one()
    secretary = user_by_email("secretaris@voorbeeld.school")
    chair = user_by_email("voorzitter@voorbeeld.school")
    assert secretary is not None
    assert chair is not None
    item = advisories_of_case(case)[0].meeting_item
    assert item is not None
    return case, secretary, chair, item


def main() -> None:
    from flask_migrate import upgrade

    from ethicsdesk import create_app
    from ethicsdesk.demo.operations import load_demo_data
    from ethicsdesk.extensions import db

    instance = tempfile.mkdtemp(prefix="ethicsdesk-bench-")
    app = create_app({"ETHICSDESK_ENV": "testing", "SECRET_KEY": "b" * 48,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/bench.sqlite3"},
                     instance_path=instance)  # fmt: skip
    timings: dict[str, list[float]] = {"build": [], "sign_1": [], "sign_2_and_archive": [],
                                       "total": []}  # fmt: skip
    with app.app_context(), app.test_request_context():
        upgrade()
        load_demo_data()
        db.session.commit()
        setup = demo_signing_setup()
        for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROUNDS):
            for name, seconds in one_round(*setup).items():
                timings[name].append(seconds)
    for name, values in timings.items():
        ms = [v * 1000 for v in values]
        print(f"{name:<20} median {statistics.median(ms):7.1f} ms  "
              f"min {min(ms):7.1f}  max {max(ms):7.1f}  (n={len(ms)})")  # fmt: skip


if __name__ == "__main__":
    main()
