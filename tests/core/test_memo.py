"""The bounded memo keeps the most recently used results and computes each miss once."""

from __future__ import annotations

from ethicsdesk.core.memo import Memo


def test_the_memo_is_bounded_and_least_recently_used_goes_first() -> None:
    memo: Memo[int] = Memo(size=2)
    computed = []

    def compute(value: int):
        return lambda: computed.append(value) or value

    assert memo.get("a", compute(1)) == 1
    assert memo.get("b", compute(2)) == 2
    assert memo.get("a", compute(99)) == 1  # a hit: not computed again
    assert memo.get("c", compute(3)) == 3  # evicts "b", the least recently used
    assert len(memo) == 2
    assert memo.get("b", compute(4)) == 4
    assert computed == [1, 2, 3, 4]
    memo.clear()
    assert len(memo) == 0


def test_a_new_app_forgets_what_an_earlier_one_kept(tmp_path) -> None:
    from ethicsdesk import create_app
    from ethicsdesk.core.memo import Memo, forget_all
    from tests.conftest import app_config

    memo: Memo[int] = Memo(size=2)
    memo.get("page", lambda: 1)
    forget_all()
    assert len(memo) == 0
    memo.get("page", lambda: 1)
    create_app(app_config(f"sqlite:///{tmp_path / 'x.sqlite3'}"), instance_path=str(tmp_path))
    assert len(memo) == 0
