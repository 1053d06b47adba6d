"""Eligibility by topic through the real contacts handler: each suppressed number names its reason,
the answer without a topic is as before, and it still costs one BatchGetItem per 100 numbers."""

from __future__ import annotations

import pytest

from tests.fakes.send_times import daytime
from tests.integration.test_topic_revocation import define_topics, opt_in

GRANTED = "+14155550101"  # both topics granted
NEVER = "+14155550102"  # a contact with no consent
OPTED_OUT = "+14155550103"  # granted, then STOP
BLOCKED = "+14155550104"
REVOKED = "+14155550105"  # granted, opted out, back in by an admin: topics stay revoked
UNKNOWN = "+14155550106"  # no record at all


def check(api, key, phones, topic=None):
    body = {"phones": phones, "at": daytime()}  # by day everywhere: quiet hours defer nothing
    if topic is not None:
        body["topic"] = topic
    status, answer = api.request("POST", "/v1/eligibility", key=key, json_body=body)
    assert status == 200, answer
    return answer


def set_status(api, workspace, phone, status, note=None):
    body = {"phone": phone, "status": status, **({"note": note} if note else {})}
    answer = api.request("POST", "/v1/contact/set_status", key=workspace["admin"], json_body=body)
    assert answer[0] == 200, answer


@pytest.fixture
def contacts(api, workspace):
    define_topics(api, workspace)
    for phone in (GRANTED, OPTED_OUT, REVOKED):
        opt_in(api, workspace, phone)
    api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": NEVER})
    set_status(api, workspace, OPTED_OUT, "unsubscribed")
    set_status(api, workspace, BLOCKED, "blocked")
    set_status(api, workspace, REVOKED, "unsubscribed")
    set_status(api, workspace, REVOKED, "subscribed", note="called to come back")
    return [GRANTED, NEVER, OPTED_OUT, BLOCKED, REVOKED, UNKNOWN]


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        # express consent: only a holder of it is sendable
        (
            "marketing",
            {
                NEVER: "no_consent",
                OPTED_OUT: "opted_out",
                BLOCKED: "blocked",
                REVOKED: "topic_revoked",
                UNKNOWN: "no_consent",
            },
        ),
        # no express consent needed: sendable unless suppressed or revoked
        ("reminders", {OPTED_OUT: "opted_out", BLOCKED: "blocked", REVOKED: "topic_revoked"}),
    ],
)
def test_each_suppressed_number_names_its_reason(api, workspace, contacts, topic, expected):
    answer = check(api, workspace["member"], contacts, topic)
    assert {row["phone"]: row["suppression"] for row in answer["suppressed"]} == expected
    assert answer["sendable"] == [phone for phone in contacts if phone not in expected]
    rows = {row["phone"]: row for row in answer["suppressed"]}
    if UNKNOWN in rows:
        assert rows[UNKNOWN]["status"] is None and rows[UNKNOWN]["since"] is None
    assert rows[OPTED_OUT]["status"] == "opted_out" and rows[OPTED_OUT]["reason"] == "api"


def test_without_a_topic_the_answer_is_as_before(api, workspace, contacts):
    answer = check(api, workspace["member"], contacts)
    assert answer["sendable"] == [GRANTED, NEVER, REVOKED, UNKNOWN]
    assert [row["phone"] for row in answer["suppressed"]] == [OPTED_OUT, BLOCKED]
    # The fields it had, plus each reason (no `suppression`: that is for a topic).
    assert all(set(row) == {"phone", "status", "reason", "since", "reasons"} for row in answer["suppressed"])
    assert [row["reasons"] for row in answer["suppressed"]] == [
        [{"code": "opted_out", "rule": "consent", "since": answer["suppressed"][0]["since"]}],
        [{"code": "blocked", "rule": "consent", "since": answer["suppressed"][1]["since"]}],
    ]


def test_an_unknown_topic_is_a_422(api, workspace, contacts):
    status, body = api.request(
        "POST", "/v1/eligibility", key=workspace["member"], json_body={"phones": [GRANTED], "topic": "nope"}
    )
    assert status == 422 and body["error"]["code"] == "unknown_topics"
    assert body["error"]["details"]["unknown"] == ["nope"]
    status, body = api.request(
        "POST", "/v1/eligibility", key=workspace["member"], json_body={"phones": [GRANTED], "topic": "Not A Slug"}
    )
    assert status == 400, body


def test_a_topic_defined_after_an_opt_out_is_revoked_by_it(api, workspace, contacts):
    api.request("PUT", "/v1/topics/alerts", key=workspace["admin"], json_body={"name": "Alerts"})
    answer = check(api, workspace["member"], [GRANTED, REVOKED], "alerts")
    assert answer["sendable"] == [GRANTED]
    assert [row["suppression"] for row in answer["suppressed"]] == ["topic_revoked"]


@pytest.mark.parametrize(("count", "batch_gets"), [(1, 1), (100, 1), (101, 2), (250, 3)])
def test_by_topic_still_one_batch_get_per_100_numbers(api, workspace, contacts, ddb_calls, count, batch_gets):
    phones = [f"+1415556{i:04d}" for i in range(count)]
    check(api, workspace["member"], phones, "reminders")  # the topics cache is warm from here
    ddb_calls.clear()
    answer = check(api, workspace["member"], phones, "reminders")
    assert len(answer["sendable"]) == count
    assert ddb_calls.count("BatchGetItem") == batch_gets
    assert set(ddb_calls) <= {"BatchGetItem", "GetItem"}
