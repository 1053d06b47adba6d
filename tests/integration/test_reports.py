"""Reports: rows and totals against an independent count of seeded events, tenancy, DynamoDB cost,
the counters kept from the streams, and the scheduled job's S3 output."""

from __future__ import annotations

import csv
import io
import json
import logging
import random
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import boto3
import pytest

from local_stack import lambdas, template
from local_stack.report import drain_queues, drain_streams, scheduled_event, sqs_record

INBOXES = ["+14155550100", "+14155550101", "+14155550102"]
REASONS = {
    "opted_out": ["keyword", "intent", "fuzzy", "carrier", "failed_delivery", "api"],
    "active": ["keyword", "api", "manual"],
    "blocked": ["manual", "api"],
}
FIRST_DAY = date(2026, 3, 20)  # the seeded weeks cross a month boundary (month buckets)
ROUNDS = 4
ROUND_DAYS = 7


def _seed(workspace_id: str, contacts: int, seed: int) -> list:
    """Contacts change status once a round (through the repository's write path), each round in
    its own week, so the events are in time order per contact. Returns every event written."""
    from optout import repository
    from optout.models import ContactStatus, Initiator, InitiatorType, Reason
    from optout.repository.contacts import contact_from_data
    from optout.rules import consent
    from optout.rules.consent import StatusContext

    rnd = random.Random(seed)
    current: dict[str, object] = {}
    events = []
    phones = [f"+1212555{i:04d}" for i in range(contacts)]
    for round_no in range(ROUNDS):
        writes = []
        for phone in phones:
            target = rnd.choice(
                [ContactStatus.OPTED_OUT, ContactStatus.OPTED_OUT, ContactStatus.ACTIVE, ContactStatus.BLOCKED]
            )
            day = FIRST_DAY + timedelta(days=round_no * ROUND_DAYS + rnd.randrange(ROUND_DAYS))
            at = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=rnd.randrange(86400))
            reason = Reason(rnd.choice(REASONS[target.value]))
            kind = (
                InitiatorType.CONTACT
                if reason in (Reason.KEYWORD, Reason.INTENT, Reason.FUZZY)
                else rnd.choice([InitiatorType.API_KEY, InitiatorType.SYSTEM, InitiatorType.USER])
            )
            context = StatusContext(
                reason=reason,
                initiator=Initiator(type=kind, id=f"id-{kind.value}"),
                at=at,
                inbox=rnd.choice(INBOXES) if kind is InitiatorType.CONTACT or rnd.random() < 0.5 else None,
                message_id=f"SM{rnd.randrange(10**9)}",
                message_text=rnd.choice(["STOP", "please stop texting me", "=HYPERLINK(x)", "START"]),
            )
            write = consent.status_change(
                current.get(phone),
                target,
                context,
                workspace_id=workspace_id,
                phone=phone,  # type: ignore[arg-type]
            )
            if write is not None:
                writes.append(write)
                current[phone] = write.contact
                events.append(write.event)
        for chunk in repository.chunk_writes(writes):
            repository.write_contacts(chunk)
        # The next round changes the contacts as stored: storage chains each event after the
        # contact's stored chain head, and refuses a write from a copy that lacks it.
        stored = repository.batch_get_contacts(workspace_id, [w.contact.phone for w in writes])
        current.update({phone: contact_from_data(data) for phone, data in stored.items()})
    return events


def _feed_streams(checkpoints: dict) -> int:
    """Lambda's stream poller: the real reports handler gets the tables' stream records."""
    return drain_streams(boto3.Session(), checkpoints, only="ReportsFunction")  # the counters alone


@pytest.fixture
def seeded(workspace, other_workspace):
    events = _seed(workspace["id"], 500, seed=1)
    other = _seed(other_workspace["id"], 150, seed=2)
    checkpoints: dict = {}
    assert _feed_streams(checkpoints) > len(events) + len(other)
    return {"events": events, "other": other, "checkpoints": checkpoints}


def _key(event) -> tuple:
    from optout.models import iso

    return (iso(event.occurred_at), event.event_id)


def _expected(events, status, start, end, **filters):
    rows = [
        e
        for e in events
        if e.status.value == status
        and start <= e.occurred_at < end
        and all(
            (e.inbox if k == "inbox" else e.reason.value if k == "reason" else e.initiator.type.value) == v
            for k, v in filters.items()
        )
    ]
    return sorted(rows, key=_key)


def _page_through(api, key, path, query, ddb_calls):
    rows, reads, cursor = [], [], None
    while True:
        ddb_calls.clear()
        status, body = api.request("GET", path, key=key, query={**query, "cursor": cursor})
        assert status == 200, body
        assert "Scan" not in ddb_calls
        reads.append(ddb_calls.count("Query"))
        rows.extend(body["rows"])
        cursor = body["next_cursor"]
        if cursor is None:
            return rows, reads


ROW_CASES = [
    ("/v1/reports/opt-outs", "opted_out", {}),
    ("/v1/reports/opt-outs", "opted_out", {"reason": "keyword"}),
    ("/v1/reports/opt-outs", "opted_out", {"inbox": INBOXES[1]}),
    ("/v1/reports/opt-outs", "opted_out", {"initiator": "system"}),
    ("/v1/reports/opt-ins", "active", {}),
    ("/v1/reports/opt-ins", "active", {"reason": "manual", "initiator": "user"}),
    ("/v1/reports/opt-outs", "opted_out", {"reason": "carrier", "inbox": INBOXES[0]}),
    ("/v1/reports/opt-outs", "opted_out", {"inbox": INBOXES[2], "initiator": "contact"}),
    ("/v1/reports/opt-outs", "opted_out", {"reason": "intent", "inbox": INBOXES[1], "initiator": "contact"}),
]
# Every combination of filters is served by an index of its own, so none reads more than it returns.
COST_CASES = [
    {},
    {"reason": "keyword"},
    {"reason": "failed_delivery", "initiator": "system"},
    {"reason": "api", "inbox": INBOXES[0]},
    {"inbox": INBOXES[1], "initiator": "user"},
    {"reason": "keyword", "inbox": INBOXES[2], "initiator": "contact"},
]


def test_row_reports_match_an_independent_count(api, workspace, seeded, ddb_calls):
    start, end = datetime(2026, 3, 24, tzinfo=UTC), datetime(2026, 4, 10, 12, tzinfo=UTC)
    for path, status, filters in ROW_CASES:
        query = {"from": "2026-03-24", "to": "2026-04-10T12:00:00Z", **filters}
        rows, _ = _page_through(api, workspace["member"], path, {**query, "limit": 400}, ddb_calls)
        expected = _expected(seeded["events"], status, start, end, **filters)
        assert len(expected) > 10, (path, filters)
        assert [r["event_id"] for r in rows] == [e.event_id for e in expected], (path, filters)
        assert set(rows[0]) >= {"phone", "inbox", "occurred_at", "reason", "initiator_type", "message_text"}


def test_opt_out_report_reads_about_one_item_per_row(api, workspace, seeded, ddb_calls):
    for filters in COST_CASES:
        _assert_reads_about_one_item_per_row(workspace, seeded, ddb_calls, filters)


def _assert_reads_about_one_item_per_row(workspace, seeded, ddb_calls, filters):
    from optout.models import ContactStatus
    from optout.services import report_rows

    query = report_rows.RowQuery(
        ContactStatus.OPTED_OUT, datetime(2026, 3, 20, tzinfo=UTC), datetime(2026, 4, 17, tzinfo=UTC), **filters
    )
    read = returned = 0
    cursor = None
    while True:
        ddb_calls.clear()
        page = report_rows.row_report(workspace["id"], query, limit=100, cursor=cursor)
        assert set(ddb_calls) == {"Query"}
        read, returned = read + page.items_read, returned + len(page.rows)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert returned == len(_expected(seeded["events"], "opted_out", query.start, query.end, **filters)) > 10, filters
    assert read <= 1.1 * returned, (filters, read, returned)


def test_tenancy_and_cursors(api, workspace, other_workspace, seeded):
    query = {"from": "2026-03-01", "to": "2026-04-30", "limit": 50}
    _, mine = api.request("GET", "/v1/reports/opt-outs", key=workspace["member"], query=query)
    _, theirs = api.request("GET", "/v1/reports/opt-outs", key=other_workspace["member"], query=query)
    other_ids = {e.event_id for e in seeded["other"]}
    assert mine["rows"] and not {r["event_id"] for r in mine["rows"]} & other_ids
    assert {r["event_id"] for r in theirs["rows"]} <= other_ids
    # A cursor works for its own workspace and query only.
    status, body = api.request(
        "GET", "/v1/reports/opt-outs", key=other_workspace["member"], query={**query, "cursor": mine["next_cursor"]}
    )
    assert (status, body["error"]["code"]) == (400, "invalid_cursor")
    status, _ = api.request(
        "GET",
        "/v1/reports/opt-outs",
        key=workspace["member"],
        query={**query, "reason": "api", "cursor": mine["next_cursor"]},
    )
    assert status == 400
    status, _ = api.request("GET", "/v1/reports/opt-outs", query=query)
    assert status == 401
    _, summary = api.request("GET", "/v1/reports/summary", key=other_workspace["member"], query=query)
    assert summary["totals"]["opt_outs"]["total"] == sum(1 for e in seeded["other"] if e.status.value == "opted_out")


def test_range_is_required_and_bounded(api, workspace):
    for query in (
        {"to": "2026-04-01"},
        {"from": "2026-04-01", "to": "2026-03-01"},
        {"from": "2025-01-01", "to": "2026-03-01"},
        {"from": "yesterday", "to": "2026-03-01"},
    ):
        status, body = api.request("GET", "/v1/reports/opt-outs", key=workspace["member"], query=query)
        assert status == 400, (query, body)


def test_csv_has_a_header_and_the_same_rows(api, workspace, seeded):
    query = {"from": "2026-03-27", "to": "2026-04-02", "reason": "intent"}
    _, page = api.request("GET", "/v1/reports/opt-outs", key=workspace["member"], query={**query, "limit": 1000})
    event = lambdas.api_gateway_event(
        method="GET",
        resource="/v1/reports/opt-outs",
        path="/v1/reports/opt-outs",
        headers={"Authorization": f"Bearer {workspace['member']}"},
        query={k: [v] for k, v in {**query, "format": "csv"}.items()},
    )
    response = lambdas.load_handler(template.functions()["ReportsFunction"])(
        event, lambdas.LambdaContext("ReportsFunction")
    )
    assert response["statusCode"] == 200
    headers = {
        **(response.get("headers") or {}),
        **{k: v[-1] for k, v in (response.get("multiValueHeaders") or {}).items()},
    }
    assert headers["Content-Type"].startswith("text/csv")
    text = response["body"]
    records = list(csv.DictReader(io.StringIO(text)))
    assert [r["event_id"] for r in records] == [r["event_id"] for r in page["rows"]]
    assert records and records[0]["phone"].startswith("'+1")  # text to a spreadsheet (docs/csv-export.md)
    assert not any(r["message_text"].startswith("=") for r in records)  # no spreadsheet formulas


def test_summary_matches_an_independent_count(api, workspace, seeded, ddb_calls):
    events = seeded["events"]
    first, last = date(2026, 3, 25), date(2026, 4, 8)
    ddb_calls.clear()
    status, body = api.request(
        "GET", "/v1/reports/summary", key=workspace["member"], query={"from": first.isoformat(), "to": last.isoformat()}
    )
    assert status == 200
    # The range's day counters; the status totals by year, by month and by day up to `last`.
    assert ddb_calls.count("Query") == 4 and "Scan" not in ddb_calls
    assert len(body["days"]) == (last - first).days + 1
    names = {"opted_out": "opt_outs", "active": "opt_ins", "blocked": "blocks"}
    in_range = [e for e in events if first <= e.occurred_at.date() <= last]
    for row in body["days"]:
        day_events = [e for e in in_range if e.occurred_at.date().isoformat() == row["date"]]
        for status_value, name in names.items():
            mine = [e for e in day_events if e.status.value == status_value]
            assert row[name]["total"] == len(mine)
            assert row[name]["by_reason"] == dict(sorted(Counter(e.reason.value for e in mine).items()))
            assert row[name]["by_inbox"] == dict(sorted(Counter(e.inbox or "none" for e in mine).items()))
    for status_value, name in names.items():
        assert body["totals"][name]["total"] == sum(1 for e in in_range if e.status.value == status_value)
    # Each contact's status at the end of `last`: its last event up to then (none: never a contact).
    latest: dict[str, str] = {}
    for event in sorted(events, key=_key):
        if event.occurred_at.date() <= last:
            latest[event.phone] = event.status.value
    assert body["contacts_at_end"] == {s: Counter(latest.values())[s] for s in ("active", "opted_out", "blocked")}


def test_feeding_the_streams_again_counts_nothing_twice(api, workspace, seeded):
    query = {"from": "2026-03-20", "to": "2026-04-20"}
    _, before = api.request("GET", "/v1/reports/summary", key=workspace["member"], query=query)
    assert _feed_streams(seeded["checkpoints"]) == 0
    _, after = api.request("GET", "/v1/reports/summary", key=workspace["member"], query=query)
    assert after == before


def test_failures_report_counts_failure_records_and_failure_opt_outs(api, workspace, seeded):
    from optout import repository
    from optout.models import BroadcastFailure

    failed_at = datetime(2026, 4, 2, 10, tzinfo=UTC)
    failures = [
        BroadcastFailure(
            workspace_id=workspace["id"],
            broadcast_id=f"b{i % 2}",
            phone=f"+1415555{i:04d}",
            message_id=f"m{i}",
            provider="twilio",
            inbox=INBOXES[0],
            status="undelivered",
            failure_class="permanent" if i % 3 else "transient",
            error_code="30005" if i % 3 else "30003",
            failed_at=failed_at,
        )
        for i in range(30)
    ]
    client = repository.dynamodb_client()
    for failure in failures:
        client.put_item(**repository.failure_put(failure)["Put"])
    _feed_streams(seeded["checkpoints"])
    status, body = api.request(
        "GET", "/v1/reports/failures", key=workspace["member"], query={"from": "2026-04-01", "to": "2026-04-03"}
    )
    assert status == 200, body
    assert body["totals"]["failed"] == 30
    assert body["totals"]["by_class"] == {"permanent": 20, "transient": 10}
    assert body["totals"]["by_error_code"] == {"permanent": {"30005": 20}, "transient": {"30003": 10}}
    assert sorted((b["broadcast_id"], b["failed"]) for b in body["broadcasts"]) == [("b0", 15), ("b1", 15)]
    day = next(d for d in body["days"] if d["date"] == "2026-04-02")
    caused = [e for e in seeded["events"] if e.occurred_at.date() == date(2026, 4, 2) and e.status.value == "opted_out"]
    assert day["opt_outs_caused"]["carrier"] == sum(1 for e in caused if e.reason.value == "carrier")


def _run_job(day: date) -> dict:
    """The schedule queues the day's messages; Lambda's SQS poller hands them to the real handler."""
    spec = template.functions()["ReportsFunction"]
    result = lambdas.load_handler(spec)(scheduled_event(day), lambdas.LambdaContext(spec.logical_id))
    return {**result, "handled": drain_queues(boto3.Session())}


def test_scheduled_job_writes_the_days_files_and_rewrites_them(workspace, other_workspace, seeded):
    day = date(2026, 4, 2)
    result = _run_job(day)
    assert result["workspaces_queued"] == result["handled"] >= 2
    s3 = boto3.client("s3", region_name="us-east-1")
    bucket = template.local_environment()["REPORTS_BUCKET"]
    prefix = f"reports/{workspace['id']}/{day.isoformat()}/"

    def objects() -> dict[str, bytes]:
        listed = s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
        return {o["Key"][len(prefix) :]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}

    files = objects()
    assert set(files) == {"opt-outs.csv", "summary.json", "summary.svg"}
    start = datetime(2026, 4, 2, tzinfo=UTC)
    expected = _expected(seeded["events"], "opted_out", start, start + timedelta(days=1))
    records = list(csv.DictReader(io.StringIO(files["opt-outs.csv"].decode())))
    assert [r["event_id"] for r in records] == [e.event_id for e in expected]
    summary = json.loads(files["summary.json"])
    assert summary["date"] == "2026-04-02" and len(summary["days"]) == 30
    assert summary["days"][-1]["opt_outs"]["total"] == len(expected)
    svg = ET.fromstring(files["summary.svg"])
    ns = "{http://www.w3.org/2000/svg}"
    bars = [g for g in svg.iter(f"{ns}g") if g.get("class") == "bar"]
    assert len(bars) == 30
    assert bars[-1].get("data-total") == str(len(expected))
    segments = sum(1 for row in summary["days"] for n in row["opt_outs"]["by_reason"].values() if n)
    assert sum(1 for r in svg.iter(f"{ns}rect") if r.get("class") == "segment") == segments

    _run_job(day)  # a re-run replaces the same objects
    assert objects() == files
    assert len(s3.list_objects_v2(Bucket=bucket, Prefix=prefix)["Contents"]) == 3


def test_a_retried_stream_batch_is_counted_once(aws, workspace):
    """Lambda redelivers a failed stream batch: its counters must not be added twice."""
    from optout import repository
    from optout.models import ContactStatus, Reason
    from optout.rules import consent
    from optout.services import report_counters

    at = datetime(2026, 5, 4, 9, tzinfo=UTC)
    context = consent.StatusContext(reason=Reason.KEYWORD, initiator=consent.contact_initiator("+14155550100"), at=at)
    write = consent.status_change(
        None, ContactStatus.OPTED_OUT, context, workspace_id=workspace["id"], phone="+14155550100"
    )
    image = repository.serialize(repository.event_item(write.event))
    batch = [
        {
            "eventID": "e-1",
            "eventName": "INSERT",
            "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/ConsentEventsTable/stream/x",
            "dynamodb": {"NewImage": image},
        }
    ]
    assert report_counters.apply_stream_records(batch) == 1
    assert report_counters.apply_stream_records(batch) == 0  # the retry finds its marker
    counters = repository.query_counters(workspace["id"], "DAY#2026-05-04", "DAY#2026-05-04")
    assert len(counters) == 1
    assert [v for k, v in counters[0].items() if k.startswith("opt_out") or k.endswith("|all")] != []
    assert all(v == 1 for k, v in counters[0].items() if k not in ("pk", "sk"))


# --- the job queue: one message per workspace ----------------------------------------------------


def _reports_function():
    spec = template.functions()["ReportsFunction"]
    return lambda event: lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id))


def _job_queue() -> tuple[str, str]:
    env = template.local_environment()
    url = env["REPORT_JOB_QUEUE_URL"]
    return url, template.resolve({"Fn::GetAtt": ["ReportJobQueue", "Arn"]}, template.load_template())


def _receive_all(url: str) -> list[dict]:
    sqs = boto3.client("sqs", region_name="us-east-1")
    messages: list[dict] = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"]).get("Messages"):
        messages += batch
    return messages


def _bucket_keys() -> list[str]:
    s3 = boto3.client("s3", region_name="us-east-1")
    bucket = template.local_environment()["REPORTS_BUCKET"]
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


class _Records(logging.Handler):
    """The records the handlers log through Powertools' `optout` logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged():
    handler = _Records()
    log = logging.getLogger("optout")
    log.addHandler(handler)
    yield handler.records
    log.removeHandler(handler)


def test_schedule_queues_one_message_per_workspace_and_writes_nothing(workspace, other_workspace):
    result = _reports_function()(scheduled_event(date(2026, 4, 2)))
    assert result == {"date": "2026-04-02", "workspaces_queued": 2}
    url, _ = _job_queue()
    bodies = sorted((json.loads(m["Body"]) for m in _receive_all(url)), key=lambda b: b["workspace_id"])
    assert bodies == sorted(
        ({"workspace_id": w["id"], "date": "2026-04-02"} for w in (workspace, other_workspace)),
        key=lambda b: b["workspace_id"],
    )
    assert _bucket_keys() == []


def test_schedule_resends_entries_sqs_reports_failed(aws, monkeypatch):
    from optout.services import report_job

    calls: list[list[str]] = []
    real = report_job.sqs_client()

    class Flaky:
        def send_message_batch(self, **kwargs):
            calls.append([e["Id"] for e in kwargs["Entries"]])
            if len(calls) == 1:  # the first call: entry 3 is throttled
                sent = real.send_message_batch(**{**kwargs, "Entries": [e for e in kwargs["Entries"] if e["Id"] != "3"]})
                return {**sent, "Failed": [{"Id": "3", "SenderFault": False, "Code": "InternalError"}]}
            return real.send_message_batch(**kwargs)

    monkeypatch.setattr(report_job, "sqs_client", lambda: Flaky())
    monkeypatch.setattr("optout.repository.queues.time.sleep", lambda _: None)
    ids = [f"ws_{i:016x}" for i in range(12)]
    assert report_job.queue_workspaces(date(2026, 4, 2), ids) == 12
    assert calls == [[str(i) for i in range(10)], ["3"], ["0", "1"]]
    url, _ = _job_queue()
    assert sorted(json.loads(m["Body"])["workspace_id"] for m in _receive_all(url)) == ids


def test_schedule_fails_when_messages_cannot_be_queued(aws, monkeypatch):
    from optout.services import report_job

    class Down:
        def send_message_batch(self, **kwargs):
            return {"Successful": [], "Failed": [{"Id": e["Id"], "SenderFault": False, "Code": "InternalError"} for e in kwargs["Entries"]]}

    monkeypatch.setattr(report_job, "sqs_client", lambda: Down())
    monkeypatch.setattr("optout.repository.queues.time.sleep", lambda _: None)
    with pytest.raises(report_job.QueueingFailed, match="2 report job messages"):
        report_job.queue_workspaces(date(2026, 4, 2), ["ws_a", "ws_b"])


def test_a_failing_workspace_is_retried_alone(workspace, other_workspace, monkeypatch, logged):
    from optout.services import report_job

    real = report_job.workspace_files

    def failing(workspace_id, day):
        if workspace_id == workspace["id"]:
            raise RuntimeError("S3 is having a bad day")
        return real(workspace_id, day)

    monkeypatch.setattr(report_job, "workspace_files", failing)
    handler = _reports_function()
    handler(scheduled_event(date(2026, 4, 2)))
    url, arn = _job_queue()
    messages = _receive_all(url)
    ours = next(m for m in messages if json.loads(m["Body"])["workspace_id"] == workspace["id"])
    response = handler({"Records": [sqs_record(m, arn) for m in messages]})
    assert response == {"batchItemFailures": [{"itemIdentifier": ours["MessageId"]}]}
    assert sorted(_bucket_keys()) == [
        f"reports/{other_workspace['id']}/2026-04-02/{name}" for name in ("opt-outs.csv", "summary.json", "summary.svg")
    ]
    failed = [r for r in logged if r.getMessage().startswith("workspace report failed")]
    assert [getattr(r, "workspace_id", None) for r in failed] == [workspace["id"]]


def test_drain_gives_up_after_five_failures_and_the_queue_dead_letters_it(workspace, other_workspace, monkeypatch, capsys):
    from optout.services import report_job

    real = report_job.workspace_files
    tries: Counter = Counter()

    def failing(workspace_id, day):
        tries[workspace_id] += 1
        if workspace_id == workspace["id"]:
            raise RuntimeError("always fails")
        return real(workspace_id, day)

    monkeypatch.setattr(report_job, "workspace_files", failing)
    _reports_function()(scheduled_event(date(2026, 4, 2)))
    assert drain_queues(boto3.Session()) == 1
    assert tries == {workspace["id"]: 5, other_workspace["id"]: 1}
    assert "gave up" in capsys.readouterr().err
    url, _ = _job_queue()
    assert _receive_all(url) == []
    dead = _receive_all(template.resolve({"Ref": "ReportJobDeadLetterQueue"}, template.load_template()))
    assert [json.loads(m["Body"])["workspace_id"] for m in dead] == [workspace["id"]]


def test_a_malformed_message_is_dropped_and_logged(workspace, logged):
    _, arn = _job_queue()
    handler = _reports_function()
    bodies = [
        "not json",
        json.dumps({"workspace_id": "../../etc", "date": "2026-04-02"}),
        json.dumps({"workspace_id": workspace["id"], "date": "yesterday"}),
        json.dumps({"workspace_id": workspace["id"]}),
    ]
    records = [
        sqs_record({"MessageId": f"m-{i}", "ReceiptHandle": f"r-{i}", "Body": body, "MD5OfBody": "x"}, arn)
        for i, body in enumerate(bodies)
    ]
    good = sqs_record(
        {"MessageId": "m-ok", "ReceiptHandle": "r-ok", "MD5OfBody": "x",
         "Body": json.dumps({"workspace_id": workspace["id"], "date": "2026-04-02"})},
        arn,
    )
    assert handler({"Records": [*records, good]}) == {"batchItemFailures": []}
    dropped = [r for r in logged if r.getMessage() == "malformed report job message dropped"]
    assert sorted(getattr(r, "message_id", None) for r in dropped) == [f"m-{i}" for i in range(len(bodies))]
    assert len(_bucket_keys()) == 3  # the good message's files


def test_kind_tells_sqs_records_from_streams_schedules_and_api():
    from local_stack.lambdas import load_module

    module = load_module(template.functions()["ReportsFunction"])
    assert module._kind({"Records": [{"eventSource": "aws:sqs"}]}) == "queue"
    assert module._kind({"Records": [{"eventSource": "aws:dynamodb"}]}) == "stream"
    assert module._kind(scheduled_event(date(2026, 4, 2))) == "schedule"
    assert module._kind({"httpMethod": "GET", "path": "/v1/reports/summary"}) == "api"
