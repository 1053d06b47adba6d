"""Response bodies of the reports API: a page of rows, the summary and the failures report.

The service computes the summary and failures as plain data (the daily job writes the same data
to files); these models type the API's answers and document them, field for field in that order.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from optout.services.reports import ReportRow


class RowReportPage(BaseModel):
    rows: list[ReportRow]
    count: int
    next_cursor: str | None = None


class _Range(BaseModel):
    # `from` is a keyword in Python: the fields carry the JSON names as aliases.
    model_config = ConfigDict(populate_by_name=True)

    start: dt.date = Field(alias="from", description="The first day, included.")
    end: dt.date = Field(alias="to", description="The last day, included.")


class Breakdown(BaseModel):
    total: int
    by_reason: dict[str, int] = Field(description="Counts by reason, sorted by reason.")
    by_inbox: dict[str, int] = Field(description="Counts by inbox (`none` when there was none), sorted.")


class StatusBreakdowns(BaseModel):
    opt_outs: Breakdown
    opt_ins: Breakdown
    blocks: Breakdown


class SummaryDay(BaseModel):
    date: dt.date  # first, as the answer has always listed it
    opt_outs: Breakdown
    opt_ins: Breakdown
    blocks: Breakdown


class ContactsByStatus(BaseModel):
    active: int
    opted_out: int
    blocked: int


class SummaryOut(_Range):
    days: list[SummaryDay] = Field(description="Every day of the range, oldest first.")
    totals: StatusBreakdowns = Field(description="The range's days added up.")
    contacts_at_end: ContactsByStatus = Field(description="Contacts by status at the end of the last day.")


class FailureCounts(BaseModel):
    failed: int
    by_class: dict[str, int] = Field(description="Failures by failure class (transient, permanent, carrier_opt_out).")
    by_error_code: dict[str, dict[str, int]] = Field(description="Failures by failure class, then by carrier error code.")


class OptOutsCaused(BaseModel):
    carrier: int
    failed_delivery: int


class FailureDay(BaseModel):
    date: dt.date
    failed: int
    by_class: dict[str, int]
    by_error_code: dict[str, dict[str, int]]
    opt_outs_caused: OptOutsCaused = Field(description="Opt-outs that day from carrier signals and failed deliveries.")


class BroadcastFailureCounts(BaseModel):
    date: dt.date
    broadcast_id: str
    failed: int
    by_class: dict[str, int]
    by_error_code: dict[str, dict[str, int]]


class FailuresOut(_Range):
    days: list[FailureDay] = Field(description="The days with failures or failure opt-outs, oldest first.")
    broadcasts: list[BroadcastFailureCounts] = Field(description="Failures of messages sent in a broadcast, by day.")
    totals: FailureCounts
