"""The environment, read once: what each variable becomes, and what a missing one says."""

from __future__ import annotations

import pytest

from optout import config
from optout.config import MissingSetting, Settings, from_environment

# (environment, field, value)
READS = [
    ({"CONTACTS_TABLE": "contacts-t"}, "contacts_table", "contacts-t"),
    ({"REVIEW_QUEUE_TABLE": "review-t"}, "review_queue_table", "review-t"),
    ({"REPORT_JOB_QUEUE_URL": "http://q/1"}, "report_job_queue_url", "http://q/1"),
    ({"WEBHOOK_BASE_URL": "https://api.example/Prod/"}, "webhook_base_url", "https://api.example/Prod"),
    ({"WEBHOOK_BASE_URL": "https://api.example//"}, "webhook_base_url", "https://api.example"),
    ({}, "webhook_base_url", ""),
    ({}, "inbound_sns_topic_arn", ""),
]


@pytest.mark.parametrize(("environ", "field", "value"), READS)
def test_each_variable_becomes_its_field(environ, field, value):
    assert getattr(from_environment(environ), field) == value


def test_every_field_has_a_variable():
    assert set(config.VARIABLES) == {name for name in Settings.__dataclass_fields__}


@pytest.mark.parametrize("field", sorted(config.VARIABLES))
def test_a_missing_variable_is_named_when_required(field):
    with pytest.raises(MissingSetting) as raised:
        Settings().require(field)
    assert raised.value.variable == config.VARIABLES[field]
    assert config.VARIABLES[field] in str(raised.value)


def test_settings_are_read_once_until_reset(monkeypatch):
    first = config.settings()
    monkeypatch.setenv("CONTACTS_TABLE", "renamed-contacts")
    assert config.settings() is first  # no new read: the environment is read once
    config.reset()
    try:
        assert config.settings().contacts_table == "renamed-contacts"
        from optout.repository import dynamo

        assert dynamo.contacts_table() == "renamed-contacts"
    finally:
        monkeypatch.undo()
        config.reset()
    assert config.settings().contacts_table == first.contacts_table
