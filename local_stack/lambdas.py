"""Load the real handlers as Lambda would, and build the API Gateway events they receive."""

from __future__ import annotations

import importlib.util
import json
import sys
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

from local_stack.template import LAYER_PATH, LOCAL_ACCOUNT, FunctionSpec

Handler = Callable[[dict[str, Any], Any], Any]


def use_layer() -> None:
    """Put the core layer on the path, as Lambda does with /opt/python."""
    if str(LAYER_PATH) not in sys.path:
        sys.path.insert(0, str(LAYER_PATH))


_modules: dict[str, ModuleType] = {}


def load_module(spec: FunctionSpec) -> ModuleType:
    """Import a function's module once, under a unique name: every function's file is `app.py`."""
    if spec.logical_id in _modules:
        return _modules[spec.logical_id]
    use_layer()
    module_file, _, _ = spec.handler.rpartition(".")
    path = spec.code_uri / f"{module_file.replace('.', '/')}.py"
    name = f"lambda_{spec.logical_id}_{module_file.replace('.', '_')}"
    module_spec = importlib.util.spec_from_file_location(name, path)
    assert module_spec and module_spec.loader
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    module_spec.loader.exec_module(module)
    _modules[spec.logical_id] = module
    return module


def load_handler(spec: FunctionSpec) -> Handler:
    _, _, attribute = spec.handler.rpartition(".")
    return getattr(load_module(spec), attribute)  # type: ignore[no-any-return]


class LambdaContext:
    """The attributes of the Lambda context object that Powertools reads."""

    def __init__(self, function_name: str) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:{LOCAL_ACCOUNT}:function:{function_name}"
        self.memory_limit_in_mb = 512
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 29_000


def api_gateway_event(
    *,
    method: str,
    resource: str,
    path: str,
    path_parameters: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, list[str]] | None = None,
    body: str | None = None,
    is_base64: bool = False,
    stage: str = "prod",
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """The REST API (payload v1) proxy event API Gateway sends a Lambda."""
    headers = dict(headers or {})
    multi_query = {k: list(v) for k, v in (query or {}).items()}
    now = datetime.now(UTC)
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method.upper(),
        "headers": headers or None,
        "multiValueHeaders": {k: [v] for k, v in headers.items()} or None,
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": dict(path_parameters) if path_parameters else None,
        "stageVariables": None,
        "requestContext": {
            "accountId": LOCAL_ACCOUNT,
            "apiId": "local",
            "resourcePath": resource,
            "httpMethod": method.upper(),
            "path": f"/{stage}{path}",
            "stage": stage,
            "protocol": "HTTP/1.1",
            "requestId": str(uuid.uuid4()),
            "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "requestTimeEpoch": int(now.timestamp() * 1000),
            "identity": {"sourceIp": source_ip, "userAgent": headers.get("User-Agent")},
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }


def response_body(response: Mapping[str, Any]) -> Any:
    """Decode a proxy response's JSON body (tests use this)."""
    body = response.get("body") or ""
    return json.loads(body) if body else None
