"""repository.queues: bodies go 10 per SendMessageBatch, refused entries are sent again, and what
SQS never takes (or refuses outright) is an error that says so."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from optout.errors import StorageError, StorageFault
from optout.repository import queues


class FakeSqs:
    """Refuses the entries `refuse(call_number, entry_id)` names; raises `error` on every call."""

    def __init__(self, refuse: Any = None, error: Exception | None = None) -> None:
        self.calls: list[list[str]] = []
        self.bodies: list[str] = []
        self._refuse, self._error = refuse or (lambda call, entry: False), error

    def send_message_batch(self, QueueUrl: str, Entries: list[dict[str, str]]) -> dict[str, Any]:
        self.calls.append([entry["Id"] for entry in Entries])
        if self._error is not None:
            raise self._error
        call = len(self.calls)
        failed = [{"Id": e["Id"], "Code": "InternalError"} for e in Entries if self._refuse(call, e["Id"])]
        refused = {f["Id"] for f in failed}
        self.bodies += [e["MessageBody"] for e in Entries if e["Id"] not in refused]
        return {"Successful": [], "Failed": failed}


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queues.time, "sleep", lambda _: None)


@pytest.mark.parametrize(
    ("count", "refuse", "calls"),
    [
        (0, None, []),
        (3, None, [["0", "1", "2"]]),
        (10, None, [[str(i) for i in range(10)]]),
        (12, None, [[str(i) for i in range(10)], ["0", "1"]]),
        (4, lambda call, entry: call == 1 and entry == "2", [["0", "1", "2", "3"], ["2"]]),  # sent again alone
        (4, lambda call, entry: call in (1, 2) and entry in ("1", "3"), [["0", "1", "2", "3"], ["1", "3"], ["1", "3"]]),
    ],
)
def test_every_body_is_queued_once(count: int, refuse: Any, calls: list[list[str]]) -> None:
    sqs = FakeSqs(refuse)
    bodies = [f"b{i}" for i in range(count)]
    queues.send_bodies("url", bodies, what="test", client=sqs)
    assert sqs.calls == calls
    assert sorted(sqs.bodies) == sorted(bodies)


def test_entries_refused_every_time_are_an_error_naming_them() -> None:
    sqs = FakeSqs(lambda call, entry: entry == "1")
    with pytest.raises(queues.QueueingFailed, match=r"1 import messages were not queued after 4 attempts: \['InternalError'\]"):
        queues.send_bodies("url", ["a", "b", "c"], what="import", client=sqs)
    assert len(sqs.calls) == queues.SEND_ATTEMPTS
    assert issubclass(queues.QueueingFailed, StorageError)  # a 503 "retry", never a silent drop


def _client_error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "x"}}, "SendMessageBatch")


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (_client_error("ThrottlingException"), StorageError),
        (_client_error("ServiceUnavailable"), StorageError),
        (EndpointConnectionError(endpoint_url="https://sqs"), StorageError),
        (_client_error("AccessDenied"), StorageFault),
        (_client_error("AWS.SimpleQueueService.NonExistentQueue"), StorageFault),
    ],
)
def test_sqs_errors_map_to_retry_or_fault(error: Exception, raised: type[Exception]) -> None:
    with pytest.raises(raised):
        queues.send_bodies("url", ["a"], what="test", client=FakeSqs(error=error))
