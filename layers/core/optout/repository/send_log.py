"""The send log (SendChecksTable, `sk = SENDS`): which messages each number of a workspace was sent
over the last 25 hours, for the frequency caps of eligibility (docs/send-counting.md).

One item per number. Each send is a top-level attribute `m:{message id}` holding `{"at": epoch
seconds, "topic"?, "source"}`: a top-level attribute can be set with `if_not_exists` by one
UpdateItem whether the item exists yet or not (a path inside a map cannot be written before the
map exists), so recording is one request and the message id makes it idempotent:
- a delivery callback never replaces an entry (`sent` then `delivered` counts once, and a topic
  given by `POST /v1/sends` stays);
- the API's entry with a topic replaces the callback's, whichever came first.

The write returns the whole item; when it holds entries older than 25 hours (or more than
`MAX_KEPT`), or its `expires_at` is earlier than the newest send + 25 h (a send recorded out of
order), a second UpdateItem removes them and raises `expires_at`, never lowering it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import Any

from optout.errors import Conflict
from optout.models import utc_now
from optout.repository.dynamo import batch_get_keys, call, deserialize, send_checks_table, serialize
from optout.repository.keys import send_checks_key
from optout.send_records import SendEntry, SentMessage
from optout.send_rule_table import MAX_CAP_WINDOW_HOURS

__all__ = ["HORIZON", "MAX_KEPT", "SENDS_SK", "SendEntry", "SentMessage", "batch_get_send_logs", "record_sends"]

SENDS_SK = "SENDS"
HORIZON = timedelta(hours=MAX_CAP_WINDOW_HOURS + 1)  # the longest cap's window, and an hour for late callbacks
MAX_KEPT = 200  # newest sends kept per number: more than any cap counts
SOURCES = frozenset({"delivery_callback", "api"})
_PREFIX = "m:"


def _epoch(at: datetime) -> int:
    # Rounded up: a send never leaves the window before it truly does.
    return math.ceil(at.timestamp())


def _merged(sends: Iterable[SendEntry]) -> dict[str, SendEntry]:
    """One entry per message id (one UpdateItem cannot set a path twice); one with a topic wins."""
    merged: dict[str, SendEntry] = {}
    for send in sends:
        if send.message_id not in merged or (send.topic is not None and merged[send.message_id].topic is None):
            merged[send.message_id] = send
    return merged


def record_sends(workspace_id: str, sends: Sequence[SendEntry]) -> None:
    """Record sends, idempotent by message id: one UpdateItem per number (two when it prunes).
    Sends older than 25 hours are past every window and are not recorded."""
    now = utc_now()
    horizon = _epoch(now - HORIZON)
    by_phone: dict[str, list[SendEntry]] = {}
    for send in sends:
        if send.source not in SOURCES:
            raise ValueError(f"unknown send source {send.source!r}")
        if _epoch(send.at) >= horizon:
            by_phone.setdefault(send.phone, []).append(send)
    for phone, entries in by_phone.items():
        _record(workspace_id, phone, _merged(entries), horizon)


def _record(workspace_id: str, phone: str, entries: dict[str, SendEntry], horizon: int) -> None:
    names: dict[str, str] = {}
    values: dict[str, Any] = {":exp": max(_epoch(s.at) for s in entries.values()) + int(HORIZON.total_seconds())}
    sets = ["expires_at = :exp"]
    for i, send in enumerate(entries.values()):
        names[f"#m{i}"] = _PREFIX + send.message_id
        values[f":e{i}"] = {"at": _epoch(send.at), "topic": send.topic, "source": send.source}
        # The API's topic is the sender's word on the subject; a callback never knows it.
        replace = send.source == "api" and send.topic is not None
        sets.append(f"#m{i} = :e{i}" if replace else f"#m{i} = if_not_exists(#m{i}, :e{i})")
    response = call(
        "update_item",
        TableName=send_checks_table(),
        Key=send_checks_key(workspace_id, phone, SENDS_SK),
        UpdateExpression="SET " + ", ".join(sets),
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=serialize(values),
        ReturnValues="ALL_NEW",
    )
    _tidy(workspace_id, phone, deserialize(response.get("Attributes") or {}), horizon)


def _overdue(item: dict[str, Any], horizon: int) -> tuple[list[str], int]:
    """The item's entries to remove (older than the horizon, or beyond the newest `MAX_KEPT`) and
    the expiry it needs: 25 h after its newest send."""
    entries = _entries(item)
    fresh = sorted(((entry["at"], name) for name, entry in entries if entry["at"] >= horizon), reverse=True)
    stale = [name for name, entry in entries if entry["at"] < horizon] + [name for _, name in fresh[MAX_KEPT:]]
    return stale, (fresh[0][0] if fresh else 0) + int(HORIZON.total_seconds())


def _tidy(workspace_id: str, phone: str, item: dict[str, Any], horizon: int) -> None:
    """Drop stale entries and keep `expires_at` at least 25 h after the newest send."""
    stale, wanted = _overdue(item, horizon)
    raise_expiry = item.get("expires_at", 0) < wanted
    if not stale and not raise_expiry:
        return
    kwargs: dict[str, Any] = {}
    clauses = []
    if raise_expiry:
        # Conditional, so that a writer who saw fewer sends never lowers another's expiry.
        clauses.append("SET expires_at = :want")
        kwargs["ConditionExpression"] = "expires_at < :want"
        kwargs["ExpressionAttributeValues"] = serialize({":want": wanted})
    if stale:
        kwargs["ExpressionAttributeNames"] = {f"#s{i}": name for i, name in enumerate(stale)}
        clauses.append("REMOVE " + ", ".join(kwargs["ExpressionAttributeNames"]))
    # A refused condition: a later writer raised the expiry further, and prunes on its own write.
    with suppress(Conflict):
        call(
            "update_item",
            TableName=send_checks_table(),
            Key=send_checks_key(workspace_id, phone, SENDS_SK),
            UpdateExpression=" ".join(clauses),
            **kwargs,
        )


def _entries(item: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, value) for name, value in item.items() if name.startswith(_PREFIX) and isinstance(value, dict)]


def batch_get_send_logs(workspace_id: str, phones: Sequence[str], *, since: datetime) -> dict[str, list[SentMessage]]:
    """Each number's sends at or after `since`, oldest first: one BatchGetItem per 100 numbers
    (retrying only unprocessed keys). A number with none is absent."""
    floor = since.timestamp()
    wanted = [send_checks_key(workspace_id, phone, SENDS_SK) for phone in phones]
    found: dict[str, list[SentMessage]] = {}
    for raw in batch_get_keys(send_checks_table(), wanted):
        item = deserialize(raw)
        sends = sorted(
            (
                SentMessage(at=datetime.fromtimestamp(entry["at"], UTC), topic=entry.get("topic"))
                for _, entry in _entries(item)
                if entry["at"] >= floor
            ),
            key=lambda sent: sent.at,
        )
        if sends:
            found[item["pk"].split("#", 1)[1]] = sends
    return found
