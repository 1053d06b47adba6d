"""The daily report job, fanned out: the schedule queues one message per workspace, and each
message writes that workspace's reports of the day to S3.

The scheduled event Queries the workspaces (the WORKSPACES partition of the accounts table, never a
Scan) and sends `{"workspace_id": ..., "date": "YYYY-MM-DD"}` per workspace to the report job
queue. The queue's messages reach the reports function in batches; each writes
`reports/{workspace}/{date}/opt-outs.csv`, `summary.json` (the 30 days to `date`) and
`summary.svg` (opt-outs per day by reason over those 30 days). A workspace that fails is retried
alone (partial batch response) and goes to the dead-letter queue after the queue's
maxReceiveCount; the others are not held up. Each object is written whole with one PutObject, so
running a day again (or a redelivered message) replaces the files, never appends to them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from optout import repository
from optout.config import settings
from optout.models import ContactStatus
from optout.observability import MetricUnit, logger, metrics
from optout.report_svg import opt_outs_chart
from optout.repository import queues
from optout.services import report_rows, report_totals

CHART_DAYS = 30


# Some workspaces' messages could not be queued: the schedule's invocation fails, so the scheduled
# run is retried (workspaces queued twice just rewrite the same files).
QueueingFailed = queues.QueueingFailed


class WorkspaceDay(BaseModel):
    """One report job message: write this workspace's reports of this day."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    workspace_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")  # becomes part of the S3 keys
    date: date


@cache
def s3_client() -> Any:
    return boto3.client("s3")


@cache
def sqs_client() -> Any:
    return boto3.client("sqs")


def reports_bucket() -> str:
    return settings().require("reports_bucket")


def job_queue_url() -> str:
    return settings().require("report_job_queue_url")


def report_prefix(workspace_id: str, day: date) -> str:
    return f"reports/{workspace_id}/{day.isoformat()}/"


def workspace_files(workspace_id: str, day: date) -> tuple[dict[str, tuple[bytes, str]], int]:
    """The three files of one workspace and day, and the opt-out rows written."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    query = report_rows.RowQuery(ContactStatus.OPTED_OUT, start, start + timedelta(days=1))
    rows = list(report_rows.iter_rows(workspace_id, query))
    totals = report_totals.summary(workspace_id, day - timedelta(days=CHART_DAYS - 1), day)
    summary = {"date": day.isoformat(), **totals.model_dump(mode="json", by_alias=True)}  # the API's JSON
    chart = opt_outs_chart(summary["days"], title=f"Opt-outs per day by reason, {summary['from']} to {summary['to']}")
    files = {
        "opt-outs.csv": (report_rows.rows_to_csv(rows).encode(), "text/csv; charset=utf-8"),
        "summary.json": (json.dumps(summary, indent=2).encode(), "application/json"),
        "summary.svg": (chart.encode(), "image/svg+xml"),
    }
    return files, len(rows)


def report_workspace(workspace_id: str, day: date) -> int:
    """Write `day`'s files of one workspace, synchronously; returns the opt-out rows written."""
    files, rows = workspace_files(workspace_id, day)
    prefix = report_prefix(workspace_id, day)
    for name, (body, content_type) in files.items():
        s3_client().put_object(Bucket=reports_bucket(), Key=prefix + name, Body=body, ContentType=content_type)
    logger.info("workspace reported", extra={"workspace_id": workspace_id, "date": day.isoformat(), "rows": rows})
    metrics.add_metric(name="ReportWorkspaces", unit=MetricUnit.Count, value=1)
    metrics.add_metric(name="ReportJobRows", unit=MetricUnit.Count, value=rows)
    return rows


# --- the schedule: one message per workspace ----------------------------------------------------


def _send(bodies: list[str]) -> None:
    """Queue up to 10 bodies (repository.queues sends refused entries again, then raises)."""
    queues.send_bodies(job_queue_url(), bodies, what="report job", client=sqs_client())


def queue_workspaces(day: date, workspace_ids: Iterable[str] | None = None) -> int:
    """Queue one message per workspace (every workspace by default) for `day`; returns how many."""
    ids = repository.iter_workspace_ids() if workspace_ids is None else workspace_ids
    queued = 0
    batch: list[str] = []
    for workspace_id in ids:
        batch.append(WorkspaceDay(workspace_id=workspace_id, date=day).model_dump_json())
        if len(batch) == queues.SEND_BATCH:
            _send(batch)
            queued, batch = queued + len(batch), []
    if batch:
        _send(batch)
        queued += len(batch)
    return queued


def scheduled_day(event: dict[str, Any]) -> date:
    """The day to report: `detail.date` if given (a manual re-run), else the day before the
    schedule fired."""
    detail = event.get("detail") or {}
    if isinstance(detail, dict) and detail.get("date"):
        return date.fromisoformat(str(detail["date"]))
    fired = event.get("time")
    now = datetime.fromisoformat(fired.replace("Z", "+00:00")) if isinstance(fired, str) else datetime.now(UTC)
    return now.astimezone(UTC).date() - timedelta(days=1)


def run_scheduled(event: dict[str, Any]) -> dict[str, Any]:
    """The scheduled event: queue the day's report of every workspace (writes nothing itself)."""
    day = scheduled_day(event)
    queued = queue_workspaces(day)
    logger.info("report job queued", extra={"date": day.isoformat(), "workspaces_queued": queued})
    metrics.add_metric(name="ReportWorkspacesQueued", unit=MetricUnit.Count, value=queued)
    return {"date": day.isoformat(), "workspaces_queued": queued}


# --- the queue: one workspace per message -------------------------------------------------------


def _report_message(record: SQSRecord) -> int:
    try:
        message = WorkspaceDay.model_validate_json(record.body)
    except ValidationError as exc:
        # It would fail the same way on every delivery: drop it (logged), never retry it.
        logger.error(
            "malformed report job message dropped",
            extra={"message_id": record.message_id, "errors": exc.errors(include_url=False, include_input=False)},
        )
        metrics.add_metric(name="ReportMessagesDropped", unit=MetricUnit.Count, value=1)
        return 0
    try:
        return report_workspace(message.workspace_id, message.date)
    except Exception:
        logger.exception(
            "workspace report failed; its message will be retried",
            extra={
                "workspace_id": message.workspace_id,
                "date": message.date.isoformat(),
                "message_id": record.message_id,
                "receive_count": record.attributes.approximate_receive_count,
            },
        )
        raise


def process_queue_batch(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """An SQS batch of report job messages; the partial batch response lists the failed ones,
    so only they are retried."""
    processor = BatchProcessor(event_type=EventType.SQS)
    return dict(process_partial_response(event=event, record_handler=_report_message, processor=processor, context=context))
