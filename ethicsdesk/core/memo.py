"""A small bounded, thread-safe memo for results derived from immutable content.

Signed advisories never change, so what is derived from them (signature verdicts, drawn
graphs) can be kept per worker and keyed by a content hash; each worker holds at most
``size`` entries, so memory stays bounded whatever the archive holds.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


_ALL: weakref.WeakSet[Memo[object]] = weakref.WeakSet()


def forget_all() -> None:
    """Empty every memo: what they hold belongs to the app (and database) that computed it."""
    for memo in list(_ALL):
        memo.clear()


class Memo(Generic[T]):
    """Least-recently-used results by key; ``get`` computes on a miss."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        _ALL.add(self)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()  # outside the lock: two threads may compute once each, never wrongly
        self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def peek(self, key: Hashable) -> T | None:
        """The kept value, or None; never computes."""
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: T) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
