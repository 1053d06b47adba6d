"""Dismissing an entry from the Auto Opt-Out folder, through the real handlers on moto: any key of
the workspace may dismiss once, the contact's consent and history stay as they were, and the
folder hides dismissed entries unless `include_dismissed=true`."""

from __future__ import annotations

from urllib.parse import quote

from tests.integration.test_inbound_sms import CONTACT, inboxes, send

SHARED_FIXTURES = (inboxes,)  # the inbound tests' signed inboxes
FOLDER = "/v1/auto-opt-outs"


def folder(api, key, **query):
    status, body = api.request("GET", FOLDER, key=key, query=query)
    assert status == 200, body
    return body["opt_outs"]


def dismiss(api, key, event_id, phone=CONTACT, **body):
    return api.request("POST", f"{FOLDER}/{quote(phone)}/{event_id}/dismiss", key=key, json_body=body)


def intent_entry(api, workspace):
    send(api, "telnyx", "please take me off this list", message_id="intent-dismiss")
    [entry] = folder(api, workspace["member"])
    return entry


def contact_state(api, workspace):
    _, record = api.request("GET", f"/v1/contacts/{quote(CONTACT)}", key=workspace["admin"])
    _, history = api.request("GET", f"/v1/contacts/{quote(CONTACT)}/events", key=workspace["admin"])
    return record["status"], record.get("status_reason"), [e["event_id"] for e in history["events"]]


def test_a_member_dismisses_an_entry_once_and_consent_is_unchanged(api, workspace, inboxes):
    entry = intent_entry(api, workspace)
    before = contact_state(api, workspace)
    assert before[0] == "opted_out"

    status, body = dismiss(api, workspace["member"], entry["event_id"], note="  handled on the phone  ")
    assert status == 200, body
    assert body["event_id"] == entry["event_id"] and body["status"] == "opted_out"
    assert body["dismissal"]["note"] == "handled on the phone"
    assert body["dismissal"]["by"]["type"] == "api_key" and body["dismissal"]["at"]

    assert contact_state(api, workspace) == before  # no consent change, no new event
    assert folder(api, workspace["member"]) == []
    [shown] = folder(api, workspace["member"], include_dismissed="true")
    assert shown["event_id"] == entry["event_id"] and shown["dismissal"] == body["dismissal"]

    # A second dismissal (any key) is refused and the first one stands.
    status, again = dismiss(api, workspace["admin"], entry["event_id"], note="again")
    assert status == 409 and again["error"]["code"] == "already_dismissed"
    [shown] = folder(api, workspace["admin"], include_dismissed="true")
    assert shown["dismissal"]["note"] == "handled on the phone"


def test_a_note_is_optional(api, workspace, inboxes):
    entry = intent_entry(api, workspace)
    status, body = dismiss(api, workspace["admin"], entry["event_id"])
    assert status == 200 and body["dismissal"]["note"] is None


def test_another_workspaces_entry_or_an_event_outside_the_folder_is_not_found(
    api, workspace, other_workspace, inboxes
):
    entry = intent_entry(api, workspace)
    status, body = dismiss(api, other_workspace["admin"], entry["event_id"])
    assert status == 404 and body["error"]["code"] == "folder_entry_not_found"
    assert dismiss(api, workspace["admin"], "0" * 32)[0] == 404
    assert dismiss(api, workspace["admin"], entry["event_id"], phone="+15551230002")[0] == 404

    # The admin opts the contact back in: that event is no folder entry, and the first still is.
    api.request("POST", f"{FOLDER}/{quote(CONTACT)}/opt-in", key=workspace["admin"], json_body={"note": "mistake"})
    _, history = api.request("GET", f"/v1/contacts/{quote(CONTACT)}/events", key=workspace["admin"])
    opt_in = history["events"][0]
    assert opt_in["status"] == "active"
    assert dismiss(api, workspace["admin"], opt_in["event_id"])[0] == 404
    assert [e["event_id"] for e in folder(api, workspace["member"])] == [entry["event_id"]]
    assert folder(api, other_workspace["admin"], include_dismissed="true") == []


def test_unknown_fields_and_long_notes_are_refused(api, workspace, inboxes):
    entry = intent_entry(api, workspace)
    assert dismiss(api, workspace["admin"], entry["event_id"], reason="x")[0] == 400
    assert dismiss(api, workspace["admin"], entry["event_id"], note="n" * 1001)[0] == 400
    assert folder(api, workspace["member"]) != []
