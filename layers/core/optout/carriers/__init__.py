"""Carrier webhooks: authentication, parsing into provider-neutral records, error codes.

Providers: ``twilio``, ``telnyx``, ``bandwidth``, ``vonage`` (Messages API and legacy SMS API)
and ``aws`` (AWS End User Messaging SMS via SNS). The names below are the ones used outside this
package (the webhook edge, the services, the tests of public behaviour); helpers the adapters
share stay in their modules. How a webhook is answered (JSON, TwiML) is optout.webhooks'.
"""

from __future__ import annotations

from ._common import broadcast_tag
from .carrier_errors import (
    CarrierError,
    ConfigurationError,
    PayloadError,
    SignatureError,
    UnsupportedProviderError,
)
from .dispatch import (
    parse_inbound,
    parse_inbound_all,
    parse_status,
    parse_status_all,
    parse_webhook,
    send_failure,
    verify_request,
)
from .error_codes import ERROR_CODES, classify_failure, lookup_error
from .records import DELIVERY_STATUSES, PROVIDERS, DeliveryOutcome, InboundMessage
from .request import Headers, WebhookRequest
from .sns import verify_sns

__all__ = [
    "DELIVERY_STATUSES",
    "ERROR_CODES",
    "PROVIDERS",
    "CarrierError",
    "ConfigurationError",
    "DeliveryOutcome",
    "Headers",
    "InboundMessage",
    "PayloadError",
    "SignatureError",
    "UnsupportedProviderError",
    "WebhookRequest",
    "broadcast_tag",
    "classify_failure",
    "lookup_error",
    "parse_inbound",
    "parse_inbound_all",
    "parse_status",
    "parse_status_all",
    "parse_webhook",
    "send_failure",
    "verify_request",
    "verify_sns",
]
