"""Every cell of every CSV the service writes is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from optout import csv_export
from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason
from optout.services import report_rows

TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe62", "\ufe66"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+14155550100", "'+14155550100"),  # a phone number stays text, with its +
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1dcmd|'/c calc'!A1", "'\uff1dcmd|'/c calc'!A1"),  # full-width =
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20SUM(1)", "'\uff20SUM(1)"),
        ("STOP", "STOP"),
        ("a=b", "a=b"),
        ("'already", "''already"),  # so a reader can always drop one leading quote
        ("", ""),
        (None, ""),
        (3, "3"),
        (-3, "'-3"),
        (datetime(2026, 3, 1, 12, tzinfo=UTC), "2026-03-01T12:00:00.000000Z"),
    ],
)
def test_cells(value, written):
    assert csv_export.cell(value) == written


@pytest.mark.parametrize("first", TRIGGERS)
def test_every_trigger_is_neutralised(first):
    assert csv_export.cell(first + "1+1").startswith("'")


def _row(**fields):
    event = ConsentEvent(
        event_id="evt_1",
        workspace_id="ws_1",
        phone="+14155550100",
        status=ContactStatus.OPTED_OUT,
        previous_status=ContactStatus.ACTIVE,
        reason=Reason.KEYWORD,
        initiator=Initiator(type=InitiatorType.CONTACT, id=fields.pop("initiator_id", None)),
        occurred_at=datetime(2026, 3, 1, tzinfo=UTC),
        **fields,
    )
    return report_rows.ReportRow.of(event)


@pytest.mark.parametrize("column", ["message_id", "inbox", "initiator_id"])
@pytest.mark.parametrize("payload", ["=1+1", "+cmd|' /C calc'!A0", "-1", "@SUM(1)", "\t=1", "\r=1", "\uff1d1+1"])
def test_report_csv_neutralises_every_column(column, payload):
    text = report_rows.rows_to_csv([_row(**{column: payload})])
    [record] = csv.DictReader(io.StringIO(text))
    assert record[column] == "'" + payload
    assert record["phone"] == "'+14155550100"
    assert not any(csv_export.starts_a_formula(v) for v in record.values())


@pytest.mark.parametrize("value", ["'", "''=1", "'+1", "+1", "=x", "plain", "\uff1d1"])
def test_dropping_one_leading_quote_gives_the_value_back(value):
    written = csv_export.cell(value)
    assert (written[1:] if written.startswith("'") else written) == value


def test_header_and_plain_cells_are_unchanged():
    text = report_rows.rows_to_csv([_row(message_id="SM123", inbox=None)])
    header, line = text.split("\r\n")[:2]
    assert header.split(",") == report_rows.CSV_COLUMNS
    assert ",SM123," in line and ",,opted_out," in line
