"""The report counters, kept from the tables' streams (the reports function's stream batches).

Stream delivery is at least once, and Lambda retries a failed batch with the same records: each
chunk of counter updates is written in one transaction with a marker named after the batch and
chunk, so what a retry already applied is skipped and what it had not is applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from optout import repository
from optout.rules import report_counting


def fold_stream_records(records: Sequence[dict[str, Any]]) -> report_counting.Increments:
    """The counter increments of a batch of DynamoDB stream records, by (workspace, counter item)."""
    return report_counting.fold_changes(repository.stream_changes(records))


def apply_stream_records(records: Sequence[dict[str, Any]]) -> int:
    """Fold a stream batch into the counters, exactly once per batch; returns the items updated."""
    increments = sorted(fold_stream_records(records).items())
    if not increments:
        return 0
    return repository.add_counter_batch(repository.stream_batch_id(records), increments)
