"""Full-text search that gives the same hits on SQLite FTS5 and PostgreSQL.

Both sides index the same folded text (lower case, no diacritics, only letters and digits
separated by spaces) and receive the same folded terms, each matched as a prefix and all
required. User input never reaches either query language: it is reduced to ``[0-9a-z]`` terms
first, and those are passed as bound parameters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from markupsafe import Markup, escape

from ethicsdesk.extensions import db

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without diacritics: 'Privacyverklaring Überprüfung' → 'privacyverklaring ...'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def document(parts: Iterable[str]) -> str:
    """The indexed text: every word folded, separated by single spaces."""
    return " ".join(_WORD.findall(fold(" ".join(parts))))


def terms(query: str) -> list[str]:
    """Plain search terms from any user input (operators, quotes, NUL become separators)."""
    words = [w for w in _WORD.findall(fold(query[:2000])) if w.isascii()]
    unique = list(dict.fromkeys(w[:MAX_TERM_LENGTH] for w in words))
    return unique[:MAX_TERMS]


def index(publication_id: int, text: str) -> None:
    """Keep the SQLite FTS5 table in step; PostgreSQL indexes the column itself."""
    if db.session.get_bind().dialect.name == "sqlite":
        unindex(publication_id)
        db.session.execute(
            sa.text("INSERT INTO publication_fts (rowid, document) VALUES (:id, :doc)"),
            {"id": publication_id, "doc": text},
        )


def unindex(publication_id: int) -> None:
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            sa.text("DELETE FROM publication_fts WHERE rowid = :id"), {"id": publication_id}
        )


# The FTS5 table as SQLAlchemy sees it, to join and order by its rowid (= publication id).
fts_table = sa.table("publication_fts", sa.column("rowid", sa.Integer))


def matching(
    query: sa.Select[Any], words: list[str]
) -> tuple[sa.Select[Any], sa.ColumnElement[float], sa.ColumnElement[int]]:
    """The query narrowed to hits, a relevance score (higher is better) and the newest-first key.

    On SQLite the FTS5 table drives the query: joined by rowid and ordered by it, SQLite reads
    the term's hits newest first and stops at the page's LIMIT, so a term found in half of
    100,000 advisories costs no more than a rare one.
    """
    from ethicsdesk.publications.models import Publication

    if db.session.get_bind().dialect.name == "postgresql":
        vector = sa.func.to_tsvector(
            sa.literal_column("'simple'::regconfig"), Publication.search_text
        )
        tsquery = sa.func.to_tsquery(
            sa.literal_column("'simple'::regconfig"),
            sa.bindparam("fts_q", " & ".join(f"{w}:*" for w in words), type_=sa.Text),
        )
        # The hits' ids come from the GIN index (a materialized CTE). Left to itself the planner
        # walks the newest rows and parses each text (14-60 µs) until the page is full: fine for
        # a term in every other advisory, seconds for one whose hits are rare or all old. This
        # way a search costs what its hits cost (100,000 advisories: median 20 ms, p90 35 ms).
        matches = vector.op("@@")(tsquery)
        hits = (
            sa.select(Publication.id.label("id"))
            .where(matches)
            .cte("search_hits")
            .prefix_with("MATERIALIZED")
        )
        return (
            query.where(Publication.id.in_(sa.select(hits.c.id))),
            sa.func.ts_rank(vector, tsquery),
            Publication.id,
        )
    match = " ".join(f'"{w}"*' for w in words)
    query = query.join(fts_table, fts_table.c.rowid == Publication.id).where(
        sa.text("publication_fts MATCH :fts_q").bindparams(fts_q=match)
    )
    score = -sa.literal_column("bm25(publication_fts)", sa.Float)
    return query, score, fts_table.c.rowid


_SHIFTS = "\x00"


class _FoldOne(dict[int, str]):
    """Each character folded on its own, or _SHIFTS where folding changes the length."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = value = folded if len(folded) == 1 and folded != _SHIFTS else _SHIFTS
        return value


_FOLD_ONE = _FoldOne()


def highlight(text: str, words: list[str]) -> Markup:
    """The text HTML-escaped, with words that start with a search term wrapped in <mark>."""
    if not words:
        return escape(text)
    folded = text.translate(_FOLD_ONE)
    if _SHIFTS in folded:  # ß → ss, ligatures, combining marks: positions would differ
        return _highlight_word_by_word(text, words)
    # folding kept every position: find the words in the folded text, cut the original there
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")[^\W_]*")
    out, last = [], 0
    for found in pattern.finditer(folded):
        start, end = found.span()
        out += [escape(text[last:start]), Markup("<mark>{}</mark>").format(text[start:end])]
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _highlight_word_by_word(text: str, words: list[str]) -> Markup:
    """The general case: fold and compare each word on its own."""
    out = []
    for piece in re.split(r"([^\W_]+)", text):
        if piece and _WORD.fullmatch(piece) and fold(piece).startswith(tuple(words)):
            out.append(Markup("<mark>{}</mark>").format(piece))
        else:
            out.append(escape(piece))
    return Markup("").join(out)


def include_name(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
    """For Alembic's comparison: skip the search index objects the ORM does not model."""
    if type_ == "table" and name and name.startswith("publication_fts"):
        return False  # the FTS5 virtual table and its shadow tables
    return not (type_ == "index" and name == "ix_publications_search_fts")
