"""Idempotency markers of carrier messages (inbound SMS, delivery callbacks): ids and lifetimes
(the id format itself lives with the other key formats, in repository/keys.py).

A marker is keyed by workspace and inbox as well as by the carrier's ids, so that one workspace's
message id never silences another workspace's message (nor hands it the first one's reply).

A marker of a message that changed a contact's consent lives as long as the consent event it
wrote: events are never deleted, so it has no expiration. Twilio, Bandwidth and legacy Vonage
messages carry no time a replay could be told apart by, so only the marker stops a captured START
replayed weeks later. A marker of a message that changed nothing expires after the carriers'
retry windows.
"""

from __future__ import annotations

import time
from typing import Any

from optout.repository.keys import marker_id

__all__ = ["marker_id", "marker_item"]


def marker_item(
    key: str, workspace_id: str, fields: dict[str, Any], *, changed_consent: bool, ttl_seconds: int
) -> dict[str, Any]:
    """The marker item; one that recorded a consent change never expires."""
    item: dict[str, Any] = {"id": key, "workspace_id": workspace_id, **fields}
    if not changed_consent:
        item["expiration"] = int(time.time()) + ttl_seconds
    return item
