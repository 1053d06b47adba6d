"""What every resource's request models share: unknown fields refused, attributes DynamoDB can store."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict

from optout import storable
from optout.models import DeferredModel


class Strict(DeferredModel):
    model_config = ConfigDict(extra="forbid")


def _storable(value: Any) -> Any:
    # NaN, 1e130 or 40 levels of nesting can never be written: refuse them here, not at the write.
    problem = storable.value_problem(value)
    if problem:
        raise ValueError(problem)
    return value


StorableAttributes = Annotated[dict[str, Any], AfterValidator(_storable)]


def _iso_text(value: Any) -> Any:
    # pydantic would read a bare number as epoch seconds: a time in a body is ISO 8601 text only.
    if value is not None and not isinstance(value, str):
        raise ValueError("a time must be ISO 8601 text with its UTC offset, such as 2026-12-01T21:30:00-05:00")
    return value


def _in_utc_range(value: datetime) -> datetime:
    # 0001-01-01T00:00+14:00 parses, but lies before the first UTC instant Python can hold.
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the time is outside the years 0001 to 9999 in UTC") from None
    return value


IsoTime = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_in_utc_range)]
