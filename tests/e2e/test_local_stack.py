"""The local stack end to end: `python -m local_stack` in a subprocess, driven over HTTP."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest

from local_stack import template
from tests.e2e.conftest import RunningStack, http
from tests.fakes.send_times import daytime

pytestmark = pytest.mark.e2e

MAX_BODY = 10 * 1024 * 1024


def _ws(stack: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return stack["workspaces"][index]


def test_demo_file_has_two_workspaces_with_their_keys(local_stack: dict[str, Any]) -> None:
    assert {"base_url", "workspaces"} <= set(local_stack)
    assert urlsplit(local_stack["base_url"]).hostname == "127.0.0.1"
    assert [w["name"] for w in local_stack["workspaces"]] == ["Demo Dental", "Demo Fitness"]
    for ws in local_stack["workspaces"]:
        assert set(ws) == {"id", "name", "admin_key", "member_key", "inboxes"}
        assert ws["id"].startswith("ws_") and isinstance(ws["inboxes"], list)
        assert ws["admin_key"].startswith("oo_") and ws["member_key"].startswith("oo_")


def test_unauthenticated_request_is_401_json(local_stack: dict[str, Any]) -> None:
    status, body = http("GET", f"{local_stack['base_url']}/v1/contacts")
    assert status == 401
    assert body["error"]["code"] == "unauthorized"

    status, body = http("GET", f"{local_stack['base_url']}/v1/contacts", key="oo_not-a-real-key")
    assert status == 401


def test_consent_flow_over_http(local_stack: dict[str, Any]) -> None:
    base, ws = local_stack["base_url"], _ws(local_stack)
    phone = "+14155550123"

    status, body = http("POST", f"{base}/v1/contacts", key=ws["member_key"], json_body={"phone": phone, "name": "Ada"})
    assert status == 201, body
    assert body["phone"] == phone and body["status"] == "active"

    status, body = http("GET", f"{base}/v1/contacts/{phone}", key=ws["member_key"])  # a raw '+'
    assert status == 200, body
    assert body["name"] == "Ada"
    status, body = http("GET", f"{base}/v1/contacts/%2B14155550123", key=ws["member_key"])
    assert status == 200 and body["phone"] == phone

    status, body = http(
        "POST",
        f"{base}/v1/contact/set_status",
        key=ws["member_key"],
        json_body={"phone": phone, "status": "unsubscribed"},
    )
    assert status == 200, body
    assert body["contact"]["status"] == "opted_out" and body["changed"] is True

    status, body = http(
        "POST",
        f"{base}/v1/eligibility",
        key=ws["member_key"],
        json_body={"phones": [phone, "+14155550100"], "at": daytime()},  # by day: no quiet hours
    )
    assert status == 200, body
    assert [s["phone"] for s in body["suppressed"]] == [phone]
    assert body["sendable"] == ["+14155550100"]

    status, body = http(
        "POST",
        f"{base}/v1/contact/set_status",
        key=ws["member_key"],
        json_body={"phone": phone, "status": "subscribed", "note": "rejoin"},
    )
    assert status == 403, body
    assert body["error"]["code"] == "admin_required"

    status, body = http(
        "POST", f"{base}/v1/contact/set_status", key=ws["admin_key"], json_body={"phone": phone, "status": "subscribed"}
    )
    assert status == 400, body
    assert body["error"]["code"] == "note_required"

    note = "customer texted START to the front desk"
    status, body = http(
        "POST",
        f"{base}/v1/contact/set_status",
        key=ws["admin_key"],
        json_body={"phone": phone, "status": "subscribed", "note": note},
    )
    assert status == 200, body
    assert body["contact"]["status"] == "active"
    assert body["event"]["note"] == note

    status, body = http("GET", f"{base}/v1/contacts/{phone}/events", key=ws["member_key"])
    assert status == 200
    assert [e["status"] for e in body["events"]] == ["active", "opted_out"]


def test_csv_import_reports_created_kept_and_rejected_lines(local_stack: dict[str, Any]) -> None:
    base, ws = local_stack["base_url"], _ws(local_stack)
    opted_out = "+12025550143"
    http("POST", f"{base}/v1/contacts", key=ws["member_key"], json_body={"phone": opted_out, "status": "opted_out"})
    csv_text = (
        f"phone,name,plan\n+13125550142,Grace,gold\n{opted_out},Linus,\nnot a number,Bad,\n+12065550199,Alan,silver\n"
    )
    status, body = http(
        "POST", f"{base}/v1/contacts/import", key=ws["member_key"], body=csv_text, headers={"Content-Type": "text/csv"}
    )
    assert status == 200, body
    assert body["rows"] == 4
    assert (body["created"], body["kept"], body["rejected"]) == (2, 1, 1)
    assert [r["line"] for r in body["rejections"]] == [4]

    status, body = http("GET", f"{base}/v1/contacts/{opted_out}", key=ws["member_key"])
    assert body["status"] == "opted_out"


def test_csv_import_refuses_json_content_type(local_stack: dict[str, Any]) -> None:
    base, ws = local_stack["base_url"], _ws(local_stack)
    status, body = http(
        "POST",
        f"{base}/v1/contacts/import",
        key=ws["member_key"],
        body="phone\n+13125550100\n",
        headers={"Content-Type": "application/json"},
    )
    assert status == 415, body


def test_a_workspace_cannot_see_another_workspaces_contact(local_stack: dict[str, Any]) -> None:
    base, a, b = local_stack["base_url"], _ws(local_stack, 0), _ws(local_stack, 1)
    phone = "+14155550177"
    status, _ = http("POST", f"{base}/v1/contacts", key=a["member_key"], json_body={"phone": phone})
    assert status == 201
    for key in (b["member_key"], b["admin_key"]):
        status, body = http("GET", f"{base}/v1/contacts/{phone}", key=key)
        assert status == 404, body
        assert body["error"]["code"]


def test_concurrent_requests_of_two_workspaces_never_mix(local_stack: dict[str, Any]) -> None:
    """Handlers keep the caller in module state, so the stack must never run two at once."""
    base, a, b = local_stack["base_url"], _ws(local_stack, 0), _ws(local_stack, 1)

    def create_and_check(n: int) -> tuple[int, int, int]:
        mine, theirs = (a, b) if n % 2 else (b, a)
        phone = f"+1646555{100 + n:04d}"
        created, _ = http("POST", f"{base}/v1/contacts", key=mine["member_key"], json_body={"phone": phone})
        own, _ = http("GET", f"{base}/v1/contacts/{phone}", key=mine["member_key"])
        other, _ = http("GET", f"{base}/v1/contacts/{phone}", key=theirs["member_key"])
        return created, own, other

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(create_and_check, range(48)))
    assert results == [(201, 200, 404)] * 48


def test_openapi_document_lists_the_template_routes(local_stack: dict[str, Any]) -> None:
    status, doc = http("GET", f"{local_stack['base_url']}/v1/openapi.json")
    assert status == 200
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["title"]
    documented = {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}
    routes = template.api_routes()
    serving = next(r.function for r in routes if r.path == "/v1/openapi.json")
    declared = {(r.path, r.method) for r in routes
                if r.function == serving and r.path != "/v1/openapi.json"}
    assert declared and declared <= documented


def test_unknown_route_is_404_json_and_wrong_method_405(local_stack: dict[str, Any]) -> None:
    base = local_stack["base_url"]
    status, body = http("GET", f"{base}/v1/nothing-here")
    assert status == 404
    assert body["error"]["code"] == "route_not_found"

    status, body = http("PUT", f"{base}/v1/contacts", key=_ws(local_stack)["member_key"], body="{}")
    assert status == 405
    assert body["error"]["code"] == "method_not_allowed"
    assert "GET" in body["error"]["details"]["allowed"]


def test_oversize_body_is_413(local_stack: dict[str, Any]) -> None:
    base, ws = local_stack["base_url"], _ws(local_stack)
    status, body = http(
        "POST",
        f"{base}/v1/contacts/import",
        key=ws["member_key"],
        body=b"x" * (MAX_BODY + 1),
        headers={"Content-Type": "text/csv"},
    )
    assert status == 413
    assert body["error"]["code"] == "payload_too_large"

    # Still serving afterwards.
    status, _ = http("GET", f"{base}/v1/openapi.json")
    assert status == 200


def test_oversize_body_is_refused_before_it_is_sent(local_stack: dict[str, Any]) -> None:
    """With `Expect: 100-continue` the client learns of the 413 without sending the body."""
    url = urlsplit(local_stack["base_url"])
    assert url.hostname and url.port
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/contacts/import HTTP/1.1\r\nHost: local\r\nContent-Type: text/csv\r\n"
            + f"Content-Length: {MAX_BODY * 5}\r\nExpect: 100-continue\r\n\r\n".encode()
        )
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(payload)["error"]["code"] == "payload_too_large"


def test_keys_and_bodies_never_reach_the_logs(local_stack_process: RunningStack) -> None:
    stack = local_stack_process.demo
    base, ws = stack["base_url"], _ws(stack)
    status, created = http(
        "POST", f"{base}/v1/api-keys", key=ws["admin_key"], json_body={"name": "log probe", "role": "member"}
    )
    assert status == 201, created
    secret_key = created["api_key"]
    marker = "Zebulon-Body-Marker-7431"
    status, _ = http("POST", f"{base}/v1/contacts", key=secret_key, json_body={"phone": "+14155550188", "name": marker})
    assert status == 201
    bad_key = "oo_wrong-key-that-must-not-be-logged"
    http("GET", f"{base}/v1/contacts?cursor={marker}", key=bad_key)
    http(
        "POST",
        f"{base}/v1/contacts",
        key=secret_key,
        body=f'{{"name": "{marker}"',
        headers={"Content-Type": "application/json"},
    )

    logs = local_stack_process.logs()
    assert '"POST /v1/contacts" 201' in logs  # the access log is there …
    assert secret_key not in logs  # … but no key that was sent in a header
    assert bad_key not in logs
    assert marker not in logs  # and no body or query string
