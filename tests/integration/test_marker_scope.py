"""Idempotency markers through the real handlers: scoped to one workspace and inbox, and kept
for as long as the consent change they recorded."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import boto3
import pytest

from local_stack import lambdas, template
from optout import repository

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

HOST = "api.example.com"
CONTACT = "+15551230001"
# Two workspaces, each with a Twilio inbox of its own account (token).
ACCOUNTS = {
    "Acme Dental": {"number": "+15005550001", "secret": {"auth_token": "acme-twilio-token"}},
    "Globex": {"number": "+15005550011", "secret": {"auth_token": "globex-twilio-token"}},
}
EIGHT_DAYS = 8 * 24 * 3600


@pytest.fixture
def workspaces(aws):
    from optout.models import Principal, Role
    from optout.services import accounts
    from optout.services import inboxes as inbox_service

    client = boto3.client("secretsmanager", region_name="us-east-1")
    found = {}
    for name, account in ACCOUNTS.items():
        workspace, _, _ = accounts.create_workspace(name, settings={"program_name": name})
        admin = Principal(workspace_id=workspace.id, key_id="test", key_name="test", role=Role.ADMIN)
        secret_name = f"optout/{workspace.id}/twilio"
        client.create_secret(Name=secret_name, SecretString=json.dumps(account["secret"]))
        inbox_service.register_inbox(admin, account["number"], provider="twilio", secret_ref=secret_name, topic_arn=None)
        found[name] = {"id": workspace.id, **account}
    return found


def post(kind: str, account: dict, body: bytes) -> tuple[int, str]:
    """A signed Twilio webhook (`kind` inbound or status) to the real function."""
    path = f"/webhooks/twilio/{kind}"
    headers = carrier_signing.sign("twilio", f"https://{HOST}/prod{path}", body, account["secret"])
    function = "InboundSmsFunction" if kind == "inbound" else "DeliveryStatusFunction"
    event = lambdas.api_gateway_event(
        method="POST", resource=path, path=path, headers={"Host": HOST, **headers}, body=body.decode()
    )
    response = lambdas.load_handler(template.functions()[function])(event, lambdas.LambdaContext(function))
    return response["statusCode"], response["body"]


def inbound(account: dict, text: str, message_id: str) -> tuple[int, str]:
    return post("inbound", account, carrier_signing.inbound_body("twilio", CONTACT, account["number"], text, message_id))


def events_of(workspace_id: str) -> list:
    return repository.query_contact_events(workspace_id, CONTACT, limit=100)[0]


def test_the_same_message_id_in_two_workspaces_is_two_messages(workspaces):
    acme, globex = workspaces["Acme Dental"], workspaces["Globex"]
    for account, program in ((acme, "Acme Dental"), (globex, "Globex")):
        status, twiml = inbound(account, "STOP", "SM-shared-id")
        assert status == 200 and "unsubscribed" in twiml
        assert program in twiml  # its own reply, not the other workspace's
        assert repository.get_contact(account["id"], CONTACT).status.value == "opted_out"
        assert len(events_of(account["id"])) == 1
    # Within one workspace and inbox the id still means "the same message".
    status, twiml = inbound(acme, "STOP", "SM-shared-id")
    assert status == 200 and len(events_of(acme["id"])) == 1


def test_the_same_delivery_callback_id_in_two_workspaces_is_two_outcomes(workspaces):
    for account in workspaces.values():
        body = carrier_signing.status_body("twilio", "SM-out-shared", "undelivered", "21610", account["number"], CONTACT)
        status, answer = post("status", account, body)
        [result] = json.loads(answer)["results"]
        assert status == 200 and not result["duplicate"] and result["opted_out"] == "carrier"
        assert repository.get_contact(account["id"], CONTACT).status.value == "opted_out"


def sweep_expired_markers(after_seconds: int) -> None:
    """What DynamoDB's TTL sweeper would have deleted `after_seconds` from now (moto runs none).
    A test-only Scan on a client of its own: the service's client refuses Scan."""
    client = boto3.client("dynamodb", region_name="us-east-1")
    table = repository.idempotency_table()
    for item in client.scan(TableName=table)["Items"]:
        if "expiration" in item and int(item["expiration"]["N"]) < time.time() + after_seconds:
            client.delete_item(TableName=table, Key={"id": item["id"]})


def test_a_replayed_start_weeks_later_does_not_resubscribe(workspaces):
    acme = workspaces["Acme Dental"]
    inbound(acme, "STOP", "SM-1")
    _, welcome = inbound(acme, "START", "SM-2")
    inbound(acme, "STOP", "SM-3")
    inbound(acme, "HELP", "SM-4")
    assert repository.get_contact(acme["id"], CONTACT).status.value == "opted_out"
    sweep_expired_markers(EIGHT_DAYS)  # past every carrier's retry window
    # A captured START replayed (Twilio's carries no time): the first answer, and nothing changes.
    status, twiml = inbound(acme, "START", "SM-2")
    assert status == 200 and twiml == welcome
    assert repository.get_contact(acme["id"], CONTACT).status.value == "opted_out"
    assert len(events_of(acme["id"])) == 3
    # A message that changed nothing may be forgotten: the HELP is answered again.
    _, again = inbound(acme, "HELP", "SM-4")
    assert "Reply STOP" in again
