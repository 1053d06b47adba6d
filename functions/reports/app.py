"""Reports function: the reports API, the counters kept from the table streams, and the daily job.

One handler serves four kinds of event: API Gateway requests (the reports), DynamoDB stream
batches (counters), the EventBridge schedule (queues the job: one message per workspace) and SQS
batches of the job queue (each message writes one workspace's files). The job and its SVG chart
are imported only when a schedule or queue event arrives, so API requests never pay for them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel

from optout.api.http import build_app, handle_api, principal_of
from optout.api.openapi import responses
from optout.errors import InvalidInput
from optout.models import ContactStatus, InitiatorType, Reason
from optout.observability import MetricUnit, logger, metrics, tracer
from optout.services import reports

app = build_app("Opt-out service: reports API")
MAX_JSON_ROWS = 1000
MAX_CSV_ROWS = 10_000  # about 3 MB of CSV, well under Lambda's 6 MB response


class RowReportPage(BaseModel):
    rows: list[reports.ReportRow]
    count: int
    next_cursor: str | None = None


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
    lower, upper = reports.parse_range(start, end)
    if inbox is not None:
        inbox = inbox.strip()  # a "+" sent unencoded arrives as a space
        inbox = inbox if inbox.startswith("+") else "+" + inbox
    query = reports.RowQuery(status, lower, upper, inbox=inbox, reason=reason, initiator=initiator)
    ceiling = MAX_CSV_ROWS if output == "csv" else MAX_JSON_ROWS
    if limit is not None and limit > ceiling:
        raise InvalidInput(f"limit is at most {ceiling} for format={output}", details={"field": "limit"})
    page = reports.row_report(principal_of(app).workspace_id, query, limit=limit or (ceiling if output == "csv" else 100), cursor=cursor)
    metrics.add_metric(name="ReportRows", unit=MetricUnit.Count, value=len(page.rows))
    if output == "csv":
        headers = {"Content-Disposition": f'attachment; filename="{STATUS_FILES[status]}.csv"'}
        if page.next_cursor:
            headers["X-Next-Cursor"] = page.next_cursor
        return Response(200, "text/csv; charset=utf-8", reports.rows_to_csv(page.rows), headers=headers)
    body = RowReportPage(rows=page.rows, count=len(page.rows), next_cursor=page.next_cursor)
    return Response(200, "application/json", body.model_dump_json())


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


@app.get(
    "/v1/reports/opt-outs",
    summary="Opt-outs: phone, inbox, time, reason, initiator and message",
    responses=responses(content=ROW_REPORT_CONTENT),
)
@app.get(
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
    status = ROW_REPORT_STATUS[app.current_event.resource]
    return _row_report(status, start, end, inbox, reason, initiator, limit, cursor, output)


@app.get(
    "/v1/reports/summary",
    summary="Opt-outs, opt-ins and blocks per day by reason and inbox; status totals",
    responses=responses(),
)
def summary_report(start: From, end: To) -> dict[str, Any]:
    return reports.summary(principal_of(app).workspace_id, *reports.parse_days(start, end))


@app.get(
    "/v1/reports/failures",
    summary="Failed deliveries by failure class and error code, per day and broadcast",
    responses=responses(),
)
def failures_report(start: From, end: To) -> dict[str, Any]:
    return reports.failures(principal_of(app).workspace_id, *reports.parse_days(start, end))


def _on_stream(event: dict[str, Any]) -> dict[str, Any]:
    records = event.get("Records") or []
    updated = reports.apply_stream_records(records)
    logger.info("counters updated", extra={"records": len(records), "counter_items": updated})
    metrics.add_metric(name="CounterRecords", unit=MetricUnit.Count, value=len(records))
    return {"records": len(records), "counter_items": updated}


def _on_schedule(event: dict[str, Any]) -> dict[str, Any]:
    from optout.services import report_job  # the job and its chart load only for the job's events

    return report_job.run_scheduled(event)


def _on_queue(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    from optout.services import report_job

    return report_job.process_queue_batch(event, context)


def _kind(event: dict[str, Any]) -> str:
    records = event.get("Records")
    if isinstance(records, list) and records and isinstance(records[0], dict):
        source = records[0].get("eventSource")
        if source == "aws:dynamodb":
            return "stream"
        if source == "aws:sqs":
            return "queue"
    if event.get("source") == "aws.events" or event.get("detail-type") == "Scheduled Event":
        return "schedule"
    return "api"


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    kind = _kind(event)
    if kind == "stream":
        return _on_stream(event)
    if kind == "schedule":
        return _on_schedule(event)
    if kind == "queue":
        return _on_queue(event, context)
    logger.set_correlation_id((event.get("requestContext") or {}).get("requestId"))
    return handle_api(app, event, context)
