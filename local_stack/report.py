"""`make report DATE=YYYY-MM-DD`: run the scheduled report job against the running local stack.

The local stack has no stream or queue poller and no scheduler, so this does their work once, with
the real handler: it feeds the tables' new stream records (since the last run) to the functions
that template.yaml subscribes to them, as Lambda's poller would, then invokes the reports function
with the scheduled event for DATE (which queues one message per workspace), then drains the queues
that template.yaml subscribes functions to, as Lambda's SQS poller would (each message writes one
workspace's files), then copies `reports/*/DATE/*` from the local S3 to ./reports/.
It talks to the stack's moto server, whose URL the stack writes to .local/demo.json.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from local_stack import lambdas, template

DEFAULT_DEMO_FILE = template.ROOT / ".local" / "demo.json"
CHECKPOINTS_FILE = "stream-checkpoints.json"  # kept beside the stack's demo file
BATCH_SIZE = 1000
MAX_RECEIVES = 5  # tries of a message whose queue has no RedrivePolicy (else its maxReceiveCount)


def stream_subscriptions() -> list[tuple[template.FunctionSpec, str]]:
    """(function, table logical id) for every `Type: DynamoDB` event source in the template."""
    found = []
    for spec, props in template.event_sources("DynamoDB"):
        stream = props.get("Stream") or {}
        table = (stream.get("Fn::GetAtt") or [None])[0]
        if table:
            found.append((spec, table))
    return found


def stream_records(session: Any, table: str, checkpoints: dict[str, str]) -> Iterator[dict[str, Any]]:
    """The table's stream records after `checkpoints` (shard id -> last sequence number), in the
    Lambda event's record shape; `checkpoints` moves on as records are yielded."""
    dynamodb = session.client("dynamodb", region_name=template.LOCAL_REGION)
    streams = session.client("dynamodbstreams", region_name=template.LOCAL_REGION)
    arn = dynamodb.describe_table(TableName=table)["Table"].get("LatestStreamArn")
    if not arn:
        return
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        shard_id = shard["ShardId"]
        position: dict[str, Any] = {"ShardIteratorType": "TRIM_HORIZON"}
        if shard_id in checkpoints:
            position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": checkpoints[shard_id]}
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, **position)["ShardIterator"]
        while iterator:
            response = streams.get_records(ShardIterator=iterator, Limit=BATCH_SIZE)
            for record in response["Records"]:
                checkpoints[shard_id] = record["dynamodb"]["SequenceNumber"]
                yield {**record, "eventSource": "aws:dynamodb", "eventSourceARN": arn}
            if not response["Records"]:
                break
            iterator = response.get("NextShardIterator")


def drain_streams(
    session: Any,
    checkpoints: dict[str, dict[str, str]],
    invoke: Callable[[template.FunctionSpec, dict[str, Any]], Any] | None = None,
) -> int:
    """Hand every new stream record to its subscribed function in batches; returns the records."""
    invoke = invoke or _invoke
    total = 0
    for spec, table in stream_subscriptions():
        batch: list[dict[str, Any]] = []
        for record in stream_records(session, table, checkpoints.setdefault(f"{spec.logical_id}/{table}", {})):
            batch.append(record)
            if len(batch) == BATCH_SIZE:
                invoke(spec, {"Records": batch})
                total, batch = total + len(batch), []
        if batch:
            invoke(spec, {"Records": batch})
            total += len(batch)
    return total


def queue_subscriptions() -> list[tuple[template.FunctionSpec, str, int]]:
    """(function, queue logical id, batch size) for every `Type: SQS` event source in the template."""
    found = []
    for spec, props in template.event_sources("SQS"):
        queue = props.get("Queue") or {}
        logical = (queue.get("Fn::GetAtt") or [None])[0] if isinstance(queue, dict) else None
        if logical:
            found.append((spec, logical, int(props.get("BatchSize") or 10)))
    return found


def sqs_record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    """A received SQS message in the shape Lambda's SQS event gives it."""
    attributes = {}
    for name, value in (message.get("MessageAttributes") or {}).items():
        attributes[name] = {
            "stringValue": value.get("StringValue"),
            "binaryValue": value.get("BinaryValue"),
            "stringListValues": value.get("StringListValues", []),
            "binaryListValues": value.get("BinaryListValues", []),
            "dataType": value.get("DataType"),
        }
        attributes[name] = {k: v for k, v in attributes[name].items() if v is not None}
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": dict(message.get("Attributes") or {}),
        "messageAttributes": attributes,
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": template.LOCAL_REGION,
    }


def drain_queues(
    session: Any, invoke: Callable[[template.FunctionSpec, dict[str, Any]], Any] | None = None
) -> int:
    """Lambda's SQS poller: hand each subscribed queue's messages to its function in batches
    until the queue is empty, deleting the messages the function did not report in
    `batchItemFailures` (none when it raises: Lambda retries the whole batch then). A failed
    message is received again at once, up to the queue's maxReceiveCount times; then the queue's
    redrive (moto's, at the next receive) moves it to the dead-letter queue, as SQS would. Without a
    RedrivePolicy, it is left in flight after MAX_RECEIVES tries. Returns the messages handled
    (deleted)."""
    invoke = invoke or _invoke
    sqs = session.client("sqs", region_name=template.LOCAL_REGION)
    tmpl = template.load_template()
    queues = template.resources(tmpl, "AWS::SQS::Queue")
    handled = 0
    for spec, queue, batch_size in queue_subscriptions():
        url = template.resolve({"Ref": queue}, tmpl)
        arn = template.resolve({"Fn::GetAtt": [queue, "Arn"]}, tmpl)
        redrive = queues.get(queue, {}).get("RedrivePolicy") or {}
        max_receives = int(redrive.get("maxReceiveCount", MAX_RECEIVES))
        failures: dict[str, int] = {}
        while True:
            messages = sqs.receive_message(
                QueueUrl=url,
                MaxNumberOfMessages=min(batch_size, 10),
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
                WaitTimeSeconds=0,
            ).get("Messages", [])
            if not messages:
                break
            try:
                response = invoke(spec, {"Records": [sqs_record(m, arn) for m in messages]})
                failed = {f["itemIdentifier"] for f in (response or {}).get("batchItemFailures") or []}
            except Exception as exc:  # Lambda retries the whole batch when the function fails
                print(f"{spec.logical_id} failed on a batch of {len(messages)} messages: {exc!r}", file=sys.stderr)
                failed = {m["MessageId"] for m in messages}
            for message in messages:
                if message["MessageId"] not in failed:
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                    handled += 1
                    continue
                count = failures[message["MessageId"]] = failures.get(message["MessageId"], 0) + 1
                if count == max_receives:
                    where = "to the dead-letter queue" if redrive else "left in flight"
                    print(f"{queue}: gave up on message {message['MessageId']} after {count} failures ({where})",
                          file=sys.stderr)
                if count < max_receives or (count == max_receives and redrive):
                    sqs.change_message_visibility(
                        QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
                    )
    return handled


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


def _load_checkpoints(path: Path, moto_url: str) -> dict[str, dict[str, str]]:
    try:
        saved = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    # A restarted stack has a new moto (and empty streams): its old checkpoints mean nothing.
    return saved.get("streams", {}) if saved.get("moto_url") == moto_url else {}


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
    checkpoints_file = args.demo_file.parent / CHECKPOINTS_FILE
    checkpoints = _load_checkpoints(checkpoints_file, moto_url)
    fed = drain_streams(session, checkpoints)
    checkpoints_file.write_text(json.dumps({"moto_url": moto_url, "streams": checkpoints}))
    print(f"fed {fed} new stream records to their functions")
    for spec in schedule_targets():
        result = _invoke(spec, scheduled_event(args.date))
        print(f"{spec.logical_id}: {json.dumps(result)}")
    handled = drain_queues(session)
    print(f"drained the job queue: {handled} messages handled")
    bucket = os.environ["REPORTS_BUCKET"]
    files = download(session, bucket, args.date, args.out)
    for path in files:
        print(f"  {path}")
    workspaces, rows = reported(files)
    print(f"{workspaces} workspaces reported, {rows} opt-out rows; {len(files)} files in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
