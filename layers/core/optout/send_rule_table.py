"""The send-time rule table (docs/send-time-rules.md): its row shape, its validation and its loading.

The table is data (data/send_rules.json, versioned by date): a change of a law is a change of that
file, never of code. The row model below also validates a workspace's own custom rules
(send_rule_settings.CustomSendRule), so both are checked by one piece and evaluate alike.

This module sits low in the layer (beside the error types): the settings models validate rule-set
names against the table, and the pure rules in rules/send_windows.py evaluate its rows.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

TABLE_PATH = Path(__file__).parent / "data" / "send_rules.json"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()
QUIET_HOURS, FREQUENCY_CAP = "quiet_hours", "frequency_cap"
MAX_CAP_WINDOW_HOURS = 24  # the send log keeps this (and an hour more): a longer cap would miss older sends
RULE_ID = r"^[a-z0-9][a-z0-9-]{0,63}$"
JURISDICTION = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"  # ISO 3166 country, optionally "-" and a subdivision


def _clock(value: Any) -> Any:
    """'HH:MM' (24-hour) to a time; anything else is left for the strict time check to refuse."""
    if isinstance(value, str):
        if not re.fullmatch(r"[0-9]{2}:[0-9]{2}", value):
            raise ValueError(f"{value!r} is not a time of day as HH:MM (24-hour)")
        hours, minutes = value.split(":")
        if int(hours) > 23 or int(minutes) > 59:
            raise ValueError(f"{value!r} is not a time of day: hours 00-23, minutes 00-59")
        return time(int(hours), int(minutes))
    return value


def _iso_date(value: Any) -> Any:
    """'YYYY-MM-DD' to a date (only that form: fromisoformat alone also takes '20260101')."""
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or parsed.isoformat() != value:
            raise ValueError(f"{value!r} is not a date as YYYY-MM-DD")
        return parsed
    return value


# Dumped as text, even for storage: DynamoDB has no time or date type.
ClockTime = Annotated[
    time,
    BeforeValidator(_clock),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["08:00"]}),
]
IsoDate = Annotated[date, BeforeValidator(_iso_date), PlainSerializer(date.isoformat, return_type=str)]
DayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Window = Annotated[list[ClockTime], Field(min_length=2, max_length=2, description='["HH:MM", "HH:MM"]: start, end')]


@dataclass(frozen=True)
class SendRule:
    """One rule: allowed hours by weekday (quiet_hours) or a rolling cap (frequency_cap)."""

    id: str
    rule_set: str
    jurisdiction: str  # "US" (every US number), "US-FL", "CA", "CA-QC" ...
    kind: str  # QUIET_HOURS | FREQUENCY_CAP
    windows: Mapping[int, tuple[time, time]]  # weekday (0 = Monday) -> allowed [start, end); missing day: none
    cap_limit: int | None
    cap_window: timedelta | None
    cap_scope: str | None  # "topic" (same subject) | "all"
    effective_from: date
    effective_to: date | None  # exclusive; None: open
    source: str
    note: str = ""

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


@dataclass(frozen=True)
class RuleTable:
    version: str
    rules: tuple[SendRule, ...]

    @property
    def rule_sets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rule.rule_set for rule in self.rules))


class SendRuleFields(BaseModel):
    """The fields and checks a table row and a workspace's custom rule share."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=RULE_ID, description="Stable rule id, lower case, digits and hyphens.")
    jurisdiction: str = Field(pattern=JURISDICTION, description='"US" for every US number, or "US-FL", "CA-QC" ...')
    kind: Literal["quiet_hours", "frequency_cap"]
    windows: dict[DayName, Window] | None = Field(
        default=None, description="quiet_hours: allowed local hours by day; a day left out allows no sending."
    )
    cap_limit: int | None = Field(default=None, ge=1, le=1000, description="frequency_cap: at most this many sends ...")
    cap_window_hours: int | None = Field(
        default=None, ge=1, le=MAX_CAP_WINDOW_HOURS, description="... in this many hours."
    )
    cap_scope: Literal["topic", "all"] | None = Field(
        default=None, description="frequency_cap: count sends of the same topic (and of unknown topic), or all."
    )
    effective_from: IsoDate | None = None
    effective_to: IsoDate | None = Field(default=None, description="Exclusive; none: open.")
    source: str = Field(default="", max_length=400)
    note: str = Field(default="", max_length=400)

    @model_validator(mode="after")
    def _shape(self) -> SendRuleFields:
        if self.kind == QUIET_HOURS:
            _check_quiet_hours(self)
        else:
            _check_cap(self)
        if self.effective_from and self.effective_to and self.effective_to <= self.effective_from:
            raise ValueError(f"effective_to {self.effective_to} must be after effective_from {self.effective_from}")
        return self

    def to_send_rule(self, rule_set: str) -> SendRule:
        windows = {DAY_NAMES.index(day): (span[0], span[1]) for day, span in (self.windows or {}).items()}
        hours = self.cap_window_hours
        return SendRule(
            id=self.id,
            rule_set=rule_set,
            jurisdiction=self.jurisdiction,
            kind=self.kind,
            windows=dict(sorted(windows.items())),
            cap_limit=self.cap_limit,
            cap_window=timedelta(hours=hours) if hours else None,
            cap_scope=self.cap_scope or ("all" if self.kind == FREQUENCY_CAP else None),
            effective_from=self.effective_from or date.min,
            effective_to=self.effective_to,
            source=self.source,
            note=self.note,
        )


def _check_quiet_hours(rule: SendRuleFields) -> None:
    if rule.cap_limit is not None or rule.cap_window_hours is not None or rule.cap_scope is not None:
        raise ValueError("a quiet_hours rule takes windows, not cap_limit, cap_window_hours or cap_scope")
    if not rule.windows:
        # A rule that never allows would defer a number forever: refuse it as data.
        raise ValueError("a quiet_hours rule needs windows allowing some hours on at least one day")
    for day, (start, end) in rule.windows.items():
        if start >= end:
            raise ValueError(f"windows.{day}: start {start:%H:%M} must be before end {end:%H:%M}")


def _check_cap(rule: SendRuleFields) -> None:
    if rule.windows is not None:
        raise ValueError("a frequency_cap rule takes cap_limit and cap_window_hours, not windows")
    if rule.cap_limit is None or rule.cap_window_hours is None:
        raise ValueError("a frequency_cap rule needs cap_limit and cap_window_hours")


class TableRow(SendRuleFields):
    """A row of the shipped table: its rule set, start date and source are required."""

    rule_set: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    source: str = Field(min_length=1, max_length=400)

    @model_validator(mode="after")
    def _dated(self) -> TableRow:
        if self.effective_from is None:
            raise ValueError("a table row needs effective_from (YYYY-MM-DD)")
        return self


class TableFile(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)

    version: IsoDate
    rules: list[TableRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> TableFile:
        if twice := repeated(row.id for row in self.rules):
            raise ValueError(f"rule ids must be unique; listed more than once: {', '.join(twice)}")
        return self


def repeated(values: Iterable[str]) -> list[str]:
    """The values listed more than once, sorted."""
    seen = Counter(values)
    return sorted(value for value, count in seen.items() if count > 1)


class RuleTableError(ValueError):
    """The table file is not a valid rule table; the message says where and why."""


def parse_rule_table(data: Any, *, name: str = "send_rules.json") -> RuleTable:
    """A validated RuleTable from the table file's parsed JSON, or RuleTableError naming each problem."""
    try:
        parsed = TableFile.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(f"{_where(data, issue['loc'])}: {issue['msg']}" for issue in error.errors())
        raise RuleTableError(f"{name} is not a valid rule table: {problems}") from None
    rules = tuple(row.to_send_rule(row.rule_set) for row in parsed.rules)
    return RuleTable(version=parsed.version.isoformat(), rules=rules)


def _where(data: Any, loc: tuple[int | str, ...]) -> str:
    """A problem's place, naming the rule by its id when it has one: rules[3] (us-fl-ftsa-cap).windows.mon."""
    if len(loc) < 2 or loc[0] != "rules" or not isinstance(loc[1], int):
        return ".".join(str(part) for part in loc) or "(top)"
    rule_id = _row_id(data, loc[1])
    named = f"rules[{loc[1]}]" + (f" ({rule_id})" if rule_id else "")
    return named + "".join(f".{part}" for part in loc[2:])


def _row_id(data: Any, index: int) -> str | None:
    rows = data.get("rules") if isinstance(data, dict) else None
    row = rows[index] if isinstance(rows, list) and index < len(rows) else None
    rule_id = row.get("id") if isinstance(row, dict) else None
    return rule_id if isinstance(rule_id, str) else None


@cache
def load_rule_table() -> RuleTable:
    """The shipped table, read and validated once per process."""
    with TABLE_PATH.open(encoding="utf-8") as file:
        return parse_rule_table(json.load(file))


def known_rule_sets() -> tuple[str, ...]:
    return load_rule_table().rule_sets
