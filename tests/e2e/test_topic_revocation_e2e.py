"""Revocation by topic over HTTP against the local stack: a signed Twilio STOP PROMO revokes one
topic, eligibility by topic answers accordingly, STOP revokes the rest, and the revocations report
lists it with its deadline."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from twilio.request_validator import RequestValidator

from optout.rules.business_days import honour_by
from tests.e2e.conftest import http
from tests.e2e.test_inbound_e2e import _inbox, _post

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e
PHONE = "+14155550177"


def _twilio(local_stack, workspace, text: str, message_id: str) -> str:
    inbox = _inbox(workspace, "twilio")
    url = f"{local_stack['base_url']}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", PHONE, inbox["number"], text, message_id)
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    signature = RequestValidator(inbox["auth_token"]).compute_signature(url, params)
    status, twiml = _post(
        url, body, {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    )
    assert status == 200, twiml
    return twiml


def test_stop_promo_then_stop_over_http(local_stack):
    workspace = local_stack["workspaces"][1]
    base, admin, member = local_stack["base_url"], workspace["admin_key"], workspace["member_key"]
    for topic, body in (
        ("promos", {"name": "Promotions", "express_consent": True, "keywords": ["STOP PROMO"]}),
        ("visits", {"name": "Visit reminders"}),
    ):
        assert http("PUT", f"{base}/v1/topics/{topic}", key=admin, json_body=body)[0] in (200, 201)
    consent = {
        "phone": PHONE,
        "topics": ["promos", "visits"],
        "source": "web_form",
        "form_url": "https://acme.example/join",
        "captured_at": datetime.now(UTC).isoformat(),
        "disclosure": "Texts about promotions and visits. Reply STOP to cancel.",
    }
    assert http("POST", f"{base}/v1/consents", key=member, json_body=consent)[0] == 201

    twiml = _twilio(local_stack, workspace, "STOP PROMO!", "SM-topic-1")
    assert "no more Promotions messages" in twiml
    status, answer = http(
        "POST", f"{base}/v1/eligibility", key=member, json_body={"phones": [PHONE], "topic": "promos"}
    )
    assert status == 200 and answer["suppressed"][0]["suppression"] == "topic_revoked"
    status, answer = http(
        "POST", f"{base}/v1/eligibility", key=member, json_body={"phones": [PHONE], "topic": "visits"}
    )
    assert answer["sendable"] == [PHONE]

    assert "unsubscribed" in _twilio(local_stack, workspace, "STOP", "SM-topic-2")
    status, consents = http("GET", f"{base}/v1/contacts/{PHONE}/consents", key=member)
    assert {topic["status"] for topic in consents["topics"]} == {"revoked"}
    day = datetime.now(UTC).date().isoformat()
    status, report = http("GET", f"{base}/v1/reports/revocations?from={day}&to={day}", key=member)
    assert status == 200, report
    [row] = [row for row in report["rows"] if row["phone"] == PHONE]
    assert row["still_suppressed"] is True and row["reason"] == "keyword"
    assert datetime.fromisoformat(row["honour_by"]) == honour_by(datetime.fromisoformat(row["received_at"]))
