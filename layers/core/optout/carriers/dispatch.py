"""The carrier package's entry points (optout.webhooks.verification calls them): verify a
webhook, then parse it into records.

Typical use::

    request = WebhookRequest.from_api_gateway(event, public_url=PUBLIC_URL)
    verify_request("twilio", request, {"auth_token": token})
    for record in parse_webhook("twilio", request): ...

AWS takes the SNS→Lambda event (or one record / its ``Sns`` dict) instead of a request.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TypeVar

from ._common import Now
from .carrier_errors import CarrierError, PayloadError, UnsupportedProviderError
from .providers import ADAPTERS, Adapter, Record, Source, VerifyOptions
from .providers.base import make_outcome
from .records import DeliveryOutcome, InboundMessage
from .sns import CertLoader

_T = TypeVar("_T")


def adapter(provider: str) -> Adapter:
    try:
        return ADAPTERS[provider]
    except KeyError:
        raise UnsupportedProviderError(f"unknown provider {provider!r}") from None


def verify_request(
    provider: str,
    source: Source,
    credentials: Mapping[str, str],
    *,
    now: Now = None,
    cert_loader: CertLoader | None = None,
) -> None:
    """Raise :class:`SignatureError` unless the webhook is authentic.

    Credentials per provider (an inbox's secret; ``?`` optional): twilio ``auth_token``; telnyx
    ``public_key``; bandwidth ``username``, ``password``; vonage ``signature_secret``,
    ``signature_method?``, ``api_key?``; aws ``topic_arn?``. ``now`` (datetime or Unix seconds)
    and ``cert_loader`` (SNS certificate fetcher) are injectable for tests.
    """
    adapter(provider).verify(source, credentials, VerifyOptions(now=now, cert_loader=cert_loader))


def parse_webhook(provider: str, source: Source) -> list[Record]:
    """Every event in the webhook, inbound messages and delivery outcomes alike.

    Use this for endpoints that receive both (a Telnyx messaging profile has one URL; Bandwidth
    applications may share one; one SNS topic may carry both).
    """
    selected = adapter(provider)
    try:
        return selected.parse(source)
    except CarrierError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        # Safety net for the "only CarrierError escapes" contract; adapters check fields first.
        raise PayloadError(f"malformed {provider} payload ({type(exc).__name__})") from exc


def parse_inbound_all(provider: str, source: Source) -> list[InboundMessage]:
    records = parse_webhook(provider, source)
    if not all(isinstance(r, InboundMessage) for r in records):
        raise PayloadError(f"{provider} webhook carries delivery events, not inbound messages")
    return [r for r in records if isinstance(r, InboundMessage)]


def parse_status_all(provider: str, source: Source) -> list[DeliveryOutcome]:
    records = parse_webhook(provider, source)
    if not all(isinstance(r, DeliveryOutcome) for r in records):
        raise PayloadError(f"{provider} webhook carries inbound messages, not delivery events")
    return [r for r in records if isinstance(r, DeliveryOutcome)]


def parse_inbound(provider: str, source: Source) -> InboundMessage:
    """The single inbound message in the webhook (PayloadError if there are several)."""
    return _single(parse_inbound_all(provider, source), provider)


def parse_status(provider: str, source: Source) -> DeliveryOutcome:
    """The single delivery outcome in the webhook (PayloadError if there are several:
    Bandwidth arrays, Telnyx group messages and SNS batches need :func:`parse_status_all`)."""
    return _single(parse_status_all(provider, source), provider)


def _single(records: list[_T], provider: str) -> _T:
    if len(records) != 1:
        raise PayloadError(f"{provider} webhook holds {len(records)} events; use the *_all form")
    return records[0]


def send_failure(
    provider: str,
    *,
    recipient: str,
    inbox: str,
    error_code: str | int,
    error_text: str | None = None,
    message_id: str = "",
    broadcast_id: str | None = None,
    occurred_at: datetime | None = None,
) -> DeliveryOutcome:
    """A DeliveryOutcome for a send the provider refused synchronously (Twilio 21610, Telnyx
    40300 / HTTP 409, AWS ``ConflictException`` reason ``DESTINATION_PHONE_NUMBER_OPTED_OUT``),
    classified with the same table as callbacks."""
    adapter(provider)
    return make_outcome(
        provider,
        request=None,
        message_id=message_id,
        recipient=recipient,
        inbox=inbox,
        status="failed",
        error_code=str(error_code),
        error_text=error_text,
        tag_broadcast_id=broadcast_id,
        occurred_at=occurred_at,
        raw={"error_code": str(error_code), "error_text": error_text},
    )
