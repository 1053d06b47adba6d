"""API Gateway's proxy translation: an HTTP request to the REST (payload v1) proxy event a handler
receives, and the handler's proxy response back to an HTTP status, headers and body.

Where this differs from API Gateway, on purpose: a body that is not valid UTF-8 reaches the handler
base64-encoded (API Gateway decides by its binary media types instead).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from local_stack import lambdas
from local_stack.routing import Resolution, normalize_path

_HOP_BY_HOP = frozenset({
    "connection", "content-length", "keep-alive", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade",
})


# --- request -> event ---------------------------------------------------------------------------


def parse_query(query: str) -> dict[str, list[str]]:
    """Query string to API Gateway's multi-value form, in order; `+` is a space, as there."""
    multi: dict[str, list[str]] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        multi.setdefault(key, []).append(value)
    return multi


def encode_body(body: bytes) -> tuple[str | None, bool]:
    """The event's (body, isBase64Encoded): text when it is UTF-8, base64 otherwise."""
    if not body:
        return None, False
    try:
        return body.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(body).decode("ascii"), True


def build_event(
    *,
    method: str,
    target: str,
    resolution: Resolution,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """The REST API (payload v1) proxy event for one request to a resolved route.

    `target` is the request target as sent (`/v1/contacts/%2B1555...?status=active`). Repeated
    headers keep every value in `multiValueHeaders` and the last in `headers`; the same goes for
    query-string keys.
    """
    assert resolution.route is not None and resolution.resource is not None
    raw_path, _, query = target.split("#", 1)[0].partition("?")
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in headers:
        single[name] = value
        multi.setdefault(name, []).append(value)
    text, is_base64 = encode_body(body)
    event = lambdas.api_gateway_event(
        method=method,
        resource=resolution.resource,
        path=normalize_path(raw_path),
        path_parameters=resolution.params,
        headers=single,
        query=parse_query(query),
        body=text,
        is_base64=is_base64,
        source_ip=source_ip,
    )
    if multi:
        event["multiValueHeaders"] = multi
    return event


# --- proxy response -> HTTP ---------------------------------------------------------------------


class MalformedResponse(ValueError):
    """The handler returned something API Gateway would refuse (it answers 502)."""


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def proxy_to_http(response: Any) -> HttpResponse:
    """Turn a Lambda proxy response into status, headers and body bytes.

    `headers` and `multiValueHeaders` are merged as API Gateway merges them: every value of
    `multiValueHeaders`, plus each `headers` value that is not already among them.
    """
    if not isinstance(response, Mapping):
        kind = type(response).__name__
        raise MalformedResponse(f"the handler returned {kind}, not a proxy response")
    status = _status(response)  # status first, then headers, then body
    merged = _merged_headers(response)
    body = _body(response)
    headers = [
        (name, value) for lower, (name, values) in merged.items() if lower not in _HOP_BY_HOP
        for value in values
    ]
    return HttpResponse(status, headers, body)


def _status(response: Mapping[str, Any]) -> int:
    status = response.get("statusCode")
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise MalformedResponse(f"statusCode {status!r} is not an HTTP status")
    return status


def _merged_headers(response: Mapping[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """Lower-case name -> (name as given, every value)."""
    merged: dict[str, tuple[str, list[str]]] = {}
    for name, values in (response.get("multiValueHeaders") or {}).items():
        if not isinstance(values, list):
            raise MalformedResponse(f"multiValueHeaders[{name!r}] is not a list")
        merged.setdefault(name.lower(), (name, []))[1].extend(str(v) for v in values)
    for name, value in (response.get("headers") or {}).items():
        entry = merged.setdefault(name.lower(), (name, []))
        if str(value) not in entry[1]:
            entry[1].append(str(value))
    return merged


def _body(response: Mapping[str, Any]) -> bytes:
    body = response.get("body")
    if body is None:
        return b""
    if not isinstance(body, str):
        raise MalformedResponse(f"body is {type(body).__name__}, not a string")
    if not response.get("isBase64Encoded"):
        return body.encode("utf-8")
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise MalformedResponse("isBase64Encoded is set but body is not base64") from None


__all__ = [
    "HttpResponse", "MalformedResponse", "build_event", "encode_body", "parse_query", "proxy_to_http",
]
