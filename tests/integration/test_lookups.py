"""run_lookups against moto: the cache and its dates, the parallel bound and the budget, failures
kept per number, the evidence a "yes" leaves (once), and the workspace's own secrets only."""

from __future__ import annotations

import json
import logging
import threading
from datetime import date, timedelta

import boto3
import pytest

from optout import repository
from optout.lookup_settings import LookupSettings
from optout.lookups import carrier_lookup, lookup_runner, twilio_lookup
from optout.lookups.ports import LookupRequest
from optout.models import ContactStatus, Principal, Reason, Role, utc_now
from optout.repository import lookup_cache
from optout.services import accounts, contacts
from tests.fakes.lookup_http import FakeLookupHttp, line_type_body, reassigned_body

TOKEN = "lookup-token-do-not-log"
SID = "AC" + "1" * 32
CONSENT = date(2025, 3, 14)


def _numbers(count: int, start: int = 0) -> list[str]:
    return [f"+1202{550 + (start + i) // 10000}{(start + i) % 10000:04d}" for i in range(count)]


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> FakeLookupHttp:
    fake = FakeLookupHttp()
    monkeypatch.setattr(twilio_lookup, "urlopen", fake)
    return fake


def _admin(workspace: dict[str, str]) -> Principal:
    return Principal(workspace_id=workspace["id"], key_id="k", key_name="admin", role=Role.ADMIN)


def _secret(name: str) -> str:
    client = boto3.client("secretsmanager", region_name="us-east-1")
    client.create_secret(Name=name, SecretString=json.dumps({"account_sid": SID, "auth_token": TOKEN}))
    return name


def _enable(workspace: dict[str, str], *, reassigned: str | None = "twilio", line_type: str | None = "twilio") -> None:
    ref = _secret(f"optout/{workspace['id']}/twilio-lookup")
    lookups = {
        "reassigned": {"provider": reassigned, "secret_ref": ref if reassigned == "twilio" else None},
        "line_type": {"provider": line_type, "secret_ref": ref if line_type == "twilio" else None},
    }
    accounts.update_settings(_admin(workspace), {"lookups": lookups})


def _answers(http: FakeLookupHttp, reassigned: dict[str, str] | None = None, kinds: dict[str, str] | None = None):
    def answer(phone: str, params: dict[str, str]) -> object:
        if params["Fields"] == "reassigned_number":
            return reassigned_body(phone, (reassigned or {}).get(phone, "no"), params["LastVerifiedDate"])
        return line_type_body(phone, (kinds or {}).get(phone, "mobile"))

    http.answer = answer


def _requests(phones: list[str]) -> list[LookupRequest]:
    return [LookupRequest(phone, CONSENT) for phone in phones]


def test_nothing_is_asked_while_the_lookups_are_off(workspace, http):
    results = lookup_runner.run_lookups(workspace["id"], _requests(_numbers(3)))
    assert (results.reassigned, results.line_types, results.not_checked, http.seen) == ({}, {}, [], [])


def test_answers_are_cached_with_their_date(workspace, http, ddb_calls, monkeypatch):
    _enable(workspace)
    phones = _numbers(3)
    _answers(http, {phones[0]: "yes"}, {phones[1]: "landline"})
    first = lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert {p: a.answer for p, a in first.reassigned.items()} == {phones[0]: "yes", phones[1]: "no", phones[2]: "no"}
    assert first.line_types[phones[1]].line_type == "landline" and first.not_checked == []
    assert len(http.seen) == 6
    del ddb_calls[:]
    again = lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert len(http.seen) == 6  # all from the cache
    assert ddb_calls.count("BatchGetItem") == 1 and {p: a.answer for p, a in again.reassigned.items()} == {
        p: a.answer for p, a in first.reassigned.items()
    }
    # A day later the "no"s are asked again (their safe harbor is 24 h); the "yes" and line types stay.
    later = utc_now() + timedelta(hours=25)
    monkeypatch.setattr(lookup_runner, "utc_now", lambda: later)
    lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert sorted(http.phones()[6:]) == sorted(phones[1:])
    # After 30 days the line types are asked again too.
    monkeypatch.setattr(lookup_runner, "utc_now", lambda: later + timedelta(days=30))
    lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert sorted(s.params["Fields"] for s in http.seen[8:]) == ["line_type_intelligence"] * 3 + ["reassigned_number"] * 2


def test_another_consent_date_is_another_question(workspace, http):
    _enable(workspace, line_type=None)
    phone = _numbers(1)[0]
    _answers(http, {phone: "yes"})
    lookup_runner.run_lookups(workspace["id"], [LookupRequest(phone, CONSENT)])
    later = lookup_runner.run_lookups(workspace["id"], [LookupRequest(phone, date(2026, 6, 1))])
    assert [s.params["LastVerifiedDate"] for s in http.seen] == ["20250314", "20260601"]
    assert later.reassigned[phone].asked_date == date(2026, 6, 1)


def test_no_consent_date_no_reassigned_check(workspace, http):
    _enable(workspace)
    phone = _numbers(1)[0]
    _answers(http)
    results = lookup_runner.run_lookups(workspace["id"], [LookupRequest(phone, None)])
    assert results.reassigned == {} and [s.params["Fields"] for s in http.seen] == ["line_type_intelligence"]


def test_parallel_but_bounded(workspace, http):
    _enable(workspace, line_type=None)
    _answers(http)
    http.delay = 0.03
    results = lookup_runner.run_lookups(workspace["id"], _requests(_numbers(40)))
    assert len(results.reassigned) == 40
    assert 1 < http.peak <= lookup_runner.MAX_WORKERS


def test_at_most_100_uncached_numbers_per_call(workspace, http):
    _enable(workspace, line_type=None)
    _answers(http)
    phones = _numbers(130)
    results = lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert len(http.seen) == 100 and sorted(http.phones()) == sorted(phones[:100])
    assert results.not_checked == phones[100:]
    # The next call asks the rest: the first hundred come from the cache.
    lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert sorted(http.phones()[100:]) == sorted(phones[100:])


def test_failures_stay_with_their_number(workspace, http):
    _enable(workspace, line_type=None)
    phones = _numbers(4)
    boom = iter([RuntimeError("bug")])
    failures = {phones[0]: 503, phones[1]: TimeoutError("slow"), phones[2]: 404}

    def answer(phone: str, params: dict[str, str]) -> object:
        if phone == phones[3]:
            return next(boom, reassigned_body(phone, "no"))
        return failures[phone]

    http.answer = answer
    results = lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert results.not_checked == phones and results.reassigned == {}  # never a false "no"
    assert list(results.errors) == [phones[2]] and "404" in results.errors[phones[2]]
    again = lookup_runner.run_lookups(workspace["id"], _requests(phones))  # nothing was cached
    assert len(http.seen) == 8 and list(again.reassigned) == [phones[3]]


def _contact(workspace: dict[str, str], phone: str) -> None:
    contacts.create_contact(_admin(workspace), phone, name=None, attributes={}, status=ContactStatus.ACTIVE)


def _evidence_events(workspace: dict[str, str], phone: str) -> list:
    events, _ = repository.query_contact_events(workspace["id"], phone, limit=50)
    return [e for e in events if e.reason is Reason.REASSIGNED_NUMBER]


def test_a_yes_is_kept_on_the_contact_once(workspace, http, monkeypatch):
    _enable(workspace, line_type=None)
    phone, other = _numbers(2)
    _contact(workspace, phone)
    _contact(workspace, other)
    _answers(http, {phone: "yes"})
    for _ in range(3):
        lookup_runner.run_lookups(workspace["id"], _requests([phone, other]))
    contact = repository.get_contact(workspace["id"], phone)
    assert contact is not None and contact.status is ContactStatus.ACTIVE  # no status change
    assert contact.reassigned_check is not None and contact.reassigned_check.asked_date == CONSENT
    events = _evidence_events(workspace, phone)
    assert len(events) == 1 and events[0].initiator.id == "twilio" and "2025-03-14" in (events[0].note or "")
    assert _evidence_events(workspace, other) == []
    # Even with the cache's note of it gone, the contact's record stops a second event.
    monkeypatch.setattr(lookup_runner, "utc_now", lambda: utc_now() + timedelta(days=400))
    key = (phone, lookup_cache.reassigned_sk(CONSENT))
    record = lookup_cache.batch_get_lookups(workspace["id"], [key])[key]
    lookup_cache.put_lookups(workspace["id"], [(phone, key[1], {k: v for k, v in record.items() if k != "evidence"})])
    lookup_runner.run_lookups(workspace["id"], _requests([phone]))
    assert len(_evidence_events(workspace, phone)) == 1


def test_the_secret_is_read_from_the_workspace_namespace_only(workspace, other_workspace, http, api):
    theirs = _secret(f"optout/{other_workspace['id']}/twilio")
    change = {"lookups": {"reassigned": {"provider": "twilio", "secret_ref": theirs}}}
    status, body = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=change)
    assert status == 422 and body["error"]["details"]["field"] == "lookups.reassigned.secret_ref"
    missing = {"lookups": {"line_type": {"provider": "twilio", "secret_ref": f"optout/{workspace['id']}/none"}}}
    assert api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=missing)[0] == 422
    status, _ = api.request("PUT", "/v1/settings", key=workspace["member"], json_body=change)
    assert status == 403
    # Settings that somehow name another tenant's secret still read nothing of it.
    foreign = LookupSettings.model_validate(change["lookups"])
    results = lookup_runner.run_lookups(workspace["id"], _requests(_numbers(2)), settings=foreign)
    assert results.not_checked == _numbers(2) and http.seen == []


def test_no_secret_reaches_a_log(workspace, http, caplog):
    caplog.set_level(logging.DEBUG, logger="optout")  # the service's own logs (botocore's debug logs are not on)
    _enable(workspace)
    phones = _numbers(3)
    http.answer = lambda phone, params: {phones[0]: 401, phones[1]: 503}.get(phone, line_type_body(phone, "mobile"))
    results = lookup_runner.run_lookups(workspace["id"], _requests(phones))
    ours = [f"{r.getMessage()} {vars(r)}" for r in caplog.records if r.name.startswith("optout")]
    assert phones[0] in results.not_checked and any("credentials refused" in line for line in ours)
    assert not [line for line in ours if TOKEN in line or SID in line or "Basic " in line]


def test_aws_carrier_lookup_with_the_function_s_credentials(workspace, monkeypatch):
    from botocore.stub import Stubber

    client = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1")
    stub = Stubber(client)
    phones = _numbers(2)
    for phone, kind in zip(phones, ["MOBILE", "LANDLINE"], strict=True):
        stub.add_response("carrier_lookup", {"E164PhoneNumber": phone, "PhoneNumberType": kind}, {"PhoneNumber": phone})
    lock = threading.Lock()

    def serial(**kwargs):  # the Stubber answers in order: one call at a time
        with lock:
            return original(**kwargs)

    original = client.carrier_lookup
    client.carrier_lookup = serial
    monkeypatch.setattr(carrier_lookup, "new_client", lambda secret: client)
    accounts.update_settings(_admin(workspace), {"lookups": {"line_type": {"provider": "aws"}}})
    with stub:
        results = lookup_runner.run_lookups(workspace["id"], _requests(phones))
    assert {p: a.line_type for p, a in results.line_types.items()} in (
        {phones[0]: "mobile", phones[1]: "landline"},
        {phones[0]: "landline", phones[1]: "mobile"},  # parallel: the stub answers whoever asks first
    )
    assert results.reassigned == {}


def test_one_lookup_s_broken_credentials_do_not_stop_the_other(workspace, http):
    ref = _secret(f"optout/{workspace['id']}/twilio-lookup")
    lookups = LookupSettings.model_validate(
        {
            "reassigned": {"provider": "twilio", "secret_ref": f"optout/{workspace['id']}/deleted"},
            "line_type": {"provider": "twilio", "secret_ref": ref},
        }
    )
    _answers(http)
    phones = _numbers(3)
    results = lookup_runner.run_lookups(workspace["id"], _requests(phones), settings=lookups)
    assert sorted(results.line_types) == phones and results.reassigned == {}
    assert results.not_checked == phones  # their reassigned check is still owed
    assert {s.params["Fields"] for s in http.seen} == {"line_type_intelligence"}
