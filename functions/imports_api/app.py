"""Imports API: import jobs of up to 1,000,000 rows, uploaded to S3 with a pre-signed form.

The routes are a Router in the core layer (optout.api.routes.import_jobs); the job that applies
the files is the import job function (functions/import_job).
"""

from __future__ import annotations

import gc

# ruff: noqa: E402 (the imports below come after gc.disable() on purpose)
gc.disable()  # collect nothing while the layer imports (docs/cold-start.md, "No garbage collection")

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.api.http import build_app, handle_api
from optout.api.routes import import_jobs
from optout.observability import logger, metrics, tracer

app = build_app("Opt-out service: imports API", import_jobs.router)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return handle_api(app, event, context)


gc.enable()  # imported: collections resume for what requests allocate
