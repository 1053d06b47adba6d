"""The lookup adapters against recorded responses (tests/fixtures/lookups): Twilio Lookup v2 through
a fake urlopen, AWS CarrierLookup through botocore's Stubber; and the pure pieces around them
(freshness, the results file, the evidence write, reports that must not count evidence)."""

from __future__ import annotations

import base64
import urllib.error
from datetime import UTC, date, datetime, timedelta

import boto3
import pytest
from botocore.stub import Stubber

from optout.errors import InvalidInput, PayloadTooLarge
from optout.lookups import cached, carrier_lookup, twilio_lookup
from optout.lookups.evidence import reassigned_evidence
from optout.lookups.ports import (
    LineTypeAnswer,
    LookupMisconfigured,
    LookupRefused,
    LookupUnavailable,
    ReassignedAnswer,
)
from optout.lookups.reassigned_file import parse_results
from optout.models import Contact, ContactStatus, Reason
from optout.repository.events import event_item
from optout.rules.report_counting import fold_changes
from tests.fakes.lookup_http import FakeLookupHttp, recorded

SID, TOKEN = "AC" + "0" * 32, "tok-s3cr3t-value"
NOW = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)
ASKED = date(2025, 3, 14)


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> FakeLookupHttp:
    fake = FakeLookupHttp()
    monkeypatch.setattr(twilio_lookup, "urlopen", fake)
    return fake


def _client() -> twilio_lookup.TwilioClient:
    return twilio_lookup.TwilioClient({"account_sid": SID, "auth_token": TOKEN})


def _reassigned() -> twilio_lookup.TwilioReassignedLookup:
    return twilio_lookup.TwilioReassignedLookup(_client(), clock=lambda: NOW)


def _line_type() -> twilio_lookup.TwilioLineTypeLookup:
    return twilio_lookup.TwilioLineTypeLookup(_client(), clock=lambda: NOW)


@pytest.mark.parametrize(
    ("fixture", "answer"),
    [
        ("twilio_reassigned_yes.json", "yes"),
        ("twilio_reassigned_no.json", "no"),
        ("twilio_reassigned_no_data.json", "no_data"),
    ],
)
def test_twilio_reassigned_answers(http: FakeLookupHttp, fixture: str, answer: str) -> None:
    body = recorded(fixture)
    http.by_phone[body["phone_number"]] = body
    result = _reassigned().check(body["phone_number"], ASKED)
    assert (result.answer, result.asked_date, result.source, result.checked_at) == (answer, ASKED, "twilio", NOW)
    seen = http.seen[0]
    assert seen.params == {"Fields": "reassigned_number", "LastVerifiedDate": "20250314"}
    assert seen.timeout == 3.0
    assert seen.headers["Authorization"] == "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()


@pytest.mark.parametrize(
    ("fixture", "line_type", "carrier"),
    [
        ("twilio_line_type_mobile.json", "mobile", "T-Mobile USA, Inc."),
        ("twilio_line_type_landline.json", "landline", "Verizon - Washington DC"),
        ("twilio_line_type_non_fixed_voip.json", "voip", "Bandwidth/13 - Bandwidth.com - SVR"),
        ("twilio_line_type_toll_free.json", "toll_free", None),
        ("twilio_line_type_pager.json", "other", None),
    ],
)
def test_twilio_line_types(http: FakeLookupHttp, fixture: str, line_type: str, carrier: str | None) -> None:
    body = recorded(fixture)
    http.by_phone[body["phone_number"]] = body
    result = _line_type().check(body["phone_number"])
    assert (result.line_type, result.carrier, result.source) == (line_type, carrier, "twilio")
    assert http.seen[0].params == {"Fields": "line_type_intelligence"}


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (404, LookupRefused),
        (400, LookupRefused),
        (401, LookupMisconfigured),
        (403, LookupMisconfigured),
        (429, LookupUnavailable),
        (500, LookupUnavailable),
        (503, LookupUnavailable),
        (TimeoutError("timed out"), LookupUnavailable),
        (urllib.error.URLError("no route"), LookupUnavailable),
        (b"<html>gateway</html>", LookupUnavailable),
        (recorded("twilio_reassigned_error.json"), LookupRefused),
        (recorded("twilio_invalid_number.json"), LookupRefused),
        ({**recorded("twilio_reassigned_yes.json"), "reassigned_number": None}, LookupUnavailable),
        (
            {**recorded("twilio_reassigned_yes.json"), "reassigned_number": {"is_number_reassigned": "maybe"}},
            LookupUnavailable,
        ),
    ],
)
def test_twilio_failures_are_never_an_answer(http: FakeLookupHttp, answer: object, error: type[Exception]) -> None:
    http.by_phone["+12025550101"] = answer
    with pytest.raises(error) as raised:
        _reassigned().check("+12025550101", ASKED)
    assert TOKEN not in str(raised.value) and SID not in str(raised.value)


def test_a_refusal_names_twilio_s_error_code(http: FakeLookupHttp) -> None:
    http.by_phone["+12025550101"] = 404
    with pytest.raises(LookupRefused, match="HTTP 404 20404"):
        _reassigned().check("+12025550101", ASKED)


def test_a_line_type_error_code_refuses_the_number(http: FakeLookupHttp) -> None:
    body = recorded("twilio_line_type_error.json")
    http.by_phone[body["phone_number"]] = body
    with pytest.raises(LookupRefused, match="60601"):
        _line_type().check(body["phone_number"])


@pytest.mark.parametrize("secret", [{}, {"account_sid": SID}, {"account_sid": "", "auth_token": TOKEN}, {"auth_token": 5}])
def test_twilio_needs_both_credentials(secret: dict[str, object]) -> None:
    with pytest.raises(LookupMisconfigured):
        twilio_lookup.TwilioClient(secret)


def test_the_client_never_shows_its_credentials() -> None:
    assert TOKEN not in repr(_client()) and SID not in repr(_client())


def test_lookup_is_reached_over_https_only() -> None:
    with pytest.raises(ValueError):
        twilio_lookup.TwilioClient({"account_sid": SID, "auth_token": TOKEN}, base_url="http://lookups.example/")


# --- AWS End User Messaging: CarrierLookup ---------------------------------------------------


def _stubbed() -> tuple[carrier_lookup.CarrierLineTypeLookup, Stubber]:
    client = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1")
    stub = Stubber(client)
    return carrier_lookup.CarrierLineTypeLookup(client, clock=lambda: NOW), stub


@pytest.mark.parametrize(
    ("response", "line_type"),
    [
        (recorded("aws_carrier_lookup_mobile.json"), "mobile"),
        (recorded("aws_carrier_lookup_landline.json"), "landline"),
        (recorded("aws_carrier_lookup_invalid.json"), "invalid"),
        ({**recorded("aws_carrier_lookup_mobile.json"), "PhoneNumberType": "VOIP"}, "voip"),
        ({**recorded("aws_carrier_lookup_mobile.json"), "PhoneNumberType": "PREPAID"}, "mobile"),
        ({**recorded("aws_carrier_lookup_mobile.json"), "PhoneNumberType": "OTHER"}, "other"),
    ],
)
def test_carrier_lookup_line_types(response: dict[str, object], line_type: str) -> None:
    lookup, stub = _stubbed()
    phone = str(response["E164PhoneNumber"])
    stub.add_response("carrier_lookup", response, {"PhoneNumber": phone})
    with stub:
        result = lookup.check(phone)
    stub.assert_no_pending_responses()
    assert (result.line_type, result.carrier, result.source) == (line_type, response.get("Carrier"), "aws")


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("ThrottlingException", LookupUnavailable),
        ("InternalServerException", LookupUnavailable),
        ("ServiceQuotaExceededException", LookupUnavailable),
        ("ValidationException", LookupRefused),
        ("AccessDeniedException", LookupMisconfigured),
    ],
)
def test_carrier_lookup_failures(code: str, error: type[Exception]) -> None:
    lookup, stub = _stubbed()
    stub.add_client_error("carrier_lookup", service_error_code=code, http_status_code=400)
    with stub, pytest.raises(error):
        lookup.check("+12025550121")


def test_carrier_lookup_client_takes_the_secret_s_region() -> None:
    assert carrier_lookup.new_client({"region": "eu-west-1"}).meta.region_name == "eu-west-1"


# --- how long an answer is good ------------------------------------------------------------


def _answer(kind: str, checked_at: datetime = NOW) -> ReassignedAnswer:
    return ReassignedAnswer("+12025550101", ASKED, kind, "twilio", checked_at)


@pytest.mark.parametrize(
    ("answer", "age", "fresh"),
    [
        (_answer("no"), timedelta(hours=23, minutes=59), True),
        (_answer("no"), timedelta(hours=24), False),  # the safe harbor covers 24 hours only
        (_answer("no_data"), timedelta(hours=25), False),
        (_answer("yes"), timedelta(days=3650), True),  # a "yes" is kept
        (LineTypeAnswer("+12025550101", "mobile", "aws", NOW), timedelta(days=29), True),
        (LineTypeAnswer("+12025550101", "landline", "aws", NOW), timedelta(days=30, seconds=1), False),
    ],
)
def test_freshness(answer: ReassignedAnswer | LineTypeAnswer, age: timedelta, fresh: bool) -> None:
    assert cached.is_fresh(answer, NOW + age) is fresh


@pytest.mark.parametrize(
    ("new", "old", "replaces"),
    [("no", None, True), ("no", "no_data", True), ("no", "yes", False), ("no_data", "yes", False), ("yes", "no", True)],
)
def test_a_yes_is_never_replaced_by_a_lesser_answer(new: str, old: str | None, replaces: bool) -> None:
    assert cached.may_replace(_answer(new), _answer(old) if old else None) is replaces


def test_cache_records_read_back() -> None:
    answer = ReassignedAnswer("+12025550101", ASKED, "no", "twilio", NOW, {"is_number_reassigned": "no"})
    record = cached.reassigned_record(answer)
    assert record["expires_at"] == int((NOW + timedelta(hours=24)).timestamp()) + 1
    assert "expires_at" not in cached.reassigned_record(_answer("yes"))
    stored = {**record, "checked_at": "2026-12-01T22:00:00.000000Z"}  # as DynamoDB gives it back
    assert cached.reassigned_from(answer.phone, stored) == answer
    assert cached.reassigned_from(answer.phone, {"answer": "perhaps"}) is None


# --- results files ---------------------------------------------------------------------------


def test_a_results_file_with_a_bom_and_its_own_column_order() -> None:
    text = "\ufeffAnswer,Phone,Date\nyes,(202) 555-0101,2025-03-14\nNO,+12025550102,20250314\n\nno_data,2025550103,2024-01-02\n"
    answers = parse_results(text, "US", NOW)
    assert [(a.phone, a.asked_date, a.answer, a.source) for a in answers] == [
        ("+12025550101", ASKED, "yes", "file"),
        ("+12025550102", ASKED, "no", "file"),
        ("+12025550103", date(2024, 1, 2), "no_data", "file"),
    ]


def test_every_bad_row_is_named_by_its_line() -> None:
    text = (
        "phone,date,answer\n"
        "+12025550101,2025-03-14,yes\n"
        "not a phone,2025-03-14,yes\n"
        "+12025550102,14/03/2025,no\n"
        "+12025550103,2025-03-14,maybe\n"
        "+12025550104,2027-01-01,no\n"
        "+12025550101,2025-03-14,no\n"
        "+12025550105\n"
    )
    with pytest.raises(InvalidInput) as raised:
        parse_results(text, "US", NOW)
    rows = raised.value.details["rows"]
    assert [row["line"] for row in rows] == [3, 4, 5, 6, 7, 8]
    assert raised.value.code == "invalid_rows" and "line 2" in rows[4]["problem"]


@pytest.mark.parametrize("text", ["", "phone,answer\n+12025550101,yes\n"])
def test_a_file_needs_its_header(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_results(text, "US", NOW)


def test_at_most_10000_rows() -> None:
    rows = "".join(f"+1202{550 + i // 10000}{i % 10000:04d},2025-03-14,no\n" for i in range(10_001))
    with pytest.raises(PayloadTooLarge):
        parse_results("phone,date,answer\n" + rows, "US", NOW)


# --- evidence ---------------------------------------------------------------------------------


def _contact(status: ContactStatus = ContactStatus.ACTIVE) -> Contact:
    return Contact(workspace_id="ws_1", phone="+12025550101", status=status, created_at=NOW, updated_at=NOW, version=3)


@pytest.mark.parametrize("status", list(ContactStatus))
def test_a_yes_is_kept_as_evidence_without_a_status_change(status: ContactStatus) -> None:
    write = reassigned_evidence(_contact(status), _answer("yes"), NOW)
    assert write is not None and write.event is not None and write.expected_version == 3
    assert write.contact.status is status and write.contact.reassigned_check is not None
    assert (write.event.reason, write.event.status, write.event.previous_status) == (
        Reason.REASSIGNED_NUMBER,
        status,
        status,
    )
    assert reassigned_evidence(write.contact, _answer("yes", NOW + timedelta(days=2)), NOW) is None  # once
    assert reassigned_evidence(_contact(status), _answer("no"), NOW) is None


def test_evidence_is_in_no_report() -> None:
    write = reassigned_evidence(_contact(), _answer("yes"), NOW)
    assert write is not None and write.event is not None
    assert not write.event.changes_status
    item = event_item(write.event)
    assert not any(name.startswith("rpt_") or name == "auto_pk" for name in item)

    class _Inserted:
        source, inserted, old, at = "events", True, None, NOW
        new = write.event.model_dump(mode="json") if write.event else None

    assert fold_changes([_Inserted()]) == {}
