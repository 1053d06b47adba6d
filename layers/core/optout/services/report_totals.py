"""The summary and failures reports: sums of the counters kept from the streams (report_counters).

Nothing here recounts events at read time: the summary reads the range's day items and the
status deltas up to its last day; the failures report reads the range's failure items. Counter
items are named as rules/report_counting.py says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from optout import repository
from optout.models import ContactStatus, Reason
from optout.rules.report_counting import (
    DAY_PREFIX,
    FAIL_BROADCAST_PREFIX,
    FAIL_PREFIX,
    TOTAL_MONTH_PREFIX,
    TOTAL_PREFIX,
    TOTAL_YEAR_PREFIX,
)
from optout.services.report_types import (
    Breakdown,
    BroadcastFailureCounts,
    ContactsByStatus,
    FailureCounts,
    FailureDay,
    FailuresOut,
    OptOutsCaused,
    StatusBreakdowns,
    SummaryDay,
    SummaryOut,
)

STATUS_NAMES = {ContactStatus.OPTED_OUT: "opt_outs", ContactStatus.ACTIVE: "opt_ins", ContactStatus.BLOCKED: "blocks"}


def _items_by_suffix(workspace_id: str, prefix: str, lower: str, upper: str) -> dict[str, dict[str, Any]]:
    """Counter items `{prefix}{lower}` to `{prefix}{upper}`, by the name after the prefix."""
    items = repository.query_counters(workspace_id, prefix + lower, prefix + upper)
    return {item["sk"][len(prefix) :]: item for item in items}


# --- summary ---------------------------------------------------------------------------------


def _breakdown(counters: Mapping[str, Any], status: str) -> Breakdown:
    by_reason: dict[str, int] = {}
    by_inbox: dict[str, int] = {}
    for name, value in counters.items():
        parts = name.split("|", 2)  # "{status}|reason|{reason}" or "{status}|inbox|{inbox}"
        if len(parts) == 3 and parts[0] == status and value:
            (by_reason if parts[1] == "reason" else by_inbox)[parts[2]] = int(value)
    return Breakdown(
        total=int(counters.get(f"{status}|all", 0)),
        by_reason=dict(sorted(by_reason.items())),
        by_inbox=dict(sorted(by_inbox.items())),
    )


def _added_up(parts: Iterable[Breakdown]) -> Breakdown:
    total = Breakdown(total=0, by_reason={}, by_inbox={})
    for part in parts:
        total.total += part.total
        for mine, theirs in ((total.by_reason, part.by_reason), (total.by_inbox, part.by_inbox)):
            for name, n in theirs.items():
                mine[name] = mine.get(name, 0) + n
    total.by_reason, total.by_inbox = dict(sorted(total.by_reason.items())), dict(sorted(total.by_inbox.items()))
    return total


def summary(workspace_id: str, first: date, last: date) -> SummaryOut:
    """Opt-outs, opt-ins and blocks per day by reason and inbox, and the status totals at `last`.

    Queries of the counters: the range's day items, and the status deltas up to `last` (rolled up
    by year and month, see `totals_at`).
    """
    day_items = _items_by_suffix(workspace_id, DAY_PREFIX, first.isoformat(), last.isoformat())
    days = []
    day = first
    while day <= last:
        counters = day_items.get(day.isoformat(), {})
        breakdowns = {name: _breakdown(counters, status.value) for status, name in STATUS_NAMES.items()}
        days.append(SummaryDay(date=day, **breakdowns))
        day += timedelta(days=1)
    totals = {name: _added_up(getattr(d, name) for d in days) for name in STATUS_NAMES.values()}
    # By the JSON names: type checkers know a field by its alias only (`from` is a keyword).
    return SummaryOut.model_validate(
        {
            "from": first,
            "to": last,
            "days": days,
            "totals": StatusBreakdowns(**totals),
            "contacts_at_end": ContactsByStatus(**totals_at(workspace_id, last)),
        }
    )


def totals_at(workspace_id: str, last: date) -> dict[str, int]:
    """Contacts by status at the end of `last`: the yearly deltas before its year, the monthly ones
    before its month, and the daily ones of its month (at most three Queries)."""
    year, month = f"{last.year:04d}", f"{last.year:04d}-{last.month:02d}"
    ranges = [(TOTAL_PREFIX + month + "-01", TOTAL_PREFIX + last.isoformat())]
    if last.month > 1:
        ranges.append((TOTAL_MONTH_PREFIX + year + "-01", TOTAL_MONTH_PREFIX + f"{year}-{last.month - 1:02d}"))
    if last.year > 1:
        ranges.append((TOTAL_YEAR_PREFIX, TOTAL_YEAR_PREFIX + f"{last.year - 1:04d}"))
    at_end = {s.value: 0 for s in ContactStatus}
    for lower, upper in ranges:
        for item in repository.query_counters(workspace_id, lower, upper):
            for name in at_end:
                at_end[name] += int(item.get(f"total|{name}", 0))
    return at_end


# --- failures --------------------------------------------------------------------------------


def _failure_counts(counters: Mapping[str, Any]) -> dict[str, Any]:
    by_class: dict[str, int] = {}
    by_code: dict[str, dict[str, int]] = {}
    for name, value in counters.items():
        parts = name.split("|", 2)
        if len(parts) != 3 or parts[0] != "fail" or not value:
            continue
        if parts[1] == "class":
            by_class[parts[2]] = int(value)
        elif parts[1] == "code":
            kind, _, code = parts[2].partition("/")
            by_code.setdefault(kind, {})[code] = int(value)
    return {
        "failed": int(counters.get("fail|all", 0)),
        "by_class": dict(sorted(by_class.items())),
        "by_error_code": by_code,
    }


def _failure_total(days: Iterable[FailureDay]) -> FailureCounts:
    total = FailureCounts(**_failure_counts({}))
    for row in days:
        total.failed += row.failed
        for kind, n in row.by_class.items():
            total.by_class[kind] = total.by_class.get(kind, 0) + n
        for kind, codes in row.by_error_code.items():
            mine = total.by_error_code.setdefault(kind, {})
            for code, n in codes.items():
                mine[code] = mine.get(code, 0) + n
    return total


def failures(workspace_id: str, first: date, last: date) -> FailuresOut:
    """Failed deliveries by failure class and error code, per day (every failure) and per
    broadcast (those sent in one), from counters kept from the delivery-failures stream, with the
    opt-outs that failures caused per day."""
    lo, hi = first.isoformat(), last.isoformat()
    per_day = _items_by_suffix(workspace_id, FAIL_PREFIX, lo, hi)
    consent = _items_by_suffix(workspace_id, DAY_PREFIX, lo, hi)
    days = []
    for day in sorted(per_day.keys() | consent.keys()):
        caused = {
            reason.value: int(consent.get(day, {}).get(f"opted_out|reason|{reason.value}", 0))
            for reason in (Reason.CARRIER, Reason.FAILED_DELIVERY)
        }
        days.append(
            FailureDay(
                date=date.fromisoformat(day),
                **_failure_counts(per_day.get(day, {})),
                opt_outs_caused=OptOutsCaused(**caused),
            )
        )
    broadcasts = []
    # "~" sorts after every broadcast id's characters, so the last day's items are all included.
    for item in repository.query_counters(workspace_id, FAIL_BROADCAST_PREFIX + lo, FAIL_BROADCAST_PREFIX + hi + "#~"):
        day, _, broadcast_id = item["sk"][len(FAIL_BROADCAST_PREFIX) :].partition("#")
        broadcasts.append(
            BroadcastFailureCounts(date=date.fromisoformat(day), broadcast_id=broadcast_id, **_failure_counts(item))
        )
    return FailuresOut.model_validate(
        {"from": first, "to": last, "days": days, "broadcasts": broadcasts, "totals": _failure_total(days)}
    )
