"""Parsing every sample under events/ and rejecting malformed payloads with PayloadError."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from carrier_fixtures import CONTACT, EVENTS, SAMPLES, sample_ids, sample_request

from optout.carriers import (
    DeliveryOutcome,
    InboundMessage,
    PayloadError,
    UnsupportedProviderError,
    WebhookRequest,
    broadcast_tag,
    parse_inbound,
    parse_inbound_all,
    parse_status,
    parse_status_all,
    parse_webhook,
    send_failure,
)

PARSEABLE = [s for s in SAMPLES if s["kind"] in ("inbound", "status")]


def source_for(sample: dict[str, Any]) -> Any:
    if sample["provider"] == "aws":
        return json.loads((EVENTS / sample["file"]).read_text())
    return sample_request(sample)


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


@pytest.mark.parametrize("sample", PARSEABLE, ids=sample_ids(PARSEABLE))
def test_samples_parse_as_expected(sample: dict[str, Any]) -> None:
    source = source_for(sample)
    if sample["kind"] == "inbound":
        record: InboundMessage | DeliveryOutcome = parse_inbound(sample["provider"], source)
        assert isinstance(record, InboundMessage)
    else:
        record = parse_status(sample["provider"], source)
        assert isinstance(record, DeliveryOutcome)
        assert record.error_text if record.is_failure else record.error_text is None
    assert record.provider == sample["provider"]
    assert record.raw
    for field, expected in sample["expected"].items():
        assert _value(getattr(record, field)) == expected, field


def test_every_provider_has_the_required_samples() -> None:
    have = {(s["provider"], s["file"].split("/")[1].split(".")[0]) for s in SAMPLES}
    required = [
        "inbound_stop",
        "inbound_message",
        "status_delivered",
        "status_transient_failure",
        "status_permanent_failure",
    ]
    for provider in ("twilio", "telnyx", "bandwidth", "vonage", "aws"):
        for name in required:
            assert (provider, name) in have, (provider, name)
        if provider != "aws":  # AWS refuses opted-out sends synchronously (no event exists)
            assert (provider, "status_carrier_opt_out") in have, provider
    classes = {s["expected"].get("failure_class") for s in SAMPLES if s["kind"] != "inbound"}
    assert classes == {"none", "transient", "permanent", "carrier_opt_out"}


def test_inbound_stop_texts() -> None:
    for sample in SAMPLES:
        if "inbound_stop" in sample["file"]:
            message = parse_inbound(sample["provider"], source_for(sample))
            assert message.text.strip().upper() == "STOP"
            assert message.from_number == CONTACT


def test_twilio_advanced_opt_out_type() -> None:
    sample = next(s for s in SAMPLES if s["file"] == "twilio/inbound_stop_advanced_opt_out.form")
    assert parse_inbound("twilio", sample_request(sample)).carrier_opt_out_type == "STOP"


def test_aws_send_error_sample_classifies_as_carrier_opt_out() -> None:
    sample = next(s for s in SAMPLES if s["kind"] == "send_error")
    body = json.loads((EVENTS / sample["file"]).read_text())
    outcome = send_failure(
        "aws",
        recipient=CONTACT,
        inbox="+15005550005",
        error_code=body["Reason"],
        error_text=body["Message"],
    )
    for field, expected in sample["expected"].items():
        assert getattr(outcome, field) == expected


def test_send_failure_for_other_providers() -> None:
    twilio = send_failure("twilio", recipient=CONTACT, inbox="+15005550001", error_code=21610)
    assert (twilio.failure_class, twilio.error_code) == ("carrier_opt_out", "21610")
    assert twilio.error_text == "Attempt to send to unsubscribed recipient"
    telnyx = send_failure("telnyx", recipient=CONTACT, inbox="+1", error_code="40300", broadcast_id="b")
    assert (telnyx.failure_class, telnyx.broadcast_id) == ("carrier_opt_out", "b")


def test_broadcast_id_query_parameter_wins_and_campaign_id_alias() -> None:
    sample = next(s for s in SAMPLES if s["file"] == "telnyx/status_delivered.json")
    assert parse_status("telnyx", sample_request(sample)).broadcast_id == "bc-telnyx-001"
    for param in ("broadcast_id", "campaign_id"):
        request = sample_request(sample, url=f"{sample['url']}?{param}=from-url")
        assert parse_status("telnyx", request).broadcast_id == "from-url"


def test_untagged_callbacks_have_no_broadcast_id() -> None:
    sample = next(s for s in SAMPLES if s["file"] == "twilio/status_delivered.form")
    request = sample_request(sample, url="https://hooks.example.com/prod/carriers/twilio/status")
    assert parse_status("twilio", request).broadcast_id is None
    assert broadcast_tag("abc") == "broadcast_id:abc"


def test_aws_http_subscription_body_parses() -> None:
    event = json.loads((EVENTS / "aws/status_delivered.sns.json").read_text())
    body = json.dumps(event["Records"][0]["Sns"]).encode()
    url = "https://hooks.example.com/prod/carriers/aws/sns?broadcast_id=bc-http"
    outcome = parse_status("aws", WebhookRequest("POST", url, {}, body))
    assert (outcome.status, outcome.broadcast_id) == ("delivered", "bc-http")


def test_shared_endpoint_dispatch() -> None:
    telnyx = [s for s in SAMPLES if s["provider"] == "telnyx"]
    kinds = {type(parse_webhook("telnyx", sample_request(s))[0]).__name__ for s in telnyx}
    assert kinds == {"InboundMessage", "DeliveryOutcome"}
    inbound = next(s for s in telnyx if s["kind"] == "inbound")
    with pytest.raises(PayloadError, match="inbound messages, not delivery"):
        parse_status("telnyx", sample_request(inbound))
    status = next(s for s in telnyx if s["kind"] == "status")
    with pytest.raises(PayloadError, match="delivery events, not inbound"):
        parse_inbound("telnyx", sample_request(status))


def test_bandwidth_arrays_with_several_events() -> None:
    delivered = json.loads((EVENTS / "bandwidth/status_delivered.json").read_text())
    failed = json.loads((EVENTS / "bandwidth/status_carrier_opt_out.json").read_text())
    request = WebhookRequest("POST", "https://h/b", {}, json.dumps(delivered + failed).encode())
    outcomes = parse_status_all("bandwidth", request)
    assert [o.failure_class for o in outcomes] == ["none", "carrier_opt_out"]
    with pytest.raises(PayloadError, match="2 events"):
        parse_status("bandwidth", request)


def test_telnyx_group_message_gives_one_outcome_per_recipient() -> None:
    body = json.loads((EVENTS / "telnyx/status_carrier_opt_out.json").read_text())
    body["data"]["payload"]["to"].append({"phone_number": "+15551230009", "status": "delivered"})
    request = WebhookRequest("POST", "https://h/t", {}, json.dumps(body).encode())
    outcomes = parse_status_all("telnyx", request)
    assert [(o.recipient, o.failure_class) for o in outcomes] == [
        (CONTACT, "carrier_opt_out"),
        ("+15551230009", "none"),
    ]


def test_sns_lambda_batch() -> None:
    a = json.loads((EVENTS / "aws/inbound_stop.sns.json").read_text())
    b = json.loads((EVENTS / "aws/inbound_message.sns.json").read_text())
    batch = {"Records": a["Records"] + b["Records"]}
    assert [m.text for m in parse_inbound_all("aws", batch)] == ["STOP", "Is parking available?"]


def test_vonage_messages_error_code_from_type_fragment() -> None:
    body = json.loads((EVENTS / "vonage/status_carrier_opt_out.json").read_text())
    body["error"]["title"] = "Illegal Number"
    outcome = parse_status("vonage", WebhookRequest("POST", "https://h/v", {}, json.dumps(body)))
    assert (outcome.error_code, outcome.failure_class) == ("1240", "carrier_opt_out")


def test_vonage_sms_get_request() -> None:
    url = (
        "https://h/v?msisdn=15551230001&to=15005550004&messageId=0A1&text=STOP&type=text"
        "&message-timestamp=2026-07-17+12%3A00%3A00"
    )
    message = parse_inbound("vonage", WebhookRequest("GET", url))
    assert (message.from_number, message.text) == (CONTACT, "STOP")
    assert message.sent_at == datetime(2026, 7, 17, 12, 0, tzinfo=UTC)


def test_twilio_get_inbound() -> None:
    url = "https://h/t?MessageSid=SM1&From=%2B15551230001&To=%2B15005550001&Body=STOP&FromZip="
    assert parse_inbound("twilio", WebhookRequest("GET", url)).text == "STOP"


def test_malformed_timestamp_does_not_reject_a_stop() -> None:
    body = json.loads((EVENTS / "telnyx/inbound_stop.json").read_text())
    body["data"]["occurred_at"] = "yesterday-ish"
    message = parse_inbound("telnyx", WebhookRequest("POST", "https://h", {}, json.dumps(body)))
    assert (message.text, message.sent_at) == ("STOP", None)


def _mutate(path: str, change: Any) -> bytes:
    body = json.loads((EVENTS / path).read_text())
    change(body)
    return json.dumps(body).encode()


def _sns(path: str, change: Any) -> dict:
    event = json.loads((EVENTS / path).read_text())
    message = json.loads(event["Records"][0]["Sns"]["Message"])
    change(message)
    event["Records"][0]["Sns"]["Message"] = json.dumps(message)
    return event


MALFORMED: list[tuple[str, Any]] = [
    ("twilio", b"Body=STOP&To=%2B15005550001&MessageSid=SM1"),  # no From
    ("twilio", b"Body=STOP&From=%2B15551230001&To=%2B15005550001"),  # no MessageSid
    ("twilio", b"MessageSid=SM1&MessageStatus=teleported&To=%2B1&From=%2B2"),
    ("twilio", b"\xff\xfe"),
    ("telnyx", b"{not json"),
    ("telnyx", b"[]"),
    ("telnyx", _mutate("telnyx/inbound_stop.json", lambda b: b["data"].pop("payload"))),
    ("telnyx", _mutate("telnyx/inbound_stop.json", lambda b: b["data"]["payload"].update(to=[]))),
    ("telnyx", _mutate("telnyx/inbound_stop.json", lambda b: b["data"]["payload"].update(to="x"))),
    ("telnyx", _mutate("telnyx/inbound_stop.json", lambda b: b["data"]["payload"].update(text=5))),
    ("telnyx", _mutate("telnyx/inbound_stop.json", lambda b: b["data"].update(event_type="x.y"))),
    (
        "telnyx",
        _mutate("telnyx/status_delivered.json", lambda b: b["data"]["payload"].update(errors="boom")),
    ),
    ("bandwidth", b"{}"),
    ("bandwidth", b"[]"),
    ("bandwidth", b"[42]"),
    ("bandwidth", _mutate("bandwidth/inbound_stop.json", lambda b: b[0].pop("message"))),
    ("bandwidth", _mutate("bandwidth/inbound_stop.json", lambda b: b[0]["message"].pop("id"))),
    (
        "bandwidth",
        _mutate("bandwidth/inbound_stop.json", lambda b: (b[0].pop("to"), b[0]["message"].update(to=[]))),
    ),
    ("bandwidth", _mutate("bandwidth/status_delivered.json", lambda b: b[0].update(type="nope"))),
    (
        "bandwidth",
        _mutate("bandwidth/status_delivered.json", lambda b: b[0]["message"].update({"from": ["+1"]})),
    ),
    ("vonage", b'{"hello": "world"}'),
    ("vonage", b'["message_uuid"]'),
    ("vonage", _mutate("vonage/inbound_stop.json", lambda b: b.pop("from"))),
    ("vonage", _mutate("vonage/status_delivered.json", lambda b: b.update(status="lost"))),
    ("vonage", _mutate("vonage/status_transient_failure.json", lambda b: b.update(error="x"))),
    ("vonage", _mutate("vonage/sms_status_delivered.json", lambda b: b.pop("messageId"))),
    ("vonage", _mutate("vonage/sms_inbound_stop.json", lambda b: b.update(text=["STOP"]))),
    ("aws", {"Records": [{"Sns": {"Type": "Notification"}}]}),
    ("aws", _sns("aws/inbound_stop.sns.json", lambda m: m.pop("originationNumber"))),
    ("aws", _sns("aws/inbound_stop.sns.json", lambda m: m.update(messageBody=1))),
    ("aws", _sns("aws/status_delivered.sns.json", lambda m: m.update(eventType="VOICE_ANSWERED"))),
    ("aws", _sns("aws/status_delivered.sns.json", lambda m: m.pop("messageId"))),
    ("aws", _sns("aws/status_delivered.sns.json", lambda m: m.clear())),
]


@pytest.mark.parametrize(("provider", "payload"), MALFORMED)
def test_malformed_payloads_raise_payload_error(provider: str, payload: Any) -> None:
    if isinstance(payload, bytes):
        source: Any = WebhookRequest("POST", "https://hooks.example.com/x", {}, payload)
    else:
        source = payload
    with pytest.raises(PayloadError):
        parse_webhook(provider, source)


def test_aws_message_not_json() -> None:
    event = json.loads((EVENTS / "aws/inbound_stop.sns.json").read_text())
    event["Records"][0]["Sns"]["Message"] = "hello world"
    with pytest.raises(PayloadError, match="not valid JSON"):
        parse_inbound("aws", event)


def test_aws_confirmation_is_not_an_sms_event() -> None:
    confirmation = {
        "Type": "SubscriptionConfirmation",
        "MessageId": "1",
        "TopicArn": "t",
        "Message": "m",
        "Timestamp": "2026-01-01T00:00:00Z",
        "SubscribeURL": "https://sns",
        "Token": "tok",
    }
    with pytest.raises(PayloadError, match="SubscriptionConfirmation"):
        parse_webhook("aws", confirmation)


def test_non_request_sources_and_unknown_provider() -> None:
    with pytest.raises(PayloadError, match="WebhookRequest"):
        parse_webhook("twilio", {"Body": "STOP"})
    with pytest.raises(UnsupportedProviderError):
        parse_webhook("plivo", WebhookRequest("POST", "https://h"))
