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

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 15


def main() -> None:
    from flask_migrate import upgrade

    from ethicsdesk import create_app
    from ethicsdesk.advisories import operations
    from ethicsdesk.advisories.queries import advisories_of_case
    from ethicsdesk.auth.queries import user_by_email
    from ethicsdesk.demo.advisory import DEMO_CASE, _advisory_text
    from ethicsdesk.demo.operations import load_demo_data
    from ethicsdesk.extensions import db
    from ethicsdesk.reviews.models import ReviewCase

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
        case = db.session.query(ReviewCase).filter_by(title=DEMO_CASE).one()
        secretary = user_by_email("secretaris@voorbeeld.school")
        chair = user_by_email("voorzitter@voorbeeld.school")
        item = advisories_of_case(case)[0].meeting_item
        for _ in range(ROUNDS):
            advisory = operations.create_draft(case, secretary, _advisory_text(), item)
            start = time.perf_counter()
            operations.freeze_for_signing(advisory, secretary)
            built = time.perf_counter()
            operations.sign(advisory, secretary)
            signed_once = time.perf_counter()
            operations.sign(advisory, chair)
            db.session.commit()
            done = time.perf_counter()
            timings["build"].append(built - start)
            timings["sign_1"].append(signed_once - built)
            timings["sign_2_and_archive"].append(done - signed_once)
            timings["total"].append(done - start)
    for name, values in timings.items():
        ms = [v * 1000 for v in values]
        print(f"{name:<20} median {statistics.median(ms):7.1f} ms  "
              f"min {min(ms):7.1f}  max {max(ms):7.1f}  (n={len(ms)})")  # fmt: skip


if __name__ == "__main__":
    main()
