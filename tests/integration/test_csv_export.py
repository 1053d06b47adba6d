"""Both CSV writers, the reports API's format=csv and the daily job's file, neutralise every cell."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from optout import csv_export, repository
from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason
from optout.services import report_job

DAY = date(2026, 4, 2)
PAYLOADS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)", "\t=1", "\r=1", "\uff1d1+1"]


def _store(workspace_id: str, index: int, payload: str) -> ConsentEvent:
    event = ConsentEvent(
        event_id=f"evt_{index:04d}",
        workspace_id=workspace_id,
        phone=f"+1415555{index:04d}",
        status=ContactStatus.OPTED_OUT,
        previous_status=ContactStatus.ACTIVE,
        reason=Reason.KEYWORD,
        initiator=Initiator(type=InitiatorType.API_KEY, id=payload, name=payload),
        occurred_at=datetime(DAY.year, DAY.month, DAY.day, 12, index, tzinfo=UTC),
        inbox=payload,
        message_id=payload,
        message_text=payload,
    )
    repository.dynamodb_client().put_item(
        TableName=repository.events_table(), Item=repository.serialize(repository.event_item(event))
    )
    return event


def _assert_safe(text: str, count: int) -> None:
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == count
    for record in records:
        assert not any(csv_export.starts_a_formula(value) for value in record.values()), record
        for column in ("message_id", "inbox", "initiator_id", "phone"):
            assert record[column].startswith("'"), (column, record)


@pytest.fixture
def stored(workspace):
    return [_store(workspace["id"], i, payload) for i, payload in enumerate(PAYLOADS)]


def test_the_report_api_csv_is_safe(api, workspace, stored):
    from local_stack import lambdas, template

    event = lambdas.api_gateway_event(
        method="GET",
        resource="/v1/reports/opt-outs",
        path="/v1/reports/opt-outs",
        headers={"Authorization": f"Bearer {workspace['member']}"},
        query={"from": [DAY.isoformat()], "to": [DAY.isoformat()], "format": ["csv"]},
    )
    response = lambdas.load_handler(template.functions()["ReportsFunction"])(
        event, lambdas.LambdaContext("ReportsFunction")
    )
    assert response["statusCode"] == 200, response
    _assert_safe(response["body"], len(stored))


def test_the_daily_job_csv_is_safe(workspace, stored):
    files, rows = report_job.workspace_files(workspace["id"], DAY)
    assert rows == len(stored)
    _assert_safe(files["opt-outs.csv"][0].decode(), len(stored))
