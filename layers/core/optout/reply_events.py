"""Replies to send for carriers that take them out of band: EventBridge events for the sending system.

Twilio's replies go back as TwiML in the webhook response instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from optout.config import settings
from optout.event_bus import BusEvent, EventBridgePublisher
from optout.observability import logger

SOURCE = "optout"
DETAIL_TYPE = "SmsReply"


@dataclass(frozen=True)
class Reply:
    workspace_id: str
    provider: str
    inbox: str  # the business number to send from
    to: str
    text: str
    in_reply_to: str | None
    action: str


def publish(replies: list[Reply]) -> int:
    """Publish replies; returns how many failed (logged, never raised: the opt-out is stored)."""
    if not replies:
        return 0
    publisher = EventBridgePublisher(settings().require("replies_bus"))
    outcomes = publisher.publish([BusEvent(SOURCE, DETAIL_TYPE, asdict(reply)) for reply in replies])
    errors = sorted({outcome for outcome in outcomes if outcome})
    failed = sum(1 for outcome in outcomes if outcome)
    if failed:
        logger.error("some replies were not published", extra={"failed": failed, "causes": errors})
    return failed
