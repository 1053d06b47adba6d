"""Replies to send for carriers that take them out of band: EventBridge events for the sending system.

Twilio's replies go back as TwiML in the webhook response instead.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from optout.config import settings
from optout.observability import logger

SOURCE = "optout"
DETAIL_TYPE = "SmsReply"
_PUT_EVENTS_LIMIT = 10


@dataclass(frozen=True)
class Reply:
    workspace_id: str
    provider: str
    inbox: str  # the business number to send from
    to: str
    text: str
    in_reply_to: str | None
    action: str


@cache
def _events_client() -> Any:
    return boto3.client("events")


def publish(replies: list[Reply]) -> int:
    """Publish replies; returns how many failed (logged, never raised: the opt-out is stored)."""
    failed = 0
    bus = settings().require("replies_bus") if replies else ""
    for start in range(0, len(replies), _PUT_EVENTS_LIMIT):
        batch = replies[start : start + _PUT_EVENTS_LIMIT]
        entries = [
            {
                "Source": SOURCE,
                "DetailType": DETAIL_TYPE,
                "Detail": json.dumps(asdict(reply)),
                "EventBusName": bus,
            }
            for reply in batch
        ]
        try:
            response = _events_client().put_events(Entries=entries)
            failed += int(response.get("FailedEntryCount", 0))
        except (ClientError, BotoCoreError) as exc:
            failed += len(batch)
            logger.error("replies not published", extra={"count": len(batch), "cause": type(exc).__name__})
    if failed:
        logger.error("some replies were not published", extra={"failed": failed})
    return failed
