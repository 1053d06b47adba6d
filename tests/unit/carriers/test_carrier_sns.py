"""SNS message signatures (AWS End User Messaging SMS), with a certificate from a test CA."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from typing import Any

import pytest
from carrier_fixtures import EVENTS, SAMPLES, sample_ids

from optout.carriers import SignatureError, WebhookRequest, verify_request, verify_sns
from optout.carriers import sns as sns_module
from optout.carriers.carrier_errors import CertificateFetchError, PayloadError
from optout.carriers.sns import SnsMessage, check_signing_cert_url, string_to_sign

AWS_SNS_SAMPLES = [s for s in SAMPLES if s["file"].endswith(".sns.json")]
CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem"
TOPIC = "arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P"

NOTIFICATION = {
    "Type": "Notification",
    "MessageId": "4d4dc071-ddbf-465d-bba8-08f81c89da64",
    "TopicArn": TOPIC,
    "Subject": "My subject",
    "Message": "My Test Message",
    "Timestamp": "2019-01-31T04:37:04.321Z",
    "SignatureVersion": "1",
    "Signature": "",
    "SigningCertURL": CERT_URL,
    "UnsubscribeURL": "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe",
}
CONFIRMATION = {
    "Type": "SubscriptionConfirmation",
    "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
    "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3",
    "TopicArn": TOPIC,
    "Message": "You have chosen to subscribe to the topic. To confirm, visit the SubscribeURL.",
    "SubscribeURL": "https://sns.us-east-2.amazonaws.com/?Action=ConfirmSubscription&Token=2336",
    "Timestamp": "2012-04-26T20:45:04.751Z",
    "SignatureVersion": "1",
    "Signature": "",
    "SigningCertURL": CERT_URL,
}


def test_string_to_sign_matches_aws_example() -> None:
    expected = (
        "Message\nMy Test Message\nMessageId\n4d4dc071-ddbf-465d-bba8-08f81c89da64\n"
        "Subject\nMy subject\nTimestamp\n2019-01-31T04:37:04.321Z\n"
        f"TopicArn\n{TOPIC}\nType\nNotification\n"
    )
    assert string_to_sign(SnsMessage.from_mapping(NOTIFICATION)).decode() == expected
    without_subject = {k: v for k, v in NOTIFICATION.items() if k != "Subject"}
    assert b"Subject" not in string_to_sign(SnsMessage.from_mapping(without_subject))
    # Lambda events carry "Subject": null (or "" in test templates) when there is none.
    for empty in (None, ""):
        msg = SnsMessage.from_mapping({**NOTIFICATION, "Subject": empty})
        assert b"Subject" not in string_to_sign(msg)


def test_confirmation_string_to_sign_keys() -> None:
    text = string_to_sign(SnsMessage.from_mapping(CONFIRMATION)).decode()
    keys = text.split("\n")[0::2][:-1]
    assert keys == [
        "Message",
        "MessageId",
        "SubscribeURL",
        "Timestamp",
        "Token",
        "TopicArn",
        "Type",
    ]


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize(
    "envelope",
    [
        NOTIFICATION,
        {k: v for k, v in NOTIFICATION.items() if k != "Subject"},
        CONFIRMATION,
        {**CONFIRMATION, "Type": "UnsubscribeConfirmation"},
    ],
    ids=["notification", "no-subject", "subscription", "unsubscribe"],
)
def test_valid_signatures(envelope: dict, version: str, sns_cert, cert_loader, signing) -> None:
    signed = signing.sign_sns(envelope, sns_cert[0], version=version, cert_url=CERT_URL)
    message = verify_sns(signed, cert_loader=cert_loader)
    assert message.type == envelope["Type"]
    assert cert_loader.calls == [CERT_URL]


@pytest.mark.parametrize("sample", AWS_SNS_SAMPLES, ids=sample_ids(AWS_SNS_SAMPLES))
def test_signed_lambda_event_samples_verify(sample: dict, sns_cert, cert_loader, signing) -> None:
    event = json.loads((EVENTS / sample["file"]).read_text())
    signed = signing.sign_sns_event(event, sns_cert[0], version="2")
    # The Lambda spelling (SigningCertUrl) is kept and understood.
    assert "SigningCertUrl" in signed["Records"][0]["Sns"]
    verify_request("aws", signed, {}, cert_loader=cert_loader)
    verify_request("aws", signed["Records"][0], {}, cert_loader=cert_loader)
    verify_request("aws", signed["Records"][0]["Sns"], {}, cert_loader=cert_loader)


def test_http_subscription_request_verifies(sns_cert, cert_loader, signing) -> None:
    event = json.loads((EVENTS / AWS_SNS_SAMPLES[0]["file"]).read_text())
    lambda_sns = event["Records"][0]["Sns"]
    http_spelling = {"SigningCertUrl": "SigningCertURL", "UnsubscribeUrl": "UnsubscribeURL"}
    http_body = {
        http_spelling.get(k, k): v for k, v in lambda_sns.items() if v is not None and k != "MessageAttributes"
    }
    signed = signing.sign_sns(http_body, sns_cert[0], cert_url=CERT_URL)
    request = WebhookRequest(
        "POST",
        "https://hooks.example.com/prod/carriers/aws/sns",
        {"Content-Type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": "Notification"},
        json.dumps(signed).encode(),
    )
    verify_request("aws", request, {"topic_arn": lambda_sns["TopicArn"]}, cert_loader=cert_loader)


def _signed(signing, sns_cert, **changes: Any) -> dict:
    return {**signing.sign_sns(NOTIFICATION, sns_cert[0], cert_url=CERT_URL), **changes}


@pytest.mark.parametrize(
    "field",
    ["Message", "MessageId", "Subject", "Timestamp", "TopicArn"],
)
def test_tampered_fields_fail(field: str, sns_cert, cert_loader, signing) -> None:
    signed = _signed(signing, sns_cert)
    # A later millisecond keeps the Timestamp fresh and well-formed, so only the signature fails.
    last = "8" if signed["Timestamp"][-2] == "9" else "9"
    signed[field] = signed[field][:-2] + last + "Z" if field == "Timestamp" else signed[field] + "x"
    with pytest.raises(SignatureError, match="does not match"):
        verify_sns(signed, cert_loader=cert_loader)


def test_forged_with_other_key(sns_cert, cert_loader, signing) -> None:
    other_key, _ = signing.sns_test_certificate()
    signed = signing.sign_sns(NOTIFICATION, other_key, cert_url=CERT_URL)
    with pytest.raises(SignatureError, match="does not match"):
        verify_sns(signed, cert_loader=cert_loader)


def test_version_mismatch_fails(sns_cert, cert_loader, signing) -> None:
    signed = _signed(signing, sns_cert, SignatureVersion="2")  # signed as v1 (SHA1)
    with pytest.raises(SignatureError, match="does not match"):
        verify_sns(signed, cert_loader=cert_loader)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"Signature": None}, "missing SNS Signature"),
        ({"Signature": "%%%"}, "base64"),
        ({"SignatureVersion": "3"}, "SignatureVersion"),
        ({"SignatureVersion": None}, "SignatureVersion"),
        ({"SigningCertURL": None}, "missing SigningCertURL"),
    ],
)
def test_missing_or_bad_signature_fields(changes, reason, sns_cert, cert_loader, signing) -> None:
    signed = {k: v for k, v in _signed(signing, sns_cert, **changes).items() if v is not None}
    with pytest.raises(SignatureError, match=reason):
        verify_sns(signed, cert_loader=cert_loader)
    assert cert_loader.calls == []


@pytest.mark.parametrize(
    "url",
    [
        "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-x.pem",
        "https://evil.example/sns.us-east-1.amazonaws.com/x.pem",
        "https://sns.us-east-1.amazonaws.com@evil.example/x.pem",
        "https://sns.us-east-1.amazonaws.com:8443/x.pem",
        "https://s3.us-east-1.amazonaws.com/x.pem",
        "https://sns.amazonaws.com/x.pem",
        "https://sns.us-east-1.amazonaws.com/x.pem?redirect=https://evil.example",
        "https://sns.us-east-1.amazonaws.com/x.txt",
        "file:///etc/passwd",
    ],
)
def test_wrong_cert_url_rejected_before_fetch(url: str, sns_cert, cert_loader, signing) -> None:
    signed = signing.sign_sns(NOTIFICATION, sns_cert[0], cert_url=CERT_URL)
    signed["SigningCertURL"] = url
    with pytest.raises(SignatureError, match="SigningCertURL"):
        verify_sns(signed, cert_loader=cert_loader)
    assert cert_loader.calls == []


@pytest.mark.parametrize(
    "url",
    [
        CERT_URL,
        "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem",
        "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-x.pem",
        "https://SNS.EU-WEST-1.AMAZONAWS.COM/SimpleNotificationService-x.pem",
    ],
)
def test_sns_cert_hosts_accepted(url: str) -> None:
    assert check_signing_cert_url(url) == url


def test_topic_restriction(sns_cert, cert_loader, signing) -> None:
    signed = _signed(signing, sns_cert)
    verify_sns(signed, cert_loader=cert_loader, topic_arns={TOPIC})
    with pytest.raises(SignatureError, match="TopicArn"):
        verify_sns(signed, cert_loader=cert_loader, topic_arns={TOPIC + "-other"})


def test_expired_or_not_yet_valid_certificate(signing) -> None:
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    key, pem = signing.sns_test_certificate(valid_from=start, days=10)
    for moment, valid in ((start + dt.timedelta(days=5), True), (start - dt.timedelta(days=1), False),
                          (start + dt.timedelta(days=11), False)):
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        signed = signing.sign_sns(NOTIFICATION, key, cert_url=CERT_URL, timestamp=stamp)
        if valid:
            verify_sns(signed, cert_loader=lambda url: pem, now=moment)
            continue
        with pytest.raises(SignatureError, match="not valid at this time"):
            verify_sns(signed, cert_loader=lambda url: pem, now=moment)


def test_garbage_certificate(sns_cert, signing) -> None:
    signed = _signed(signing, sns_cert)
    with pytest.raises(SignatureError, match="PEM"):
        verify_sns(signed, cert_loader=lambda url: b"not a certificate")


def test_default_loader_fetches_once_and_caches(monkeypatch, sns_cert, signing) -> None:
    sns_module.clear_certificate_cache()
    calls: list[tuple[str, float]] = []

    def fake_urlopen(url: str, timeout: float) -> io.BytesIO:
        calls.append((url, timeout))
        return io.BytesIO(sns_cert[1])

    monkeypatch.setattr(sns_module.urllib.request, "urlopen", fake_urlopen)
    signed = _signed(signing, sns_cert)
    verify_sns(signed)
    verify_sns(copy.deepcopy(signed))
    assert calls == [(CERT_URL, sns_module.DEFAULT_FETCH_TIMEOUT_SECONDS)]
    sns_module.clear_certificate_cache()


def test_default_loader_network_failure(monkeypatch, sns_cert, signing) -> None:
    sns_module.clear_certificate_cache()

    def broken(url: str, timeout: float) -> io.BytesIO:
        raise OSError("connection refused")

    monkeypatch.setattr(sns_module.urllib.request, "urlopen", broken)
    with pytest.raises(CertificateFetchError):
        verify_sns(_signed(signing, sns_cert))


def test_default_loader_refuses_unchecked_urls() -> None:
    with pytest.raises(SignatureError):
        sns_module.fetch_certificate("https://evil.example/x.pem")


@pytest.mark.parametrize(
    "envelope",
    [
        {},
        {"Records": []},
        {"Records": "nope"},
        {**NOTIFICATION, "Type": "Surprise"},
        {k: v for k, v in NOTIFICATION.items() if k != "MessageId"},
        {**NOTIFICATION, "Message": 42},
        {k: v for k, v in CONFIRMATION.items() if k != "Token"},
    ],
    ids=["empty", "no-records", "records-not-list", "bad-type", "no-id", "message-int", "no-token"],
)
def test_malformed_envelopes(envelope: dict, cert_loader) -> None:
    with pytest.raises(PayloadError):
        verify_request("aws", envelope, {}, cert_loader=cert_loader)
