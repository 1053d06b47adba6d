"""Items read per row returned by the opt-out report, at 1,000 and at 100,000 stored events,
without filters and with two filters (reason and inbox).

The report reads through the index partitions of its own filter combination, so the ratio (and
the requests a page) should stay the same however many events the table holds and whichever
filters are asked for.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from benchmarks.common import count_requests, moto_stack, phone, table

SIZES = (1_000, 100_000)
DAYS = 365
PAGES = 3
PAGE_SIZE = 100
INBOXES = ("+14155550100", "+14155550101", "+14155550102")
REASONS = ("keyword", "intent", "api")
# filters -> the share of a workspace's opt-outs that match them
FILTER_CASES: tuple[tuple[dict[str, str], float], ...] = (
    ({}, 1.0),
    ({"reason": "keyword", "inbox": INBOXES[1]}, 1 / 9),
)


def _seed(total: int) -> None:
    """Write `total` events straight into the table (BatchWriteItem), with their index keys:
    90% in one workspace over a year, 10% in another."""
    from optout import repository
    from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason

    rnd = random.Random(total)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    client = repository.dynamodb_client()
    batch: list[dict[str, Any]] = []
    for i in range(total):
        event = ConsentEvent(
            event_id=f"{rnd.getrandbits(128):032x}",
            workspace_id="ws_bench" if i % 10 else "ws_other",
            phone=phone(i),
            status=rnd.choice([ContactStatus.OPTED_OUT, ContactStatus.OPTED_OUT, ContactStatus.ACTIVE]),
            reason=Reason(rnd.choice(REASONS)),
            initiator=Initiator(type=InitiatorType.CONTACT),
            occurred_at=start + timedelta(seconds=rnd.randrange(DAYS * 86400)),
            inbox=rnd.choice(INBOXES),
            message_text="STOP",
        )
        batch.append({"PutRequest": {"Item": repository.serialize(repository.event_item(event))}})
        if len(batch) == 25 or i == total - 1:
            pending: dict[str, Any] = {repository.events_table(): batch}
            while pending:
                pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
            batch = []


def _measure(total: int, filters: dict[str, str], share: float) -> tuple[Any, ...]:
    from optout.models import ContactStatus
    from optout.services import report_rows

    # A range holding a few pages of rows whatever the table size and filters.
    days = max(1, round(DAYS * PAGES * PAGE_SIZE * 1.5 / (total * 0.9 * 2 / 3 * share)))
    start = datetime(2026, 3, 1, tzinfo=UTC)
    query = report_rows.RowQuery(ContactStatus.OPTED_OUT, start, start + timedelta(days=min(days, 300)), **filters)
    read = rows = 0
    cursor = None
    with count_requests() as requests:
        for _ in range(PAGES):
            page = report_rows.row_report("ws_bench", query, limit=PAGE_SIZE, cursor=cursor)
            read, rows = read + page.items_read, rows + len(page.rows)
            cursor = page.next_cursor
            if cursor is None:
                break
    assert "Scan" not in requests
    described = " + ".join(f"{k}" for k in filters) or "none"
    return (f"{total:,}", described, rows, read, f"{read / max(rows, 1):.3f}", f"{requests['Query'] / PAGES:.1f}")


def run() -> None:
    rows = []
    for total in SIZES:
        with moto_stack():
            _seed(total)
            rows += [_measure(total, filters, share) for filters, share in FILTER_CASES]
    headers = ("stored events", "filters", "rows returned", "items read", "items read / row", "queries / page")
    print(table(rows, headers))
