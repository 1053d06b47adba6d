"""local_stack.queue_driver.QueuePump.waiting(): a message put back for a retry counts as work to
come until it is visible again, even when the queue's counts miss it. moto reads a message's state
once per attribute, so at the instant it turns visible it is in neither "visible" nor "not visible",
and a drain that trusted the counts alone ended with the retry never delivered (a flaky test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from local_stack import queue_driver, template

MESSAGE = {"MessageId": "m-1", "ReceiptHandle": "r-1", "Body": "a", "MD5OfBody": "x", "Attributes": {}}


class BlindSqs:
    """A queue whose counts are all 0: what moto answers at the instant a retry turns visible."""

    def __init__(self, counts: int = 0) -> None:
        self.counts = counts
        self.visibility: list[int] = []
        self.deleted: list[str] = []

    def receive_message(self, **_: Any) -> dict[str, Any]:
        return {"Messages": [MESSAGE]}

    def change_message_visibility(self, QueueUrl: str, ReceiptHandle: str, VisibilityTimeout: int) -> None:
        self.visibility.append(VisibilityTimeout)

    def delete_message(self, QueueUrl: str, ReceiptHandle: str) -> None:
        self.deleted.append(ReceiptHandle)

    def get_queue_attributes(self, **_: Any) -> dict[str, Any]:
        names = ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")
        return {"Attributes": {name: str(self.counts) for name in names}}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(queue_driver.time, "monotonic", fake)
    return fake


def pump(sqs: BlindSqs, outcome: Exception | None, retry_seconds: float = 1.0) -> queue_driver.QueuePump:
    spec = template.FunctionSpec("Probe", Path("."), "app.lambda_handler", {})

    def invoke(_: Any, event: dict[str, Any]) -> None:
        if outcome is not None:
            raise outcome

    source = queue_driver.QueueSource(spec, "ProbeWork", 10, False)
    return queue_driver.QueuePump(sqs, source, invoke, lambda *a, **k: None, retry_seconds, None)


@pytest.mark.parametrize(
    ("retry_seconds", "later", "waiting"),
    [
        (1.0, 0.0, 1),  # just put back
        (1.0, 1.0, 1),  # the instant it turns visible: the counts miss it
        (1.0, 1.0 + queue_driver.RETRY_GRACE_SECONDS - 0.01, 1),
        (1.0, 1.0 + queue_driver.RETRY_GRACE_SECONDS + 0.01, 0),  # past the grace: the counts say
        (0.0, 0.0, 1),  # the report job's immediate retries too
        (0.0, queue_driver.RETRY_GRACE_SECONDS + 0.01, 0),
    ],
)
def test_a_message_put_back_is_waited_for_until_it_is_visible(
    clock: Clock, retry_seconds: float, later: float, waiting: int
) -> None:
    sqs = BlindSqs()
    queue = pump(sqs, RuntimeError("once"), retry_seconds)
    assert queue.poll() == 1
    assert sqs.visibility == [round(retry_seconds)] and sqs.deleted == []
    clock.now += later
    assert queue.waiting() == waiting


def test_a_handled_message_leaves_nothing_to_wait_for(clock: Clock) -> None:
    sqs = BlindSqs()
    queue = pump(sqs, None)
    queue.poll()
    assert sqs.deleted == ["r-1"] and queue.waiting() == 0


def test_the_queue_counts_still_count(clock: Clock) -> None:
    assert pump(BlindSqs(counts=2), None).waiting() == 4
