"""Eligibility with the send-time rules, through the real contacts handler on moto tables: quiet
hours by state in the recipient's zone, the frequency caps from the send log, a contact's state
attribute, the workspace's own rules and rule sets, reassigned numbers, and what it all costs."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from optout import repository
from tests.fakes.send_times import CENTRAL, EASTERN, PACIFIC, daytime, local, local_time

FLORIDA = "+13055550140"  # Miami: Eastern
CONNECTICUT = "+12035550140"  # New Haven: Eastern
TEXAS = "+15125550140"  # Austin: Central
CALIFORNIA = "+12135550140"  # Los Angeles: Pacific
SUNDAY = 6


def check(api, key, phones, at=None, topic=None, expect=200):
    body = {"phones": phones, **({"at": at.isoformat() if isinstance(at, datetime) else at} if at else {})}
    if topic:
        body["topic"] = topic
    status, answer = api.request("POST", "/v1/eligibility", key=key, json_body=body)
    assert status == expect, answer
    return answer


def deferral(answer, phone):
    rows = [row for row in answer["deferred"] if row["phone"] == phone]
    assert len(rows) == 1, answer
    return rows[0]


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def put_send_rules(api, workspace, **send_rules):
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"send_rules": send_rules})
    assert status == 200, body
    return body


def quiet_rules(row):
    return {reason["rule"] for reason in row["reasons"] if reason["code"] == "quiet_hours"}


@pytest.mark.parametrize(
    ("phone", "zone", "planned", "weekday", "allowed", "rule"),
    [
        # Florida at 21:30 Eastern: 08:00 local the next day (FTSA 8am-8pm, and the federal 8am-9pm)
        (FLORIDA, EASTERN, time(21, 30), None, time(8, 0), "us-fl-ftsa-hours"),
        # Connecticut at 08:30 local: 09:00
        (CONNECTICUT, EASTERN, time(8, 30), None, time(9, 0), "us-ct-hours"),
        # Texas on a Sunday at 10:00 local: noon
        (TEXAS, CENTRAL, time(10, 0), SUNDAY, time(12, 0), "us-tx-sb140-hours"),
    ],
)
def test_quiet_hours_defer_until_the_state_allows(api, workspace, phone, zone, planned, weekday, allowed, rule):
    at = local_time(zone, planned, weekday=weekday)
    answer = check(api, workspace["member"], [phone], at)
    row = deferral(answer, phone)
    expected_day = at.date() + timedelta(days=1) if allowed < planned else at.date()
    expected = local(expected_day, allowed, zone)
    assert instant(row["sendable_at"]) == expected
    assert answer["sendable"] == [] and answer["counts"]["deferred"] == 1
    assert answer["rules_version"] and rule in quiet_rules(row)
    reason = next(r for r in row["reasons"] if r["rule"] == rule)
    assert reason["time_zone"] == zone.key
    assert instant(reason["next_allowed_at"]) == expected
    assert datetime.fromisoformat(reason["next_allowed_local"]).replace(tzinfo=None) == datetime.combine(
        expected_day, allowed
    )
    # At the time it names, the same number is sendable.
    if expected - datetime.now(UTC) < timedelta(days=30):
        assert check(api, workspace["member"], [phone], expected)["sendable"] == [phone]


def test_a_california_number_keeps_the_federal_hours_only(api, workspace):
    at = local_time(PACIFIC, time(20, 30))
    assert check(api, workspace["member"], [CALIFORNIA], at)["sendable"] == [CALIFORNIA]
    row = deferral(check(api, workspace["member"], [CALIFORNIA], at + timedelta(hours=1)), CALIFORNIA)
    assert quiet_rules(row) == {"us-federal-hours"}


def test_a_florida_state_attribute_gives_florida_hours_to_a_california_number(api, workspace):
    status, body = api.request(
        "POST", "/v1/contacts", key=workspace["member"], json_body={"phone": CALIFORNIA, "attributes": {"state": "FL"}}
    )
    assert status in (200, 201), body
    other = "+12135550141"  # the same area code, no attribute
    at = local_time(PACIFIC, time(17, 30))  # 20:30 in Miami: past Florida's 8 pm
    answer = check(api, workspace["member"], [CALIFORNIA, other], at)
    assert answer["sendable"] == [other]
    row = deferral(answer, CALIFORNIA)
    assert "us-fl-ftsa-hours" in quiet_rules(row)
    # The stricter of both places: Florida's 8 am in Los Angeles' zone too, so not before 08:00 Pacific.
    assert instant(row["sendable_at"]) == local(at.date() + timedelta(days=1), time(8, 0), PACIFIC)


def record_sends(api, key, phone, times, topic=None):
    sends = [
        {
            "phone": phone,
            "message_id": f"m-{at.timestamp():.0f}",
            "sent_at": at.isoformat(),
            **({"topic": topic} if topic else {}),
        }
        for at in times
    ]
    status, body = api.request("POST", "/v1/sends", key=key, json_body={"sends": sends})
    assert status == 202, body


def test_florida_with_three_sends_in_24_hours_is_deferred_until_the_window_frees(api, workspace):
    now = datetime.now(UTC).replace(microsecond=0)
    sent = [now - timedelta(hours=20), now - timedelta(hours=2), now - timedelta(hours=1)]
    record_sends(api, workspace["member"], FLORIDA, sent[:2])
    at = now + timedelta(minutes=10)  # the oldest send still counts then
    # Two sends: under Florida's cap of three (quiet hours may defer it, depending on the hour).
    first = check(api, workspace["member"], [FLORIDA], at)
    assert not any(r["code"] == "frequency_cap" for row in first["deferred"] for r in row["reasons"])
    record_sends(api, workspace["member"], FLORIDA, sent[2:])
    row = deferral(check(api, workspace["member"], [FLORIDA], at), FLORIDA)
    cap = next(r for r in row["reasons"] if r["code"] == "frequency_cap")
    assert (cap["rule"], cap["count"], cap["limit"], cap["window_hours"]) == ("us-fl-ftsa-cap", 3, 3, 24)
    assert instant(cap["frees_at"]) == sent[0] + timedelta(hours=24)
    sendable_at = instant(row["sendable_at"])
    assert sendable_at >= sent[0] + timedelta(hours=24)
    assert time(8, 0) <= sendable_at.astimezone(EASTERN).time() < time(20, 0)
    # After the window (and inside Florida's hours) the number is sendable again.
    assert check(api, workspace["member"], [FLORIDA], sendable_at)["sendable"] == [FLORIDA]


def test_sends_count_only_where_a_cap_applies(api, workspace, ddb_calls):
    """California has no cap: its numbers cost no send-log read at all."""
    check(api, workspace["member"], [CALIFORNIA], daytime())  # caches warm
    ddb_calls.clear()
    check(api, workspace["member"], [CALIFORNIA, "+12135550142"], daytime())
    assert ddb_calls.count("BatchGetItem") == 1  # the contacts; GetItem: the calling key


@pytest.mark.parametrize(("count", "batch_gets"), [(1, 2), (100, 2), (101, 4), (10_000, 200)])
def test_eligibility_costs_at_most_two_batch_gets_per_100_numbers(api, workspace, ddb_calls, count, batch_gets):
    # Florida numbers, so that every one has a cap and its send log is read: the worst case.
    phones = [f"+1305{200 + i // 10_000 % 800}{i % 10_000:04d}" for i in range(count)]
    at = daytime()
    check(api, workspace["member"], phones[:1], at)  # the workspace and topics caches
    ddb_calls.clear()
    answer = check(api, workspace["member"], phones, at)
    assert answer["counts"] == {"sendable": count, "deferred": 0, "suppressed": 0, "invalid": 0}
    assert ddb_calls.count("BatchGetItem") == batch_gets
    assert set(ddb_calls) <= {"BatchGetItem", "GetItem"}


def test_a_custom_stricter_rule_of_the_workspace_applies(api, workspace):
    custom = {
        "id": "acme-late-start",
        "jurisdiction": "US",
        "kind": "quiet_hours",
        "windows": {day: ["10:00", "18:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
        "source": "Acme's own policy: no texts before 10 am",
    }
    at = local_time(EASTERN, time(9, 30))
    assert check(api, workspace["member"], [CONNECTICUT], at)["sendable"] == [CONNECTICUT]
    put_send_rules(api, workspace, custom_rules=[custom])
    row = deferral(check(api, workspace["member"], [CONNECTICUT], at), CONNECTICUT)
    assert quiet_rules(row) == {"acme-late-start"}
    assert instant(row["sendable_at"]) == local(at.date(), time(10, 0), EASTERN)
    status, body = api.request("GET", "/v1/send-rules", key=workspace["member"])
    assert status == 200 and [r["id"] for r in body["settings"]["custom_rules"]] == ["acme-late-start"]


def test_a_workspace_without_the_state_rule_set_keeps_the_federal_hours(api, workspace):
    at = local_time(EASTERN, time(20, 30))  # past Florida's 8 pm, before the federal 9 pm
    assert deferral(check(api, workspace["member"], [FLORIDA], at), FLORIDA)
    put_send_rules(api, workspace, rule_sets=["us_federal", "us_texas_registered_seller"])
    assert check(api, workspace["member"], [FLORIDA], at)["sendable"] == [FLORIDA]
    late = check(api, workspace["member"], [FLORIDA], at + timedelta(hours=1))
    assert quiet_rules(deferral(late, FLORIDA)) == {"us-federal-hours"}


def test_send_rules_off_check_consent_only(api, workspace):
    at = local_time(EASTERN, time(23, 0))
    put_send_rules(api, workspace, enabled=False)
    answer = check(api, workspace["member"], [FLORIDA], at)
    assert answer["sendable"] == [FLORIDA] and answer["deferred"] == [] and answer["rules_version"] is None


def test_suppressed_beats_deferred_and_keeps_its_consent_reason(api, workspace):
    api.request(
        "POST",
        "/v1/contact/set_status",
        key=workspace["member"],
        json_body={"phone": FLORIDA, "status": "unsubscribed"},
    )
    answer = check(api, workspace["member"], [FLORIDA, CONNECTICUT], local_time(EASTERN, time(21, 30)))
    assert [row["phone"] for row in answer["suppressed"]] == [FLORIDA]
    assert answer["suppressed"][0]["reasons"][0]["code"] == "opted_out"
    assert answer["suppressed"][0]["reasons"][0]["rule"] == "consent"
    assert [row["phone"] for row in answer["deferred"]] == [CONNECTICUT]


@pytest.mark.parametrize(
    ("at", "status", "code"),
    [
        (lambda now: now + timedelta(days=31), 422, "send_time_out_of_range"),
        (lambda now: now - timedelta(minutes=10), 422, "send_time_out_of_range"),
        (lambda now: now.replace(tzinfo=None), 400, "invalid_input"),  # no offset
        (lambda now: 1767225600, 400, "invalid_input"),  # epoch seconds are not a time here
        (lambda now: "tomorrow", 400, "invalid_input"),
    ],
)
def test_a_planned_time_out_of_range_or_without_offset_is_refused(api, workspace, at, status, code):
    value = at(datetime.now(UTC))
    body = {"phones": [FLORIDA], "at": value.isoformat() if isinstance(value, datetime) else value}
    answer = api.request("POST", "/v1/eligibility", key=workspace["member"], json_body=body)
    assert answer[0] == status and answer[1]["error"]["code"] == code, answer


def test_only_an_admin_changes_the_send_rules(api, workspace):
    before = repository.get_workspace(workspace["id"]).settings.send_rules
    change = {"send_rules": {"rule_sets": ["us_federal"]}}
    status, body = api.request("PUT", "/v1/settings", key=workspace["member"], json_body=change)
    assert status == 403 and body["error"]["code"] == "admin_required", body
    assert repository.get_workspace(workspace["id"]).settings.send_rules == before
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=change)
    assert status == 200 and body["send_rules"]["rule_sets"] == ["us_federal"]


@pytest.mark.parametrize(
    "send_rules",
    [
        {"rule_sets": ["us_federal", "no_such_set"]},
        {"default_window": {"start": "21:00", "end": "08:00", "time_zone": "America/New_York"}},
        {"default_window": {"time_zone": "Mars/Olympus"}},
        {"custom_rules": [{"id": "x", "jurisdiction": "US", "kind": "quiet_hours"}]},  # no windows
    ],
)
def test_bad_send_rules_are_refused_and_change_nothing(api, workspace, send_rules):
    before = repository.get_workspace(workspace["id"]).settings
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"send_rules": send_rules})
    assert status in (400, 422) and body["error"]["message"], body
    assert repository.get_workspace(workspace["id"]).settings == before


def test_send_rules_lists_the_table_and_the_workspace_choice(api, workspace):
    status, body = api.request("GET", "/v1/send-rules", key=workspace["member"])
    assert status == 200, body
    assert body["version"] and set(body["available_rule_sets"]) >= {"us_federal", "us_states"}
    rows = {row["id"]: row for row in body["rules"]}
    assert rows["us-fl-ftsa-hours"]["windows"]["mon"] == ["08:00", "20:00"]
    assert (rows["us-fl-ftsa-cap"]["cap_limit"], rows["us-fl-ftsa-cap"]["cap_window_hours"]) == (3, 24)
    assert all(row["source"] for row in body["rules"])
    assert body["settings"]["enabled"] is True and body["settings"]["default_window"]["start"] == "08:00"
    assert api.request("GET", "/v1/send-rules")[0] == 401
