"""Response bodies of the reports API: a page of rows, the summary and the failures report.

A row, the summary and the failures report are the services' own typed values (the daily job
writes the same values to files), answered as they are; only the page of rows is the API's.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from optout.services.report_rows import ReportRow
from optout.services.report_types import FailuresOut, SummaryOut

__all__ = ["FailuresOut", "ReportRow", "RowReportPage", "SummaryOut"]


class RowReportPage(BaseModel):
    model_config = ConfigDict(defer_build=True)

    rows: list[ReportRow]
    count: int
    next_cursor: str | None = None
