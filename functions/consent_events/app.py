"""Consent events: publishes every consent change to the consent bus, from the consent events
table's stream (docs/consent-events.md). Answers with Lambda's partial batch response, so only
the records not published are retried."""

from __future__ import annotations

import gc

# ruff: noqa: E402 (the imports below come after gc.disable() on purpose)
gc.disable()  # collect nothing while the layer imports (docs/cold-start.md, "No garbage collection")

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.observability import MetricUnit, logger, metrics, tracer
from optout.services import consent_events


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    outcome = consent_events.publish_stream_records(event.get("Records") or [])
    logger.info(
        "consent events published",
        extra={"records": outcome.records, "published": outcome.published, "failed": len(outcome.failed)},
    )
    metrics.add_metric(name="ConsentEventsPublished", unit=MetricUnit.Count, value=outcome.published)
    metrics.add_metric(name="ConsentEventRecordsFailed", unit=MetricUnit.Count, value=len(outcome.failed))
    return outcome.response()


gc.enable()  # imported: collections resume for what requests allocate
