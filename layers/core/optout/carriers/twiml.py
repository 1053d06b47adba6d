"""In-band replies. Only Twilio answers an inbound webhook with markup (TwiML); every other
provider here takes a bare 2xx and replies through its send API."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

TWIML_CONTENT_TYPE = "text/xml"  # a reply without a Content-Type is Twilio error 12300
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# Characters XML 1.0 cannot carry at all (escaping does not help): drop them.
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def twiml_message(text: str | None) -> str:
    """TwiML ``<Response>`` with one ``<Message>``, or an empty ``<Response/>`` (no reply)."""
    if not text:
        return f"{_XML_DECLARATION}<Response/>"
    body = escape(_INVALID_XML_CHARS.sub("", text))
    return f"{_XML_DECLARATION}<Response><Message>{body}</Message></Response>"
