"""What the services may ask of storage, one Protocol per store, each with its concurrency contract.

The DynamoDB modules of this package implement them (as module-level functions: a module is the
adapter, `from optout.repository import contacts` satisfies `ContactStore`). A fake for a unit test
implements the same methods in memory and must keep the same contract: a conditional write that
lost a race raises, it never overwrites.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from optout.models import ApiKey, BroadcastFailure, ConsentEvent, Contact, ContactStatus, ContactWrite, Inbox, Workspace
from optout.review import ReviewItem, ReviewResolution, ReviewState
from optout.webhook_records import Acknowledgement, DeliveryAttempt, Revocation, Webhook

if TYPE_CHECKING:
    from optout.repository.consents import Disclosure
    from optout.repository.contact_search import ContactFilter
    from optout.repository.dismissals import Dismissal
    from optout.repository.report_pages import ReportPage
    from optout.repository.topics import Topic
    from optout.send_records import SendEntry, SentMessage

Page = tuple[list[Any], dict[str, Any] | None]


class ContactStore(Protocol):
    """Reads are strongly consistent. Every write goes through `UnitOfWork.write_contacts` with the
    version it read (`expected_version`, None for a new contact): a contact changed meanwhile
    cancels the whole transaction with `TransactionConflict`, so a caller re-reads and decides again
    rather than overwriting a newer opt-out."""

    def get_contact(self, workspace_id: str, phone: str) -> Contact | None: ...

    def batch_get_contacts(
        self, workspace_id: str, phones: Sequence[str], *, projection: Sequence[str] | None = None
    ) -> dict[str, dict[str, Any]]: ...

    def query_contacts_by_status(
        self, workspace_id: str, status: ContactStatus, shard: int, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[Contact], dict[str, Any] | None]: ...


class ContactSearchStore(Protocol):
    """A search reads one shard of one status at a time, at most `limit` items (matched or not),
    and returns the ones that match `match`, the start key where it stopped (None at the shard's
    end; a start key of another partition is refused) and how many items it read."""

    def search_contacts_by_status(
        self,
        workspace_id: str,
        status: ContactStatus,
        shard: int,
        *,
        match: ContactFilter,
        limit: int,
        start_key: dict[str, Any] | None,
    ) -> tuple[list[Contact], dict[str, Any] | None, int]: ...


class EventStore(Protocol):
    """Append-only: an event is written only with its contact, in the same transaction, and a Put
    of an existing event is refused, so history is never rewritten. Reads of the history and the
    Auto Opt-Out folder are eventually consistent index reads where an index is used."""

    def query_contact_events(
        self, workspace_id: str, phone: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[ConsentEvent], dict[str, Any] | None]: ...

    def query_auto_opt_outs(
        self, workspace_id: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[ConsentEvent], dict[str, Any] | None]: ...

    def get_contact_event(self, workspace_id: str, phone: str, event_id: str) -> ConsentEvent | None: ...


class DismissalStore(Protocol):
    """A dismissal from the Auto Opt-Out folder is written once (`AlreadyDismissed` for the second
    writer) and never changed; reads are strongly consistent and keyed by workspace."""

    def put_dismissal(self, dismissal: Dismissal) -> None: ...

    def get_dismissals(self, workspace_id: str, event_ids: Sequence[str]) -> dict[str, Dismissal]: ...


class AccountStore(Protocol):
    """A workspace and its first admin key are created together or not at all. `save_workspace`
    is an optimistic write on `version` (Conflict if it moved). A key's two items (by hash, by
    workspace) are written and revoked in one transaction; revoking an admin key also takes one off
    the workspace's admin count, on condition that another live admin key remains."""

    def create_workspace(
        self, workspace: Workspace, first_key: ApiKey, *, extra_items: Sequence[dict[str, Any]] = ()
    ) -> None: ...

    def get_workspace(self, workspace_id: str) -> Workspace: ...

    def save_workspace(self, workspace: Workspace, *, expected_version: int) -> None: ...

    def put_api_key(self, key: ApiKey, *, extra_items: Sequence[dict[str, Any]] = ()) -> None: ...

    def get_api_key_by_hash(self, key_hash: str) -> ApiKey | None: ...

    def list_api_keys(self, workspace_id: str) -> list[ApiKey]: ...

    def api_key_revocation(self, key: ApiKey, revoked_at: datetime) -> list[dict[str, Any]]: ...

    def iter_workspace_ids(self) -> Iterator[str]: ...


class InboxStore(Protocol):
    """A number belongs to one workspace: registering a number another workspace owns is a
    Conflict, and both of an inbox's items change in one transaction."""

    def get_inbox(self, number: str) -> Inbox | None: ...

    def put_inbox(self, inbox: Inbox) -> None: ...

    def delete_inbox(self, inbox: Inbox) -> None: ...

    def list_inboxes(self, workspace_id: str) -> list[Inbox]: ...


class MarkerStore(Protocol):
    """A marker is written at most once (`DuplicateMessage` for the second writer), either alone or
    in the transaction that applies the message, so a retried webhook never applies twice."""

    def put_marker(self, marker: dict[str, Any]) -> None: ...

    def get_contact_and_marker(
        self, workspace_id: str, phone: str, marker_id: str
    ) -> tuple[Contact | None, dict[str, Any] | None]: ...


class FailureStore(Protocol):
    """One record per broadcast and number; a later failure replaces it (last writer wins, which
    is harmless: each record only says that the number failed in that broadcast)."""

    def failure_put(self, failure: BroadcastFailure) -> dict[str, Any]: ...

    def get_broadcast_failure(self, workspace_id: str, broadcast_id: str, phone: str) -> BroadcastFailure | None: ...

    def query_broadcast_failures(
        self, workspace_id: str, broadcast_id: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[BroadcastFailure], dict[str, Any] | None]: ...


class CounterStore(Protocol):
    """Counters only grow by ADD, in a transaction with a marker of the stream batch: a batch
    delivered twice adds once (`add_counters_once` returns False), and concurrent batches commute."""

    def query_counters(self, workspace_id: str, lower: str, upper: str) -> list[dict[str, Any]]: ...

    def add_counters_once(
        self, marker_id: str, increments: Sequence[tuple[tuple[str, str], dict[str, int]]]
    ) -> bool: ...

    def add_counter_batch(self, batch_key: str, increments: Sequence[tuple[tuple[str, str], dict[str, int]]]) -> int: ...


class ReportRowStore(Protocol):
    """Row report pages are eventually consistent index reads, oldest first. A cursor names the
    query it was issued for (`scope`): another query's cursor is refused (InvalidInput), never
    resumed, and a page never repeats or skips a row of the page before it."""

    def read_report_page(
        self,
        workspace_id: str,
        status: str | Sequence[str],
        filters: Mapping[str, str],
        start: datetime,
        end: datetime,
        *,
        limit: int,
        cursor: str | None,
        scope: str,
    ) -> ReportPage: ...


class ReviewQueueStore(Protocol):
    """An item is queued once (with its message's marker) and resolved once: resolving an item
    that is resolved already raises `AlreadyResolved`, so two reviewers never both apply."""

    def item_put(self, item: ReviewItem) -> dict[str, Any]: ...

    def get_item(self, workspace_id: str, item_id: str) -> ReviewItem | None: ...

    def query_items(
        self, workspace_id: str, state: ReviewState, *, limit: int, start_key: dict[str, Any] | None = None
    ) -> tuple[list[ReviewItem], dict[str, Any] | None]: ...

    def resolve(self, item: ReviewItem, resolution: ReviewResolution) -> None: ...


class TopicStore(Protocol):
    """Topics are read strongly consistent. `save_topic` creates (`previous` None) or changes one
    conditionally on the version read (TransactionConflict if it moved), with an append-only log
    item in the same transaction; a creation beyond `limit` raises TopicLimitReached."""

    def list_topics(self, workspace_id: str) -> list[Topic]: ...

    def save_topic(self, topic: Topic, *, previous: Topic | None, limit: int) -> None: ...


class ConsentStore(Protocol):
    """A disclosure text is written once, by its hash, as the next version of the workspace, in
    the transaction of the consent that first used it (`new_disclosure_items`: a race cancels it
    with TransactionConflict). Reads are strongly consistent."""

    def get_disclosures(self, workspace_id: str, hashes: Sequence[str]) -> dict[str, Disclosure]: ...

    def disclosure_count(self, workspace_id: str) -> int: ...

    def new_disclosure_items(self, disclosure: Disclosure) -> list[dict[str, Any]]: ...

    def consent_history(self, workspace_id: str, phone: str) -> list[ConsentEvent]: ...


class WebhookStore(Protocol):
    """Outgoing webhooks (repository/webhooks.py). A webhook is created once (Conflict if its id
    exists) and read strongly consistent. A delivered marker is written once per event and webhook
    (a second writer is ignored: both delivered); attempts are appended, never changed."""

    def put_webhook(self, webhook: Webhook) -> None: ...

    def get_webhook(self, workspace_id: str, webhook_id: str) -> Webhook | None: ...

    def list_webhooks(self, workspace_id: str) -> list[Webhook]: ...

    def delete_webhook(self, workspace_id: str, webhook_id: str) -> None: ...

    def delivered_to(self, workspace_id: str, event_id: str) -> set[str]: ...

    def put_delivered(self, workspace_id: str, event_id: str, webhook_id: str) -> None: ...

    def put_attempt(self, workspace_id: str, attempt: DeliveryAttempt) -> None: ...

    def query_attempts(
        self, workspace_id: str, webhook_id: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[DeliveryAttempt], dict[str, Any] | None]: ...


class RevocationAckStore(Protocol):
    """A revocation is recorded once, by the first delivery attempt (`put_revocation_once` is False
    after). An acknowledgement is written once per event and webhook, in the same transaction that
    takes the webhook off the revocation's pending set (False for the second: nothing changes)."""

    def put_revocation_once(self, revocation: Revocation) -> bool: ...

    def get_revocation(self, workspace_id: str, event_id: str) -> Revocation | None: ...

    def acknowledge(self, workspace_id: str, ack: Acknowledgement, *, owed: bool) -> bool: ...

    def get_acknowledgements(self, workspace_id: str, event_id: str) -> list[Acknowledgement]: ...

    def query_unacknowledged(
        self, workspace_id: str, *, limit: int, start_key: dict[str, Any] | None
    ) -> tuple[list[Revocation], dict[str, Any] | None]: ...


class SendLogStore(Protocol):
    """Sends are recorded idempotently by message id: a second record of a message changes nothing,
    except that the API's topic replaces a callback's unknown one. Entries older than 25 hours are
    pruned at the next write. Reads are strongly consistent, one BatchGetItem per 100 numbers."""

    def record_sends(self, workspace_id: str, sends: Sequence[SendEntry]) -> None: ...

    def batch_get_send_logs(
        self, workspace_id: str, phones: Sequence[str], *, since: datetime
    ) -> dict[str, list[SentMessage]]: ...


class LookupCacheStore(Protocol):
    """Lookup answers by (phone, sort key), replaced whole by a later put of the same key (the
    lookups decide what may replace what). Reads are strongly consistent, one BatchGetItem per 100
    keys; expired items may still be read until the table's TTL removes them."""

    def batch_get_lookups(self, workspace_id: str, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Any]: ...

    def put_lookups(self, workspace_id: str, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None: ...


class UnitOfWork(Protocol):
    """The transaction boundary: `write_contacts` applies all of its writes, markers and extra
    items or none (at most 100 items; `chunk_writes` splits larger sets without separating a
    contact from its event). A lost race raises `TransactionConflict` naming the writes that lost;
    an existing marker raises `DuplicateMessage`."""

    def write_contacts(
        self,
        writes: Sequence[ContactWrite],
        *,
        markers: Sequence[dict[str, Any]] = (),
        extra_items: Sequence[dict[str, Any]] = (),
        failures: Sequence[BroadcastFailure] = (),
    ) -> None: ...

    def chunk_writes(self, writes: Sequence[ContactWrite]) -> Iterator[list[ContactWrite]]: ...


if TYPE_CHECKING:
    # mypy checks that each store module still implements its port (a module can satisfy a
    # Protocol), so the ports and the adapters cannot drift apart.
    from optout.repository import (
        accounts,
        consents,
        contact_search,
        contacts,
        dismissals,
        events,
        failures,
        inboxes,
        lookup_cache,
        markers,
        report_pages,
        reports,
        review_queue,
        revocation_acks,
        send_log,
        topics,
        unit_of_work,
        webhooks,
    )

    _contacts: ContactStore = contacts
    _contact_search: ContactSearchStore = contact_search
    _events: EventStore = events
    _dismissals: DismissalStore = dismissals
    _accounts: AccountStore = accounts
    _inboxes: InboxStore = inboxes
    _markers: MarkerStore = markers
    _failures: FailureStore = failures
    _counters: CounterStore = reports
    _report_rows: ReportRowStore = report_pages
    _review_queue: ReviewQueueStore = review_queue
    _topics: TopicStore = topics
    _consents: ConsentStore = consents
    _unit_of_work: UnitOfWork = unit_of_work
    _webhooks: WebhookStore = webhooks
    _revocation_acks: RevocationAckStore = revocation_acks
    _send_log: SendLogStore = send_log
    _lookup_cache: LookupCacheStore = lookup_cache
