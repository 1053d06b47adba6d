"""Bounded fuzzing of every carrier's webhook parser through the real handlers.

Each example is a malformed webhook: bytes that are not the carrier's format, or a well-formed
body for a registered inbox with one required field removed or of the wrong type, correctly
signed so that the parser (not the signature check) has to refuse it. Every one must answer 4xx
with the error shape, write nothing to DynamoDB and publish no reply.
"""

from __future__ import annotations

import base64
import copy
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from local_stack import lambdas, template

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

CONTACT = "+15551230009"
HOST = "api.example.com"
NUMBERS = {"twilio": "+15005550011", "telnyx": "+15005550012", "bandwidth": "+15005550013", "vonage": "+15005550014"}
TELNYX_PRIVATE = carrier_signing.telnyx_keypair()[0]
SECRETS = {
    "twilio": {"auth_token": "twilio-fuzz-auth-token"},
    "telnyx": {"public_key": carrier_signing.telnyx_public_key(TELNYX_PRIVATE), "private_key": TELNYX_PRIVATE},
    "bandwidth": {"username": "bw-fuzz", "password": "bw-fuzz-pass"},
    "vonage": {"signature_secret": "vonage-fuzz-signature-secret-0123"},
}
FAILED = {"twilio": "failed", "telnyx": "delivery_failed", "bandwidth": "message-failed", "vonage": "rejected"}
FUNCTIONS = {"inbound": "InboundSmsFunction", "status": "DeliveryStatusFunction"}
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
FUZZ = settings(
    max_examples=40, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The fields each parser requires, as paths into the body (form key, or JSON keys and indexes).
REQUIRED: dict[tuple[str, str], list[tuple[Any, ...]]] = {
    ("twilio", "inbound"): [("From",), ("To",)],  # Body may be empty (media only)
    ("twilio", "status"): [("From",), ("To",), ("MessageStatus",)],
    ("telnyx", "inbound"): [("data",), ("data", "event_type"), ("data", "payload"), ("data", "payload", "id"),
                            ("data", "payload", "from"), ("data", "payload", "from", "phone_number"),
                            ("data", "payload", "to")],
    ("telnyx", "status"): [("data",), ("data", "event_type"), ("data", "payload"), ("data", "payload", "id"),
                           ("data", "payload", "to")],
    # Bandwidth's event-level `to` falls back to the message's, so neither alone is required.
    ("bandwidth", "inbound"): [(0,), (0, "type"), (0, "message"), (0, "message", "id"), (0, "message", "from")],
    ("bandwidth", "status"): [(0,), (0, "type"), (0, "message"), (0, "message", "id"), (0, "message", "from")],
    ("vonage", "inbound"): [("message_uuid",), ("from",), ("to",)],
    ("vonage", "status"): [("message_uuid",), ("status",), ("to",)],
}
KINDS = sorted(REQUIRED)
# Numbers are not here: carriers send some ids and codes as numbers, which the parsers read as text.
WRONG_TYPES = st.sampled_from([None, True, False, [], {}, [None], {"x": 1}])
NOT_A_NUMBER = st.sampled_from(["", " ", "+", "abc", "++1", "0" * 40])


@pytest.fixture
def inboxes(api, workspace):
    client = boto3.client("secretsmanager", region_name="us-east-1")
    for provider, number in NUMBERS.items():
        name = f"optout/{workspace['id']}/{provider}-fuzz"
        public = {k: v for k, v in SECRETS[provider].items() if k != "private_key"}
        client.create_secret(Name=name, SecretString=json.dumps(public))
        status, body = api.request(
            "PUT", f"/v1/inboxes/{number}", key=workspace["admin"], json_body={"provider": provider, "secret_ref": name}
        )
        assert status == 200, body
    return NUMBERS


@pytest.fixture
def writes(ddb_calls, monkeypatch):
    """Count of DynamoDB writes and published replies since the last reset."""
    from optout import reply_events as replies

    published: list[Any] = []
    monkeypatch.setattr(replies, "publish", lambda batch: published.extend(batch) or 0)

    def count() -> int:
        return sum(1 for name in ddb_calls if name in WRITES) + len(published)

    return count


def url_for(provider: str, kind: str) -> str:
    return f"https://{HOST}/prod/webhooks/{provider}/{kind}"


def valid_body(provider: str, kind: str) -> bytes:
    if kind == "inbound":
        return carrier_signing.inbound_body(provider, CONTACT, NUMBERS[provider], "STOP", "fuzz-m1")
    return carrier_signing.status_body(provider, "fuzz-m1", FAILED[provider], "30003", NUMBERS[provider], CONTACT)


def decode(provider: str, body: bytes) -> Any:
    if provider == "twilio":
        return dict(parse_qsl(body.decode(), keep_blank_values=True))
    return json.loads(body)


def encode(provider: str, data: Any) -> bytes:
    if provider == "twilio":
        return urlencode({k: "" if v is None else str(v) for k, v in data.items()}).encode()
    return json.dumps(data).encode()


def mutate(data: Any, path: tuple[Any, ...], replacement: Any, delete: bool) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return data


def signed_headers(provider: str, kind: str, body: bytes) -> dict[str, str]:
    if provider == "twilio":
        from twilio.request_validator import RequestValidator

        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        signature = RequestValidator(SECRETS["twilio"]["auth_token"]).compute_signature(url_for(provider, kind), params)
        return {"X-Twilio-Signature": signature, "Content-Type": carrier_signing.FORM}
    headers = carrier_signing.sign(provider, url_for(provider, kind), body, SECRETS[provider])
    return {**headers, "Content-Type": carrier_signing.JSON}


def deliver(provider: str, kind: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    spec = template.functions()[FUNCTIONS[kind]]
    path = f"/webhooks/{provider}/{kind}"
    try:
        text, is_base64 = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, is_base64 = base64.b64encode(body).decode(), True  # as API Gateway passes binary
    event = lambdas.api_gateway_event(
        method="POST", resource=path, path=path, headers={"Host": HOST, **headers}, body=text, is_base64=is_base64
    )
    response = lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id))
    return response["statusCode"], response.get("body")


def assert_refused(status: int, body: Any, writes_before: int, writes_after: int, what: str) -> None:
    assert 400 <= status < 500, f"{what}: answered {status} {body}"
    error = json.loads(body)["error"]
    assert {"code", "message", "details"} <= set(error), f"{what}: {body}"
    assert writes_after == writes_before, f"{what}: {writes_after - writes_before} writes for a refused webhook"


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _digits(value: Any) -> str:
    return "".join(c for c in value if c.isdigit()) if isinstance(value, str) else ""


@st.composite
def broken_field(draw: st.DrawFn) -> tuple[str, str, bytes]:
    provider, kind = draw(st.sampled_from(KINDS))
    data = decode(provider, valid_body(provider, kind))
    path = draw(st.sampled_from(REQUIRED[(provider, kind)]))
    delete = draw(st.booleans())
    # The inbox's own number must be a number; a sender need not be (short codes and
    # alphanumeric senders are acknowledged without a write), so only the inbox gets non-numbers.
    phone_field = _digits(_at(data, path)) == _digits(NUMBERS[provider])
    if provider == "twilio":  # a form has only strings: an empty or non-number value
        replacement: Any = draw(NOT_A_NUMBER if phone_field else st.just(""))
    else:
        replacement = draw(st.one_of(WRONG_TYPES, NOT_A_NUMBER) if phone_field else WRONG_TYPES)
    return provider, kind, encode(provider, mutate(data, path, replacement, delete))


@FUZZ
@given(case=broken_field())
def test_signed_webhook_missing_or_mistyped_field_is_4xx_and_writes_nothing(inboxes, writes, case):
    provider, kind, body = case
    before = writes()
    status, answer = deliver(provider, kind, body, signed_headers(provider, kind, body))
    assert_refused(status, answer, before, writes(), f"{provider} {kind} {body[:300]!r}")


JUNK = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
        max_leaves=12,
    ).map(lambda value: json.dumps(value).encode()),
)


@FUZZ
@given(kind=st.sampled_from(KINDS), body=JUNK, sign=st.booleans())
def test_junk_webhook_body_is_4xx_and_writes_nothing(inboxes, writes, kind, body, sign):
    provider, what = kind
    headers = signed_headers(provider, what, body) if sign and provider != "twilio" else {}
    headers.setdefault("Content-Type", carrier_signing.FORM if provider == "twilio" else carrier_signing.JSON)
    before = writes()
    status, answer = deliver(provider, what, body, headers)
    assert_refused(status, answer, before, writes(), f"{provider} {what} {body[:300]!r}")


@pytest.mark.parametrize("provider, kind", KINDS)
def test_the_unbroken_body_is_accepted(inboxes, writes, provider, kind):
    """The fuzzed bodies start from these; they must really get through, or the fuzz proves nothing."""
    body = valid_body(provider, kind)
    status, answer = deliver(provider, kind, body, signed_headers(provider, kind, body))
    assert status == 200, answer
    assert writes() > 0


# --- AWS End User Messaging through SNS: a refused record is dropped (counted), never stored -----

AWS_NUMBER = "+15005550015"
SNS_EVENTS = {"inbound": "inbound_stop.sns.json", "status": "status_permanent_failure.sns.json"}
SNS_REQUIRED = {
    "inbound": ["inboundMessageId", "originationNumber", "destinationNumber"],
    "status": ["eventType", "messageId", "destinationPhoneNumber", "originationPhoneNumber"],
}
SNS_INBOX_FIELD = {"inbound": "destinationNumber", "status": "originationPhoneNumber"}
SNS_KEY, SNS_CERT = carrier_signing.sns_test_certificate()


@pytest.fixture
def aws_inbox(api, workspace, monkeypatch):
    from optout.webhooks import verification as webhooks

    monkeypatch.setattr(webhooks, "sns_cert_loader", lambda url: SNS_CERT)
    status, body = api.request("PUT", f"/v1/inboxes/{AWS_NUMBER}", key=workspace["admin"], json_body={"provider": "aws"})
    assert status == 200, body
    return AWS_NUMBER


def sns_event(kind: str, message: str) -> dict[str, Any]:
    event = json.loads((Path(__file__).resolve().parents[2] / "events" / "aws" / SNS_EVENTS[kind]).read_text())
    event["Records"][0]["Sns"]["Message"] = message
    return carrier_signing.sign_sns_event(event, SNS_KEY)


def sns_message(kind: str) -> dict[str, Any]:
    event = json.loads((Path(__file__).resolve().parents[2] / "events" / "aws" / SNS_EVENTS[kind]).read_text())
    message = json.loads(event["Records"][0]["Sns"]["Message"])
    inbox_field = SNS_INBOX_FIELD[kind]
    return {**message, inbox_field: AWS_NUMBER}


def receive_sns(kind: str, event: dict[str, Any]) -> Any:
    spec = template.functions()[FUNCTIONS[kind]]
    return lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id))


@st.composite
def broken_sns(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(sorted(SNS_EVENTS)))
    message = sns_message(kind)
    if draw(st.booleans()):
        return kind, draw(st.one_of(st.text(max_size=200), JUNK.map(lambda b: b.decode("utf-8", "replace"))))
    field = draw(st.sampled_from(SNS_REQUIRED[kind]))
    if draw(st.booleans()):
        del message[field]
    else:
        wrong = st.one_of(WRONG_TYPES, NOT_A_NUMBER) if field == SNS_INBOX_FIELD[kind] else WRONG_TYPES
        message[field] = draw(wrong)
    return kind, json.dumps(message)


@FUZZ
@given(case=broken_sns())
def test_malformed_sns_record_is_refused_and_writes_nothing(aws_inbox, writes, case):
    kind, message = case
    before = writes()
    answer = receive_sns(kind, sns_event(kind, message))
    assert answer == {"processed": 0, "refused": 1}, f"{kind} {message[:300]!r}: {answer}"
    assert writes() == before, f"{kind} {message[:300]!r}: wrote for a refused record"


@pytest.mark.parametrize("kind", sorted(SNS_EVENTS))
def test_the_unbroken_sns_record_is_processed(aws_inbox, writes, kind):
    answer = receive_sns(kind, sns_event(kind, json.dumps(sns_message(kind))))
    assert answer == {"processed": 1, "refused": 0}, answer
    assert writes() > 0
