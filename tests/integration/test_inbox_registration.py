"""Inbox registration and the webhook checks an inbox configures, through the real handlers:
the workspace's own secret namespace, source-network allowlists, and the stack's own SNS topics."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import boto3
import pytest

from local_stack import lambdas, template
from optout import repository

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

EVENTS = Path(__file__).resolve().parents[2] / "events"
CONTACT = "+15551230001"
BANDWIDTH = "+15005550003"
AWS_INBOX = "+15005550005"
BW_SECRET = {"username": "bw-user", "password": "bw-pass"}


def _secret(name: str, value: dict | None = None) -> str:
    client = boto3.client("secretsmanager", region_name="us-east-1")
    return client.create_secret(Name=name, SecretString=json.dumps(value or BW_SECRET))["ARN"]


def _put(api, key: str, number: str, **body):
    return api.request("PUT", f"/v1/inboxes/{number}", key=key, json_body={"provider": "bandwidth", **body})


# --- 7. secret_ref belongs to the workspace -----------------------------------------------------


def test_secret_ref_of_another_workspace_is_refused(api, workspace, other_workspace):
    theirs = f"optout/{other_workspace['id']}/bandwidth"
    _secret(theirs)
    status, body = _put(api, workspace["admin"], BANDWIDTH, secret_ref=theirs)
    assert status == 400 and body["error"]["details"]["field"] == "secret_ref"
    assert body["error"]["details"]["namespace"] == f"optout/{workspace['id']}/"
    assert repository.get_inbox(BANDWIDTH) is None


@pytest.mark.parametrize(
    "ref",
    ["optout/shared/bandwidth", "bandwidth", "optout/{ws}", "optout/{ws}/", "optout/{ws}x/bandwidth",
     "arn:aws:secretsmanager:us-east-1:123456789012:secret:optout/other/bandwidth-AbCdEf", "arn:aws:s3:::optout/{ws}/x"],
)
def test_secret_ref_outside_the_namespace_is_refused(api, workspace, ref):
    status, body = _put(api, workspace["admin"], BANDWIDTH, secret_ref=ref.format(ws=workspace["id"]))
    assert status == 400, body
    assert body["error"]["details"]["field"] == "secret_ref"


def test_secret_ref_must_exist(api, workspace):
    status, body = _put(api, workspace["admin"], BANDWIDTH, secret_ref=f"optout/{workspace['id']}/missing")
    assert status == 400 and "no existing secret" in body["error"]["message"]


def test_own_secret_by_name_or_arn_is_accepted(api, workspace):
    name = f"optout/{workspace['id']}/bandwidth"
    arn = _secret(name)
    assert _put(api, workspace["admin"], BANDWIDTH, secret_ref=name)[0] == 200
    status, body = _put(api, workspace["admin"], BANDWIDTH, secret_ref=arn)
    assert status == 200 and body["secret_ref"] == arn


def test_number_of_another_workspace_answers_409(api, workspace, other_workspace):
    _secret(f"optout/{workspace['id']}/bandwidth")
    assert _put(api, workspace["admin"], BANDWIDTH, secret_ref=f"optout/{workspace['id']}/bandwidth")[0] == 200
    theirs = f"optout/{other_workspace['id']}/bandwidth"
    _secret(theirs)
    for ref in (theirs, f"optout/{workspace['id']}/bandwidth", None):
        status, body = _put(api, other_workspace["admin"], BANDWIDTH, secret_ref=ref)
        assert status == 409 and body["error"]["code"] == "inbox_taken"
    assert repository.get_inbox(BANDWIDTH).workspace_id == workspace["id"]


# --- 3. source networks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cidrs", [["192.0.2.1/24"], ["not-a-network"], ["10.0.0.0/33"], [], ["192.0.2.0/24"] * 51], ids=str
)
def test_bad_source_networks_answer_400(api, workspace, cidrs):
    _secret(f"optout/{workspace['id']}/bandwidth")
    status, body = _put(
        api, workspace["admin"], BANDWIDTH, secret_ref=f"optout/{workspace['id']}/bandwidth", allowed_source_cidrs=cidrs
    )
    assert status == 400, body
    assert repository.get_inbox(BANDWIDTH) is None


@pytest.fixture
def locked_bandwidth(api, workspace):
    ref = f"optout/{workspace['id']}/bandwidth"
    _secret(ref)
    status, body = _put(
        api, workspace["admin"], BANDWIDTH, secret_ref=ref, allowed_source_cidrs=["192.0.2.0/24", "2001:db8::/32"]
    )
    assert status == 200 and body["allowed_source_cidrs"] == ["192.0.2.0/24", "2001:db8::/32"]
    return workspace


def _bandwidth_stop(source: str, message_id: str) -> tuple[int, dict]:
    url = "https://api.example.com/prod/webhooks/bandwidth/inbound"
    body = carrier_signing.inbound_body("bandwidth", CONTACT, BANDWIDTH, "STOP", message_id)
    event = lambdas.api_gateway_event(
        method="POST",
        resource="/webhooks/bandwidth/inbound",
        path="/webhooks/bandwidth/inbound",
        headers={"Host": "api.example.com", **carrier_signing.sign("bandwidth", url, body, BW_SECRET)},
        body=body.decode(),
        source_ip=source,
    )
    response = lambdas.load_handler(template.functions()["InboundSmsFunction"])(
        event, lambdas.LambdaContext("InboundSmsFunction")
    )
    return response["statusCode"], json.loads(response["body"] or "null")


def test_bandwidth_callback_from_outside_the_allowed_networks_is_refused(locked_bandwidth):
    status, body = _bandwidth_stop("203.0.113.50", "bw-outside")
    assert status == 403 and body["error"]["code"] == "source_not_allowed"
    assert repository.get_contact(locked_bandwidth["id"], CONTACT) is None  # nothing stored


@pytest.mark.parametrize("source", ["192.0.2.77", "2001:db8::5"])
def test_bandwidth_callback_from_an_allowed_network_is_processed(locked_bandwidth, source):
    status, _ = _bandwidth_stop(source, f"bw-inside-{source}")
    assert status == 200
    assert repository.get_contact(locked_bandwidth["id"], CONTACT).status.value == "opted_out"


# --- 6. SNS: only the stack's own topics ---------------------------------------------------------


def test_sns_message_from_a_foreign_topic_is_refused(api, workspace, monkeypatch):
    from optout.webhooks import verification as webhooks

    assert api.request("PUT", f"/v1/inboxes/{AWS_INBOX}", key=workspace["admin"], json_body={"provider": "aws"})[0] == 200
    private_key, cert = carrier_signing.sns_test_certificate()
    monkeypatch.setattr(webhooks, "sns_cert_loader", lambda url: cert)
    event = json.loads((EVENTS / "aws/inbound_stop.sns.json").read_text())
    foreign = json.loads(json.dumps(event).replace(":InboundSmsTopic", ":SomeoneElsesTopic"))
    handler = lambdas.load_handler(template.functions()["InboundSmsFunction"])
    context = lambdas.LambdaContext("InboundSmsFunction")
    assert handler(carrier_signing.sign_sns_event(foreign, private_key), context) == {"processed": 0, "refused": 1}
    assert repository.get_contact(workspace["id"], CONTACT) is None
    assert handler(carrier_signing.sign_sns_event(event, private_key), context) == {"processed": 1, "refused": 0}
    assert repository.get_contact(workspace["id"], CONTACT).status.value == "opted_out"
