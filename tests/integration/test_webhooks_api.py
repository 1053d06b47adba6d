"""The webhooks API through the real handler on moto: registration (admin; secret shown once and
kept in Secrets Manager in the workspace's namespace), listing without secrets, deletion, pings,
the delivery log, roles, other workspaces' ids and bad bodies (4xx with the JSON error shape)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import boto3
import pytest

from local_stack import template
from optout import config

WEBHOOKS = "/v1/webhooks"
QUEUE_URL = template.local_queue_url("WebhookDeliveryQueue")


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As on the local stack: deliveries may go to http://127.0.0.1."""
    monkeypatch.setenv("WEBHOOKS_ALLOW_LOOPBACK", "true")
    config.reset()
    yield
    config.reset()


def register(api, key, url="https://crm.example.com/hooks", events=("ContactOptedOut",), **extra):
    return api.request("POST", WEBHOOKS, key=key, json_body={"url": url, "events": list(events), **extra})


def assert_error(status: int, body: dict, expected_status: int, code: str | None = None) -> None:
    assert status == expected_status, body
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
    if code:
        assert body["error"]["code"] == code, body


def test_an_admin_registers_a_webhook_and_sees_its_secret_once(api, workspace):
    status, created = register(api, workspace["admin"], events=["ContactOptedOut", "ContactBlocked"],
                               description="CRM sync")
    assert status == 201, created
    assert created["id"].startswith("wh_") and created["secret"].startswith("whsec_")
    assert created["events"] == ["ContactBlocked", "ContactOptedOut"] and created["description"] == "CRM sync"
    stored = boto3.client("secretsmanager").get_secret_value(
        SecretId=f"optout/{workspace['id']}/webhook/{created['id']}"
    )
    assert stored["SecretString"] == created["secret"]

    status, listed = api.request("GET", WEBHOOKS, key=workspace["member"])
    assert status == 200
    assert [w["id"] for w in listed["webhooks"]] == [created["id"]]
    assert created["secret"] not in json.dumps(listed) and "secret" not in listed["webhooks"][0]


def test_members_cannot_register_delete_or_ping(api, workspace):
    assert_error(*register(api, workspace["member"]), 403, "admin_required")
    _, created = register(api, workspace["admin"])
    path = f"{WEBHOOKS}/{created['id']}"
    assert_error(*api.request("DELETE", path, key=workspace["member"]), 403, "admin_required")
    assert_error(*api.request("POST", f"{path}/ping", key=workspace["member"]), 403, "admin_required")
    status, page = api.request("GET", f"{path}/deliveries", key=workspace["member"])
    assert status == 200 and page == {"deliveries": [], "next_cursor": None}


def test_another_workspaces_webhook_is_not_found(api, workspace, other_workspace):
    _, created = register(api, workspace["admin"])
    path = f"{WEBHOOKS}/{created['id']}"
    key = other_workspace["admin"]
    assert_error(*api.request("DELETE", path, key=key), 404, "webhook_not_found")
    assert_error(*api.request("POST", f"{path}/ping", key=key), 404, "webhook_not_found")
    assert_error(*api.request("GET", f"{path}/deliveries", key=key), 404, "webhook_not_found")
    assert api.request("GET", WEBHOOKS, key=key) == (200, {"webhooks": []})
    assert api.request("GET", f"{path}/deliveries", key=workspace["admin"])[0] == 200  # still there


def test_delete_removes_the_webhook_and_its_secret(api, workspace):
    _, created = register(api, workspace["admin"])
    status, deleted = api.request("DELETE", f"{WEBHOOKS}/{created['id']}", key=workspace["admin"])
    assert status == 200 and deleted["id"] == created["id"] and "secret" not in deleted
    assert api.request("GET", WEBHOOKS, key=workspace["admin"]) == (200, {"webhooks": []})
    assert_error(*api.request("DELETE", f"{WEBHOOKS}/{created['id']}", key=workspace["admin"]), 404)
    secrets = boto3.client("secretsmanager").list_secrets()["SecretList"]
    assert not [s for s in secrets if created["id"] in s["Name"]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"events": ["ContactOptedOut"]}, "invalid_input"),  # no url
        ({"url": "https://crm.example.com/h"}, "invalid_input"),  # no events
        ({"url": "https://crm.example.com/h", "events": []}, "invalid_input"),
        ({"url": "https://crm.example.com/h", "events": ["ContactDeleted"]}, "invalid_input"),
        ({"url": "https://crm.example.com/h", "events": "ContactOptedOut"}, "invalid_input"),
        ({"url": 42, "events": ["ContactOptedOut"]}, "invalid_input"),
        ({"url": "https://crm.example.com/h", "events": ["ContactOptedOut"], "secret": "mine"}, "invalid_input"),
        ({"url": "https://crm.example.com/h", "events": ["ContactOptedOut"], "description": "x" * 201},
         "invalid_input"),
        ({"url": "http://crm.example.com/h", "events": ["ContactOptedOut"]}, "invalid_webhook_url"),
        ({"url": "http://127.0.0.1:9/h", "events": ["ContactOptedOut"]}, "invalid_webhook_url"),  # not in AWS
        ({"url": "https://u:p@crm.example.com/h", "events": ["ContactOptedOut"]}, "invalid_webhook_url"),
        ({"url": "https://10.0.0.1/h", "events": ["ContactOptedOut"]}, "invalid_webhook_url"),
        ({"url": "https://169.254.169.254/h", "events": ["ContactOptedOut"]}, "invalid_webhook_url"),
        ({"url": "not a url", "events": ["ContactOptedOut"]}, "invalid_webhook_url"),
    ],
)
def test_bad_bodies_are_refused_with_the_error_shape(api, workspace, body, code):
    status, answer = api.request("POST", WEBHOOKS, key=workspace["admin"], json_body=body)
    assert_error(status, answer, 400, code)
    assert api.request("GET", WEBHOOKS, key=workspace["admin"]) == (200, {"webhooks": []})


def test_loopback_urls_are_accepted_on_the_local_stack_only(api, workspace, loopback):
    status, created = register(api, workspace["admin"], url="http://127.0.0.1:8080/hook")
    assert status == 201, created
    assert_error(*register(api, workspace["admin"], url="http://crm.example.com/h"), 400, "invalid_webhook_url")


def test_a_workspace_has_at_most_20_webhooks(api, workspace):
    for n in range(20):
        assert register(api, workspace["admin"], url=f"https://crm.example.com/{n}")[0] == 201
    assert_error(*register(api, workspace["admin"]), 409, "webhook_limit")


def test_a_ping_is_queued_on_the_delivery_queue(api, workspace):
    _, created = register(api, workspace["admin"])
    status, answer = api.request("POST", f"{WEBHOOKS}/{created['id']}/ping", key=workspace["admin"])
    assert status == 202 and answer["event_id"].startswith("ping_") and answer["queued"] is True
    messages = boto3.client("sqs").receive_message(QueueUrl=QUEUE_URL, MaxNumberOfMessages=10)["Messages"]
    detail = json.loads(messages[0]["Body"])["detail"]
    assert detail == {"id": answer["event_id"], "type": "ping", "workspace_id": workspace["id"],
                      "webhook_id": created["id"], "occurred_at": detail["occurred_at"]}


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 201}, {"cursor": "not-a-cursor"}])
def test_bad_delivery_log_queries_are_refused(api, workspace, query):
    _, created = register(api, workspace["admin"])
    status, body = api.request("GET", f"{WEBHOOKS}/{created['id']}/deliveries", key=workspace["admin"], query=query)
    assert_error(status, body, 400)
