"""The repository's pure mechanics without AWS: key formats, cursors and the one error mapper."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from optout import repository
from optout.errors import Conflict, InvalidInput, PayloadTooLarge, StorageError, StorageFault
from optout.models import ContactStatus
from optout.repository import dynamo, keys, unit_of_work


@pytest.mark.parametrize(
    ("built", "expected"),
    [
        (keys.contact_key("ws1", "+15551230000"), "ws1#+15551230000"),
        (keys.status_partition("ws1", ContactStatus.OPTED_OUT, 3), "ws1#opted_out#03"),
        (keys.event_sort_key(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "e1"), "2026-01-02T03:04:05.000000Z#e1"),
        (keys.auto_partition("ws1"), "ws1#auto"),
        (keys.report_partition("ws1", "opted_out", "2026-01", 2), "ws1#opted_out#2026-01#2"),
        (
            keys.report_partition("ws1", "opted_out", "2026-01", 0, {"initiator": "api", "reason": "stop"}),
            "ws1#opted_out#2026-01#reason=stop#initiator=api#0",
        ),
        (keys.broadcast_partition("ws1", "b-7"), "ws1#b-7"),
        (keys.broadcast_partition("ws1", None), "ws1#"),
        (keys.workspace_key("ws1"), {"pk": {"S": "WS#ws1"}, "sk": {"S": "WORKSPACE"}}),
        (keys.admin_count_key("ws1"), {"pk": {"S": "WS#ws1"}, "sk": {"S": "ADMINS"}}),
        (keys.api_key_by_hash("abc"), {"pk": "APIKEY#abc", "sk": "APIKEY"}),
        (keys.inbox_by_workspace("ws1", "+15550001111"), {"pk": "WS#ws1", "sk": "INBOX#+15550001111"}),
        (keys.marker_id("inbound", "ws1", "+1555", "twilio", "SM1"), "inbound#ws1#+1555#twilio#SM1"),
    ],
)
def test_key_formats(built, expected):
    assert built == expected


def test_report_partitions_name_every_shard_once():
    partitions = keys.report_partitions("ws1", "opted_out", "2026-01", {})
    assert partitions == [f"ws1#opted_out#2026-01#{shard}" for shard in range(keys.REPORT_SHARDS)]
    assert len(keys.REPORT_INDEXES) == 2 ** len(keys.REPORT_DIMENSIONS)


def test_status_shards_are_stable_and_in_range():
    shards = {keys.status_shard(f"+1555000{i:04d}") for i in range(500)}
    assert shards == set(range(keys.STATUS_SHARDS))
    assert keys.status_shard("+15551230000") == keys.status_shard("+15551230000")


SCOPE = {"w": "ws1", "b": "b-7"}
KEY = {"pk": {"S": "ws1#b-7"}, "sk": {"S": "+1555"}}


@pytest.mark.parametrize(
    ("state", "scope", "key_required", "expected"),
    [
        ({**SCOPE, "k": KEY}, SCOPE, True, KEY),
        ({"k": None}, {}, False, None),
        ({"k": KEY}, {}, False, KEY),
        ({**SCOPE, "w": "ws2", "k": KEY}, SCOPE, True, "invalid"),  # another workspace's cursor
        ({"w": "ws1", "k": KEY}, SCOPE, True, "invalid"),  # lacks the broadcast
        ({**SCOPE, "k": None}, SCOPE, True, "invalid"),
        ({**SCOPE, "k": "pk"}, SCOPE, True, "invalid"),
        ({**SCOPE}, SCOPE, True, "invalid"),  # no key at all
        ({"k": [1]}, {}, False, "invalid"),
    ],
)
def test_page_start_accepts_only_cursors_of_its_scope(state, scope, key_required, expected):
    cursor = repository.encode_cursor(state)
    if expected == "invalid":
        with pytest.raises(InvalidInput) as raised:
            repository.page_start(cursor, scope, key_required=key_required)
        assert raised.value.code == "invalid_cursor"
    else:
        assert repository.page_start(cursor, scope, key_required=key_required) == expected


def test_a_page_cursor_round_trips_and_the_last_page_has_none():
    assert repository.page_start(None, SCOPE) is None
    assert repository.next_page(None, SCOPE) is None
    assert repository.page_start(repository.next_page(KEY, SCOPE), SCOPE) == KEY


def _client_error(code: str, reasons: list[str] | None = None, message: str = "refused") -> ClientError:
    response: dict = {"Error": {"Code": code, "Message": message}}
    if reasons is not None:
        response["CancellationReasons"] = [{"Code": reason} for reason in reasons]
    return ClientError(response, "TransactWriteItems")


@pytest.mark.parametrize(
    ("exc", "cursor", "expected"),
    [
        (_client_error("ConditionalCheckFailedException"), False, Conflict),
        (_client_error("ValidationException"), True, InvalidInput),
        (_client_error("ValidationException", message="Item size has exceeded the maximum"), False, PayloadTooLarge),
        (_client_error("ProvisionedThroughputExceededException"), False, StorageError),
        (_client_error("AccessDeniedException"), False, StorageFault),
        (_client_error("TransactionCanceledException", ["None", "ConditionalCheckFailed"]), False, dynamo.Cancelled),
        (EndpointConnectionError(endpoint_url="http://dynamodb"), False, StorageError),
    ],
)
def test_one_mapper_for_every_failed_request(exc, cursor, expected):
    mapped = dynamo.map_error(exc, cursor=cursor)
    assert type(mapped) is expected
    if expected is InvalidInput:
        assert mapped.code == "invalid_cursor"


@pytest.mark.parametrize(
    ("reasons", "owners", "expected", "failed"),
    [
        (["ConditionalCheckFailed", "None", "None"], [-1, 0, 0], repository.DuplicateMessage, None),
        (["None", "None", "ConditionalCheckFailed", "None"], [0, 0, 1, 1], repository.TransactionConflict, [1]),
        ([], [0, 0], repository.TransactionConflict, [0]),
        (["None", "ThrottlingError"], [0, 0], StorageError, None),
        (["ValidationError", "None"], [0, 0], InvalidInput, None),
    ],
)
def test_a_cancelled_contact_transaction_names_what_lost(reasons, owners, expected, failed):
    cancelled = dynamo.Cancelled(reasons, _client_error("TransactionCanceledException", reasons))
    with pytest.raises(expected) as raised:
        unit_of_work._raise_cancelled(cancelled, owners, writes=1)
    if failed is not None:
        assert raised.value.failed == failed


def test_retry_on_conflict_tries_three_times_then_lets_the_conflict_out():
    calls = []

    def attempt() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise repository.TransactionConflict([0])
        return "done"

    assert repository.retry_on_conflict(attempt) == "done" and len(calls) == 3
    calls.clear()

    def always() -> str:
        calls.append(1)
        raise repository.TransactionConflict([0])

    with pytest.raises(repository.TransactionConflict):
        repository.retry_on_conflict(always)
    assert len(calls) == 3
