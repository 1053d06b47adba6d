"""What the summary and failures reports are: typed values, answered by the API as they are
(api/schemas/reports.py lists them among the reports API's bodies) and written by the daily job.

Field order is the JSON's order. `from` is a keyword in Python: the range's fields carry the JSON
names as aliases. Each model builds its validator on first use (`defer_build`), so a function that
loads this module and never answers a summary (stream batches, the row reports) never pays for it.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Deferred(BaseModel):
    model_config = ConfigDict(defer_build=True)


class _Range(_Deferred):
    model_config = ConfigDict(populate_by_name=True, defer_build=True)

    start: dt.date = Field(alias="from", description="The first day, included.")
    end: dt.date = Field(alias="to", description="The last day, included.")


class Breakdown(_Deferred):
    total: int
    by_reason: dict[str, int] = Field(description="Counts by reason, sorted by reason.")
    by_inbox: dict[str, int] = Field(description="Counts by inbox (`none` when there was none), sorted.")


class StatusBreakdowns(_Deferred):
    opt_outs: Breakdown
    opt_ins: Breakdown
    blocks: Breakdown


class SummaryDay(_Deferred):
    date: dt.date  # first, as the answer has always listed it
    opt_outs: Breakdown
    opt_ins: Breakdown
    blocks: Breakdown


class ContactsByStatus(_Deferred):
    active: int
    opted_out: int
    blocked: int


class SummaryOut(_Range):
    days: list[SummaryDay] = Field(description="Every day of the range, oldest first.")
    totals: StatusBreakdowns = Field(description="The range's days added up.")
    contacts_at_end: ContactsByStatus = Field(description="Contacts by status at the end of the last day.")


class FailureCounts(_Deferred):
    failed: int
    by_class: dict[str, int] = Field(description="Failures by failure class (transient, permanent, carrier_opt_out).")
    by_error_code: dict[str, dict[str, int]] = Field(
        description="Failures by failure class, then by carrier error code."
    )


class OptOutsCaused(_Deferred):
    carrier: int
    failed_delivery: int


class FailureDay(_Deferred):
    date: dt.date
    failed: int
    by_class: dict[str, int]
    by_error_code: dict[str, dict[str, int]]
    opt_outs_caused: OptOutsCaused = Field(description="Opt-outs that day from carrier signals and failed deliveries.")


class BroadcastFailureCounts(_Deferred):
    date: dt.date
    broadcast_id: str
    failed: int
    by_class: dict[str, int]
    by_error_code: dict[str, dict[str, int]]


class FailuresOut(_Range):
    days: list[FailureDay] = Field(description="The days with failures or failure opt-outs, oldest first.")
    broadcasts: list[BroadcastFailureCounts] = Field(description="Failures of messages sent in a broadcast, by day.")
    totals: FailureCounts
