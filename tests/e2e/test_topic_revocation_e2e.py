"""Revocation by topic over HTTP against the local stack: a signed Twilio STOP PROMO revokes one
topic, eligibility by topic answers accordingly, STOP revokes the rest, and the revocations report
lists it with its deadline."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from twilio.request_validator import RequestValidator

from optout.rules.business_days import honour_by
from tests.e2e.conftest import http
from tests.e2e.test_evidence_export_e2e import _verify
from tests.e2e.test_inbound_e2e import _inbox, _post
from tests.fakes.send_times import daytime

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e
PHONE = "+14155550272"


def _twilio(local_stack, workspace, text: str, message_id: str, phone: str = PHONE) -> str:
    inbox = _inbox(workspace, "twilio")
    url = f"{local_stack['base_url']}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", phone, inbox["number"], text, message_id)
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
    body = {"phones": [PHONE], "topic": "visits", "at": daytime()}  # by day: no quiet hours
    status, answer = http("POST", f"{base}/v1/eligibility", key=member, json_body=body)
    assert answer["sendable"] == [PHONE]

    assert "unsubscribed" in _twilio(local_stack, workspace, "STOP", "SM-topic-2")
    status, consents = http("GET", f"{base}/v1/contacts/{PHONE}/consents", key=member)
    assert {topic["status"] for topic in consents["topics"]} == {"revoked"}
    day = datetime.now(UTC).date().isoformat()
    status, report = http("GET", f"{base}/v1/reports/revocations?from={day}&to={day}", key=member)
    assert status == 200, report
    # Both revocations are listed, oldest first: STOP PROMO (its topic) and then STOP (everything).
    rows = [row for row in report["rows"] if row["phone"] == PHONE]
    assert [row["topics"] for row in rows] == [["promos"], None], rows
    row = rows[-1]
    assert row["still_suppressed"] is True and row["reason"] == "keyword"
    assert datetime.fromisoformat(row["honour_by"]) == honour_by(datetime.fromisoformat(row["received_at"]))


def _suppression(base, member, phone, topic):
    status, answer = http("POST", f"{base}/v1/eligibility", key=member, json_body={"phones": [phone], "topic": topic})
    assert status == 200, answer
    return next((row["suppression"] for row in answer["suppressed"] if row["phone"] == phone), None)


def test_the_clarification_reply_narrows_stop_to_one_topic_over_http(local_stack, tmp_path):
    """Issue #13's "Done when": a web-form opt-in with its disclosure, STOP revokes every topic and
    asks which were meant, the reply narrows it to one topic, eligibility by topic answers
    accordingly, and the evidence export verifies offline."""
    workspace = local_stack["workspaces"][0]
    base, admin, member = local_stack["base_url"], workspace["admin_key"], workspace["member_key"]
    phone = "+14155550273"
    for topic, body in (("offers", {"name": "Offers", "express_consent": True}), ("visits", {"name": "Visits"})):
        assert http("PUT", f"{base}/v1/topics/{topic}", key=admin, json_body=body)[0] in (200, 201)
    consent = {
        "phone": phone, "topics": ["offers", "visits"], "source": "web_form", "form_url": "https://acme.example/join",
        "captured_at": datetime.now(UTC).isoformat(), "disclosure": "Texts about offers and visits. Reply STOP to cancel.",
    }
    assert http("POST", f"{base}/v1/consents", key=member, json_body=consent)[0] == 201
    assert http("PUT", f"{base}/v1/settings", key=admin, json_body={"revocation_scope": "clarify"})[0] == 200
    try:
        twiml = _twilio(local_stack, workspace, "STOP", "SM-clarify-1", phone)
        assert "reply with their names (Offers, Visits)" in twiml, twiml
        assert {_suppression(base, member, phone, t) for t in ("offers", "visits")} == {"awaiting_clarification"}
        twiml = _twilio(local_stack, workspace, "Offers", "SM-clarify-2", phone)
        assert "<Message>" not in twiml
        assert _suppression(base, member, phone, "offers") == "topic_revoked"
        assert _suppression(base, member, phone, "visits") is None
        status, export = http("GET", f"{base}/v1/contacts/{phone}/evidence", key=member)
        assert status == 200 and export["chain"]["status"] == "verified: 3 events", export["chain"]
        kinds = [event["summary"]["kind"] for event in export["events"]]
        assert kinds == ["topics:granted", "topics:clarification_requested", "topics:clarified"]
        saved = tmp_path / "evidence.json"
        saved.write_text(json.dumps(export), encoding="utf-8")
        result = _verify(saved)
        assert result.returncode == 0 and result.stdout.strip() == "verified: 3 events", result.stderr
    finally:
        http("PUT", f"{base}/v1/settings", key=admin, json_body={"revocation_scope": "all"})
