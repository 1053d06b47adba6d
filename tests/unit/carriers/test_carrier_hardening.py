"""Regression tests for the webhook-authentication holes: each failed on the code before its fix."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any
from urllib.parse import urlencode

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID
from twilio.request_validator import RequestValidator

from optout.carriers import PayloadError, SignatureError, WebhookRequest, parse_webhook, verify_request, verify_sns
from optout.carriers.sns import check_signing_cert_url
from optout.carriers.sns_trust import check_issuer_url
from optout.source_networks import canonical_networks, source_allowed, source_ip

CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem"
TOPIC = "arn:aws:sns:us-east-1:123456789012:InboundSmsTopic"
ENVELOPE = {
    "Type": "Notification",
    "MessageId": "m-1",
    "TopicArn": TOPIC,
    "Message": json.dumps({"originationNumber": "+15551230001", "destinationNumber": "+15005550005",
                           "messageBody": "STOP", "inboundMessageId": "in-1"}),
    "Timestamp": "2026-01-01T00:00:00.000Z",
    "SigningCertURL": CERT_URL,
}
VONAGE_SECRET = "vonage-signature-secret"
VONAGE_URL = "https://api.example.com/prod/webhooks/vonage/inbound"
VONAGE_FIELDS = {"msisdn": "15551230001", "to": "15005550004", "messageId": "v-1", "text": "STOP"}


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# --- 6. SNS -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["sns.anything.amazonaws.com", "sns.s3-us-west-2.amazonaws.com", "sns.s3.amazonaws.com",
     "sns.us-east-1.amazonaws.com.cn", "sns.cn-north-1.amazonaws.com", "sns.us-east-1.amazonaws.com.evil.example"],
)
def test_only_regional_sns_hosts_serve_certificates(host: str) -> None:
    with pytest.raises(SignatureError, match="SNS endpoint"):
        check_signing_cert_url(f"https://{host}/SimpleNotificationService-x.pem")


@pytest.mark.parametrize(
    "host", ["sns.us-east-1.amazonaws.com", "sns.us-gov-west-1.amazonaws.com", "sns.cn-north-1.amazonaws.com.cn"]
)
def test_regional_sns_hosts_are_accepted(host: str) -> None:
    url = f"https://{host}/SimpleNotificationService-x.pem"
    assert check_signing_cert_url(url) == url


@pytest.mark.parametrize(
    "certificate",
    [{"self_signed": True}, {"name": "attacker.example"}],
    ids=["self-signed", "issued-to-another-name"],
)
def test_certificate_must_chain_to_a_trusted_root_and_name_sns(signing, certificate: dict[str, Any]) -> None:
    key, pem = signing.sns_test_certificate(**certificate)
    signed = signing.sign_sns(ENVELOPE, key, cert_url=CERT_URL)
    with pytest.raises(SignatureError, match="trusted root"):
        verify_sns(signed, cert_loader=lambda url: pem)


def test_default_trust_store_is_the_real_one(signing, monkeypatch) -> None:
    from optout.carriers import sns_trust

    monkeypatch.setattr(sns_trust, "trust_store_override", None)
    key, pem = signing.sns_test_certificate()  # issued by the test CA, which only tests trust
    with pytest.raises(SignatureError, match="trusted root"):
        verify_sns(signing.sign_sns(ENVELOPE, key, cert_url=CERT_URL), cert_loader=lambda url: pem)


@pytest.mark.parametrize(
    ("age", "accepted"),
    [(dt.timedelta(minutes=5), True), (dt.timedelta(minutes=59), True), (dt.timedelta(hours=2), False),
     (dt.timedelta(days=3650), False), (-dt.timedelta(minutes=30), False)],
    ids=["5-minutes", "59-minutes", "2-hours", "from-2015", "future"],
)
def test_stale_sns_messages_are_refused(sns_cert, signing, age: dt.timedelta, accepted: bool) -> None:
    now = dt.datetime.now(dt.UTC)
    signed = signing.sign_sns(ENVELOPE, sns_cert[0], cert_url=CERT_URL, timestamp=_stamp(now - age))
    if accepted:
        verify_sns(signed, cert_loader=lambda url: sns_cert[1], now=now)
        return
    with pytest.raises(SignatureError, match="Timestamp"):
        verify_sns(signed, cert_loader=lambda url: sns_cert[1], now=now)


def _intermediate(signing) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    root_key, root = signing.sns_test_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test intermediate")]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    return key, cert


def _leaf_with_issuer_url(signing, issuer_url: str) -> tuple[rsa.RSAPrivateKey, bytes, bytes]:
    """A leaf as SNS serves it: alone, naming its intermediate by an AIA URL."""
    ca_key, ca = _intermediate(signing)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    access = x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier(issuer_url))
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=10))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("sns.amazonaws.com")]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .add_extension(x509.AuthorityInformationAccess([access]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, leaf.public_bytes(serialization.Encoding.PEM), ca.public_bytes(serialization.Encoding.DER)


def test_leaf_only_certificate_chains_through_its_amazon_trust_issuer(signing) -> None:
    issuer_url = "http://crt.r2m01.amazontrust.com/r2m01.cer"
    key, pem, issuer_der = _leaf_with_issuer_url(signing, issuer_url)
    fetched: list[str] = []
    signed = signing.sign_sns(ENVELOPE, key, cert_url=CERT_URL)
    verify_sns(signed, cert_loader=lambda url: pem, issuer_loader=lambda url: fetched.append(url) or issuer_der)
    assert fetched == [issuer_url]


def test_issuer_is_never_fetched_from_another_host(signing) -> None:
    key, pem, issuer_der = _leaf_with_issuer_url(signing, "http://crt.evil.example/r2m01.cer")
    fetched: list[str] = []
    signed = signing.sign_sns(ENVELOPE, key, cert_url=CERT_URL)
    with pytest.raises(SignatureError, match="Amazon Trust"):
        verify_sns(signed, cert_loader=lambda url: pem, issuer_loader=lambda url: fetched.append(url) or issuer_der)
    assert fetched == []
    with pytest.raises(SignatureError):
        check_issuer_url("http://user@crt.r2m01.amazontrust.com/r2m01.cer")


def test_topic_list_accepts_several_topics(sns_cert, signing) -> None:
    signed = signing.sign_sns(ENVELOPE, sns_cert[0], cert_url=CERT_URL)
    loader = lambda url: sns_cert[1]  # noqa: E731
    verify_request("aws", signed, {"topic_arn": f"arn:aws:sns:us-east-1:1:other,{TOPIC}"}, cert_loader=loader)
    with pytest.raises(SignatureError, match="TopicArn"):
        verify_request("aws", signed, {"topic_arn": "arn:aws:sns:us-east-1:1:other"}, cert_loader=loader)


# --- 4. Vonage legacy sig: freshness ---------------------------------------------------------


def _vonage_get(signing, *, timestamp: int | None, drop_timestamp: bool = False) -> WebhookRequest:
    params = signing.vonage_sms_signed(VONAGE_FIELDS, VONAGE_SECRET, "md5hash", timestamp=timestamp)
    if drop_timestamp:
        params.pop("timestamp")
        params["sig"] = signing.vonage_sms_signature(params, VONAGE_SECRET, "md5hash")
    return WebhookRequest("GET", f"{VONAGE_URL}?{urlencode(params)}")


@pytest.mark.parametrize(
    ("age", "accepted"),
    [(0, True), (240, True), (600, False), (30 * 86400, False), (-600, False)],
    ids=["now", "4-minutes", "10-minutes", "30-days", "future"],
)
def test_vonage_sig_must_be_fresh(signing, age: int, accepted: bool) -> None:
    request = _vonage_get(signing, timestamp=int(time.time()) - age)
    credentials = {"signature_secret": VONAGE_SECRET, "signature_method": "md5hash"}
    if accepted:
        verify_request("vonage", request, credentials)
        return
    with pytest.raises(SignatureError, match="window"):
        verify_request("vonage", request, credentials)


def test_vonage_sig_without_timestamp_is_refused(signing) -> None:
    request = _vonage_get(signing, timestamp=None, drop_timestamp=True)
    with pytest.raises(SignatureError, match="no timestamp"):
        verify_request("vonage", request, {"signature_secret": VONAGE_SECRET, "signature_method": "md5hash"})


# --- 5. Vonage JWT: fields only from the signed body ---------------------------------------------


def test_jwt_signed_empty_body_does_not_read_the_query_string(signing) -> None:
    # The token's own headers, minus the JSON content type: the replayer chooses the rest.
    headers = {"Authorization": signing.vonage_headers(b"", VONAGE_SECRET)["Authorization"]}
    request = WebhookRequest("POST", f"{VONAGE_URL}?{urlencode(VONAGE_FIELDS)}", headers, b"")
    verify_request("vonage", request, {"signature_secret": VONAGE_SECRET})  # the JWT itself is genuine
    with pytest.raises(PayloadError):
        parse_webhook("vonage", request)


def test_jwt_signed_body_is_read_and_hash_checked(signing) -> None:
    body = json.dumps({"message_uuid": "u-1", "from": "15551230001", "to": "15005550004", "text": "STOP",
                       "channel": "sms", "message_type": "text"}).encode()
    headers = signing.vonage_headers(body, VONAGE_SECRET)
    request = WebhookRequest("POST", f"{VONAGE_URL}?{urlencode({'text': 'hello'})}", headers, body)
    verify_request("vonage", request, {"signature_secret": VONAGE_SECRET})
    [record] = parse_webhook("vonage", request)
    assert record.text == "STOP"
    swapped = WebhookRequest("POST", VONAGE_URL, headers, body.replace(b"STOP", b"HELP"))
    with pytest.raises(SignatureError, match="payload_hash"):
        verify_request("vonage", swapped, {"signature_secret": VONAGE_SECRET})


# --- 12. Repeated form fields --------------------------------------------------------------------


def test_twilio_form_repeating_a_field_is_refused_though_its_signature_holds() -> None:
    url = "https://api.example.com/prod/webhooks/twilio/inbound"
    pairs = [("MessageSid", "SM1"), ("From", "+15551230001"), ("To", "+15005550001"), ("Body", "STOP"),
             ("Body", "hello")]
    signature = RequestValidator("token").compute_signature(url, _multi(pairs))
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    request = WebhookRequest("POST", url, headers, urlencode(pairs).encode())
    verify_request("twilio", request, {"auth_token": "token"})  # Twilio's scheme signs both values
    with pytest.raises(PayloadError, match="repeats the field 'Body'"):
        parse_webhook("twilio", request)


def _multi(pairs: list[tuple[str, str]]) -> Any:
    from collections import defaultdict

    grouped: dict[str, list[str]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)

    class MultiDict(dict):  # the shape twilio's validator reads repeated values from
        def getall(self, key: str) -> list[str]:
            return grouped[key]

    return MultiDict({k: v[0] for k, v in grouped.items()})


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_vonage_form_or_query_repeating_a_field_is_refused(method: str) -> None:
    fields = urlencode([*VONAGE_FIELDS.items(), ("text", "hello")])
    if method == "GET":
        request = WebhookRequest("GET", f"{VONAGE_URL}?{fields}")
    else:
        request = WebhookRequest("POST", VONAGE_URL, {"Content-Type": "application/x-www-form-urlencoded"},
                                 fields.encode())
    with pytest.raises(PayloadError, match="repeats"):
        parse_webhook("vonage", request)


# --- 3. Source networks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "cidrs", "allowed"),
    [
        ("192.0.2.10", ["192.0.2.0/24"], True),
        ("192.0.3.10", ["192.0.2.0/24"], False),
        ("2001:db8::1", ["192.0.2.0/24", "2001:db8::/32"], True),
        ("198.51.100.7", ["198.51.100.7"], True),
        (None, ["192.0.2.0/24"], False),
        ("not-an-ip", ["192.0.2.0/24"], False),
    ],
)
def test_source_allowed(address: str | None, cidrs: list[str], allowed: bool) -> None:
    assert source_allowed(address, cidrs) is allowed


@pytest.mark.parametrize("bad", ["192.0.2.1/24", "300.0.0.0/8", "example.com", "", "10.0.0.0/33"])
def test_bad_networks_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="CIDR"):
        canonical_networks([bad])


def test_networks_are_stored_canonically() -> None:
    assert canonical_networks(["192.0.2.0/24", " 192.0.2.0/24", "2001:DB8::/32", "198.51.100.7"]) == [
        "192.0.2.0/24", "2001:db8::/32", "198.51.100.7/32",
    ]


@pytest.mark.parametrize(
    ("context", "expected"),
    [({"identity": {"sourceIp": "192.0.2.1"}}, "192.0.2.1"), ({"http": {"sourceIp": "192.0.2.2"}}, "192.0.2.2"),
     ({}, None)],
    ids=["rest-api", "http-api", "none"],
)
def test_source_ip_from_either_payload_version(context: dict, expected: str | None) -> None:
    assert source_ip({"requestContext": context, "headers": {"X-Forwarded-For": "203.0.113.9"}}) == expected
