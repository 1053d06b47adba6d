"""How a carrier webhook is answered over API Gateway: a proxy JSON body, TwiML for Twilio's
in-band reply, or a refusal in the service's error shape.

Only Twilio answers an inbound webhook with markup; every other provider takes a bare 2xx and
gets its replies through its send API (the reply events).
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.sax.saxutils import escape

from optout.errors import DomainError

TWIML_CONTENT_TYPE = "text/xml"  # a reply without a Content-Type is Twilio error 12300
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# Characters XML 1.0 cannot carry at all (escaping does not help): drop them.
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _proxy(status: int, content_type: str, body: str) -> dict[str, Any]:
    return {"statusCode": status, "headers": {"Content-Type": content_type}, "body": body, "isBase64Encoded": False}


def json_response(status: int, payload: Any) -> dict[str, Any]:
    return _proxy(status, "application/json", json.dumps(payload, separators=(",", ":"), default=str))


def refusal_response(error: DomainError) -> dict[str, Any]:
    return json_response(error.http_status, error.body())


def twiml_message(text: str | None) -> str:
    """TwiML ``<Response>`` with one ``<Message>``, or an empty ``<Response/>`` (no reply)."""
    if not text:
        return f"{_XML_DECLARATION}<Response/>"
    body = escape(_INVALID_XML_CHARS.sub("", text))
    return f"{_XML_DECLARATION}<Response><Message>{body}</Message></Response>"


def twiml_response(reply: str | None) -> dict[str, Any]:
    return _proxy(200, TWIML_CONTENT_TYPE, twiml_message(reply))
