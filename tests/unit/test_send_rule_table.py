"""The send-time rule table (layers/core/optout/data/send_rules.json) and the checks a table row and a
workspace's custom rule share (docs/send-time-rules.md)."""

from __future__ import annotations

import copy
import json
from datetime import date, time, timedelta

import pytest

from optout.send_rule_table import TABLE_PATH, RuleTableError, load_rule_table, parse_rule_table


def shipped() -> dict:
    return json.loads(TABLE_PATH.read_text(encoding="utf-8"))


def test_the_shipped_table_validates():
    table = load_rule_table()
    assert table.version == "2026-12-01"
    assert table.rule_sets == ("us_federal", "us_states", "us_texas_registered_seller")
    assert load_rule_table() is table  # read once per process


def test_the_shipped_table_has_the_issues_rows():
    rows = {rule.id: rule for rule in load_rule_table().rules}
    hours = {
        rule_id: (
            rule.jurisdiction,
            {day: (s.strftime("%H:%M"), e.strftime("%H:%M")) for day, (s, e) in rule.windows.items()},
        )
        for rule_id, rule in rows.items()
        if rule.kind == "quiet_hours"
    }
    every_day = lambda start, end: dict.fromkeys(range(7), (start, end))  # noqa: E731
    assert hours == {
        "us-federal-hours": ("US", every_day("08:00", "21:00")),
        "us-fl-ftsa-hours": ("US-FL", every_day("08:00", "20:00")),
        "us-ok-otsa-hours": ("US-OK", every_day("08:00", "20:00")),
        "us-md-hours": ("US-MD", every_day("08:00", "20:00")),
        "us-wa-hours": ("US-WA", every_day("08:00", "20:00")),
        "us-ct-hours": ("US-CT", every_day("09:00", "20:00")),
        "us-va-vtppa-hours": ("US-VA", every_day("08:00", "21:00")),
        "us-tx-sb140-hours": ("US-TX", {**every_day("09:00", "21:00"), 6: ("12:00", "21:00")}),
    }
    caps = {
        r.id: (r.jurisdiction, r.cap_limit, r.cap_window, r.cap_scope)
        for r in rows.values()
        if r.kind == "frequency_cap"
    }
    assert caps == {
        "us-fl-ftsa-cap": ("US-FL", 3, timedelta(hours=24), "topic"),
        "us-ok-otsa-cap": ("US-OK", 3, timedelta(hours=24), "topic"),
        "us-md-cap": ("US-MD", 3, timedelta(hours=24), "topic"),
    }
    assert rows["us-va-vtppa-hours"].effective_from == date(2026, 1, 1)
    assert rows["us-tx-sb140-hours"].effective_from == date(2025, 9, 1)
    assert rows["us-tx-sb140-hours"].rule_set == "us_texas_registered_seller"
    assert not any(rule.jurisdiction == "US-NJ" for rule in rows.values())  # unverified: left out


def test_every_row_names_its_source_and_allows_some_hours():
    rules = load_rule_table().rules
    assert len({rule.id for rule in rules}) == len(rules)
    for rule in rules:
        assert rule.source.strip(), rule.id
        if rule.kind == "quiet_hours":
            assert rule.windows and all(start < end for start, end in rule.windows.values()), rule.id


def broken(change) -> dict:
    data = copy.deepcopy(shipped())
    change(data)
    return data


def row(data: dict, rule_id: str) -> dict:
    return next(r for r in data["rules"] if r["id"] == rule_id)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"].append(copy.deepcopy(d["rules"][0])), "listed more than once: us-federal-hours"),
        (
            lambda d: row(d, "us-ct-hours")["windows"].update(mon=["20:00", "09:00"]),
            "rules[8] (us-ct-hours): Value error, windows.mon: start 20:00 must be before end 09:00",
        ),
        (
            lambda d: row(d, "us-ct-hours").update(windows={}),
            "(us-ct-hours): Value error, a quiet_hours rule needs windows",
        ),
        (
            lambda d: row(d, "us-ct-hours")["windows"].update(mon=["8:00", "20:00"]),
            "(us-ct-hours).windows.mon.0: Value error, '8:00' is not a time of day as HH:MM",
        ),
        (
            lambda d: row(d, "us-ct-hours")["windows"].update(mon=["09:00", "24:00"]),
            "'24:00' is not a time of day: hours 00-23",
        ),
        (
            lambda d: row(d, "us-ct-hours")["windows"].update(mon=["09:00"]),
            "(us-ct-hours).windows.mon: List should have at least 2 items",
        ),
        (
            lambda d: row(d, "us-ct-hours")["windows"].update(monday=["09:00", "20:00"]),
            "(us-ct-hours).windows.monday.[key]",
        ),
        (lambda d: row(d, "us-ct-hours").update(cap_limit=3), "a quiet_hours rule takes windows, not cap_limit"),
        (
            lambda d: row(d, "us-md-cap").pop("cap_limit"),
            "(us-md-cap): Value error, a frequency_cap rule needs cap_limit",
        ),
        (
            lambda d: row(d, "us-md-cap").update(cap_limit=0),
            "(us-md-cap).cap_limit: Input should be greater than or equal to 1",
        ),
        (lambda d: row(d, "us-md-cap").update(cap_limit="3"), "(us-md-cap).cap_limit: Input should be a valid integer"),
        (
            lambda d: row(d, "us-md-cap").update(cap_window_hours=25),
            "cap_window_hours: Input should be less than or equal to 24",
        ),
        (
            lambda d: row(d, "us-md-cap").update(cap_scope="subject"),
            "(us-md-cap).cap_scope: Input should be 'topic' or 'all'",
        ),
        (
            lambda d: row(d, "us-md-cap").update(windows={"mon": ["08:00", "20:00"]}),
            "a frequency_cap rule takes cap_limit and cap_window_hours, not windows",
        ),
        (
            lambda d: row(d, "us-wa-hours").update(source=""),
            "(us-wa-hours).source: String should have at least 1 character",
        ),
        (
            lambda d: row(d, "us-wa-hours").pop("effective_from"),
            "(us-wa-hours): Value error, a table row needs effective_from",
        ),
        (lambda d: row(d, "us-wa-hours").update(effective_from="2026-1-1"), "'2026-1-1' is not a date as YYYY-MM-DD"),
        (
            lambda d: row(d, "us-wa-hours").update(effective_to="1999-01-01"),
            "effective_to 1999-01-01 must be after effective_from 2000-01-01",
        ),
        (
            lambda d: row(d, "us-wa-hours").update(kind="curfew"),
            "(us-wa-hours).kind: Input should be 'quiet_hours' or 'frequency_cap'",
        ),
        (
            lambda d: row(d, "us-wa-hours").update(jurisdiction="Washington"),
            "(us-wa-hours).jurisdiction: String should match pattern",
        ),
        (lambda d: row(d, "us-wa-hours").update(hours="8-8"), "(us-wa-hours).hours: Extra inputs are not permitted"),
        (lambda d: row(d, "us-wa-hours").update(id="US WA"), "rules[7] (US WA).id: String should match pattern"),
        (lambda d: d.update(version="December"), "version: Value error, 'December' is not a date as YYYY-MM-DD"),
        (lambda d: d.update(rules=[]), "rules: List should have at least 1 item"),
        (lambda d: d.pop("version"), "version: Field required"),
    ],
)
def test_a_broken_table_is_refused_saying_where_and_why(change, message):
    with pytest.raises(RuleTableError) as refused:
        parse_rule_table(broken(change))
    assert str(refused.value).startswith("send_rules.json is not a valid rule table: ")
    assert message in str(refused.value)


def test_a_table_that_is_not_an_object_is_refused():
    with pytest.raises(RuleTableError, match=r"\(top\): Input should be a valid dictionary"):
        parse_rule_table([1, 2])


def test_a_changed_table_needs_no_code():
    # New Jersey's hours, were they verified, would be one more row.
    data = broken(
        lambda d: d["rules"].append(
            {**row(d, "us-ct-hours"), "id": "us-nj-hours", "jurisdiction": "US-NJ", "effective_from": "2027-01-01"}
        )
    )
    nj = parse_rule_table(data).rules[-1]
    assert (nj.jurisdiction, nj.windows[0], nj.effective_from) == ("US-NJ", (time(9), time(20)), date(2027, 1, 1))
