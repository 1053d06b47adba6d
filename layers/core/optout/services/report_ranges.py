"""A report's range from its `from` and `to` parameters: UTC instants, or a summary's days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from optout.errors import InvalidInput

MAX_RANGE_DAYS = 366
# Reports cover 1970 to 9998: sort keys are fixed-width ISO times only for four-digit years, and
# the bounds leave room to step a day or a month past either end without overflowing `datetime`.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)


def parse_instant(value: str, *, end: bool, field_name: str) -> datetime:
    """An ISO date or time as UTC. A date `to` means the end of that day (the day is included)."""
    text = (value or "").strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            instant = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1 if end else 0)
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            instant = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except ValueError:
        raise InvalidInput(f"{field_name} must be an ISO date or time", details={"field": field_name}) from None
    except OverflowError:  # a day after 9999-12-31 or a UTC time before 0001-01-01
        instant = EARLIEST - timedelta(days=1)
    if not EARLIEST <= instant <= LATEST:
        raise InvalidInput(
            f"{field_name} must be between {EARLIEST.date()} and {LATEST.date()}", details={"field": field_name}
        )
    return instant


def parse_range(start: str, end: str) -> tuple[datetime, datetime]:
    """`[from, to)` as UTC instants, at most 366 days long."""
    lower = parse_instant(start, end=False, field_name="from")
    upper = parse_instant(end, end=True, field_name="to")
    if upper <= lower:
        raise InvalidInput("to must be after from", details={"field": "to"})
    if upper - lower > timedelta(days=MAX_RANGE_DAYS):
        raise InvalidInput(f"the range is at most {MAX_RANGE_DAYS} days", details={"field": "to"})
    return lower, upper


def parse_days(start: str, end: str) -> tuple[date, date]:
    """A summary's first and last day (inclusive), from ISO dates or times."""
    lower, upper = parse_range(start, end)
    return lower.date(), (upper - timedelta(microseconds=1)).date()
