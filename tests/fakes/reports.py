"""The fake of the row report port: a report's events, oldest first, behind the same cursors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from optout.errors import InvalidInput
from optout.models import ConsentEvent, iso
from optout.repository import keys
from optout.repository.cursors import decode_cursor, encode_cursor
from optout.repository.events import report_dimensions, report_status
from optout.repository.report_pages import ISO_FORMAT, ReportPage
from tests.fakes.memory import Memory


def _sort_key(event: ConsentEvent) -> str:
    return keys.event_sort_key(event.occurred_at, event.event_id)


def _well_formed(after: Any, lower: str, upper: str) -> bool:
    """A row's sort key (`{fixed-width time}#{event id}`) inside the report's range."""
    if not isinstance(after, str):
        return False
    stamp, _, event_id = after.partition("#")
    try:
        datetime.strptime(stamp, ISO_FORMAT)
    except ValueError:
        return False
    return bool(event_id) and len(stamp) == len(lower) and lower <= stamp < upper


class FakeReportRows:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def read_report_page(
        self,
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
        lower, upper = iso(start), iso(end)
        after = None
        if cursor:
            state = decode_cursor(cursor)
            after = state.get("a")
            if state.get("q") != scope or not _well_formed(after, lower, upper):
                raise InvalidInput("cursor is not valid for this report", code="invalid_cursor")
        statuses = {status} if isinstance(status, str) else set(status)
        rows = sorted(
            (_sort_key(e), e)
            for e in self.memory.events.values()
            if e.workspace_id == workspace_id
            and report_status(e) in statuses
            and (not filters or report_status(e) != keys.TOPIC_REVOKED_REPORT)  # indexed unfiltered only
            and all(report_dimensions(e).get(name) == value for name, value in filters.items())
            and lower <= iso(e.occurred_at) < upper
            and (after is None or _sort_key(e) > after)
        )
        chosen = [event.model_copy(deep=True) for _, event in rows[:limit]]
        more = len(rows) > limit
        next_cursor = encode_cursor({"q": scope, "a": _sort_key(chosen[-1])}) if more and chosen else None
        return ReportPage(chosen, next_cursor, len(chosen))
