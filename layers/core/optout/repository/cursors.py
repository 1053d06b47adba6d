"""Opaque page cursors: what a cursor holds is this layer's business, never a service's."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

from optout.errors import InvalidInput


def invalid_cursor() -> InvalidInput:
    return InvalidInput("cursor is not valid", code="invalid_cursor")


def encode_cursor(state: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()


class _CursorState(dict[str, Any]):
    """A decoded cursor: a field it lacks makes the cursor invalid (a 400), not a KeyError."""

    def __missing__(self, key: str) -> Any:
        raise invalid_cursor()


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        state = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise invalid_cursor() from None
    if not isinstance(state, dict) or not state:  # every cursor issued holds something
        raise invalid_cursor()
    return _CursorState(state)


def check_start_key(start_key: Any, key_names: frozenset[str], key_name: str, partition: str) -> None:
    """A cursor's DynamoDB key must be a whole key of this partition: every key attribute, each a
    string (all key attributes are). A partial or foreign key is refused rather than sent."""
    if not (
        isinstance(start_key, dict)
        and start_key.keys() == key_names
        and all(isinstance(v, dict) and v.keys() == {"S"} and isinstance(v["S"], str) for v in start_key.values())
        and start_key[key_name]["S"] == partition
    ):
        raise invalid_cursor()


def page_start(cursor: str | None, scope: Mapping[str, Any], *, key_required: bool = True) -> dict[str, Any] | None:
    """The start key a page cursor holds, or None for the first page. A cursor names what it was
    issued for (`scope`: workspace, broadcast, state...) and works for that only; its key must be
    a DynamoDB key (or, unless `key_required`, null)."""
    if not cursor:
        return None
    position = decode_cursor(cursor)
    start_key = position["k"]
    if any(position.get(name) != value for name, value in scope.items()):
        raise invalid_cursor()
    if not (isinstance(start_key, dict) or (start_key is None and not key_required)):
        raise invalid_cursor()
    return start_key


def next_page(last_key: dict[str, Any] | None, scope: Mapping[str, Any]) -> str | None:
    """The cursor of the page after one that ended at `last_key` (None: that was the last)."""
    return encode_cursor({**scope, "k": last_key}) if last_key else None
