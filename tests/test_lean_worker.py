"""A web worker loads only what serving needs: migrations, the PDF renderer and signer stay out.

Worker memory is a budget (issue #9: ≤ 150 MB after load); Alembic/Mako and reportlab/jsonschema
cost about 24 MiB together and are needed only by `flask db …` and by freezing an advisory;
pyHanko with aiohttp and its certificate validator about 20 MiB, needed to sign or verify
(a signed advisory's page reads the verdict recorded when it was archived).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_SECRET_KEY

ROOT = Path(__file__).resolve().parents[1]
# The demo's signed advisory, published (as the committee would) by another process.
PUBLISH = """
import sqlalchemy as sa
from wsgi import app
from ethicsdesk.advisories.models import Advisory, AdvisoryStatus
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.extensions import db
from ethicsdesk.publications import operations
from ethicsdesk.publications.models import Visibility
with app.app_context():
    signed = sa.select(Advisory).where(Advisory.status == AdvisoryStatus.SIGNED).limit(1)
    chair = user_by_email("voorzitter@voorbeeld.school")
    publication = operations.publish(db.session.scalar(signed), chair, Visibility.PUBLIC)
    db.session.commit()
    print(publication.id)
"""
CHECK = """
import sys
from wsgi import app
client = app.test_client()
signed = f"/advisories/{sys.argv[1]}"
for url in ("/advisories", "/advisories?q=privacy", "/api/v1/advisories", "/login", signed):
    assert client.get(url).status_code == 200, url
assert "signature-verdict--ok" in client.get(signed).get_data(as_text=True)
heavy = ("alembic", "mako", "reportlab", "jsonschema", "pyhanko", "pyhanko_certvalidator",
         "aiohttp")
print(" ".join(sorted(m for m in heavy if m in sys.modules)))
"""


def test_serving_pages_loads_neither_alembic_nor_reportlab_nor_pyhanko(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "ETHICSDESK_ENV": "production",
        "ETHICSDESK_INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": TEST_SECRET_KEY,
        "ETHICSDESK_SECURE_COOKIES": "0",
    }
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "wsgi"]

    def run(*command: str) -> str:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.strip()

    run(*flask, "db", "upgrade")
    run(*flask, "ethicsdesk", "demo-data")  # signs an advisory: its verdict is recorded
    publication_id = run(sys.executable, "-c", PUBLISH)
    loaded = run(sys.executable, "-c", CHECK, publication_id)
    assert loaded == "", f"a web worker loaded {loaded}"
