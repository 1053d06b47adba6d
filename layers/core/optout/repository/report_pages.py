"""Pages of a row report: the shard merge over the events table's Report* indexes, and its cursors.

A report's events are spread over month buckets and, within a month, over `keys.REPORT_SHARDS`
partitions (see keys.py). A page reads the buckets in turn and merges each bucket's shards by sort
key (one lazy Query per shard, topped up as it runs dry), so pages come out oldest first and the
items read stay close to the rows returned. Services ask for a page and get events and an opaque
cursor: shards, partitions, start keys and sort keys stay here.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from optout.errors import InvalidInput
from optout.models import ConsentEvent, iso
from optout.repository import keys
from optout.repository.cursors import decode_cursor, encode_cursor
from optout.repository.reports import query_report_events

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # what models.iso writes, so sort keys are fixed-width
# Each shard's first Query asks for a bit less than its expected share of the page; top-ups then
# ask for the share still missing. With 4 shards this reads ~1.07 items per row at 100 rows a page.
_FIRST_SHARE = 0.9


@dataclass
class ReportPage:
    events: list[ConsentEvent]
    next_cursor: str | None
    items_read: int  # what DynamoDB read (ScannedCount), to keep reads close to rows


@dataclass
class _Shard:
    """One shard partition of one month bucket, read lazily in sort-key order."""

    partition: str
    start_key: dict[str, Any] | None = None
    done: bool = False
    buffer: deque[tuple[str, ConsentEvent]] = field(default_factory=deque)


def _sort_key(event: ConsentEvent) -> str:
    return keys.event_sort_key(event.occurred_at, event.event_id)


def _months(first: str, last: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class _Reader:
    """Reads one page: a k-way merge of the shard partitions of each month bucket in turn."""

    def __init__(
        self, workspace_id: str, statuses: Sequence[str], filters: Mapping[str, str], start: datetime, end: datetime
    ):
        self.workspace_id, self.statuses, self.start, self.end = workspace_id, statuses, start, end
        # The index for exactly this combination of filters serves them all in its key.
        self.filters = dict(filters)
        self.dimensions = frozenset(self.filters)
        self.items_read = 0

    def _fetch(self, shard: _Shard, lower: str, upper: str, limit: int) -> None:
        while not shard.buffer and not shard.done:
            events, shard.start_key, read = query_report_events(
                self.dimensions, shard.partition, lower, upper, limit=limit, start_key=shard.start_key
            )
            self.items_read += read
            shard.buffer.extend((_sort_key(e), e) for e in events)
            shard.done = shard.start_key is None

    def _merge(self, shards: list[_Shard], lower: str, upper: str, out: list[ConsentEvent], limit: int) -> None:
        """Append the month's events to `out` in sort-key order until it holds `limit`."""
        first = max(1, int((limit - len(out)) * _FIRST_SHARE) // len(shards))
        for shard in shards:
            self._fetch(shard, lower, upper, first)
        while len(out) < limit:
            live = [s for s in shards if s.buffer or not s.done]
            if not live:
                return
            top_up = max(1, math.ceil((limit - len(out)) / len(live)))
            for shard in live:
                self._fetch(shard, lower, upper, top_up)
            heads = [s for s in shards if s.buffer]
            if not heads:
                return
            out.append(min(heads, key=lambda s: s.buffer[0][0]).buffer.popleft()[1])

    def page(self, after: str | None, limit: int) -> tuple[list[ConsentEvent], bool]:
        lower = after + "~" if after else iso(self.start)  # "~": just past `after`
        upper = iso(self.end)  # every sort key at `end` is `{end}#…`, so `end` is excluded
        months = list(_months(lower[:7], iso(self.end - timedelta(microseconds=1))[:7]))
        out: list[ConsentEvent] = []
        for index, month in enumerate(months):
            # Several statuses (opt-outs and topic revocations) merge as shards of one report do.
            shards = [
                _Shard(partition)
                for status in self.statuses
                for partition in keys.report_partitions(self.workspace_id, status, month, self.filters)
            ]
            self._merge(shards, lower, upper, out, limit)
            if len(out) == limit:
                more = any(s.buffer or not s.done for s in shards) or index < len(months) - 1
                return out, more
        return out, False


def _resumes_within(after: Any, start: datetime, end: datetime) -> bool:
    """True if `after` is a row's sort key (`{fixed-width time}#{event id}`) inside `[start, end)`."""
    if not isinstance(after, str):
        return False
    stamp, _, event_id = after.partition("#")
    try:
        moment = datetime.strptime(stamp, ISO_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return False
    return bool(event_id) and iso(moment) == stamp and start <= moment < end


def read_report_page(
    workspace_id: str,
    status: str | Sequence[str],
    filters: Mapping[str, str],
    start: datetime,
    end: datetime,
    *,
    limit: int,
    cursor: str | None,
    scope: str,
) -> ReportPage:
    """One page of a report's events in `[start, end)` (of one status, or several merged), oldest
    first. `scope` names the query a cursor is issued for (its workspace, statuses, range and
    filters): a cursor of another scope, or one pointing outside the range, is refused."""
    after = None
    if cursor:
        state = decode_cursor(cursor)
        after = state.get("a")
        if state.get("q") != scope or not _resumes_within(after, start, end):
            raise InvalidInput("cursor is not valid for this report", code="invalid_cursor")
    reader = _Reader(workspace_id, (status,) if isinstance(status, str) else tuple(status), filters, start, end)
    events, more = reader.page(after, limit)
    next_cursor = encode_cursor({"q": scope, "a": _sort_key(events[-1])}) if more and events else None
    return ReportPage(events, next_cursor, reader.items_read)
