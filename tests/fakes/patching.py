"""`optout.repository` as a service sees it, over the fakes: patch it into a service module.

    monkeypatch.setattr(review_queue, "repository", FakeRepository(stores))

Each name resolves to a fake store's method, or to one of the repository's pure helpers (cursors,
the conflict retry, errors). Anything else raises AttributeError naming it, so a unit test can
never reach DynamoDB through a name the fakes do not cover.
"""

from __future__ import annotations

from typing import Any

from optout import repository
from optout.repository.review_queue import AlreadyResolved
from tests.fakes import Stores

PURE = frozenset({
    "AUTO_REASONS",
    "Cancelled",
    "ContactFilter",
    "DuplicateMessage",
    "TransactionConflict",
    "decode_cursor",
    "encode_cursor",
    "invalid_cursor",
    "iter_chunks",
    "next_page",
    "page_start",
    "read_batches",
    "retry_on_conflict",
})
_STORES = (
    "contacts", "events", "accounts", "inboxes", "markers", "failures", "counters", "report_rows",
    "review_queue", "unit_of_work", "dismissals",
)


class FakeRepository:
    AlreadyResolved = AlreadyResolved  # the review-queue store's name, so one object stands for both

    def __init__(self, stores: Stores) -> None:
        self.stores = stores

    def __getattr__(self, name: str) -> Any:
        for store in _STORES:
            found = getattr(getattr(self.stores, store), name, None)
            if found is not None and not name.startswith("_"):
                return found
        if name in PURE:
            return getattr(repository, name)
        raise AttributeError(f"the fakes have no {name!r}: the service reached storage they do not cover")
