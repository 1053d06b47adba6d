"""The tamper-evident consent record through the real handlers: every event chained in its own
transaction, the export signed with the template's KMS key, and `evidence verify` naming the first
event edited, deleted or reordered directly in DynamoDB."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pytest

from local_stack import lambdas, template
from optout import repository
from optout.cli import evidence as cli
from optout.models import Initiator, InitiatorType, Reason, iso

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

PHONE = "+14155550100"
INBOX = "+15005550001"
HOST = "api.example.com"
TOKEN = "twilio-test-auth-token"
TEXT = "By checking this box you agree to receive marketing texts from Acme Dental. Reply STOP to cancel."


def _twilio_stop(api, workspace, text="STOP"):
    body = carrier_signing.inbound_body("twilio", PHONE, INBOX, text)
    url = f"https://{HOST}/prod/webhooks/twilio/inbound"
    headers = {"Host": HOST, **carrier_signing.twilio_headers(url, body, TOKEN)}
    event = lambdas.api_gateway_event(
        method="POST", resource="/webhooks/twilio/inbound", path="/webhooks/twilio/inbound", headers=headers,
        body=body.decode(),
    )
    spec = template.functions()["InboundSmsFunction"]
    response = lambdas.load_handler(spec)(event, lambdas.LambdaContext("InboundSmsFunction"))
    assert response["statusCode"] == 200, response


@pytest.fixture
def story(api, workspace, monkeypatch):
    """A web-form consent, a STOP over a signed Twilio webhook, then an admin opt-in."""
    from optout import reply_events

    monkeypatch.setattr(reply_events, "publish", lambda batch: 0)
    boto3.client("secretsmanager", region_name="us-east-1").create_secret(
        Name=f"optout/{workspace['id']}/twilio", SecretString=json.dumps({"auth_token": TOKEN})
    )
    ref = f"optout/{workspace['id']}/twilio"
    assert api.request("PUT", f"/v1/inboxes/{INBOX}", key=workspace["admin"], json_body={"provider": "twilio", "secret_ref": ref})[0] == 200
    api.request("PUT", "/v1/topics/marketing", key=workspace["admin"], json_body={"name": "Marketing", "express_consent": True})
    consent = {
        "phone": PHONE, "topics": ["marketing"], "source": "web_form", "disclosure": TEXT,
        "captured_at": iso(datetime.now(UTC) - timedelta(minutes=3)), "form_url": "https://acme.example/join",
        "ip": "203.0.113.7", "user_agent": "Mozilla/5.0", "captured_by": "signup form v2",
    }
    assert api.request("POST", "/v1/consents", key=workspace["member"], json_body=consent)[0] == 201
    _twilio_stop(api, workspace)
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=workspace["admin"],
        json_body={"phone": PHONE, "status": "subscribed", "note": "asked us by phone"},
    )
    assert status == 200, body
    return workspace


def _export(api, key):
    status, body = api.request("GET", f"/v1/contacts/{PHONE}/evidence", key=key)
    assert status == 200, body
    return body


def _items(workspace):
    client = boto3.client("dynamodb", region_name="us-east-1")
    table = template.functions()["ContactsApiFunction"].environment["EVENTS_TABLE"]
    items = client.query(
        TableName=table, KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": f"{workspace['id']}#{PHONE}"}},
    )["Items"]
    return client, table, sorted(items, key=lambda item: int(item["chain_seq"]["N"]))


def test_the_export_holds_every_event_with_its_evidence_and_verifies(api, story):
    export = _export(api, story["member"])  # read-only: a member key may export
    assert export["chain"]["verified"] is True and export["chain"]["count"] == 3
    assert export["chain"]["status"] == "verified: 3 events"
    consent, stop, opt_in = export["events"]
    assert consent["summary"]["disclosure"]["text"] == TEXT and consent["summary"]["disclosure"]["version"] == 1
    assert consent["summary"]["proof"]["ip"] == "203.0.113.7" and consent["summary"]["kind"] == "topics:granted"
    assert stop["summary"]["message"]["text"] == "STOP" and stop["summary"]["kind"] == "opt_out"
    assert stop["summary"]["initiated_by"]["type"] == "contact" and stop["summary"]["reason"] == "keyword"
    assert opt_in["summary"]["note"] == "asked us by phone" and opt_in["summary"]["initiated_by"]["type"] == "api_key"
    assert [e["chain"]["seq"] for e in export["events"]] == [1, 2, 3]
    assert stop["chain"]["prev"] == consent["chain"]["hash"] and export["chain"]["head"] == opt_in["chain"]["hash"]
    assert export["signature"]["algorithm"] == "ECDSA_SHA_256" and export["unchained"] == []
    assert cli.verify_export(export) == (True, "verified: 3 events")
    head = repository.get_contact(story["id"], PHONE)
    assert (head.chain_head, head.chain_length) == (export["chain"]["head"], 3)


def test_chain_order_is_write_order_an_older_message_arriving_late_is_appended(api, story):
    from optout.rules import consent

    current = repository.get_contact(story["id"], PHONE)
    late = consent.StatusContext(
        reason=Reason.KEYWORD, initiator=Initiator(type=InitiatorType.CONTACT, id=PHONE),
        at=datetime.now(UTC) - timedelta(days=2), message_text="STOP", message_id="late-1",
    )
    write = consent.status_change(current, consent.ContactStatus.OPTED_OUT, late, workspace_id=story["id"], phone=PHONE)
    repository.write_contacts([write])
    export = _export(api, story["admin"])
    assert export["events"][-1]["content"]["message_id"] == "late-1" and export["chain"]["verified"] is True


def _edit_field(client, table, items):
    stop = items[1]
    client.update_item(
        TableName=table, Key={"pk": stop["pk"], "sk": stop["sk"]},
        UpdateExpression="SET message_text = :t", ExpressionAttributeValues={":t": {"S": "hello"}},
    )
    return stop["event_id"]["S"], "altered"


def _delete_event(client, table, items):
    client.delete_item(TableName=table, Key={"pk": items[1]["pk"], "sk": items[1]["sk"]})
    return items[2]["event_id"]["S"], "removed"  # the break shows at the event that followed it


def _delete_last(client, table, items):
    client.delete_item(TableName=table, Key={"pk": items[2]["pk"], "sk": items[2]["sk"]})
    return None, "removed"


def _swap_chain_fields(client, table, items):
    first, second = items[0], items[1]
    for item, other in ((first, second), (second, first)):
        client.update_item(
            TableName=table, Key={"pk": item["pk"], "sk": item["sk"]},
            UpdateExpression="SET chain_prev = :p, chain_hash = :h, chain_seq = :s",
            ExpressionAttributeValues={":p": other["chain_prev"], ":h": other["chain_hash"], ":s": other["chain_seq"]},
        )
    return second["event_id"]["S"], "altered"  # now first in chain order, under the other's hashes


@pytest.mark.parametrize("tamper", [_edit_field, _delete_event, _delete_last, _swap_chain_fields])
def test_editing_a_stored_event_makes_verify_fail_and_name_it(api, story, tamper, tmp_path, capsys):
    client, table, items = _items(story)
    named, problem = tamper(client, table, items)
    export = _export(api, story["admin"])
    assert export["chain"]["verified"] is False
    ok, line = cli.verify_export(export)
    assert not ok and line.startswith(problem), line
    assert (named in line) if named else ("the end of the chain" in line)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    assert cli.main(["verify", str(path)]) == 1
    assert capsys.readouterr().out.startswith(problem)


def test_a_deleted_event_is_named_by_its_chain_position(api, story):
    client, table, items = _items(story)
    _delete_event(client, table, items)
    assert "chain position 2 is missing" in cli.verify_export(_export(api, story["admin"]))[1]


def test_a_tampered_file_or_signature_fails_offline(api, story):
    export = _export(api, story["admin"])
    export["chain"]["count"] = 2
    assert cli.verify_export(export)[0] is False
    export = _export(api, story["admin"])
    export["subject"] = "another/+14155550199"  # a signature cannot move to another contact's chain
    assert cli.verify_export(export) == (False, "bad signature: the head, its count or the subject is not what the key signed")


def test_a_concurrent_writer_cannot_fork_the_chain(api, story):
    from optout.errors import Conflict
    from optout.rules import consent

    stale = repository.get_contact(story["id"], PHONE)
    block = consent.StatusContext(reason=Reason.MANUAL, initiator=Initiator(type=InitiatorType.SYSTEM), at=datetime.now(UTC))
    api.request("POST", "/v1/contact/set_status", key=story["admin"], json_body={"phone": PHONE, "status": "unsubscribed"})
    write = consent.status_change(stale, consent.ContactStatus.BLOCKED, block, workspace_id=story["id"], phone=PHONE)
    with pytest.raises(Conflict):
        repository.write_contacts([write])  # the version it read is gone
    # Even with the version right, a head it did not read is refused: the condition holds both.
    fresh = repository.get_contact(story["id"], PHONE)
    forked = stale.model_copy(update={"version": fresh.version})
    write = consent.status_change(forked, consent.ContactStatus.BLOCKED, block, workspace_id=story["id"], phone=PHONE)
    with pytest.raises(Conflict):
        repository.write_contacts([write])
    export = _export(api, story["admin"])
    assert export["chain"]["status"] == "verified: 4 events"


def test_the_chain_survives_a_deleted_profile_and_goes_on(api, story):
    assert api.request("DELETE", f"/v1/contacts/{PHONE}", key=story["admin"])[0] == 200
    assert _export(api, story["admin"])["chain"]["status"] == "verified: 3 events"
    api.request("POST", "/v1/contacts", key=story["admin"], json_body={"phone": PHONE})
    api.request("POST", "/v1/contact/set_status", key=story["admin"], json_body={"phone": PHONE, "status": "unsubscribed"})
    export = _export(api, story["admin"])
    assert export["chain"]["status"] == "verified: 4 events" and export["events"][0]["chain"]["seq"] == 1


def test_events_written_before_the_chain_precede_it_unchained(api, workspace):
    from optout.rules import consent

    context = consent.StatusContext(reason=Reason.API, initiator=Initiator(type=InitiatorType.SYSTEM), at=datetime.now(UTC))
    old = consent.status_change(None, consent.ContactStatus.OPTED_OUT, context, workspace_id=workspace["id"], phone=PHONE)
    # A deployed table's history: the contact and its event as written before the chain existed.
    client = boto3.client("dynamodb", region_name="us-east-1")
    client.put_item(TableName=repository.contacts_table(), Item=repository.serialize(repository.contact_to_item(old.contact)))
    client.put_item(TableName=repository.events_table(), Item=repository.serialize(repository.event_item(old.event)))
    api.request("POST", "/v1/contact/set_status", key=workspace["admin"], json_body={"phone": PHONE, "status": "subscribed", "note": "x"})
    export = _export(api, workspace["member"])
    assert len(export["unchained"]) == 1 and export["unchained"][0]["chain"] is None
    assert export["chain"]["status"] == "verified: 1 events"
    assert cli.verify_export(export) == (True, "verified: 1 events (1 written before the chain, not covered)")


def test_another_workspace_gets_404(api, story, other_workspace):
    status, body = api.request("GET", f"/v1/contacts/{PHONE}/evidence", key=other_workspace["admin"])
    assert status == 404 and body["error"]["code"] == "contact_not_found"


def test_the_html_page_escapes_every_value(api, workspace, monkeypatch):
    from optout.rules import consent

    context = consent.StatusContext(
        reason=Reason.INTENT, initiator=Initiator(type=InitiatorType.CONTACT, id=PHONE), at=datetime.now(UTC),
        message_text="<script>alert('x')</script> stop texting me", inbox=INBOX,
    )
    repository.write_contacts(
        [consent.status_change(None, consent.ContactStatus.OPTED_OUT, context, workspace_id=workspace["id"], phone=PHONE)]
    )
    monkeypatch.setattr(lambdas, "response_body", lambda response: response)  # the page is no JSON
    status, response = api.request("GET", f"/v1/contacts/{PHONE}/evidence", key=workspace["member"], query={"format": "html"})
    headers = {**response.get("headers", {}), **{k: v[0] for k, v in response.get("multiValueHeaders", {}).items()}}
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = response["body"]
    assert "<script" not in page.lower() and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Chain: verified: 1 events" in page and " UTC" in page and "<table>" in page


def test_imports_blocks_and_batches_chain_every_contact(api, workspace):
    """A CSV import writes many contacts' events in one transaction: each chains from its own head."""
    admin = workspace["admin"]
    api.request("POST", "/v1/contact/set_status", key=admin, json_body={"phone": "+14155550201", "status": "blocked"})
    rows = "".join(f"+1415555{i:04d},Name,{'yes' if i % 2 else 'no'}\n" for i in range(200, 210))
    status, _ = api.request(
        "POST", "/v1/contacts/import", key=admin, body="phone,name,opt_out\n" + rows, headers={"Content-Type": "text/csv"}
    )
    assert status == 200
    for phone, count in (("+14155550201", 1), ("+14155550203", 1), ("+14155550205", 1)):
        status, export = api.request("GET", f"/v1/contacts/{phone}/evidence", key=admin)
        assert status == 200 and export["chain"]["status"] == f"verified: {count} events", export["chain"]
        assert cli.verify_export(export)[0] is True
    _, export = api.request("GET", "/v1/contacts/+14155550203/evidence", key=admin)
    assert export["events"][0]["content"]["reason"] == "import"
    status, body = api.request(
        "POST", "/v1/contact/set_status", key=admin, json_body={"phone": "+14155550201", "status": "unblocked", "note": "x"}
    )
    assert status == 200, body
    _, export = api.request("GET", "/v1/contacts/+14155550201/evidence", key=admin)
    assert export["events"][0]["summary"]["kind"] == "block" and export["chain"]["status"] == "verified: 2 events"
