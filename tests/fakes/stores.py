"""In-memory fakes of the storage ports (optout/repository/ports.py), one class per port.

They keep each port's concurrency contract, not DynamoDB's mechanics: the same domain errors
(Conflict, TransactionConflict, DuplicateMessage, AlreadyResolved, NotFound), the same order of
pages and start keys in the same form, so a service's cursors work alike on both. The pure parts
(keys, item layout of the report indexes, chunking) are the real modules': one piece serves both.
tests/fakes/contract_cases.py runs the same cases against these and the real stores on moto.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from optout.errors import Conflict, NotFound
from optout.models import ApiKey, BroadcastFailure, ConsentEvent, Contact, ContactStatus, Inbox, Workspace
from optout.repository import keys
from optout.repository.contact_search import ContactFilter
from optout.repository.contacts import contact_to_item
from optout.repository.dismissals import AlreadyDismissed, Dismissal
from optout.repository.dynamo import deserialize, serialize
from optout.repository.events import event_item
from optout.repository.markers import DuplicateMessage
from optout.repository.review_queue import AlreadyResolved
from optout.review import ReviewItem, ReviewResolution, ReviewState
from tests.fakes.memory import Memory, Op, always, page, s


class FakeContacts:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def get_contact(self, workspace_id: str, phone: str) -> Contact | None:
        contact = self.memory.contacts.get((workspace_id, phone))
        return contact.model_copy(deep=True) if contact else None

    def batch_get_contacts(
        self, workspace_id: str, phones: Sequence[str], *, projection: Sequence[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        found = {}
        for phone in dict.fromkeys(phones):
            contact = self.memory.contacts.get((workspace_id, phone))
            if contact is not None:
                # The item as the real store reads it back (key attributes included).
                data = deserialize(serialize(contact_to_item(contact)))
                found[phone] = {k: v for k, v in data.items() if not projection or k in projection}
        return found

    def query_contacts_by_status(
        self, workspace_id: str, status: ContactStatus, shard: int, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[Contact], dict[str, Any] | None]:
        partition = keys.status_partition(workspace_id, status, shard)
        rows = [
            (c.phone, {"status_pk": s(partition), "status_sk": s(c.phone), "pk": s(keys.contact_key(ws, c.phone))}, c)
            for (ws, _), c in self.memory.contacts.items()
            if ws == workspace_id and c.status is status and not c.is_deleted and keys.status_shard(c.phone) == shard
        ]
        return page(
            rows,
            partition=("status_pk", partition),
            key_names=frozenset({"status_pk", "status_sk", "pk"}),
            limit=limit,
            start_key=start_key,
            sort_name="status_sk",
        )

    def search_contacts_by_status(
        self,
        workspace_id: str,
        status: ContactStatus,
        shard: int,
        *,
        match: ContactFilter,
        limit: int,
        start_key: dict[str, Any] | None,
    ) -> tuple[list[Contact], dict[str, Any] | None, int]:
        read, last = self.query_contacts_by_status(workspace_id, status, shard, limit=limit, start_key=start_key)
        return [c for c in read if match.matches(c)], last, len(read)


class FakeEvents:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def _rows(self, partition: str, index_key: str | None) -> list[tuple[str, dict[str, Any], ConsentEvent]]:
        rows = []
        for (pk, sk), event in self.memory.events.items():
            item = event_item(event)
            if (index_key is None and pk == partition) or (index_key and item.get(index_key) == partition):
                start = {"pk": s(pk), "sk": s(sk), **({index_key: s(partition)} if index_key else {})}
                rows.append((sk, start, event))
        return rows

    def query_contact_events(
        self, workspace_id: str, phone: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[ConsentEvent], dict[str, Any] | None]:
        partition = keys.contact_key(workspace_id, phone)
        return page(
            self._rows(partition, None),
            partition=("pk", partition),
            key_names=frozenset({"pk", "sk"}),
            limit=limit,
            start_key=start_key,
            sort_name="sk",
            newest_first=True,
        )

    def query_auto_opt_outs(
        self, workspace_id: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[ConsentEvent], dict[str, Any] | None]:
        partition = keys.auto_partition(workspace_id)
        return page(
            self._rows(partition, "auto_pk"),
            partition=("auto_pk", partition),
            key_names=frozenset({"auto_pk", "pk", "sk"}),
            limit=limit,
            start_key=start_key,
            sort_name="sk",
            newest_first=True,
        )

    def get_contact_event(self, workspace_id: str, phone: str, event_id: str) -> ConsentEvent | None:
        partition = keys.contact_key(workspace_id, phone)
        for (pk, _), found in self.memory.events.items():
            if pk == partition and found.event_id == event_id:
                return found.model_copy(deep=True)
        return None


class FakeDismissals:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def put_dismissal(self, dismissal: Dismissal) -> None:
        key = (dismissal.workspace_id, dismissal.event_id)

        def apply() -> None:
            self.memory.dismissals[key] = dismissal.model_copy(deep=True)

        if self.memory.commit([Op(lambda: key not in self.memory.dismissals, apply)]):
            raise AlreadyDismissed(dismissal.event_id)

    def get_dismissals(self, workspace_id: str, event_ids: Sequence[str]) -> dict[str, Dismissal]:
        found = (self.memory.dismissals.get((workspace_id, e)) for e in dict.fromkeys(event_ids))
        return {d.event_id: d.model_copy(deep=True) for d in found if d is not None}


class FakeMarkers:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def marker_op(self, marker: dict[str, Any]) -> Op:
        def apply() -> None:
            self.memory.markers[marker["id"]] = dict(marker)

        return Op(lambda: marker["id"] not in self.memory.markers, apply)

    def put_marker(self, marker: dict[str, Any]) -> None:
        if self.memory.commit([self.marker_op(marker)]):
            raise DuplicateMessage()

    def get_contact_and_marker(
        self, workspace_id: str, phone: str, marker_id: str
    ) -> tuple[Contact | None, dict[str, Any] | None]:
        with self.memory.lock:
            contact = FakeContacts(self.memory).get_contact(workspace_id, phone)
            marker = self.memory.markers.get(marker_id)
            return contact, dict(marker) if marker is not None else None


class FakeAccounts:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def _key_ops(self, key: ApiKey) -> list[Op]:
        def apply() -> None:
            self.memory.api_keys[key.key_hash] = key.model_copy(deep=True)

        return [Op(lambda: key.key_hash not in self.memory.api_keys, apply)]

    def create_workspace(self, workspace: Workspace, first_key: ApiKey, *, extra_items: Sequence[Any] = ()) -> None:
        def apply() -> None:
            self.memory.workspaces[workspace.id] = workspace.model_copy(deep=True)

        ops = [Op(lambda: workspace.id not in self.memory.workspaces, apply), *self._key_ops(first_key), *extra_items]
        if self.memory.commit(ops):
            raise Conflict("the record changed meanwhile; retry")

    def get_workspace(self, workspace_id: str) -> Workspace:
        workspace = self.memory.workspaces.get(workspace_id)
        if workspace is None:
            raise NotFound("workspace not found", code="workspace_not_found")
        return workspace.model_copy(deep=True)

    def save_workspace(self, workspace: Workspace, *, expected_version: int) -> None:
        def holds() -> bool:
            current = self.memory.workspaces.get(workspace.id)
            return current is not None and current.version == expected_version

        def apply() -> None:
            self.memory.workspaces[workspace.id] = workspace.model_copy(deep=True)

        if self.memory.commit([Op(holds, apply)]):
            raise Conflict("the record changed meanwhile; retry")

    def put_api_key(self, key: ApiKey, *, extra_items: Sequence[Any] = ()) -> None:
        exists = Op(lambda: key.workspace_id in self.memory.workspaces, lambda: None)
        if self.memory.commit([*self._key_ops(key), exists, *extra_items]):
            raise Conflict("the record changed meanwhile; retry")

    def get_api_key_by_hash(self, key_hash: str) -> ApiKey | None:
        key = self.memory.api_keys.get(key_hash)
        return key.model_copy(deep=True) if key else None

    def list_api_keys(self, workspace_id: str) -> list[ApiKey]:
        found = [k.model_copy(deep=True) for k in self.memory.api_keys.values() if k.workspace_id == workspace_id]
        return sorted(found, key=lambda k: k.key_id)  # the real sort key is APIKEY#{key_id}

    def api_key_revocation(self, key: ApiKey, revoked_at: datetime) -> list[Op]:
        """The ops revoking a key, each only if it is still live (commit them with `Memory.commit`)."""

        def live() -> bool:
            stored = self.memory.api_keys.get(key.key_hash)
            return stored is not None and stored.revoked_at is None

        def apply() -> None:
            stored = self.memory.api_keys[key.key_hash]
            self.memory.api_keys[key.key_hash] = stored.model_copy(update={"revoked_at": revoked_at})

        return [Op(live, apply)]

    def iter_workspace_ids(self) -> Iterator[str]:
        yield from sorted(self.memory.workspaces)


class FakeInboxes:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def get_inbox(self, number: str) -> Inbox | None:
        inbox = self.memory.inboxes.get(number)
        return inbox.model_copy(deep=True) if inbox else None

    def _owned_by(self, number: str, workspace_id: str, *, or_free: bool) -> bool:
        current = self.memory.inboxes.get(number)
        return (current is None and or_free) or (current is not None and current.workspace_id == workspace_id)

    def put_inbox(self, inbox: Inbox) -> None:
        def apply() -> None:
            self.memory.inboxes[inbox.number] = inbox.model_copy(deep=True)

        if self.memory.commit([Op(lambda: self._owned_by(inbox.number, inbox.workspace_id, or_free=True), apply)]):
            raise Conflict("the record changed meanwhile; retry")

    def delete_inbox(self, inbox: Inbox) -> None:
        def apply() -> None:
            del self.memory.inboxes[inbox.number]

        if self.memory.commit([Op(lambda: self._owned_by(inbox.number, inbox.workspace_id, or_free=False), apply)]):
            raise Conflict("the record changed meanwhile; retry")

    def list_inboxes(self, workspace_id: str) -> list[Inbox]:
        found = [i.model_copy(deep=True) for i in self.memory.inboxes.values() if i.workspace_id == workspace_id]
        return sorted(found, key=lambda i: i.number)


class FakeFailures:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def failure_put(self, failure: BroadcastFailure) -> Op:
        """Unconditional: a later failure of the same number replaces the record."""
        partition = keys.broadcast_partition(failure.workspace_id, failure.broadcast_id)

        def apply() -> None:
            self.memory.failures[(partition, failure.phone)] = failure.model_copy(deep=True)

        return Op(always, apply)

    def get_broadcast_failure(self, workspace_id: str, broadcast_id: str, phone: str) -> BroadcastFailure | None:
        found = self.memory.failures.get((keys.broadcast_partition(workspace_id, broadcast_id), phone))
        return found.model_copy(deep=True) if found else None

    def query_broadcast_failures(
        self, workspace_id: str, broadcast_id: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[BroadcastFailure], dict[str, Any] | None]:
        partition = keys.broadcast_partition(workspace_id, broadcast_id)
        rows = [
            (phone, {"pk": s(pk), "sk": s(phone)}, failure)
            for (pk, phone), failure in self.memory.failures.items()
            if pk == partition
        ]
        return page(
            rows,
            partition=("pk", partition),
            key_names=frozenset({"pk", "sk"}),
            limit=limit,
            start_key=start_key,
            sort_name="sk",
        )


class FakeReviewQueue:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def item_put(self, item: ReviewItem) -> Op:
        key = (item.workspace_id, item.id)

        def apply() -> None:
            self.memory.review[key] = item.model_copy(deep=True)

        return Op(lambda: key not in self.memory.review, apply)

    def get_item(self, workspace_id: str, item_id: str) -> ReviewItem | None:
        found = self.memory.review.get((workspace_id, item_id))
        return found.model_copy(deep=True) if found else None

    def query_items(
        self, workspace_id: str, state: ReviewState, *, limit: int, start_key: dict[str, Any] | None = None
    ) -> tuple[list[ReviewItem], dict[str, Any] | None]:
        partition = keys.review_state_partition(workspace_id, state.value)
        rows = []
        for (ws, item_id), item in self.memory.review.items():
            if ws == workspace_id and item.state is state:
                sort = keys.review_state_sort_key(item.received_at, item_id)
                start = {"state_pk": s(partition), "state_sk": s(sort), "pk": s(ws), "sk": s(item_id)}
                rows.append((sort, start, item))
        return page(
            rows,
            partition=("state_pk", partition),
            key_names=frozenset({"state_pk", "state_sk", "pk", "sk"}),
            limit=limit,
            start_key=start_key,
            sort_name="state_sk",
            newest_first=True,
        )

    def resolution_update(self, item: ReviewItem, resolution: ReviewResolution) -> Op:
        """Resolves an open item; its condition fails if the item is resolved (or gone)."""
        key = (item.workspace_id, item.id)

        def is_open() -> bool:
            stored = self.memory.review.get(key)
            return stored is not None and stored.state is ReviewState.OPEN

        def apply() -> None:
            stored = self.memory.review[key]
            update = {"state": ReviewState.RESOLVED, "resolution": resolution.model_copy(deep=True)}
            self.memory.review[key] = stored.model_copy(update=update)

        return Op(is_open, apply)

    def resolve(self, item: ReviewItem, resolution: ReviewResolution) -> None:
        if self.memory.commit([self.resolution_update(item, resolution)]):
            raise AlreadyResolved(item.id)
