"""The benchmark's data: a throw-away instance (SQLite file or a fresh PostgreSQL database),
migrated and filled by the app's own commands, then the pages and terms to measure.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECRET = "bench-secret-key-only-for-throw-away-instances-0123456789"  # noqa: S105 - throw-away
BENCH_DATABASE_PREFIX = "ethicsdesk_bench_"


@dataclass
class Instance:
    """One prepared instance: where it lives, its database, the environment the app reads."""

    backend: str
    path: Path
    database_url: str
    env: dict[str, str]
    notes: list[str] = field(default_factory=list)


def instance_env(path: Path, database_url: str) -> dict[str, str]:
    """Production mode, plain http on loopback (secure cookies off), nothing from the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ETHICSDESK_", "DATABASE_"))}
    env.update(
        ETHICSDESK_ENV="production",
        ETHICSDESK_INSTANCE_PATH=str(path),
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET,
        ETHICSDESK_SECURE_COOKIES="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def _admin_engine(server_url: str) -> sa.Engine:
    from ethicsdesk.config import normalise_database_url

    return sa.create_engine(normalise_database_url(server_url), isolation_level="AUTOCOMMIT")


@contextmanager
def instance(backend: str, postgres_url: str | None, keep: bool = False) -> Iterator[Instance]:
    """A temporary instance folder (removed unless kept); on PostgreSQL a fresh database."""
    path = Path(tempfile.mkdtemp(prefix=f"ethicsdesk-bench-{backend}-"))
    try:
        if backend == "sqlite":
            url = f"sqlite:///{path / 'ethicsdesk.sqlite3'}"
            yield Instance(backend, path, url, instance_env(path, url))
        else:
            with _postgres_database(postgres_url) as url:
                yield Instance(backend, path, url, instance_env(path, url))
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _postgres_database(postgres_url: str | None) -> Iterator[str]:
    """A fresh database on the server, dropped afterwards (never the one in the URL)."""
    assert postgres_url, "PostgreSQL needs a server URL"
    admin = _admin_engine(postgres_url)
    name = f"{BENCH_DATABASE_PREFIX}{os.getpid()}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def flask(inst: Instance, *args: str, timeout: float = 3600) -> subprocess.CompletedProcess[str]:
    """``flask --app wsgi …`` against the instance; a failure stops the bench with its output."""
    done = subprocess.run(  # noqa: S603 - our own executable and fixed arguments
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=inst.env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def build(inst: Instance, advisories: int, reviews: int, seed: int) -> dict[str, Any]:
    """Migrate, then the demo data with the bulk generator's sizes when it exists."""
    start = time.perf_counter()
    flask(inst, "db", "upgrade")
    migrated = time.perf_counter()
    bulk = True
    try:
        flask(inst, "ethicsdesk", "demo-data", "--advisories", str(advisories),
              "--reviews", str(reviews), "--seed", str(seed))  # fmt: skip
    except RuntimeError as error:
        if "No such option" not in str(error):
            raise
        bulk = False
        inst.notes.append(
            "The bulk generator (`demo-data --advisories`) was not available: the data set is "
            "the plain demo data, not the requested size."
        )
        flask(inst, "ethicsdesk", "demo-data")
    done = time.perf_counter()
    return {"bulk": bulk, "migrate_s": migrated - start, "load_s": done - migrated}


def make_app(inst: Instance) -> Flask:
    """The app in this process, on the instance's database and keys (same settings as gunicorn)."""
    from ethicsdesk import create_app

    overrides = {
        "ETHICSDESK_ENV": "production",
        "SECRET_KEY": SECRET,
        "SQLALCHEMY_DATABASE_URI": inst.database_url,
        "SESSION_COOKIE_SECURE": False,
    }
    return create_app(overrides, instance_path=str(inst.path))


def _demo_publication(session: Any) -> int:
    """The demo's real signed advisory, published publicly if the demo left it unpublished."""
    from ethicsdesk.advisories.models import Advisory, AdvisoryStatus
    from ethicsdesk.auth.queries import user_by_email
    from ethicsdesk.demo.advisory import DEMO_CASE
    from ethicsdesk.publications import operations
    from ethicsdesk.publications.models import Publication, Visibility
    from ethicsdesk.reviews.models import ReviewCase

    advisory = session.scalar(
        sa.select(Advisory)
        .join(Advisory.case)
        .where(ReviewCase.title == DEMO_CASE, Advisory.status == AdvisoryStatus.SIGNED)
        .order_by(Advisory.version.desc())
        .limit(1)
    )
    assert advisory is not None, "the demo data has no signed advisory"
    publication = session.scalar(sa.select(Publication).where(Publication.advisory == advisory))
    if publication is None or publication.visibility is not Visibility.PUBLIC:
        chair = user_by_email("voorzitter@voorbeeld.school")
        publication = operations.publish(advisory, chair, Visibility.PUBLIC)
        session.commit()
    return publication.id


WORD = re.compile(r"[a-z]{5,}")


VARIED_TERMS = 1000  # more distinct searches than any per-worker cache keeps


def _terms(session: Any, visible: sa.Select) -> tuple[str, str, dict[str, int], list[str]]:
    """A common and a rare term from the indexed texts, their hit counts, and many more terms."""
    from ethicsdesk.publications import search
    from ethicsdesk.publications.models import Publication

    texts = session.scalars(
        visible.with_only_columns(Publication.search_text).order_by(Publication.id).limit(3000)
    ).all()
    frequency: collections.Counter[str] = collections.Counter()
    for text in texts:
        frequency.update(set(WORD.findall(text or "")))

    def hits(term: str) -> int:
        query, _score, _newest = search.matching(visible, [term])
        return session.scalar(query.with_only_columns(sa.func.count()))

    common = frequency.most_common(1)[0][0]
    rare_candidates = sorted(w for w, n in frequency.items() if n == 1 and len(w) >= 7)
    rare = next((w for w in rare_candidates[:40] if 0 < hits(w) <= 50), None)
    rare = rare or min(frequency, key=lambda w: (frequency[w], w))
    varied = sorted(frequency, key=lambda w: (-frequency[w], w))[:VARIED_TERMS]
    return common, rare, {"common": hits(common), "rare": hits(rare)}, varied


def targets(inst: Instance) -> dict[str, Any]:
    """The pages to measure and the data set's size, chosen from the data itself."""
    from ethicsdesk.advisories.models import Advisory
    from ethicsdesk.assessments.models import MemberAnswers
    from ethicsdesk.extensions import db
    from ethicsdesk.publications.models import Publication, Visibility
    from ethicsdesk.reviews.models import ReviewCase

    app = make_app(inst)
    with app.app_context():
        session = db.session
        demo_id = _demo_publication(session)
        visible = (
            sa.select(Publication)
            .join(Publication.advisory)
            .where(Publication.superseded.is_(False), Publication.visibility == Visibility.PUBLIC)
        )
        count = session.scalar(visible.with_only_columns(sa.func.count()))
        generated = session.scalar(
            visible.where(Publication.id != demo_id)
            .order_by(Publication.id)
            .offset(max(count - 1, 1) // 2)
            .limit(1)
        )
        generated = generated or session.get(Publication, demo_id)
        common, rare, hits, varied = _terms(session, visible)
        advisory = generated.advisory
        filters = {
            "outcome": advisory.outcome.value,
            "category": advisory.case.category or "",
            "year": str(advisory.issued_on.year),
        }
        sizes = {
            "publications": session.scalar(sa.select(sa.func.count(Publication.id))),
            "public_publications": count,
            "advisories": session.scalar(sa.select(sa.func.count(Advisory.id))),
            "cases": session.scalar(sa.select(sa.func.count(ReviewCase.id))),
            "compass_answer_rows": session.scalar(sa.select(sa.func.count(MemberAnswers.id))),
        }
        result = {
            "demo_publication": demo_id,
            "generated_publication": generated.id,
            "common": common,
            "rare": rare,
            "varied": varied,
            "hits": hits,
            "filters": filters,
            "sizes": sizes,
        }
        db.session.remove()
        db.engine.dispose()
    return result
