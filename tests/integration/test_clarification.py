"""The clarification reply through the real inbound handler (signed Twilio webhooks): under the
`clarify` policy, STOP from a contact holding two topics asks which were meant, everything is
awaiting clarification until a reply in the window narrows the revocation to what it names."""

from __future__ import annotations

from datetime import timedelta

from optout import repository
from optout.cli import evidence as cli
from optout.rules.topic_revocation import ALL_TOPICS
from tests.integration.test_inbound_sms import CONTACT, inboxes, published, send
from tests.integration.test_topic_revocation import assert_map_agrees, define_topics, events_of, opt_in

SHARED_FIXTURES = (inboxes, published)  # the inbound tests' signed inboxes and captured replies


def eligibility(api, workspace, topic):
    body = {"phones": [CONTACT], "topic": topic}
    status, answer = api.request("POST", "/v1/eligibility", key=workspace["member"], json_body=body)
    assert status == 200, answer
    return {entry["phone"]: entry["suppression"] for entry in answer.get("suppressed", [])}.get(CONTACT)


def clarify_policy(api, workspace, **extra):
    body = {"revocation_scope": "clarify", **extra}
    status, answer = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=body)
    assert status == 200, answer


def stop_and_ask(api, workspace):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    clarify_policy(api, workspace)
    status, answer = send(api, "twilio", "STOP", message_id="stop-1")
    assert status == 200 and "reply with their names (Marketing, Reminders) within 24 hours" in answer, answer
    assert answer.count("<Message>") == 1  # the one confirmation the FCC allows is the question
    for topic in ("marketing", "reminders"):
        assert eligibility(api, workspace, topic) == "awaiting_clarification"
    stored = repository.get_contact(workspace["id"], CONTACT)
    assert stored.status.value == "opted_out" and stored.topics[ALL_TOPICS].awaiting_until is not None
    [event, _] = events_of(api, workspace, CONTACT)
    assert event["topic_change"]["kind"] == "clarification_requested" and event["status"] == "opted_out"


def test_a_reply_in_the_window_narrows_the_revocation(api, workspace, inboxes, published):
    stop_and_ask(api, workspace)
    status, answer = send(api, "twilio", "  MARKETING ", message_id="reply-1")
    assert status == 200 and "<Message>" not in answer  # no second text
    record = repository.get_contact(workspace["id"], CONTACT)
    assert record.status.value == "active" and record.status_reason.value == "clarification"
    assert eligibility(api, workspace, "marketing") == "topic_revoked"
    assert eligibility(api, workspace, "reminders") is None  # sendable again
    folded, _ = assert_map_agrees(api, workspace, CONTACT)
    assert folded["marketing"]["status"] == "revoked" and folded["reminders"]["status"] == "granted"
    [reply, *_] = events_of(api, workspace, CONTACT)
    assert reply["reason"] == "clarification" and reply["initiator"]["type"] == "contact"
    assert reply["message_text"] == "  MARKETING " and reply["message_id"] == "reply-1"
    assert reply["topic_change"]["kind"] == "clarified" and reply["topic_change"]["topics"] == ["marketing"]
    status, export = api.request("GET", f"/v1/contacts/{CONTACT}/evidence", key=workspace["member"])
    assert status == 200 and cli.verify_export(export)[0] is True, export


def test_all_keeps_everything_revoked_and_closes_the_question(api, workspace, inboxes, published):
    stop_and_ask(api, workspace)
    send(api, "twilio", "all", message_id="reply-all")
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "opted_out"
    for topic in ("marketing", "reminders"):
        assert eligibility(api, workspace, topic) == "opted_out"
    folded, _ = assert_map_agrees(api, workspace, CONTACT)
    assert {topic["status"] for topic in folded.values()} == {"revoked"}


def test_a_reply_naming_nothing_or_a_late_one_changes_nothing(api, workspace, inboxes, published, monkeypatch):
    stop_and_ask(api, workspace)
    send(api, "twilio", "who is this?", message_id="reply-none")
    assert eligibility(api, workspace, "reminders") == "awaiting_clarification"
    from optout.rules import clarification

    later = clarification.pending_until(repository.get_contact(workspace["id"], CONTACT), _now()) + timedelta(seconds=1)
    monkeypatch.setattr("optout.services.inbound.utc_now", lambda: later)
    send(api, "twilio", "reminders", message_id="reply-late")
    record = repository.get_contact(workspace["id"], CONTACT)
    assert record.status.value == "opted_out" and len(events_of(api, workspace, CONTACT)) == 2


def test_a_newer_opt_out_voids_the_question(api, workspace, inboxes, published):
    stop_and_ask(api, workspace)
    send(api, "twilio", "STOP", message_id="stop-2")
    assert eligibility(api, workspace, "reminders") == "opted_out"
    send(api, "twilio", "reminders", message_id="reply-after")
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "opted_out"
    [void, *_] = events_of(api, workspace, CONTACT)
    assert void["topic_change"]["kind"] == "revoke_all" and void["honour_by"] is not None


def test_under_all_or_with_one_topic_nothing_is_asked(api, workspace, inboxes, published):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT, topics=("reminders",))
    clarify_policy(api, workspace)
    status, answer = send(api, "twilio", "STOP", message_id="stop-one")
    assert status == 200 and "You have been unsubscribed" in answer, answer
    assert "reply with their names" not in answer
    assert eligibility(api, workspace, "reminders") == "opted_out"


def test_the_policy_settings_are_admin_only_validated_and_shown(api, workspace):
    status, body = api.request("GET", "/v1/settings", key=workspace["admin"])
    assert status == 200, body
    shown = body.get("settings", body)
    assert shown["revocation_scope"] == "all" and shown["clarify_window_hours"] == 24
    assert shown["revoke_all_effective"] == "2027-01-31"
    for bad in ({"revocation_scope": "some"}, {"clarify_window_hours": 0}, {"clarify_window_hours": 169},
                {"revoke_all_effective": "soon"}):
        status, answer = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=bad)
        assert status == 400 and answer["error"]["code"], (bad, answer)
    change = {"revocation_scope": "clarify", "clarify_window_hours": 48, "revoke_all_effective": "2027-06-30"}
    status, answer = api.request("PUT", "/v1/settings", key=workspace["member"], json_body=change)
    assert status == 403, answer
    status, answer = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=change)
    assert status == 200, answer
    shown = api.request("GET", "/v1/settings", key=workspace["admin"])[1]
    shown = shown.get("settings", shown)
    assert {name: shown[name] for name in change} == change


def _now():
    from optout.models import utc_now

    return utc_now()


def test_a_keyword_opt_in_keeps_its_message_as_evidence(api, workspace, inboxes, published):
    send(api, "twilio", "STOP", message_id="stop-k")
    send(api, "twilio", "UNSTOP", message_id="start-k")
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "active"
    status, export = api.request("GET", f"/v1/contacts/{CONTACT}/evidence", key=workspace["member"])
    assert status == 200 and cli.verify_export(export)[0] is True
    opt_in = export["events"][-1]["summary"]
    assert opt_in["kind"] == "opt_in" and opt_in["initiated_by"]["type"] == "contact"
    assert opt_in["message"]["id"] == "start-k" and opt_in["message"]["text"] == "UNSTOP"


def test_a_start_before_the_answer_keeps_the_question_open(api, workspace, inboxes, published):
    stop_and_ask(api, workspace)
    send(api, "twilio", "START", message_id="start-1")  # the status only: the topics stay revoked
    assert eligibility(api, workspace, "reminders") == "awaiting_clarification"
    send(api, "twilio", "marketing", message_id="reply-2")
    assert eligibility(api, workspace, "reminders") is None and eligibility(api, workspace, "marketing") == "topic_revoked"
    folded, _ = assert_map_agrees(api, workspace, CONTACT)
    assert folded["reminders"]["status"] == "granted"
