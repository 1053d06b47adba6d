"""`POST /v1/sends` through the real contacts handler: member and admin keys record, numbers are
read in the workspace's region, and bad input is a 4xx in the error shape with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout import repository

PHONE = "+14155550100"


def send(api, key, sends):
    return api.request("POST", "/v1/sends", key=key, json_body={"sends": sends})


def logged(workspace_id, phones=(PHONE,)):
    return repository.batch_get_send_logs(workspace_id, list(phones), since=datetime.now(UTC) - timedelta(hours=24))


@pytest.fixture
def topics(api, workspace, other_workspace):
    api.request("PUT", "/v1/topics/promo", key=workspace["admin"], json_body={"name": "Promotions"})
    api.request("PUT", "/v1/topics/elsewhere", key=other_workspace["admin"], json_body={"name": "Not ours"})


@pytest.mark.parametrize("role", ["member", "admin"])
def test_any_key_records_sends_and_a_repeat_counts_once(api, workspace, topics, role):
    at = (datetime.now(UTC) - timedelta(hours=2)).replace(microsecond=0)
    body = [
        {"phone": PHONE, "message_id": "m-1", "sent_at": at.isoformat(), "topic": "promo"},
        {"phone": "(415) 555-0101", "message_id": "m-2"},  # national format, the workspace's region
    ]
    status, answer = send(api, workspace[role], body)
    assert (status, answer) == (202, {"recorded": 2})
    assert send(api, workspace[role], body) == (202, {"recorded": 2})
    found = logged(workspace["id"], (PHONE, "+14155550101"))
    assert [(s.at, s.topic) for s in found[PHONE]] == [(at, "promo")]
    assert [s.topic for s in found["+14155550101"]] == [None]


def test_the_api_topic_replaces_a_callback_recorded_first(api, workspace, topics):
    repository.record_sends(
        workspace["id"], [repository.SendEntry(PHONE, "m-1", datetime.now(UTC), None, "delivery_callback")]
    )
    assert send(api, workspace["member"], [{"phone": PHONE, "message_id": "m-1", "topic": "promo"}])[0] == 202
    assert [s.topic for s in logged(workspace["id"])[PHONE]] == ["promo"]


def _error(status, answer, expected_status, code):
    assert status == expected_status, answer
    assert set(answer["error"]) == {"code", "message", "details"} and answer["error"]["code"] == code


NOW = datetime.now(UTC)  # at collection: the margins below outlast any run of the suite
BAD = [
    ("no sends", {"sends": []}, 400, "invalid_input"),
    ("not a list", {"sends": {"phone": PHONE}}, 400, "invalid_input"),
    ("unknown field", {"sends": [{"phone": PHONE, "message_id": "m", "extra": 1}]}, 400, "invalid_input"),
    ("no message id", {"sends": [{"phone": PHONE}]}, 400, "invalid_input"),
    ("empty message id", {"sends": [{"phone": PHONE, "message_id": ""}]}, 400, "invalid_input"),
    ("long message id", {"sends": [{"phone": PHONE, "message_id": "x" * 129}]}, 400, "invalid_input"),
    (
        "naive time",
        {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": "2026-12-01T10:00:00"}]},
        400,
        "invalid_input",
    ),
    ("epoch time", {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": 1764583200}]}, 400, "invalid_input"),
    (
        "too far ahead",
        {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": (NOW + timedelta(hours=3)).isoformat()}]},
        400,
        "invalid_input",
    ),
    (
        "too old",
        {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": (NOW - timedelta(hours=30)).isoformat()}]},
        400,
        "invalid_input",
    ),
    ("bad topic id", {"sends": [{"phone": PHONE, "message_id": "m", "topic": "Not A Slug"}]}, 400, "invalid_input"),
    (
        "oversized batch",
        {"sends": [{"phone": PHONE, "message_id": f"m-{i}"} for i in range(101)]},
        400,
        "invalid_input",
    ),
    ("unknown topic", {"sends": [{"phone": PHONE, "message_id": "m", "topic": "nope"}]}, 422, "unknown_topics"),
    (
        "another workspace's topic",
        {"sends": [{"phone": PHONE, "message_id": "m", "topic": "elsewhere"}]},
        422,
        "unknown_topics",
    ),
    (
        "one bad number among good ones",
        {"sends": [{"phone": PHONE, "message_id": "m-ok"}, {"phone": "not a phone", "message_id": "m-bad"}]},
        400,
        "invalid_phone",
    ),
]


@pytest.mark.parametrize(("label", "body", "status", "code"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_4xx_and_writes_nothing(api, workspace, topics, ddb_calls, label, body, status, code):
    ddb_calls.clear()
    _error(*api.request("POST", "/v1/sends", key=workspace["member"], json_body=body), status, code)
    assert "UpdateItem" not in ddb_calls, label
    assert logged(workspace["id"]) == {}


def test_a_bad_number_is_named_by_its_index(api, workspace):
    status, answer = send(
        api, workspace["member"], [{"phone": PHONE, "message_id": "a"}, {"phone": "12", "message_id": "b"}]
    )
    assert status == 400 and [(i["index"], i["input"]) for i in answer["error"]["details"]["invalid"]] == [(1, "12")]


def test_without_a_key_nothing_is_recorded(api, workspace):
    status, answer = api.request("POST", "/v1/sends", json_body={"sends": [{"phone": PHONE, "message_id": "m"}]})
    assert status == 401 and answer["error"]["code"] == "unauthorized"
    assert logged(workspace["id"]) == {}


def test_a_hundred_numbers_are_one_write_each(api, workspace, ddb_calls):
    body = [{"phone": f"+1415555{i:04d}", "message_id": f"m-{i}"} for i in range(100)]
    send(api, workspace["member"], body[:1])  # warm the key and workspace caches
    ddb_calls.clear()
    assert send(api, workspace["member"], body) == (202, {"recorded": 100})
    assert ddb_calls.count("UpdateItem") == 100 and "BatchGetItem" not in ddb_calls
