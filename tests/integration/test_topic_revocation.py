"""Revocation by topic through the real handlers: every opt-out or block, by every path, revokes
every topic on the contact item in the same write, so the stored map and GET consents (the fold of
the history) agree; an admin opt-in restores the status only; a topic keyword revokes one topic;
every revocation carries its deadline (honour_by)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import boto3
import pytest

from optout import repository
from optout.models import iso
from optout.rules.business_days import honour_by
from optout.rules.topic_revocation import ALL_TOPICS, entry_for
from tests.integration import test_delivery_status as delivery
from tests.integration.test_inbound_sms import CONTACT, carrier_signing, inboxes, published, send
from tests.integration.test_review_queue import LONG, queue, resolve

SHARED_FIXTURES = (inboxes, published)  # the inbound tests' signed inboxes and captured replies

PAST = "2026-01-01"  # the workspace's revoke-all date, before every test's opt-out
DISCLOSURE = "Yes, send me Acme Dental promotions by text. Reply STOP to cancel."


@pytest.fixture(autouse=True)
def revoke_all_date_past(api, workspace):
    """Every path records the workspace's revoke-all date, not the built-in one: here it is past,
    so each revocation of every topic says the rule required it."""
    status, answer = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"revoke_all_effective": PAST})
    assert status == 200, answer


def define_topics(api, workspace):
    admin = workspace["admin"]
    for topic, body in (
        ("marketing", {"name": "Marketing", "express_consent": True, "keywords": ["STOP PROMO"]}),
        ("reminders", {"name": "Reminders"}),
    ):
        status, answer = api.request("PUT", f"/v1/topics/{topic}", key=admin, json_body=body)
        assert status in (200, 201), answer


def opt_in(api, workspace, phone, topics=("marketing", "reminders"), ago=timedelta(minutes=1)):
    body = {
        "phone": phone,
        "topics": list(topics),
        "source": "paper",
        "captured_at": iso(datetime.now(UTC) - ago),
        "disclosure": DISCLOSURE,
    }
    status, answer = api.request("POST", "/v1/consents", key=workspace["member"], json_body=body)
    assert status == 201, answer


def consents(api, workspace, phone):
    status, body = api.request("GET", f"/v1/contacts/{phone}/consents", key=workspace["member"])
    assert status == 200, body
    return {topic["topic"]: topic for topic in body["topics"]}


def assert_map_agrees(api, workspace, phone):
    """The contact item's map says for every topic what the fold of the history says."""
    folded = consents(api, workspace, phone)
    stored = repository.get_contact(workspace["id"], phone).topics
    for name, topic in folded.items():
        entry = entry_for(stored, name)
        if topic["status"] == "never":
            assert entry is None, name
        else:
            assert (entry.status, entry.event_id) == (topic["status"], topic["by"]["event_id"]), name
            assert entry.since == datetime.fromisoformat(topic["since"]), name
    return folded, stored


def assert_all_revoked_by_one_event(api, workspace, phone, *, held_topics=True):
    folded, stored = assert_map_agrees(api, workspace, phone)
    assert {topic["status"] for topic in folded.values()} == {"revoked"}
    [event_id] = {topic["by"]["event_id"] for topic in folded.values()}
    assert stored[ALL_TOPICS].event_id == event_id  # topics defined later are revoked by it too
    [by] = {json.dumps(topic["by"]) for topic in folded.values()}
    by = json.loads(by)
    assert datetime.fromisoformat(by["honour_by"]) == honour_by(datetime.fromisoformat(by["recorded_at"]))
    # Only a revocation of topics the contact held records the rule's date.
    expected = (True, PAST) if held_topics else (None, None)
    assert (by["revoke_all_required"], by["revoke_all_effective"]) == expected, by
    return event_id


def events_of(api, workspace, phone):
    status, body = api.request("GET", f"/v1/contacts/{phone}/events", key=workspace["member"])
    assert status == 200, body
    return body["events"]


# --- inbound: keyword, intent, typo -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "settings", "reason"),
    [
        ("STOP", {}, "keyword"),
        ("please take me off your list", {}, "intent"),
        ("Stpo", {"typo_mode": "opt_out"}, "fuzzy"),
    ],
)
def test_an_inbound_opt_out_revokes_every_topic_in_its_write(api, workspace, inboxes, published, text, settings, reason):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    if settings:
        api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=settings)
    status, _ = send(api, "twilio", text, message_id=f"in-{reason}")
    assert status == 200
    record = repository.get_contact(workspace["id"], CONTACT)
    assert record.status.value == "opted_out" and record.status_reason.value == reason
    event_id = assert_all_revoked_by_one_event(api, workspace, CONTACT)
    [event, _] = events_of(api, workspace, CONTACT)
    assert event["event_id"] == event_id and event["honour_by"] is not None
    assert (event["revoke_all_required"], event["revoke_all_effective"]) == (True, PAST)  # the history shows it


def test_an_admin_opt_in_restores_the_status_only(api, workspace, inboxes, published):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    send(api, "twilio", "STOP", message_id="stop-1")
    status, body = api.request(
        "POST",
        "/v1/contact/set_status",
        key=workspace["admin"],
        json_body={"phone": CONTACT, "status": "subscribed", "note": "asked by phone to come back"},
    )
    assert status == 200 and body["contact"]["status"] == "active", body
    assert body["event"]["honour_by"] is None  # an opt-in is no revocation
    folded, _ = assert_map_agrees(api, workspace, CONTACT)
    assert folded["reminders"]["suppression"] == "topic_revoked" and folded["marketing"]["sendable"] is False
    # A topic defined after the opt-out is revoked by it too, on the item as in the fold.
    api.request("PUT", "/v1/topics/alerts", key=workspace["admin"], json_body={"name": "Alerts"})
    folded, _ = assert_map_agrees(api, workspace, CONTACT)
    assert folded["alerts"]["status"] == "revoked"
    # A new consent grants again, and the wildcard of the opt-out stays for the others.
    opt_in(api, workspace, CONTACT, topics=("reminders",), ago=timedelta(0))
    folded, stored = assert_map_agrees(api, workspace, CONTACT)
    assert folded["reminders"]["status"] == "granted" and folded["alerts"]["status"] == "revoked"
    assert ALL_TOPICS in stored


# --- staff paths: set_status, review, import --------------------------------------------------


@pytest.mark.parametrize("command", ["unsubscribed", "blocked"])
def test_set_status_opt_out_and_block_revoke_every_topic(api, workspace, command):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=workspace["member"], json_body={"phone": CONTACT, "status": command}
    )
    assert status == 200, body
    assert body["event"]["honour_by"] is not None
    assert assert_all_revoked_by_one_event(api, workspace, CONTACT) == body["event"]["event_id"]


def test_a_review_opt_out_revokes_every_topic(api, workspace, inboxes, published):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    send(api, "telnyx", LONG, message_id="long-topics")
    [item] = queue(api, workspace["member"])["items"]
    status, body = resolve(api, workspace["admin"], item["id"])
    assert status == 200, body
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "opted_out"
    assert_all_revoked_by_one_event(api, workspace, CONTACT)


def test_an_imported_opt_out_revokes_every_topic(api, workspace):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    status, report = api.request(
        "POST",
        "/v1/contacts/import",
        key=workspace["member"],
        body=f"phone,opt_out\n{CONTACT},yes\n+14155550199,yes\n",
        headers={"Content-Type": "text/csv; charset=utf-8"},
    )
    assert status == 200 and report["opted_out"] == 2, report
    assert_all_revoked_by_one_event(api, workspace, CONTACT)
    # A new contact imported as opted out: no topic was ever granted, and every one is revoked.
    assert_all_revoked_by_one_event(api, workspace, "+14155550199", held_topics=False)


# --- delivery: Auto Opt-Out on Failed Delivery, the broadcast "Opt-out SMS" --------------------


@pytest.fixture
def status_inboxes(workspace):
    from optout.models import Principal, Role
    from optout.services import inboxes as inbox_service

    admin = Principal(workspace_id=workspace["id"], key_id="test", key_name="test", role=Role.ADMIN)
    client = boto3.client("secretsmanager", region_name="us-east-1")
    secret = delivery.SECRETS["bandwidth"]
    secret_ref = f"optout/{workspace['id']}/status-bandwidth"
    client.create_secret(Name=secret_ref, SecretString=json.dumps(secret))
    number = delivery.NUMBERS["bandwidth"]
    inbox_service.register_inbox(admin, number, provider="bandwidth", secret_ref=secret_ref, topic_arn=None)


def test_auto_opt_out_on_failed_delivery_revokes_every_topic(api, workspace, status_inboxes):
    define_topics(api, workspace)
    opt_in(api, workspace, delivery.CONTACT)
    delivery.auto_opt_out(api, workspace, True)
    delivery.bandwidth("perm-topics", "failed", code="4720")
    assert repository.get_contact(workspace["id"], delivery.CONTACT).status_reason.value == "failed_delivery"
    assert_all_revoked_by_one_event(api, workspace, delivery.CONTACT)


def test_the_broadcast_opt_out_revokes_every_topic(api, workspace, status_inboxes):
    define_topics(api, workspace)
    opt_in(api, workspace, delivery.CONTACT)
    delivery.bandwidth("mo-topics", "failed", code="4702", bc="bc-topics")
    path = f"/v1/broadcasts/bc-topics/failures/{delivery.CONTACT}/opt-out"
    status, body = api.request("POST", path, key=workspace["member"])
    assert status == 200 and body["changed"] is True, body
    assert assert_all_revoked_by_one_event(api, workspace, delivery.CONTACT) == body["event"]["event_id"]


# --- topic keywords ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["STOP PROMO", "stop promo", "Stop  Promo!"])
def test_a_topic_keyword_revokes_that_topic_only(api, workspace, inboxes, published, text):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    status, answer = send(api, "twilio", text, message_id="promo-1")  # signed with Twilio's validator
    assert status == 200 and "<Message>Acme Dental: you will receive no more Marketing messages.</Message>" in answer
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "active"
    folded, stored = assert_map_agrees(api, workspace, CONTACT)
    assert folded["marketing"]["status"] == "revoked" and folded["marketing"]["suppression"] == "topic_revoked"
    assert folded["marketing"]["by"]["kind"] == "revoked" and folded["marketing"]["by"]["honour_by"] is not None
    assert folded["reminders"]["status"] == "granted" and folded["reminders"]["sendable"] is True
    assert ALL_TOPICS not in stored
    [event, _] = events_of(api, workspace, CONTACT)
    assert event["reason"] == "keyword" and event["message_text"] == text and event["status"] == "active"
    assert event["topic_change"]["kind"] == "revoked" and event["topic_change"]["topics"] == ["marketing"]
    assert event["honour_by"] == folded["marketing"]["by"]["honour_by"]

    # The same request again changes nothing and sends no second confirmation.
    status, answer = send(api, "twilio", "STOP PROMO", message_id="promo-2")
    assert status == 200 and "<Message>" not in answer
    assert len(events_of(api, workspace, CONTACT)) == 2
    # STOP still revokes everything after it.
    send(api, "twilio", "STOP", message_id="stop-after")
    assert_all_revoked_by_one_event(api, workspace, CONTACT)


def test_a_topic_keyword_reply_follows_the_workspace_texts(api, workspace, inboxes, published):
    define_topics(api, workspace)
    api.request(
        "PUT", "/v1/settings", key=workspace["admin"], json_body={"topic_opt_out_reply": "No more {topic} from {program}."}
    )
    send(api, "telnyx", "STOP PROMO", message_id="promo-telnyx")
    assert [reply.text for reply in published] == ["No more Marketing from Acme Dental."]


def test_messages_cost_no_topic_read(api, workspace, inboxes, published, ddb_calls):
    """Topics are cached with the settings: a webhook adds no DynamoDB request per message."""
    send(api, "twilio", "hello", message_id="warm-1")
    ddb_calls.clear()
    send(api, "twilio", "STOP PROMO", message_id="no-topics")  # a workspace with no topics
    assert "Query" not in ddb_calls and ddb_calls.count("TransactWriteItems") <= 1
    define_topics(api, workspace)  # a PUT invalidates this process's cached topics
    other = "+15551230002"
    send(api, "twilio", "hello", body=carrier_signing.inbound_body("twilio", other, inboxes["twilio"], "hello", "w2"))
    ddb_calls.clear()
    body = carrier_signing.inbound_body("twilio", other, inboxes["twilio"], "STOP PROMO", "with-topics")
    send(api, "twilio", "STOP PROMO", body=body)
    assert sorted(ddb_calls) == ["BatchGetItem", "TransactWriteItems"]
    assert repository.get_contact(workspace["id"], other).topics["marketing"].status == "revoked"
