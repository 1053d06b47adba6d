"""What a batch of table changes adds to the report counters: a pure fold, no storage.

Why counters kept from the streams: a counter item in the consent transaction would be written by
every opt-out of a workspace, and concurrent transactions on one item cancel each other, so
opt-outs would fail. The reports function instead folds each stream batch into one ADD per
(workspace, counter item). The counter items, by name (stored as the counters table's sort key):

- `DAY#{date}`: opt-outs, opt-ins and blocks of the day, by reason and inbox;
- `TOTAL#{date}`, `TOTALM#{yyyy-mm}`, `TOTALY#{yyyy}`: the day's change in contacts by status,
  rolled up by month and year too, so the totals at any day add at most (years of history + 11
  months + 31 days) items, not one a day;
- `FAIL#{date}` and `FAILB#{date}#{broadcast}`: failed deliveries by class and error code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

DAY_PREFIX = "DAY#"
TOTAL_PREFIX = "TOTAL#"
TOTAL_MONTH_PREFIX = "TOTALM#"
TOTAL_YEAR_PREFIX = "TOTALY#"
FAIL_PREFIX = "FAIL#"
FAIL_BROADCAST_PREFIX = "FAILB#"
NO_INBOX = "none"  # the inbox name of an event that came through none
NO_CODE = "none"  # the error code name of a failure without one
EVIDENCE_REASON = "reassigned_number"  # models.Reason.REASSIGNED_NUMBER: an event that changes no status

Increments = dict[tuple[str, str], dict[str, int]]  # (workspace, counter item) -> name -> delta


class Change(Protocol):
    """One row changed in one table (repository.report_streams.TableChange is one)."""

    @property
    def source(self) -> str: ...  # "events", "contacts" or "failures"

    @property
    def inserted(self) -> bool: ...

    @property
    def old(self) -> Mapping[str, Any] | None: ...

    @property
    def new(self) -> Mapping[str, Any] | None: ...

    @property
    def at(self) -> datetime: ...


def event_counts(event: Mapping[str, Any]) -> dict[str, int]:
    status = event["status"]
    inbox = event.get("inbox") or NO_INBOX
    return {f"{status}|all": 1, f"{status}|reason|{event['reason']}": 1, f"{status}|inbox|{inbox}": 1}


def counted_status(contact: Mapping[str, Any] | None) -> str | None:
    """The status a contact counts under in the totals; deleted profiles count under none."""
    if not contact or contact.get("deleted_at"):
        return None
    return str(contact["status"])


def is_new_failure(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> bool:
    """A failure record is replaced by the number's next failure in the broadcast; a rewrite of
    the same failure (a redelivered callback) is not a new one."""
    return old is None or (old.get("message_id"), old.get("failed_at")) != (new.get("message_id"), new.get("failed_at"))


def _fold_failure(increments: Increments, failure: Mapping[str, Any]) -> None:
    day = str(failure["failed_at"])[:10]
    kind, code = failure["failure_class"], failure.get("error_code") or NO_CODE
    names = ("fail|all", f"fail|class|{kind}", f"fail|code|{kind}/{code}")
    items = [FAIL_PREFIX + day]
    if failure.get("broadcast_id"):  # a message sent outside any broadcast counts in the day only
        items.append(f"{FAIL_BROADCAST_PREFIX}{day}#{failure['broadcast_id']}")
    for sk in items:
        target = increments[(failure["workspace_id"], sk)]
        for name in names:
            target[name] += 1


def _fold_contact(increments: Increments, change: Change) -> None:
    before, after = counted_status(change.old), counted_status(change.new)
    if before == after:
        return
    # A removed contact has no row left to date the change by: the stream record's time does.
    day = str(change.new["updated_at"])[:10] if change.new is not None else change.at.date().isoformat()
    workspace_id = (change.new or change.old or {})["workspace_id"]
    for sk in (TOTAL_PREFIX + day, TOTAL_MONTH_PREFIX + day[:7], TOTAL_YEAR_PREFIX + day[:4]):
        target = increments[(workspace_id, sk)]
        if before:
            target[f"total|{before}"] -= 1
        if after:
            target[f"total|{after}"] += 1


def _fold_event(increments: Increments, change: Change) -> None:
    if not change.inserted or change.new is None:
        return  # events are append-only: only their insertion counts
    topic_change = change.new.get("topic_change")
    if topic_change and not topic_change.get("status_changed"):
        return  # a topic consent alone changes no status (models.ConsentEvent.changes_status)
    if change.new.get("reason") == EVIDENCE_REASON:
        return  # nor does a lookup's evidence
    target = increments[(change.new["workspace_id"], DAY_PREFIX + change.new["occurred_at"][:10])]
    for name, n in event_counts(change.new).items():
        target[name] += n


def fold_changes(changes: Iterable[Change]) -> Increments:
    """The counter increments of a batch of changes, by (workspace, counter item); names whose
    deltas cancel out are left out (an item may be left with none)."""
    increments: Increments = defaultdict(lambda: defaultdict(int))
    for change in changes:
        if change.source == "failures":
            if change.new is not None and is_new_failure(change.old, change.new):
                _fold_failure(increments, change.new)
        elif change.source == "events":
            _fold_event(increments, change)
        else:
            _fold_contact(increments, change)
    return {key: {k: v for k, v in counts.items() if v} for key, counts in increments.items()}
