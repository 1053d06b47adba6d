"""Request bodies, checked before routing: media type, UTF-8, and JSON the service can store.

Everything refused here is the caller's to fix, so it is a 4xx with the JSON error shape, never
a 500 from a parser that crashed (deep nesting, huge integers, bad bytes) or a write that failed
later (NaN, numbers DynamoDB cannot hold).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from optout import storable
from optout.errors import InvalidInput, UnsupportedMediaType

JSON_MEDIA_TYPE = "application/json"
CSV_MEDIA_TYPES = frozenset({"text/csv", "application/csv", "text/plain"})
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _header(headers: Mapping[str, Any] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return str(value) if value is not None else None
    return None


def media_type(headers: Mapping[str, Any] | None) -> str:
    """`text/csv; charset=utf-8` -> `text/csv`; empty when no Content-Type was sent."""
    return (_header(headers, "content-type") or "").split(";")[0].strip().lower()


def csv_body(description: str) -> dict[str, Any]:
    """The OpenAPI request body of a route that reads its body as CSV text (require_csv)."""
    return {"required": True, "description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}


def require_csv(headers: Mapping[str, Any] | None) -> None:
    """The upload routes read CSV only (text/plain too: what some clients send for a file)."""
    if media_type(headers) not in CSV_MEDIA_TYPES:
        raise UnsupportedMediaType("send the CSV with Content-Type: text/csv")


def decoded_text(raw: str, is_base64: bool) -> str:
    """The body as text; refused unless it is UTF-8 (API Gateway base64-encodes binary bodies)."""
    try:
        if is_base64:
            return base64.b64decode(raw, validate=False).decode("utf-8")
        raw.encode("utf-8")  # a str body can still hold lone surrogates
    except (binascii.Error, ValueError):  # UnicodeError is a ValueError
        raise InvalidInput("the body is not valid UTF-8", code="invalid_encoding") from None
    return raw


def check_body(event: Mapping[str, Any], non_json_paths: frozenset[str]) -> None:
    """Refuse a body that is not UTF-8, and a body sent to a JSON route as another media type."""
    raw = event.get("body")
    if not raw:
        return
    decoded_text(raw, bool(event.get("isBase64Encoded")))
    resource = event.get("resource") or event.get("path") or ""
    if str(event.get("httpMethod", "")).upper() not in _BODY_METHODS or resource in non_json_paths:
        return
    kind = media_type(event.get("headers"))
    if kind and kind != JSON_MEDIA_TYPE:
        raise UnsupportedMediaType(f"send the body as {JSON_MEDIA_TYPE}", details={"content_type": kind[:100]})


def _no_constant(name: str) -> Any:
    raise InvalidInput(f"{name} is not a number this API accepts", details={"in": "body"})


def _bounded_int(text: str) -> int:
    # Checked before int(): Python refuses over 4,300 digits with a ValueError json does not wrap.
    if len(text.lstrip("-")) > storable.MAX_INT_DIGITS:
        raise InvalidInput(f"integers have at most {storable.MAX_INT_DIGITS} digits", details={"in": "body"})
    return int(text)


def parse_json(text: str) -> Any:
    """Every API function's JSON deserializer: standard JSON whose values DynamoDB can store."""
    try:
        document = json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int)
    except RecursionError:
        raise InvalidInput(f"the body nests deeper than {storable.MAX_DEPTH} levels", details={"in": "body"}) from None
    problem = storable.value_problem(document)
    if problem:
        raise InvalidInput(problem, details={"in": "body"})
    return document
