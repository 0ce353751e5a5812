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


# PostgreSQL's stored to_tsvector('simple', search_text) (a generated column the ORM does not
# model): matching and ranking read it instead of parsing each hit's text again (14-60 µs).
search_vector = sa.literal_column("publications.search_vector")

# The FTS5 table as SQLAlchemy sees it, to join and order by its rowid (= publication id).
fts_table = sa.table("publication_fts", sa.column("rowid", sa.Integer))


def matching(
    query: sa.Select[Any], words: list[str]
) -> tuple[sa.Select[Any], sa.ColumnElement[float], sa.ColumnElement[int]]:
    """The query narrowed to hits, a relevance score (higher is better) and the newest-first key.

    On SQLite the FTS5 table drives the query: joined by rowid and ordered by it, SQLite reads
    the term's hits newest first and stops at the page's LIMIT, so a term found in half of
    100,000 advisories costs no more than a rare one.

    On PostgreSQL the match is a plain condition on the stored vector, and the planner chooses:
    for a common term it walks the newest rows until the page is full, for a rare one it asks
    the GIN index. Checking a stored vector costs about 1.4 µs a row (parsing the text cost
    14-60 µs), so even a misjudged walk through all 100,000 rows stays near 0.1 s.
    """
    from ethicsdesk.publications.models import Publication

    if db.session.get_bind().dialect.name == "postgresql":
        tsquery = sa.func.to_tsquery(
            sa.literal_column("'simple'::regconfig"),
            sa.bindparam("fts_q", " & ".join(f"{w}:*" for w in words), type_=sa.Text),
        )
        # Measured at 100,000 advisories against the materialized CTE of all hits this replaces
        # (median / p90 / max): 1,000 frequent terms 11 / 18 / 39 ms (was 19 / 33 / 129), rare
        # ones 15 / 20 / 30 ms (was 20 / 32 / 104), relevance for a term in 46,605 advisories
        # 0.2 s (was 6.5 s). A window of the newest rows before the index bounded the walk for
        # terms whose many hits are all old (117 ms, was 63) but cost every other term 8 ms.
        return (
            query.where(search_vector.op("@@")(tsquery)),
            sa.func.ts_rank(search_vector, tsquery),
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


# PostgreSQL's GIN index on search_vector, and the expression index before it (old revisions)
SEARCH_INDEXES = frozenset({"ix_publications_search_vector", "ix_publications_search_fts"})


def include_name(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
    """For Alembic's comparison: skip the search index objects the ORM does not model."""
    if type_ == "table" and name and name.startswith("publication_fts"):
        return False  # the FTS5 virtual table and its shadow tables
    if type_ == "column" and name == "search_vector":
        return parent_names.get("table_name") != "publications"  # PostgreSQL's generated column
    return not (type_ == "index" and name in SEARCH_INDEXES)
