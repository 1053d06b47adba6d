"""Opt-in proof: consent disclosures (AccountsTable) and a contact's consent events (ConsentEventsTable).

- `WS#{id}` / `DISCLOSURE#{sha256}`: the exact consent language a person was shown, stored once
  per distinct text, with its version (1, 2, ... in the workspace's order of first use);
- `WS#{id}` / `DISCLOSURES`: the workspace's newest version. A new text's item and the count are
  transaction items of the consent's own transaction (`new_disclosure_items`), so a text is never
  stored without the consent that first used it, and two new texts racing for one version
  cancel one of the two transactions, which reads again and takes the next.
- A consent is an event of the contact's history (same keys as every event, repository/events.py)
  written with the contact through the unit of work; `consent_history` reads back what the topic
  fold needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from optout.models import ConsentEvent, ContactStatus, DeferredModel
from optout.repository import keys
from optout.repository.dynamo import (
    BATCH_GET_LIMIT,
    accounts_table,
    batch_get,
    call,
    events_table,
    query_all,
    serialize,
    strip,
)
from optout.repository.events import item_to_event


class Disclosure(DeferredModel):
    """Consent language as shown to a person, identified by the SHA-256 of its UTF-8 text."""

    workspace_id: str
    hash: str
    text: str
    version: int
    first_used_at: datetime


def get_disclosures(workspace_id: str, hashes: Sequence[str]) -> dict[str, Disclosure]:
    """Some of a workspace's disclosures, by hash (strongly consistent; unknown hashes are left out)."""
    wanted = list(dict.fromkeys(hashes))
    found: dict[str, Disclosure] = {}
    table = accounts_table()
    for start in range(0, len(wanted), BATCH_GET_LIMIT):
        chunk = wanted[start : start + BATCH_GET_LIMIT]
        request = {
            table: {
                "Keys": [keys.dynamo_key(**keys.disclosure_key(workspace_id, h)) for h in chunk],
                "ConsistentRead": True,
            }
        }
        for raw in batch_get(request).get(table, []):
            disclosure = Disclosure.model_validate(strip(raw, "pk", "sk"))
            found[disclosure.hash] = disclosure
    return found


def disclosure_count(workspace_id: str) -> int:
    """The workspace's newest disclosure version (0 before its first)."""
    item = call(
        "get_item",
        TableName=accounts_table(),
        Key=keys.dynamo_key(**keys.disclosure_count_key(workspace_id)),
        ConsistentRead=True,
    ).get("Item")
    return int(item["disclosures"]["N"]) if item else 0


def new_disclosure_items(disclosure: Disclosure) -> list[dict[str, Any]]:
    """The transaction items storing a new text as version `disclosure.version`: each fails (and
    cancels the transaction) if the text was stored meanwhile or the version was taken."""
    item = {**disclosure.model_dump(mode="python"), **keys.disclosure_key(disclosure.workspace_id, disclosure.hash)}
    counter = keys.dynamo_key(**keys.disclosure_count_key(disclosure.workspace_id))
    values = {":n": {"N": str(disclosure.version)}}
    condition = "attribute_not_exists(pk)"  # the first version: no count yet
    if disclosure.version > 1:
        condition = "disclosures = :previous"
        values[":previous"] = {"N": str(disclosure.version - 1)}
    return [
        {
            "Put": {
                "TableName": accounts_table(),
                "Item": serialize(item),
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        },
        {
            "Update": {
                "TableName": accounts_table(),
                "Key": counter,
                "UpdateExpression": "SET disclosures = :n",
                "ConditionExpression": condition,
                "ExpressionAttributeValues": values,
            }
        },
    ]


def consent_history(workspace_id: str, phone: str) -> list[ConsentEvent]:
    """The contact's events that the topic fold reads: its topic consents, opt-outs and blocks
    (strongly consistent, oldest first; a history is a handful of items)."""
    items = query_all(
        TableName=events_table(),
        KeyConditionExpression="pk = :p",
        FilterExpression="attribute_exists(topic_change) OR #status IN (:out, :blocked)",
        ExpressionAttributeNames={"#status": "status"},
        ExpressionAttributeValues={
            ":p": {"S": keys.contact_key(workspace_id, phone)},
            ":out": {"S": ContactStatus.OPTED_OUT.value},
            ":blocked": {"S": ContactStatus.BLOCKED.value},
        },
        ConsistentRead=True,
    )
    return [item_to_event(item) for item in items]
