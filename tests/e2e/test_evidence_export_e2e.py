"""The evidence export over HTTP against the local stack, checked offline by the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from twilio.request_validator import RequestValidator

from tests.e2e.conftest import ROOT, http

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e
PHONE = "+14155550271"


def _verify(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "layers" / "core")}
    return subprocess.run(
        [sys.executable, "-m", "optout", "evidence", "verify", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )


def test_the_export_verifies_offline_and_a_tampered_copy_names_the_event(local_stack, tmp_path):
    base, workspace = local_stack["base_url"], local_stack["workspaces"][0]
    inbox = next(i for i in workspace["inboxes"] if i["provider"] == "twilio")
    url = f"{base}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", PHONE, inbox["number"], "STOP", "SM-evidence-1")
    signature = RequestValidator(inbox["auth_token"]).compute_signature(url, dict(parse_qsl(body.decode())))
    request = urllib.request.Request(
        url, data=body, method="POST",
        headers={"Content-Type": carrier_signing.FORM, "X-Twilio-Signature": signature},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    status, _ = http(
        "POST", f"{base}/v1/contact/set_status", key=workspace["admin_key"],
        json_body={"phone": PHONE, "status": "subscribed", "note": "called to opt back in"},
    )
    assert status == 200
    status, export = http("GET", f"{base}/v1/contacts/{PHONE}/evidence", key=workspace["member_key"])
    assert status == 200 and export["chain"]["status"] == "verified: 2 events"

    saved = tmp_path / "evidence.json"
    saved.write_text(json.dumps(export), encoding="utf-8")
    result = _verify(saved)
    assert result.returncode == 0 and result.stdout.strip() == "verified: 2 events", result.stderr

    stop = export["events"][0]
    stop["content"]["message_text"] = "hello"  # as if the STOP had never been sent
    saved.write_text(json.dumps(export), encoding="utf-8")
    result = _verify(saved)
    assert result.returncode == 1 and stop["event_id"] in result.stdout and result.stdout.startswith("altered")

    page = urllib.request.Request(
        f"{base}/v1/contacts/{PHONE}/evidence?format=html", headers={"Authorization": f"Bearer {workspace['member_key']}"}
    )
    with urllib.request.urlopen(page, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/html")
        assert "Chain: verified: 2 events" in response.read().decode()
