"""Delivery status: carrier status callbacks over API Gateway (`/webhooks/{provider}/status`), and
AWS End User Messaging delivery events over SNS.

The core layer verifies, records each message's final outcome once and applies its consent effect.
"""

from __future__ import annotations

import gc

# ruff: noqa: E402 (the imports below come after gc.disable() on purpose)
gc.disable()  # collect nothing while the layer imports (docs/cold-start.md, "No garbage collection")

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.observability import logger, metrics, tracer
from optout.webhooks import status


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return status.handle(event)


gc.enable()  # imported: collections resume for what requests allocate
