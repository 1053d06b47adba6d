"""A workspace's send-time settings (send_rule_settings): defaults, what they refuse and why, how they
are stored, and custom rules evaluating like table rows (docs/send-time-rules.md)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from pydantic import ValidationError

from optout.send_rule_settings import CustomSendRule, DefaultWindow, SendRuleSettings, to_send_rules

QUIET = {"id": "ws-quiet", "jurisdiction": "US", "kind": "quiet_hours", "windows": {"mon": ["10:00", "18:00"]}}
CAP = {"id": "ws-cap", "jurisdiction": "US-FL", "kind": "frequency_cap", "cap_limit": 2, "cap_window_hours": 24}


def test_the_defaults_are_the_strictest():
    rules = SendRuleSettings()
    assert rules.enabled is True
    assert rules.rule_sets == ["us_federal", "us_states", "us_texas_registered_seller"]
    assert rules.custom_rules == []
    assert rules.default_window == DefaultWindow(start=time(8), end=time(21), time_zone="America/New_York")


def test_settings_survive_storage_as_text():
    rules = SendRuleSettings.model_validate(
        {"custom_rules": [QUIET, {**CAP, "effective_from": "2026-01-01"}], "default_window": {"start": "09:30"}}
    )
    stored = rules.model_dump(mode="python")
    assert stored["default_window"] == {"start": "09:30", "end": "21:00", "time_zone": "America/New_York"}
    assert stored["custom_rules"][0]["windows"] == {"mon": ["10:00", "18:00"]}
    assert stored["custom_rules"][1]["effective_from"] == "2026-01-01"
    assert SendRuleSettings.model_validate(stored) == rules


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"rule_sets": ["us_federal", "eu_gdpr"]},
            "unknown rule set(s) 'eu_gdpr'; known: us_federal, us_states, us_texas_registered_seller",
        ),
        ({"rule_sets": ["us_federal", "us_federal"]}, "listed more than once: us_federal"),
        ({"enabled": "yes"}, "Input should be a valid boolean"),
        ({"default_window": {"time_zone": "Mars/Olympus"}}, "unknown time zone 'Mars/Olympus'"),
        ({"default_window": {"time_zone": "../../etc/passwd"}}, "unknown time zone"),
        ({"default_window": {"start": "21:00", "end": "08:00"}}, "start 21:00 must be before end 08:00"),
        ({"default_window": {"start": "9am"}}, "'9am' is not a time of day as HH:MM"),
        ({"custom_rules": [QUIET, QUIET]}, "custom rule ids must be unique; listed more than once: ws-quiet"),
        ({"custom_rules": [{**QUIET, "id": "us-fl-ftsa-hours"}]}, "is the id of a rule of the shipped table"),
        (
            {"custom_rules": [{**QUIET, "windows": {"mon": ["18:00", "10:00"]}}]},
            "windows.mon: start 18:00 must be before end 10:00",
        ),
        ({"custom_rules": [{**QUIET, "windows": {}}]}, "a quiet_hours rule needs windows"),
        ({"custom_rules": [{**QUIET, "jurisdiction": "florida"}]}, "String should match pattern"),
        ({"custom_rules": [{**CAP, "cap_limit": 0}]}, "greater than or equal to 1"),
        ({"custom_rules": [{**CAP, "cap_window_hours": 0}]}, "greater than or equal to 1"),
        ({"custom_rules": [{**CAP, "cap_window_hours": 25}]}, "less than or equal to 24"),
        ({"custom_rules": [{**CAP, "rule_set": "us_states"}]}, "Extra inputs are not permitted"),
        ({"custom_rules": [QUIET] * 51}, "List should have at most 50 items"),
        ({"surprise": 1}, "Extra inputs are not permitted"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(data, message):
    with pytest.raises(ValidationError) as refused:
        SendRuleSettings.model_validate(data)
    assert message in str(refused.value)


def test_a_custom_rule_evaluates_like_a_table_row():
    quiet = to_send_rules(CustomSendRule.model_validate(QUIET))
    assert (quiet.rule_set, quiet.kind, dict(quiet.windows)) == ("custom", "quiet_hours", {0: (time(10), time(18))})
    assert (quiet.effective_from, quiet.effective_to) == (date.min, None)
    cap = to_send_rules(CustomSendRule.model_validate(CAP))
    assert (cap.cap_limit, cap.cap_window, cap.cap_scope, cap.windows) == (2, timedelta(hours=24), "all", {})
