"""Idempotency markers of carrier messages (inbound SMS, delivery callbacks): their items, lifetimes
and reads (the id format lives with the other key formats, in keys.py).

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

from optout.errors import Conflict
from optout.models import Contact
from optout.repository import keys
from optout.repository.contacts import contact_read, item_to_contact
from optout.repository.dynamo import batch_get, call, contacts_table, deserialize, idempotency_table, serialize

marker_id = keys.marker_id


def marker_item(
    key: str, workspace_id: str, fields: dict[str, Any], *, changed_consent: bool, ttl_seconds: int
) -> dict[str, Any]:
    """The marker item; one that recorded a consent change never expires."""
    item: dict[str, Any] = {"id": key, "workspace_id": workspace_id, **fields}
    if not changed_consent:
        item["expiration"] = int(time.time()) + ttl_seconds
    return item


class DuplicateMessage(Conflict):
    """The message was processed already: its idempotency marker exists."""

    code = "duplicate_message"

    def __init__(self) -> None:
        super().__init__("this message was processed already")


def marker_put(marker: dict[str, Any]) -> dict[str, Any]:
    """The transaction item writing a marker, cancelled if the marker exists already."""
    return {
        "Put": {
            "TableName": idempotency_table(),
            "Item": serialize(marker),
            "ConditionExpression": "attribute_not_exists(id)",
        }
    }


def put_marker(marker: dict[str, Any]) -> None:
    """Record a processed message that changed no contact; raises DuplicateMessage if seen."""
    try:
        call("put_item", **marker_put(marker)["Put"])
    except Conflict:
        raise DuplicateMessage() from None


def get_contact_and_marker(
    workspace_id: str, phone: str, marker_id: str
) -> tuple[Contact | None, dict[str, Any] | None]:
    """A contact and a message's idempotency marker in one BatchGetItem."""
    contacts, markers = contacts_table(), idempotency_table()
    found = batch_get(
        {
            contacts: contact_read(workspace_id, phone),
            markers: {"Keys": [keys.dynamo_key(id=marker_id)], "ConsistentRead": True},
        }
    )
    contact = item_to_contact(found[contacts][-1]) if found[contacts] else None
    marker = deserialize(found[markers][-1]) if found[markers] else None
    return contact, marker
