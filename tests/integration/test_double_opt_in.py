"""Double opt-in through the real handlers: POST /v1/consents with double_opt_in sends "Reply YES
to confirm" on the replies bus and grants nothing; the YES over a signed Twilio webhook grants the
topics with its message as proof, shown by GET consents and the evidence export, which verifies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from optout import repository
from optout.cli import evidence as cli
from optout.models import iso
from tests.integration.test_inbound_sms import CONTACT, inboxes, published, send
from tests.integration.test_topic_revocation import DISCLOSURE, assert_map_agrees, consents, define_topics

SHARED_FIXTURES = (inboxes, published)


BODY = {
    "topics": ["marketing", "reminders"], "source": "web_form", "form_url": "https://acme.example/join",
    "disclosure": DISCLOSURE,
}


def request(api, workspace, phone=CONTACT, **choices):
    body = {
        **BODY, "phone": phone, "captured_at": iso(datetime.now(UTC) - timedelta(minutes=1)), "double_opt_in": True,
        **choices,
    }
    return api.request("POST", "/v1/consents", key=workspace["member"], json_body=body)


def test_a_double_opt_in_grants_only_on_yes(api, workspace, inboxes, published):
    define_topics(api, workspace)
    status, answer = request(api, workspace)
    assert status == 201, answer
    [sent] = published
    assert sent.to == CONTACT and sent.action == "double_opt_in" and sent.inbox == min(inboxes.values())
    assert "reply YES to confirm" in sent.text and "Marketing, Reminders" in sent.text and "Acme Dental" in sent.text
    folded = consents(api, workspace, CONTACT)
    assert {topic["status"] for topic in folded.values()} == {"never"}  # nothing granted yet
    assert folded["marketing"]["suppression"] == "no_consent"

    status, _ = send(api, "twilio", "YES", message_id="SM-yes-1")
    assert status == 200
    folded, _ = assert_map_agrees(api, workspace, CONTACT)
    for topic in ("marketing", "reminders"):
        assert folded[topic]["status"] == "granted" and folded[topic]["sendable"] is True
        assert folded[topic]["by"]["kind"] == "confirmed" and folded[topic]["by"]["message_id"] == "SM-yes-1"
        assert folded[topic]["evidence"]["disclosure"] == DISCLOSURE
    assert repository.get_contact(workspace["id"], CONTACT).confirmation_requested_until is None
    status, export = api.request("GET", f"/v1/contacts/{CONTACT}/evidence", key=workspace["member"])
    assert status == 200 and cli.verify_export(export) == (True, "verified: 2 events")
    yes = export["events"][-1]["summary"]
    assert yes["kind"] == "topics:confirmed" and yes["message"] == {"id": "SM-yes-1", "text": "YES", "inbox": inboxes["twilio"]}

    # A second YES has no open request: it behaves as today (nothing written).
    send(api, "twilio", "YES", message_id="SM-yes-2")
    assert len(export["events"]) == 2 == api.request("GET", f"/v1/contacts/{CONTACT}/evidence", key=workspace["member"])[1]["chain"]["count"]


def test_an_opt_out_before_the_yes_cancels_the_request(api, workspace, inboxes, published):
    define_topics(api, workspace)
    assert request(api, workspace)[0] == 201
    send(api, "twilio", "STOP", message_id="SM-stop")
    send(api, "twilio", "START", message_id="SM-start")  # back to active: the request stays cancelled
    send(api, "twilio", "YES", message_id="SM-yes")
    folded = consents(api, workspace, CONTACT)
    assert {topic["status"] for topic in folded.values()} == {"revoked"}
    kinds = [e["summary"]["kind"] for e in api.request("GET", f"/v1/contacts/{CONTACT}/evidence", key=workspace["member"])[1]["events"]]
    assert kinds == ["topics:double_opt_in_requested", "opt_out", "opt_in"]  # no confirmation recorded


def test_a_double_opt_in_for_an_opted_out_number_is_409(api, workspace, inboxes, published):
    define_topics(api, workspace)
    send(api, "twilio", "STOP", message_id="SM-stop-first")
    published.clear()
    status, answer = request(api, workspace)
    assert status == 409 and answer["error"]["code"] == "contact_suppressed", answer
    assert published == []  # no text to a number that revoked


def test_a_double_opt_in_needs_a_number_to_send_from(api, workspace):
    define_topics(api, workspace)
    status, answer = request(api, workspace)
    assert status == 422 and answer["error"]["code"] == "no_inbox", answer


def test_a_double_opt_in_comes_from_the_named_number_in_the_named_language(api, workspace, inboxes, published):
    define_topics(api, workspace)
    last = max(inboxes.values())
    status, answer = request(api, workspace, inbox=last, language="es")
    assert status == 201, answer
    [sent] = published
    assert sent.inbox == last != min(inboxes.values())
    assert "responda YES para confirmar" in sent.text and "Marketing, Reminders" in sent.text, sent.text


def test_a_double_opt_in_from_a_number_not_of_this_workspace_is_refused(api, workspace, inboxes, published):
    define_topics(api, workspace)
    for inbox, code in (("+14155550100", "unknown_inbox"), ("not a number", "invalid_phone")):
        status, answer = request(api, workspace, inbox=inbox)
        assert status in (400, 422) and answer["error"]["code"] == code, answer
    assert published == []
    # inbox and language only choose how a request is sent: without one they are a mistake.
    body = {**BODY, "phone": CONTACT, "captured_at": iso(datetime.now(UTC) - timedelta(minutes=1)), "language": "es"}
    status, answer = api.request("POST", "/v1/consents", key=workspace["member"], json_body=body)
    assert status == 400 and "set double_opt_in" in answer["error"]["details"][0]["message"], answer
