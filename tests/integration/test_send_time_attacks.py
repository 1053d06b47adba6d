"""Attacks on the send-time features of #15 through the real contacts handler on moto tables: bad
input to POST /v1/sends, POST /v1/eligibility and PUT /v1/settings (send_rules) is a 4xx in the
error shape with nothing written, numbers of every kind get one sane answer, and nothing of one
workspace (sends, settings) reaches another. The tests marked "regression" failed before their
fix (test_send_time_attacks_lookups.py attacks the lookups and the results files)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

import boto3
import pytest

from optout import repository
from tests.fakes.send_times import EASTERN, daytime, local_time

FLORIDA = "+13055550170"  # Miami: a cap of 3 in 24 hours
PHONE = "+12025550170"  # Washington DC: the federal hours only
TOKEN = "attack-token-never-logged"
SID = "AC" + "7" * 32
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _error(answer, status, expected_status, code=None):
    assert status == expected_status, answer
    assert set(answer["error"]) == {"code", "message", "details"}, answer
    if code:
        assert answer["error"]["code"] == code, answer


def _eligibility(api, key, body):
    return api.request("POST", "/v1/eligibility", key=key, json_body=body)


def _settings(workspace):
    return repository.get_workspace(workspace["id"]).settings


def _put(api, key, change):
    return api.request("PUT", "/v1/settings", key=key, json_body=change)


def _logged(workspace, phones=(PHONE,)):
    return repository.batch_get_send_logs(workspace["id"], list(phones), since=datetime.now(UTC) - timedelta(hours=24))


def _twilio_secret(workspace, name="twilio-lookup"):
    ref = f"optout/{workspace['id']}/{name}"
    boto3.client("secretsmanager", region_name="us-east-1").create_secret(
        Name=ref, SecretString=json.dumps({"account_sid": SID, "auth_token": TOKEN})
    )
    return ref


# --- PUT /v1/settings: send_rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    "zone",
    [
        "America",  # regression: a directory of tzdata, which zoneinfo met with IsADirectoryError: a 500
        "US",  # regression: the same
        "localtime",  # regression: this machine's system zone, absent where the layer pins tzdata only
        "../America/New_York",
        "america/new_york",
        "",
    ],
)
def test_a_default_window_zone_that_is_no_shipped_iana_zone_is_a_400(api, workspace, zone):
    before = _settings(workspace)
    status, answer = _put(api, workspace["admin"], {"send_rules": {"default_window": {"time_zone": zone}}})
    _error(answer, status, 400, "invalid_input")
    assert _settings(workspace) == before


CAP = {"id": "acme-cap", "jurisdiction": "US", "kind": "frequency_cap", "cap_limit": 2}
QUIET = {"id": "acme-hours", "jurisdiction": "US", "kind": "quiet_hours"}


@pytest.mark.parametrize(
    ("label", "send_rules"),
    [
        ("end before start", {"custom_rules": [{**QUIET, "windows": {"mon": ["20:00", "09:00"]}}]}),
        ("24:00", {"custom_rules": [{**QUIET, "windows": {"mon": ["09:00", "24:00"]}}]}),
        ("unknown day", {"custom_rules": [{**QUIET, "windows": {"funday": ["09:00", "10:00"]}}]}),
        ("three cells", {"custom_rules": [{**QUIET, "windows": {"mon": ["09:00", "10:00", "11:00"]}}]}),
        ("51 rules", {"custom_rules": [{**CAP, "id": f"r{i}", "cap_window_hours": 24} for i in range(51)]}),
        ("a table id", {"custom_rules": [{**CAP, "id": "us-fl-ftsa-cap", "cap_window_hours": 24}]}),
        ("a repeated id", {"custom_rules": [{**CAP, "cap_window_hours": 24}] * 2}),
        ("cap 0", {"custom_rules": [{**CAP, "cap_limit": 0, "cap_window_hours": 24}]}),
        ("cap negative", {"custom_rules": [{**CAP, "cap_limit": -3, "cap_window_hours": 24}]}),
        ("cap huge", {"custom_rules": [{**CAP, "cap_limit": 10**30, "cap_window_hours": 24}]}),
        # regression: the send log keeps 25 hours, so a 48-hour cap silently counted only the last 25
        ("cap longer than the send log", {"custom_rules": [{**CAP, "cap_window_hours": 48}]}),
        ("unknown rule set", {"rule_sets": ["us_federal", "eu_gdpr"]}),
        ("rule set twice", {"rule_sets": ["us_federal", "us_federal"]}),
        ("null rule sets", {"rule_sets": None}),
        ("enabled as text", {"enabled": "false"}),
    ],
)
def test_bad_custom_rules_are_a_400_and_change_nothing(api, workspace, label, send_rules):
    before = _settings(workspace)
    status, answer = _put(api, workspace["admin"], {"send_rules": send_rules})
    _error(answer, status, 400, "invalid_input")
    assert _settings(workspace) == before, label


def test_overlapping_custom_windows_are_allowed_and_only_ever_stricter(api, workspace):
    rules = [
        {**QUIET, "id": "early", "windows": {day: ["07:00", "12:00"] for day in DAYS}},
        {**QUIET, "id": "late", "windows": {day: ["10:00", "23:00"] for day in DAYS}},
    ]
    assert _put(api, workspace["admin"], {"send_rules": {"custom_rules": rules}})[0] == 200
    at = local_time(EASTERN, time(9, 0))
    status, answer = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": at.isoformat()})
    assert status == 200 and [row["phone"] for row in answer["deferred"]] == [PHONE], answer
    [row] = answer["deferred"]
    assert datetime.fromisoformat(row["sendable_at"]).astimezone(EASTERN).hour == 10  # where both allow


def test_custom_rules_that_never_overlap_defer_without_an_instant(api, workspace):
    """Regression: no instant within the 15-day search left sendable_at None, and the answer's model
    refused it: a 500 on every eligibility call of the workspace."""
    night = {**QUIET, "id": "night-only", "windows": {day: ["01:00", "02:00"] for day in DAYS}}
    assert _put(api, workspace["admin"], {"send_rules": {"custom_rules": [night]}})[0] == 200
    status, answer = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": daytime()})
    assert status == 200, answer
    [row] = answer["deferred"]
    assert row["sendable_at"] is None and {r["rule"] for r in row["reasons"]} >= {"night-only", "us-federal-hours"}


def test_a_member_changes_neither_rules_nor_lookups(api, workspace):
    before = _settings(workspace)
    ref = _twilio_secret(workspace)
    for change in (
        {"send_rules": {"enabled": False}},
        {"lookups": {"reassigned": {"provider": "twilio", "secret_ref": ref}}},
        {"send_rules": {"custom_rules": [{**CAP, "cap_window_hours": 24}]}},
    ):
        status, answer = _put(api, workspace["member"], change)
        _error(answer, status, 403, "admin_required")
    assert _settings(workspace) == before


# --- POST /v1/sends -------------------------------------------------------------------------------


@pytest.fixture
def topics(api, workspace, other_workspace):
    for name in ("promo", "alerts"):
        assert api.request("PUT", f"/v1/topics/{name}", key=workspace["admin"], json_body={"name": name})[0] in (
            200,
            201,
        )
    api.request("PUT", "/v1/topics/theirs", key=other_workspace["admin"], json_body={"name": "Theirs"})


NOW = datetime.now(UTC).replace(microsecond=0)
CONFLICTS = [
    # regression: the first topic was kept and the second silently dropped
    [
        {"phone": PHONE, "message_id": "m", "topic": "promo"},
        {"phone": "(202) 555-0170", "message_id": "m", "topic": "alerts"},
    ],
    [
        {"phone": PHONE, "message_id": "m", "sent_at": (NOW - timedelta(hours=1)).isoformat()},
        {"phone": PHONE, "message_id": "m", "sent_at": (NOW - timedelta(hours=2)).isoformat()},
    ],
    [
        {"phone": PHONE, "message_id": "m"},  # says nothing of its topic: the next two still clash
        {"phone": PHONE, "message_id": "m", "topic": "promo"},
        {"phone": PHONE, "message_id": "m", "topic": "alerts"},
    ],
]


@pytest.mark.parametrize("sends", CONFLICTS, ids=["topics", "times", "after one without"])
def test_one_message_listed_twice_with_other_facts_is_a_400(api, workspace, topics, ddb_calls, sends):
    ddb_calls.clear()
    status, answer = api.request("POST", "/v1/sends", key=workspace["member"], json_body={"sends": sends})
    _error(answer, status, 400, "conflicting_sends")
    [conflict] = answer["error"]["details"]["conflicts"]
    assert conflict["index"] == len(sends) - 1 and conflict["same_as"] == len(sends) - 2
    assert "UpdateItem" not in ddb_calls and _logged(workspace) == {}


def test_one_message_id_for_two_numbers_or_repeated_alike_is_fine(api, workspace, topics):
    at = (NOW - timedelta(hours=1)).isoformat()
    sends = [
        {"phone": PHONE, "message_id": "m", "topic": "promo", "sent_at": at},
        {"phone": PHONE, "message_id": "m", "sent_at": at},  # says nothing new
        {"phone": FLORIDA, "message_id": "m"},
    ]
    status, answer = api.request("POST", "/v1/sends", key=workspace["member"], json_body={"sends": sends})
    assert (status, answer) == (202, {"recorded": 2})
    assert [s.topic for s in _logged(workspace)[PHONE]] == ["promo"]


BAD_SENDS = [
    (
        "sent_at before the first UTC instant",
        {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": "0001-01-01T00:00:00+14:00"}]},
    ),
    (
        "sent_at after the last",
        {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": "9999-12-31T23:59:59-12:00"}]},
    ),
    ("sent_at far future", {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": "2999-01-01T00:00:00Z"}]}),
    ("sent_at far past", {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": "1999-01-01T00:00:00Z"}]}),
    ("sent_at not ISO", {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": "yesterday at 5"}]}),
    (
        "sent_at naive",
        {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": NOW.replace(tzinfo=None).isoformat()}]},
    ),
    ("sent_at a leap second", {"sends": [{"phone": PHONE, "message_id": "m", "sent_at": "2016-12-31T23:59:60Z"}]}),
    ("huge message id", {"sends": [{"phone": PHONE, "message_id": "x" * 10_000}]}),
    ("null phone", {"sends": [{"phone": None, "message_id": "m"}]}),
    ("null message id", {"sends": [{"phone": PHONE, "message_id": None}]}),
    ("null sends", {"sends": None}),
    ("a null send", {"sends": [None]}),
    ("an array body", [{"phone": PHONE, "message_id": "m"}]),
    ("101 sends", {"sends": [{"phone": PHONE, "message_id": f"m{i}"} for i in range(101)]}),
    ("a phone of letters", {"sends": [{"phone": "\uff21\uff22\uff23", "message_id": "m"}]}),  # fullwidth ABC
]


@pytest.mark.parametrize(("label", "body"), BAD_SENDS, ids=[b[0] for b in BAD_SENDS])
def test_bad_sends_are_a_400_and_record_nothing(api, workspace, label, body):
    status, answer = api.request("POST", "/v1/sends", key=workspace["member"], json_body=body)
    _error(answer, status, 400)
    assert _logged(workspace) == {}, label


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [("not json", "application/json", 400), ('{"sends": []}', "text/plain", 415), ("null", "application/json", 400)],
)
def test_sends_that_are_not_a_json_object_are_a_4xx(api, workspace, body, content_type, expected):
    status, answer = api.request(
        "POST", "/v1/sends", key=workspace["member"], body=body, headers={"Content-Type": content_type}
    )
    _error(answer, status, expected)


def test_unicode_digits_are_read_as_the_same_number(api, workspace):
    sends = [
        {"phone": "+١٢٠٢٥٥٥٠١٧٠", "message_id": "a"},
        {"phone": "\uff12\uff10\uff12\uff15\uff15\uff15\uff10\uff11\uff17\uff10", "message_id": "b"},
    ]
    assert api.request("POST", "/v1/sends", key=workspace["member"], json_body={"sends": sends}) == (
        202,
        {"recorded": 2},
    )
    assert len(_logged(workspace)[PHONE]) == 2


def test_another_workspace_s_topic_is_unknown_here(api, workspace, topics):
    body = {"sends": [{"phone": PHONE, "message_id": "m", "topic": "theirs"}]}
    status, answer = api.request("POST", "/v1/sends", key=workspace["member"], json_body=body)
    _error(answer, status, 422, "unknown_topics")


def _cap_counts(answer: dict) -> list[int]:
    return [r["count"] for row in answer["deferred"] for r in row["reasons"] if r["code"] == "frequency_cap"]


def test_sends_of_one_workspace_never_count_for_another(api, workspace, other_workspace):
    # Times from this moment, not from NOW or daytime(): a planned `at` a day ahead would leave
    # the sends outside Florida's 24-hour window (regression: the test failed from 18:50 to 20:00 UTC).
    now = datetime.now(UTC).replace(microsecond=0)
    sends = [{"phone": FLORIDA, "message_id": f"same-{i}", "sent_at": (now - timedelta(hours=1)).isoformat()}
             for i in range(3)]
    assert api.request("POST", "/v1/sends", key=workspace["member"], json_body={"sends": sends})[0] == 202
    body = {"phones": [FLORIDA], "at": (now + timedelta(minutes=10)).isoformat()}  # quiet hours may defer too
    ours = _eligibility(api, workspace["member"], body)[1]
    theirs = _eligibility(api, other_workspace["member"], body)[1]
    assert _cap_counts(ours) == [3]
    assert _cap_counts(theirs) == []
    # The same message ids reported by the other workspace are its own, counted there once.
    assert api.request("POST", "/v1/sends", key=other_workspace["member"], json_body={"sends": sends[:1]})[0] == 202
    assert len(_logged(other_workspace, [FLORIDA])[FLORIDA]) == 1 and len(_logged(workspace, [FLORIDA])[FLORIDA]) == 3


# --- POST /v1/eligibility -------------------------------------------------------------------------

BAD_AT = [
    # regression: both parsed, then overflowed converting to UTC: a 500
    ("before the first UTC instant", "0001-01-01T00:00:00+14:00", 400),
    ("after the last UTC instant", "9999-12-31T23:59:59-12:00", 400),
    ("naive", "2026-12-01T10:00:00", 400),
    ("a leap second", "2026-12-31T23:59:60Z", 400),
    ("offset +24:00", "2026-12-01T10:00:00+24:00", 400),
    ("a number", 1764583200, 400),
    ("true", True, 400),
    ("an object", {"at": "now"}, 400),
    ("text", "tomorrow", 400),
    ("far future", "2999-01-01T00:00:00+14:00", 422),
    ("far past", "1999-01-01T00:00:00-12:00", 422),
]


@pytest.mark.parametrize(("label", "at", "expected"), BAD_AT, ids=[b[0] for b in BAD_AT])
def test_a_bad_planned_time_is_a_4xx(api, workspace, label, at, expected):
    status, answer = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": at})
    _error(answer, status, expected)


@pytest.mark.parametrize("offset", ["+14:00", "-12:00", "+05:45", "-09:30"])
def test_any_real_offset_names_the_same_instant(api, workspace, offset):
    at = datetime.fromisoformat(daytime())
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = map(int, offset[1:].split(":"))
    local = at.astimezone(UTC) + sign * timedelta(hours=hours, minutes=minutes)
    text = local.replace(tzinfo=None).isoformat() + offset
    status, answer = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": text})
    assert status == 200 and answer["sendable"] == [PHONE], answer


# regression: pydantic read "yes", "no", 1 and 0 as booleans
@pytest.mark.parametrize("lookups", ["yes", "no", "false", 1, 0, None, []])
def test_lookups_must_be_a_boolean(api, workspace, lookups):
    status, answer = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": daytime(), "lookups": lookups})
    _error(answer, status, 400, "invalid_input")


KINDS = {
    "+18005550170": "toll-free",
    "+18335550170": "toll-free",
    "+19005550170": "premium",
    "+15005550170": "personal",
    "+18765550170": "Jamaica: a zone, no rules",
    "+14415550170": "Bermuda",
    "+18095550170": "Dominican Republic",
    "+17875550170": "Puerto Rico",
    "+13405550170": "US Virgin Islands",
    "+16715550170": "Guam",
    "+16705550170": "Northern Marianas",
    "+16845550170": "American Samoa",
    "+16045550170": "British Columbia",
    "+18675550170": "the northern territories",
    "+447700900170": "UK: outside NANP",
    "+81312345670": "Japan",
    "+5215512345670": "Mexico",
}


@pytest.mark.parametrize("hours_ahead", [0, 4, 8, 12, 16, 20])
def test_numbers_of_every_kind_get_one_sane_answer(api, workspace, hours_ahead):
    at = (datetime.now(UTC) + timedelta(hours=hours_ahead, minutes=10)).isoformat()
    status, answer = _eligibility(api, workspace["member"], {"phones": list(KINDS), "at": at})
    assert status == 200, answer
    placed = answer["sendable"] + [row["phone"] for row in answer["deferred"]] + [r["input"] for r in answer["invalid"]]
    assert sorted(placed) == sorted(KINDS)  # each exactly once
    for row in answer["deferred"]:
        assert row["sendable_at"] and row["reasons"], row


def test_a_number_outside_nanp_gets_the_default_window(api, workspace):
    window = {"start": "09:00", "end": "17:00", "time_zone": "Europe/London"}
    assert _put(api, workspace["admin"], {"send_rules": {"default_window": window}})[0] == 200
    at = local_time(EASTERN, time(3, 0))  # 08:00 in London
    status, answer = _eligibility(api, workspace["member"], {"phones": ["+447700900170"], "at": at.isoformat()})
    assert status == 200, answer
    [row] = answer["deferred"]
    assert [r["rule"] for r in row["reasons"]] == ["workspace-default-window"]
    assert row["reasons"][0]["time_zone"] == "Europe/London" and "T09:00:00" in row["reasons"][0]["next_allowed_local"]


def test_ten_thousand_numbers_of_every_kind_stay_within_two_batch_gets_per_100(api, workspace, ddb_calls):
    mixed = [*KINDS, "not a number", "+1"]
    phones = [f"+1305{200 + i // 10_000 % 800}{i % 10_000:04d}" for i in range(10_000 - len(mixed))] + mixed
    _eligibility(api, workspace["member"], {"phones": phones[:1], "at": daytime()})  # warm the caches
    ddb_calls.clear()
    status, answer = _eligibility(api, workspace["member"], {"phones": phones, "at": daytime()})
    assert status == 200 and sum(answer["counts"].values()) == len(phones), answer["counts"]
    assert ddb_calls.count("BatchGetItem") <= 200 and set(ddb_calls) <= {"BatchGetItem", "GetItem"}


# --- GET /v1/send-rules -----------------------------------------------------------------------------


def test_send_rules_show_only_the_caller_s_workspace(api, workspace, other_workspace):
    rule = {**QUIET, "id": "globex-secret-hours", "windows": {"mon": ["10:00", "11:00"]}}
    assert _put(api, other_workspace["admin"], {"send_rules": {"custom_rules": [rule]}})[0] == 200
    for role in ("member", "admin"):
        status, body = api.request("GET", "/v1/send-rules", key=workspace[role])
        assert status == 200 and body["settings"]["custom_rules"] == [], body
        assert "globex-secret-hours" not in json.dumps(body)
    status, body = api.request("GET", "/v1/send-rules", key=other_workspace["member"])
    assert [r["id"] for r in body["settings"]["custom_rules"]] == ["globex-secret-hours"]
