"""The OpenAPI operations of the carrier webhooks, which no Powertools resolver describes.

What each carrier posts and how each request is answered (see optout/webhooks/verification.py and the
inbound and delivery services): 200 once stored, 400 for a payload that cannot be read, 403
for a bad signature, 404 for an inbox that is not registered, 413 for an oversized body, and
500 when the inbox's own signing secret cannot be read (our misconfiguration, logged).
"""

from __future__ import annotations

from typing import Any

from optout.api.openapi import error_responses

_FIELDS = {"type": "object", "additionalProperties": {"type": "string"}}
_JSON_OBJECT = {"type": "object"}
_FORM = "application/x-www-form-urlencoded"
_ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}

# (media type, schema) pairs each carrier posts, by provider.
BODIES: dict[str, dict[str, dict[str, Any]]] = {
    "twilio": {_FORM: _FIELDS},
    "telnyx": {"application/json": {**_JSON_OBJECT, "description": "A Telnyx event: `{\"data\": {...}}`"}},
    "bandwidth": {"application/json": {"type": "array", "items": _JSON_OBJECT}},
    "vonage": {"application/json": _JSON_OBJECT, _FORM: _FIELDS},
}
SIGNED_BY = {
    "twilio": "X-Twilio-Signature (HMAC-SHA1 of the URL and form)",
    "telnyx": "telnyx-signature-ed25519 and telnyx-timestamp",
    "bandwidth": "HTTP Basic credentials",
    "vonage": "a signed JWT (Authorization) or a `sig` field",
}
RECEIPT = {
    "type": "object",
    "required": ["received", "results"],
    "properties": {
        "received": {"type": "integer", "description": "Messages or delivery events handled."},
        "results": {"type": "array", "items": {}},
    },
}
TWIML = {"type": "string", "description": "TwiML: the reply, if any, as a <Message>"}


def operation(provider: str, kind: str) -> dict[str, Any]:
    """One webhook operation; `kind` is `inbound` or `status`."""
    what = "an inbound SMS" if kind == "inbound" else "a delivery status callback"
    success: dict[str, Any] = (
        {"text/xml": {"schema": TWIML}}
        if (provider, kind) == ("twilio", "inbound")
        else {"application/json": {"schema": RECEIPT}}
    )
    errors: dict[str, Any] = {
        str(status): {"description": r["description"], "content": {"application/json": {"schema": _ERROR_REF}}}
        for status, r in error_responses(400, 403, 404, 413, 500).items()
    }
    return {
        "summary": f"{provider.capitalize()} webhook: {what}",
        "description": f"Authenticated by the carrier's signature ({SIGNED_BY[provider]}), not an API key.",
        "operationId": f"webhook_{provider}_{kind}",
        "tags": ["webhooks"],
        "security": [],
        "requestBody": {
            "required": True,
            "content": {media: {"schema": schema} for media, schema in BODIES[provider].items()},
        },
        "responses": {"200": {"description": "Received", "content": success}, **errors},
    }

