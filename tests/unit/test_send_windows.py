"""The send-time rules (docs/send-time-rules.md): each table row at the edges of its window, Texas'
Sunday, Virginia's start date, both daylight-saving changes of 2026, several zones, the caps, the
fixed point of caps and quiet hours, and the default window of a number with no known zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optout.rules.recipient_location import RecipientLocation
from optout.rules.send_windows import (
    DEFAULT_WINDOW_RULE_ID,
    CapReason,
    QuietHoursReason,
    SentMessage,
    applicable_rules,
    decide_send_time,
    load_rule_table,
    local_instant,
)
from optout.send_rule_settings import CustomSendRule, DefaultWindow, SendRuleSettings, to_send_rules

EASTERN, CENTRAL, PACIFIC = "America/New_York", "America/Chicago", "America/Los_Angeles"
DEFAULT = DefaultWindow()
PROPERTY = settings(derandomize=True, deadline=None, database=None, max_examples=150)


def where(*regions: str, zones: tuple[str, ...] = (EASTERN,), country: str | None = "US") -> RecipientLocation:
    return RecipientLocation(
        country=country, regions=tuple(regions), time_zones=zones, basis=("area_code",), area_code=None
    )


def local(zone: str, text: str, fold: int = 0) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone), fold=fold)


def rule(rule_id: str):
    return next(r for r in load_rule_table().rules if r.id == rule_id)


def decide(rules, location, at, sends=(), topic=None, default=DEFAULT):
    return decide_send_time(list(rules), location, at, list(sends), topic, default)


def state_rules(location, at, rule_settings=None):
    return applicable_rules(load_rule_table(), rule_settings or SendRuleSettings(), location, at)


# (rule, region, zone, day, start, end, the day after, the next day's start)
EDGES = [
    ("us-federal-hours", None, EASTERN, "2026-06-10", "08:00", "21:00", "2026-06-11", "08:00"),
    ("us-fl-ftsa-hours", "FL", EASTERN, "2026-06-10", "08:00", "20:00", "2026-06-11", "08:00"),
    ("us-ok-otsa-hours", "OK", CENTRAL, "2026-06-10", "08:00", "20:00", "2026-06-11", "08:00"),
    ("us-md-hours", "MD", EASTERN, "2026-06-10", "08:00", "20:00", "2026-06-11", "08:00"),
    ("us-wa-hours", "WA", PACIFIC, "2026-06-10", "08:00", "20:00", "2026-06-11", "08:00"),
    ("us-ct-hours", "CT", EASTERN, "2026-06-10", "09:00", "20:00", "2026-06-11", "09:00"),
    ("us-va-vtppa-hours", "VA", EASTERN, "2026-06-10", "08:00", "21:00", "2026-06-11", "08:00"),
    ("us-tx-sb140-hours", "TX", CENTRAL, "2026-06-10", "09:00", "21:00", "2026-06-11", "09:00"),
    ("us-tx-sb140-hours", "TX", CENTRAL, "2026-06-13", "09:00", "21:00", "2026-06-14", "12:00"),  # Sat -> Sun
    ("us-tx-sb140-hours", "TX", CENTRAL, "2026-06-14", "12:00", "21:00", "2026-06-15", "09:00"),  # Sun -> Mon
]


def _minus_minute(clock: str) -> str:
    return (datetime.combine(date.min, time.fromisoformat(clock)) - timedelta(minutes=1)).strftime("%H:%M")


@pytest.mark.parametrize(("rule_id", "region", "zone", "day", "start", "end", "next_day", "next_start"), EDGES)
def test_each_row_at_the_edges_of_its_window(rule_id, region, zone, day, start, end, next_day, next_start):
    row, location = rule(rule_id), where(*([region] if region else []), zones=(zone,))
    # One minute before the start: deferred to the start, that day.
    early = decide([row], location, local(zone, f"{day} {_minus_minute(start)}"))
    assert early.sendable_at == local(zone, f"{day} {start}").astimezone(UTC)
    assert [(r.rule_id, r.time_zone) for r in early.reasons] == [(rule_id, zone)]
    assert early.reasons[0].next_allowed_local() == local(zone, f"{day} {start}")
    # At the start and one minute before the end: sendable now.
    for clock in (start, _minus_minute(end)):
        assert decide([row], location, local(zone, f"{day} {clock}")).reasons == ()
    # At the end (exclusive): deferred to the next day's start.
    late = decide([row], location, local(zone, f"{day} {end}"))
    assert late.sendable_at == local(zone, f"{next_day} {next_start}").astimezone(UTC)


@pytest.mark.parametrize(
    ("region", "zone", "at", "expected", "deciding"),
    [
        ("FL", EASTERN, "2026-06-10 21:30", "2026-06-11 08:00", {"us-federal-hours", "us-fl-ftsa-hours"}),
        ("FL", EASTERN, "2026-06-10 20:30", "2026-06-11 08:00", {"us-fl-ftsa-hours"}),  # federal allows 20:30
        ("CT", EASTERN, "2026-06-10 08:30", "2026-06-10 09:00", {"us-ct-hours"}),
        ("TX", CENTRAL, "2026-06-14 10:00", "2026-06-14 12:00", {"us-tx-sb140-hours"}),  # Sunday: noon
        ("TX", CENTRAL, "2026-06-13 10:00", None, set()),  # Saturday 10:00 is allowed
        ("NY", EASTERN, "2026-06-10 20:30", None, set()),  # federal hours only
    ],
)
def test_the_strictest_applicable_rule_decides(region, zone, at, expected, deciding):
    location = where(region, zones=(zone,))
    decision = decide(state_rules(location, local(zone, at)), location, local(zone, at))
    assert decision.sendable_at == (local(zone, expected).astimezone(UTC) if expected else None)
    assert {r.rule_id for r in decision.reasons} == deciding


def test_the_texas_rule_set_can_be_turned_off():
    location, at = where("TX", zones=(CENTRAL,)), local(CENTRAL, "2026-06-14 10:00")
    only_states = SendRuleSettings(rule_sets=["us_federal", "us_states"])
    assert decide(state_rules(location, at, only_states), location, at).reasons == ()


@pytest.mark.parametrize(
    ("at", "deferred_until"),
    [
        ("2025-12-31 07:30", None),  # not in force yet: the Virginia rule says nothing
        ("2026-01-01 07:30", "2026-01-01 08:00"),
        ("2025-12-31 22:00", None),  # the next morning is in 2026, but the rule allows 22:00 of 2025
        ("2026-06-10 21:30", "2026-06-11 08:00"),
    ],
)
def test_virginia_from_2026(at, deferred_until):
    location = where("VA")
    decision = decide([rule("us-va-vtppa-hours")], location, local(EASTERN, at))
    assert decision.sendable_at == (local(EASTERN, deferred_until).astimezone(UTC) if deferred_until else None)


def test_virginia_is_applicable_from_shortly_before_its_start():
    location = where("VA")
    ids = lambda at: {r.id for r in state_rules(location, local(EASTERN, at))}  # noqa: E731
    assert "us-va-vtppa-hours" not in ids("2025-06-01 12:00")
    assert "us-va-vtppa-hours" in ids("2025-12-31 23:00")  # decide_send_time checks the exact date
    assert "us-va-vtppa-hours" in ids("2026-06-01 12:00")


@pytest.mark.parametrize(
    ("at", "expected_utc", "expected_local"),
    [
        # Spring forward (2026-03-08, 02:00 EST -> 03:00 EDT): Saturday night waits for 08:00 EDT.
        (local(EASTERN, "2026-03-07 21:30"), "2026-03-08 12:00", "2026-03-08T08:00:00-04:00"),
        (local(EASTERN, "2026-03-08 01:59"), "2026-03-08 12:00", "2026-03-08T08:00:00-04:00"),
        (local(EASTERN, "2026-03-08 03:00"), "2026-03-08 12:00", "2026-03-08T08:00:00-04:00"),
        # Fall back (2026-11-01, 02:00 EDT -> 01:00 EST): both 01:30s wait for 08:00 EST.
        (local(EASTERN, "2026-10-31 21:30"), "2026-11-01 13:00", "2026-11-01T08:00:00-05:00"),
        (local(EASTERN, "2026-11-01 01:30", fold=0), "2026-11-01 13:00", "2026-11-01T08:00:00-05:00"),
        (local(EASTERN, "2026-11-01 01:30", fold=1), "2026-11-01 13:00", "2026-11-01T08:00:00-05:00"),
        # The evening of each change ends at 21:00 local in the new offset.
        (local(EASTERN, "2026-03-08 21:00"), "2026-03-09 12:00", "2026-03-09T08:00:00-04:00"),
        (local(EASTERN, "2026-11-01 21:00"), "2026-11-02 13:00", "2026-11-02T08:00:00-05:00"),
    ],
)
def test_deferrals_across_daylight_saving_changes(at, expected_utc, expected_local):
    decision = decide([rule("us-federal-hours")], where(), at)
    assert decision.sendable_at == datetime.fromisoformat(expected_utc).replace(tzinfo=UTC)
    assert decision.reasons[0].next_allowed_local().isoformat() == expected_local


def test_sendable_inside_the_window_on_change_days():
    for text in ("2026-03-08 08:00", "2026-03-08 20:59", "2026-11-01 08:00", "2026-11-01 20:59"):
        assert decide([rule("us-federal-hours")], where(), local(EASTERN, text)).reasons == ()


def every_day(start: str, end: str) -> dict[str, list[str]]:
    return {day: [start, end] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def _custom(windows: dict[str, list[str]], **extra) -> object:
    row = {"id": "ws-night", "jurisdiction": "US", "kind": "quiet_hours", "windows": windows, **extra}
    return to_send_rules(CustomSendRule.model_validate(row))


@pytest.mark.parametrize(
    ("day", "clock", "zone", "expected_utc"),
    [
        ("2026-03-08", "02:30", EASTERN, "2026-03-08 07:00"),  # in the gap: the jump to 03:00 EDT
        ("2026-03-08", "03:00", EASTERN, "2026-03-08 07:00"),
        ("2026-03-08", "01:59", EASTERN, "2026-03-08 06:59"),
        ("2026-11-01", "01:30", EASTERN, "2026-11-01 05:30"),  # repeated: the first (EDT) one
        ("2026-11-01", "02:00", EASTERN, "2026-11-01 07:00"),
        ("2026-03-29", "01:30", "Europe/London", "2026-03-29 01:00"),  # London's gap, 01:00 -> 02:00
    ],
)
def test_local_instants_of_missing_and_repeated_times(day, clock, zone, expected_utc):
    moment = local_instant(date.fromisoformat(day), time.fromisoformat(clock), ZoneInfo(zone))
    assert moment == datetime.fromisoformat(expected_utc).replace(tzinfo=UTC)


def test_a_window_starting_in_the_gap_opens_at_the_jump():
    night = _custom({"sun": ["02:30", "05:00"]})
    decision = decide([night], where(), local(EASTERN, "2026-03-08 01:45"))
    assert decision.sendable_at == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT


def test_an_hour_repeated_after_the_window_closed_stays_closed():
    night = _custom({"sun": ["00:00", "01:30"]})
    second_pass = local(EASTERN, "2026-11-01 01:15", fold=1)  # 06:15 UTC, after 01:30 EDT closed it
    decision = decide([night], where(), second_pass)
    assert decision.sendable_at == local(EASTERN, "2026-11-08 00:00").astimezone(UTC)
    assert decide([night], where(), local(EASTERN, "2026-11-01 01:15", fold=0)).reasons == ()


FLORIDA = where("FL", zones=(EASTERN, CENTRAL))  # area code 850 spans both


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(EASTERN, "2026-06-10 07:30"), local(CENTRAL, "2026-06-10 08:00")),  # = 09:00 Eastern
        (local(CENTRAL, "2026-06-10 19:30"), local(CENTRAL, "2026-06-11 08:00")),  # Eastern is at 20:30
        (local(EASTERN, "2026-06-10 08:59"), local(CENTRAL, "2026-06-10 08:00")),
        (local(EASTERN, "2026-06-10 09:00"), None),
        (local(CENTRAL, "2026-06-10 18:59"), None),  # 19:59 Eastern
    ],
)
def test_every_zone_of_the_location_must_allow(at, expected):
    decision = decide(state_rules(FLORIDA, at), FLORIDA, at)
    assert decision.sendable_at == (expected.astimezone(UTC) if expected else None)


def test_reasons_name_each_refusing_zone():
    at = local(EASTERN, "2026-06-10 07:30")
    decision = decide([rule("us-fl-ftsa-hours")], FLORIDA, at)
    assert {(r.rule_id, r.time_zone) for r in decision.reasons} == {
        ("us-fl-ftsa-hours", EASTERN),
        ("us-fl-ftsa-hours", CENTRAL),
    }


NOON = local(EASTERN, "2026-06-10 12:00")


def sent(hours_ago: float, topic: str | None = "promo") -> SentMessage:
    return SentMessage(at=(NOON - timedelta(hours=hours_ago)).astimezone(UTC), topic=topic)


CAP = "us-fl-ftsa-cap"


@pytest.mark.parametrize(
    ("sends", "topic", "frees_after_hours"),
    [
        ([sent(1), sent(2)], "promo", None),  # two: a third may go
        ([sent(1), sent(2), sent(3)], "promo", 21),  # three: until the oldest leaves the 24 hours
        ([sent(1), sent(2), sent(4), sent(5)], "promo", 20),  # four: until two have left
        ([sent(1), sent(2), sent(24)], "promo", None),  # exactly 24 h ago: out of the window
        ([sent(1), sent(2), sent(24.5)], "promo", None),
        ([sent(1), sent(2), sent(23.5)], "promo", 0.5),
        ([sent(1, "news"), sent(2, "news"), sent(3, "news")], "promo", None),  # another subject
        ([sent(1), sent(2), sent(3, None)], "promo", 21),  # an unknown subject counts against every topic
        ([sent(1, "news"), sent(2, "promo"), sent(3, None)], None, 21),  # no topic: every send counts
    ],
)
def test_the_florida_cap(sends, topic, frees_after_hours):
    decision = decide([rule(CAP)], FLORIDA, NOON, sends, topic)
    if frees_after_hours is None:
        assert decision.reasons == ()
        return
    frees = (NOON + timedelta(hours=frees_after_hours)).astimezone(UTC)
    assert decision.sendable_at == frees
    (reason,) = decision.reasons
    assert isinstance(reason, CapReason)
    assert (reason.rule_id, reason.count, reason.limit, reason.window, reason.frees_at) == (
        CAP,
        len([s for s in sends if s.at > NOON - timedelta(hours=24)]),
        3,
        timedelta(hours=24),
        frees,
    )


@pytest.mark.parametrize("cap", ["us-fl-ftsa-cap", "us-ok-otsa-cap", "us-md-cap"])
def test_each_state_cap_allows_three_a_day(cap):
    assert decide([rule(cap)], FLORIDA, NOON, [sent(1), sent(2)], "promo").reasons == ()
    assert decide([rule(cap)], FLORIDA, NOON, [sent(1), sent(2), sent(23)], "promo").sendable_at == (
        NOON + timedelta(hours=1)
    ).astimezone(UTC)


def test_a_custom_cap_of_scope_all_counts_every_topic():
    cap = to_send_rules(
        CustomSendRule.model_validate(
            {"id": "ws-cap", "jurisdiction": "US", "kind": "frequency_cap", "cap_limit": 2, "cap_window_hours": 12}
        )
    )
    decision = decide([cap], FLORIDA, NOON, [sent(1, "news"), sent(2, "alerts")], "promo")
    assert decision.sendable_at == (NOON + timedelta(hours=10)).astimezone(UTC)


def test_a_cap_freeing_in_quiet_hours_waits_for_the_morning():
    # Sends at 22:00 yesterday, 10:00 and 11:00 today (Eastern): the cap frees at 22:00 tonight,
    # when Florida's hours are closed in both zones; at 08:00 Central tomorrow two remain.
    at = local(EASTERN, "2026-06-10 15:00")
    times = ["2026-06-09 22:00", "2026-06-10 10:00", "2026-06-10 11:00"]
    sends = [SentMessage(local(EASTERN, t).astimezone(UTC), "promo") for t in times]
    decision = decide(state_rules(FLORIDA, at), FLORIDA, at, sends, "promo")
    assert decision.sendable_at == local(CENTRAL, "2026-06-11 08:00").astimezone(UTC)
    cap = next(r for r in decision.reasons if isinstance(r, CapReason))
    assert cap.frees_at == local(EASTERN, "2026-06-10 22:00").astimezone(UTC)
    assert {r.rule_id for r in decision.reasons if isinstance(r, QuietHoursReason)} >= {"us-fl-ftsa-hours"}


def test_quiet_hours_ending_while_the_cap_is_full_wait_for_the_cap():
    at = local(EASTERN, "2026-06-10 07:00")
    sends = [
        SentMessage(local(EASTERN, t).astimezone(UTC), "promo")
        for t in ("2026-06-09 09:30", "2026-06-09 12:00", "2026-06-09 13:00")
    ]
    decision = decide(state_rules(where("FL"), at), where("FL"), at, sends, "promo")
    assert decision.sendable_at == local(EASTERN, "2026-06-10 09:30").astimezone(UTC)


@pytest.mark.parametrize(
    ("window", "at", "expected"),
    [
        (DefaultWindow(), local(EASTERN, "2026-06-10 07:59"), local(EASTERN, "2026-06-10 08:00")),
        (DefaultWindow(), local(EASTERN, "2026-06-10 20:59"), None),
        (DefaultWindow(), local(EASTERN, "2026-06-10 21:00"), local(EASTERN, "2026-06-11 08:00")),
        (
            DefaultWindow.model_validate({"start": "09:00", "end": "17:00", "time_zone": "Europe/London"}),
            local("Europe/London", "2026-06-10 08:30"),
            local("Europe/London", "2026-06-10 09:00"),
        ),
    ],
)
def test_a_number_with_no_zone_gets_the_default_window(window, at, expected):
    abroad = where(zones=(), country=None)
    decision = decide(state_rules(abroad, at), abroad, at, default=window)
    assert decision.sendable_at == (expected.astimezone(UTC) if expected else None)
    if expected:
        assert [(r.rule_id, r.time_zone) for r in decision.reasons] == [(DEFAULT_WINDOW_RULE_ID, window.time_zone)]


def test_the_default_window_applies_only_without_zones():
    at = local("Europe/London", "2026-06-10 08:30")
    london = DefaultWindow.model_validate({"start": "09:00", "end": "17:00", "time_zone": "Europe/London"})
    assert decide([], where("NY"), at, default=london).reasons == ()  # 03:30 Eastern, but no rules given


def test_applicable_rules_follow_the_settings_and_the_location():
    at, florida = local(EASTERN, "2026-06-10 12:00"), where("FL")
    ids = lambda s, loc=florida: {r.id for r in state_rules(loc, at, s)}  # noqa: E731
    assert ids(SendRuleSettings()) == {"us-federal-hours", "us-fl-ftsa-hours", "us-fl-ftsa-cap"}
    assert ids(SendRuleSettings(enabled=False)) == set()
    assert ids(SendRuleSettings(rule_sets=["us_federal"])) == {"us-federal-hours"}
    custom = CustomSendRule.model_validate(
        {"id": "ws-fl", "jurisdiction": "US-FL", "kind": "quiet_hours", "windows": {"mon": ["10:00", "18:00"]}}
    )
    with_custom = SendRuleSettings(custom_rules=[custom])
    assert "ws-fl" in ids(with_custom)
    assert "ws-fl" not in ids(with_custom, where("TX", zones=(CENTRAL,)))
    assert ids(SendRuleSettings(), where(zones=(), country="CA")) == set()


def test_a_custom_rule_only_adds_restrictions():
    # Allowing 06:00-23:00 does not lift Florida's 8-8: the rules are ANDed.
    wide = _custom(every_day("06:00", "23:00"))
    at = local(EASTERN, "2026-06-10 07:00")
    florida = where("FL")
    assert decide([*state_rules(florida, at), wide], florida, at).sendable_at == local(
        EASTERN, "2026-06-10 08:00"
    ).astimezone(UTC)


def test_contradictory_custom_rules_give_no_instant():
    # 09:00-10:00 in New York and in Tokyo never overlap.
    morning = _custom(every_day("09:00", "10:00"))
    two = where(zones=(EASTERN, "Asia/Tokyo"))
    decision = decide([morning], two, local(EASTERN, "2026-06-10 12:00"))
    assert decision.sendable_at is None and decision.reasons


def test_an_instant_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="no time zone"):
        decide([rule("us-federal-hours")], where(), datetime(2026, 6, 10, 12, 0))


@PROPERTY
@given(
    minutes=st.integers(min_value=0, max_value=60 * 24 * 14),
    ago=st.lists(st.integers(min_value=0, max_value=60 * 30), max_size=5),
    topics=st.lists(st.sampled_from(["promo", "news", None]), min_size=5, max_size=5),
)
def test_sendable_at_is_the_first_minute_every_rule_allows(minutes, ago, topics):
    # From late 2026 through the fall-back change, Florida's two zones with the federal rule and the cap.
    at = datetime(2026, 10, 25, 12, 0, tzinfo=UTC) + timedelta(minutes=minutes)
    sends = [SentMessage(at - timedelta(minutes=m), t) for m, t in zip(ago, topics, strict=False)]
    rules = state_rules(FLORIDA, at)
    decision = decide(rules, FLORIDA, at, sends, "promo")
    if decision.sendable_at is None:
        assert decision.reasons == ()
        return
    assert decision.sendable_at > at
    assert decide(rules, FLORIDA, decision.sendable_at, sends, "promo").reasons == ()
    # No earlier instant allows: the second and the minute before, and a sample of the wait.
    wait = decision.sendable_at - at
    earlier = [decision.sendable_at - timedelta(seconds=1), decision.sendable_at - timedelta(minutes=1)]
    earlier += [at + wait * step / 16 for step in range(16)]
    for moment in earlier:
        if moment >= at:
            assert decide(rules, FLORIDA, moment, sends, "promo").reasons != ()
