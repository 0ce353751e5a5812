"""Highlighting: the fast path (one regex over the folded text) marks exactly what the general
word-by-word path marks, whatever the text holds (diacritics, ß, ligatures, combining marks)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ethicsdesk.publications import search

# Letters where folding keeps or changes the length, markup characters, digits and separators.
ALPHABET = st.sampled_from(list("abcoeiuyzßæœﬁéèëöüçñÅØ İı\u0301\u0308<>&\"'-_.,0189 \t\n"))
TEXTS = st.text(ALPHABET, max_size=60) | st.text(max_size=40)
WORDS = st.lists(st.sampled_from(["a", "co", "coo", "oe", "ss", "fi", "e", "1", "ij", "zo"]),
                 min_size=1, max_size=3, unique=True)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, words=WORDS)
def test_the_fast_path_marks_what_the_general_one_marks(text: str, words: list[str]) -> None:
    assert search.highlight(text, words) == search._highlight_word_by_word(text, words)


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, words=WORDS)
def test_highlighting_never_changes_the_text(text: str, words: list[str]) -> None:
    marked = str(search.highlight(text, words)).replace("<mark>", "").replace("</mark>", "")
    assert marked == str(search.highlight(text, []))


def test_words_found_by_their_folded_form_are_marked_in_the_original() -> None:
    assert str(search.highlight("Coöperatie en coördinatie", ["coo"])) == (
        "<mark>Coöperatie</mark> en <mark>coördinatie</mark>"
    )
    assert str(search.highlight("Straße", ["strasse"])) == "<mark>Straße</mark>"
