"""Every storage key format, in one place (tables and indexes: template.yaml).

- Contacts: `pk = {workspace}#{phone}`, so a busy workspace's writes spread over one partition key
  per contact. The ByStatus index is keyed `{workspace}#{status}#{shard}` with 16 shards, so one
  status of one workspace is never a single hot index partition either. Each contact item also
  carries `name_key`, its casefolded name, that a search filters on (repository/contact_search.py).
- Consent events: `pk = {workspace}#{phone}`, `sk = {occurred_at}#{event_id}`: a contact's
  history is one Query, newest first. Automatic opt-outs also carry `auto_pk = {workspace}#auto`.
- Reports: the events table's Report* indexes, keyed
  `{workspace}#{status}#{month}[#reason={r}][#inbox={i}][#initiator={t}]#{shard}` and sorted by
  `sk`. One index per combination of filters, so a Query's key serves all of a report's filters
  and nothing read is filtered out. Month buckets bound a 366-day range to 13 buckets, and 4
  shards by event id keep a busy workspace's writes off one partition key; readers merge the
  shards by `sk`. Counters: `pk = {workspace}`, `sk = DAY#{date}`, `TOTAL#{date}` and the like.
- Accounts: workspaces (`WS#{id}` / `WORKSPACE`), API keys by hash (`APIKEY#{sha256}` /
  `APIKEY`) and by workspace (`WS#{id}` / `APIKEY#{key_id}`), inboxes by number (`INBOX#{n}` /
  `INBOX`) and by workspace (`WS#{id}` / `INBOX#{n}`), the admin count (`WS#{id}` / `ADMINS`) and
  the list of workspaces the report job walks (`WORKSPACES` / `{id}`).
- Auto Opt-Out folder dismissals: in the accounts table, `WS#{id}` / `DISMISSAL#{event_id}` (one
  item per dismissed event, written once).
- Consent topics, in the accounts table: `WS#{id}` / `TOPIC#{topic}`, their count (`TOPICS`), the
  append-only log of their changes (`TOPICLOG#{at}#{change id}`); consent disclosures by their
  SHA-256 (`DISCLOSURE#{hash}`, written once) and the count that versions them (`DISCLOSURES`).
- Delivery failures: `pk = {workspace}#{broadcast}`, `sk = {phone}`.
- Review queue: `pk = {workspace}`, `sk = {item id}`; ByState `{workspace}#{state}` /
  `{received_at}#{id}`.
- Idempotency markers: `id = {kind}#{workspace}#{inbox}#{provider}#{ids...}` (lifetimes:
  markers.py).
- Send-time checks: `pk = {workspace}#{phone}`; `sk = SENDS` (the number's recent sends,
  send_log.py) or `LOOKUP#...` (cached lookup answers, lookup_cache.py).
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from optout.models import ContactStatus, iso

STATUS_SHARDS = 16
REPORT_SHARDS = 4
# The report filters, in the order they appear in a partition key.
REPORT_DIMENSIONS = ("reason", "inbox", "initiator")
WORKSPACES_PK = "WORKSPACES"
ADMIN_COUNT_SK = "ADMINS"
MAX_BROADCAST_ID = 200


def dynamo_key(**names: str) -> dict[str, Any]:
    """A key in DynamoDB's typed form (every key attribute is a string)."""
    return {name: {"S": value} for name, value in names.items()}


# --- contacts and events ---------------------------------------------------------------------


def contact_key(workspace_id: str, phone: str) -> str:
    return f"{workspace_id}#{phone}"


def status_shard(phone: str) -> int:
    return zlib.crc32(phone.encode()) % STATUS_SHARDS


def status_partition(workspace_id: str, status: ContactStatus, shard: int) -> str:
    return f"{workspace_id}#{status.value}#{shard:02d}"


def name_key(name: str | None) -> str | None:
    """A contact item's `name_key`: its name casefolded, which a search matches case-insensitively."""
    return name.casefold() if name else None


def event_sort_key(occurred_at: datetime, event_id: str) -> str:
    return f"{iso(occurred_at)}#{event_id}"


def auto_partition(workspace_id: str) -> str:
    return f"{workspace_id}#auto"


# --- reports ---------------------------------------------------------------------------------


def _report_index(dimensions: Sequence[str]) -> tuple[str, str]:
    """(index name, partition attribute) of one filter combination: ReportByReasonInbox,
    rpt_reason_inbox_pk; the index without filters is ReportByStatus, rpt_pk."""
    if not dimensions:
        return "ReportByStatus", "rpt_pk"
    return "ReportBy" + "".join(d.capitalize() for d in dimensions), "rpt_" + "_".join(dimensions) + "_pk"


# Filter combination -> (index, partition attribute), for all 8 combinations.
REPORT_INDEXES: dict[frozenset[str], tuple[str, str]] = {
    frozenset(combo): _report_index(combo)
    for size in range(len(REPORT_DIMENSIONS) + 1)
    for combo in itertools.combinations(REPORT_DIMENSIONS, size)
}


# The status segment of the report partitions of topic revocations (STOP PROMO), which change no
# status: they are indexed without filters only, for the revocations report.
TOPIC_REVOKED_REPORT = "topic_revoked"


def report_shard(event_id: str) -> int:
    return zlib.crc32(event_id.encode()) % REPORT_SHARDS


def report_partition(
    workspace_id: str, status: str, month: str, shard: int, filters: Mapping[str, str] | None = None
) -> str:
    filtered = "".join(f"#{name}={filters[name]}" for name in REPORT_DIMENSIONS if filters and name in filters)
    return f"{workspace_id}#{status}#{month}{filtered}#{shard}"


def report_partitions(workspace_id: str, status: str, month: str, filters: Mapping[str, str]) -> list[str]:
    """Every shard's partition of one month of one report: a reader merges them by `sk`."""
    return [report_partition(workspace_id, status, month, shard, filters) for shard in range(REPORT_SHARDS)]


# --- accounts --------------------------------------------------------------------------------


def workspace_pk(workspace_id: str) -> str:
    return f"WS#{workspace_id}"


def workspace_key(workspace_id: str) -> dict[str, Any]:
    return dynamo_key(pk=workspace_pk(workspace_id), sk="WORKSPACE")


def api_key_by_hash(key_hash: str) -> dict[str, str]:
    return {"pk": f"APIKEY#{key_hash}", "sk": "APIKEY"}


def api_key_by_workspace(workspace_id: str, key_id: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": f"APIKEY#{key_id}"}


def inbox_by_number(number: str) -> dict[str, str]:
    return {"pk": f"INBOX#{number}", "sk": "INBOX"}


def inbox_by_workspace(workspace_id: str, number: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": f"INBOX#{number}"}


def dismissal_key(workspace_id: str, event_id: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": f"DISMISSAL#{event_id}"}


def admin_count_key(workspace_id: str) -> dict[str, Any]:
    return dynamo_key(pk=workspace_pk(workspace_id), sk=ADMIN_COUNT_SK)


TOPIC_PREFIX = "TOPIC#"  # "TOPICS" (the count) and "TOPICLOG#" do not begin with it
TOPIC_LOG_PREFIX = "TOPICLOG#"


def topic_key(workspace_id: str, topic: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": f"{TOPIC_PREFIX}{topic}"}


def topic_count_key(workspace_id: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": "TOPICS"}


def topic_log_key(workspace_id: str, at: datetime, change_id: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": f"{TOPIC_LOG_PREFIX}{iso(at)}#{change_id}"}


def disclosure_key(workspace_id: str, text_hash: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": f"DISCLOSURE#{text_hash}"}


def disclosure_count_key(workspace_id: str) -> dict[str, str]:
    return {"pk": workspace_pk(workspace_id), "sk": "DISCLOSURES"}


# --- delivery failures and the review queue ------------------------------------------------


def broadcast_partition(workspace_id: str, broadcast_id: str | None) -> str:
    # Workspace ids hold no "#", so any broadcast id after the first one is unambiguous. Failures
    # outside any broadcast share `{workspace}#`, which no broadcast id (1-200 characters) names.
    return f"{workspace_id}#{broadcast_id or ''}"


def valid_broadcast_id(broadcast_id: str | None) -> bool:
    return bool(broadcast_id) and len(broadcast_id or "") <= MAX_BROADCAST_ID


def review_state_partition(workspace_id: str, state: str) -> str:
    return f"{workspace_id}#{state}"


def review_state_sort_key(received_at: datetime, item_id: str) -> str:
    return f"{iso(received_at)}#{item_id}"


def send_checks_key(workspace_id: str, phone: str, sk: str) -> dict[str, Any]:
    """A SendChecksTable key: one partition per number of a workspace, like its contact."""
    return dynamo_key(pk=contact_key(workspace_id, phone), sk=sk)


def marker_id(kind: str, workspace_id: str, inbox: str, provider: str, *ids: str) -> str:
    """An idempotency marker's id, `{kind}#{workspace}#{inbox}#{provider}#{ids...}`: workspace ids
    and E.164 inbox numbers hold no "#", so the carrier's ids (which might) come last."""
    return "#".join((kind, workspace_id, inbox, provider, *ids))
