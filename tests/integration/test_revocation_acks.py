"""Acknowledgements of revocations and the report of those still owed, through the real handlers
on moto: a revocation delivered to two webhooks is listed until both acknowledge it, earliest
honour_by first; acknowledging is idempotent and workspace-scoped; an unknown id is a 404."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.fakes.webhook_receiver import webhook_receiver
from tests.integration.webhook_helpers import allow_loopback, bus_message, detail, register, run_sender, sqs_event

REPORT = "/v1/revocations/unacknowledged"


@pytest.fixture
def hooks(api, workspace, monkeypatch):
    """Two webhooks subscribed to revocations, and one to opt-ins only."""
    allow_loopback(monkeypatch)
    with webhook_receiver("/crm") as crm, webhook_receiver("/warehouse") as warehouse:
        yield {
            "crm": register(api, workspace["admin"], crm.url, ["ContactOptedOut", "TopicConsentRevoked"]),
            "warehouse": register(api, workspace["admin"], warehouse.url, ["ContactOptedOut", "ContactBlocked"]),
            "opt_ins": register(api, workspace["admin"], crm.url + "/in", ["ContactOptedIn"]),
        }


def deliver(event: dict) -> None:
    assert run_sender(sqs_event(bus_message(event))) == {"batchItemFailures": []}


def ack(api, key, event_id, webhook_id):
    return api.request("POST", f"/v1/revocations/{event_id}/ack", key=key, json_body={"webhook_id": webhook_id})


def report(api, key, **query):
    status, body = api.request("GET", REPORT, key=key, query=query)
    assert status == 200, body
    return body


def test_a_revocation_is_listed_until_every_subscriber_acknowledges_it(api, workspace, hooks):
    event = detail(workspace["id"], "ContactOptedOut")
    deliver(event)
    [row] = report(api, workspace["member"])["revocations"]
    assert row["event_id"] == event["id"] and row["type"] == "ContactOptedOut" and row["phone"] == event["phone"]
    assert row["pending_webhooks"] == sorted([hooks["crm"]["id"], hooks["warehouse"]["id"]])
    assert row["honour_by"] and row["overdue"] is False

    status, first = ack(api, workspace["member"], event["id"], hooks["crm"]["id"])
    assert status == 200, first
    assert first["already_acknowledged"] is False and first["pending_webhooks"] == [hooks["warehouse"]["id"]]
    status, again = ack(api, workspace["admin"], event["id"], hooks["crm"]["id"])
    assert status == 200 and again["already_acknowledged"] is True
    assert again["acknowledged_at"] == first["acknowledged_at"]  # the first acknowledgement stands
    assert again["acknowledged_by"] == first["acknowledged_by"]
    [row] = report(api, workspace["member"])["revocations"]
    assert row["pending_webhooks"] == [hooks["warehouse"]["id"]]

    status, last = ack(api, workspace["member"], event["id"], hooks["warehouse"]["id"])
    assert status == 200 and last["pending_webhooks"] == []
    assert report(api, workspace["member"]) == {"revocations": [], "next_cursor": None}


def test_the_report_is_sorted_by_honour_by_and_paged(api, workspace, hooks):
    now = datetime.now(UTC)
    later = detail(workspace["id"], "ContactOptedOut", phone="+13325560011", occurred_at=now + timedelta(seconds=3))
    sooner = detail(workspace["id"], "ContactBlocked", phone="+13325560012", occurred_at=now + timedelta(seconds=2))
    topic = detail(workspace["id"], "TopicConsentRevoked", phone="+13325560013", topic="promo",
                   occurred_at=now + timedelta(seconds=4))
    opt_in = detail(workspace["id"], "ContactOptedIn", phone="+13325560014")  # not a revocation
    for event in (later, sooner, topic, opt_in):
        deliver(event)
    rows = report(api, workspace["admin"])["revocations"]
    assert [r["event_id"] for r in rows] == [sooner["id"], later["id"], topic["id"]]
    assert rows[0]["pending_webhooks"] == [hooks["warehouse"]["id"]]  # only it takes blocks
    assert rows[2]["topic"] == "promo" and rows[2]["pending_webhooks"] == [hooks["crm"]["id"]]

    first = report(api, workspace["admin"], limit=2)
    assert [r["event_id"] for r in first["revocations"]] == [sooner["id"], later["id"]] and first["next_cursor"]
    second = report(api, workspace["admin"], limit=2, cursor=first["next_cursor"])
    assert [r["event_id"] for r in second["revocations"]] == [topic["id"]] and second["next_cursor"] is None


def test_a_deleted_webhook_owes_nothing(api, workspace, hooks):
    event = detail(workspace["id"], "ContactOptedOut")
    deliver(event)
    ack(api, workspace["admin"], event["id"], hooks["crm"]["id"])
    api.request("DELETE", f"/v1/webhooks/{hooks['warehouse']['id']}", key=workspace["admin"])
    assert report(api, workspace["admin"])["revocations"] == []


def test_an_overdue_revocation_says_so(api, workspace, hooks):
    old = detail(workspace["id"], "ContactOptedOut", occurred_at=datetime.now(UTC) + timedelta(seconds=2))
    old["honour_by"] = "2026-01-02T00:00:00Z"
    deliver(old)
    [row] = report(api, workspace["admin"])["revocations"]
    assert row["overdue"] is True


def test_acknowledgements_are_workspace_scoped(api, workspace, other_workspace, hooks):
    event = detail(workspace["id"], "ContactOptedOut")
    deliver(event)
    status, body = ack(api, other_workspace["admin"], event["id"], hooks["crm"]["id"])
    assert status == 404 and body["error"]["code"] == "webhook_not_found"
    other = register(api, other_workspace["admin"], "https://crm.example.com/h", ["ContactOptedOut"])
    status, body = ack(api, other_workspace["admin"], event["id"], other["id"])
    assert status == 404 and body["error"]["code"] == "revocation_not_found"
    status, body = ack(api, workspace["admin"], event["id"], other["id"])  # another workspace's webhook
    assert status == 404 and body["error"]["code"] == "webhook_not_found"
    assert report(api, other_workspace["admin"])["revocations"] == []
    assert len(report(api, workspace["admin"])["revocations"]) == 1


@pytest.mark.parametrize(
    ("event_id", "body", "status", "code"),
    [
        ("evt_unknown:ContactOptedOut", None, 404, "revocation_not_found"),
        ("x" * 300, None, 404, "revocation_not_found"),
        ("{known}", {}, 400, "invalid_input"),
        ("{known}", {"webhook_id": ""}, 400, "invalid_input"),
        ("{known}", {"webhook_id": 7}, 400, "invalid_input"),
        ("{known}", {"webhook_id": "wh_nope"}, 404, "webhook_not_found"),
        ("{known}", {"webhook_id": "{crm}", "note": "extra"}, 400, "invalid_input"),
    ],
)
def test_bad_acknowledgements_are_refused(api, workspace, hooks, event_id, body, status, code):
    event = detail(workspace["id"], "ContactOptedOut")
    deliver(event)
    path_id = event["id"] if event_id == "{known}" else event_id
    sent = {"webhook_id": hooks["crm"]["id"]} if body is None else {
        k: (hooks["crm"]["id"] if v == "{crm}" else v) for k, v in body.items()}
    answer_status, answer = api.request("POST", f"/v1/revocations/{path_id}/ack", key=workspace["admin"],
                                        json_body=sent)
    assert answer_status == status, answer
    assert set(answer["error"]) == {"code", "message", "details"} and answer["error"]["code"] == code
    assert len(report(api, workspace["admin"])["revocations"]) == 1  # nothing was acknowledged


def test_a_webhook_that_was_not_sent_the_revocation_may_still_acknowledge_it(api, workspace, hooks):
    event = detail(workspace["id"], "ContactBlocked")  # only the warehouse takes blocks
    deliver(event)
    status, body = ack(api, workspace["member"], event["id"], hooks["opt_ins"]["id"])
    assert status == 200 and body["pending_webhooks"] == [hooks["warehouse"]["id"]]
    api.request("DELETE", f"/v1/webhooks/{hooks['warehouse']['id']}", key=workspace["admin"])
    nobody = detail(workspace["id"], "ContactBlocked", phone="+13325560021")  # sent to no webhook at all
    deliver(nobody)
    assert report(api, workspace["admin"])["revocations"] == []
    status, body = ack(api, workspace["member"], nobody["id"], hooks["crm"]["id"])
    assert status == 200 and body["pending_webhooks"] == [] and body["already_acknowledged"] is False
