"""Helpers shared by every provider adapter: field access, timestamps, numbers, broadcast ids.

Field access helpers turn missing or mistyped fields into :class:`PayloadError` so that no
``KeyError``/``TypeError`` escapes from parsing code.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from .carrier_errors import PayloadError
from .request import WebhookRequest

Now = datetime | float | int | None
"""Injectable clock: an aware datetime, Unix seconds, or None for the real clock."""

# Query parameters our own callback URLs may carry to tie a status callback to a broadcast.
BROADCAST_QUERY_PARAMS = ("broadcast_id", "campaign_id")
# Prefix used inside provider tag/reference fields (Telnyx tags, Bandwidth tag, Vonage
# client_ref): providers echo these back verbatim, and a prefix keeps other tags unambiguous.
BROADCAST_TAG_PREFIXES = ("broadcast_id:", "campaign_id:")


def broadcast_tag(broadcast_id: str) -> str:
    """The tag/reference value the sending side should attach so callbacks carry the id."""
    return f"{BROADCAST_TAG_PREFIXES[0]}{broadcast_id}"


def constant_time_equal(left: str | bytes, right: str | bytes) -> bool:
    """Timing-safe comparison for secrets and signatures (str compared as UTF-8)."""
    a = left.encode("utf-8") if isinstance(left, str) else left
    b = right.encode("utf-8") if isinstance(right, str) else right
    return hmac.compare_digest(a, b)


def epoch_seconds(now: Now = None) -> float:
    if now is None:
        return time.time()
    if isinstance(now, datetime):
        return _as_utc(now).timestamp()
    return float(now)


def utc_now(now: Now = None) -> datetime:
    return datetime.fromtimestamp(epoch_seconds(now), tz=UTC)


def _as_utc(value: datetime) -> datetime:
    # Naive timestamps from carriers are documented as UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Timestamps are metadata: a malformed one yields None instead of rejecting the message, so an
# odd timestamp can never make us drop a STOP.


def parse_iso8601(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return _as_utc(datetime.fromisoformat(text))
    except ValueError:
        return None


def parse_format(value: Any, fmt: str) -> datetime | None:
    """Parse a naive UTC timestamp with ``strptime`` format ``fmt``."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.strptime(value.strip(), fmt).replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_epoch_millis(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


# --- field access -------------------------------------------------------------------------


def as_mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        raise PayloadError(f"missing {where}")
    if not isinstance(value, Mapping):
        raise PayloadError(f"{where} must be an object, got {type(value).__name__}")
    return value


def as_list(value: Any, where: str) -> Sequence[Any]:
    if value is None:
        raise PayloadError(f"missing {where}")
    if not isinstance(value, list | tuple):
        raise PayloadError(f"{where} must be an array, got {type(value).__name__}")
    return value


def _scalar_text(value: Any, where: str) -> str:
    # Some carriers send numeric ids/codes as JSON numbers; accept them as text.
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise PayloadError(f"{where} must be a string, got {type(value).__name__}")


def require_str(data: Mapping[str, Any], key: str, where: str, *, allow_empty: bool = False) -> str:
    """A required text field; missing, null, wrong type or (unless allowed) empty → PayloadError."""
    if key not in data or data[key] is None:
        raise PayloadError(f"missing field {where}.{key}")
    text = _scalar_text(data[key], f"{where}.{key}")
    if not allow_empty and not text.strip():
        raise PayloadError(f"empty field {where}.{key}")
    return text


def optional_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    """An optional text field; absent, null or blank → None; wrong type → PayloadError."""
    value = data.get(key)
    if value is None:
        return None
    text = _scalar_text(value, f"{where}.{key}")
    return text if text.strip() else None


def unique_values(pairs: Iterable[tuple[str, str]], where: str) -> dict[str, str]:
    """Form pairs as ``{name: value}``, refusing a repeated name.

    Carriers never repeat a field, and Twilio's signature covers every value of a repeated one,
    so a repeat would let a signed body carry a second, unsigned-looking value we might read.
    """
    result: dict[str, str] = {}
    for key, value in pairs:
        if key in result:
            raise PayloadError(f"{where} repeats the field {key!r}")
        result[key] = value
    return result


def normalise_number(value: str) -> str:
    """Best-effort E.164: Vonage sends ``447700900000`` without ``+``.

    Only digit strings long enough to be an international number get a ``+``; short codes and
    alphanumeric sender ids (``AcmeInc``) are returned unchanged.
    """
    text = value.strip()
    if text.isdigit() and len(text) >= 8:
        return "+" + text
    return text


# --- broadcast ids ------------------------------------------------------------------------


def broadcast_id_from_request(request: WebhookRequest | None) -> str | None:
    """``broadcast_id`` / ``campaign_id`` query parameter on the callback URL, if any."""
    if request is None:
        return None
    for name in BROADCAST_QUERY_PARAMS:
        value = request.query_value(name)
        if value:
            return value
    return None


def broadcast_id_from_tags(tags: Any) -> str | None:
    """Broadcast id from a provider tag field: one string, or a list of strings.

    Only values written by :func:`broadcast_tag` (``broadcast_id:<id>``) are recognised, so an
    unrelated tag such as Telnyx's ``"Greetings"`` is never mistaken for a broadcast id.
    """
    values = [tags] if isinstance(tags, str) else tags if isinstance(tags, list | tuple) else []
    for value in values:
        if not isinstance(value, str):
            continue
        for prefix in BROADCAST_TAG_PREFIXES:
            if value.startswith(prefix) and value[len(prefix) :].strip():
                return value[len(prefix) :].strip()
    return None


def broadcast_id_from_context(context: Any) -> str | None:
    """Broadcast id from a key/value context map (AWS ``context``/``MessageTags``)."""
    if isinstance(context, Mapping):
        for name in BROADCAST_QUERY_PARAMS:
            value = context.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def first_present(*values: str | None) -> str | None:
    return next((v for v in values if v), None)
