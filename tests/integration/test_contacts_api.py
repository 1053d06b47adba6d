"""The contacts API through its real handler, with API Gateway events and moto tables from the template."""

from __future__ import annotations

import json

from optout import repository
from tests.fakes.send_times import daytime

A = "+14155550100"
B = "+14155550101"


# --- contacts -------------------------------------------------------------------------------


def test_create_get_patch_and_profile_only_patch(api, workspace):
    status, body = api.request(
        "POST",
        "/v1/contacts",
        key=workspace["member"],
        json_body={"phone": "(415) 555-0100", "name": "Ann", "attributes": {"plan": "gold", "visits": 3}},
    )
    assert status == 201
    assert body["phone"] == A and body["status"] == "active" and body["kept"] is False
    assert body["attributes"] == {"plan": "gold", "visits": 3}

    status, body = api.request(
        "PATCH",
        f"/v1/contacts/{A}",
        key=workspace["member"],
        json_body={"name": "Ann Lee", "attributes": {"plan": None, "city": "SF"}},
    )
    assert status == 200
    assert body["name"] == "Ann Lee" and body["attributes"] == {"visits": 3, "city": "SF"}

    status, body = api.request("PATCH", f"/v1/contacts/{A}", key=workspace["member"], json_body={"status": "active"})
    assert status == 400 and "set_status" in json.dumps(body)

    status, body = api.request("GET", "/v1/contacts/%2B14155550100", key=workspace["member"])
    assert status == 200 and body["name"] == "Ann Lee"


def test_duplicate_create_is_a_conflict(api, workspace):
    api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": A})
    status, body = api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": A})
    assert status == 409 and body["error"]["code"] == "contact_exists"


def test_create_opted_out_writes_its_event(api, workspace):
    status, body = api.request(
        "POST",
        "/v1/contacts",
        key=workspace["member"],
        json_body={"phone": A, "status": "opted_out", "note": "asked at the desk"},
    )
    assert status == 201 and body["status"] == "opted_out"
    status, body = api.request("GET", f"/v1/contacts/{A}/events", key=workspace["member"])
    assert status == 200
    [event] = body["events"]
    assert event["status"] == "opted_out" and event["previous_status"] is None
    assert event["reason"] == "api" and event["note"] == "asked at the desk"
    assert event["initiator"]["type"] == "api_key" and event["initiator"]["name"] == "member"


def test_list_paginates_through_every_contact_once(api, workspace):
    for i in range(23):
        api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": f"+1415555{i:04d}"})
    api.request(
        "POST",
        "/v1/contact/set_status",
        key=workspace["member"],
        json_body={"phone": "+14155550003", "status": "unsubscribed"},
    )
    seen, cursor = [], None
    while True:
        status, body = api.request("GET", "/v1/contacts", key=workspace["member"], query={"limit": 7, "cursor": cursor})
        assert status == 200
        assert len(body["contacts"]) <= 7
        seen += [c["phone"] for c in body["contacts"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(f"+1415555{i:04d}" for i in range(23))
    status, body = api.request("GET", "/v1/contacts", key=workspace["member"], query={"status": "opted_out"})
    assert [c["phone"] for c in body["contacts"]] == ["+14155550003"]


def test_events_are_newest_first_and_survive_deletion(api, workspace, admin_note="customer called"):
    member, admin = workspace["member"], workspace["admin"]
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": A})
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"})
    api.request(
        "POST", "/v1/contact/set_status", key=admin, json_body={"phone": A, "status": "subscribed", "note": admin_note}
    )
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "blocked"})
    api.request("DELETE", f"/v1/contacts/{A}", key=member)
    status, body = api.request("GET", f"/v1/contacts/{A}/events", key=member)
    assert status == 200
    assert [e["status"] for e in body["events"]] == ["blocked", "active", "opted_out"]
    assert body["events"][1]["note"] == admin_note


# --- set_status (Heymarket-compatible) --------------------------------------------------------


def test_set_status_rules_by_role(api, workspace):
    member, admin = workspace["member"], workspace["admin"]
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": A})
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"}
    )
    assert status == 200 and body["changed"] and body["contact"]["status"] == "opted_out"

    for command in ("subscribed", "active", "unblocked"):
        status, body = api.request(
            "POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": command, "note": "x"}
        )
        assert status == 403 and body["error"]["code"] == "admin_required", command

    status, body = api.request(
        "POST", "/v1/contact/set_status", key=admin, json_body={"phone": A, "status": "subscribed"}
    )
    assert status == 400 and body["error"]["code"] == "note_required"
    assert api.request("GET", f"/v1/contacts/{A}", key=member)[1]["status"] == "opted_out"

    status, body = api.request(
        "POST",
        "/v1/contact/set_status",
        key=admin,
        json_body={"phone": A, "status": "subscribed", "note": "re-consented in writing"},
    )
    assert status == 200 and body["contact"]["status"] == "active"
    assert body["event"]["note"] == "re-consented in writing"

    status, body = api.request(
        "POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"}
    )
    assert body["changed"] is True
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"}
    )
    assert status == 200 and body["changed"] is False and body["event"] is None


def test_unblocking_never_resubscribes_an_opt_out(api, workspace):
    member, admin = workspace["member"], workspace["admin"]
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"})
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "blocked"})
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"}
    )
    assert status == 403  # leaving a block is an unblock
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=admin, json_body={"phone": A, "status": "unblocked"}
    )
    assert status == 200 and body["contact"]["status"] == "opted_out"

    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": B, "status": "blocked"})
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=admin, json_body={"phone": B, "status": "unblocked"}
    )
    assert status == 400 and body["error"]["code"] == "note_required"
    status, body = api.request(
        "POST",
        "/v1/contact/set_status",
        key=admin,
        json_body={"phone": B, "status": "unblocked", "note": "blocked by mistake"},
    )
    assert status == 200 and body["contact"]["status"] == "active"


def test_set_status_for_an_unknown_number(api, workspace):
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=workspace["member"], json_body={"phone": A, "status": "unsubscribed"}
    )
    assert status == 200 and body["contact"]["status"] == "opted_out"  # a suppression record
    status, body = api.request(
        "POST",
        "/v1/contact/set_status",
        key=workspace["admin"],
        json_body={"phone": B, "status": "subscribed", "note": "n"},
    )
    assert status == 404


# --- never re-subscribe -----------------------------------------------------------------------


def test_delete_keeps_suppression_and_create_or_import_never_resubscribes(api, workspace):
    member = workspace["member"]
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": A, "name": "Ann", "attributes": {"x": "1"}})
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"})

    status, body = api.request("DELETE", f"/v1/contacts/{A}", key=member)
    assert status == 200 and body["suppression_kept"] is True
    assert api.request("GET", f"/v1/contacts/{A}", key=member)[0] == 404
    _, elig = api.request("POST", "/v1/eligibility", key=member, json_body={"phones": [A]})
    assert elig["sendable"] == [] and elig["suppressed"][0]["status"] == "opted_out"

    status, body = api.request(
        "POST", "/v1/contacts", key=member, json_body={"phone": A, "name": "Ann", "status": "active"}
    )
    assert status == 201 and body["status"] == "opted_out" and body["kept"] is True
    assert body["attributes"] == {}  # the deleted profile is gone

    csv_body = f"phone,name,opt_out\n{A},Ann again,no\n"
    status, report = api.request(
        "POST", "/v1/contacts/import", key=member, body=csv_body, headers={"Content-Type": "text/csv"}
    )
    assert status == 200 and report["kept"] == 1 and report["updated"] == 0
    _, contact = api.request("GET", f"/v1/contacts/{A}", key=member)
    assert contact["status"] == "opted_out" and contact["name"] == "Ann again"
    _, events = api.request("GET", f"/v1/contacts/{A}/events", key=member)
    assert [e["status"] for e in events["events"]] == ["opted_out"]


def test_deleting_an_active_contact_removes_it(api, workspace):
    api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": A})
    status, body = api.request("DELETE", f"/v1/contacts/{A}", key=workspace["member"])
    assert status == 200 and body["suppression_kept"] is False
    assert repository.get_contact(workspace["id"], A) is None


def test_bulk_delete_by_status_keeps_suppression_records(api, workspace):
    member, admin = workspace["member"], workspace["admin"]
    for i in range(5):
        api.request("POST", "/v1/contacts", key=member, json_body={"phone": f"+1415555020{i}", "name": f"n{i}"})
    for i in range(3):
        api.request(
            "POST",
            "/v1/contact/set_status",
            key=member,
            json_body={"phone": f"+1415555020{i}", "status": "unsubscribed"},
        )
    assert api.request("DELETE", "/v1/contacts", key=member, query={"status": "opted_out"})[0] == 403
    assert api.request("DELETE", "/v1/contacts", key=admin)[0] == 400  # a status filter is required

    status, body = api.request("DELETE", "/v1/contacts", key=admin, query={"status": "opted_out", "limit": 2})
    assert status == 200 and body == {"deleted": 2, "has_more": True}
    status, body = api.request("DELETE", "/v1/contacts", key=admin, query={"status": "opted_out"})
    assert body == {"deleted": 1, "has_more": False}
    _, listing = api.request("GET", "/v1/contacts", key=member)
    assert sorted(c["phone"] for c in listing["contacts"]) == ["+14155550203", "+14155550204"]
    _, elig = api.request(
        "POST",
        "/v1/eligibility",
        key=member,
        json_body={"phones": [f"+1415555020{i}" for i in range(5)], "at": daytime()},
    )
    assert len(elig["suppressed"]) == 3 and len(elig["sendable"]) == 2


# --- atomicity --------------------------------------------------------------------------------


def test_status_and_event_are_one_transaction(api, workspace, ddb_calls, monkeypatch):
    member = workspace["member"]
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": A})
    ddb_calls.clear()
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": A, "status": "unsubscribed"})
    assert ddb_calls.count("TransactWriteItems") == 1
    assert ddb_calls.count("PutItem") == ddb_calls.count("UpdateItem") == 0

    # Make the event write fail (its key already exists): the status must not change either.
    from optout.rules import consent

    _, events = api.request("GET", f"/v1/contacts/{A}/events", key=member)
    existing = events["events"][0]
    monkeypatch.setattr(consent, "new_event_id", lambda: existing["event_id"])
    from datetime import datetime

    frozen = datetime.fromisoformat(existing["occurred_at"].replace("Z", "+00:00"))
    monkeypatch.setattr("optout.services.contacts.utc_now", lambda: frozen)
    api.request(
        "POST",
        "/v1/contact/set_status",
        key=workspace["admin"],
        json_body={"phone": A, "status": "subscribed", "note": "n"},
    )
    contact = repository.get_contact(workspace["id"], A)
    assert contact is not None and contact.status.value == "opted_out"
    _, events = api.request("GET", f"/v1/contacts/{A}/events", key=member)
    assert len(events["events"]) == 1


# --- tenancy ----------------------------------------------------------------------------------


def test_workspaces_never_see_each_other(api, workspace, other_workspace):
    api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": A, "name": "secret"})
    api.request(
        "POST", "/v1/contact/set_status", key=workspace["member"], json_body={"phone": A, "status": "unsubscribed"}
    )
    other = other_workspace["admin"]
    for method, path in (
        ("GET", f"/v1/contacts/{A}"),
        ("PATCH", f"/v1/contacts/{A}"),
        ("DELETE", f"/v1/contacts/{A}"),
        ("GET", f"/v1/contacts/{A}/events"),
    ):
        status, body = api.request(method, path, key=other, json_body={} if method == "PATCH" else None)
        assert status == 404, (method, path, body)
        assert "secret" not in json.dumps(body)
    _, listing = api.request("GET", "/v1/contacts", key=other)
    assert listing["contacts"] == []
    _, elig = api.request("POST", "/v1/eligibility", key=other, json_body={"phones": [A], "at": daytime()})
    assert elig["sendable"] == [A]
    # A cursor from workspace A is refused in workspace B rather than leaking A's rows.
    for i in range(3):
        api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": f"+1415555030{i}"})
    _, page = api.request("GET", "/v1/contacts", key=workspace["member"], query={"limit": 1})
    status, body = api.request("GET", "/v1/contacts", key=other, query={"limit": 1, "cursor": page["next_cursor"]})
    assert status == 400 and body["error"]["code"] == "invalid_cursor"
    # B's own opt-out of the same number is B's record, not A's.
    api.request("POST", "/v1/contact/set_status", key=other, json_body={"phone": B, "status": "blocked"})
    assert repository.get_contact(workspace["id"], B) is None


# --- API keys and settings --------------------------------------------------------------------


def test_api_keys_are_admin_only_hashed_and_revocable(api, workspace):
    admin, member = workspace["admin"], workspace["member"]
    assert api.request("POST", "/v1/api-keys", key=member, json_body={"name": "crm"})[0] == 403
    assert api.request("GET", "/v1/api-keys", key=member)[0] == 403
    status, created = api.request("POST", "/v1/api-keys", key=admin, json_body={"name": "crm", "role": "member"})
    assert status == 201 and created["api_key"].startswith("oo_")
    status, listing = api.request("GET", "/v1/api-keys", key=admin)
    assert status == 200
    text = json.dumps(listing)
    assert created["api_key"] not in text and "hash" not in text
    assert {k["name"] for k in listing["api_keys"]} == {"bootstrap admin", "member", "crm"}
    assert api.request("GET", "/v1/contacts", key=created["api_key"])[0] == 200
    status, revoked = api.request("DELETE", f"/v1/api-keys/{created['key_id']}", key=admin)
    assert status == 200 and revoked["revoked_at"]
    status, body = api.request("GET", "/v1/contacts", key=created["api_key"])
    assert status == 401 and body["error"]["code"] == "unauthorized"
    assert api.request("DELETE", "/v1/api-keys/key_nope", key=admin)[0] == 404
    stored = repository.list_api_keys(workspace["id"])
    assert all(len(k.key_hash) == 64 and created["api_key"] not in k.model_dump_json() for k in stored)


def test_settings_are_admin_only_and_partial(api, workspace):
    assert api.request("GET", "/v1/settings", key=workspace["member"])[0] == 403
    assert api.request("PUT", "/v1/settings", key=workspace["member"], json_body={"program_name": "X"})[0] == 403
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"default_region": "gb"})
    assert status == 200 and body["default_region"] == "GB" and body["program_name"] == "Acme Dental"
    # National numbers now read in the new region.
    status, body = api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": "07400 123456"})
    assert status == 201 and body["phone"] == "+447400123456"
    for bad in ({"default_region": "XX"}, {"nonsense": 1}, {}, {"program_name": ""}):
        status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=bad)
        assert status == 400 and body["error"]["code"] == "invalid_input", bad


def test_openapi_document_lists_the_routes(api):
    status, doc = api.request("GET", "/v1/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    for path in (
        "/v1/contacts",
        "/v1/contacts/{phone}",
        "/v1/contact/set_status",
        "/v1/contacts/import",
        "/v1/eligibility",
        "/v1/settings",
        "/v1/api-keys",
    ):
        assert path in doc["paths"], path
    assert "ContactIn" in doc["components"]["schemas"]
