"""Every authenticated route documents the refusals handle_api gives before routing (401 without a
key, 400, 413, 503), so a client and the schemathesis run know them. GET /v1/me once lacked them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DOCUMENT = Path(__file__).resolve().parents[2] / "layers" / "core" / "optout" / "api" / "openapi.json"
METHODS = ("get", "post", "put", "patch", "delete")
UNAUTHENTICATED = {"/v1/openapi.json"}


def _operations() -> list[tuple[str, str, dict]]:
    paths = json.loads(DOCUMENT.read_text())["paths"]
    return [
        (method, path, operation)
        for path, operations in paths.items()
        if path.startswith("/v1/") and path not in UNAUTHENTICATED
        for method, operation in operations.items()
        if method in METHODS
    ]


def test_the_document_has_the_api_routes() -> None:
    assert len(_operations()) > 25


@pytest.mark.parametrize(("method", "path", "operation"), _operations(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_authenticated_route_documents_the_common_refusals(method: str, path: str, operation: dict) -> None:
    documented = set(operation.get("responses", {}))
    assert {"400", "401", "413", "503"} <= documented, f"{method.upper()} {path} documents only {sorted(documented)}"
