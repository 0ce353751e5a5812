"""A web worker loads only what serving needs: migrations, the PDF renderer and signer stay out.

Worker memory is a budget (issue #9: ≤ 150 MB after load); Alembic/Mako and reportlab/jsonschema
cost about 24 MiB together and are needed only by `flask db …` and by freezing an advisory;
pyHanko with aiohttp and its certificate validator about 20 MiB, needed to sign or verify.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_SECRET_KEY

ROOT = Path(__file__).resolve().parents[1]
CHECK = """
import sys
from wsgi import app
client = app.test_client()
for url in ("/advisories", "/advisories?q=privacy", "/api/v1/advisories", "/login"):
    assert client.get(url).status_code == 200, url
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
    flask = Path(sys.executable).parent / "flask"
    for command in ([str(flask), "--app", "wsgi", "db", "upgrade"], [sys.executable, "-c", CHECK]):
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "", f"a web worker loaded {done.stdout.strip()}"
