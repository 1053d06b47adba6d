"""Lambda's DynamoDB stream poller, locally: one `StreamPump` per `Type: DynamoDB` event source.

Each poll reads every shard of the table's stream from its checkpoint, in batches of the event's
BatchSize, and invokes the function with Lambda's DynamoDB event. A failed batch (the function
raised, or named records in `batchItemFailures` with ReportBatchItemFailures) is retried as the
same batch, from the same position, after `retry_seconds`, up to MaximumRetryAttempts times (no
limit when the template sets none, as on Lambda). Then, as Lambda does, the batch's description
goes to the event's `DestinationConfig.OnFailure.Destination` (a queue or a topic) if it has one,
and the shard moves on. A shard's checkpoint is the last sequence number handed over for good.
Not emulated: the batching window (batches go at once) and bisecting a failed batch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from local_stack import template

Invoke = Callable[[template.FunctionSpec, dict[str, Any]], Any]
Log = Callable[..., None]
DEFAULT_BATCH_SIZE = 100


@dataclass(frozen=True)
class StreamSource:
    """One `Type: DynamoDB` event: the function, its table (logical id) and its settings."""

    function: template.FunctionSpec
    table: str
    batch_size: int
    starting_position: str  # TRIM_HORIZON or LATEST
    max_retries: int | None  # None: retry until it succeeds
    on_failure: str | None  # the resolved ARN of the on-failure destination
    partial_batch: bool

    @property
    def key(self) -> str:
        """The checkpoints' key: the same subscription after a restart has the same key."""
        return f"{self.function.logical_id}/{self.table}"


def stream_sources(tmpl: dict[str, Any] | None = None) -> list[StreamSource]:
    """Every `Type: DynamoDB` event source of the template whose stream is a table's StreamArn."""
    tmpl = tmpl or template.load_template()
    found = []
    for spec, props in template.event_sources("DynamoDB", tmpl):
        stream = props.get("Stream")
        table = (stream.get("Fn::GetAtt") or [None])[0] if isinstance(stream, dict) else None
        if not table:
            continue
        retries = props.get("MaximumRetryAttempts")
        destination = ((props.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
        found.append(StreamSource(
            function=spec,
            table=table,
            batch_size=int(props.get("BatchSize") or DEFAULT_BATCH_SIZE),
            starting_position=str(props.get("StartingPosition") or "TRIM_HORIZON"),
            max_retries=None if retries is None or int(retries) < 0 else int(retries),
            on_failure=template.resolve(destination, tmpl) if destination else None,
            partial_batch="ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
        ))
    return found


def lambda_record(record: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    """A GetRecords record in the shape of Lambda's DynamoDB event (epoch seconds, not datetimes)."""
    data = dict(record.get("dynamodb") or {})
    created = data.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        data["ApproximateCreationDateTime"] = int(created.timestamp())
    return {**record, "dynamodb": data, "eventSource": "aws:dynamodb", "eventSourceARN": stream_arn}


@dataclass
class _Shard:
    iterator: str | None = None  # the next GetRecords position, while nothing failed
    pending: list[dict[str, Any]] = field(default_factory=list)  # a failed batch, to retry as is
    attempts: int = 0
    retry_at: float = 0.0


class StreamPump:
    """Feeds one table's stream to its function; `poll()` hands over at most one batch a shard."""

    def __init__(self, clients: tuple[Any, Any, Any, Any], source: StreamSource, invoke: Invoke, log: Log,
                 retry_seconds: float, checkpoints: dict[str, str] | None = None,
                 memory: dict[str, dict[str, str]] | None = None) -> None:
        self.dynamodb, self.streams, self.sqs, self.sns = clients
        self.source, self.invoke, self.log, self.retry_seconds = source, invoke, log, retry_seconds
        self.checkpoints: dict[str, str] = dict(checkpoints or {})  # shard id -> last sequence number
        self.memory = memory  # checkpoints by subscription and stream ARN, kept across pumps
        self.shards: dict[str, _Shard] = {}
        self.stream_arn: str | None = None
        self.delivered = self.failed = 0

    def poll(self) -> int:
        """One batch from each shard with records; returns the records handed over."""
        if self.stream_arn is None:
            self.stream_arn = self.dynamodb.describe_table(TableName=self.source.table)["Table"].get("LatestStreamArn")
            if not self.stream_arn:
                return 0
            if self.memory is not None:
                self.checkpoints = self.memory.setdefault(f"{self.source.key}@{self.stream_arn}", self.checkpoints)
            for shard in self.streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]:
                self.shards.setdefault(shard["ShardId"], _Shard())
        return sum(self._poll_shard(shard_id, shard) for shard_id, shard in self.shards.items())

    def unread(self) -> bool:
        """Records after the checkpoints (read without handing anything over)."""
        arn = self.dynamodb.describe_table(TableName=self.source.table)["Table"].get("LatestStreamArn")
        if not arn:
            return False
        self.stream_arn = arn
        for shard in self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            self.shards.setdefault(shard["ShardId"], _Shard())
            iterator = self._iterator(shard["ShardId"])
            if self.streams.get_records(ShardIterator=iterator, Limit=1)["Records"]:
                return True
        return False

    def retrying(self) -> bool:
        """A failed batch is waiting for its retry: the stream is not quiet yet."""
        return any(shard.pending for shard in self.shards.values())

    def _poll_shard(self, shard_id: str, shard: _Shard) -> int:
        if shard.pending:
            if time.monotonic() < shard.retry_at:
                return 0
            batch = shard.pending
        else:
            batch = self._read(shard_id, shard)
            if not batch:
                return 0
        self._deliver(shard_id, shard, batch)
        return len(batch)

    def _read(self, shard_id: str, shard: _Shard) -> list[dict[str, Any]]:
        if shard.iterator is None:
            shard.iterator = self._iterator(shard_id)
        response = self.streams.get_records(ShardIterator=shard.iterator, Limit=self.source.batch_size)
        _forget_iterator(shard.iterator)
        shard.iterator = response.get("NextShardIterator")
        assert self.stream_arn is not None
        return [lambda_record(r, self.stream_arn) for r in response["Records"]]

    def _iterator(self, shard_id: str) -> str:
        position: dict[str, Any] = {"ShardIteratorType": self.source.starting_position}
        if shard_id in self.checkpoints:
            position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": self.checkpoints[shard_id]}
        return str(self.streams.get_shard_iterator(StreamArn=self.stream_arn, ShardId=shard_id, **position)
                   ["ShardIterator"])

    def _deliver(self, shard_id: str, shard: _Shard, batch: list[dict[str, Any]]) -> None:
        done = self._invoke(batch)
        if done == len(batch):
            self._advance(shard_id, shard, batch)
            self.delivered += len(batch)
            return
        self.failed += 1
        shard.attempts += 1
        # A partial batch response moves the checkpoint to the first failed record.
        if done:
            self._advance(shard_id, shard, batch[:done])
            self.delivered += done
        rest = batch[done:]
        if self.source.max_retries is not None and shard.attempts > self.source.max_retries:
            self._give_up(shard_id, shard, rest)
            return
        shard.pending, shard.retry_at, shard.iterator = rest, time.monotonic() + self.retry_seconds, None

    def _invoke(self, batch: list[dict[str, Any]]) -> int:
        """How many records, from the start of the batch, the function handled."""
        try:
            response = self.invoke(self.source.function, {"Records": batch})
        except Exception as exc:
            self.log("function failed on a stream batch", function=self.source.function.logical_id,
                     table=self.source.table, records=len(batch), error=repr(exc))
            return 0
        failures = response.get("batchItemFailures") if self.source.partial_batch and isinstance(response, dict) else None
        if not failures:
            return len(batch)
        numbers = [r["dynamodb"]["SequenceNumber"] for r in batch]
        named = [f.get("itemIdentifier") if isinstance(f, dict) else None for f in failures]
        if any(n not in numbers for n in named):
            return 0  # an unusable partial response fails the whole batch
        return min(numbers.index(n) for n in named)

    def _advance(self, shard_id: str, shard: _Shard, handled: list[dict[str, Any]]) -> None:
        self.checkpoints[shard_id] = handled[-1]["dynamodb"]["SequenceNumber"]
        shard.pending, shard.attempts = [], 0

    def _give_up(self, shard_id: str, shard: _Shard, batch: list[dict[str, Any]]) -> None:
        self.log("gave up on a stream batch after its retries", function=self.source.function.logical_id,
                 table=self.source.table, records=len(batch), attempts=shard.attempts,
                 destination=self.source.on_failure)
        if self.source.on_failure:
            self._send_failure(shard_id, shard, batch)
        self._advance(shard_id, shard, batch)
        shard.iterator = None

    def _send_failure(self, shard_id: str, shard: _Shard, batch: list[dict[str, Any]]) -> None:
        """Lambda's on-failure record of a stream batch: where the records are, not the records."""
        created = [r["dynamodb"].get("ApproximateCreationDateTime") for r in batch]
        description = {
            "requestContext": {
                "requestId": f"local-{shard_id}-{batch[0]['dynamodb']['SequenceNumber']}",
                "functionArn": f"arn:aws:lambda:{template.LOCAL_REGION}:{template.LOCAL_ACCOUNT}:function:"
                               f"{self.source.function.logical_id}",
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": shard.attempts,
            },
            "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
            "version": "1.0",
            "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "DDBStreamBatchInfo": {
                "shardId": shard_id,
                "startSequenceNumber": batch[0]["dynamodb"]["SequenceNumber"],
                "endSequenceNumber": batch[-1]["dynamodb"]["SequenceNumber"],
                "approximateArrivalOfFirstRecord": _iso(created[0]),
                "approximateArrivalOfLastRecord": _iso(created[-1]),
                "batchSize": len(batch),
                "streamArn": self.stream_arn,
            },
        }
        destination = str(self.source.on_failure)
        if destination.startswith("arn:aws:sns:"):
            self.sns.publish(TopicArn=destination, Message=json.dumps(description))
        else:
            self.sqs.send_message(QueueUrl=template.local_queue_url(destination.rsplit(":", 1)[-1]),
                                  MessageBody=json.dumps(description))


def _forget_iterator(arn: str) -> None:
    """moto keeps every shard iterator it ever handed out, and a poller asks for one a second per
    stream: drop the one just used (it is never used again) when moto runs in this process."""
    try:
        from moto.dynamodbstreams.models import dynamodbstreams_backends
    except ImportError:
        return
    if template.LOCAL_ACCOUNT in dynamodbstreams_backends:
        dynamodbstreams_backends[template.LOCAL_ACCOUNT][template.LOCAL_REGION].shard_iterators.pop(arn, None)


def _iso(epoch: Any) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(float(epoch), UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
