"""Report logic without AWS: ranges, stream folding, CSV cells, the shard merge and the chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from optout import repository
from optout.errors import InvalidInput
from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason, iso
from optout.report_svg import opt_outs_chart
from optout.repository import report_pages
from optout.services import report_counters, report_ranges, report_rows, report_totals


def test_ranges_are_utc_half_open_and_at_most_366_days():
    start, end = report_ranges.parse_range("2026-01-01", "2026-01-31")
    assert (start, end) == (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))
    start, end = report_ranges.parse_range("2026-01-01T10:00:00+02:00", "2026-01-01T12:00:00Z")
    assert start == datetime(2026, 1, 1, 8, tzinfo=UTC) and end.hour == 12
    report_ranges.parse_range("2025-01-01", "2026-01-01")  # 366 days
    for bad in (("2025-01-01", "2026-01-02"), ("2026-02-01", "2026-01-01"), ("soon", "2026-01-01")):
        with pytest.raises(InvalidInput):
            report_ranges.parse_range(*bad)


def _event(i: int, **changes) -> ConsentEvent:
    data = {
        "event_id": f"{i:032x}",
        "workspace_id": "ws_a",
        "phone": f"+1212555{i:04d}",
        "status": ContactStatus.OPTED_OUT,
        "reason": Reason.KEYWORD,
        "initiator": Initiator(type=InitiatorType.CONTACT),
        "occurred_at": datetime(2026, 3, 1 + i % 28, tzinfo=UTC),
        "inbox": "+14155550100",
        **changes,
    }
    return ConsentEvent(**data)


def _record(name: str, new=None, old=None, arn="") -> dict:
    data = {}
    if new is not None:
        data["NewImage"] = repository.serialize(new)
    if old is not None:
        data["OldImage"] = repository.serialize(old)
    return {"eventName": name, "eventSource": "aws:dynamodb", "eventSourceARN": arn, "dynamodb": data}


def test_stream_records_fold_into_day_and_total_counters():
    event = repository.event_item(_event(1, reason=Reason.INTENT))
    contact = {"workspace_id": "ws_a", "phone": "+12125550001", "updated_at": "2026-03-02T10:00:00Z"}
    records = [
        _record("INSERT", new=event),
        _record("INSERT", new={**contact, "status": "active"}),
        _record("MODIFY", new={**contact, "status": "opted_out"}, old={**contact, "status": "active"}),
        _record("MODIFY", new={**contact, "status": "opted_out", "name": "x"}, old={**contact, "status": "opted_out"}),
        _record("MODIFY", new={**contact, "status": "opted_out", "deleted_at": "x"}, old={**contact, "status": "opted_out"}),
    ]
    folded = report_counters.fold_stream_records(records)
    assert folded[("ws_a", "DAY#2026-03-02")] == {
        "opted_out|all": 1, "opted_out|reason|intent": 1, "opted_out|inbox|+14155550100": 1,
    }
    # created active, opted out, then deleted: no net contact left in any status
    assert folded[("ws_a", "TOTAL#2026-03-02")] == {}
    assert folded[("ws_a", "TOTALM#2026-03")] == folded[("ws_a", "TOTALY#2026")] == {}
    created = report_counters.fold_stream_records([_record("INSERT", new={**contact, "status": "active"})])
    for sk in ("TOTAL#2026-03-02", "TOTALM#2026-03", "TOTALY#2026"):
        assert created[("ws_a", sk)] == {"total|active": 1}


@pytest.mark.parametrize("created", [1772755200, "1772755200", datetime(2026, 3, 6, tzinfo=UTC)])
def test_a_removed_contact_is_dated_by_its_stream_record(created):
    """Lambda's records carry epoch seconds, boto3's stream reads a datetime: both date a removal."""
    contact = {"workspace_id": "ws_a", "phone": "+12125550001", "updated_at": "2026-03-02T10:00:00Z", "status": "active"}
    record = _record("REMOVE", old=contact)
    record["dynamodb"]["ApproximateCreationDateTime"] = created
    folded = report_counters.fold_stream_records([record])
    assert folded == {("ws_a", sk): {"total|active": -1} for sk in ("TOTAL#2026-03-06", "TOTALM#2026-03", "TOTALY#2026")}


def test_totals_at_a_day_add_years_months_and_days_before_it_and_nothing_after(monkeypatch):
    """Daily deltas over three years, rolled up as the stream fold does; the totals at any day must
    equal the plain sum of the daily deltas up to it."""
    from datetime import date, timedelta

    daily: dict[str, int] = {}
    day = date(2024, 11, 20)
    while day <= date(2026, 12, 31):
        daily[day.isoformat()] = (day.toordinal() * 7919) % 5 - 1  # some up, some down
        day += timedelta(days=7 if day.year < 2026 else 1)
    items: dict[str, int] = {}
    for name, delta in daily.items():
        for sk in (f"TOTAL#{name}", f"TOTALM#{name[:7]}", f"TOTALY#{name[:4]}"):
            items[sk] = items.get(sk, 0) + delta
    queries = []

    def query_counters(workspace_id, lower, upper):
        queries.append((lower, upper))
        return [{"sk": sk, "total|active": n} for sk, n in sorted(items.items()) if lower <= sk <= upper]

    monkeypatch.setattr(repository, "query_counters", query_counters)
    for last in (date(2024, 11, 19), date(2025, 1, 1), date(2026, 1, 31), date(2026, 3, 1), date(2026, 11, 23)):
        queries.clear()
        expected = sum(n for name, n in daily.items() if name <= last.isoformat())
        assert report_totals.totals_at("ws_a", last)["active"] == expected, last
        assert len(queries) <= 3


def test_an_event_has_a_report_key_for_every_filter_combination_it_can_match():
    keys = repository.report_index_keys(_event(5, reason=Reason.INTENT, occurred_at=datetime(2026, 3, 9, tzinfo=UTC)))
    shard = repository.report_shard(f"{5:032x}")
    assert len(keys) == 8
    assert keys["rpt_pk"] == f"ws_a#opted_out#2026-03#{shard}"
    assert keys["rpt_inbox_initiator_pk"] == f"ws_a#opted_out#2026-03#inbox=+14155550100#initiator=contact#{shard}"
    assert keys["rpt_reason_inbox_initiator_pk"] == (
        f"ws_a#opted_out#2026-03#reason=intent#inbox=+14155550100#initiator=contact#{shard}"
    )
    # No inbox: the event is in no index keyed by inbox, so an inbox filter never returns it.
    keys = repository.report_index_keys(_event(6, inbox=None))
    assert sorted(keys) == ["rpt_initiator_pk", "rpt_pk", "rpt_reason_initiator_pk", "rpt_reason_pk"]


def test_every_filter_combination_has_an_index_in_the_template():
    from local_stack import template

    table = template.resources(template.load_template(), "AWS::DynamoDB::Table")["ConsentEventsTable"]
    indexes = {
        index["IndexName"]: [(k["AttributeName"], k["KeyType"]) for k in index["KeySchema"]]
        for index in table["GlobalSecondaryIndexes"]
    }
    assert len(repository.REPORT_INDEXES) == 8
    for name, attribute in repository.REPORT_INDEXES.values():
        assert indexes[name] == [(attribute, "HASH"), ("sk", "RANGE")], name


def test_free_text_cells_never_start_a_formula():
    row = report_rows.ReportRow.of(_event(2, message_text="=1+1", note="-2"))
    text = report_rows.rows_to_csv([row])
    # Every cell is neutralised, phone numbers too: they stay text with their + (docs/csv-export.md).
    assert "'=1+1" in text and "'-2" in text and ",'+12125550002," in text


def test_merge_returns_every_row_once_in_order_and_reads_little(monkeypatch):
    events = [_event(i, occurred_at=datetime(2026, 3, 1 + i % 60 // 2, i % 24, tzinfo=UTC)) for i in range(1, 1200)]
    events = [e for e in events if e.occurred_at.month == 3]
    by_partition: dict[str, list[ConsentEvent]] = {}
    for event in events:
        by_partition.setdefault(repository.report_index_keys(event)["rpt_pk"], []).append(event)
    for items in by_partition.values():
        items.sort(key=lambda e: (iso(e.occurred_at), e.event_id))

    def query(dimensions, partition, lower, upper, *, limit, start_key=None):
        matching = [e for e in by_partition.get(partition, []) if lower <= f"{iso(e.occurred_at)}#{e.event_id}" <= upper]
        offset = start_key["n"] if start_key else 0
        page = matching[offset : offset + limit]
        more = offset + limit < len(matching)
        return page, ({"n": offset + limit} if more else None), len(page)

    monkeypatch.setattr(report_pages, "query_report_events", query)
    q = report_rows.RowQuery(ContactStatus.OPTED_OUT, datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    seen, read, cursor = [], 0, None
    while True:
        page = report_rows.row_report("ws_a", q, limit=100, cursor=cursor)
        seen += [r.event_id for r in page.rows]
        read += page.items_read
        cursor = page.next_cursor
        if not cursor:
            break
    expected = sorted(events, key=lambda e: (iso(e.occurred_at), e.event_id))
    assert seen == [e.event_id for e in expected]
    assert read <= 1.1 * len(seen)


def test_chart_has_one_bar_a_day_and_a_segment_per_reason():
    days = [
        {"date": f"2026-03-{d:02d}", "opt_outs": {"total": d % 3, "by_reason": {"keyword": d % 2, "intent": d % 3 - d % 2}}}
        for d in range(1, 31)
    ]
    svg = ET.fromstring(opt_outs_chart(days, title="Opt-outs <test>"))
    ns = "{http://www.w3.org/2000/svg}"
    assert len([g for g in svg.iter(f"{ns}g") if g.get("class") == "bar"]) == 30
    segments = [r for r in svg.iter(f"{ns}rect") if r.get("class") == "segment"]
    assert len(segments) == sum(1 for d in days for n in d["opt_outs"]["by_reason"].values() if n)
