"""The pure parts of the local stack's saved state: the snapshot file format, and which requests to
moto mark the state dirty."""

from __future__ import annotations

import json

import pytest

from local_stack.state_keeper import WriteGate, writes_state
from local_stack.state_snapshot import BadSnapshot, decode, encode

STATE = {"aws": {"tables": {"T": [{"pk": {"S": "a"}}]}}, "demo": None}
GOOD = encode(STATE)
HEAD, _, BODY = GOOD.partition(b"\n")


def _header(**changes: object) -> bytes:
    return json.dumps({**json.loads(HEAD), **changes}).encode()


def test_a_snapshot_decodes_to_what_was_encoded() -> None:
    assert decode(GOOD) == STATE


DAMAGED = [
    (b"", "no header line"),
    (GOOD[:20], "no header line"),
    (HEAD, "no header line"),
    (GOOD[:-1], "truncated"),
    (HEAD + b"\n", "truncated"),
    (GOOD + b" ", "truncated"),
    (HEAD + b"\n" + BODY.replace(b'"a"', b'"b"'), "checksum"),
    (_header(format="other") + b"\n" + BODY, "no header line"),
    (_header(version=99) + b"\n" + BODY, "version 99"),
    (b"[]\n" + BODY, "no header line"),
]


# Ids by position: the header holds the time it was made, and every xdist worker must collect alike.
@pytest.mark.parametrize(("data", "reason"), DAMAGED, ids=[f"{i}-{reason}" for i, (_, reason) in enumerate(DAMAGED)])
def test_a_damaged_snapshot_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(BadSnapshot, match=reason):
        decode(data)


@pytest.mark.parametrize(("method", "target", "writes"), [
    ("POST", "DynamoDB_20120810.PutItem", True),
    ("POST", "DynamoDB_20120810.TransactWriteItems", True),
    ("POST", "DynamoDB_20120810.BatchWriteItem", True),
    ("POST", "DynamoDB_20120810.GetItem", False),
    ("POST", "DynamoDB_20120810.Query", False),
    ("POST", "DynamoDB_20120810.BatchGetItem", False),
    ("POST", "DynamoDBStreams_20120810.GetRecords", False),
    ("POST", "AmazonSQS.ReceiveMessage", False),  # the pollers' constant receives save nothing
    ("POST", "AmazonSQS.DeleteMessage", True),
    ("POST", "AmazonSQS.SendMessage", True),
    ("POST", "secretsmanager.GetSecretValue", False),
    ("POST", "secretsmanager.CreateSecret", True),
    ("POST", "TrentService.Sign", True),  # not a read by name: a harmless extra save
    ("POST", "AWSEvents.PutEvents", True),
    ("GET", None, False),  # S3 GetObject, ListObjects
    ("HEAD", None, False),
    ("PUT", None, True),  # S3 PutObject
    ("DELETE", None, True),
    ("POST", None, True),  # query protocol (SNS Publish ...)
])
def test_which_requests_mark_the_state_dirty(method: str, target: str | None, writes: bool) -> None:
    environ = {"REQUEST_METHOD": method, **({"HTTP_X_AMZ_TARGET": target} if target else {})}
    assert writes_state(environ) is writes


def test_a_capture_waits_for_writes_in_progress() -> None:
    import threading

    gate, order = WriteGate(), []
    writing, release = threading.Event(), threading.Event()

    def write() -> None:
        with gate.write():
            writing.set()
            release.wait(5)
            order.append("write done")

    def capture() -> None:
        with gate.exclusive():
            order.append("captured")

    writer = threading.Thread(target=write)
    writer.start()
    writing.wait(5)
    capturer = threading.Thread(target=capture)
    capturer.start()
    capturer.join(0.2)
    assert order == []  # still waiting for the write
    release.set()
    writer.join(5)
    capturer.join(5)
    assert order == ["write done", "captured"]
