"""Business days: the US federal holiday calendar, computed from its rules, and revocation deadlines.

FCC 24-24 and CASL both give a sender at most 10 business days to honour a revocation. This module
says what that means for a revocation received at a given instant (docs/consent-topics.md):

- a business day is a Monday to Friday that is not a US federal holiday as observed (5 U.S.C.
  6103): a holiday on a Saturday is observed on the Friday before, one on a Sunday on the Monday
  after. New Year's Day on a Saturday is therefore observed on 31 December of the year before;
- the calendar is the one in force since 2021 (Juneteenth counts from then). Inauguration Day
  (a holiday in the Washington area only) and one-off closures by executive order are not in it;
- the day of receipt is day 0 and never counts, whatever the hour; day 1 is the next business day
  (the usual way legal periods are counted: leave out the day of the triggering event);
- days are UTC calendar days, and the deadline is the end of the last day (23:59:59 UTC).

Pure: no clock, no I/O. Every datetime taken must carry a time zone.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

# Both FCC 24-24 (47 CFR 64.1200(a)(10)) and CASL give at most ten business days.
REVOCATION_BUSINESS_DAYS = 10
JUNETEENTH_FROM = 2021  # first year Juneteenth was a federal holiday
END_OF_DAY = time(23, 59, 59, tzinfo=UTC)

MONDAY, THURSDAY, SATURDAY, SUNDAY = 0, 3, 5, 6


@dataclass(frozen=True, slots=True)
class Holiday:
    """One federal holiday: its name, the date the law names, and the day it is observed."""

    name: str
    actual: date
    observed: date


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (0 is Monday) of a month; n = -1 is the last one."""
    if n == -1:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def observed(day: date) -> date:
    """The day a fixed-date holiday is observed: Saturday moves to Friday, Sunday to Monday."""
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == SUNDAY:
        return day + timedelta(days=1)
    return day


def _holidays_named_in(year: int) -> list[Holiday]:
    """The holidays whose legal date falls in `year` (some are observed in the year before)."""
    fixed = [
        ("New Year's Day", date(year, 1, 1)),
        ("Independence Day", date(year, 7, 4)),
        ("Veterans Day", date(year, 11, 11)),
        ("Christmas Day", date(year, 12, 25)),
    ]
    if year >= JUNETEENTH_FROM:
        fixed.append(("Juneteenth National Independence Day", date(year, 6, 19)))
    # Monday (and Thursday) holidays never fall on a weekend, so they are observed as named.
    floating = [
        ("Birthday of Martin Luther King, Jr.", nth_weekday(year, 1, MONDAY, 3)),
        ("Washington's Birthday", nth_weekday(year, 2, MONDAY, 3)),
        ("Memorial Day", nth_weekday(year, 5, MONDAY, -1)),
        ("Labor Day", nth_weekday(year, 9, MONDAY, 1)),
        ("Columbus Day", nth_weekday(year, 10, MONDAY, 2)),
        ("Thanksgiving Day", nth_weekday(year, 11, THURSDAY, 4)),
    ]
    return [Holiday(name, day, observed(day)) for name, day in fixed] + [
        Holiday(name, day, day) for name, day in floating
    ]


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> tuple[Holiday, ...]:
    """The federal holidays observed in `year`, in date order.

    Observed dates decide the year: New Year's Day of `year + 1` is listed here when it falls on a
    Saturday (observed on 31 December), and left out of `year + 1`'s list.
    """
    named = _holidays_named_in(year) + _holidays_named_in(year + 1)[:1]  # next New Year's Day
    return tuple(sorted((h for h in named if h.observed.year == year), key=lambda h: h.observed))


@lru_cache(maxsize=64)
def holiday_dates(year: int) -> frozenset[date]:
    return frozenset(holiday.observed for holiday in federal_holidays(year))


def is_business_day(day: date) -> bool:
    """Monday to Friday, and not a federal holiday as observed."""
    return day.weekday() < SATURDAY and day not in holiday_dates(day.year)


def add_business_days(start: date, n: int) -> date:
    """The n-th business day after `start` (`start` itself never counts; n = 0 gives `start`)."""
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    for _ in range(n):
        day += timedelta(days=1)
        while not is_business_day(day):
            day += timedelta(days=1)
    return day


def honour_by(received_at: datetime, days: int = REVOCATION_BUSINESS_DAYS) -> datetime:
    """The instant by which a revocation received at `received_at` must be in effect.

    Day 0 is the UTC date of receipt (it never counts, even when received at 00:00 on a business
    day); the deadline is 23:59:59 UTC of the `days`-th business day after it. UTC because every
    time the service keeps is UTC, the contact's own zone is unknown (numbers move between area
    codes) and one workspace spans several; a North American local date is the UTC date or the day
    before, so the deadline differs from a local reading by a business day at most. The service
    itself suppresses at once: this is the outer bound reports and downstream systems work to.
    """
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError("received_at must carry a time zone")
    day_zero = received_at.astimezone(UTC).date()
    return datetime.combine(add_business_days(day_zero, days), END_OF_DAY)
