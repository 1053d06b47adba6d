"""Provider-neutral view of one inbound HTTP webhook request.

Signature schemes need the exact bytes and URL the carrier used, so :class:`WebhookRequest`
keeps the raw body and the *public* URL (scheme, host, path and query string as configured at
the carrier), never a re-serialised form of them.
"""

from __future__ import annotations

import base64
import binascii
import json as _json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from .carrier_errors import PayloadError

# Carriers send a few dozen fields; the cap only stops a hostile body from costing much CPU.
_MAX_FORM_FIELDS = 1000


class Headers(Mapping[str, str]):
    """Immutable, case-insensitive header mapping.

    API Gateway REST events keep the sender's header case while HTTP APIs lower-case them, so
    every lookup ignores case. Repeated headers are joined with ", " (RFC 9110 5.3).
    """

    __slots__ = ("_items",)

    def __init__(self, source: Mapping[str, str] | None = None) -> None:
        items: dict[str, tuple[str, str]] = {}
        for name, value in (source or {}).items():
            key = name.lower()
            if key in items:
                value = f"{items[key][1]}, {value}"
            items[key] = (name, value)
        self._items = items

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return {k.lower(): v for k, v in self.items()} == {
            str(k).lower(): v for k, v in other.items()
        }

    def __hash__(self) -> int:
        return hash(frozenset((k, v) for k, (_, v) in self._items.items()))

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"


@dataclass(frozen=True)
class WebhookRequest:
    """One carrier webhook call.

    ``url`` must be the public URL the carrier called, including the query string exactly as
    configured at the carrier (Twilio signs it byte for byte).
    """

    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=Headers)
    body: bytes = b""

    def __post_init__(self) -> None:
        # Accept a plain dict for convenience but always store the case-insensitive view.
        if not isinstance(self.headers, Headers):
            object.__setattr__(self, "headers", Headers(self.headers))
        if isinstance(self.body, str):
            object.__setattr__(self, "body", self.body.encode("utf-8"))
        object.__setattr__(self, "method", self.method.upper())

    def header(self, name: str, default: str | None = None) -> str | None:
        """Case-insensitive header lookup."""
        return self.headers.get(name, default)

    @property
    def content_type(self) -> str:
        """Media type without parameters, lower-cased ("" when absent)."""
        return (self.header("content-type") or "").split(";", 1)[0].strip().lower()

    def text(self) -> str:
        """The body decoded as UTF-8 (every carrier here sends UTF-8)."""
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PayloadError("request body is not valid UTF-8") from exc

    def form(self) -> list[tuple[str, str]]:
        """``application/x-www-form-urlencoded`` body as ordered pairs, blank values KEPT.

        Twilio signs the blank parameters it sends (e.g. ``FromZip=``), so dropping them would
        break signature checks.
        """
        return _parse_pairs(self.text(), "form body")

    def query(self) -> list[tuple[str, str]]:
        """Query-string parameters of :attr:`url` as ordered pairs, blank values kept."""
        return _parse_pairs(urlsplit(self.url).query, "query string")

    def query_value(self, name: str) -> str | None:
        """First non-blank value of one query parameter, or None."""
        for key, value in self.query():
            if key == name and value:
                return value
        return None

    def json(self) -> Any:
        """The body parsed as JSON."""
        try:
            return _json.loads(self.text())
        except _json.JSONDecodeError as exc:
            raise PayloadError(f"request body is not valid JSON: {exc.msg}") from exc

    @classmethod
    def from_api_gateway(
        cls, event: Mapping[str, Any], *, public_url: str | None = None
    ) -> WebhookRequest:
        """Build a request from an API Gateway proxy event (REST v1 or HTTP API v2 payload).

        ``public_url`` should be the URL configured at the carrier *without* its query string
        (or with it, in which case it is used verbatim). Without it the URL is rebuilt from the
        event's domain and path, which is wrong behind custom domains with base-path mappings.
        Note: REST (v1) events only carry decoded query parameters, so the query string is
        re-encoded; keep callback query values URL-safe (e.g. ``?broadcast_id=b-123``) so the
        re-encoding is byte-identical to what the carrier signed.
        """
        context = event.get("requestContext") or {}
        method = str(event.get("httpMethod") or (context.get("http") or {}).get("method") or "POST")
        headers = _event_headers(event)
        query = _event_query(event)
        if public_url:
            url = public_url
            if query and not urlsplit(public_url).query:
                url = f"{public_url}?{query}"
        else:
            domain = context.get("domainName") or (Headers(headers).get("host") or "")
            path = context.get("path") or event.get("rawPath") or event.get("path") or "/"
            url = f"https://{domain}{path}" + (f"?{query}" if query else "")
        return cls(method=method, url=url, headers=Headers(headers), body=_event_body(event))


def _event_headers(event: Mapping[str, Any]) -> dict[str, str]:
    headers = {str(k): str(v) for k, v in (event.get("headers") or {}).items()}
    # v1 multi-value headers carry every repeat; prefer them when present.
    for name, values in (event.get("multiValueHeaders") or {}).items():
        if values:
            headers[str(name)] = ", ".join(str(v) for v in values)
    return headers


def _event_body(event: Mapping[str, Any]) -> bytes:
    raw_body = event.get("body") or ""
    if not event.get("isBase64Encoded"):
        return str(raw_body).encode("utf-8")
    try:
        return base64.b64decode(raw_body, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise PayloadError("isBase64Encoded body is not valid base64") from exc


def _event_query(event: Mapping[str, Any]) -> str:
    """The query string as sent (HTTP API v2), or re-encoded from REST v1's decoded parameters."""
    if "rawQueryString" in event:
        return str(event.get("rawQueryString") or "")
    multi = event.get("multiValueQueryStringParameters") or {}
    single = event.get("queryStringParameters") or {}
    pairs = [(k, v) for k, vs in multi.items() for v in vs] if multi else list(single.items())
    return urlencode(pairs)


def _parse_pairs(text: str, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=False,
            encoding="utf-8",
            errors="strict",
            max_num_fields=_MAX_FORM_FIELDS,
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise PayloadError(f"malformed {where}: {exc}") from exc
