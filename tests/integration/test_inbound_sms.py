"""Inbound SMS through the real handler: signed carrier webhooks, the engine, consent changes, replies."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl

import boto3
import pytest
from twilio.request_validator import RequestValidator

from local_stack import lambdas, template
from optout import repository

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

CONTACT = "+15551230001"
HOST = "api.example.com"
NUMBERS = {"twilio": "+15005550001", "telnyx": "+15005550002", "bandwidth": "+15005550003", "vonage": "+15005550004"}
TELNYX_PRIVATE = carrier_signing.telnyx_keypair()[0]
SECRETS = {
    "twilio": {"auth_token": "twilio-test-auth-token"},
    "telnyx": {"public_key": carrier_signing.telnyx_public_key(TELNYX_PRIVATE), "private_key": TELNYX_PRIVATE},
    "bandwidth": {"username": "bw-user", "password": "bw-pass"},
    "vonage": {"signature_secret": "vonage-signature-secret"},
}
PROVIDERS = list(NUMBERS)


@pytest.fixture
def inboxes(api, workspace):
    client = boto3.client("secretsmanager", region_name="us-east-1")
    for provider, number in NUMBERS.items():
        public = {k: v for k, v in SECRETS[provider].items() if k != "private_key"}
        client.create_secret(Name=f"optout/{workspace['id']}/{provider}", SecretString=json.dumps(public))
        status, body = api.request(
            "PUT",
            f"/v1/inboxes/{number}",
            key=workspace["admin"],
            json_body={"provider": provider, "secret_ref": f"optout/{workspace['id']}/{provider}"},
        )
        assert status == 200, body
    status, body = api.request("PUT", "/v1/inboxes/+15005550005", key=workspace["admin"], json_body={"provider": "aws"})
    assert status == 200, body
    return NUMBERS


@pytest.fixture
def published(monkeypatch):
    """Replies published to EventBridge, captured."""
    from optout import reply_events as replies

    sent: list = []
    monkeypatch.setattr(replies, "publish", lambda batch: sent.extend(batch) or 0)
    return sent


def url_for(provider: str) -> str:
    return f"https://{HOST}/prod/webhooks/{provider}/inbound"


def signed(provider: str, body: bytes, secret: dict | None = None) -> dict[str, str]:
    secret = secret or SECRETS[provider]
    if provider == "twilio":
        # Sign exactly as Twilio does, with its own validator.
        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        signature = RequestValidator(secret["auth_token"]).compute_signature(url_for(provider), params)
        return {"X-Twilio-Signature": signature, "Content-Type": carrier_signing.FORM}
    return {**carrier_signing.sign(provider, url_for(provider), body, secret), "Content-Type": carrier_signing.JSON}


def send(
    api,
    provider: str,
    text: str,
    *,
    message_id: str | None = None,
    body: bytes | None = None,
    headers: dict | None = None,
    to: str | None = None,
):
    body = body or carrier_signing.inbound_body(provider, CONTACT, to or NUMBERS[provider], text, message_id)
    all_headers = {"Host": HOST, **(headers or signed(provider, body))}
    return raw_request(api, provider, body, all_headers)


def raw_request(api, provider: str, body: bytes, headers: dict[str, str]):
    spec = template.functions()["InboundSmsFunction"]
    event = lambdas.api_gateway_event(
        method="POST",
        resource=f"/webhooks/{provider}/inbound",
        path=f"/webhooks/{provider}/inbound",
        headers=headers,
        body=body.decode(),
    )
    response = lambdas.load_handler(spec)(event, lambdas.LambdaContext("InboundSmsFunction"))
    return response["statusCode"], response["body"]


def contact(workspace):
    return repository.get_contact(workspace["id"], CONTACT)


# --- signatures and inboxes -------------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_signed_stop_opts_out_and_confirms_once(api, workspace, inboxes, published, provider):
    status, body = send(api, provider, "STOP", message_id=f"{provider}-m1")
    assert status == 200, body
    record = contact(workspace)
    assert record.status.value == "opted_out" and record.status_reason.value == "keyword"
    _, events = api.request("GET", f"/v1/contacts/{CONTACT}/events", key=workspace["member"])
    [event] = events["events"]
    assert event["inbox"] == NUMBERS[provider] and event["message_text"] == "STOP"
    assert event["initiator"] == {"type": "contact", "id": CONTACT, "name": None}
    assert event["decision"]["action"] == "opt_out" and event["decision"]["rule"] == "keyword"
    if provider == "twilio":
        assert "<Message>" in body and "unsubscribed" in body
        assert published == []
    else:
        assert [r.text for r in published] == [published[0].text] and "unsubscribed" in published[0].text
        assert published[0].to == CONTACT and published[0].inbox == NUMBERS[provider]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_forged_or_tampered_webhooks_change_nothing(api, workspace, inboxes, published, provider):
    body = carrier_signing.inbound_body(provider, CONTACT, NUMBERS[provider], "STOP", "forged-1")
    wrong = {
        "twilio": {"auth_token": "nope"},
        "telnyx": {"private_key": carrier_signing.telnyx_keypair()[0]},
        "bandwidth": {"username": "bw-user", "password": "guess"},
        "vonage": {"signature_secret": "x" * 32},
    }
    status, answer = send(
        api, provider, "STOP", body=body, headers={"Host": HOST, **signed(provider, body, wrong[provider])}
    )
    assert status == 403 and json.loads(answer)["error"]["code"] == "invalid_signature"
    if provider != "bandwidth":  # Bandwidth's callback credentials do not cover the body
        tampered = body.replace(b"STOP", b"STAR")
        status, _ = send(api, provider, "STOP", body=tampered, headers={"Host": HOST, **signed(provider, body)})
        assert status == 403
    status, _ = send(api, provider, "STOP", body=body, headers={"Host": HOST, "Content-Type": "application/json"})
    assert status == 403
    assert contact(workspace) is None and published == []


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unregistered_inbox_is_404_and_stores_nothing(api, workspace, inboxes, provider):
    status, answer = send(api, provider, "STOP", to="+15005550099")
    assert status == 404 and json.loads(answer)["error"]["code"] == "inbox_not_found"
    assert contact(workspace) is None


@pytest.mark.parametrize("provider", PROVIDERS)
def test_malformed_webhook_is_400(api, workspace, inboxes, provider):
    body = b"{not json" if provider != "twilio" else b"Body=STOP"
    status, answer = raw_request(api, provider, body, {"Host": HOST, **signed(provider, body)})
    assert status == 400 and json.loads(answer)["error"]["code"] == "invalid_payload"
    assert contact(workspace) is None


def test_oversized_webhook_is_413(api, workspace, inboxes):
    body = carrier_signing.inbound_body("telnyx", CONTACT, NUMBERS["telnyx"], "x" * 300_000)
    status, _ = send(api, "telnyx", "", body=body)
    assert status == 413 and contact(workspace) is None


# --- idempotency and cost ---------------------------------------------------------------------


def test_a_retried_message_gets_the_same_answer_and_writes_nothing(api, workspace, inboxes, published, ddb_calls):
    first = send(api, "twilio", "STOP", message_id="SM-retry")
    ddb_calls.clear()
    again = send(api, "twilio", "STOP", message_id="SM-retry")
    assert again == first
    assert ddb_calls == ["BatchGetItem"]
    status, _ = send(api, "telnyx", "HELP", message_id="tx-help")
    send(api, "telnyx", "HELP", message_id="tx-help")
    assert status == 200 and len(published) == 1  # one HELP reply, not two


def test_a_stop_costs_two_dynamodb_requests(api, workspace, inboxes, ddb_calls, published):
    send(api, "bandwidth", "hello", message_id="warm-up")  # loads the inbox and workspace caches
    ddb_calls.clear()
    send(api, "bandwidth", "STOP", message_id="bw-stop")
    assert ddb_calls == ["BatchGetItem", "TransactWriteItems"]


# --- what messages do -------------------------------------------------------------------------


def test_twilio_advanced_opt_out_is_followed_without_a_second_reply(api, workspace, inboxes):
    body = carrier_signing.inbound_body("twilio", CONTACT, NUMBERS["twilio"], "STOP", "SM-aoo") + b"&OptOutType=STOP"
    status, answer = send(api, "twilio", "STOP", body=body)
    assert status == 200 and "<Message>" not in answer
    assert contact(workspace).status.value == "opted_out"


def test_start_resubscribes_and_then_intent_is_excluded_for_six_months(api, workspace, inboxes, published):
    send(api, "telnyx", "STOP", message_id="t1")
    send(api, "telnyx", "START", message_id="t2")
    record = contact(workspace)
    assert record.status.value == "active" and record.last_keyword_opt_in_at is not None
    assert "resubscribed" in published[-1].text
    send(api, "telnyx", "please remove me from your list", message_id="t3")
    assert contact(workspace).status.value == "active"  # excluded: texted START within 6 months
    send(api, "telnyx", "stop", message_id="t4")
    assert contact(workspace).status.value == "opted_out"  # keywords are always honoured


def test_yes_from_an_active_contact_is_an_ordinary_message(api, workspace, inboxes, published):
    api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": CONTACT})
    status, answer = send(api, "vonage", "YES", message_id="v-yes")
    assert status == 200 and json.loads(answer)["results"][0]["action"] == "none"
    assert published == [] and contact(workspace).status.value == "active"


def test_help_is_answered_whatever_the_status(api, workspace, inboxes, published):
    api.request(
        "PUT",
        "/v1/settings",
        key=workspace["admin"],
        json_body={"program_name": "Acme Dental", "help_contact": "help@acme.test"},
    )
    send(api, "bandwidth", "HELP", message_id="bw-help")
    assert "Acme Dental" in published[0].text and "help@acme.test" in published[0].text
    assert contact(workspace) is None  # help changes nothing


def test_blocked_contacts_are_acknowledged_but_not_stored_or_answered(api, workspace, inboxes, published, ddb_calls):
    api.request(
        "POST", "/v1/contact/set_status", key=workspace["member"], json_body={"phone": CONTACT, "status": "blocked"}
    )
    ddb_calls.clear()
    status, _ = send(api, "telnyx", "HELP", message_id="blocked-help")
    assert status == 200 and published == []
    assert "TransactWriteItems" not in ddb_calls and "PutItem" not in ddb_calls


def test_an_older_start_does_not_undo_a_newer_opt_out(api, workspace, inboxes):
    now = datetime.now(UTC)

    def bandwidth_body(text: str, at: datetime, mid: str) -> bytes:
        stamp = at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        return json.dumps(
            [
                {
                    "type": "message-received",
                    "time": stamp,
                    "to": NUMBERS["bandwidth"],
                    "description": "in",
                    "message": {
                        "id": mid,
                        "time": stamp,
                        "to": [NUMBERS["bandwidth"]],
                        "from": CONTACT,
                        "text": text,
                        "owner": NUMBERS["bandwidth"],
                        "direction": "in",
                        "segmentCount": 1,
                    },
                }
            ]
        ).encode()

    send(api, "bandwidth", "", body=bandwidth_body("STOP", now, "late-stop"))
    send(api, "bandwidth", "", body=bandwidth_body("START", now - timedelta(minutes=5), "early-start"))
    assert contact(workspace).status.value == "opted_out"
    send(api, "bandwidth", "", body=bandwidth_body("START", now + timedelta(minutes=5), "later-start"))
    assert contact(workspace).status.value == "active"


def test_intent_opt_outs_fill_the_auto_opt_out_folder(api, workspace, inboxes):
    send(api, "telnyx", "please take me off this list", message_id="intent-1")
    record = contact(workspace)
    assert record.status.value == "opted_out" and record.status_reason.value == "intent"
    _, folder = api.request("GET", "/v1/auto-opt-outs", key=workspace["member"])
    [entry] = folder["opt_outs"]
    assert entry["phone"] == CONTACT and entry["message_text"] == "please take me off this list"
    assert entry["decision"]["rule"] == "intent"
    assert (
        api.request("POST", f"/v1/auto-opt-outs/{CONTACT}/opt-in", key=workspace["member"], json_body={"note": "x"})[0]
        == 403
    )
    status, body = api.request(
        "POST",
        f"/v1/auto-opt-outs/{CONTACT}/opt-in",
        key=workspace["admin"],
        json_body={"note": "she texted by mistake, confirmed by phone"},
    )
    assert status == 200 and body["contact"]["status"] == "active"
    assert body["event"]["note"] == "she texted by mistake, confirmed by phone"


def test_keyword_opt_outs_stay_out_of_the_folder(api, workspace, inboxes):
    send(api, "telnyx", "STOP", message_id="kw-1")
    _, folder = api.request("GET", "/v1/auto-opt-outs", key=workspace["member"])
    assert folder["opt_outs"] == []


@pytest.mark.parametrize(
    ("mode", "status", "reply_word"),
    [("confirm", None, "Reply STOP"), ("opt_out", "opted_out", "unsubscribed"), ("ignore", None, None)],
)
def test_typo_modes(api, workspace, inboxes, published, mode, status, reply_word):
    api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"typo_mode": mode})
    send(api, "telnyx", "Stpo", message_id=f"typo-{mode}")
    record = contact(workspace)
    assert (record.status.value if record else None) == status
    if status:
        assert record.status_reason.value == "fuzzy"
    if reply_word:
        assert reply_word in published[0].text
    else:
        assert published == []
    if mode == "confirm":
        assert "unsubscribed from" not in published[0].text.replace("unsubscribe from", "")


def test_intent_switch_off(api, workspace, inboxes):
    api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"intent_opt_out": False})
    send(api, "telnyx", "please remove me from your list", message_id="switch-off")
    assert contact(workspace) is None


def test_workspace_keywords(api, workspace, inboxes):
    api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"opt_out_keywords": ["BASTA YA"]})
    send(api, "telnyx", "basta ya", message_id="custom-1")
    assert contact(workspace).status.value == "opted_out"


# --- AWS End User Messaging through SNS -------------------------------------------------------


def test_aws_inbound_through_sns(api, workspace, inboxes, published, monkeypatch):
    from optout.webhooks import verification as webhooks

    private_key, cert = carrier_signing.sns_test_certificate()
    monkeypatch.setattr(webhooks, "sns_cert_loader", lambda url: cert)
    event = json.loads((Path(__file__).resolve().parents[2] / "events/aws/inbound_stop.sns.json").read_text())
    handler = lambdas.load_handler(template.functions()["InboundSmsFunction"])
    forged = carrier_signing.sign_sns_event(event, carrier_signing.sns_test_certificate()[0])
    assert handler(forged, lambdas.LambdaContext("InboundSmsFunction")) == {"processed": 0, "refused": 1}
    assert contact(workspace) is None
    good = carrier_signing.sign_sns_event(event, private_key)
    assert handler(good, lambdas.LambdaContext("InboundSmsFunction")) == {"processed": 1, "refused": 0}
    assert contact(workspace).status.value == "opted_out"
    assert published[0].provider == "aws" and published[0].inbox == "+15005550005"
    assert handler(good, lambdas.LambdaContext("InboundSmsFunction")) == {"processed": 1, "refused": 0}
    assert len(published) == 1  # the redelivered record is a duplicate


def test_inbox_admin_rules(api, workspace, other_workspace, inboxes):
    status, body = api.request(
        "PUT",
        "/v1/inboxes/+15005550001",
        key=other_workspace["admin"],
        json_body={"provider": "twilio", "secret_ref": "optout/other"},
    )
    assert status == 409 and body["error"]["code"] == "inbox_taken"
    assert (
        api.request(
            "PUT",
            "/v1/inboxes/+15005550077",
            key=workspace["member"],
            json_body={"provider": "twilio", "secret_ref": "s"},
        )[0]
        == 403
    )
    assert (
        api.request("PUT", "/v1/inboxes/+15005550077", key=workspace["admin"], json_body={"provider": "twilio"})[0]
        == 400
    )
    assert (
        api.request(
            "PUT",
            "/v1/inboxes/+15005550077",
            key=workspace["admin"],
            json_body={"provider": "pigeon", "secret_ref": "s"},
        )[0]
        == 400
    )
    _, listing = api.request("GET", "/v1/inboxes", key=workspace["member"])
    assert [i["number"] for i in listing["inboxes"]] == sorted([*NUMBERS.values(), "+15005550005"])
    assert api.request("DELETE", "/v1/inboxes/+15005550001", key=other_workspace["admin"])[0] == 404
    assert api.request("DELETE", "/v1/inboxes/+15005550001", key=workspace["admin"])[0] == 200
    assert send(api, "twilio", "STOP")[0] == 404


def test_start_after_an_opt_out_without_carrier_time_resubscribes(api, workspace, inboxes, published):
    """Twilio sends no timestamp: our own clock must not make a later START look older."""
    send(api, "twilio", "STOP", message_id="SM-no-time")
    assert contact(workspace).status.value == "opted_out"
    send(api, "telnyx", "START", message_id="tx-start-after")
    assert contact(workspace).status.value == "active"
