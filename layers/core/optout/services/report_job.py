"""The scheduled report job: for every workspace, the previous day's reports in S3.

Writes `reports/{workspace}/{date}/opt-outs.csv`, `summary.json` (the 30 days to `date`) and
`summary.svg` (opt-outs per day by reason over those 30 days). Each object is written whole with
one PutObject, so running the job again for a day replaces the files, never appends to them.
Workspaces come from the WORKSPACES partition of the accounts table (a Query, never a Scan).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import boto3

from optout import repository
from optout.models import ContactStatus
from optout.observability import MetricUnit, logger, metrics
from optout.report_svg import opt_outs_chart
from optout.services import reports

CHART_DAYS = 30


@cache
def s3_client() -> Any:
    return boto3.client("s3")


def reports_bucket() -> str:
    return os.environ["REPORTS_BUCKET"]


def report_prefix(workspace_id: str, day: date) -> str:
    return f"reports/{workspace_id}/{day.isoformat()}/"


def workspace_files(workspace_id: str, day: date) -> tuple[dict[str, tuple[bytes, str]], int]:
    """The three files of one workspace and day, and the opt-out rows written."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    query = reports.RowQuery(ContactStatus.OPTED_OUT, start, start + timedelta(days=1))
    rows = list(reports.iter_rows(workspace_id, query))
    summary = {"date": day.isoformat(), **reports.summary(workspace_id, day - timedelta(days=CHART_DAYS - 1), day)}
    chart = opt_outs_chart(summary["days"], title=f"Opt-outs per day by reason, {summary['from']} to {summary['to']}")
    files = {
        "opt-outs.csv": (reports.rows_to_csv(rows).encode(), "text/csv; charset=utf-8"),
        "summary.json": (json.dumps(summary, indent=2).encode(), "application/json"),
        "summary.svg": (chart.encode(), "image/svg+xml"),
    }
    return files, len(rows)


def run_job(day: date) -> dict[str, Any]:
    """Write `day`'s reports of every workspace; returns what it processed."""
    bucket = reports_bucket()
    workspaces = rows = 0
    logger.info("report job started", extra={"date": day.isoformat()})
    for workspace_id in repository.iter_workspace_ids():
        files, written = workspace_files(workspace_id, day)
        prefix = report_prefix(workspace_id, day)
        for name, (body, content_type) in files.items():
            s3_client().put_object(Bucket=bucket, Key=prefix + name, Body=body, ContentType=content_type)
        workspaces += 1
        rows += written
        logger.info("workspace reported", extra={"workspace_id": workspace_id, "date": day.isoformat(), "rows": written})
    metrics.add_metric(name="ReportWorkspaces", unit=MetricUnit.Count, value=workspaces)
    metrics.add_metric(name="ReportJobRows", unit=MetricUnit.Count, value=rows)
    logger.info("report job finished", extra={"date": day.isoformat(), "workspaces": workspaces, "rows": rows})
    return {"date": day.isoformat(), "workspaces": workspaces, "rows": rows}


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
    return run_job(scheduled_day(event))
