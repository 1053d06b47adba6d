"""All DynamoDB access, behind one name: `from optout import repository`, `repository.get_contact`.

The package is split by concern (see ports.py for what each store promises under concurrency):
- `keys`: every key format; `cursors`: opaque page cursors;
- `dynamo`: the client, (de)serialisation, the one ClientError mapper, BatchGetItem with retry
  and the Query pager;
- `unit_of_work`: TransactWriteItems, chunking and the contact write transaction;
- one module per store: `contacts` (and `contact_search`, its filtered, bounded reads), `events`,
  `dismissals` (the Auto Opt-Out folder's), `markers` (message markers: items and lifetimes),
  `accounts` (and `admin_count`, the live admin key count), `inboxes`, `failures`, `reports`
  (report index reads and counters), `report_pages` (a row report's shard merge and cursors),
  `report_streams` (stream records as table changes), `review_queue` (imported by the services
  that queue or resolve reviews only, so functions that never touch the queue never load it).
Nothing here calls Scan.
"""

from __future__ import annotations

from optout.repository.accounts import (
    api_key_revocation,
    create_workspace,
    get_api_key_by_hash,
    get_workspace,
    iter_workspace_ids,
    list_api_keys,
    put_api_key,
    save_workspace,
    workspace_exists,
    workspace_index_item,
)
from optout.repository.contact_search import (
    READ_BUDGET,
    ContactFilter,
    search_contacts_by_status,
    search_contacts_page,
)
from optout.repository.contacts import (
    batch_get_contacts,
    contact_from_data,
    contact_to_item,
    get_contact,
    item_to_contact,
    list_contacts_page,
    query_contacts_by_status,
    status_pages,
)
from optout.repository.cursors import decode_cursor, encode_cursor, invalid_cursor, next_page, page_start
from optout.repository.dismissals import AlreadyDismissed, Dismissal, get_dismissals, put_dismissal
from optout.repository.dynamo import (
    BATCH_GET_LIMIT,
    Cancelled,
    accounts_table,
    call,
    contacts_table,
    delivery_failures_table,
    deserialize,
    dynamodb_client,
    events_table,
    idempotency_table,
    report_counters_table,
    serialize,
)
from optout.repository.events import (
    AUTO_REASONS,
    event_item,
    get_contact_event,
    query_auto_opt_outs,
    query_contact_events,
    report_dimensions,
    report_index_keys,
)
from optout.repository.failures import (
    FAILURE_TTL_SECONDS,
    failure_put,
    get_broadcast_failure,
    query_broadcast_failures,
)
from optout.repository.inboxes import delete_inbox, get_inbox, list_inboxes, put_inbox
from optout.repository.keys import (
    MAX_BROADCAST_ID,
    REPORT_DIMENSIONS,
    REPORT_INDEXES,
    REPORT_SHARDS,
    STATUS_SHARDS,
    TOPIC_REVOKED_REPORT,
    WORKSPACES_PK,
    broadcast_partition,
    contact_key,
    report_partition,
    report_shard,
    status_partition,
    status_shard,
    valid_broadcast_id,
)
from optout.repository.markers import DuplicateMessage, get_contact_and_marker, marker_id, marker_item, put_marker
from optout.repository.report_pages import ReportPage, read_report_page
from optout.repository.report_streams import TableChange, stream_batch_id, stream_changes
from optout.repository.reports import (
    COUNTER_MARKER_TTL_SECONDS,
    add_counter_batch,
    add_counters_once,
    query_counters,
)
from optout.repository.unit_of_work import (
    TRANSACTION_LIMIT,
    TransactionConflict,
    chunk_writes,
    iter_chunks,
    read_batches,
    retry_on_conflict,
    transact,
    transact_or_conflict,
    write_contacts,
    write_in_chunks,
)

__all__ = [
    "AUTO_REASONS",
    "BATCH_GET_LIMIT",
    "COUNTER_MARKER_TTL_SECONDS",
    "FAILURE_TTL_SECONDS",
    "MAX_BROADCAST_ID",
    "READ_BUDGET",
    "REPORT_DIMENSIONS",
    "REPORT_INDEXES",
    "REPORT_SHARDS",
    "STATUS_SHARDS",
    "TOPIC_REVOKED_REPORT",
    "TRANSACTION_LIMIT",
    "WORKSPACES_PK",
    "AlreadyDismissed",
    "Cancelled",
    "ContactFilter",
    "Dismissal",
    "DuplicateMessage",
    "ReportPage",
    "TableChange",
    "TransactionConflict",
    "accounts_table",
    "add_counter_batch",
    "add_counters_once",
    "api_key_revocation",
    "batch_get_contacts",
    "broadcast_partition",
    "call",
    "chunk_writes",
    "contact_from_data",
    "contact_key",
    "contact_to_item",
    "contacts_table",
    "create_workspace",
    "decode_cursor",
    "delete_inbox",
    "delivery_failures_table",
    "deserialize",
    "dynamodb_client",
    "encode_cursor",
    "event_item",
    "events_table",
    "failure_put",
    "get_api_key_by_hash",
    "get_broadcast_failure",
    "get_contact",
    "get_contact_and_marker",
    "get_contact_event",
    "get_dismissals",
    "get_inbox",
    "get_workspace",
    "idempotency_table",
    "invalid_cursor",
    "item_to_contact",
    "iter_chunks",
    "iter_workspace_ids",
    "list_api_keys",
    "list_contacts_page",
    "list_inboxes",
    "marker_id",
    "marker_item",
    "next_page",
    "page_start",
    "put_api_key",
    "put_dismissal",
    "put_inbox",
    "put_marker",
    "query_auto_opt_outs",
    "query_broadcast_failures",
    "query_contact_events",
    "query_contacts_by_status",
    "query_counters",
    "read_batches",
    "read_report_page",
    "report_counters_table",
    "report_dimensions",
    "report_index_keys",
    "report_partition",
    "report_shard",
    "retry_on_conflict",
    "save_workspace",
    "search_contacts_by_status",
    "search_contacts_page",
    "serialize",
    "status_pages",
    "status_partition",
    "status_shard",
    "stream_batch_id",
    "stream_changes",
    "transact",
    "transact_or_conflict",
    "valid_broadcast_id",
    "workspace_exists",
    "workspace_index_item",
    "write_contacts",
    "write_in_chunks",
]
