"""Build the whole API's OpenAPI document from the code, and keep the committed copy equal to it.

    python -m local_stack.openapi_drift --write   # `make openapi`: rewrite the committed document
    python -m local_stack.openapi_drift --check   # `make lint`: fail when the code and the document differ

Every API function's Powertools resolver describes its own routes (with the `responses=` each
route declares); the carrier webhooks come from local_stack/openapi_webhooks.py. The result must
document exactly the routes template.yaml declares, no more and no fewer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from local_stack import lambdas, template
from local_stack.environment import use_offline_aws

TITLE = "Opt-out service API"
VERSION = "1.0.0"
OPENAPI_PATH = "/v1/openapi.json"
WEBHOOK_PREFIX = "/webhooks/"
# Functions behind API routes that are not the API: the console's static files (HTML, not JSON).
NOT_API = frozenset({"ConsoleFunction"})
ERROR_REF = "#/components/schemas/ErrorResponse"
# Powertools documents its own 422 shape; this API answers invalid input 400 with ErrorResponse.
POWERTOOLS_ONLY = ("HTTPValidationError", "ValidationError", "ResponseValidationError")
BEARER = {"type": "http", "scheme": "bearer", "description": "An API key (`oo_...`); admin or member role."}


def _resolver_parts() -> list[dict[str, Any]]:
    """Each API function's own document, from its resolver (the function's `app`)."""
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver

    parts = []
    for spec in sorted({r.function.logical_id: r.function for r in template.api_routes()}.values(),
                       key=lambda s: s.logical_id):
        app = getattr(lambdas.load_module(spec), "app", None)
        if isinstance(app, APIGatewayRestResolver):
            schema = app.get_openapi_schema(title=TITLE, version=VERSION)
            parts.append(schema.model_dump(mode="json", by_alias=True, exclude_none=True))
    return parts


def _merge(parts: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for part in parts:
        for path, operations in part.get("paths", {}).items():
            for method, op in operations.items():
                if method in paths.setdefault(path, {}):
                    raise SystemExit(f"two functions document {method.upper()} {path}")
                if "HTTPValidationError" in json.dumps(op.get("responses", {}).get("422")):
                    op["responses"].pop("422")  # Powertools' own; a route's declared 422 stays
                paths[path][method] = op
        for name, schema in part.get("components", {}).get("schemas", {}).items():
            if name in schemas and schemas[name] != schema:
                raise SystemExit(f"two functions define the schema {name} differently")
            schemas[name] = schema
    return paths, schemas


def _referenced(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            _referenced(value, found)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, found)
    return found


def _used_schemas(paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    """Only the schemas the operations reach (directly or through other schemas)."""
    used = _referenced(paths, set())
    pending = list(used)
    while pending:
        for name in _referenced(schemas.get(pending.pop()), set()) - used:
            used.add(name)
            pending.append(name)
    return {name: schemas[name] for name in sorted(used) if name not in POWERTOOLS_ONLY}


def _webhook_paths() -> dict[str, Any]:
    from local_stack.openapi_webhooks import operation

    paths: dict[str, Any] = {}
    for route in template.api_routes():
        if route.path.startswith(WEBHOOK_PREFIX):
            _, provider, kind = route.path.strip("/").split("/")
            paths.setdefault(route.path, {})[route.method.lower()] = operation(provider, kind)
    return paths


def _document_operation() -> dict[str, Any]:
    return {
        "summary": "This document: every route of every API",
        "operationId": "openapi_document",
        "security": [],
        "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {
            "type": "object"}}}}},
    }


def _check_routes(paths: dict[str, Any]) -> None:
    documented = {(path, method.upper()) for path, ops in paths.items() for method in ops}
    declared = {(r.path, r.method) for r in template.api_routes() if r.function.logical_id not in NOT_API}
    if documented != declared:
        raise SystemExit(
            "the document and template.yaml disagree: only documented "
            f"{sorted(documented - declared)}, only in template.yaml {sorted(declared - documented)}"
        )


def build() -> dict[str, Any]:
    """The whole document, from the code as it is now."""
    from optout.api.openapi import ErrorResponse

    paths, schemas = _merge(_resolver_parts())
    paths.update(_webhook_paths())
    paths[OPENAPI_PATH] = {"get": _document_operation()}
    _check_routes(paths)
    error = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error.pop("$defs", {}), ErrorResponse=error)  # the webhooks answer it too
    return {
        "openapi": "3.1.0",
        "info": {"title": TITLE, "version": VERSION,
                 "description": 'Errors are `{"error": {"code", "message", "details"}}`.'},
        "paths": {path: paths[path] for path in sorted(paths)},
        "components": {"schemas": _used_schemas(paths, schemas), "securitySchemes": {"bearer": BEARER}},
        "security": [{"bearer": []}],
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local_stack.openapi_drift", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the committed document")
    mode.add_argument("--check", action="store_true", help="exit 1 when the committed document is stale")
    args = parser.parse_args(argv)
    use_offline_aws()  # importing a function never reaches AWS
    for name, value in template.local_environment().items():
        os.environ.setdefault(name, value)
    lambdas.use_layer()
    from optout.api.openapi import DOCUMENT_PATH

    text = render(build())
    shown = DOCUMENT_PATH.relative_to(template.ROOT)
    if args.write:
        DOCUMENT_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {shown}")
        return 0
    current = DOCUMENT_PATH.read_text(encoding="utf-8") if DOCUMENT_PATH.exists() else ""
    if current != text:
        print(f"{shown} does not match the code; run `make openapi` and commit it", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
