"""Contacts API: contacts, consent status, CSV import, eligibility, settings, API keys, inboxes,
broadcast failures, the Auto Opt-Out folder, the review queue, and who the calling key is.

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
from optout.api.routes import (
    api_keys,
    auto_opt_outs,
    broadcasts,
    consents,
    contacts,
    eligibility,
    evidence,
    imports,
    inboxes,
    me,
    reassigned_results,
    review_queue,
    send_rules,
    sends,
    settings,
    status,
    topics,
)
from optout.observability import logger, metrics, tracer

app = build_app(
    "Opt-out service: contacts API",
    contacts.router,
    status.router,
    imports.router,
    eligibility.router,
    settings.router,
    api_keys.router,
    inboxes.router,
    auto_opt_outs.router,
    broadcasts.router,
    review_queue.router,
    me.router,
    topics.router,
    consents.router,
    evidence.router,
    sends.router,
    send_rules.router,
    reassigned_results.router,
)

# The CSV uploads: larger bodies, and not JSON.
UPLOAD_PATHS = frozenset({imports.IMPORT_PATH, reassigned_results.RESULTS_PATH})


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return handle_api(app, event, context, large_body_paths=UPLOAD_PATHS)


gc.enable()  # imported: collections resume for what requests allocate
