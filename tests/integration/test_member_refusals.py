"""A member key is refused every admin action (403 admin_required), and the refusal changes nothing.

The table names each admin operation of the API; a second test reads the committed OpenAPI document
so that a new operation whose summary says "(admin" cannot be added without a row here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DOCUMENT = Path(__file__).resolve().parents[2] / "layers" / "core" / "optout" / "api" / "openapi.json"
PHONE = "+14155550901"

# (method, path, json body): valid requests an admin could make.
ADMIN_ACTIONS = [
    ("GET", "/v1/api-keys", None),
    ("POST", "/v1/api-keys", {"name": "crm", "role": "member"}),
    ("DELETE", "/v1/api-keys/{admin_key_id}", None),
    ("GET", "/v1/settings", None),
    ("PUT", "/v1/settings", {"program_name": "Taken Over"}),
    ("PUT", "/v1/inboxes/+15005550777", {"provider": "twilio", "secret_ref": "optout/{ws}/twilio"}),
    ("DELETE", "/v1/inboxes/+15005550777", None),
    ("DELETE", "/v1/contacts?status=opted_out", None),
    ("POST", "/v1/contact/set_status", {"phone": PHONE, "status": "subscribed", "note": "rejoin"}),
    ("POST", f"/v1/auto-opt-outs/{PHONE}/opt-in", {"note": "rejoin"}),
    ("POST", "/v1/review-queue/0123456789abcdef0123456789abcdef/resolve", {"action": "opt_out", "note": "read it"}),
    ("PUT", "/v1/topics/marketing", {"name": "Marketing", "express_consent": True}),
    ("POST", "/v1/webhooks", {"url": "https://crm.example/hooks", "events": ["ContactOptedOut"]}),
    ("DELETE", "/v1/webhooks/wh_0123456789abcdef", None),
    ("POST", "/v1/webhooks/wh_0123456789abcdef/ping", None),
    # A results file is CSV; the admin check comes before the body is read.
    ("POST", "/v1/reassigned-results", None),
]


def _admin_operations() -> set[tuple[str, str]]:
    paths = json.loads(DOCUMENT.read_text())["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if "(admin" in (operation.get("summary") or "")
    }


def _template(path: str) -> str:
    """The OpenAPI path a table row calls."""
    replaced = path.split("?", 1)[0]
    replaced = replaced.replace("{admin_key_id}", "{key_id}").replace("+15005550777", "{number}")
    replaced = replaced.replace(f"{PHONE}/", "{phone}/").replace("0123456789abcdef0123456789abcdef", "{item_id}")
    replaced = replaced.replace("/v1/topics/marketing", "/v1/topics/{topic}")
    replaced = replaced.replace("/v1/webhooks/wh_0123456789abcdef", "/v1/webhooks/{webhook_id}")
    return replaced


def test_the_table_names_every_admin_operation() -> None:
    rows = {(method, _template(path)) for method, path, _ in ADMIN_ACTIONS}
    assert _admin_operations() <= rows, sorted(_admin_operations() - rows)


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ACTIONS, ids=lambda v: v if isinstance(v, str) else "")
def test_a_member_is_refused_and_nothing_changes(api, workspace, method, path, body) -> None:
    admin, member = workspace["admin"], workspace["member"]
    status, created = api.request("POST", "/v1/contacts", key=admin, json_body={"phone": PHONE, "name": "Pat"})
    assert status == 201, created
    status, out = api.request(
        "POST", "/v1/contact/set_status", key=admin, json_body={"phone": PHONE, "status": "unsubscribed"}
    )
    assert status == 200, out
    _, keys = api.request("GET", "/v1/api-keys", key=admin)
    admin_key_id = next(k["key_id"] for k in keys["api_keys"] if k["role"] == "admin")
    _, settings_before = api.request("GET", "/v1/settings", key=admin)
    target = path.replace("{admin_key_id}", admin_key_id)
    payload = json.loads(json.dumps(body).replace("{ws}", workspace["id"])) if body is not None else None

    target, _, query = target.partition("?")
    params = dict(pair.split("=", 1) for pair in query.split("&")) if query else None
    status, refused = api.request(method, target, key=member, json_body=payload, query=params)

    assert status == 403, refused
    assert refused["error"]["code"] == "admin_required"
    _, settings_after = api.request("GET", "/v1/settings", key=admin)
    assert settings_after == settings_before
    _, keys_after = api.request("GET", "/v1/api-keys", key=admin)
    assert keys_after == keys
    _, contact = api.request("GET", f"/v1/contacts/{PHONE}", key=admin)
    assert contact["status"] == "opted_out"
    _, inbox = api.request("GET", "/v1/inboxes", key=admin)
    assert "+15005550777" not in json.dumps(inbox)
    _, topics = api.request("GET", "/v1/topics", key=admin)
    assert topics["topics"] == []
    _, webhooks = api.request("GET", "/v1/webhooks", key=admin)
    assert webhooks["webhooks"] == []
