"""The review queue and replies in the contact's language, through the real handlers.

Inbound messages are signed webhooks (Twilio with its own RequestValidator, the others with
scripts/carrier_signing.py) sent to the inbound function; the queue is read and resolved through
the contacts API function.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from optout import repository
from tests.integration.test_inbound_sms import CONTACT, NUMBERS, inboxes, published, send

SHARED_FIXTURES = (inboxes, published)  # the inbound tests' signed inboxes and captured replies

# A clear request, but over 200 characters: never automatic by default.
LONG = (
    "Hi, I have been getting these texts for a while and I appreciate the reminders about my appointments, "
    "but I moved to another city last month and I will not be coming back. Please remove me from your list. "
    "Thank you for everything!"
)
QUEUE = "/v1/review-queue"


def twiml_reply(answer: str) -> str | None:
    message = ET.fromstring(answer.split("?>", 1)[-1]).find("Message")
    return message.text if message is not None else None


def queue(api, key, **query):
    status, body = api.request("GET", QUEUE, key=key, query=query)
    assert status == 200, body
    return body


def resolve(api, key, item_id, action="opt_out", note="asked to be removed in a long message"):
    return api.request("POST", f"{QUEUE}/{item_id}/resolve", key=key, json_body={"action": action, "note": note})


def settings(api, workspace, **changes):
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=changes)
    assert status == 200, body
    return body


def queued_item(api, workspace, provider="telnyx", message_id="long-1"):
    status, _ = send(api, provider, LONG, message_id=message_id)
    assert status == 200
    [item] = queue(api, workspace["member"])["items"]
    return item


def test_a_long_request_is_queued_with_its_decision_and_nothing_changes(api, workspace, inboxes, published):
    status, _ = api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": CONTACT})
    assert status == 201
    status, answer = send(api, "telnyx", LONG, message_id="tx-long")
    assert status == 200 and json.loads(answer)["results"][0]["action"] == "review"
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "active"
    assert published == []  # no holding reply unless the workspace sets one

    [item] = queue(api, workspace["member"])["items"]
    assert item["state"] == "open" and item["resolution"] is None
    assert (item["phone"], item["inbox"], item["message_id"], item["text"]) == (
        CONTACT,
        NUMBERS["telnyx"],
        "tx-long",
        LONG,
    )
    assert item["provider"] == "telnyx" and item["received_at"]
    decision = item["decision"]
    assert decision["action"] == "review" and decision["rule"] == "exclusion"
    assert decision["review_reason"] == "longer than 200 characters"
    assert decision["match"] == "remove me from your list" and decision["language"] == "en"
    assert decision["detail"] and decision["confidence"] is not None
    _, events = api.request("GET", f"/v1/contacts/{CONTACT}/events", key=workspace["member"])
    assert events["events"] == []


def test_twilio_gets_an_empty_twiml_answer_for_a_queued_message(api, workspace, inboxes):
    status, answer = send(api, "twilio", LONG, message_id="SM-long")
    assert status == 200 and twiml_reply(answer) is None
    assert len(queue(api, workspace["member"])["items"]) == 1
    assert repository.get_contact(workspace["id"], CONTACT) is None


def test_a_holding_reply_goes_out_only_when_the_workspace_sets_one(api, workspace, inboxes, published):
    settings(api, workspace, review_reply="Thanks, {program} will get back to you.", program_name="Acme Dental")
    send(api, "telnyx", LONG, message_id="tx-hold")
    assert [r.text for r in published] == ["Thanks, Acme Dental will get back to you."]
    _, answer = send(api, "twilio", LONG, message_id="SM-hold")
    assert twiml_reply(answer) == "Thanks, Acme Dental will get back to you."
    settings(api, workspace, review_reply=None)  # back to no holding reply
    _, answer = send(api, "twilio", LONG, message_id="SM-hold-2")
    assert twiml_reply(answer) is None and len(queue(api, workspace["member"])["items"]) == 3


def test_an_admin_opt_out_writes_a_review_event_and_resolves_once(api, workspace, inboxes):
    item = queued_item(api, workspace)
    status, body = resolve(api, workspace["admin"], item["id"], note="moved away, wants no texts")
    assert status == 200, body
    assert body["changed"] is True and body["contact"]["status"] == "opted_out"
    assert body["contact"]["status_reason"] == "review"
    resolution = body["item"]["resolution"]
    assert body["item"]["state"] == "resolved" and resolution["action"] == "opt_out"
    assert resolution["note"] == "moved away, wants no texts" and resolution["at"]
    assert resolution["by"]["type"] == "api_key" and resolution["changed"] is True
    assert resolution["event_id"] == body["event"]["event_id"]

    _, events = api.request("GET", f"/v1/contacts/{CONTACT}/events", key=workspace["member"])
    [event] = events["events"]
    assert event["reason"] == "review" and event["status"] == "opted_out"
    assert event["note"] == "moved away, wants no texts" and event["message_text"] == LONG
    assert event["inbox"] == NUMBERS["telnyx"] and event["decision"]["review_reason"]
    assert event["initiator"]["type"] == "api_key"

    assert queue(api, workspace["member"])["items"] == []  # open is the default filter
    [done] = queue(api, workspace["member"], state="resolved")["items"]
    assert done["id"] == item["id"] and done["resolution"]["note"] == "moved away, wants no texts"
    status, again = resolve(api, workspace["admin"], item["id"], action="dismiss")
    assert status == 409 and again["error"]["code"] == "already_resolved"


def test_dismissing_keeps_the_status_and_records_why(api, workspace, inboxes):
    item = queued_item(api, workspace)
    status, body = resolve(api, workspace["admin"], item["id"], action="dismiss", note="a complaint, not a STOP")
    assert status == 200, body
    assert body["changed"] is False and body["event"] is None
    assert body["item"]["resolution"]["action"] == "dismiss"
    assert repository.get_contact(workspace["id"], CONTACT) is None  # never existed, still does not
    [done] = queue(api, workspace["admin"], state="resolved")["items"]
    assert done["resolution"]["note"] == "a complaint, not a STOP"


@pytest.mark.parametrize("status_before", ["unsubscribed", "blocked"])
def test_opting_out_a_suppressed_contact_records_the_resolution_only(api, workspace, inboxes, status_before):
    item = queued_item(api, workspace)
    api.request(
        "POST", "/v1/contact/set_status", key=workspace["admin"], json_body={"phone": CONTACT, "status": status_before}
    )
    status, body = resolve(api, workspace["admin"], item["id"])
    assert status == 200, body
    expected = "opted_out" if status_before == "unsubscribed" else "blocked"
    assert body["changed"] is False and body["event"] is None and body["contact"]["status"] == expected
    assert body["item"]["resolution"]["contact_status"] == expected
    _, events = api.request("GET", f"/v1/contacts/{CONTACT}/events", key=workspace["member"])
    assert [e["reason"] for e in events["events"]] == ["api"]  # only the staff change


def test_a_member_cannot_resolve(api, workspace, inboxes):
    item = queued_item(api, workspace)
    status, body = resolve(api, workspace["member"], item["id"])
    assert status == 403 and body["error"]["code"] == "admin_required"
    assert queue(api, workspace["member"])["items"][0]["state"] == "open"


def test_another_workspace_neither_sees_nor_resolves(api, workspace, other_workspace, inboxes):
    item = queued_item(api, workspace)
    assert queue(api, other_workspace["admin"])["items"] == []
    status, body = resolve(api, other_workspace["admin"], item["id"])
    assert status == 404 and body["error"]["code"] == "review_item_not_found"
    assert queue(api, workspace["member"])["items"][0]["state"] == "open"


@pytest.mark.parametrize(
    "body",
    [
        {"action": "opt_out"},
        {"action": "opt_out", "note": ""},
        {"action": "opt_out", "note": "   "},
        {"action": "unsubscribe", "note": "x"},
        {"action": "opt_out", "note": "x", "extra": 1},
    ],
)
def test_a_resolution_needs_an_action_and_a_note(api, workspace, inboxes, body):
    item = queued_item(api, workspace)
    status, answer = api.request("POST", f"{QUEUE}/{item['id']}/resolve", key=workspace["admin"], json_body=body)
    assert status == 400 and answer["error"]["code"] in ("invalid_input", "note_required")
    assert queue(api, workspace["member"])["items"][0]["state"] == "open"


def test_an_unknown_id_is_404(api, workspace, inboxes):
    for item_id in ("0" * 32, "not-an-id"):
        status, body = resolve(api, workspace["admin"], item_id)
        assert status == 404 and body["error"]["code"] == "review_item_not_found"


def test_pages_newest_first_with_a_workspace_bound_cursor(api, workspace, other_workspace, inboxes):
    for n in range(3):
        send(api, "telnyx", LONG, message_id=f"tx-page-{n}")
    first = queue(api, workspace["member"], limit=2)
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = queue(api, workspace["member"], limit=2, cursor=first["next_cursor"])
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    ids = [i["message_id"] for i in first["items"] + second["items"]]
    assert ids == ["tx-page-2", "tx-page-1", "tx-page-0"]
    for key, query in [
        (workspace["member"], {"cursor": "not a cursor!"}),
        (workspace["member"], {"cursor": first["next_cursor"], "state": "resolved"}),
        (other_workspace["member"], {"cursor": first["next_cursor"]}),
    ]:
        status, body = api.request("GET", QUEUE, key=key, query={"limit": 2, **query})
        assert status == 400 and body["error"]["code"] == "invalid_cursor"
    status, body = api.request("GET", QUEUE, key=workspace["member"], query={"state": "closed"})
    assert status == 400


def test_a_carrier_retry_does_not_queue_twice(api, workspace, inboxes, published):
    first = send(api, "twilio", LONG, message_id="SM-retry")
    assert send(api, "twilio", LONG, message_id="SM-retry") == first
    send(api, "telnyx", LONG, message_id="tx-retry")
    _, answer = send(api, "telnyx", LONG, message_id="tx-retry")
    assert json.loads(answer)["results"] == [{"action": "review", "rule": "exclusion", "duplicate": True}]
    assert sorted(i["message_id"] for i in queue(api, workspace["member"])["items"]) == ["SM-retry", "tx-retry"]


def test_a_retry_racing_the_first_delivery_is_stopped_by_the_marker(api, workspace, inboxes, monkeypatch):
    """Both deliveries read before either wrote: the item shares the marker's transaction, so one lands."""
    send(api, "telnyx", LONG, message_id="tx-race")
    real = repository.get_contact_and_marker
    calls = []

    def first_read_misses_the_marker(*args, **kwargs):
        calls.append(args)
        contact, marker = real(*args, **kwargs)
        return (contact, None) if len(calls) == 1 else (contact, marker)

    monkeypatch.setattr(repository, "get_contact_and_marker", first_read_misses_the_marker)
    status, answer = send(api, "telnyx", LONG, message_id="tx-race")
    assert status == 200 and json.loads(answer)["results"][0]["duplicate"] is True
    assert len(calls) == 2  # the transaction was refused and the marker read again
    assert [i["message_id"] for i in queue(api, workspace["member"])["items"]] == ["tx-race"]


def test_long_message_mode_ignore_and_opt_out(api, workspace, inboxes, published):
    settings(api, workspace, long_message_mode="ignore")
    status, answer = send(api, "telnyx", LONG, message_id="tx-ignore")
    assert json.loads(answer)["results"][0]["action"] == "none"
    assert queue(api, workspace["member"])["items"] == [] and repository.get_contact(workspace["id"], CONTACT) is None

    settings(api, workspace, long_message_mode="opt_out")
    status, answer = send(api, "telnyx", LONG, message_id="tx-opt-out")
    assert json.loads(answer)["results"][0]["action"] == "opt_out"
    record = repository.get_contact(workspace["id"], CONTACT)
    assert record.status.value == "opted_out" and record.status_reason.value == "intent"
    assert queue(api, workspace["member"])["items"] == [] and "unsubscribed" in published[-1].text

    status, _ = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"long_message_mode": "maybe"})
    assert status == 400


# --- replies in the contact's language ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ALTO",
            "Se ha dado de baja de Acme Dental y no recibirá más mensajes. Responda START para volver a suscribirse.",
        ),
        (
            "ARRET",
            "Vous êtes désabonné de Acme Dental et ne recevrez plus de messages. Répondez START pour vous réabonner.",
        ),
        (
            "STOP",
            "You have been unsubscribed from Acme Dental and will receive no more messages. Reply START to resubscribe.",
        ),
    ],
)
def test_a_signed_twilio_opt_out_is_confirmed_in_its_language(api, workspace, inboxes, text, expected):
    settings(api, workspace, program_name="Acme Dental")
    status, answer = send(api, "twilio", text, message_id=f"SM-{text}")
    assert status == 200 and twiml_reply(answer) == expected
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "opted_out"


def test_help_in_the_contact_language(api, workspace, inboxes, published):
    send(api, "telnyx", "AYUDA", message_id="tx-ayuda")
    send(api, "telnyx", "AIDE", message_id="tx-aide")
    assert published[0].text.startswith("Acme Dental: para ayuda") and "ALTO" in published[0].text
    assert published[1].text.startswith("Acme Dental : pour de l'aide") and "ARRET" in published[1].text


def test_a_workspace_text_for_a_language_wins_and_others_fall_back(api, workspace, inboxes, published):
    settings(api, workspace, replies={"es": {"opt_out_reply": "Baja confirmada en {program}. START para volver."}})
    send(api, "telnyx", "ALTO", message_id="tx-es")
    send(api, "telnyx", "AYUDA", message_id="tx-es-help")
    assert published[0].text == "Baja confirmada en Acme Dental. START para volver."
    assert published[1].text.startswith("Acme Dental: para ayuda")  # built-in for what it leaves out


@pytest.mark.parametrize(
    "replies",
    [{"spanish": {"opt_out_reply": "x"}}, {"es": {"opt_out_reply": ""}}, {"es": {"goodbye": "x"}}, {"es": "x"}],
)
def test_language_replies_are_validated(api, workspace, replies):
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"replies": replies})
    assert status == 400 and body["error"]["code"] == "invalid_input"
