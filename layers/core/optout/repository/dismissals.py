"""Dismissals from the Auto Opt-Out folder (AccountsTable in template.yaml).

One item per dismissed event, `WS#{id}` / `DISMISSAL#{event_id}`, written once: a dismissal hides
an entry from the folder's default listing and changes no consent, so it is kept beside the
workspace rather than in the append-only events table (whose stream feeds the reports). Reading
one page's dismissals is one BatchGetItem keyed by this workspace, so it never reaches another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import Field

from optout.errors import Conflict
from optout.models import DeferredModel, Initiator
from optout.repository import keys
from optout.repository.dynamo import BATCH_GET_LIMIT, accounts_table, batch_get, call, serialize, strip


class Dismissal(DeferredModel):
    """Who dismissed an entry from the Auto Opt-Out folder, when, and why."""

    workspace_id: str
    event_id: str
    phone: str
    by: Initiator
    at: datetime
    note: str | None = Field(default=None, max_length=1000)


class AlreadyDismissed(Conflict):
    code = "already_dismissed"

    def __init__(self, event_id: str) -> None:
        super().__init__("this entry is dismissed from the folder already", details={"event_id": event_id})


def _from_item(raw: dict[str, Any]) -> Dismissal:
    return Dismissal.model_validate(strip(raw, "pk", "sk"))


def put_dismissal(dismissal: Dismissal) -> None:
    """Record a dismissal once: a second one for the same event raises AlreadyDismissed."""
    record = dismissal.model_dump(mode="python", exclude_none=True)
    record.update(keys.dismissal_key(dismissal.workspace_id, dismissal.event_id))
    try:
        call(
            "put_item",
            TableName=accounts_table(),
            Item=serialize(record),
            ConditionExpression="attribute_not_exists(pk)",
        )
    except Conflict:
        raise AlreadyDismissed(dismissal.event_id) from None


def get_dismissals(workspace_id: str, event_ids: Sequence[str]) -> dict[str, Dismissal]:
    """The dismissals of some of a workspace's events, by event id (strongly consistent)."""
    wanted = list(dict.fromkeys(event_ids))
    found: dict[str, Dismissal] = {}
    for start in range(0, len(wanted), BATCH_GET_LIMIT):
        chunk = wanted[start : start + BATCH_GET_LIMIT]
        request = {
            accounts_table(): {
                "Keys": [keys.dynamo_key(**keys.dismissal_key(workspace_id, e)) for e in chunk],
                "ConsistentRead": True,
            }
        }
        for raw in batch_get(request).get(accounts_table(), []):
            dismissal = _from_item(raw)
            found[dismissal.event_id] = dismissal
    return found
