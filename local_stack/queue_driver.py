"""Lambda's SQS poller, locally: one `QueuePump` per `Type: SQS` event source of template.yaml.

Each poll receives up to the event's BatchSize, invokes the function with Lambda's SQS event, and
deletes what succeeded: every message, or all but the `batchItemFailures` when the event declares
`FunctionResponseTypes: [ReportBatchItemFailures]`. A function that raises fails the whole batch,
and so does a partial batch response naming a message that is not in the batch (as on Lambda).
A failed message stays on the queue and comes back, so the queue's RedrivePolicy moves it to the
dead-letter queue after maxReceiveCount receives (moto does that at the next receive, as SQS does).
The queue's real visibility timeout (minutes) would make retries too slow to watch locally, so a
failed message is made visible again after `retry_seconds` instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from local_stack import template

SQS_MAX_BATCH = 10  # ReceiveMessage's limit; Lambda's bigger batches need a batching window
DEFAULT_BATCH_SIZE = 10
Invoke = Callable[[template.FunctionSpec, dict[str, Any]], Any]
Log = Callable[..., None]
# moto counts a message's states one attribute at a time, so at the instant a retried message turns
# visible it can be in neither count. A pump keeps its own retries in mind past that instant.
RETRY_GRACE_SECONDS = 0.5


@dataclass(frozen=True)
class QueueSource:
    """One `Type: SQS` event: the function, its queue (logical id) and batch settings."""

    function: template.FunctionSpec
    queue: str
    batch_size: int
    partial_batch: bool  # FunctionResponseTypes has ReportBatchItemFailures

    @property
    def url(self) -> str:
        return template.local_queue_url(self.queue)

    @property
    def arn(self) -> str:
        return template.local_queue_arn(self.queue)


def queue_sources(tmpl: dict[str, Any] | None = None) -> list[QueueSource]:
    """Every `Type: SQS` event source in the template whose Queue is a queue of the template."""
    found = []
    for spec, props in template.event_sources("SQS", tmpl):
        queue = props.get("Queue")
        logical = (queue.get("Fn::GetAtt") or [None])[0] if isinstance(queue, dict) else None
        if logical:
            partial = "ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or [])
            found.append(QueueSource(spec, logical, int(props.get("BatchSize") or DEFAULT_BATCH_SIZE), partial))
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


def failed_ids(response: Any, batch: set[str], partial: bool) -> set[str]:
    """The messages of a batch that failed, read from the function's response as Lambda reads it."""
    if not partial or not isinstance(response, dict) or not response.get("batchItemFailures"):
        return set()
    named = {f.get("itemIdentifier") if isinstance(f, dict) else None for f in response["batchItemFailures"]}
    if None in named or "" in named or not named <= batch:
        return set(batch)  # an unusable partial response fails the whole batch
    return {str(n) for n in named}


class QueuePump:
    """Feeds one queue to its function; `poll()` handles at most one batch."""

    def __init__(self, sqs: Any, source: QueueSource, invoke: Invoke, log: Log, retry_seconds: float,
                 max_receives: int | None) -> None:
        self.sqs, self.source, self.invoke, self.log = sqs, source, invoke, log
        self.retry_seconds = retry_seconds
        self.max_receives = max_receives  # the queue's maxReceiveCount, if it has a RedrivePolicy
        self.handled = self.failed = 0
        self.retry_due = 0.0  # time.monotonic() by which every message put back is visible again

    def poll(self) -> int:
        """Receive one batch and hand it to the function; returns the messages received."""
        messages = self.sqs.receive_message(
            QueueUrl=self.source.url,
            MaxNumberOfMessages=min(self.source.batch_size, SQS_MAX_BATCH),
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
            WaitTimeSeconds=0,
        ).get("Messages", [])
        if messages:
            self._deliver(messages)
        return len(messages)

    def _deliver(self, messages: list[dict[str, Any]]) -> None:
        ids = {m["MessageId"] for m in messages}
        try:
            response = self.invoke(self.source.function, {"Records": [sqs_record(m, self.source.arn) for m in messages]})
            failed = failed_ids(response, ids, self.source.partial_batch)
        except Exception as exc:  # Lambda retries the whole batch when the function fails
            self.log("function failed on a queue batch", function=self.source.function.logical_id,
                     queue=self.source.queue, messages=len(messages), error=repr(exc))
            failed = ids
        for message in messages:
            if message["MessageId"] in failed:
                self._retry_later(message)
            else:
                self.sqs.delete_message(QueueUrl=self.source.url, ReceiptHandle=message["ReceiptHandle"])
                self.handled += 1

    def _retry_later(self, message: dict[str, Any]) -> None:
        self.failed += 1
        receives = int((message.get("Attributes") or {}).get("ApproximateReceiveCount") or 1)
        if self.max_receives is not None and receives >= self.max_receives:
            self.log("gave up on a message: the queue moves it to its dead-letter queue",
                     queue=self.source.queue, message_id=message["MessageId"], receives=receives)
        visibility = max(0, round(self.retry_seconds))
        self.sqs.change_message_visibility(
            QueueUrl=self.source.url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=visibility,
        )
        self.retry_due = max(self.retry_due, time.monotonic() + visibility + RETRY_GRACE_SECONDS)

    def waiting(self) -> int:
        """Messages still to come: the queue's count, or 1 while a message put back may be turning
        visible (then moto's counts can miss it, and a drain would end with it unhandled)."""
        return messages_waiting(self.sqs, self.source.url) or int(time.monotonic() < self.retry_due)


def messages_waiting(sqs: Any, url: str) -> int:
    """Messages on a queue, visible, in flight or delayed: work still to come."""
    attributes = sqs.get_queue_attributes(
        QueueUrl=url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                        "ApproximateNumberOfMessagesDelayed"],
    )["Attributes"]
    return sum(int(value) for value in attributes.values())
