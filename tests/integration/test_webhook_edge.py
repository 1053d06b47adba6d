"""The webhook edge through the real handlers: what a carrier gets when the path names no provider
or storage fails, and that the failure stores nothing (a carrier's retry then does the work)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import boto3
import pytest
from twilio.request_validator import RequestValidator

from local_stack import lambdas, template
from optout import repository

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

HOST = "api.example.com"
INBOX = "+15005550001"
CONTACT = "+15551230001"
TOKEN = "twilio-edge-auth-token"
FUNCTIONS = {"inbound": "InboundSmsFunction", "status": "DeliveryStatusFunction"}


@pytest.fixture
def twilio_inbox(api, workspace):
    secret_ref = f"optout/{workspace['id']}/twilio"
    boto3.client("secretsmanager", region_name="us-east-1").create_secret(
        Name=secret_ref, SecretString=json.dumps({"auth_token": TOKEN})
    )
    status, body = api.request(
        "PUT",
        f"/v1/inboxes/{INBOX}",
        key=workspace["admin"],
        json_body={"provider": "twilio", "secret_ref": secret_ref},
    )
    assert status == 200, body
    return INBOX


def body_for(kind: str) -> bytes:
    if kind == "inbound":
        return carrier_signing.inbound_body("twilio", CONTACT, INBOX, "STOP", "SM-edge-1")
    return carrier_signing.status_body("twilio", "SM-edge-2", "undelivered", "30003", INBOX, CONTACT)


def call(kind: str, provider: str = "twilio", body: bytes = b"") -> tuple[int, Any, str]:
    path = f"/webhooks/{provider}/{kind}"
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    signature = RequestValidator(TOKEN).compute_signature(f"https://{HOST}/prod{path}", params)
    event = lambdas.api_gateway_event(
        method="POST",
        resource=path,
        path=path,
        headers={"Host": HOST, "X-Twilio-Signature": signature, "Content-Type": carrier_signing.FORM},
        body=body.decode(),
    )
    spec = template.functions()[FUNCTIONS[kind]]
    response = lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id))
    content_type = response["headers"]["Content-Type"]
    body_out = json.loads(response["body"]) if content_type == "application/json" else response["body"]
    return response["statusCode"], body_out, content_type


def assert_error(answer: tuple[int, Any, str], status: int, code: str) -> None:
    got_status, body, content_type = answer
    assert (got_status, content_type) == (status, "application/json"), answer
    assert set(body["error"]) == {"code", "message", "details"} and body["error"]["code"] == code, body


@pytest.mark.parametrize("kind", sorted(FUNCTIONS))
@pytest.mark.parametrize("provider", ["plivo", "aws"])
def test_a_path_naming_no_http_provider_is_a_404_not_a_crash(aws, kind, provider):
    assert_error(call(kind, provider, b"Body=STOP"), 404, "unknown_provider")


def _client_error(code: str) -> Any:
    from botocore.exceptions import ClientError

    def fail(**_: Any) -> Any:
        raise ClientError({"Error": {"Code": code, "Message": "no"}}, "BatchGetItem")

    return fail


@pytest.mark.parametrize("kind", sorted(FUNCTIONS))
@pytest.mark.parametrize(
    ("aws_code", "status", "code"),
    [("ThrottlingException", 503, "storage_unavailable"), ("AccessDeniedException", 500, "internal_error")],
)
def test_a_storage_failure_is_answered_in_the_error_shape_and_the_retry_succeeds(
    workspace, twilio_inbox, monkeypatch, kind, aws_code, status, code
):
    with monkeypatch.context() as patched:
        patched.setattr(repository.dynamodb_client(), "batch_get_item", _client_error(aws_code))
        assert_error(call(kind, body=body_for(kind)), status, code)
    assert repository.get_contact(workspace["id"], CONTACT) is None  # nothing half-written
    retried_status, _, _ = call(kind, body=body_for(kind))
    assert retried_status == 200
    stored = repository.get_contact(workspace["id"], CONTACT)
    assert stored is not None
    if kind == "inbound":
        assert stored.status.value == "opted_out"
