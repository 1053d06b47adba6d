"""How a consent event is hashed into its contact's evidence chain (docs/consent-topics.md).

Content is hashed in one canonical form (`canonical_json`): sorted keys, no whitespace, UTF-8,
times as fixed-width UTC ISO strings (models.iso, as stored), and numbers by value, so that
1.0 and 1 (DynamoDB gives a stored float back as an int when it is whole) hash alike. An event's
chain hash is `link(previous_hash, content)`. Storage chains each event as it writes it and the
rules verify a chain, so this sits below both.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from optout.models import iso

GENESIS = "0" * 64  # the previous hash of a contact's first event
CHAIN_VERSION = "optout-evidence/v1"  # names the hashing scheme in a signed head
HASH_PATTERN = re.compile(r"[0-9a-f]{64}")


def _canonical(value: Any) -> Any:
    """The JSON value `value` is hashed as (raises TypeError or ValueError for what has none)."""
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("evidence keys must be strings")
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(_canonical(item) for item in value)  # a set has no order: sort it
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, Enum):  # before str: a StrEnum is hashed as its value
        return _scalar(value.value)
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("times in evidence must carry a time zone")
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return _number(value)
    raise TypeError(f"{type(value).__name__} has no canonical form")


def _number(value: int | float | Decimal) -> int | float:
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        raise ValueError("numbers in evidence must be finite")
    if value == int(value):
        return int(value)
    return float(value)  # a Decimal read back from DynamoDB was written from this float's repr


def canonical_json(content: Mapping[str, Any]) -> bytes:
    """An event's content as the bytes its hash is taken of."""
    text = json.dumps(_canonical(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def content_hash(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def chain_hash(previous_hash: str, own_hash: str) -> str:
    """The chain hash from the two hashes an event stores (both fixed-length hex, so no separator)."""
    for value in (previous_hash, own_hash):
        if not HASH_PATTERN.fullmatch(value):
            raise ValueError("hashes are 64 lowercase hex digits")
    return hashlib.sha256(f"{previous_hash}{own_hash}".encode("ascii")).hexdigest()


def link(previous_hash: str, content: Mapping[str, Any]) -> str:
    """The chain hash of an event with `content` that follows the event of `previous_hash`."""
    return chain_hash(previous_hash, content_hash(content))
