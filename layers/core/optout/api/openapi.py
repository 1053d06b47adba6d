"""The API's OpenAPI document: the responses routes declare, and the committed document, served whole.

Each route names the statuses it answers with `responses=`; `python -m local_stack.openapi_drift`
merges every function's routes and the carrier webhooks into `openapi.json` beside this module
(`make openapi` rewrites it, `make lint` fails when it differs from the code).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from pydantic import BaseModel, Field

DOCUMENT_PATH = Path(__file__).with_name("openapi.json")

ERROR_DESCRIPTIONS = {
    400: "Invalid input (`invalid_input`, `invalid_phone`, ...)",
    401: "Missing, unknown or revoked API key",
    403: "The key's role may not do this (admin only)",
    404: "No such resource in this workspace",
    409: "Conflict with the current state",
    413: "The body (or the number of rows or numbers) is too large",
    415: "The body's Content-Type is not one this route reads",
    422: "Well formed, but names what the workspace lacks or a value out of range",
    500: "The service is misconfigured (logged)",
    503: "Storage is unavailable for a moment; retry",
}
# Every authenticated route can answer these: handle_api refuses bad keys and oversized bodies
# before routing, validation answers 400, and storage faults answer 503.
COMMON_ERRORS = (400, 401, 413, 503)


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable, machine-readable error code.")
    message: str
    details: Any = Field(default=None, description="What was wrong, when there is more to say.")


class ErrorResponse(BaseModel):
    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int, OpenAPIResponse]:
    return {
        status: {"description": ERROR_DESCRIPTIONS[status], "content": {"application/json": {"model": ErrorResponse}}}
        for status in sorted(statuses)
    }


def responses(
    *errors: int, ok: int = 200, description: str = "Success", content: dict[str, Any] | None = None
) -> dict[int, OpenAPIResponse]:
    """A route's `responses=`: its success (schema from the return annotation unless `content`
    is given), the errors it raises itself, and those every authenticated route answers."""
    success: OpenAPIResponse = {"description": description}
    if content is not None:
        success["content"] = content
    return {ok: success, **error_responses(*COMMON_ERRORS, *errors)}


@cache
def document_json() -> str:
    """The committed document, as the contacts API serves it at /v1/openapi.json."""
    return DOCUMENT_PATH.read_text(encoding="utf-8")
