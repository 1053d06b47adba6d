"""Eligibility's lookups through the real contacts handler: a reassigned "yes" after the consent date
suppresses with its evidence kept on the contact, a landline is suppressed, the lookups ask only
about numbers that passed every cheaper check, and a number they could not check is named."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from optout import repository
from optout.lookups import twilio_lookup
from optout.models import Reason
from tests.fakes.lookup_http import FakeLookupHttp, line_type_body, reassigned_body
from tests.fakes.send_times import EASTERN, daytime, local_time
from tests.integration.test_lookups import _enable

FLORIDA, CONNECTICUT, TEXAS, CALIFORNIA = "+13055550141", "+12035550141", "+15125550141", "+12135550143"
NEW_YORK = "+12125550141"  # Eastern, and no state rule: the federal 8 am


def check(api, workspace, phones, at=None):
    body = {"phones": phones, "at": at or daytime()}
    status, answer = api.request("POST", "/v1/eligibility", key=workspace["member"], json_body=body)
    assert status == 200, answer
    return answer


def create(api, workspace, phone):
    status, body = api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": phone})
    assert status in (200, 201), body
    return body


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> FakeLookupHttp:
    fake = FakeLookupHttp()
    monkeypatch.setattr(twilio_lookup, "urlopen", fake)
    return fake


def test_a_number_reassigned_after_its_consent_is_suppressed_with_the_evidence_kept(api, workspace):
    created = create(api, workspace, FLORIDA)
    create(api, workspace, CONNECTICUT)
    consented = datetime.fromisoformat(created["created_at"].replace("Z", "+00:00")).astimezone(UTC).date()
    admin = workspace["admin"]
    change = {"lookups": {"reassigned": {"provider": "file"}}}
    assert api.request("PUT", "/v1/settings", key=admin, json_body=change)[0] == 200
    text = f"phone,date,answer\n{FLORIDA},{consented.isoformat()},yes\n{CONNECTICUT},{consented.isoformat()},no\n"
    status, body = api.request(
        "POST", "/v1/reassigned-results", key=admin, body=text, headers={"Content-Type": "text/csv"}
    )
    assert status == 200, body

    answer = check(api, workspace, [FLORIDA, CONNECTICUT])
    assert answer["sendable"] == [CONNECTICUT]
    [row] = answer["suppressed"]
    assert (row["phone"], row["status"]) == (FLORIDA, "active")
    [reason] = row["reasons"]
    assert (reason["code"], reason["rule"], reason["asked_date"], reason["source"]) == (
        "reassigned",
        "fcc-reassigned-numbers",
        consented.isoformat(),
        "file",
    )
    # The evidence stays on the contact: its field and one consent event, with no status change.
    contact = repository.get_contact(workspace["id"], FLORIDA)
    assert contact.reassigned_check is not None and contact.reassigned_check.answer == "yes"
    assert contact.status.value == "active"
    events, _ = repository.query_contact_events(workspace["id"], FLORIDA, limit=10)
    assert [e.reason for e in events].count(Reason.REASSIGNED_NUMBER) == 1
    # Kept evidence suppresses without asking again, even with the lookups turned off since.
    off = {"lookups": {"reassigned": {"provider": None}}}
    assert api.request("PUT", "/v1/settings", key=admin, json_body=off)[0] == 200
    again = check(api, workspace, [FLORIDA])
    assert [r["code"] for r in again["suppressed"][0]["reasons"]] == ["reassigned"]
    # ... and with the send rules off: they are about when to send, the evidence about who holds it.
    rules_off = {"send_rules": {"enabled": False}}
    assert api.request("PUT", "/v1/settings", key=admin, json_body=rules_off)[0] == 200
    consent_only = check(api, workspace, [FLORIDA, CONNECTICUT])
    assert consent_only["sendable"] == [CONNECTICUT]
    assert [r["code"] for r in consent_only["suppressed"][0]["reasons"]] == ["reassigned"]
    # An opt-in after the check is the new holder's consent: the old answer no longer speaks of it.
    for status, key, note in (("unsubscribed", workspace["member"], None), ("subscribed", admin, "new holder")):
        body = {"phone": FLORIDA, "status": status, **({"note": note} if note else {})}
        assert api.request("POST", "/v1/contact/set_status", key=key, json_body=body)[0] == 200
    assert check(api, workspace, [FLORIDA])["sendable"] == [FLORIDA]


def test_a_landline_is_suppressed(api, workspace, http):
    _enable(workspace, reassigned=None, line_type="twilio")
    http.answer = lambda phone, params: line_type_body(phone, "landline" if phone == TEXAS else "mobile")
    answer = check(api, workspace, [TEXAS, CALIFORNIA])
    assert answer["sendable"] == [CALIFORNIA]
    [reason] = answer["suppressed"][0]["reasons"]
    assert (reason["code"], reason["rule"], reason["source"]) == ("landline", "line-type", "twilio")


def test_lookups_ask_only_about_numbers_that_passed_every_cheaper_check(api, workspace, http):
    _enable(workspace, reassigned="twilio", line_type="twilio")
    http.answer = lambda phone, params: (
        reassigned_body(phone, "no", params["LastVerifiedDate"])
        if params["Fields"] == "reassigned_number"
        else line_type_body(phone, "mobile")
    )
    for phone in (FLORIDA, CONNECTICUT, NEW_YORK):
        create(api, workspace, phone)
    set_status = {"phone": FLORIDA, "status": "unsubscribed"}
    api.request("POST", "/v1/contact/set_status", key=workspace["member"], json_body=set_status)
    at = local_time(EASTERN, time(8, 30)).isoformat()  # before 9 in Connecticut, after 8 in New York
    answer = check(api, workspace, [FLORIDA, CONNECTICUT, NEW_YORK], at)
    assert [r["phone"] for r in answer["suppressed"]] == [FLORIDA]
    assert [r["phone"] for r in answer["deferred"]] == [CONNECTICUT]
    assert answer["sendable"] == [NEW_YORK]
    assert {seen.phone for seen in http.seen} == {NEW_YORK}  # both lookups, for it alone


def test_a_number_the_lookups_could_not_check_is_sendable_and_named(api, workspace, http):
    _enable(workspace, reassigned=None, line_type="twilio")
    http.answer = lambda phone, params: 503
    answer = check(api, workspace, [CALIFORNIA])
    assert answer["sendable"] == [CALIFORNIA] and answer["not_checked"] == [CALIFORNIA]


def test_a_check_that_skips_the_lookups_asks_no_provider_and_names_the_numbers(api, workspace, http):
    _enable(workspace, reassigned=None, line_type="twilio")
    http.answer = lambda phone, params: line_type_body(phone, "landline")
    body = {"phones": [TEXAS], "at": daytime(), "lookups": False}
    status, answer = api.request("POST", "/v1/eligibility", key=workspace["member"], json_body=body)
    assert status == 200, answer
    assert answer["sendable"] == [TEXAS] and answer["not_checked"] == [TEXAS]
    assert http.seen == []  # no paid lookup for, say, the console's contact page
    assert check(api, workspace, [TEXAS])["suppressed"][0]["reasons"][0]["code"] == "landline"
