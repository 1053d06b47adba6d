"""Webhooks API: register, list, delete and ping outgoing webhooks, their delivery log, and
subscribers' acknowledgements of revocations (docs/webhooks.md).

Each resource's routes are a Router in the core layer (optout.api.routes); this function's
resolver includes them, authenticates the caller and answers every error as JSON.
"""

from __future__ import annotations

import gc

# ruff: noqa: E402 (the imports below come after gc.disable() on purpose)
gc.disable()  # collect nothing while the layer imports (docs/cold-start.md, "No garbage collection")

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.api.http import build_app, handle_api
from optout.api.routes import revocation_acks, webhooks
from optout.observability import logger, metrics, tracer

app = build_app("Opt-out service: webhooks API", webhooks.router, revocation_acks.router)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return handle_api(app, event, context)


gc.enable()  # imported: collections resume for what requests allocate
