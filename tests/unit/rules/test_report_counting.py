"""The pure fold of table changes into report counter increments (no moto, no stream records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from optout.rules.report_counting import counted_status, event_counts, fold_changes, is_new_failure

AT = datetime(2026, 3, 5, 23, 59, tzinfo=UTC)  # the stream record's time: dates removals only


@dataclass(frozen=True)
class Change:
    source: str
    inserted: bool
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    at: datetime = AT


EVENT = {
    "workspace_id": "ws_a",
    "event_id": "e1",
    "status": "opted_out",
    "reason": "keyword",
    "inbox": "+14155550100",
    "occurred_at": "2026-03-02T10:00:00.000000Z",
}
CONTACT = {"workspace_id": "ws_a", "phone": "+12125550001", "updated_at": "2026-03-02T10:00:00Z"}
FAILURE = {
    "workspace_id": "ws_a",
    "broadcast_id": "b1",
    "message_id": "m1",
    "failed_at": "2026-03-03T08:00:00Z",
    "failure_class": "permanent",
    "error_code": "30003",
}
DAY_OPT_OUT = {"opted_out|all": 1, "opted_out|reason|keyword": 1, "opted_out|inbox|+14155550100": 1}
FAILED = {"fail|all": 1, "fail|class|permanent": 1, "fail|code|permanent/30003": 1}


def totals(day: str, delta: dict[str, int]) -> dict[tuple[str, str], dict[str, int]]:
    return {("ws_a", sk): delta for sk in (f"TOTAL#{day}", f"TOTALM#{day[:7]}", f"TOTALY#{day[:4]}")}


CASES = [
    (
        "an inserted event counts in its day",
        [Change("events", True, None, EVENT)],
        {("ws_a", "DAY#2026-03-02"): DAY_OPT_OUT},
    ),
    (
        "an event without inbox counts under none",
        [Change("events", True, None, {**EVENT, "inbox": None})],
        {("ws_a", "DAY#2026-03-02"): {"opted_out|all": 1, "opted_out|reason|keyword": 1, "opted_out|inbox|none": 1}},
    ),
    ("a modified event is not counted again", [Change("events", False, EVENT, EVENT)], {}),
    ("a removed event uncounts nothing", [Change("events", False, EVENT, None)], {}),
    (
        "a new contact adds to its status",
        [Change("contacts", True, None, {**CONTACT, "status": "active"})],
        totals("2026-03-02", {"total|active": 1}),
    ),
    (
        "a status change moves one contact",
        [Change("contacts", False, {**CONTACT, "status": "active"}, {**CONTACT, "status": "opted_out"})],
        totals("2026-03-02", {"total|active": -1, "total|opted_out": 1}),
    ),
    (
        "a profile edit changes no total",
        [Change("contacts", False, {**CONTACT, "status": "active"}, {**CONTACT, "status": "active", "name": "x"})],
        {},
    ),
    (
        "a deleted profile leaves its status",
        [
            Change(
                "contacts", False, {**CONTACT, "status": "blocked"}, {**CONTACT, "status": "blocked", "deleted_at": "x"}
            )
        ],
        totals("2026-03-02", {"total|blocked": -1}),
    ),
    (
        "a removed contact is dated by the record",
        [Change("contacts", False, {**CONTACT, "status": "active"}, None)],
        totals("2026-03-05", {"total|active": -1}),
    ),
    (
        "changes that cancel out leave empty items",
        [
            Change("contacts", True, None, {**CONTACT, "status": "active"}),
            Change("contacts", False, {**CONTACT, "status": "active"}, None, at=datetime(2026, 3, 2, tzinfo=UTC)),
        ],
        totals("2026-03-02", {}),
    ),
    (
        "a failure counts in its day and broadcast",
        [Change("failures", True, None, FAILURE)],
        {("ws_a", "FAIL#2026-03-03"): FAILED, ("ws_a", "FAILB#2026-03-03#b1"): FAILED},
    ),
    (
        "a failure outside a broadcast counts in its day only",
        [Change("failures", True, None, {**FAILURE, "broadcast_id": None, "error_code": None})],
        {("ws_a", "FAIL#2026-03-03"): {"fail|all": 1, "fail|class|permanent": 1, "fail|code|permanent/none": 1}},
    ),
    ("a redelivered failure callback is not a new failure", [Change("failures", False, FAILURE, dict(FAILURE))], {}),
    (
        "the number's next failure in the broadcast is",
        [Change("failures", False, FAILURE, {**FAILURE, "message_id": "m2"})],
        {("ws_a", "FAIL#2026-03-03"): FAILED, ("ws_a", "FAILB#2026-03-03#b1"): FAILED},
    ),
    ("a removed failure uncounts nothing", [Change("failures", False, FAILURE, None)], {}),
    (
        "two workspaces never share an item",
        [Change("events", True, None, EVENT), Change("events", True, None, {**EVENT, "workspace_id": "ws_b"})],
        {("ws_a", "DAY#2026-03-02"): DAY_OPT_OUT, ("ws_b", "DAY#2026-03-02"): DAY_OPT_OUT},
    ),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fold_changes(changes, expected):
    assert fold_changes(changes) == expected


@pytest.mark.parametrize(
    ("contact", "status"),
    [(None, None), ({"status": "active"}, "active"), ({"status": "opted_out", "deleted_at": "2026-01-01"}, None)],
)
def test_counted_status(contact, status):
    assert counted_status(contact) == status


@pytest.mark.parametrize(
    ("old", "new", "is_new"),
    [
        (None, FAILURE, True),
        (FAILURE, dict(FAILURE), False),
        (FAILURE, {**FAILURE, "failed_at": "2026-03-04T00:00:00Z"}, True),
        (FAILURE, {**FAILURE, "message_id": "m2"}, True),
    ],
)
def test_is_new_failure(old, new, is_new):
    assert is_new_failure(old, new) is is_new


def test_event_counts_name_status_reason_and_inbox():
    assert event_counts({"status": "active", "reason": "manual"}) == {
        "active|all": 1,
        "active|reason|manual": 1,
        "active|inbox|none": 1,
    }
