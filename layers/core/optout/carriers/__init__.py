"""Carrier webhooks: authentication, parsing into provider-neutral records, error codes.

Providers: ``twilio``, ``telnyx``, ``bandwidth``, ``vonage`` (Messages API and legacy SMS API)
and ``aws`` (AWS End User Messaging SMS via SNS).
"""

from __future__ import annotations

from ._common import BROADCAST_QUERY_PARAMS, broadcast_tag
from .carrier_errors import (
    CarrierError,
    CertificateFetchError,
    ConfigurationError,
    PayloadError,
    SignatureError,
    UnsupportedProviderError,
)
from .dispatch import (
    CREDENTIAL_KEYS,
    parse_inbound,
    parse_inbound_all,
    parse_status,
    parse_status_all,
    parse_webhook,
    send_failure,
    verify_request,
)
from .error_codes import ERROR_CODES, ErrorCode, classify_failure, lookup_error
from .records import (
    DELIVERY_STATUSES,
    FAILURE_CLASSES,
    PROVIDERS,
    DeliveryOutcome,
    InboundMessage,
)
from .request import Headers, WebhookRequest
from .sns import SnsMessage, sns_messages, verify_sns
from .twiml import TWIML_CONTENT_TYPE, twiml_message

__all__ = [
    "BROADCAST_QUERY_PARAMS",
    "CREDENTIAL_KEYS",
    "DELIVERY_STATUSES",
    "ERROR_CODES",
    "FAILURE_CLASSES",
    "PROVIDERS",
    "TWIML_CONTENT_TYPE",
    "CarrierError",
    "CertificateFetchError",
    "ConfigurationError",
    "DeliveryOutcome",
    "ErrorCode",
    "Headers",
    "InboundMessage",
    "PayloadError",
    "SignatureError",
    "SnsMessage",
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
    "sns_messages",
    "twiml_message",
    "verify_request",
    "verify_sns",
]
