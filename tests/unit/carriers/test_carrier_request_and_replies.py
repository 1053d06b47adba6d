"""WebhookRequest helpers and API Gateway conversion (TwiML replies: tests/unit/test_webhook_responses.py)."""

from __future__ import annotations

import base64

import pytest

from optout.carriers import Headers, PayloadError, WebhookRequest


def test_form_keeps_blank_values_and_order() -> None:
    request = WebhookRequest("post", "https://h/x", {}, b"B=2&FromZip=&A=1&A=&Body=a+b%21")
    assert request.method == "POST"
    assert request.form() == [("B", "2"), ("FromZip", ""), ("A", "1"), ("A", ""), ("Body", "a b!")]


def test_query_json_and_headers() -> None:
    request = WebhookRequest(
        "POST",
        "https://h/x?broadcast_id=b-1&empty=",
        {"Content-Type": "application/JSON; charset=utf-8", "X-Thing": "1"},
        '{"a": [1]}',
    )
    assert request.query() == [("broadcast_id", "b-1"), ("empty", "")]
    assert request.query_value("broadcast_id") == "b-1"
    assert request.query_value("empty") is None
    assert request.json() == {"a": [1]}
    assert request.content_type == "application/json"
    assert request.header("x-thing") == request.header("X-THING") == "1"
    assert "x-thing" in request.headers
    assert isinstance(request.headers, Headers)


def test_headers_join_repeats_and_compare() -> None:
    headers = Headers({"Via": "a", "via": "b"})
    assert headers["VIA"] == "a, b"
    assert len(headers) == 1
    assert Headers({"A": "1"}) == {"a": "1"}


@pytest.mark.parametrize("body", [b"{nope", b"\xff"])
def test_bad_json(body: bytes) -> None:
    with pytest.raises(PayloadError):
        WebhookRequest("POST", "https://h", {}, body).json()


def test_from_api_gateway_rest_v1() -> None:
    event = {
        "httpMethod": "POST",
        "path": "/carriers/twilio/status",
        "headers": {"X-Twilio-Signature": "sig", "Host": "abc.execute-api.us-east-1.amazonaws.com"},
        "multiValueQueryStringParameters": {"broadcast_id": ["b-1"]},
        "queryStringParameters": {"broadcast_id": "b-1"},
        "requestContext": {
            "domainName": "abc.execute-api.us-east-1.amazonaws.com",
            "path": "/prod/carriers/twilio/status",
        },
        "body": base64.b64encode(b"Body=STOP&FromZip=").decode(),
        "isBase64Encoded": True,
    }
    request = WebhookRequest.from_api_gateway(event)
    assert request.url == (
        "https://abc.execute-api.us-east-1.amazonaws.com/prod/carriers/twilio/status?broadcast_id=b-1"
    )
    assert request.body == b"Body=STOP&FromZip="
    assert request.header("x-twilio-signature") == "sig"
    public = WebhookRequest.from_api_gateway(event, public_url="https://sms.example.org/twilio/status")
    assert public.url == "https://sms.example.org/twilio/status?broadcast_id=b-1"


def test_from_api_gateway_http_v2() -> None:
    event = {
        "version": "2.0",
        "rawPath": "/carriers/telnyx",
        "rawQueryString": "campaign_id=c%201",
        "headers": {"telnyx-timestamp": "1"},
        "requestContext": {"domainName": "api.example.org", "http": {"method": "POST"}},
        "body": '{"data": {}}',
        "isBase64Encoded": False,
    }
    request = WebhookRequest.from_api_gateway(event)
    assert request.url == "https://api.example.org/carriers/telnyx?campaign_id=c%201"
    assert request.method == "POST" and request.json() == {"data": {}}


def test_from_api_gateway_bad_base64() -> None:
    with pytest.raises(PayloadError):
        WebhookRequest.from_api_gateway({"body": "%%%", "isBase64Encoded": True})
