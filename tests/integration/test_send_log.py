"""The send log against moto tables built from template.yaml: idempotent by message id, the API's
topic wins in either order, pruning at 25 hours, the TTL, and one BatchGetItem per 100 numbers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout import repository
from optout.repository import send_log
from optout.repository.send_log import SendEntry
from optout.send_records import SentMessage

PHONE = "+14155550100"
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """The send log's `now`, movable: a test sets `clock[0]`."""
    now = [NOW]
    monkeypatch.setattr(send_log, "utc_now", lambda: now[0])
    return now


def callback(message_id: str, at: datetime, phone: str = PHONE) -> SendEntry:
    return SendEntry(phone, message_id, at, None, "delivery_callback")


def api(message_id: str, at: datetime, topic: str | None, phone: str = PHONE) -> SendEntry:
    return SendEntry(phone, message_id, at, topic, "api")


def logged(workspace_id: str, phone: str = PHONE, since: datetime = NOW - timedelta(hours=24)) -> list[SentMessage]:
    return repository.batch_get_send_logs(workspace_id, [phone], since=since).get(phone, [])


def raw_item(workspace_id: str, phone: str = PHONE) -> dict:
    response = repository.call(
        "get_item",
        TableName=repository.send_checks_table(),
        Key=repository.keys.send_checks_key(workspace_id, phone, send_log.SENDS_SK),
        ConsistentRead=True,
    )
    return repository.deserialize(response.get("Item") or {})


def test_a_message_recorded_twice_counts_once(aws, workspace, clock):
    at = NOW - timedelta(minutes=10)
    repository.record_sends(workspace["id"], [callback("m-1", at)])
    repository.record_sends(workspace["id"], [callback("m-1", at), callback("m-1", at + timedelta(seconds=30))])
    assert logged(workspace["id"]) == [SentMessage(at=at, topic=None)]


def test_sent_then_delivered_counts_once_at_the_first_time(aws, workspace, clock):
    sent, delivered = NOW - timedelta(minutes=5), NOW - timedelta(minutes=4)
    repository.record_sends(workspace["id"], [callback("m-1", sent)])
    repository.record_sends(workspace["id"], [callback("m-1", delivered)])
    repository.record_sends(workspace["id"], [callback("m-2", delivered)])
    assert [s.at for s in logged(workspace["id"])] == [sent, delivered]


@pytest.mark.parametrize("api_first", [True, False])
def test_the_api_topic_wins_in_either_order(aws, workspace, clock, api_first):
    at = NOW - timedelta(minutes=5)
    writes = [[api("m-1", at, "promo")], [callback("m-1", at + timedelta(seconds=2))]]
    for batch in writes if api_first else writes[::-1]:
        repository.record_sends(workspace["id"], batch)
    [sent] = logged(workspace["id"])
    assert sent.topic == "promo"
    assert raw_item(workspace["id"])["m:m-1"]["source"] == "api"


def test_an_api_report_without_a_topic_keeps_the_one_given_before(aws, workspace, clock):
    at = NOW - timedelta(minutes=5)
    repository.record_sends(workspace["id"], [api("m-1", at, "promo")])
    repository.record_sends(workspace["id"], [api("m-1", at, None)])
    # ... and within one batch the entry with a topic is the one written.
    repository.record_sends(workspace["id"], [api("m-2", at, None), api("m-2", at, "alerts")])
    assert [s.topic for s in logged(workspace["id"])] == ["promo", "alerts"]


def test_sends_are_per_workspace_and_per_number(aws, workspace, other_workspace, clock):
    at = NOW - timedelta(minutes=1)
    repository.record_sends(workspace["id"], [callback("m-1", at), callback("m-2", at, phone="+14155550101")])
    assert logged(other_workspace["id"]) == []
    assert len(logged(workspace["id"])) == 1 and len(logged(workspace["id"], "+14155550101")) == 1


def test_since_bounds_the_answer_and_a_number_with_no_sends_is_absent(aws, workspace, clock):
    repository.record_sends(workspace["id"], [callback("old", NOW - timedelta(hours=20)), callback("new", NOW)])
    found = repository.batch_get_send_logs(workspace["id"], [PHONE, "+14155550199"], since=NOW - timedelta(hours=1))
    assert found == {PHONE: [SentMessage(at=NOW, topic=None)]}
    assert repository.batch_get_send_logs(workspace["id"], [PHONE], since=NOW + timedelta(seconds=1)) == {}


def test_the_ttl_is_25_hours_after_the_newest_send_even_out_of_order(aws, workspace, clock):
    newest = NOW - timedelta(hours=1)
    repository.record_sends(workspace["id"], [callback("m-new", newest)])
    assert raw_item(workspace["id"])["expires_at"] == int((newest + timedelta(hours=25)).timestamp())
    repository.record_sends(workspace["id"], [api("m-old", NOW - timedelta(hours=20), None)])  # reported late
    assert raw_item(workspace["id"])["expires_at"] == int((newest + timedelta(hours=25)).timestamp())
    later = NOW + timedelta(minutes=3)
    repository.record_sends(workspace["id"], [callback("m-later", later)])
    assert raw_item(workspace["id"])["expires_at"] == int((later + timedelta(hours=25)).timestamp())


def test_entries_older_than_25_hours_are_pruned_at_the_next_write(aws, workspace, clock, ddb_calls):
    repository.record_sends(workspace["id"], [callback("day-1", NOW), callback("day-1b", NOW + timedelta(hours=2))])
    clock[0] = NOW + timedelta(hours=26)
    ddb_calls.clear()
    repository.record_sends(workspace["id"], [callback("day-2", clock[0])])
    item = raw_item(workspace["id"])
    assert sorted(name for name in item if name.startswith("m:")) == ["m:day-1b", "m:day-2"]
    assert ddb_calls == ["UpdateItem", "UpdateItem", "GetItem"]  # the write, the prune, the test's read
    # A send older than the horizon is past every window: not recorded at all.
    repository.record_sends(workspace["id"], [callback("ancient", clock[0] - timedelta(hours=25, seconds=1))])
    assert "m:ancient" not in raw_item(workspace["id"])


def test_a_routine_write_is_one_request(aws, workspace, clock, ddb_calls):
    repository.record_sends(workspace["id"], [callback("m-1", NOW - timedelta(minutes=2))])
    ddb_calls.clear()
    repository.record_sends(workspace["id"], [callback("m-2", NOW - timedelta(minutes=1)), callback("m-1", NOW)])
    assert ddb_calls == ["UpdateItem"]


def test_the_item_keeps_at_most_the_newest_max_kept_sends(aws, workspace, clock, monkeypatch):
    monkeypatch.setattr(send_log, "MAX_KEPT", 3)
    sends = [callback(f"m-{i}", NOW - timedelta(minutes=10 - i)) for i in range(5)]
    repository.record_sends(workspace["id"], sends)
    assert [s.at for s in logged(workspace["id"])] == [NOW - timedelta(minutes=10 - i) for i in (2, 3, 4)]


def test_250_numbers_are_read_in_3_batch_get_items(aws, workspace, clock, ddb_calls):
    phones = [f"+1415555{i:04d}" for i in range(250)]
    repository.record_sends(workspace["id"], [callback(f"m-{i}", NOW, phone=p) for i, p in enumerate(phones[::2])])
    ddb_calls.clear()
    found = repository.batch_get_send_logs(workspace["id"], phones, since=NOW - timedelta(hours=24))
    assert ddb_calls == ["BatchGetItem"] * 3
    assert sorted(found) == sorted(phones[::2])


def test_unprocessed_keys_are_retried_alone(aws, workspace, clock, monkeypatch):
    client = repository.dynamodb_client()
    real = client.batch_get_item
    requested: list[int] = []

    def flaky(**kwargs):
        request = kwargs["RequestItems"]["SendChecksTable"]
        requested.append(len(request["Keys"]))
        if len(requested) == 1:
            response = real(RequestItems={"SendChecksTable": {**request, "Keys": request["Keys"][:30]}})
            response["UnprocessedKeys"] = {"SendChecksTable": {**request, "Keys": request["Keys"][30:]}}
            return response
        return real(**kwargs)

    repository.record_sends(workspace["id"], [callback("m-1", NOW, phone="+14155550099")])
    monkeypatch.setattr(client, "batch_get_item", flaky)
    phones = [f"+1415555{i:04d}" for i in range(100)]
    found = repository.batch_get_send_logs(workspace["id"], phones, since=NOW - timedelta(hours=1))
    assert requested == [100, 70] and list(found) == ["+14155550099"]


def test_an_unknown_source_is_refused_before_any_write(aws, workspace, clock, ddb_calls):
    ddb_calls.clear()
    with pytest.raises(ValueError):
        repository.record_sends(workspace["id"], [SendEntry(PHONE, "m-1", NOW, None, "guess")])
    assert ddb_calls == []
