"""Planned send times for eligibility tests: a local time in a zone, and a time when every US rule allows.

Eligibility judges quiet hours at `at` (default now), so a test that expects a number sendable
passes a planned time instead of depending on the hour it happens to run at.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

EASTERN, CENTRAL, PACIFIC = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago"), ZoneInfo("America/Los_Angeles")
LEAD = timedelta(
    minutes=10
)  # every planned time is at least this far ahead: never "in the past" by the time it is sent


def local_time(zone: ZoneInfo, clock: time, *, weekday: int | None = None, after: datetime | None = None) -> datetime:
    """The first instant after `after` (default now + 10 min) whose local time in `zone` is `clock`
    (on `weekday`, 0 = Monday, when given), as an aware datetime in `zone`."""
    floor = after or datetime.now(UTC) + LEAD
    day = floor.astimezone(zone).date()
    for offset in range(0, 15):
        moment = local(day + timedelta(days=offset), clock, zone)
        if moment > floor and (weekday is None or moment.weekday() == weekday):
            return moment
    raise AssertionError("no such local time within two weeks")


def local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone)


def daytime() -> str:
    """An `at` when every US rule of the table allows sending everywhere on the mainland and in
    Hawaii: 19:00 UTC is 14:00 or 15:00 Eastern, 11:00 or 12:00 Pacific, 09:00 in Honolulu (and past
    noon in Texas on a Sunday)."""
    return local_time(ZoneInfo("UTC"), time(19, 0)).isoformat()
