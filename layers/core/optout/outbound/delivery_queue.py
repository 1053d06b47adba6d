"""The webhook delivery queue: the consent bus's rule fills it; a ping is queued here directly, in
the shape EventBridge gives the rule's messages, so the sender has one path for both."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from optout.config import settings
from optout.errors import StorageError


def _client() -> Any:
    # Not cached: pings are rare, and a fresh client follows the environment (tests, local stack).
    return boto3.client("sqs")


def send(message: dict[str, Any]) -> None:
    try:
        _client().send_message(
            QueueUrl=settings().require("webhook_delivery_queue_url"),
            MessageBody=json.dumps(message, separators=(",", ":"), default=str),
        )
    except (ClientError, BotoCoreError) as exc:
        raise StorageError("the delivery queue is unavailable; retry shortly") from exc

