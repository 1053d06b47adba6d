"""Reports: opt-outs and opt-ins (row reports), the daily summary, and the counters behind it.

Row reports read the events table's Report* indexes (see repository/keys.py): one Query per shard of a
month bucket, merged by sort key, so pages come out oldest first and items read stay close to rows
returned. The summary reads counters that `apply_stream_records` keeps from the tables' streams;
nothing here recounts events at read time.
"""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from optout import csv_export, repository
from optout.errors import InvalidInput
from optout.models import ConsentEvent, ContactStatus, InitiatorType, Reason, iso

MAX_RANGE_DAYS = 366
# Reports cover 1970 to 9998: sort keys are fixed-width ISO times only for four-digit years, and
# the bounds leave room to step a day or a month past either end without overflowing `datetime`.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)
ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # what models.iso writes
# Each shard's first Query asks for a bit less than its expected share of the page; top-ups then
# ask for the share still missing. With 4 shards this reads ~1.07 items per row at 100 rows a page.
_FIRST_SHARE = 0.9
STATUS_NAMES = {ContactStatus.OPTED_OUT: "opt_outs", ContactStatus.ACTIVE: "opt_ins", ContactStatus.BLOCKED: "blocks"}
NO_INBOX = "none"


# --- ranges and filters ----------------------------------------------------------------------


def parse_instant(value: str, *, end: bool, field_name: str) -> datetime:
    """An ISO date or time as UTC. A date `to` means the end of that day (the day is included)."""
    text = (value or "").strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            instant = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1 if end else 0)
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            instant = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except ValueError:
        raise InvalidInput(f"{field_name} must be an ISO date or time", details={"field": field_name}) from None
    except OverflowError:  # a day after 9999-12-31 or a UTC time before 0001-01-01
        instant = EARLIEST - timedelta(days=1)
    if not EARLIEST <= instant <= LATEST:
        raise InvalidInput(
            f"{field_name} must be between {EARLIEST.date()} and {LATEST.date()}", details={"field": field_name}
        )
    return instant


def parse_range(start: str, end: str) -> tuple[datetime, datetime]:
    """`[from, to)` as UTC instants, at most 366 days long."""
    lower = parse_instant(start, end=False, field_name="from")
    upper = parse_instant(end, end=True, field_name="to")
    if upper <= lower:
        raise InvalidInput("to must be after from", details={"field": "to"})
    if upper - lower > timedelta(days=MAX_RANGE_DAYS):
        raise InvalidInput(f"the range is at most {MAX_RANGE_DAYS} days", details={"field": "to"})
    return lower, upper


def _months(first: str, last: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class RowQuery:
    status: ContactStatus  # OPTED_OUT: the opt-out report; ACTIVE: the opt-in report
    start: datetime
    end: datetime  # exclusive
    inbox: str | None = None
    reason: Reason | None = None
    initiator: InitiatorType | None = None

    @property
    def filters(self) -> dict[str, str]:
        values = {"inbox": self.inbox, "reason": self.reason, "initiator": self.initiator}
        return {name: str(value) for name, value in values.items() if value}

    def fingerprint(self, workspace_id: str) -> str:
        text = json.dumps([workspace_id, self.status, iso(self.start), iso(self.end), self.filters], sort_keys=True)
        return format(zlib.crc32(text.encode()), "08x")


# --- row reports -----------------------------------------------------------------------------


class ReportRow(BaseModel):
    """One opt-out or opt-in: who, where, when, why, by whom and the message that caused it."""

    occurred_at: datetime
    phone: str
    inbox: str | None = None
    status: ContactStatus
    previous_status: ContactStatus | None = None
    reason: Reason
    initiator_type: InitiatorType
    initiator_id: str | None = None
    initiator_name: str | None = None
    message_id: str | None = None
    message_text: str | None = None
    note: str | None = None
    event_id: str

    @classmethod
    def of(cls, event: ConsentEvent) -> ReportRow:
        data = event.model_dump(exclude={"initiator", "decision", "workspace_id"})
        return cls(
            **data,
            initiator_type=event.initiator.type,
            initiator_id=event.initiator.id,
            initiator_name=event.initiator.name,
        )


CSV_COLUMNS = list(ReportRow.model_fields)


@dataclass
class RowPage:
    rows: list[ReportRow]
    next_cursor: str | None
    items_read: int


@dataclass
class _Shard:
    """One shard partition of one month bucket, read lazily in sort-key order."""

    partition: str
    start_key: dict[str, Any] | None = None
    done: bool = False
    buffer: deque[tuple[str, ConsentEvent]] = field(default_factory=deque)


def _sort_key(event: ConsentEvent) -> str:
    return f"{iso(event.occurred_at)}#{event.event_id}"


class _Reader:
    """Reads one page: a k-way merge of the shard partitions of each month bucket in turn."""

    def __init__(self, workspace_id: str, query: RowQuery) -> None:
        self.workspace_id = workspace_id
        self.query = query
        # The index for exactly this combination of filters serves them all in its key.
        self.filters = query.filters
        self.dimensions = frozenset(self.filters)
        self.items_read = 0

    def _fetch(self, shard: _Shard, lower: str, upper: str, limit: int) -> None:
        while not shard.buffer and not shard.done:
            events, shard.start_key, read = repository.query_report_events(
                self.dimensions, shard.partition, lower, upper, limit=limit, start_key=shard.start_key
            )
            self.items_read += read
            shard.buffer.extend((_sort_key(e), e) for e in events)
            shard.done = shard.start_key is None

    def page(self, after: str | None, limit: int) -> tuple[list[ConsentEvent], bool]:
        lower = after + "~" if after else iso(self.query.start)  # "~": just past `after`
        upper = iso(self.query.end)  # every sort key at `end` is `{end}#…`, so `end` is excluded
        months = list(_months(lower[:7], iso(self.query.end - timedelta(microseconds=1))[:7]))
        out: list[ConsentEvent] = []
        for index, month in enumerate(months):
            partitions = repository.report_partitions(self.workspace_id, self.query.status.value, month, self.filters)
            shards = [_Shard(partition) for partition in partitions]
            first = max(1, int((limit - len(out)) * _FIRST_SHARE) // len(shards))
            for shard in shards:
                self._fetch(shard, lower, upper, first)
            while len(out) < limit:
                live = [s for s in shards if s.buffer or not s.done]
                if not live:
                    break
                top_up = max(1, math.ceil((limit - len(out)) / len(live)))
                for shard in live:
                    self._fetch(shard, lower, upper, top_up)
                heads = [s for s in shards if s.buffer]
                if not heads:
                    break
                out.append(min(heads, key=lambda s: s.buffer[0][0]).buffer.popleft()[1])
            if len(out) == limit:
                more = any(s.buffer or not s.done for s in shards) or index < len(months) - 1
                return out, more
        return out, False


def _resumes_within(after: Any, query: RowQuery) -> bool:
    """True if `after` is a row's sort key (`{fixed-width time}#{event id}`) inside the query's range."""
    if not isinstance(after, str):
        return False
    stamp, _, event_id = after.partition("#")
    try:
        moment = datetime.strptime(stamp, ISO_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return False
    return bool(event_id) and iso(moment) == stamp and query.start <= moment < query.end


def row_report(workspace_id: str, query: RowQuery, *, limit: int, cursor: str | None = None) -> RowPage:
    """One page of a workspace's opt-out (or opt-in) report, oldest first, with an opaque cursor."""
    fingerprint = query.fingerprint(workspace_id)
    after = None
    if cursor:
        state = repository.decode_cursor(cursor)
        after = state.get("a")
        if state.get("q") != fingerprint or not _resumes_within(after, query):
            # A cursor belongs to one workspace and one query: never resume another's.
            raise InvalidInput("cursor is not valid for this report", code="invalid_cursor")
    reader = _Reader(workspace_id, query)
    events, more = reader.page(after, limit)
    next_cursor = None
    if more and events:
        next_cursor = repository.encode_cursor({"q": fingerprint, "a": _sort_key(events[-1])})
    return RowPage([ReportRow.of(e) for e in events], next_cursor, reader.items_read)


def iter_rows(workspace_id: str, query: RowQuery, *, page_size: int = 1000) -> Iterator[ReportRow]:
    """Every row of a report, page by page (the scheduled job's CSV)."""
    cursor = None
    while True:
        page = row_report(workspace_id, query, limit=page_size, cursor=cursor)
        yield from page.rows
        cursor = page.next_cursor
        if cursor is None:
            return


def rows_to_csv(rows: Iterable[ReportRow], *, header: bool = True) -> str:
    """Report rows as CSV, every cell spreadsheet-safe (the API's format=csv and the daily job's file)."""
    dumped = (row.model_dump() for row in rows)
    return csv_export.to_csv(CSV_COLUMNS if header else None, ([values[n] for n in CSV_COLUMNS] for values in dumped))


# --- counters (kept from the streams) --------------------------------------------------------
# Why streams: a counter item in the consent transaction would be written by every opt-out of a
# workspace, and concurrent transactions on one item cancel each other, so opt-outs would fail.
# The reports function instead folds each stream batch into one ADD per (workspace, day) item.
# Stream delivery is at least once: a batch retried after a partial failure can count twice.

DAY_PREFIX = "DAY#"
# Status totals move by daily deltas, rolled up by month and by year as well, so the totals at any
# day are the sum of at most (years of history + 11 months + 31 days) items, not one a day.
TOTAL_PREFIX = "TOTAL#"  # TOTAL#{date}
TOTAL_MONTH_PREFIX = "TOTALM#"  # TOTALM#{yyyy-mm}
TOTAL_YEAR_PREFIX = "TOTALY#"  # TOTALY#{yyyy}
FAIL_PREFIX = "FAIL#"  # failures per day: FAIL#{date}
FAIL_BROADCAST_PREFIX = "FAILB#"  # failures per day and broadcast: FAILB#{date}#{broadcast}
NO_CODE = "none"


def _event_counts(event: dict[str, Any]) -> dict[str, int]:
    status = event["status"]
    inbox = event.get("inbox") or NO_INBOX
    return {f"{status}|all": 1, f"{status}|reason|{event['reason']}": 1, f"{status}|inbox|{inbox}": 1}


def _counted_status(contact: dict[str, Any] | None) -> str | None:
    """The status a contact counts under in the totals; deleted profiles count under none."""
    if not contact or contact.get("deleted_at"):
        return None
    return str(contact["status"])


def _source_table(record: dict[str, Any], image: dict[str, Any]) -> str:
    arn = record.get("eventSourceARN") or ""
    for source, table in (
        ("events", repository.events_table()),
        ("contacts", repository.contacts_table()),
        ("failures", repository.delivery_failures_table()),
    ):
        if f":table/{table}/" in arn:
            return source
    if "event_id" in image:
        return "events"
    return "failures" if "failure_class" in image and "failed_at" in image else "contacts"


def _is_new_failure(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """A failure record is replaced by the number's next failure in the broadcast; a rewrite of
    the same failure (a redelivered callback) is not a new one."""
    return old is None or (old.get("message_id"), old.get("failed_at")) != (new.get("message_id"), new.get("failed_at"))


def _fold_failure(increments: dict[tuple[str, str], dict[str, int]], failure: dict[str, Any]) -> None:
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


def fold_stream_records(records: Sequence[dict[str, Any]]) -> dict[tuple[str, str], dict[str, int]]:
    """The counter increments of a batch of DynamoDB stream records, by (workspace, counter item)."""
    increments: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        data = record.get("dynamodb") or {}
        new = repository.deserialize(data["NewImage"]) if data.get("NewImage") else None
        old = repository.deserialize(data["OldImage"]) if data.get("OldImage") else None
        image = new or old
        if image is None:
            continue
        source = _source_table(record, image)
        if source == "failures":
            if new is not None and _is_new_failure(old, new):
                _fold_failure(increments, new)
            continue
        if source == "events":
            if record.get("eventName") != "INSERT" or new is None:
                continue  # events are append-only; only their insertion counts
            target = increments[(new["workspace_id"], DAY_PREFIX + new["occurred_at"][:10])]
            for name, n in _event_counts(new).items():
                target[name] += n
            continue
        before, after = _counted_status(old), _counted_status(new)
        if before == after:
            continue
        if new is not None:
            day = str(new["updated_at"])[:10]
        else:
            day = datetime.fromtimestamp(float(data.get("ApproximateCreationDateTime", 0)), UTC).date().isoformat()
        for sk in (TOTAL_PREFIX + day, TOTAL_MONTH_PREFIX + day[:7], TOTAL_YEAR_PREFIX + day[:4]):
            target = increments[(image["workspace_id"], sk)]
            if before:
                target[f"total|{before}"] -= 1
            if after:
                target[f"total|{after}"] += 1
    return {key: {k: v for k, v in counts.items() if v} for key, counts in increments.items()}


def batch_id(records: Sequence[dict[str, Any]]) -> str:
    """The same for a retried batch: built from the records' event ids (or contents)."""
    parts = sorted(str(r.get("eventID") or json.dumps(r, sort_keys=True, default=str)) for r in records)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def apply_stream_records(records: Sequence[dict[str, Any]]) -> int:
    """Fold a stream batch into the counters, exactly once per batch; returns the items updated.

    Lambda retries a failed batch with the same records, so each chunk of counter updates is
    written in one transaction with a marker named after the batch and chunk: what a retry
    already applied is skipped, what it had not is applied.
    """
    increments = sorted(fold_stream_records(records).items())
    if not increments:
        return 0
    return repository.add_counter_batch(batch_id(records), increments)


# --- summary ---------------------------------------------------------------------------------


def _breakdown(counters: dict[str, Any], status: str) -> dict[str, Any]:
    by_reason: dict[str, int] = {}
    by_inbox: dict[str, int] = {}
    for name, value in counters.items():
        parts = name.split("|", 2)  # "{status}|reason|{reason}" or "{status}|inbox|{inbox}"
        if len(parts) == 3 and parts[0] == status and value:
            (by_reason if parts[1] == "reason" else by_inbox)[parts[2]] = int(value)
    return {
        "total": int(counters.get(f"{status}|all", 0)),
        "by_reason": dict(sorted(by_reason.items())),
        "by_inbox": dict(sorted(by_inbox.items())),
    }


def _add_into(total: dict[str, Any], part: dict[str, Any]) -> None:
    total["total"] += part["total"]
    for key in ("by_reason", "by_inbox"):
        for name, n in part[key].items():
            total[key][name] = total[key].get(name, 0) + n
        total[key] = dict(sorted(total[key].items()))


def parse_days(start: str, end: str) -> tuple[date, date]:
    """A summary's first and last day (inclusive), from ISO dates or times."""
    lower, upper = parse_range(start, end)
    return lower.date(), (upper - timedelta(microseconds=1)).date()


def summary(workspace_id: str, first: date, last: date) -> dict[str, Any]:
    """Opt-outs, opt-ins and blocks per day by reason and inbox, and the status totals at `last`.

    Queries of the counters: the range's day items, and the status deltas up to `last` (rolled up
    by year and month, see `totals_at`).
    """
    day_items = {
        item["sk"][len(DAY_PREFIX) :]: item
        for item in repository.query_counters(
            workspace_id, DAY_PREFIX + first.isoformat(), DAY_PREFIX + last.isoformat()
        )
    }
    days = []
    totals = {name: {"total": 0, "by_reason": {}, "by_inbox": {}} for name in STATUS_NAMES.values()}
    day = first
    while day <= last:
        counters = day_items.get(day.isoformat(), {})
        row: dict[str, Any] = {"date": day.isoformat()}
        for status, name in STATUS_NAMES.items():
            row[name] = _breakdown(counters, status.value)
            _add_into(totals[name], row[name])
        days.append(row)
        day += timedelta(days=1)
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "days": days,
        "totals": totals,
        "contacts_at_end": totals_at(workspace_id, last),
    }


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


def _failure_breakdown(counters: dict[str, Any]) -> dict[str, Any]:
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


def failures(workspace_id: str, first: date, last: date) -> dict[str, Any]:
    """Failed deliveries by failure class and error code, per day (every failure) and per
    broadcast (those sent in one), from counters kept from the delivery-failures stream, with the
    opt-outs that failures caused per day."""
    lo, hi = first.isoformat(), last.isoformat()
    per_day = {
        i["sk"][len(FAIL_PREFIX) :]: i
        for i in repository.query_counters(workspace_id, FAIL_PREFIX + lo, FAIL_PREFIX + hi)
    }
    consent = {
        i["sk"][len(DAY_PREFIX) :]: i for i in repository.query_counters(workspace_id, DAY_PREFIX + lo, DAY_PREFIX + hi)
    }
    days = []
    for day in sorted(per_day.keys() | consent.keys()):
        caused = {
            reason.value: int(consent.get(day, {}).get(f"opted_out|reason|{reason.value}", 0))
            for reason in (Reason.CARRIER, Reason.FAILED_DELIVERY)
        }
        days.append({"date": day, **_failure_breakdown(per_day.get(day, {})), "opt_outs_caused": caused})
    broadcasts = []
    # "~" sorts after every broadcast id's characters, so the last day's items are all included.
    for item in repository.query_counters(workspace_id, FAIL_BROADCAST_PREFIX + lo, FAIL_BROADCAST_PREFIX + hi + "#~"):
        day, _, broadcast_id = item["sk"][len(FAIL_BROADCAST_PREFIX) :].partition("#")
        broadcasts.append({"date": day, "broadcast_id": broadcast_id, **_failure_breakdown(item)})
    total = _failure_breakdown({})
    for row in days:
        total["failed"] += row["failed"]
        for kind, n in row["by_class"].items():
            total["by_class"][kind] = total["by_class"].get(kind, 0) + n
        for kind, codes in row["by_error_code"].items():
            for code, n in codes.items():
                total["by_error_code"].setdefault(kind, {})[code] = (
                    total["by_error_code"].get(kind, {}).get(code, 0) + n
                )
    return {"from": lo, "to": hi, "days": days, "broadcasts": broadcasts, "totals": total}
