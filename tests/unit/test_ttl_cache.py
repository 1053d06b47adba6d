"""The one TTL cache helper: expiry on an injected clock, invalidation, and the registry."""

from __future__ import annotations

import threading

import pytest

from optout import ttl_cache
from optout.ttl_cache import TtlCache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Loader:
    """Counts loads; each returns the next value."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"value {self.calls}"


# (max age, seconds after the first load, loads after the second read, value of the second read)
EXPIRY = [
    (10.0, 0.0, 1, "value 1"),
    (10.0, 9.999, 1, "value 1"),
    (10.0, 10.0, 2, "value 2"),  # exactly max_age old: expired, as the old code had it
    (10.0, 3600.0, 2, "value 2"),
    (None, 10.0**9, 1, "value 1"),  # None: kept for the life of the process
]


@pytest.mark.parametrize(("max_age", "later", "loads", "second"), EXPIRY)
def test_a_value_is_served_until_it_is_max_age_old(max_age, later, loads, second):
    clock, load = Clock(), Loader()
    cache: TtlCache[str, str] = TtlCache("test expiry", max_age, clock=clock)
    assert cache.get_or_load("k", load) == "value 1"
    clock.now += later
    assert cache.get_or_load("k", load) == second
    assert load.calls == loads


def test_a_values_age_counts_from_before_its_load():
    clock = Clock()
    cache: TtlCache[str, str] = TtlCache("test slow load", 10.0, clock=clock)

    def slow() -> str:
        clock.now += 4.0  # the read itself takes 4 s
        return "slow"

    cache.get_or_load("k", slow)
    clock.now += 6.0  # 10 s after the read began, 6 s after it ended
    assert cache.get_or_load("k", lambda: "fresh") == "fresh"


def test_none_is_cached_like_any_value():
    loads: list[int] = []
    cache: TtlCache[str, str | None] = TtlCache("test none", 60.0, clock=Clock())
    for _ in range(3):
        assert cache.get_or_load("unknown", lambda: loads.append(1)) is None  # type: ignore[func-returns-value]
    assert loads == [1]


def test_a_failed_load_caches_nothing():
    cache: TtlCache[str, str] = TtlCache("test failure", 60.0, clock=Clock())

    def fail() -> str:
        raise RuntimeError("storage down")

    with pytest.raises(RuntimeError):
        cache.get_or_load("k", fail)
    assert len(cache) == 0
    assert cache.get_or_load("k", lambda: "fresh") == "fresh"


# (action, keys loaded again on the next read of "a" and "b")
INVALIDATION = [
    ("invalidate a", {"a"}),
    ("clear", {"a", "b"}),
    ("clear_all", {"a", "b"}),
    ("nothing", set()),
]


@pytest.mark.parametrize(("action", "reloaded"), INVALIDATION)
def test_invalidate_and_clear_drop_what_they_name(action, reloaded):
    cache: TtlCache[str, str] = TtlCache("test invalidation", 60.0, clock=Clock())
    for key in ("a", "b"):
        cache.get_or_load(key, lambda: "old")
    if action == "invalidate a":
        cache.invalidate("a")
    elif action == "clear":
        cache.clear()
    elif action == "clear_all":
        ttl_cache.clear_all()
    loaded = set()
    for key in ("a", "b"):
        if cache.get_or_load(key, lambda: "new") == "new":
            loaded.add(key)
    assert loaded == reloaded


def test_an_invalidation_during_a_load_keeps_the_loaded_value_out():
    """A read that started before a settings change must not put the old settings back."""
    cache: TtlCache[str, str] = TtlCache("test in flight", 60.0, clock=Clock())

    def load_then_change() -> str:
        cache.invalidate("k")  # the writer saves and invalidates while this read is in flight
        return "read before the change"

    assert cache.get_or_load("k", load_then_change) == "read before the change"
    assert cache.get_or_load("k", lambda: "after the change") == "after the change"


def test_the_registry_holds_every_cache_of_the_layer():
    from optout.carriers import sns
    from optout.services import accounts, inboxes

    names = {cache.name for cache in ttl_cache.registered()}
    assert {"workspaces", "inboxes", "sns certificates"} <= names
    for cache in (accounts._workspace_cache, inboxes._cache, sns._fetch_cache):
        cache.get_or_load("probe", lambda: None)
    ttl_cache.clear_all()
    assert [len(c) for c in (accounts._workspace_cache, inboxes._cache, sns._fetch_cache)] == [0, 0, 0]


def test_max_age_must_be_positive():
    with pytest.raises(ValueError):
        TtlCache("test bad age", 0)


def test_concurrent_readers_each_get_a_value_and_one_is_kept():
    cache: TtlCache[int, int] = TtlCache("test threads", 60.0)
    results: list[int] = []
    barrier = threading.Barrier(8)

    def read(n: int) -> None:
        barrier.wait()
        results.append(cache.get_or_load(1, lambda: n))

    threads = [threading.Thread(target=read, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and len(cache) == 1
    assert cache.get_or_load(1, lambda: -1) in range(8)
