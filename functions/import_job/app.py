"""Import job: splits an uploaded CSV into chunks (the uploads queue) and applies each chunk (the
chunk queue), with partial batch responses so only a failed message is retried (docs/imports.md)."""

from __future__ import annotations

import gc

# ruff: noqa: E402 (the imports below come after gc.disable() on purpose)
gc.disable()  # collect nothing while the layer imports (docs/cold-start.md, "No garbage collection")

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.observability import logger, metrics, tracer
from optout.services import import_runner


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return import_runner.process_batch(event, context)


gc.enable()  # imported: collections resume for what requests allocate
