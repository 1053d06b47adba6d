"""Delivery-status callbacks through the real handler: signed carrier samples, consent effects,
order and duplicates, the broadcast failure list and its manual opt-out."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import boto3
import pytest
from twilio.request_validator import RequestValidator

from local_stack import lambdas, template
from optout import repository

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

EVENTS = Path(__file__).resolve().parents[2] / "events"

MANIFEST = json.loads((EVENTS / "carriers_manifest.json").read_text())
CONTACT = MANIFEST["contact"]
NUMBERS = MANIFEST["business_numbers"]
HOST = "api.example.com"
TELNYX_PRIVATE = carrier_signing.telnyx_keypair()[0]
SECRETS = {
    "twilio": {"auth_token": "twilio-status-token"},
    "telnyx": {"public_key": carrier_signing.telnyx_public_key(TELNYX_PRIVATE), "private_key": TELNYX_PRIVATE},
    "bandwidth": {"username": "bw-status", "password": "bw-status-pass"},
    "vonage": {"signature_secret": "vonage-status-signature-secret"},
}
FORGED = {
    "twilio": {"auth_token": "not-the-token"},
    "telnyx": {"private_key": carrier_signing.telnyx_keypair()[0]},
    "bandwidth": {"username": "bw-status", "password": "guess"},
    "vonage": {"signature_secret": "y" * 32},
}
# Every final-outcome sample the carriers reference gives (the Telnyx `sent` one is interim).
SAMPLES = [s for s in MANIFEST["samples"] if s["kind"] == "status" and s["expected"]["status"] != "queued"]
KIND_OF = {"none": "delivered", "transient": "transient", "permanent": "permanent", "carrier_opt_out": "carrier"}
# Each provider's own word for a failed message, and its carrier opt-out code.
FAILED = {"twilio": "failed", "telnyx": "delivery_failed", "bandwidth": "message-failed", "vonage": "rejected"}
OPT_OUT_CODE = {"twilio": "21610", "telnyx": "40300", "bandwidth": "4775", "vonage": "1240"}


@pytest.fixture
def inboxes(workspace):
    from optout.models import Principal, Role
    from optout.services import inboxes as inbox_service

    admin = Principal(workspace_id=workspace["id"], key_id="test", key_name="test", role=Role.ADMIN)
    client = boto3.client("secretsmanager", region_name="us-east-1")
    for provider, secret in SECRETS.items():
        stored = {k: v for k, v in secret.items() if k != "private_key"}
        secret_ref = f"optout/{workspace['id']}/status-{provider}"
        client.create_secret(Name=secret_ref, SecretString=json.dumps(stored))
        inbox_service.register_inbox(admin, NUMBERS[provider], provider=provider, secret_ref=secret_ref, topic_arn=None)
    inbox_service.register_inbox(admin, NUMBERS["aws"], provider="aws", secret_ref=None, topic_arn=None)
    return NUMBERS


@pytest.fixture
def sns_cert(monkeypatch):
    from optout.webhooks import verification as webhooks

    private_key, cert = carrier_signing.sns_test_certificate()
    monkeypatch.setattr(webhooks, "sns_cert_loader", lambda url: cert)
    return private_key


def handler():
    return lambdas.load_handler(template.functions()["DeliveryStatusFunction"])


def post(provider: str, body: bytes, *, query: dict[str, str] | None = None, secret: dict | None = None, headers=None):
    """POST a status callback to `/webhooks/{provider}/status`, signed as the carrier signs it."""
    path = f"/webhooks/{provider}/status"
    url = f"https://{HOST}/prod{path}" + (f"?{urlencode(query)}" if query else "")
    if headers is None:
        secret = secret or SECRETS[provider]
        if provider == "twilio":
            params = dict(parse_qsl(body.decode(), keep_blank_values=True))
            signature = RequestValidator(secret["auth_token"]).compute_signature(url, params)
            headers = {"X-Twilio-Signature": signature, "Content-Type": carrier_signing.FORM}
        else:
            headers = {**carrier_signing.sign(provider, url, body, secret), "Content-Type": carrier_signing.JSON}
    event = lambdas.api_gateway_event(
        method="POST",
        resource=path,
        path=path,
        headers={"Host": HOST, **headers},
        query={k: [v] for k, v in (query or {}).items()},
        body=body.decode(),
    )
    response = handler()(event, lambdas.LambdaContext("DeliveryStatusFunction"))
    return response["statusCode"], json.loads(response["body"])


def post_sample(sample: dict, **kwargs):
    body = (EVENTS / sample["file"]).read_bytes()
    if sample["provider"] == "aws":
        return post_sns(json.loads(body), kwargs["sns_key"])
    query = dict(parse_qsl(urlsplit(sample["url"]).query)) or None
    return post(sample["provider"], body, query=query)


def post_sns(event: dict, private_key):
    signed = carrier_signing.sign_sns_event(event, private_key)
    return 200, handler()(signed, lambdas.LambdaContext("DeliveryStatusFunction"))


def bandwidth(message_id: str, kind: str, *, to: str = CONTACT, at: datetime | None = None, code=None, bc="bc-1"):
    """A Bandwidth callback: `kind` delivered or failed, at provider time `at`."""
    body = json.loads(
        carrier_signing.status_body(
            "bandwidth", message_id, f"message-{kind}", code, NUMBERS["bandwidth"], to, broadcast_id=bc
        )
    )
    if at is not None:
        body[0]["time"] = body[0]["message"]["time"] = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return post("bandwidth", json.dumps(body).encode())


def contact(workspace, phone: str = CONTACT):
    return repository.get_contact(workspace["id"], phone)


def create(api, workspace, phone: str = CONTACT):
    status, body = api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": phone})
    assert status == 201, body


def auto_opt_out(api, workspace, on: bool = True, **extra):
    status, body = api.request(
        "PUT", "/v1/settings", key=workspace["admin"], json_body={"auto_opt_out_on_failed_delivery": on, **extra}
    )
    assert status == 200, body


def events_of(api, workspace, phone: str = CONTACT):
    return api.request("GET", f"/v1/contacts/{phone}/events", key=workspace["member"])[1]["events"]


def failures(api, workspace, broadcast: str, **query):
    status, body = api.request("GET", f"/v1/broadcasts/{broadcast}/failures", key=workspace["member"], query=query)
    assert status == 200, body
    return body


# --- every provider's samples -----------------------------------------------------------------


# The setting matters to failures that can opt out; deliveries and single transient failures are
# run with it on, where an opt-out would show.
SAMPLE_CASES = [
    pytest.param(sample, setting, id=f"{sample['file']}-auto-opt-out-{'on' if setting else 'off'}")
    for sample in SAMPLES
    for setting in (
        (True, False) if sample["expected"]["failure_class"] in ("permanent", "carrier_opt_out") else (True,)
    )
]


@pytest.mark.parametrize(("sample", "setting"), SAMPLE_CASES)
def test_each_sample_gives_its_outcome_and_consent_effect(api, workspace, inboxes, sns_cert, sample, setting):
    create(api, workspace)
    auto_opt_out(api, workspace, setting)
    expected = sample["expected"]
    kind = KIND_OF[expected["failure_class"]]

    status, answer = post_sample(sample, sns_key=sns_cert)
    assert status == 200, answer
    if sample["provider"] == "aws":
        assert answer == {"processed": 1, "refused": 0}
    else:
        [result] = answer["results"]
        assert (result["message_id"], result["status"], result["failure_class"]) == (
            expected["message_id"],
            expected["status"],
            expected["failure_class"],
        )

    record = contact(workspace)
    assert record.last_delivery.status == expected["status"]
    assert record.last_delivery.error_code == expected["error_code"]
    assert record.last_delivery.message_id == expected["message_id"]
    opted_out = kind == "carrier" or (kind == "permanent" and setting)
    assert record.status.value == ("opted_out" if opted_out else "active")
    if kind == "delivered":
        assert record.last_delivered_at is not None and record.consecutive_failures == 0
        assert failures(api, workspace, expected["broadcast_id"])["failures"] == []
        return
    assert record.last_delivered_at is None and record.consecutive_failures == 1
    [listed] = failures(api, workspace, expected["broadcast_id"])["failures"]
    assert listed["phone"] == CONTACT and listed["error_code"] == expected["error_code"]
    assert listed["failure_class"] == expected["failure_class"] and listed["message_id"] == expected["message_id"]
    assert listed["contact_status"] == record.status.value and listed["failed_at"]
    if opted_out:
        [event] = events_of(api, workspace)[:1]
        assert event["reason"] == ("carrier" if kind == "carrier" else "failed_delivery")
        assert event["message_id"] == expected["message_id"] and event["inbox"] == NUMBERS[sample["provider"]]
        assert event["decision"]["error_code"] == expected["error_code"]
        assert event["decision"]["rule"] == ("carrier_opt_out" if kind == "carrier" else "permanent_failure")
        assert event["initiator"]["type"] == "system"


def test_interim_statuses_write_nothing(api, workspace, inboxes, ddb_calls):
    create(api, workspace)
    ddb_calls.clear()
    status, answer = post("telnyx", (EVENTS / "telnyx/status_sent.json").read_bytes())
    assert status == 200 and answer["results"][0]["status"] == "queued"
    assert "TransactWriteItems" not in ddb_calls and "PutItem" not in ddb_calls
    assert contact(workspace).last_delivery is None


def test_a_delivery_to_a_number_that_is_no_contact_creates_none(api, workspace, inboxes):
    assert bandwidth("m-unknown", "delivered")[0] == 200
    assert contact(workspace) is None
    assert bandwidth("m-unknown-2", "failed", code="4702")[0] == 200
    assert contact(workspace).consecutive_failures == 1  # kept, so that the run of failures counts


# --- the setting ------------------------------------------------------------------------------


def test_only_admins_change_the_setting_and_it_is_off_by_default(api, workspace):
    _, settings = api.request("GET", "/v1/settings", key=workspace["admin"])
    assert settings["auto_opt_out_on_failed_delivery"] is False and settings["failed_delivery_threshold"] == 3
    status, body = api.request(
        "PUT", "/v1/settings", key=workspace["member"], json_body={"auto_opt_out_on_failed_delivery": True}
    )
    assert status == 403 and body["error"]["code"] == "admin_required"
    auto_opt_out(api, workspace, True)
    _, settings = api.request("GET", "/v1/settings", key=workspace["admin"])
    assert settings["auto_opt_out_on_failed_delivery"] is True and settings["program_name"] == "Acme Dental"
    status, _ = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"failed_delivery_threshold": 0})
    assert status == 400


def test_transient_failures_opt_out_after_the_threshold_with_no_delivery_between(api, workspace, inboxes):
    create(api, workspace)
    auto_opt_out(api, workspace, True, failed_delivery_threshold=3)
    start = datetime.now(UTC)
    bandwidth("t1", "failed", code="4702", at=start)
    bandwidth("t2", "failed", code="4702", at=start + timedelta(minutes=1))
    bandwidth("d3", "delivered", at=start + timedelta(minutes=2))
    assert contact(workspace).consecutive_failures == 0
    bandwidth("t4", "failed", code="4702", at=start + timedelta(minutes=3))
    bandwidth("t5", "failed", code="4702", at=start + timedelta(minutes=4))
    assert contact(workspace).status.value == "active"
    _, answer = bandwidth("t6", "failed", code="4702", at=start + timedelta(minutes=5))
    assert answer["results"][0]["opted_out"] == "failed_delivery"
    record = contact(workspace)
    assert record.status.value == "opted_out" and record.status_reason.value == "failed_delivery"
    event = events_of(api, workspace)[0]
    assert event["message_id"] == "t6" and event["decision"]["rule"] == "consecutive_failures"
    assert event["decision"]["consecutive_failures"] == 3 and event["decision"]["error_code"] == "4702"


def test_content_failures_are_listed_but_never_count_against_the_number(api, workspace, inboxes):
    create(api, workspace)
    auto_opt_out(api, workspace, True, failed_delivery_threshold=1)
    bandwidth("spam-1", "failed", code="4470")  # sender/campaign problem, not the number's
    record = contact(workspace)
    assert record.status.value == "active" and record.consecutive_failures == 0
    assert [f["error_code"] for f in failures(api, workspace, "bc-1")["failures"]] == ["4470"]


# --- order and duplicates ---------------------------------------------------------------------


def test_a_duplicate_callback_writes_nothing(api, workspace, inboxes, ddb_calls):
    create(api, workspace)
    bandwidth("dup-1", "failed", code="4702")
    ddb_calls.clear()
    status, answer = bandwidth("dup-1", "failed", code="4702")
    assert status == 200 and answer["results"][0]["duplicate"] is True
    assert ddb_calls == ["BatchGetItem"]
    assert contact(workspace).consecutive_failures == 1


def test_delivered_after_failed_for_the_same_message_neither_flips_nor_double_counts(api, workspace, inboxes):
    create(api, workspace)
    start = datetime.now(UTC)
    bandwidth("m-1", "failed", code="4702", at=start)
    _, answer = bandwidth("m-1", "delivered", at=start + timedelta(seconds=5))
    assert answer["results"][0] == {
        "message_id": "m-1",
        "status": "failed",
        "failure_class": "transient",
        "duplicate": True,
        "opted_out": None,
    }
    record = contact(workspace)
    assert record.last_delivery.status == "failed" and record.last_delivered_at is None
    assert record.consecutive_failures == 1
    # ... and the other way round: a failure after the message's delivery is not listed or counted.
    bandwidth("m-2", "delivered", at=start + timedelta(seconds=10))
    bandwidth("m-2", "failed", code="4720", at=start + timedelta(seconds=15))
    record = contact(workspace)
    assert record.last_delivery.status == "delivered" and record.consecutive_failures == 0
    assert [f["message_id"] for f in failures(api, workspace, "bc-1")["failures"]] == ["m-1"]


def test_a_late_sent_after_delivered_changes_nothing(api, workspace, inboxes):
    create(api, workspace)
    post("telnyx", (EVENTS / "telnyx/status_delivered.json").read_bytes())
    before = contact(workspace)
    post("telnyx", (EVENTS / "telnyx/status_sent.json").read_bytes())
    assert contact(workspace) == before


def test_a_failure_older_than_the_last_delivery_does_not_count(api, workspace, inboxes):
    create(api, workspace)
    auto_opt_out(api, workspace, True, failed_delivery_threshold=1)
    now = datetime.now(UTC)
    bandwidth("new-ok", "delivered", at=now)
    bandwidth("old-fail", "failed", code="4720", at=now - timedelta(minutes=10))  # permanent, but stale
    record = contact(workspace)
    assert record.status.value == "active" and record.consecutive_failures == 0
    assert record.last_delivery.message_id == "new-ok"  # the newest outcome stays the last one


# --- refused callbacks ------------------------------------------------------------------------


@pytest.mark.parametrize("provider", list(SECRETS))
def test_forged_callbacks_are_refused_and_change_nothing(api, workspace, inboxes, provider):
    create(api, workspace)
    auto_opt_out(api, workspace, True)
    body = carrier_signing.status_body(
        provider, "forged-1", FAILED[provider], OPT_OUT_CODE[provider], NUMBERS[provider], CONTACT, "bc-f"
    )
    status, answer = post(provider, body, secret=FORGED[provider])
    assert status == 403 and answer["error"]["code"] == "invalid_signature"
    status, _ = post(provider, body, headers={"Content-Type": carrier_signing.JSON})
    assert status == 403
    record = contact(workspace)
    assert record.status.value == "active" and record.last_delivery is None
    assert failures(api, workspace, "bc-f")["failures"] == []
    status, answer = post(provider, body)  # the same callback, signed: it was never recorded
    assert status == 200 and answer["results"][0]["opted_out"] == "carrier"


def test_forged_aws_delivery_events_are_refused(api, workspace, inboxes, sns_cert):
    create(api, workspace)
    event = json.loads((EVENTS / "aws/status_permanent_failure.sns.json").read_text())
    forged = carrier_signing.sign_sns_event(event, carrier_signing.sns_test_certificate()[0])
    assert handler()(forged, lambdas.LambdaContext("DeliveryStatusFunction")) == {"processed": 0, "refused": 1}
    assert contact(workspace).last_delivery is None
    assert post_sns(event, sns_cert)[1] == {"processed": 1, "refused": 0}
    assert post_sns(event, sns_cert)[1] == {"processed": 1, "refused": 0}  # SNS redelivery: a duplicate
    assert contact(workspace).consecutive_failures == 1


@pytest.mark.parametrize("provider", list(SECRETS))
def test_unregistered_inbox_is_404(api, workspace, inboxes, provider):
    body = carrier_signing.status_body(provider, "m-404", FAILED[provider], None, "+15005550099", CONTACT)
    status, answer = post(provider, body)
    assert status == 404 and answer["error"]["code"] == "inbox_not_found"
    assert contact(workspace) is None


def test_sample_lambda_events_answer_without_server_errors(aws):
    for path in sorted((EVENTS / "delivery_status").glob("*.json")):
        response = handler()(json.loads(path.read_text()), lambdas.LambdaContext("DeliveryStatusFunction"))
        if "statusCode" in response:
            assert response["statusCode"] == 404, path.name
        else:
            assert response == {"processed": 0, "refused": 1}, path.name


# --- cost -------------------------------------------------------------------------------------


def test_a_routine_callback_costs_at_most_three_dynamodb_requests(api, workspace, inboxes, ddb_calls):
    create(api, workspace)
    create(api, workspace, "+15551230002")
    bandwidth("warm-up", "delivered")  # loads the inbox and workspace caches
    # A delivery is also counted among the number's sends (services/sends.py): one UpdateItem.
    for message_id, kind, code, counted in (
        ("c-ok", "delivered", None, ["UpdateItem"]),
        ("c-fail", "failed", "4702", []),
    ):
        ddb_calls.clear()
        bandwidth(message_id, kind, code=code)
        assert ddb_calls == ["BatchGetItem", "TransactWriteItems", *counted], message_id
    ddb_calls.clear()
    bandwidth("c-stop", "failed", to="+15551230002", code="4775")  # a carrier opt-out, too
    assert ddb_calls == ["BatchGetItem", "TransactWriteItems"]
    assert contact(workspace, "+15551230002").status.value == "opted_out"


# --- the broadcast failure list ---------------------------------------------------------------


def test_failures_are_paginated_with_current_status_and_stay_in_their_workspace(
    api, workspace, other_workspace, inboxes, ddb_calls
):
    phones = [f"+1555123{i:04d}" for i in range(10, 15)]
    for i, phone in enumerate(phones):
        bandwidth(f"p-{i}", "failed", to=phone, code="4775" if i == 0 else "4702", bc="spring-sale")
    bandwidth("p-other", "failed", to=phones[1], code="4702", bc="another")
    ddb_calls.clear()
    first = failures(api, workspace, "spring-sale", limit=2)
    assert ddb_calls.count("BatchGetItem") == 1 and ddb_calls.count("Query") == 1
    assert ddb_calls.count("GetItem") == 1  # the API key only: statuses come in one batch
    pages, cursor = [first], first["next_cursor"]
    while cursor:
        pages.append(failures(api, workspace, "spring-sale", limit=2, cursor=cursor))
        cursor = pages[-1]["next_cursor"]
    listed = [f for page in pages for f in page["failures"]]
    assert [f["phone"] for f in listed] == phones and len(pages) == 3
    assert listed[0]["contact_status"] == "opted_out" and {f["contact_status"] for f in listed[1:]} == {"active"}
    assert listed[0]["failure_class"] == "carrier_opt_out" and listed[1]["error_code"] == "4702"

    status, body = api.request("GET", "/v1/broadcasts/spring-sale/failures", key=other_workspace["admin"])
    assert status == 200 and body["failures"] == []
    status, body = api.request(
        "GET",
        "/v1/broadcasts/spring-sale/failures",
        key=other_workspace["admin"],
        query={"cursor": first["next_cursor"]},
    )
    assert status == 400 and body["error"]["code"] == "invalid_cursor"
    status, _ = api.request(
        "GET", "/v1/broadcasts/another/failures", query={"cursor": first["next_cursor"]}, key=workspace["member"]
    )
    assert status == 400  # a cursor works for its own broadcast only


def test_failures_outside_a_broadcast_are_counted_in_the_failure_report_but_listed_nowhere(api, workspace, inboxes):
    from local_stack.report import drain_streams

    day = datetime(2026, 6, 3, 15, tzinfo=UTC)
    phones = [f"+1555123{i:04d}" for i in range(40, 44)]
    for i, phone in enumerate(phones):
        bandwidth(f"nb-{i}", "failed", to=phone, code="4720", at=day + timedelta(minutes=i), bc=None)
    bandwidth("b-0", "failed", to=phones[0], code="4720", at=day + timedelta(hours=1), bc="summer")
    bandwidth("long-0", "failed", to=phones[1], code="4720", at=day + timedelta(hours=2), bc="x" * 201)
    assert drain_streams(boto3.Session(), {}) > 0
    status, body = api.request(
        "GET", "/v1/reports/failures", key=workspace["member"], query={"from": "2026-06-03", "to": "2026-06-03"}
    )
    assert status == 200, body
    # four failures outside any broadcast, one in "summer", one whose broadcast id is unusable
    assert body["totals"]["failed"] == 6
    assert body["totals"]["by_class"] == {"permanent": 6}
    assert [(b["broadcast_id"], b["failed"]) for b in body["broadcasts"]] == [("summer", 1)]
    assert [f["phone"] for f in failures(api, workspace, "summer")["failures"]] == [phones[0]]


def test_any_user_can_opt_out_a_failed_number_from_the_list(api, workspace, other_workspace, inboxes):
    create(api, workspace)
    bandwidth("mo-1", "failed", code="4702", bc="bc-manual")
    path = f"/v1/broadcasts/bc-manual/failures/{CONTACT}/opt-out"
    assert api.request("POST", path, key=other_workspace["member"])[0] == 404
    assert (
        api.request("POST", "/v1/broadcasts/bc-manual/failures/+15551239999/opt-out", key=workspace["member"])[0] == 404
    )
    assert api.request("POST", f"/v1/broadcasts/other/failures/{CONTACT}/opt-out", key=workspace["member"])[0] == 404

    status, body = api.request("POST", path, key=workspace["member"])
    assert status == 200 and body["changed"] is True
    assert body["contact"]["status"] == "opted_out" and body["contact"]["status_reason"] == "failed_delivery"
    event = body["event"]
    assert event["reason"] == "failed_delivery" and event["message_id"] == "mo-1"
    assert event["initiator"]["type"] == "api_key" and event["initiator"]["name"] == "member"
    assert event["decision"]["rule"] == "manual" and event["decision"]["error_code"] == "4702"
    status, body = api.request("POST", path, key=workspace["member"])
    assert status == 200 and body["changed"] is False and body["event"] is None
    assert failures(api, workspace, "bc-manual")["failures"][0]["contact_status"] == "opted_out"


def test_a_blocked_number_stays_blocked(api, workspace, inboxes):
    api.request(
        "POST", "/v1/contact/set_status", key=workspace["member"], json_body={"phone": CONTACT, "status": "blocked"}
    )
    bandwidth("b-1", "failed", code="4775", bc="bc-b")
    assert contact(workspace).status.value == "blocked"
    status, body = api.request("POST", f"/v1/broadcasts/bc-b/failures/{CONTACT}/opt-out", key=workspace["member"])
    assert status == 200 and body["changed"] is False and body["contact"]["status"] == "blocked"


# --- opting back in ---------------------------------------------------------------------------


def test_failed_delivery_opt_outs_return_only_by_admin_with_note_or_the_contacts_keyword(api, workspace, inboxes):
    create(api, workspace)
    auto_opt_out(api, workspace, True)
    bandwidth("perm-1", "failed", code="4720")
    assert contact(workspace).status_reason.value == "failed_delivery"

    status, report = api.request(
        "POST",
        "/v1/contacts/import",
        key=workspace["admin"],
        body=f"Phone,Name,Opt Out\n{CONTACT},Back,no\n",
        headers={"Content-Type": "text/csv"},
    )
    assert status == 200 and report["kept"] == 1
    assert api.request("POST", "/v1/contacts", key=workspace["admin"], json_body={"phone": CONTACT})[0] == 409
    assert api.request("DELETE", f"/v1/contacts/{CONTACT}", key=workspace["admin"])[0] == 200
    status, body = api.request("POST", "/v1/contacts", key=workspace["admin"], json_body={"phone": CONTACT})
    assert status == 201 and body["kept"] is True and body["status"] == "opted_out"
    assert contact(workspace).status_reason.value == "failed_delivery"

    subscribe = {"phone": CONTACT, "status": "subscribed"}
    assert api.request("POST", "/v1/contact/set_status", key=workspace["member"], json_body=subscribe)[0] == 403
    assert api.request("POST", "/v1/contact/set_status", key=workspace["admin"], json_body=subscribe)[0] == 400
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=workspace["admin"], json_body={**subscribe, "note": "new phone, checked"}
    )
    assert status == 200 and body["contact"]["status"] == "active"
    # Opting in starts the count again: one more transient failure is not three in a row.
    bandwidth("after-1", "failed", code="4702", at=datetime.now(UTC) + timedelta(seconds=1))
    assert contact(workspace).status.value == "active" and contact(workspace).consecutive_failures == 1


def test_the_contacts_own_opt_in_keyword_brings_it_back(api, workspace, inboxes, monkeypatch):
    create(api, workspace)
    auto_opt_out(api, workspace, True)
    bandwidth("perm-2", "failed", code="4720")
    assert contact(workspace).status.value == "opted_out"
    body = carrier_signing.inbound_body("bandwidth", CONTACT, NUMBERS["bandwidth"], "START", "start-1")
    headers = {"Host": HOST, **carrier_signing.sign("bandwidth", "", body, SECRETS["bandwidth"])}
    event = lambdas.api_gateway_event(
        method="POST",
        resource="/webhooks/bandwidth/inbound",
        path="/webhooks/bandwidth/inbound",
        headers=headers,
        body=body.decode(),
    )
    inbound = lambdas.load_handler(template.functions()["InboundSmsFunction"])
    from optout import reply_events as replies

    monkeypatch.setattr(replies, "publish", lambda batch: 0)
    assert inbound(event, lambdas.LambdaContext("InboundSmsFunction"))["statusCode"] == 200
    assert contact(workspace).status.value == "active"


def test_the_contacts_api_shows_what_a_contact_carries(api, workspace, inboxes):
    create(api, workspace)
    start = datetime.now(UTC)
    bandwidth("ok-1", "delivered", at=start)
    bandwidth("bad-1", "failed", code="4702", at=start + timedelta(minutes=1))
    status, body = api.request("GET", f"/v1/contacts/{CONTACT}", key=workspace["member"])
    assert status == 200
    assert body["consecutive_failures"] == 1 and body["last_delivered_at"].startswith(start.strftime("%Y-%m-%dT%H:%M"))
    assert body["last_delivery"]["message_id"] == "bad-1" and body["last_delivery"]["error_code"] == "4702"
    assert body["last_delivery"]["failure_class"] == "transient"
