"""Row reports: a workspace's opt-outs (or opt-ins), who, where, when and why, oldest first.

The rows come from the events table's Report* indexes, a page at a time (repository.report_pages
merges the index's shards); the API answers them as JSON or CSV, and the daily job writes them.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from optout import repository
from optout.models import ConsentEvent, ContactStatus, InitiatorType, Reason, iso


@dataclass(frozen=True)
class RowQuery:
    status: ContactStatus  # OPTED_OUT: the opt-out report; ACTIVE: the opt-in report
    start: datetime
    end: datetime  # exclusive
    inbox: str | None = None
    reason: Reason | None = None
    initiator: InitiatorType | None = None

    @property
    def filters(self) -> dict[str, str]:
        values = {"inbox": self.inbox, "reason": self.reason, "initiator": self.initiator}
        return {name: str(value) for name, value in values.items() if value}

    def fingerprint(self, workspace_id: str) -> str:
        text = json.dumps([workspace_id, self.status, iso(self.start), iso(self.end), self.filters], sort_keys=True)
        return format(zlib.crc32(text.encode()), "08x")


class ReportRow(BaseModel):
    """One opt-out or opt-in: who, where, when, why, by whom and the message that caused it."""

    model_config = ConfigDict(defer_build=True)  # built on the first row: stream batches never make one

    occurred_at: datetime
    phone: str
    inbox: str | None = None
    status: ContactStatus
    previous_status: ContactStatus | None = None
    reason: Reason
    initiator_type: InitiatorType
    initiator_id: str | None = None
    initiator_name: str | None = None
    message_id: str | None = None
    message_text: str | None = None
    note: str | None = None
    event_id: str

    @classmethod
    def of(cls, event: ConsentEvent) -> ReportRow:
        data = event.model_dump(exclude={"initiator", "decision", "workspace_id"})
        return cls(
            **data,
            initiator_type=event.initiator.type,
            initiator_id=event.initiator.id,
            initiator_name=event.initiator.name,
        )


CSV_COLUMNS = list(ReportRow.model_fields)


@dataclass
class RowPage:
    rows: list[ReportRow]
    next_cursor: str | None
    items_read: int


def row_report(workspace_id: str, query: RowQuery, *, limit: int, cursor: str | None = None) -> RowPage:
    """One page of a workspace's opt-out (or opt-in) report, oldest first, with an opaque cursor.
    A cursor belongs to one workspace and one query: the repository never resumes another's."""
    page = repository.read_report_page(
        workspace_id,
        query.status.value,
        query.filters,
        query.start,
        query.end,
        limit=limit,
        cursor=cursor,
        scope=query.fingerprint(workspace_id),
    )
    return RowPage([ReportRow.of(e) for e in page.events], page.next_cursor, page.items_read)


def iter_rows(workspace_id: str, query: RowQuery, *, page_size: int = 1000) -> Iterator[ReportRow]:
    """Every row of a report, page by page (the scheduled job's CSV)."""
    cursor = None
    while True:
        page = row_report(workspace_id, query, limit=page_size, cursor=cursor)
        yield from page.rows
        cursor = page.next_cursor
        if cursor is None:
            return


def rows_to_csv(rows: Iterable[ReportRow], *, header: bool = True) -> str:
    """Report rows as CSV, every cell spreadsheet-safe (the API's format=csv and the daily job's file)."""
    from optout import csv_export  # loaded by the first CSV, not by every JSON page

    dumped = (row.model_dump() for row in rows)
    return csv_export.to_csv(CSV_COLUMNS if header else None, ([values[n] for n in CSV_COLUMNS] for values in dumped))
