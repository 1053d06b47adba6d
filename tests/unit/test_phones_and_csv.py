"""Phone normalisation and CSV parsing, without any database."""

from __future__ import annotations

import pytest

from optout.errors import InvalidInput, InvalidPhone
from optout.phones import normalize_phone
from optout.services.importer import ImportReport, parse_csv, parse_opt_out


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("+14155550100", "US", "+14155550100"),
        ("(415) 555-0100", "US", "+14155550100"),
        ("415.555.0100", "US", "+14155550100"),
        ("1-415-555-0100", "US", "+14155550100"),
        ("  +1 415 555 0100 ", "US", "+14155550100"),
        ("07400 123456", "GB", "+447400123456"),
        ("+44 7400 123456", "US", "+447400123456"),
        ("514-555-0199", "CA", "+15145550199"),
        ("0033 6 12 34 56 78", "FR", "+33612345678"),
    ],
)
def test_numbers_become_e164(raw, region, expected):
    assert normalize_phone(raw, region) == expected


@pytest.mark.parametrize(
    "raw", ["", "   ", "abc", "12", "+1415", "555-0100", "+999 123", "1" * 41, "+1 415 555 0100 ext"]
)
def test_bad_numbers_are_refused_with_a_reason(raw):
    with pytest.raises(InvalidPhone) as err:
        normalize_phone(raw, "US")
    assert err.value.message and err.value.http_status == 400


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("Y", True),
        ("TRUE", True),
        ("t", True),
        ("1", True),
        ("no", False),
        ("N", False),
        ("false", False),
        ("F", False),
        ("0", False),
        ("", None),
        ("  ", None),
    ],
)
def test_opt_out_column_values(value, expected):
    assert parse_opt_out(value) is expected


@pytest.mark.parametrize("value", ["maybe", "2", "yess", "nope"])
def test_unknown_opt_out_values_are_errors(value):
    with pytest.raises(ValueError, match="opt_out must be"):
        parse_opt_out(value)


def test_header_names_are_normalised_and_other_columns_become_attributes():
    report = ImportReport()
    rows = parse_csv("\ufeffPhone Number,Name,Opt-Out,Favourite Colour\n4155550100,Ann,yes,red\n", "US", report)
    assert report.rejected == 0
    [row] = rows
    assert (row.line, row.phone, row.name, row.opt_out) == (2, "+14155550100", "Ann", True)
    assert row.attributes == {"favourite_colour": "red"}


def test_line_numbers_follow_quoted_newlines():
    report = ImportReport()
    rows = parse_csv('phone,note\n4155550100,"a\nb\nc"\n4155550101,x\nbad,y\n', "US", report)
    assert [r.line for r in rows] == [2, 5]
    assert report.rejections == [{"line": 6, "reason": report.rejections[0]["reason"], "phone": "bad"}]


@pytest.mark.parametrize("text", ["", "name\nAnn\n", "phone,,x\n1,2,3\n", "phone,Phone\n1,2\n"])
def test_unusable_headers_refuse_the_whole_file(text):
    with pytest.raises(InvalidInput):
        parse_csv(text, "US", ImportReport())
