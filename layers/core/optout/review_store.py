"""The review queue's storage, kept under its old name: the code lives in repository/review_queue.py."""

from __future__ import annotations

from optout.repository.dynamo import review_table
from optout.repository.review_queue import (
    INDEX,
    AlreadyResolved,
    get_item,
    item_put,
    query_items,
    resolution_update,
    resolve,
    state_partition,
)

__all__ = [
    "INDEX",
    "AlreadyResolved",
    "get_item",
    "item_put",
    "query_items",
    "resolution_update",
    "resolve",
    "review_table",
    "state_partition",
]
