"""The pure checks behind the holes test_send_time_attacks*.py found: zone names, the results file's
dates, header and unreadable rows, times outside Python's UTC range, and what of a Twilio answer
is kept. Each row marked "regression" failed before its fix."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import TypeAdapter, ValidationError

from optout.api.schemas.common import IsoTime
from optout.errors import InvalidInput
from optout.lookups import twilio_lookup
from optout.lookups.reassigned_file import parse_results
from optout.send_rule_settings import valid_time_zone

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("America/New_York", True),
        ("Europe/London", True),
        ("UTC", True),
        ("America", False),  # regression: IsADirectoryError escaped
        ("US", False),  # regression: the same
        ("localtime", False),  # regression: this machine's zone files only
        ("america/new_york", False),
        ("America/New_York/", False),
        ("../etc/passwd", False),
        ("", False),
        ("Mars/Olympus", False),
    ],
)
def test_valid_time_zone(name, valid):
    assert valid_time_zone(name) is valid


@pytest.mark.parametrize(
    ("cell", "asked"),
    [
        ("2025-03-14", date(2025, 3, 14)),
        ("20250314", date(2025, 3, 14)),
        (" 2025-03-14 ", date(2025, 3, 14)),
        ("2025-W11-5", None),  # regression: read as an ISO week date
        ("2025W115", None),  # regression: the same, compact
        ("2025-073", None),
        ("2025-0314", None),
        ("2025-02-30", None),
        ("0000-01-01", None),
        ("٢٠٢٥٠٣١٤", None),  # Arabic-Indic digits are no date here
    ],
)
def test_results_file_dates(cell, asked):
    text = f"phone,date,answer\n+12025550170,{cell},no\n"
    if asked is None:
        with pytest.raises(InvalidInput) as refused:
            parse_results(text, "US", NOW)
        assert refused.value.code == "invalid_rows"
    else:
        [answer] = parse_results(text, "US", NOW)
        assert answer.asked_date == asked


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("phone,phone,date,answer\n+12025550170,+12025550171,2025-03-14,no\n", "invalid_header"),  # regression
        ("phone,date,answer,answer\n+12025550170,2025-03-14,no,yes\n", "invalid_header"),  # regression
        ('phone,date,answer\n"' + "x" * 200_000 + '",2025-03-14,no\n', "invalid_rows"),  # regression: csv.Error
    ],
)
def test_results_files_refused_whole(text, code):
    with pytest.raises(InvalidInput) as refused:
        parse_results(text, "US", NOW)
    assert refused.value.code == code


_TIME = TypeAdapter(IsoTime)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2026-12-01T10:00:00+14:00", True),
        ("0001-01-01T14:00:00+14:00", True),  # the first UTC instant exactly
        ("0001-01-01T00:00:00+14:00", False),  # regression: OverflowError in astimezone
        ("9999-12-31T23:59:59-12:00", False),  # regression: the same
        ("2026-12-01T10:00:00", False),
    ],
)
def test_iso_times_must_be_instants_python_can_hold_in_utc(text, ok):
    if ok:
        assert _TIME.validate_python(text).astimezone(UTC)
    else:
        with pytest.raises(ValidationError):
            _TIME.validate_python(text)


class _Client:
    def __init__(self, package):
        self.package = package

    def fetch(self, phone, params):
        return {"reassigned_number": self.package}


@pytest.mark.parametrize(
    ("verified", "kept"),
    [
        ("20250314", True),
        (float("nan"), False),  # regression: DynamoDB cannot hold it
        (10**42, False),  # regression: nor this
        ([[[]]], False),
        ("d" * 5000, False),
    ],
)
def test_only_short_text_of_twilio_s_answer_is_kept(verified, kept):
    package = {"is_number_reassigned": "no", "error_code": None, "last_verified_date": verified}
    lookup = twilio_lookup.TwilioReassignedLookup(_Client(package), clock=lambda: NOW)
    answer = lookup.check("+12025550170", date(2025, 3, 14))
    assert answer.answer == "no" and ("last_verified_date" in answer.raw) is kept
