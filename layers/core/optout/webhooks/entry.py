"""What the inbound and status entries share: which kind of event arrived, the provider its path
names, the loop over SNS records, and how a refusal is answered and logged.

An API Gateway request gets an answer for the whole webhook: 200, or a refusal in the service's
error shape (a 4xx for the carrier's mistake, 503 when storage is briefly unavailable so the
carrier retries, a logged 500 for a fault of ours). An SNS event is a batch of independent records: a refused record is logged
and counted, never raised, as SNS would retry a record that can never verify. Anything else
raised from a record (a storage fault) fails the invocation, so Lambda retries the event and the
records done already find their markers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from optout.carriers import PROVIDERS
from optout.errors import DomainError
from optout.observability import MetricUnit, logger, single_metric
from optout.webhooks.responses import refusal_response
from optout.webhooks.verification import WebhookRefused

# AWS End User Messaging comes through SNS only; the others post to `/webhooks/{provider}/...`.
HTTP_PROVIDERS = frozenset(PROVIDERS) - {"aws"}

HttpEntry = Callable[[str, Mapping[str, Any]], dict[str, Any]]
RecordEntry = Callable[[Mapping[str, Any]], int]  # one SNS record -> how many records it held


def provider_of(event: Mapping[str, Any]) -> str:
    """The provider the webhook path names (`/webhooks/{provider}/inbound` or `/status`)."""
    path = event.get("resource") or event.get("path") or ""
    parts = path.strip("/").split("/") if isinstance(path, str) else []
    provider = parts[1] if len(parts) >= 2 and parts[0] == "webhooks" else ""
    if provider not in HTTP_PROVIDERS:
        raise WebhookRefused(404, "unknown_provider", "the webhook path names no supported provider")
    return provider


def count_refusal() -> None:
    """One WebhookRefusals datapoint, the metric the refusal alarm and the dashboard read (the log
    line says which provider and why). Only the `service` dimension, so one alarm covers all."""
    with single_metric(name="WebhookRefusals", unit=MetricUnit.Count, value=1, namespace="OptOut"):
        pass  # the metric is written as the block closes


def refusal(error: DomainError, provider: str | None) -> dict[str, Any]:
    """The answer to a webhook refused before (or instead of) being processed, logged. A 4xx is
    counted as a refusal; a 5xx is a fault of ours, seen in the API's 5xx alarm instead."""
    log = logger.error if error.http_status >= 500 else logger.warning
    log(
        "webhook refused",
        extra={"provider": provider, "status": error.http_status, "code": error.code, "reason": error.message},
    )
    if error.http_status < 500:
        count_refusal()
    return refusal_response(error)


def handle(event: Mapping[str, Any], *, http: HttpEntry, sns_record: RecordEntry) -> dict[str, Any]:
    """Route one Lambda event: SNS `Records`, or an API Gateway proxy request."""
    if "Records" in event:
        return sns_records(event, sns_record)
    provider: str | None = None
    try:
        provider = provider_of(event)
        return http(provider, event)
    except DomainError as exc:
        return refusal(exc, provider)
    except Exception:  # a bug or a storage fault: answered in the error shape, as the API does
        logger.exception("unexpected webhook error", extra={"provider": provider})
        return refusal_response(
            WebhookRefused(500, "internal_error", "an unexpected error occurred; it has been logged")
        )


def sns_records(event: Mapping[str, Any], process: RecordEntry) -> dict[str, Any]:
    """Each record on its own; the answer counts the records processed and refused."""
    processed = refused = 0
    for record in event.get("Records") or []:
        try:
            processed += process(record)
        except WebhookRefused as exc:
            refused += 1
            logger.warning("SNS record refused", extra={"code": exc.code, "reason": exc.message})
            count_refusal()
    return {"processed": processed, "refused": refused}
