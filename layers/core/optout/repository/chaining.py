"""The evidence chain as stored: each consent event item carries `chain_prev`, `chain_hash` and
`chain_seq`, and the contact item carries the head (`chain_head`, `chain_length`).

An event is chained in the transaction that writes it, from the head of the contact item that the
same transaction conditions on (its version and its head), so two writers cannot both extend one
head: the loser's transaction is cancelled and it reads again. The order is the order of writing,
not of `occurred_at`: an older message that arrives late is appended after.

The content that is hashed is the event item as stored (read back through the same
serialisation), without the chain fields and the index keys derived from it (`pk`, `sk`,
`auto_pk`, the report partitions): any edit of a stored field changes it.

How a hash is taken is optout/chain_hashing.py, shared with the rules that verify a chain.
"""

from __future__ import annotations

from typing import Any

from optout.chain_hashing import GENESIS, link
from optout.models import Contact
from optout.repository import keys
from optout.repository.dynamo import deserialize, serialize

CHAIN_FIELDS = frozenset({"chain_prev", "chain_hash", "chain_seq"})
INDEX_FIELDS = frozenset({"pk", "sk", "auto_pk", *(attribute for _, attribute in keys.REPORT_INDEXES.values())})


def stored_content(data: dict[str, Any]) -> dict[str, Any]:
    """The hashed content of a deserialised event item."""
    return {name: value for name, value in data.items() if name not in CHAIN_FIELDS and name not in INDEX_FIELDS}


def chain_item(item: dict[str, Any], head: tuple[str, int]) -> tuple[dict[str, Any], tuple[str, int]]:
    """An event item (plain values, before serialisation) with its chain fields, after `head`
    (previous chain hash, length); returns the item and the new head."""
    previous, length = head
    content = deserialize(serialize(stored_content(item)))  # exactly what a reader gets back
    own = link(previous, content)
    return {**item, "chain_prev": previous, "chain_hash": own, "chain_seq": length + 1}, (own, length + 1)


def contact_head(contact: Contact) -> tuple[str, int]:
    """The head a contact's next event follows (GENESIS for a contact never chained, including one
    whose events were written before the chain existed: those precede it)."""
    return contact.chain_head or GENESIS, contact.chain_length or 0


def head_condition(contact: Contact) -> tuple[str, dict[str, Any]]:
    """The condition (and its values) that the contact item still holds the head this write read."""
    if contact.chain_head is None:
        return "attribute_not_exists(chain_head)", {}
    return "chain_head = :head", {":head": {"S": contact.chain_head}}
