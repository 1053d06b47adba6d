"""The fakes' shared state and transaction: what DynamoDB's TransactWriteItems is to the real stores.

A fake transaction item (`Op`) is a condition and a write. `Memory.commit` checks every condition
against the state before the transaction and applies all writes or none, under one lock, so the
fakes keep the ports' contract (ports.py) under threads too: a conditional write that lost a race
is refused, never applied over the winner.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from optout.models import ApiKey, BroadcastFailure, ConsentEvent, Contact, Inbox, Workspace
from optout.repository.cursors import check_start_key
from optout.review import ReviewItem


@dataclass(frozen=True)
class Op:
    """One transaction item of the fakes; `check` says whether its condition holds."""

    check: Callable[[], bool]
    apply: Callable[[], None]


def always() -> bool:
    return True


@dataclass
class Memory:
    """Every fake store's data, shared, as the tables are shared by the real stores."""

    contacts: dict[tuple[str, str], Contact] = field(default_factory=dict)
    events: dict[tuple[str, str], ConsentEvent] = field(default_factory=dict)  # (contact key, sk)
    markers: dict[str, dict[str, Any]] = field(default_factory=dict)
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    api_keys: dict[str, ApiKey] = field(default_factory=dict)  # by hash
    inboxes: dict[str, Inbox] = field(default_factory=dict)
    failures: dict[tuple[str, str], BroadcastFailure] = field(default_factory=dict)  # (partition, phone)
    counters: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    review: dict[tuple[str, str], ReviewItem] = field(default_factory=dict)
    dismissals: dict[tuple[str, str], Any] = field(default_factory=dict)  # (workspace, event id)
    lock: threading.RLock = field(default_factory=threading.RLock)
    transactions: int = 0  # committed, for tests that count round trips

    def commit(self, ops: Sequence[Op]) -> list[int]:
        """Apply every op or none; returns the indexes of the ops whose condition failed."""
        with self.lock:
            failed = [index for index, op in enumerate(ops) if not op.check()]
            if not failed:
                for op in ops:
                    op.apply()
                self.transactions += 1
            return failed


def s(value: str) -> dict[str, str]:
    return {"S": value}


def page(
    rows: Sequence[tuple[str, dict[str, Any], Any]],
    *,
    partition: tuple[str, str] | None,
    key_names: frozenset[str],
    limit: int,
    start_key: dict[str, Any] | None,
    sort_name: str,
    newest_first: bool = False,
) -> tuple[list[Any], dict[str, Any] | None]:
    """One page of `rows` (sort value, start key of the row, model), like one Query: sorted by the
    sort value, after `start_key`, at most `limit`, with the last row's key when more remain.
    A start key of another partition (`partition` = attribute, value) is refused as the real
    pager refuses it."""
    if start_key is not None and partition is not None:
        check_start_key(start_key, key_names, *partition)
    ordered = sorted(rows, key=lambda row: row[0], reverse=newest_first)
    if start_key:
        after = start_key[sort_name]["S"]
        ordered = [row for row in ordered if (row[0] < after if newest_first else row[0] > after)]
    chosen = ordered[:limit]
    last = chosen[-1][1] if len(ordered) > limit else None
    return [row[2].model_copy(deep=True) for row in chosen], last
