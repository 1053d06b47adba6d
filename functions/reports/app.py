"""Reports function: the reports API, the counters kept from the table streams, and the daily job.

One handler serves four kinds of event: API Gateway requests (the reports), DynamoDB stream
batches (counters), the EventBridge schedule (queues the job: one message per workspace) and SQS
batches of the job queue (each message writes one workspace's files). The job and its SVG chart
are imported only when a schedule or queue event arrives, so API requests never pay for them; the
API's resolver is built on the first API request, so stream batches (most of this function's
invocations, one per burst of table writes) never pay for routing and request validation.
"""

from __future__ import annotations

import gc

# ruff: noqa: E402 (the imports below come after gc.disable() on purpose)
gc.disable()  # collect nothing while the layer imports (docs/cold-start.md, "No garbage collection")

from functools import cache
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.observability import MetricUnit, logger, metrics, tracer
from optout.services import report_counters

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver


@cache
def _api() -> APIGatewayRestResolver:
    """The reports API's resolver (its routes: a Router in optout.api.routes.reports), built once."""
    from optout.api.http import build_app
    from optout.api.routes import reports as report_routes

    return build_app("Opt-out service: reports API", report_routes.router)


def __getattr__(name: str) -> Any:
    # `app.app` is the resolver, as in every API function (the OpenAPI document reads it).
    if name == "app":
        return _api()
    raise AttributeError(name)


def _on_stream(event: dict[str, Any]) -> dict[str, Any]:
    records = event.get("Records") or []
    updated = report_counters.apply_stream_records(records)
    logger.info("counters updated", extra={"records": len(records), "counter_items": updated})
    metrics.add_metric(name="CounterRecords", unit=MetricUnit.Count, value=len(records))
    return {"records": len(records), "counter_items": updated}


def _on_schedule(event: dict[str, Any]) -> dict[str, Any]:
    from optout.services import report_job  # the job and its chart load only for the job's events

    return report_job.run_scheduled(event)


def _on_queue(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    from optout.services import report_job

    return report_job.process_queue_batch(event, context)


def _kind(event: dict[str, Any]) -> str:
    records = event.get("Records")
    if isinstance(records, list) and records and isinstance(records[0], dict):
        source = records[0].get("eventSource")
        if source == "aws:dynamodb":
            return "stream"
        if source == "aws:sqs":
            return "queue"
    if event.get("source") == "aws.events" or event.get("detail-type") == "Scheduled Event":
        return "schedule"
    return "api"


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    kind = _kind(event)
    if kind == "stream":
        return _on_stream(event)
    if kind == "schedule":
        return _on_schedule(event)
    if kind == "queue":
        return _on_queue(event, context)
    from optout.api.http import handle_api

    logger.set_correlation_id((event.get("requestContext") or {}).get("requestId"))
    return handle_api(_api(), event, context)


gc.enable()  # imported: collections resume for what requests allocate
