"""Every kind of bad input gets a clear 4xx with a JSON error, and writes nothing."""

from __future__ import annotations

import pytest

from optout import repository

A = "+14155550100"


def assert_error(status: int, body: dict, expected_status: int, code: str | None = None) -> None:
    assert status == expected_status, body
    assert set(body) == {"error"} and {"code", "message", "details"} <= set(body["error"]), body
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "unauthorized"),
        ({"Authorization": "Basic abc"}, "unauthorized"),
        ({"Authorization": "Bearer "}, "unauthorized"),
        ({"Authorization": "Bearer oo_not-a-real-key"}, "unauthorized"),
        ({"Authorization": "Bearer " + "x" * 500}, "unauthorized"),
    ],
)
def test_missing_or_wrong_key_is_401(api, workspace, headers, code):
    status, body = api.request("GET", "/v1/contacts", headers=headers)
    assert_error(status, body, 401, code)


@pytest.mark.parametrize(
    ("method", "path", "payload", "expected", "code"),
    [
        ("POST", "/v1/contacts", {}, 400, "invalid_input"),
        ("POST", "/v1/contacts", {"phone": "not a phone"}, 400, "invalid_phone"),
        ("POST", "/v1/contacts", {"phone": "+1415"}, 400, "invalid_phone"),
        ("POST", "/v1/contacts", {"phone": 14155550100}, 400, "invalid_input"),
        ("POST", "/v1/contacts", {"phone": A, "status": "gone"}, 400, "invalid_input"),
        ("POST", "/v1/contacts", {"phone": A, "surprise": 1}, 400, "invalid_input"),
        ("POST", "/v1/contacts", {"phone": A, "attributes": {f"k{i}": i for i in range(60)}}, 400, "invalid_input"),
        ("POST", "/v1/contacts", [A], 400, "invalid_input"),
        ("POST", "/v1/contact/set_status", {"phone": A, "status": "maybe"}, 400, "invalid_input"),
        ("POST", "/v1/contact/set_status", {"status": "unsubscribed"}, 400, "invalid_input"),
        ("POST", "/v1/eligibility", {"phones": "+14155550100"}, 400, "invalid_input"),
        ("POST", "/v1/eligibility", {"phones": ["+14155550100"] * 10_001}, 413, "too_many_numbers"),
        ("GET", "/v1/contacts/12", None, 400, "invalid_phone"),
        ("GET", f"/v1/contacts/{A}", None, 404, "contact_not_found"),
        ("PATCH", f"/v1/contacts/{A}", {"name": "x"}, 404, "contact_not_found"),
        ("DELETE", f"/v1/contacts/{A}", None, 404, "contact_not_found"),
        ("GET", f"/v1/contacts/{A}/events", None, 404, "contact_not_found"),
    ],
)
def test_invalid_json_requests_are_4xx(api, workspace, method, path, payload, expected, code):
    status, body = api.request(method, path, key=workspace["admin"], json_body=payload)
    assert_error(status, body, expected, code)
    assert repository.get_contact(workspace["id"], A) is None


@pytest.mark.parametrize(
    "query",
    [
        {"limit": 0},
        {"limit": 501},
        {"limit": "ten"},
        {"status": "sleeping"},
        {"cursor": "%%%"},
        {"cursor": "eyJ4IjoxfQ"},
    ],
)
def test_bad_list_parameters_are_400(api, workspace, query):
    status, body = api.request("GET", "/v1/contacts", key=workspace["member"], query=query)
    assert_error(status, body, 400)


def test_malformed_json_body_is_400(api, workspace):
    status, body = api.request(
        "POST", "/v1/contacts", key=workspace["member"], body="{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(status, body, 400, "invalid_input")


def test_oversized_body_is_413_and_writes_nothing(api, workspace):
    huge = '{"phone": "' + A + '", "name": "' + "x" * 1_100_000 + '"}'
    status, body = api.request(
        "POST", "/v1/contacts", key=workspace["member"], body=huge, headers={"Content-Type": "application/json"}
    )
    assert_error(status, body, 413, "payload_too_large")
    assert repository.get_contact(workspace["id"], A) is None


@pytest.mark.parametrize(
    ("csv_body", "content_type", "expected", "code"),
    [
        ("", "text/csv", 400, "invalid_input"),
        ("name,city\nAnn,SF\n", "text/csv", 400, "invalid_input"),
        ("phone,phone\n+14155550100,+14155550101\n", "text/csv", 400, "invalid_input"),
        ("phone\n+14155550100\n", "application/json", 415, "unsupported_media_type"),
    ],
)
def test_unusable_csv_is_refused_whole(api, workspace, csv_body, content_type, expected, code):
    status, body = api.request(
        "POST", "/v1/contacts/import", key=workspace["member"], body=csv_body, headers={"Content-Type": content_type}
    )
    assert_error(status, body, expected, code)
    assert repository.get_contact(workspace["id"], A) is None


def test_admin_opt_in_without_note_changes_nothing(api, workspace):
    api.request(
        "POST", "/v1/contact/set_status", key=workspace["member"], json_body={"phone": A, "status": "unsubscribed"}
    )
    status, body = api.request(
        "POST",
        "/v1/contact/set_status",
        key=workspace["admin"],
        json_body={"phone": A, "status": "subscribed", "note": "   "},
    )
    assert_error(status, body, 400, "note_required")
    assert repository.get_contact(workspace["id"], A).status.value == "opted_out"
