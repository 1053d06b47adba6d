"""Idempotency markers of carrier messages (ids and lifetimes: optout/idempotency.py)."""

from __future__ import annotations

from typing import Any

from optout.errors import Conflict
from optout.models import Contact
from optout.repository import keys
from optout.repository.contacts import contact_read, item_to_contact
from optout.repository.dynamo import batch_get, call, contacts_table, deserialize, idempotency_table, serialize


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
