"""The federal holiday calendar and the 10-business-day revocation deadline (docs/consent-topics.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optout.rules.business_days import (
    add_business_days,
    federal_holidays,
    honour_by,
    is_business_day,
    nth_weekday,
)

# The observed dates OPM publishes for these years.
OBSERVED = {
    2021: ["01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11", "11-11", "11-25", "12-24", "12-31"],
    2022: ["01-17", "02-21", "05-30", "06-20", "07-04", "09-05", "10-10", "11-11", "11-24", "12-26"],
    2026: ["01-01", "01-19", "02-16", "05-25", "06-19", "07-03", "09-07", "10-12", "11-11", "11-26", "12-25"],
    2027: ["01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11", "11-11", "11-25", "12-24", "12-31"],
}

# Reproducible runs (the same examples every time), with no time limit on a busy machine.
PROPERTY = settings(derandomize=True, deadline=None, database=None)


@pytest.mark.parametrize("year", sorted(OBSERVED))
def test_the_observed_holidays_of_known_years(year):
    assert [h.observed for h in federal_holidays(year)] == [date.fromisoformat(f"{year}-{d}") for d in OBSERVED[year]]


@pytest.mark.parametrize(
    ("year", "name", "actual", "observed"),
    [
        (2026, "Independence Day", "2026-07-04", "2026-07-03"),  # Saturday -> Friday
        (2027, "Independence Day", "2027-07-04", "2027-07-05"),  # Sunday -> Monday
        (2027, "Juneteenth National Independence Day", "2027-06-19", "2027-06-18"),
        (2027, "Christmas Day", "2027-12-25", "2027-12-24"),
        (2022, "Christmas Day", "2022-12-25", "2022-12-26"),
        # New Year's Day 2028 is a Saturday: observed on the last day of 2027, listed in 2027.
        (2027, "New Year's Day", "2028-01-01", "2027-12-31"),
        (2021, "New Year's Day", "2022-01-01", "2021-12-31"),
    ],
)
def test_fixed_holidays_on_a_weekend_are_observed_on_the_nearest_weekday(year, name, actual, observed):
    found = {(h.name, h.actual.isoformat()): h.observed.isoformat() for h in federal_holidays(year)}
    assert found[(name, actual)] == observed


def test_a_new_years_day_observed_the_year_before_is_not_listed_twice():
    assert all(h.name != "New Year's Day" for h in federal_holidays(2022))
    assert not any(h.observed.year != 2028 for h in federal_holidays(2028))


def test_juneteenth_counts_from_2021():
    assert all("Juneteenth" not in h.name for h in federal_holidays(2020))
    assert any("Juneteenth" in h.name for h in federal_holidays(2021))


@pytest.mark.parametrize(
    ("year", "month", "weekday", "n", "expected"),
    [
        (2026, 1, 0, 3, "2026-01-19"),  # MLK Day
        (2026, 5, 0, -1, "2026-05-25"),  # Memorial Day: the last Monday
        (2027, 5, 0, -1, "2027-05-31"),  # a month that ends on a Monday
        (2026, 9, 0, 1, "2026-09-07"),  # Labor Day
        (2026, 11, 3, 4, "2026-11-26"),  # Thanksgiving
        (2027, 11, 3, 4, "2027-11-25"),
    ],
)
def test_nth_weekday(year, month, weekday, n, expected):
    assert nth_weekday(year, month, weekday, n) == date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-07-03", False),  # observed Independence Day (a Friday)
        ("2026-07-04", False),  # Saturday
        ("2026-07-06", True),
        ("2027-12-31", False),  # observed New Year's Day 2028
        ("2026-11-27", True),  # the day after Thanksgiving is not a federal holiday
        ("2026-12-24", True),
        ("2027-12-24", False),
        ("2026-11-11", False),
    ],
)
def test_is_business_day(day, expected):
    assert is_business_day(date.fromisoformat(day)) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-12-01", 0, "2026-12-01"),
        ("2026-12-05", 0, "2026-12-05"),  # n = 0 keeps even a Saturday
        ("2026-12-04", 1, "2026-12-07"),  # Friday -> Monday
        ("2026-12-24", 1, "2026-12-28"),  # over Christmas and the weekend
        ("2026-07-02", 1, "2026-07-06"),  # over the observed Independence Day
        ("2027-12-23", 5, "2028-01-03"),  # over both observed Fridays of 2027's year end
        ("2026-11-25", 3, "2026-12-01"),
    ],
)
def test_add_business_days(start, n, expected):
    assert add_business_days(date.fromisoformat(start), n) == date.fromisoformat(expected)


def test_add_business_days_refuses_a_negative_count():
    with pytest.raises(ValueError, match="zero or more"):
        add_business_days(date(2026, 1, 5), -1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        # A Tuesday with no holiday near: two weeks on.
        ("2026-03-03T15:00:00+00:00", "2026-03-17T23:59:59+00:00"),
        # Friday before Labor Day weekend: the Monday does not count.
        ("2026-09-04T16:30:00+00:00", "2026-09-21T23:59:59+00:00"),
        # Received on the holiday itself, and at the first second of a business day: day 0 never counts.
        ("2026-09-07T10:00:00+00:00", "2026-09-21T23:59:59+00:00"),
        ("2026-09-08T00:00:00+00:00", "2026-09-22T23:59:59+00:00"),
        # A Saturday: day 1 is the Monday.
        ("2026-03-07T12:00:00+00:00", "2026-03-20T23:59:59+00:00"),
        # Thanksgiving week, and the year end of 2027 with its two observed Fridays.
        ("2026-11-20T12:00:00+00:00", "2026-12-07T23:59:59+00:00"),
        ("2027-12-20T12:00:00+00:00", "2028-01-05T23:59:59+00:00"),
        # 21:00 in New York on Friday 4 September is Saturday in UTC: the UTC date is day 0.
        ("2026-09-04T21:00:00-04:00", "2026-09-21T23:59:59+00:00"),
        ("2026-09-03T21:00:00-04:00", "2026-09-21T23:59:59+00:00"),
    ],
)
def test_honour_by(received, deadline):
    assert honour_by(at(received)) == at(deadline)


def test_honour_by_takes_another_count_and_answers_in_utc():
    deadline = honour_by(datetime(2026, 3, 3, 15, tzinfo=timezone(timedelta(hours=-8))), days=1)
    assert deadline == at("2026-03-04T23:59:59+00:00") and deadline.tzinfo is UTC


def test_honour_by_refuses_a_naive_time():
    with pytest.raises(ValueError, match="time zone"):
        honour_by(datetime(2026, 3, 3, 15))


@PROPERTY
@given(st.dates(min_value=date(2021, 1, 1), max_value=date(2035, 12, 31)), st.integers(0, 30))
def test_add_business_days_lands_on_a_business_day_after_exactly_n_of_them(start, n):
    end = add_business_days(start, n)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_business_day(day) for day in between) == n
    assert n == 0 or is_business_day(end)
