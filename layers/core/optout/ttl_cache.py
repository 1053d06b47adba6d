"""One in-process cache helper for every cache of the layer, and the registry that clears them all.

A cache keeps what `get_or_load` loaded for `max_age` seconds (None: for the life of the process),
None included (an unknown inbox is cached as unknown). A load that raises caches nothing. Loads run
outside the lock, so a slow read never holds up other keys; two threads that miss at once may both
load, and the later one's value is kept, as with any read-through cache. A value's age counts from
before its load began. An `invalidate` (of any key) or a `clear` while a load is in flight wins:
that load's (possibly older) value is returned but not kept, so a settings change is never undone
by a read that started before it.

Every cache registers itself (by a name, for reading), so one test fixture clears them all with
`clear_all()`.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Clock = Callable[[], float]

_registry: weakref.WeakSet[TtlCache[object, object]] = weakref.WeakSet()
_registry_lock = threading.Lock()


class TtlCache(Generic[K, V]):
    def __init__(self, name: str, max_age: float | None, *, clock: Clock = time.monotonic) -> None:
        if max_age is not None and max_age <= 0:
            raise ValueError("max_age must be positive (or None: never expires)")
        self.name = name
        self.max_age = max_age
        self.clock = clock  # a test may set its own
        self._entries: dict[K, tuple[float, V]] = {}
        self._generation = 0  # bumped by invalidate and clear: in-flight loads are then not kept
        self._lock = threading.Lock()
        with _registry_lock:
            _registry.add(self)  # type: ignore[arg-type]

    def _fresh(self, key: K, now: float) -> tuple[bool, V | None]:
        entry = self._entries.get(key)
        if entry is None:
            return False, None
        if self.max_age is not None and now - entry[0] >= self.max_age:
            del self._entries[key]
            return False, None
        return True, entry[1]

    def get_or_load(self, key: K, load: Callable[[], V]) -> V:
        """The cached value of `key` while younger than `max_age`, else `load()`'s, now cached."""
        with self._lock:
            started = self.clock()  # a value's age counts from before its read began
            hit, value = self._fresh(key, started)
            generation = self._generation
        if hit:
            return value  # type: ignore[return-value]
        loaded = load()
        with self._lock:
            if generation == self._generation:
                self._entries[key] = (started, loaded)
        return loaded

    def invalidate(self, key: K) -> None:
        with self._lock:
            self._entries.pop(key, None)
            self._generation += 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def registered() -> list[TtlCache[object, object]]:
    """Every live cache (held weakly: a cache nothing uses any more drops out)."""
    with _registry_lock:
        return sorted(_registry, key=lambda cache: cache.name)


def clear_all() -> None:
    """Empty every cache of the process (tests, between moto states)."""
    for cache in registered():
        cache.clear()
