"""Opt-in with proof, and consent by topic, through the real contacts handler: the event and the
contact's topic map in one transaction, disclosures stored once and versioned, suppressed numbers
refused, each workspace's contacts its own."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from optout import repository
from optout.models import iso

A = "+14155550100"
TEXT = "By checking this box you agree to receive marketing texts from Acme Dental. Reply STOP to cancel."


def _topics(api, key):
    api.request("PUT", "/v1/topics/marketing", key=key, json_body={"name": "Marketing", "express_consent": True})
    api.request("PUT", "/v1/topics/reminders", key=key, json_body={"name": "Reminders"})


def _opt_in(**overrides):
    body = {
        "phone": A,
        "topics": ["marketing"],
        "source": "web_form",
        "captured_at": iso(datetime.now(UTC) - timedelta(minutes=3)),
        "disclosure": TEXT,
        "form_url": "https://acme.example/join",
        "ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0",
        "captured_by": "signup form v2",
    }
    return {**body, **overrides}


def _by_topic(body):
    return {topic["topic"]: topic for topic in body["topics"]}


def test_a_web_form_opt_in_is_recorded_with_its_proof(api, workspace):
    _topics(api, workspace["admin"])
    status, body = api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in())
    assert status == 201, body
    assert body["disclosure_version"] == 1 and body["disclosure_new"] is True and body["status"] == "active"
    marketing = _by_topic(body)["marketing"]
    assert marketing["status"] == "granted" and marketing["sendable"] is True
    assert marketing["by"]["event_id"] == body["event_id"] and marketing["by"]["kind"] == "granted"
    assert marketing["by"]["source"] == "web_form"
    assert marketing["evidence"]["disclosure"] == TEXT and marketing["evidence"]["ip"] == "203.0.113.7"

    status, body = api.request("GET", f"/v1/contacts/{A}/consents", key=workspace["member"])
    assert status == 200, body
    topics = _by_topic(body)
    assert topics["marketing"]["status"] == "granted" and topics["marketing"]["evidence"]["form_url"].endswith("/join")
    assert topics["marketing"]["evidence"]["captured_by"] == "signup form v2"
    # Reminders needs no express consent: sendable though never granted; marketing would not be.
    assert topics["reminders"]["status"] == "never" and topics["reminders"]["sendable"] is True
    assert body["status"] == "active" and body["message"] is None

    # The contact item's map is the fold of its events, and the event is in the contact's history.
    contact = repository.get_contact(workspace["id"], A)
    assert contact.topics["marketing"].status == "granted" and contact.topics["marketing"].event_id == topics[
        "marketing"
    ]["by"]["event_id"]
    assert "reminders" not in contact.topics
    status, events = api.request("GET", f"/v1/contacts/{A}/events", key=workspace["member"])
    [event] = events["events"]
    assert event["topic_change"]["kind"] == "granted" and event["topic_change"]["evidence"]["disclosure_version"] == 1
    # A consent alone changes no status: it is in no report index (nor counted, see the unit tests).
    [item] = repository.dynamodb_client().query(
        TableName=repository.events_table(),
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": f"{workspace['id']}#{A}"}},
    )["Items"]
    assert not [name for name in item if name.startswith("rpt_") or name == "auto_pk"]


def test_express_topic_never_granted_is_not_sendable(api, workspace):
    _topics(api, workspace["admin"])
    api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in(topics=["reminders"], source="paper"))
    _, body = api.request("GET", f"/v1/contacts/{A}/consents", key=workspace["member"])
    marketing = _by_topic(body)["marketing"]
    assert marketing["status"] == "never" and marketing["sendable"] is False and marketing["suppression"] == "no_consent"


def test_a_disclosure_is_stored_once_and_versioned_in_order_of_first_use(api, workspace):
    _topics(api, workspace["admin"])
    member = workspace["member"]
    first = api.request("POST", "/v1/consents", key=member, json_body=_opt_in())[1]
    again = api.request("POST", "/v1/consents", key=member, json_body=_opt_in(phone="+14155550101"))[1]
    other = api.request("POST", "/v1/consents", key=member, json_body=_opt_in(phone="+14155550102", disclosure=TEXT + "!"))[1]
    assert (first["disclosure_version"], first["disclosure_new"]) == (1, True)
    assert (again["disclosure_version"], again["disclosure_new"]) == (1, False)
    assert again["disclosure_hash"] == first["disclosure_hash"]
    assert (other["disclosure_version"], other["disclosure_new"]) == (2, True)
    stored = repository.dynamodb_client().query(
        TableName=repository.accounts_table(),
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": {"S": f"WS#{workspace['id']}"}, ":s": {"S": "DISCLOSURE#"}},
    )["Items"]
    assert len(stored) == 2


def test_an_opted_out_or_blocked_number_is_refused_and_nothing_is_written(api, workspace):
    _topics(api, workspace["admin"])
    member = workspace["member"]
    for status_command, phone in (("unsubscribed", A), ("blocked", "+14155550101")):
        api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": phone, "status": status_command})
        status, body = api.request("POST", "/v1/consents", key=member, json_body=_opt_in(phone=phone))
        assert status == 409 and body["error"]["code"] == "contact_suppressed", body
        _, events = api.request("GET", f"/v1/contacts/{phone}/events", key=member)
        assert len(events["events"]) == 1  # the opt-out or block only
        _, consents = api.request("GET", f"/v1/contacts/{phone}/consents", key=member)
        assert all(t["sendable"] is False for t in consents["topics"]) and consents["message"]


def test_an_opt_out_revokes_every_topic_and_an_admin_opt_in_does_not_give_them_back(api, workspace):
    _topics(api, workspace["admin"])
    member, admin = workspace["member"], workspace["admin"]
    api.request("POST", "/v1/consents", key=member, json_body=_opt_in(topics=["marketing", "reminders"]))
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"})
    _, body = api.request("GET", f"/v1/contacts/{A}/consents", key=member)
    assert body["status"] == "opted_out" and "no topic is sendable" in body["message"]
    assert {t["topic"]: (t["status"], t["sendable"]) for t in body["topics"]} == {
        "marketing": ("revoked", False),
        "reminders": ("revoked", False),
    }
    assert _by_topic(body)["marketing"]["by"]["kind"] == "revoke_all"
    api.request("POST", "/v1/contact/set_status", key=admin, json_body={"phone": A, "status": "subscribed", "note": "x"})
    _, body = api.request("GET", f"/v1/contacts/{A}/consents", key=member)
    assert _by_topic(body)["marketing"]["status"] == "revoked"  # a new opt-in with proof is needed
    # A form captured before the opt-out never undoes it; one captured after grants again.
    old = iso(datetime.now(UTC) - timedelta(hours=1))
    _, body = api.request("POST", "/v1/consents", key=member, json_body=_opt_in(captured_at=old))
    assert _by_topic(body)["marketing"]["status"] == "revoked"
    _, body = api.request("POST", "/v1/consents", key=member, json_body=_opt_in(captured_at=iso(datetime.now(UTC))))
    assert _by_topic(body)["marketing"]["status"] == "granted"
    assert repository.get_contact(workspace["id"], A).topics["marketing"].status == "granted"


def test_unknown_topics_are_422_naming_them(api, workspace):
    _topics(api, workspace["admin"])
    status, body = api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in(topics=["marketing", "promo", "news"]))
    assert status == 422 and body["error"]["code"] == "unknown_topics"
    assert body["error"]["details"] == {"unknown": ["news", "promo"]}
    assert repository.get_contact(workspace["id"], A) is None


@pytest.mark.parametrize("delta", [timedelta(hours=1), -timedelta(days=6 * 365)])
def test_a_capture_in_the_future_or_years_old_is_422(api, workspace, delta):
    _topics(api, workspace["admin"])
    body = _opt_in(captured_at=iso(datetime.now(UTC) + delta))
    status, out = api.request("POST", "/v1/consents", key=workspace["member"], json_body=body)
    assert status == 422 and out["error"]["code"] == "invalid_captured_at"


def test_another_workspaces_topics_and_contacts_are_invisible(api, workspace, other_workspace):
    _topics(api, workspace["admin"])
    api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in())
    status, body = api.request("GET", f"/v1/contacts/{A}/consents", key=other_workspace["member"])
    assert status == 404 and body["error"]["code"] == "contact_not_found"
    status, body = api.request("POST", "/v1/consents", key=other_workspace["member"], json_body=_opt_in())
    assert status == 422 and body["error"]["details"] == {"unknown": ["marketing"]}


def test_a_workspace_without_topics_shows_the_status_alone(api, workspace):
    api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": A})
    status, body = api.request("GET", f"/v1/contacts/{A}/consents", key=workspace["member"])
    assert status == 200 and body == {"phone": A, "status": "active", "message": None, "topics": []}
    assert repository.get_contact(workspace["id"], A).topics is None
    status, body = api.request("GET", "/v1/contacts/+14155550199/consents", key=workspace["member"])
    assert status == 404


def test_the_transaction_writes_everything_or_nothing(api, workspace, monkeypatch):
    """A failing item in the consent's transaction (here an injected condition) leaves no event,
    no contact, no disclosure and no count behind."""
    from optout.repository import consents as store

    _topics(api, workspace["admin"])
    real = store.new_disclosure_items

    def failing(disclosure):
        never = {"pk": {"S": "NO#SUCH"}, "sk": {"S": "ITEM"}}
        check = {"TableName": repository.accounts_table(), "Key": never, "ConditionExpression": "attribute_exists(pk)"}
        return [*real(disclosure), {"ConditionCheck": check}]

    monkeypatch.setattr(store, "new_disclosure_items", failing)
    status, body = api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in())
    assert status == 409, body  # retried, then refused: the record kept changing
    assert repository.get_contact(workspace["id"], A) is None
    assert repository.query_contact_events(workspace["id"], A, limit=10)[0] == []
    assert store.get_disclosures(workspace["id"], [hashlib.sha256(TEXT.encode()).hexdigest()]) == {}
    assert store.disclosure_count(workspace["id"]) == 0
    monkeypatch.setattr(store, "new_disclosure_items", real)
    status, body = api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in())
    assert status == 201 and body["disclosure_version"] == 1


@pytest.mark.parametrize(
    "change",
    [
        {"topics": []},
        {"topics": "marketing"},
        {"topics": ["Marketing"]},
        {"source": "fax"},
        {"captured_at": "2026-01-01T10:00:00"},  # no zone
        {"captured_at": 1767261600},
        {"disclosure": ""},
        {"disclosure": "   "},
        {"disclosure": "x" * 4001},
        {"form_url": "javascript:alert(1)"},
        {"form_url": "ftp://acme.example/form"},
        {"form_url": None},  # a web form needs its URL
        {"ip": "300.1.1.1"},
        {"ip": "not an ip"},
        {"user_agent": "u" * 501},
        {"phone": 4155550100},
        {"phone": "not a phone"},
        {"unexpected": True},
    ],
)
def test_bad_input_is_400(api, workspace, change):
    _topics(api, workspace["admin"])
    status, body = api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in(**change))
    assert status == 400 and body["error"]["code"] in ("invalid_input", "invalid_phone"), body
    assert repository.get_contact(workspace["id"], A) is None


def test_malformed_json_and_an_ipv6_address(api, workspace):
    _topics(api, workspace["admin"])
    status, body = api.request(
        "POST", "/v1/consents", key=workspace["member"], body='{"phone": ', headers={"Content-Type": "application/json"}
    )
    assert status == 400 and "error" in body
    status, body = api.request("POST", "/v1/consents", key=workspace["member"], json_body=_opt_in(ip="2001:DB8::1"))
    assert status == 201 and _by_topic(body)["marketing"]["evidence"]["ip"] == "2001:db8::1"
