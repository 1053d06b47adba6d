"""The consent events store: append-only, one partition per contact, with sparse indexes for the
Auto Opt-Out folder and the reports."""

from __future__ import annotations

from typing import Any

from optout.models import ConsentEvent, ContactStatus, Reason, iso
from optout.repository import keys
from optout.repository.dynamo import events_table, query_all, query_page, strip

AUTO_REASONS = frozenset({Reason.INTENT, Reason.FUZZY})
TOPIC_REVOKED = "revoked"  # rules.topic_consent.TopicEventKind.REVOKED: a topic keyword's revocation


def report_dimensions(event: ConsentEvent) -> dict[str, str]:
    """The values an event can be filtered on (no inbox when it came to none)."""
    values = {"reason": event.reason.value, "inbox": event.inbox, "initiator": event.initiator.type.value}
    return {name: value for name, value in values.items() if value}


def report_status(event: ConsentEvent) -> str | None:
    """The status part of the report partitions an event is indexed under: its status if it
    changed one, `topic_revoked` for a topic revocation alone, else None (in no report)."""
    if event.changes_status:
        return event.status.value
    if event.topic_change is not None and event.topic_change.kind == TOPIC_REVOKED:
        return keys.TOPIC_REVOKED_REPORT
    return None


def report_index_keys(event: ConsentEvent) -> dict[str, str]:
    """The Report* index keys of a consent event: one per filter combination it has values for."""
    month = iso(event.occurred_at)[:7]
    shard = keys.report_shard(event.event_id)
    values = report_dimensions(event)
    found = {}
    for dimensions, (_, attribute) in keys.REPORT_INDEXES.items():
        if dimensions <= values.keys():
            chosen = {name: values[name] for name in dimensions}
            found[attribute] = keys.report_partition(event.workspace_id, event.status.value, month, shard, chosen)
    return found


def event_item(event: ConsentEvent) -> dict[str, Any]:
    """A consent event's item with every index key (bulk loaders such as `make bench` use it)."""
    item = event.model_dump(mode="python", exclude_none=True)
    item["pk"] = keys.contact_key(event.workspace_id, event.phone)
    item["sk"] = keys.event_sort_key(event.occurred_at, event.event_id)
    if not event.changes_status:
        # A topic consent alone is in no folder or status report; a topic revocation is in the
        # revocations report, through the unfiltered index under partitions of its own.
        if report_status(event) == keys.TOPIC_REVOKED_REPORT:
            _, attribute = keys.REPORT_INDEXES[frozenset()]
            month, shard = iso(event.occurred_at)[:7], keys.report_shard(event.event_id)
            item[attribute] = keys.report_partition(event.workspace_id, keys.TOPIC_REVOKED_REPORT, month, shard)
        return item
    if event.reason in AUTO_REASONS and event.status is ContactStatus.OPTED_OUT:
        # Sparse index of automatic (intent and typo) opt-outs: the Auto Opt-Out folder.
        item["auto_pk"] = keys.auto_partition(event.workspace_id)
    item.update(report_index_keys(event))
    return item


def item_to_event(item: dict[str, Any]) -> ConsentEvent:
    return ConsentEvent.model_validate(strip(item, "pk", "sk", "auto_pk"))


def query_contact_events(
    workspace_id: str, phone: str, *, limit: int, start_key: dict[str, Any] | None = None
) -> tuple[list[ConsentEvent], dict[str, Any] | None]:
    items, last_key = query_page(
        events_table(),
        "pk",
        keys.contact_key(workspace_id, phone),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"pk", "sk"}),
        newest_first=True,
    )
    return [item_to_event(item) for item in items], last_key


def query_auto_opt_outs(
    workspace_id: str, *, limit: int, start_key: dict[str, Any] | None = None
) -> tuple[list[ConsentEvent], dict[str, Any] | None]:
    """Intent and typo opt-outs of a workspace, newest first (the Auto Opt-Out folder)."""
    items, last_key = query_page(
        events_table(),
        "auto_pk",
        keys.auto_partition(workspace_id),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"auto_pk", "pk", "sk"}),
        index="AutoOptOuts",
        newest_first=True,
    )
    return [item_to_event(item) for item in items], last_key


def get_contact_event(workspace_id: str, phone: str, event_id: str) -> ConsentEvent | None:
    """One event of a contact's history by its id: a Query of that contact's partition only (a
    history is a handful of items), so an id of another workspace or contact is never found."""
    for item in query_all(
        TableName=events_table(),
        KeyConditionExpression="pk = :p",
        FilterExpression="event_id = :e",
        ExpressionAttributeValues={":p": {"S": keys.contact_key(workspace_id, phone)}, ":e": {"S": event_id}},
        ConsistentRead=True,
    ):
        return item_to_event(item)
    return None
