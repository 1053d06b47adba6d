"""The body of `POST /v1/sends`, table-driven: what a sent message may say, at the edges of its ranges."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from optout.api.schemas.sends import MAX_SENDS, SendIn, SendsIn


def _at(delta: timedelta) -> Callable[[], str]:
    """A time relative to when the case runs, not to when the cases were collected."""
    return lambda: (datetime.now(UTC) + delta).isoformat()


# (label, the message's fields, accepted)
CASES = [
    ("minimal", {"phone": "+14155550100", "message_id": "m"}, True),
    ("longest id", {"phone": "+14155550100", "message_id": "x" * 128}, True),
    ("id too long", {"phone": "+14155550100", "message_id": "x" * 129}, False),
    ("empty id", {"phone": "+14155550100", "message_id": ""}, False),
    ("empty phone", {"phone": "", "message_id": "m"}, False),
    ("4 minutes ahead", {"phone": "+1", "message_id": "m", "sent_at": _at(timedelta(minutes=4))}, True),
    ("6 minutes ahead", {"phone": "+1", "message_id": "m", "sent_at": _at(timedelta(minutes=6))}, False),
    ("23 hours 59 ago", {"phone": "+1", "message_id": "m", "sent_at": _at(-timedelta(hours=23, minutes=59))}, True),
    ("24 hours 1 ago", {"phone": "+1", "message_id": "m", "sent_at": _at(-timedelta(hours=24, minutes=1))}, False),
    ("another zone", {"phone": "+1", "message_id": "m", "sent_at": lambda: datetime.now(UTC).astimezone().isoformat()}, True),
    ("no zone", {"phone": "+1", "message_id": "m", "sent_at": "2026-12-01T10:00:00"}, False),
    ("epoch number", {"phone": "+1", "message_id": "m", "sent_at": 1764583200}, False),
    ("topic", {"phone": "+1", "message_id": "m", "topic": "promo-2"}, True),
    ("topic not a slug", {"phone": "+1", "message_id": "m", "topic": "Promo"}, False),
    ("unknown field", {"phone": "+1", "message_id": "m", "count": 2}, False),
]


@pytest.mark.parametrize(("label", "fields", "accepted"), CASES, ids=[c[0] for c in CASES])
def test_a_sent_message(label: str, fields: dict, accepted: bool) -> None:
    fields = {name: value() if callable(value) else value for name, value in fields.items()}
    if accepted:
        SendIn.model_validate(fields)
    else:
        with pytest.raises(ValidationError):
            SendIn.model_validate(fields)


@pytest.mark.parametrize(("count", "accepted"), [(0, False), (1, True), (MAX_SENDS, True), (MAX_SENDS + 1, False)])
def test_a_request_holds_1_to_100_messages(count: int, accepted: bool) -> None:
    body = {"sends": [{"phone": "+14155550100", "message_id": f"m-{i}"} for i in range(count)]}
    if accepted:
        assert len(SendsIn.model_validate(body).sends) == count
    else:
        with pytest.raises(ValidationError):
            SendsIn.model_validate(body)
