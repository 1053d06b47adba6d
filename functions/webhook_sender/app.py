"""Webhook sender: batches of the webhook delivery queue (the consent bus's events and pings),
each message POSTed, signed, to the workspace's subscribed endpoints; the partial batch response
names the messages SQS must retry (docs/webhooks.md)."""

from __future__ import annotations

import gc

# ruff: noqa: E402 (the imports below come after gc.disable() on purpose)
gc.disable()  # collect nothing while the layer imports (docs/cold-start.md, "No garbage collection")

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.observability import logger, metrics, tracer
from optout.services import webhook_sender


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return webhook_sender.process_batch(event, context)


gc.enable()  # imported: collections resume for what requests allocate
