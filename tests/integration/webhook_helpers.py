"""What the webhook tests share: registering, bus messages as the delivery queue holds them, and
invoking the real sender with SQS events built from them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from local_stack import lambdas, template
from optout import config


def allow_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on the local stack: deliveries may go to http://127.0.0.1."""
    monkeypatch.setenv("WEBHOOKS_ALLOW_LOOPBACK", "true")
    config.reset()


def register(api: Any, key: str, url: str, events: list[str]) -> dict[str, Any]:
    status, body = api.request("POST", "/v1/webhooks", key=key, json_body={"url": url, "events": events})
    assert status == 201, body
    return dict(body)


def detail(workspace_id: str, event_type: str = "ContactOptedOut", *, phone: str = "+13325560001",
           occurred_at: datetime | None = None, topic: str | None = None) -> dict[str, Any]:
    """A consent bus detail as the contract names it (docs/consent-events.md)."""
    at = occurred_at or datetime.now(UTC) + timedelta(seconds=1)
    revocation = event_type in ("ContactOptedOut", "ContactBlocked", "TopicConsentRevoked")
    return {
        "id": f"{uuid.uuid4().hex}:{event_type}" + (f":{topic}" if topic else ""),
        "type": event_type,
        "workspace_id": workspace_id,
        "phone": phone,
        "topic": topic,
        "reason": "keyword",
        "initiator": {"type": "contact"},
        "inbox": "+13325559999",
        "message_id": "SM" + uuid.uuid4().hex,
        "occurred_at": at.isoformat().replace("+00:00", "Z"),
        "honour_by": (at + timedelta(days=14)).isoformat().replace("+00:00", "Z") if revocation else None,
    }


def bus_message(event_detail: dict[str, Any]) -> str:
    """The body EventBridge puts on the delivery queue for one event."""
    return json.dumps({
        "version": "0", "id": str(uuid.uuid4()), "detail-type": event_detail["type"], "source": "optout.consent",
        "account": template.LOCAL_ACCOUNT, "time": event_detail["occurred_at"], "region": template.LOCAL_REGION,
        "resources": [], "detail": event_detail,
    })


def sqs_event(*bodies: str, receive_count: int = 1, ids: list[str] | None = None) -> dict[str, Any]:
    records = []
    for index, body in enumerate(bodies):
        records.append({
            "messageId": ids[index] if ids else str(uuid.uuid4()),
            "receiptHandle": "r",
            "body": body,
            "attributes": {"ApproximateReceiveCount": str(receive_count)},
            "messageAttributes": {},
            "md5OfBody": "",
            "eventSource": "aws:sqs",
            "eventSourceARN": template.local_queue_arn("WebhookDeliveryQueue"),
            "awsRegion": template.LOCAL_REGION,
        })
    return {"Records": records}


def run_sender(event: dict[str, Any]) -> dict[str, Any]:
    spec = template.functions()["WebhookSenderFunction"]
    return dict(lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id)))


def deliveries(api: Any, key: str, webhook_id: str, **query: Any) -> dict[str, Any]:
    status, body = api.request("GET", f"/v1/webhooks/{webhook_id}/deliveries", key=key, query=query)
    assert status == 200, body
    return dict(body)
