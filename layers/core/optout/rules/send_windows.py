"""Send-time rules (docs/send-time-rules.md): may a message go to a recipient at a given instant, and
if not, the earliest instant every applicable rule allows.

- Quiet hours are checked in EVERY zone the recipient may be in: the stricter wins. A location with
  no zone gets the workspace's default window (rule id "workspace-default-window").
- A day's window runs from the first instant the local clock shows its start to the first instant
  it shows its end (zoneinfo, so daylight-saving changes are exact): a start inside the
  spring-forward gap opens when the clock jumps past it; an hour repeated at fall-back is not
  reopened once the window has closed.
- A rule is in force on the local dates from effective_from to before effective_to, per zone.
- A cap counts the sends of the rolling window before the instant: with a topic, those of the same
  topic and those whose topic is unknown (counted against every topic); without one, all of them.
- `decide_send_time` moves to the latest "next allowed" instant of the rules that refuse, and checks
  again, until every rule allows (a fixed point): a cap freeing at 22:00 then waits for 08:00.

Pure: no clock, no I/O. Every datetime taken must carry a time zone; those returned are UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from optout.send_records import SentMessage  # defined below the rules: the send log stores them too
from optout.send_rule_settings import DefaultWindow, SendRuleSettings, to_send_rules
from optout.send_rule_table import FREQUENCY_CAP, QUIET_HOURS, RuleTable, SendRule, load_rule_table

if TYPE_CHECKING:
    from optout.rules.recipient_location import RecipientLocation

__all__ = [
    "DEFAULT_WINDOW_RULE_ID",
    "CapReason",
    "QuietHoursReason",
    "RuleTable",
    "SendRule",
    "SendTimeDecision",
    "SentMessage",
    "applicable_rules",
    "covers",
    "decide_send_time",
    "load_rule_table",
    "next_allowed",
]

DEFAULT_WINDOW_RULE_ID = "workspace-default-window"
# Every rule allows some hours each week and a cap frees within a week (168 h at most), so a
# consistent set of rules allows within 15 days; past that the rules contradict each other (custom
# windows that never overlap across two zones) and no instant is given.
SEARCH_HORIZON = timedelta(days=15)
MAX_ROUNDS = 200


@dataclass(frozen=True)
class QuietHoursReason:
    rule_id: str
    time_zone: str
    next_allowed_at: datetime  # UTC

    def next_allowed_local(self) -> datetime:
        return self.next_allowed_at.astimezone(ZoneInfo(self.time_zone))


@dataclass(frozen=True)
class CapReason:
    rule_id: str
    count: int
    limit: int
    window: timedelta
    frees_at: datetime  # UTC: when enough of the counted sends have left the window for one more


Reason = QuietHoursReason | CapReason


@dataclass(frozen=True)
class SendTimeDecision:
    reasons: tuple[Reason, ...]  # empty: may send at the instant asked about
    # The earliest UTC instant at which every rule allows; None when reasons is empty, or (only with
    # contradictory custom rules) when no instant within SEARCH_HORIZON allows.
    sendable_at: datetime | None


@dataclass(frozen=True)
class _Counted:
    """The sends a cap counts, oldest first: all of them, and those of the topic asked about."""

    every: tuple[datetime, ...]
    same_topic: tuple[datetime, ...]


def covers(jurisdiction: str, location: RecipientLocation) -> bool:
    """ "US" covers every US number; "US-FL" a number whose regions include FL."""
    country, _, region = jurisdiction.partition("-")
    return location.country == country and (not region or region in location.regions)


def applicable_rules(
    table: RuleTable, settings: SendRuleSettings, location: RecipientLocation, at: datetime
) -> list[SendRule]:
    """The table's rules of the workspace's rule sets and its custom rules that cover the location and
    may be in force from `at` on (decide_send_time checks the exact local dates in each zone)."""
    if not settings.enabled:
        return []
    chosen = [rule for rule in table.rules if rule.rule_set in settings.rule_sets]
    chosen += [to_send_rules(custom) for custom in settings.custom_rules]
    # A local date is at most a day from the UTC one.
    first, last = (_utc(at) - timedelta(days=1)).date(), (_utc(at) + SEARCH_HORIZON + timedelta(days=1)).date()
    return [
        rule
        for rule in chosen
        if covers(rule.jurisdiction, location)
        and rule.effective_from <= last
        and (rule.effective_to is None or rule.effective_to > first)
    ]


def decide_send_time(
    rules: Sequence[SendRule],
    location: RecipientLocation,
    at: datetime,
    sends: Sequence[SentMessage],
    topic: str | None,
    default_window: DefaultWindow,
) -> SendTimeDecision:
    """Whether every rule allows a send at `at` and, if not, why and the earliest instant they all do."""
    start = _utc(at)
    zones = tuple(ZoneInfo(name) for name in location.time_zones) or (ZoneInfo(default_window.time_zone),)
    active = [*rules, default_window_rule(default_window)] if not location.time_zones else list(rules)
    counted = _count(sends, topic)
    found: dict[tuple[str, str], Reason] = {}  # latest reason per (rule, zone), in first-seen order
    candidate = start
    for _ in range(MAX_ROUNDS):
        refusals = _refusals(active, zones, candidate, counted)
        if not refusals:
            return SendTimeDecision(tuple(found.values()), candidate if found else None)
        for reason in refusals:
            found[_key(reason)] = reason
        # No refusing rule allows before its own next instant, so none in between can be skipped.
        candidate = max(_until(reason) for reason in refusals)
        if candidate > start + SEARCH_HORIZON:
            break
    return SendTimeDecision(tuple(found.values()), None)


def _refusals(rules: Sequence[SendRule], zones: Sequence[ZoneInfo], at: datetime, counted: _Counted) -> list[Reason]:
    refusals: list[Reason] = []
    for rule in rules:
        if rule.kind == QUIET_HOURS:
            for zone in zones:
                allowed = next_allowed(rule, zone, at)
                if allowed > at:
                    refusals.append(QuietHoursReason(rule.id, zone.key, allowed))
        elif rule.kind == FREQUENCY_CAP and (cap := _cap_reason(rule, zones, at, counted)):
            refusals.append(cap)
    return refusals


def next_allowed(rule: SendRule, zone: ZoneInfo, at: datetime) -> datetime:
    """The earliest instant at or after `at` (UTC) at which a quiet-hours rule allows a send in `zone`."""
    today = at.astimezone(zone).date()
    for offset in range(8):  # today, and the same weekday next week
        day = today + timedelta(days=offset)
        if not rule.in_force_on(day):
            return max(at, local_instant(day, time(0), zone))  # the rule says nothing on that day
        span = rule.windows.get(day.weekday())
        if span is not None and at < local_instant(day, span[1], zone):
            return max(at, local_instant(day, span[0], zone))
    raise ValueError(f"rule {rule.id} allows no hours on any day")  # the table and settings refuse such rules


@lru_cache(maxsize=4096)  # a list's numbers share their days and zones: computed once each
def local_instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The first instant (UTC) at which the clock in `zone` shows `clock` or later on `day`."""
    wall = datetime.combine(day, clock)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)  # fold 0: the first of a repeated time
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # `clock` falls in a spring-forward gap: fold 1 reads it with the offset after the jump, giving
    # an instant before the jump, and fold 0 one after it. The clock passes `clock` at the jump.
    return _jump_between(wall.replace(tzinfo=zone, fold=1).astimezone(UTC), first, zone)


def _jump_between(before: datetime, after: datetime, zone: ZoneInfo) -> datetime:
    """The instant of the one offset change of `zone` in (before, after], to the second."""
    offset = before.astimezone(zone).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == offset:
            before = middle
        else:
            after = middle
    # Zones change offset on whole seconds, so the second `after` falls in is still past the change.
    return after.replace(microsecond=0)


def _cap_reason(rule: SendRule, zones: Sequence[ZoneInfo], at: datetime, counted: _Counted) -> CapReason | None:
    """Why a cap refuses a send at `at`, or None; in force if so on the local date of any zone."""
    assert rule.cap_limit is not None and rule.cap_window is not None  # a cap's row validation ensures them
    if not any(rule.in_force_on(at.astimezone(zone).date()) for zone in zones):
        return None
    sends = counted.every if rule.cap_scope == "all" else counted.same_topic
    inside = [sent for sent in sends if sent > at - rule.cap_window]
    if len(inside) < rule.cap_limit:
        return None
    # One more is allowed once all but limit - 1 of these have left the window.
    leaving = inside[len(inside) - rule.cap_limit]
    return CapReason(rule.id, len(inside), rule.cap_limit, rule.cap_window, leaving + rule.cap_window)


def _count(sends: Sequence[SentMessage], topic: str | None) -> _Counted:
    every = sorted(_utc(sent.at) for sent in sends)
    same = sorted(_utc(s.at) for s in sends if topic is None or s.topic is None or s.topic == topic)
    return _Counted(tuple(every), tuple(same))


@lru_cache(maxsize=64)
def default_window_rule(window: DefaultWindow) -> SendRule:
    """The workspace's default window as a quiet-hours rule of every day."""
    return SendRule(
        id=DEFAULT_WINDOW_RULE_ID,
        rule_set="workspace",
        jurisdiction="*",
        kind=QUIET_HOURS,
        windows=dict.fromkeys(range(7), (window.start, window.end)),
        cap_limit=None,
        cap_window=None,
        cap_scope=None,
        effective_from=date.min,
        effective_to=None,
        source="The workspace's default window, for a number whose time zone is unknown.",
    )


def _key(reason: Reason) -> tuple[str, str]:
    return (reason.rule_id, reason.time_zone if isinstance(reason, QuietHoursReason) else "")


def _until(reason: Reason) -> datetime:
    return reason.next_allowed_at if isinstance(reason, QuietHoursReason) else reason.frees_at


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; send-time rules need an aware datetime")
    return moment.astimezone(UTC)
