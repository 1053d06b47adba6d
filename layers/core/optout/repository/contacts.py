"""The contacts store: one item per contact, listed by status through the sharded ByStatus index."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from optout.models import Contact, ContactStatus
from optout.repository import keys
from optout.repository.cursors import decode_cursor, encode_cursor, invalid_cursor
from optout.repository.dynamo import (
    batch_get_keys,
    call,
    contacts_table,
    deserialize,
    query_page,
)

_NOT_FIELDS = frozenset({"pk", "status_pk", "status_sk", "name_key"})


def contact_to_item(contact: Contact) -> dict[str, Any]:
    item = contact.model_dump(mode="python", exclude_none=True)
    item["pk"] = keys.contact_key(contact.workspace_id, contact.phone)
    if not contact.attributes:
        item.pop("attributes", None)
    if contact.name:
        item["name_key"] = keys.name_key(contact.name)
    if not contact.is_deleted:
        # Deleted profiles leave the index, so lists and bulk deletes never see them again.
        shard = keys.status_shard(contact.phone)
        item["status_pk"] = keys.status_partition(contact.workspace_id, contact.status, shard)
        item["status_sk"] = contact.phone
    return item


def contact_from_data(data: dict[str, Any]) -> Contact:
    """A contact from a deserialised item (key attributes are dropped)."""
    return Contact.model_validate({k: v for k, v in data.items() if k not in _NOT_FIELDS})


def item_to_contact(item: dict[str, Any]) -> Contact:
    return contact_from_data(deserialize(item))


def contact_read(workspace_id: str, phone: str) -> dict[str, Any]:
    """The BatchGetItem request part reading one contact."""
    return {"Keys": [keys.dynamo_key(pk=keys.contact_key(workspace_id, phone))], "ConsistentRead": True}


def get_contact(workspace_id: str, phone: str) -> Contact | None:
    response = call(
        "get_item",
        TableName=contacts_table(),
        Key=keys.dynamo_key(pk=keys.contact_key(workspace_id, phone)),
        ConsistentRead=True,
    )
    item = response.get("Item")
    return item_to_contact(item) if item else None


def batch_get_contacts(
    workspace_id: str, phones: Sequence[str], *, projection: Sequence[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Read many contacts, 100 keys per BatchGetItem, retrying only the unprocessed keys.

    Returns plain attribute dicts keyed by phone (callers that need a model build one).
    """
    found: dict[str, dict[str, Any]] = {}
    wanted = [keys.dynamo_key(pk=keys.contact_key(workspace_id, p)) for p in phones]
    for item in batch_get_keys(contacts_table(), wanted, projection=projection):
        data = deserialize(item)
        found[data["pk"].split("#", 1)[1]] = data
    return found


def query_contacts_by_status(
    workspace_id: str,
    status: ContactStatus,
    shard: int,
    *,
    limit: int,
    start_key: dict[str, Any] | None = None,
) -> tuple[list[Contact], dict[str, Any] | None]:
    items, last_key = query_page(
        contacts_table(),
        "status_pk",
        keys.status_partition(workspace_id, status, shard),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"status_pk", "status_sk", "pk"}),
        index="ByStatus",
    )
    return [item_to_contact(item) for item in items], last_key


def _list_position(
    cursor: str | None, workspace_id: str, status: ContactStatus | None, statuses: int
) -> tuple[Any, ...]:
    """(status index, shard, start key) where a list cursor left off; it works for one workspace
    and one status filter only."""
    if not cursor:
        return 0, 0, None
    position = decode_cursor(cursor)
    s_index, shard, start_key = position.get("s"), position.get("h"), position.get("k")
    valid = (
        isinstance(s_index, int)
        and isinstance(shard, int)
        and 0 <= s_index < statuses
        and 0 <= shard < keys.STATUS_SHARDS
        and (start_key is None or isinstance(start_key, dict))
        and position.get("w") == workspace_id
        and position.get("f") == (status.value if status else None)
        and "m" not in position  # a search's cursor (contact_search.py) resumes that search only
    )
    if not valid:
        raise invalid_cursor()
    return s_index, shard, start_key


def list_contacts_page(
    workspace_id: str, status: ContactStatus | None, *, limit: int, cursor: str | None
) -> tuple[list[Contact], str | None]:
    """Page through contacts by status (all statuses when none is given), shard by shard.

    The cursor records the status, the shard and DynamoDB's key, so each page reads only the
    items it returns.
    """
    statuses = [status] if status is not None else list(ContactStatus)
    s_index, shard, start_key = _list_position(cursor, workspace_id, status, len(statuses))
    contacts: list[Contact] = []
    while len(contacts) < limit:
        page, start_key = query_contacts_by_status(
            workspace_id, statuses[s_index], shard, limit=limit - len(contacts), start_key=start_key
        )
        contacts.extend(page)
        if start_key is None:
            shard += 1
            if shard == keys.STATUS_SHARDS:
                shard, s_index = 0, s_index + 1
                if s_index == len(statuses):
                    return contacts, None
    state = {"w": workspace_id, "f": status.value if status else None, "s": s_index, "h": shard, "k": start_key}
    return contacts, encode_cursor(state)


def status_pages(workspace_id: str, status: ContactStatus, remaining: Callable[[], int]) -> Iterator[list[Contact]]:
    """Pages of one status's contacts, shard by shard, each of at most 100 and of `remaining()`;
    stops when `remaining()` reaches 0 (it is asked again after each page is handled)."""
    for shard in range(keys.STATUS_SHARDS):
        start_key = None
        while (left := remaining()) > 0:
            page, start_key = query_contacts_by_status(
                workspace_id, status, shard, limit=min(100, left), start_key=start_key
            )
            yield page
            if start_key is None:
                break
        if remaining() <= 0:
            return
