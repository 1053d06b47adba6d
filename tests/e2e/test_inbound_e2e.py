"""Inbound webhooks over HTTP against the local stack, signed as each carrier signs them."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from twilio.request_validator import RequestValidator

from tests.e2e.conftest import http

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e


def _inbox(workspace: dict[str, Any], provider: str) -> dict[str, Any]:
    return next(i for i in workspace["inboxes"] if i["provider"] == provider)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_demo_file_lists_one_inbox_per_provider_with_its_secrets(local_stack):
    for workspace in local_stack["workspaces"]:
        providers = {i["provider"]: i for i in workspace["inboxes"]}
        assert set(providers) == {"twilio", "telnyx", "bandwidth", "vonage", "aws"}
        assert providers["twilio"]["auth_token"]
        assert providers["telnyx"]["public_key"] and providers["telnyx"]["private_key"]
        assert providers["bandwidth"]["username"] and providers["bandwidth"]["password"]
        assert providers["vonage"]["signature_secret"]
        assert all(i["number"].startswith("+1") for i in workspace["inboxes"])


def test_twilio_stop_is_confirmed_in_twiml_and_forgery_refused(local_stack):
    workspace = local_stack["workspaces"][0]
    inbox = _inbox(workspace, "twilio")
    url = f"{local_stack['base_url']}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", "+14155550150", inbox["number"], "Stop please", "SM-e2e-1")
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    signature = RequestValidator(inbox["auth_token"]).compute_signature(url, params)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    assert _post(url, body, {**headers, "X-Twilio-Signature": "AAAA" + signature[4:]})[0] == 403
    status, twiml = _post(url, body, headers)
    assert status == 200 and "<Message>You have been unsubscribed" in twiml
    assert _post(url, body, headers) == (200, twiml)  # a retry gets the same answer
    status, contact = http("GET", f"{local_stack['base_url']}/v1/contacts/+14155550150", key=workspace["member_key"])
    assert status == 200 and contact["status"] == "opted_out" and contact["status_reason"] == "keyword"


def test_telnyx_intent_opt_out_lands_in_the_auto_opt_out_folder(local_stack):
    workspace = local_stack["workspaces"][1]
    inbox = _inbox(workspace, "telnyx")
    url = f"{local_stack['base_url']}/webhooks/telnyx/inbound"
    body = carrier_signing.inbound_body("telnyx", "+14155550151", inbox["number"], "wrong number, please stop texting me")
    headers = {**carrier_signing.sign("telnyx", url, body, inbox), "Content-Type": "application/json"}
    status, answer = _post(url, body, headers)
    assert status == 200 and '"action":"opt_out"' in answer and '"rule":"intent"' in answer
    status, folder = http("GET", f"{local_stack['base_url']}/v1/auto-opt-outs", key=workspace["member_key"])
    assert status == 200
    assert [e["phone"] for e in folder["opt_outs"]] == ["+14155550151"]
    # The other workspace's folder stays empty.
    other = local_stack["workspaces"][0]
    _, folder = http("GET", f"{local_stack['base_url']}/v1/auto-opt-outs", key=other["member_key"])
    assert "+14155550151" not in [e["phone"] for e in folder["opt_outs"]]
