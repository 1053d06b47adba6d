"""`make report DATE=YYYY-MM-DD`: run the scheduled report job against the running local stack.

The running stack pumps its streams and queues into the functions itself, as Lambda's pollers
would (`local_stack.event_sources`), so this only does what the schedule would: it waits until the
stack has fed every stream record written so far to the functions (the counters are then up to
date), invokes the reports function with the scheduled event for DATE (which queues one message per
workspace), waits until the stack has drained that queue (each message writes one workspace's
files), then copies `reports/*/DATE/*` from the local S3 to ./reports/. Feeding nothing itself, it
can never count a record twice. It talks to the stack's moto server, whose URL the stack writes
to .local/demo.json, and reads what the stack has fed from the status file beside it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from local_stack import event_sources, lambdas, template
from local_stack.queue_driver import messages_waiting, queue_sources
from local_stack.queue_driver import sqs_record as sqs_record
from local_stack.stream_driver import StreamPump, stream_sources

DEFAULT_DEMO_FILE = template.ROOT / ".local" / "demo.json"
WAIT_SECONDS = 120.0
STEP_SECONDS = 0.2
GRACE_SECONDS = 3 * event_sources.IDLE_POLL_SECONDS


def drain_streams(session: Any, checkpoints: dict[str, dict[str, str]], *, only: str | None = None) -> int:
    """Hand every stream record after `checkpoints` to its subscribed functions (tests in one
    process use this), or to the function `only` names; `checkpoints` moves on. Returns the
    records handed over."""
    tmpl = template.load_template()
    if only is not None:  # the other functions' sources stay unread (their own checkpoints)
        resources = {name: r for name, r in tmpl["Resources"].items()
                     if r.get("Type") != "AWS::Serverless::Function" or name == only}
        tmpl = {**tmpl, "Resources": resources}
    driver = event_sources.EventSourceDriver(session, checkpoints=checkpoints, retry=0, queues=False, tmpl=tmpl)
    summary = driver.drain()
    checkpoints.update(driver.checkpoints())
    return sum(summary.records.values())


REPORT_JOB_SOURCE = "ReportsFunction/ReportJobQueue"  # the daily job's messages (a Summary key)


def drain_queues(session: Any) -> int:
    """Hand the subscribed queues' messages to their functions until they are empty, retrying a
    failure at once (its queue's redrive dead-letters it); returns the report job's messages
    handled (other queues, such as webhook deliveries, are drained but not counted)."""
    handled = event_sources.EventSourceDriver(session, retry=0, streams=False).drain().messages
    return handled.get(REPORT_JOB_SOURCE, 0)


def _stack_checkpoints(status_file: Path, moto_url: str) -> Mapping[str, Mapping[str, str]] | None:
    """The stream checkpoints the running stack's driver has reached, or None if it wrote none."""
    try:
        status = json.loads(status_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return status.get("streams") if status.get("moto_url") == moto_url else None


def wait_for_streams(session: Any, status_file: Path, moto_url: str, timeout: float = WAIT_SECONDS) -> bool:
    """Wait until the stack's driver has handed every stream record so far to its functions."""
    clients = tuple(session.client(name, region_name=template.LOCAL_REGION)
                    for name in ("dynamodb", "dynamodbstreams", "sqs", "sns"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fed = _stack_checkpoints(status_file, moto_url)
        if fed is not None and not any(
            StreamPump(clients, source, _never, event_sources.log, 0, dict(fed.get(source.key) or {})).unread()
            for source in stream_sources()
        ):
            return True
        time.sleep(STEP_SECONDS)
    return False


def wait_for_queues(session: Any, functions: set[str], timeout: float = WAIT_SECONDS) -> bool:
    """Wait until the queues subscribed by `functions` are empty (the stack's driver drains them)."""
    sqs = session.client("sqs", region_name=template.LOCAL_REGION)
    urls = [source.url for source in queue_sources() if source.function.logical_id in functions]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(messages_waiting(sqs, url) for url in urls):
            return True
        time.sleep(STEP_SECONDS)
    return False


def _never(spec: template.FunctionSpec, event: dict[str, Any]) -> Any:
    raise AssertionError("make report hands nothing to a function's stream or queue")


def _invoke(spec: template.FunctionSpec, event: dict[str, Any]) -> Any:
    return lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id))


def scheduled_event(day: date) -> dict[str, Any]:
    """The EventBridge event the schedule sends, as if it fired the morning after `day`."""
    fired = datetime(day.year, day.month, day.day, 1, 15, tzinfo=UTC) + timedelta(days=1)
    return {
        "version": "0",
        "id": "local-report",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": template.LOCAL_ACCOUNT,
        "time": fired.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": template.LOCAL_REGION,
        "resources": [],
        "detail": {},
    }


def schedule_targets() -> list[template.FunctionSpec]:
    return [spec for spec, _ in template.event_sources("Schedule")]


def download(session: Any, bucket: str, day: date, out: Path) -> list[Path]:
    """Copy reports/*/{day}/* to out/{workspace}/{day}/*."""
    s3 = session.client("s3", region_name=template.LOCAL_REGION)
    written = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="reports/"):
        for obj in page.get("Contents", []):
            parts = obj["Key"].split("/")
            if len(parts) != 4 or parts[2] != day.isoformat():
                continue
            target = out.joinpath(*parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read())
            written.append(target)
    return written


def reported(files: Sequence[Path]) -> tuple[int, int]:
    """The workspaces among the downloaded files and the opt-out rows of their CSVs."""
    csvs = [path for path in files if path.name == "opt-outs.csv"]
    rows = sum(sum(1 for _ in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))) for path in csvs)
    return len({path.parent.parent.name for path in files}), rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local_stack.report", description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=date.fromisoformat, required=True, help="the day to report (YYYY-MM-DD)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="where to copy the files (./reports)")
    parser.add_argument("--demo-file", type=Path, default=DEFAULT_DEMO_FILE)
    args = parser.parse_args(argv)
    try:
        moto_url = json.loads(args.demo_file.read_text())["moto_url"]
    except (OSError, ValueError, KeyError):
        print(f"no running local stack found ({args.demo_file}): start it with `make serve`", file=sys.stderr)
        return 1

    from local_stack.environment import configure_environment

    configure_environment(moto_url)
    import boto3

    session = boto3.Session()
    status_file = args.demo_file.parent / event_sources.STATUS_FILE
    if _stack_checkpoints(status_file, moto_url) is None:
        # A copy of the demo file elsewhere: the stack's status is not beside it. Its driver
        # polls at least every IDLE_POLL_SECONDS; give it a few polls.
        print(f"no {event_sources.STATUS_FILE} of this stack beside {args.demo_file}: "
              f"waiting {GRACE_SECONDS:.0f} s for the stack to feed its streams")
        time.sleep(GRACE_SECONDS)
    elif not wait_for_streams(session, status_file, moto_url):
        print("the running stack has not fed its streams to the functions in time; its log says why",
              file=sys.stderr)
        return 1
    else:
        print("the stack has fed every stream record to its functions")
    targets = schedule_targets()
    for spec in targets:
        result = _invoke(spec, scheduled_event(args.date))
        print(f"{spec.logical_id}: {json.dumps(result)}")
    if not wait_for_queues(session, {spec.logical_id for spec in targets}):
        print("the stack did not drain the job queue in time; its log says why", file=sys.stderr)
        return 1
    print("the stack has drained the job queue")
    bucket = os.environ["REPORTS_BUCKET"]
    files = download(session, bucket, args.date, args.out)
    for path in files:
        print(f"  {path}")
    workspaces, rows = reported(files)
    print(f"{workspaces} workspaces reported, {rows} opt-out rows; {len(files)} files in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
