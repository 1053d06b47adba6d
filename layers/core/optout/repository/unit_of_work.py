"""The transaction boundary: every TransactWriteItems goes through `transact`, and contact writes
(a contact, its consent event, markers and records that must land with it) through
`write_contacts`, in chunks of at most 100 items that never split a contact's pair."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from optout.errors import Conflict
from optout.models import BroadcastFailure, ContactWrite
from optout.repository import chaining, keys
from optout.repository.contacts import contact_to_item
from optout.repository.dynamo import (
    BATCH_GET_LIMIT,
    contacts_table,
    dynamodb_client,
    error_cause,
    events_table,
    map_error,
    serialize,
)
from optout.repository.dynamo import Cancelled as Cancelled
from optout.repository.events import event_item
from optout.repository.failures import failure_put
from optout.repository.markers import DuplicateMessage, marker_put

TRANSACTION_LIMIT = 100
CONFLICT_ATTEMPTS = 3  # a contact rarely changes twice while one request decides
T = TypeVar("T")
_MARKER, _EXTRA = -1, -2  # owners of transaction items that are not a contact write


class TransactionConflict(Conflict):
    """Some writes of a transaction lost a race; `failed` holds their indexes in the input."""

    def __init__(self, failed: list[int]) -> None:
        super().__init__("the record changed meanwhile; retry", details={"failed": failed})
        self.failed = failed


def transact(items: list[dict[str, Any]]) -> None:
    """One TransactWriteItems; a cancelled one raises `Cancelled` with each item's reason."""
    try:
        dynamodb_client().transact_write_items(TransactItems=items)
    except (ClientError, BotoCoreError) as exc:
        mapped = map_error(exc)
        raise mapped from error_cause(mapped, exc)


def transact_or_conflict(items: list[dict[str, Any]]) -> None:
    """`transact`, where only a failed condition is a conflict; an item over 400 KB or throttling
    is classified."""
    try:
        transact(items)
    except Cancelled as cancelled:
        if "ConditionalCheckFailed" in cancelled.reasons or not cancelled.reasons:
            raise Conflict("the record changed meanwhile; retry") from None
        raise cancelled.classified() from cancelled.cause


def _contact_items(write: ContactWrite, heads: dict[str, tuple[str, int]]) -> list[dict[str, Any]]:
    """A write's transaction items: the contact (on condition of the version and chain head it
    read) and its event, chained after that head; `heads` carries a contact's head from one write
    to the next of the same transaction."""
    contact_pk = keys.contact_key(write.contact.workspace_id, write.contact.phone)
    key = keys.dynamo_key(pk=contact_pk)
    if write.expected_version is None:
        condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(pk)"}
    else:
        head_check, head_values = chaining.head_condition(write.contact)
        condition = {
            "ConditionExpression": f"version = :expected AND {head_check}",
            "ExpressionAttributeValues": {":expected": {"N": str(write.expected_version)}, **head_values},
        }
    head = heads.get(contact_pk) or chaining.contact_head(write.contact)
    event = None
    if write.event is not None:
        event, head = chaining.chain_item(event_item(write.event), head)
        heads[contact_pk] = head
    if write.delete:
        items = [{"Delete": {"TableName": contacts_table(), "Key": key, **condition}}]
    else:
        contact = contact_to_item(write.contact)
        if head[1]:
            contact.update(chain_head=head[0], chain_length=head[1])
        items = [{"Put": {"TableName": contacts_table(), "Item": serialize(contact), **condition}}]
    if event is not None:
        # Events are append-only: never overwrite one.
        put = {"TableName": events_table(), "Item": serialize(event)}
        items.append({"Put": {**put, "ConditionExpression": "attribute_not_exists(pk)"}})
    return items


def _raise_cancelled(cancelled: Cancelled, owners: list[int], writes: int) -> None:
    """Which writes lost: a marker that exists is a duplicate message, failed conditions a conflict."""
    live = [(owners[i], code) for i, code in enumerate(cancelled.reasons) if code != "None"]
    failed = sorted({owner for owner, _ in live})
    if _MARKER in failed:
        raise DuplicateMessage() from None
    if failed and all(code == "ConditionalCheckFailed" for _, code in live):
        raise TransactionConflict(failed) from None
    if not cancelled.reasons or "ConditionalCheckFailed" in str(cancelled.cause):
        raise TransactionConflict(failed or list(range(writes))) from None
    raise cancelled.classified() from cancelled.cause


def write_contacts(
    writes: Sequence[ContactWrite],
    *,
    markers: Sequence[dict[str, Any]] = (),
    extra_items: Sequence[dict[str, Any]] = (),
    failures: Sequence[BroadcastFailure] = (),
) -> None:
    """Apply writes in one TransactWriteItems call: all succeed or none does.

    `markers` are idempotency records written in the same transaction; one that exists already
    cancels the transaction with `DuplicateMessage`. `failures` (a broadcast's failure records) and
    `extra_items` (unconditional transaction items of other stores, such as a review item) must
    land with the contact.
    """
    if not writes and not markers:
        return
    extras = [failure_put(failure) for failure in failures] + list(extra_items)
    items = [marker_put(marker) for marker in markers] + extras
    owners = [_MARKER] * len(markers) + [_EXTRA] * len(extras)
    heads: dict[str, tuple[str, int]] = {}
    for index, write in enumerate(writes):
        for transact_item in _contact_items(write, heads):
            items.append(transact_item)
            owners.append(index)
    if len(items) > TRANSACTION_LIMIT:
        raise ValueError(f"a transaction holds at most {TRANSACTION_LIMIT} items, got {len(items)}")
    try:
        transact(items)
    except Cancelled as cancelled:
        _raise_cancelled(cancelled, owners, len(writes))


def chunk_writes(writes: Sequence[ContactWrite]) -> Iterator[list[ContactWrite]]:
    """Group writes into transactions of at most 100 items, never splitting a contact's pair."""
    chunk: list[ContactWrite] = []
    size = 0
    for write in writes:
        if size + write.item_count > TRANSACTION_LIMIT:
            yield chunk
            chunk, size = [], 0
        chunk.append(write)
        size += write.item_count
    if chunk:
        yield chunk


def iter_chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def write_in_chunks(writes: Sequence[ContactWrite]) -> set[int]:
    """Apply writes in as many transactions as they need (`chunk_writes`). A transaction that
    loses a race is refused whole; returns the indexes of its writes, to be read and decided again."""
    failed: set[int] = set()
    start = 0
    for chunk in chunk_writes(writes):
        try:
            write_contacts(chunk)
        except TransactionConflict:
            failed.update(range(start, start + len(chunk)))
        start += len(chunk)
    return failed


def read_batches(values: Sequence[Any]) -> list[Sequence[Any]]:
    """`values` in groups that one BatchGetItem reads (100 keys)."""
    return list(iter_chunks(values, BATCH_GET_LIMIT))


def retry_on_conflict(attempt: Callable[[], T], *, attempts: int = CONFLICT_ATTEMPTS) -> T:
    """Run a read-decide-write step again when another writer changed a record meanwhile
    (`TransactionConflict`): each run reads afresh, so the decision is made on current data.
    The last attempt's conflict propagates."""
    for _ in range(attempts - 1):
        try:
            return attempt()
        except TransactionConflict:
            continue
    return attempt()
