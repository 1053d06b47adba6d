"""One way to build an API function: authenticate first, route, and answer every error as JSON.

Errors are `{"error": {"code", "message", "details"}}` with a 4xx for anything the caller can fix.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from optout.api import openapi, request_body
from optout.errors import DomainError, NotFound, PayloadTooLarge, StorageFault, Unauthorized, error_body
from optout.models import Principal
from optout.observability import logger
from optout.services import accounts

MAX_JSON_BODY = 1_000_000
MAX_BODY = 10_000_000  # API Gateway's own limit
OPENAPI_PATH = "/v1/openapi.json"


def _error_json(code: str, message: str, details: Any = None) -> str:
    return json.dumps(error_body(code, message, details), default=str, separators=(",", ":"))


def error_response(status: int, code: str, message: str, details: Any = None) -> Response[Any]:
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=_error_json(code, message, details)
    )


def _proxy_error(status: int, error: DomainError) -> dict[str, Any]:
    """An API Gateway proxy response for errors raised before routing."""
    return {
        "statusCode": status,
        "headers": {"Content-Type": content_types.APPLICATION_JSON},
        "body": _error_json(error.code, error.message, error.details),
        "isBase64Encoded": False,
    }


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        details.append(
            {
                "field": ".".join(loc[1:]) or ".".join(loc),
                "in": loc[0] if loc else None,
                "message": err.get("msg"),
                "type": err.get("type"),
            }
        )
    return details


def build_app(title: str, *routers: Router) -> APIGatewayRestResolver:
    """A function's resolver: its resources' routers, the JSON error answers and the OpenAPI route."""
    # The strict deserializer turns JSON that would crash a parser or a write into a 400.
    app = APIGatewayRestResolver(enable_validation=True, json_body_deserializer=request_body.parse_json)
    app.configure_openapi(title=title, version="1.0.0")
    for router in routers:
        app.include_router(router)

    @app.exception_handler(DomainError)
    def _domain_error(exc: DomainError) -> Response[Any]:
        logger.info(
            "request refused", extra={"code": exc.code, "status": exc.http_status, "path": app.current_event.path}
        )
        return error_response(exc.http_status, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    def _invalid_request(exc: RequestValidationError) -> Response[Any]:
        details = _validation_details(exc)
        # Where and what kind only: field names can quote the request body, which never goes to logs.
        logged = [{"in": d["in"], "type": d["type"]} for d in details]
        logger.info("invalid request", extra={"path": app.current_event.path, "errors": logged})
        return error_response(400, "invalid_input", "the request is not valid", details)

    @app.exception_handler(Exception)
    def _unexpected(exc: Exception) -> Response[Any]:
        logger.exception("unexpected error", extra={"path": app.current_event.path})
        return error_response(500, "internal_error", "an unexpected error occurred; it has been logged")

    @app.not_found
    def _no_route(exc: Exception) -> Response[Any]:
        return error_response(404, "route_not_found", "no such route")

    @app.get(OPENAPI_PATH, include_in_schema=False)
    def _openapi() -> Response[Any]:
        return Response(
            status_code=200,
            content_type=content_types.APPLICATION_JSON,
            body=openapi.document_json(),  # every API's routes, not only this function's
        )

    return app


def _header(headers: Mapping[str, Any] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value  # type: ignore[no-any-return]
    return None


def body_text(routes: Router | APIGatewayRestResolver) -> str:
    event = routes.current_event
    return request_body.decoded_text(event.body or "", bool(event.is_base64_encoded))


def handle_api(
    app: APIGatewayRestResolver,
    event: dict[str, Any],
    context: Any,
    *,
    large_body_paths: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Authenticate the caller (every route but the OpenAPI document), check the body, then route.

    `large_body_paths` are the upload routes (CSV): a larger body, and not JSON.
    """
    path = event.get("path") or ""
    resource = event.get("resource") or path
    body = event.get("body") or ""
    limit = MAX_BODY if resource in large_body_paths else MAX_JSON_BODY
    try:
        if len(body) > (limit * 4 // 3 + 4 if event.get("isBase64Encoded") else limit):
            raise PayloadTooLarge(f"the body is larger than {limit} bytes")
        if path != OPENAPI_PATH:
            principal = accounts.authenticate(_header(event.get("headers"), "authorization"))
            app.append_context(principal=principal)
        request_body.check_body(event, large_body_paths)
    except DomainError as exc:
        logger.info("request refused", extra={"code": exc.code, "status": exc.http_status, "path": path})
        return _proxy_error(exc.http_status, exc)
    except StorageFault:  # a database fault while authenticating is still answered as JSON
        logger.exception("unexpected error", extra={"path": path})
        return _proxy_error(500, DomainError("an unexpected error occurred; it has been logged", code="internal_error"))
    return app.resolve(event, context)


def principal_of(routes: Router | APIGatewayRestResolver) -> Principal:
    """The caller handle_api authenticated; a router reads its resolver's context once included."""
    principal = routes.context.get("principal")
    if principal is None:  # handle_api always sets it; a missing one is a wiring bug
        raise Unauthorized("not authenticated")
    return principal  # type: ignore[no-any-return]


def path_value(raw: str) -> str:
    """A path parameter, percent-decoded (a number's `+` is sent as `%2B`)."""
    return unquote(raw)


__all__ = ["NotFound", "body_text", "build_app", "error_response", "handle_api", "path_value", "principal_of"]
