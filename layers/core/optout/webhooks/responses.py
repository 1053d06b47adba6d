"""How a carrier webhook is answered over API Gateway: a proxy JSON body, or a refusal in the
service's error shape. TwiML for Twilio's replies is built by carriers.twiml."""

from __future__ import annotations

import json
from typing import Any

from optout.errors import DomainError


def json_response(status: int, payload: Any) -> dict[str, Any]:
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(payload, separators=(",", ":"), default=str),
        "isBase64Encoded": False,
    }


def refusal_response(error: DomainError) -> dict[str, Any]:
    return json_response(error.http_status, error.body())
