"""The reports API: opt-out and opt-in rows (JSON pages or CSV), the summary and the failures report."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.reports import FailuresOut, RowReportPage, SummaryOut
from optout.api.schemas.revocations import RevocationsPage
from optout.errors import InvalidInput
from optout.models import ContactStatus, InitiatorType, Reason
from optout.observability import MetricUnit, metrics
from optout.services import report_ranges, report_rows, report_totals, revocations

router = Router()
MAX_JSON_ROWS = 1000
MAX_CSV_ROWS = 10_000  # about 3 MB of CSV, well under Lambda's 6 MB response
STATUS_FILES = {ContactStatus.OPTED_OUT: "opt-outs", ContactStatus.ACTIVE: "opt-ins"}
From = Annotated[str, Query(alias="from", description="ISO date or time (UTC), included", max_length=40)]
To = Annotated[str, Query(alias="to", description="ISO date (included) or time (excluded), UTC", max_length=40)]
Inbox = Annotated[str | None, Query(description="only this inbox (E.164; encode + as %2B)", max_length=20)]
Limit = Annotated[int | None, Query(ge=1, le=MAX_CSV_ROWS, description="rows a page: 100 (JSON) or 10,000 (CSV)")]
Cursor = Annotated[str | None, Query(max_length=2000)]
Format = Annotated[Literal["json", "csv"], Query(alias="format")]

# One function serves both row reports: they differ only in the status they list.
ROW_REPORT_STATUS = {"/v1/reports/opt-outs": ContactStatus.OPTED_OUT, "/v1/reports/opt-ins": ContactStatus.ACTIVE}
# format=json answers a page of rows; format=csv the same rows as a file (X-Next-Cursor when more).
ROW_REPORT_CONTENT = {"application/json": {"model": RowReportPage}, "text/csv": {"schema": {"type": "string"}}}


def _row_report(
    status: ContactStatus,
    start: str,
    end: str,
    inbox: str | None,
    reason: Reason | None,
    initiator: InitiatorType | None,
    limit: int | None,
    cursor: str | None,
    output: str,
) -> Response[Any]:
    lower, upper = report_ranges.parse_range(start, end)
    if inbox is not None:
        inbox = inbox.strip()  # a "+" sent unencoded arrives as a space
        inbox = inbox if inbox.startswith("+") else "+" + inbox
    query = report_rows.RowQuery(status, lower, upper, inbox=inbox, reason=reason, initiator=initiator)
    ceiling = MAX_CSV_ROWS if output == "csv" else MAX_JSON_ROWS
    if limit is not None and limit > ceiling:
        raise InvalidInput(f"limit is at most {ceiling} for format={output}", details={"field": "limit"})
    page = report_rows.row_report(
        principal_of(router).workspace_id, query, limit=limit or (ceiling if output == "csv" else 100), cursor=cursor
    )
    metrics.add_metric(name="ReportRows", unit=MetricUnit.Count, value=len(page.rows))
    if output == "csv":
        headers = {"Content-Disposition": f'attachment; filename="{STATUS_FILES[status]}.csv"'}
        if page.next_cursor:
            headers["X-Next-Cursor"] = page.next_cursor
        return Response(200, "text/csv; charset=utf-8", report_rows.rows_to_csv(page.rows), headers=headers)
    body = RowReportPage(rows=page.rows, count=len(page.rows), next_cursor=page.next_cursor)
    return Response(200, "application/json", body.model_dump_json())


@router.get(
    "/v1/reports/opt-outs",
    summary="Opt-outs: phone, inbox, time, reason, initiator and message",
    responses=responses(content=ROW_REPORT_CONTENT),
)
@router.get(
    "/v1/reports/opt-ins",
    summary="Opt-ins: re-subscriptions and admin opt-backs",
    responses=responses(content=ROW_REPORT_CONTENT),
)
def row_report(
    start: From,
    end: To,
    inbox: Inbox = None,
    reason: Annotated[Reason | None, Query()] = None,
    initiator: Annotated[InitiatorType | None, Query()] = None,
    limit: Limit = None,
    cursor: Cursor = None,
    output: Format = "json",
) -> Response[Any]:
    status = ROW_REPORT_STATUS[router.current_event.raw_event["resource"]]
    return _row_report(status, start, end, inbox, reason, initiator, limit, cursor, output)


@router.get(
    "/v1/reports/summary",
    summary="Opt-outs, opt-ins and blocks per day by reason and inbox; status totals",
    responses=responses(),
)
def summary_report(start: From, end: To) -> SummaryOut:
    return report_totals.summary(principal_of(router).workspace_id, *report_ranges.parse_days(start, end))


@router.get(
    "/v1/reports/failures",
    summary="Failed deliveries by failure class and error code, per day and broadcast",
    responses=responses(),
)
def failures_report(start: From, end: To) -> FailuresOut:
    return report_totals.failures(principal_of(router).workspace_id, *report_ranges.parse_days(start, end))


@router.get(
    "/v1/reports/revocations",
    summary="Revocations received in a range: phone, reason, received_at, honour_by, still suppressed",
    responses=responses(),
)
def revocations_report(
    start: From,
    end: To,
    limit: Annotated[int | None, Query(ge=1, le=MAX_JSON_ROWS, description="rows a page (100)")] = None,
    cursor: Cursor = None,
) -> RevocationsPage:
    lower, upper = report_ranges.parse_range(start, end)
    page = revocations.revocation_report(
        principal_of(router).workspace_id, lower, upper, limit=limit or 100, cursor=cursor
    )
    return RevocationsPage(rows=page.rows, count=len(page.rows), next_cursor=page.next_cursor)
