"""PostgreSQL searches its stored search_vector; pages and backups stay as before on both sides."""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from ethicsdesk import create_app
from ethicsdesk.extensions import db
from ethicsdesk.publications import search
from ethicsdesk.publications.models import Publication
from ethicsdesk.publications.queries import Criteria, catalogue
from tests.conftest import app_config

TODAY = date(2026, 11, 22)


@pytest.fixture
def postgresql(app: Flask) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs ETHICSDESK_TEST_DATABASE_URL (a PostgreSQL server)")


@pytest.fixture
def statements(app: Flask) -> Iterator[list[str]]:
    """The SQL the app sends while the test runs."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    yield sent
    sa.event.remove(db.engine, "before_cursor_execute", record)


def test_search_vector_is_a_generated_column_with_the_only_search_index(postgresql) -> None:
    generated = db.session.execute(
        sa.text(
            "SELECT is_generated, generation_expression FROM information_schema.columns "
            "WHERE table_name = 'publications' AND column_name = 'search_vector'"
        )
    ).one()
    assert generated.is_generated == "ALWAYS"
    assert "to_tsvector('simple'::regconfig, search_text)" in generated.generation_expression
    indexes = dict(
        db.session.execute(
            sa.text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'publications'")
        ).all()
    )
    assert "USING gin (search_vector)" in indexes["ix_publications_search_vector"]
    assert "ix_publications_search_fts" not in indexes  # the expression index is gone


def test_alembic_comparison_skips_the_generated_column_and_its_index() -> None:
    publications = {"table_name": "publications"}
    assert not search.include_name("search_vector", "column", publications)
    assert not search.include_name("ix_publications_search_vector", "index", publications)
    assert search.include_name("search_text", "column", publications)
    assert search.include_name("search_vector", "column", {"table_name": "other"})


def test_relevance_ranks_the_stored_vector_as_the_parsed_text(
    postgresql, corpus, statements
) -> None:
    page = catalogue(Criteria(q="leerling", sort="relevance"), True, TODAY)
    ranked = [s for s in statements if "ts_rank" in s]
    assert ranked
    assert "search_vector" in ranked[0]
    assert "to_tsvector" not in ranked[0]  # no hit's text is parsed again
    parsed = db.session.scalars(
        sa.text(
            "SELECT id FROM publications WHERE NOT superseded AND "
            "to_tsvector('simple', search_text) @@ to_tsquery('simple', 'leerling:*') "
            "ORDER BY ts_rank(to_tsvector('simple', search_text), "
            "to_tsquery('simple', 'leerling:*')) DESC, id DESC"
        )
    ).all()
    assert [p.id for p in page.items] == parsed
    assert len(parsed) == 5


def test_the_stored_vector_follows_the_text(postgresql, corpus) -> None:
    publication = corpus["camera"]
    publication.search_text += " nachtzicht"  # the ORM writes the text, PostgreSQL the vector
    db.session.commit()
    found = catalogue(Criteria(q="nachtzicht"), True, TODAY).items
    assert [p.id for p in found] == [publication.id]


def test_newest_first_pages_of_hits_are_exact(corpus) -> None:
    """The planner walks the newest rows or asks the index; either way the same pages."""
    newest_first = sorted((p.id for p in corpus.values()), reverse=True)
    leerling = [i for i in newest_first if i != corpus["camera"].id]
    pages = [catalogue(Criteria(q="leerling", page=n), True, TODAY, page_size=2) for n in (1, 2, 3)]
    assert [[p.id for p in page.items] for page in pages] == [
        leerling[0:2],
        leerling[2:4],
        leerling[4:5],
    ]
    assert [page.has_next for page in pages] == [True, True, False]
    rare = catalogue(Criteria(q="gezichtsherkenning"), True, TODAY).items
    assert [p.id for p in rare] == [corpus["camera"].id]


def _publication_lines(backup: Path) -> list[dict]:
    with tarfile.open(backup, "r:gz") as tar:
        member = next(m for m in tar if m.name.endswith("-publications.jsonl"))
        data = tar.extractfile(member).read()
    return [json.loads(line) for line in io.BytesIO(data).read().splitlines()]


def test_backup_and_restore_leave_the_search_index_to_the_database(
    app, corpus, databases, tmp_path
) -> None:
    """The generated column is neither dumped nor inserted; the restored rows are searchable."""
    backup = tmp_path / "backup.tar.gz"
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "backup", str(backup)])
    assert result.exit_code == 0, result.output
    rows = _publication_lines(backup)
    assert len(rows) == len(corpus)
    assert all("search_vector" not in row for row in rows)
    expected = {q: [p.id for p in catalogue(Criteria(q=q, sort="relevance"), True, TODAY).items]
                for q in ("leerling", "cooperatie", "numera")}  # fmt: skip
    url = databases.create("searchrestore")
    target = create_app(app_config(url), instance_path=str(tmp_path / "target"))
    try:
        with target.app_context():
            result = target.test_cli_runner().invoke(args=["ethicsdesk", "restore", str(backup)])
            assert result.exit_code == 0, result.output
            found = {
                q: [p.id for p in catalogue(Criteria(q=q, sort="relevance"), True, TODAY).items]
                for q in expected
            }
            assert found == expected
            assert db.session.scalar(sa.select(sa.func.count(Publication.id))) == len(corpus)
            db.session.remove()
            db.engine.dispose()
    finally:
        databases.drop(url)
