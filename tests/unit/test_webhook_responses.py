"""How webhooks are answered: proxy JSON, Twilio's TwiML, refusals in the service's error shape."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from optout.errors import NotFound
from optout.webhooks.responses import (
    TWIML_CONTENT_TYPE,
    json_response,
    refusal_response,
    twiml_message,
    twiml_response,
)


def test_twiml_message_escapes() -> None:
    xml = twiml_message('You are unsubscribed from <Acme & "Co">. Reply START\x00 to resubscribe.')
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Message>')
    root = ET.fromstring(xml)
    assert root.tag == "Response"
    assert root.find("Message").text == (  # type: ignore[union-attr]
        'You are unsubscribed from <Acme & "Co">. Reply START to resubscribe.'
    )


@pytest.mark.parametrize("text", [None, ""])
def test_twiml_empty_response(text: str | None) -> None:
    xml = twiml_message(text)
    assert xml == '<?xml version="1.0" encoding="UTF-8"?><Response/>'
    assert len(ET.fromstring(xml)) == 0


@pytest.mark.parametrize(
    ("response", "status", "content_type", "body"),
    [
        (twiml_response("Bye"), 200, TWIML_CONTENT_TYPE, twiml_message("Bye")),
        (twiml_response(None), 200, TWIML_CONTENT_TYPE, twiml_message(None)),
        (json_response(200, {"received": 1}), 200, "application/json", '{"received":1}'),
        (
            refusal_response(NotFound("no inbox", code="inbox_not_found")),
            404,
            "application/json",
            json.dumps(
                {"error": {"code": "inbox_not_found", "message": "no inbox", "details": None}}, separators=(",", ":")
            ),
        ),
    ],
)
def test_proxy_responses(response: dict, status: int, content_type: str, body: str) -> None:
    assert response == {
        "statusCode": status,
        "headers": {"Content-Type": content_type},
        "body": body,
        "isBase64Encoded": False,
    }
