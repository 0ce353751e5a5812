"""The gunicorn settings every server start uses: workers freeze what they loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECK = """
import gc, runpy
from wsgi import app
settings = runpy.run_path("gunicorn.conf.py")
assert gc.get_freeze_count() == 0
settings["post_worker_init"](None)
print(gc.get_freeze_count())
"""


def test_a_worker_freezes_what_it_loaded(tmp_path: Path) -> None:
    """Run in a fresh interpreter: freezing is for good, and never wanted in the test process."""
    env = {"PATH": "/usr/bin:/bin", "ETHICSDESK_INSTANCE_PATH": str(tmp_path),
           "ETHICSDESK_ENV": "development"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) > 50_000  # the app, its modules and templates


def test_every_server_start_uses_the_settings() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "gunicorn --config gunicorn.conf.py" in makefile
    for starter in ("tests/live_server.py", "bench/load.py"):
        assert 'str(ROOT / "gunicorn.conf.py")' in (ROOT / starter).read_text(encoding="utf-8")
