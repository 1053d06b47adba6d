"""How long a lookup's answer stays good, and its cache record (repository/lookup_cache.py). Pure.

- A line type: 30 days (numbers are ported between mobile and fixed lines rarely).
- A reassigned "no" (and a "no_data"): 24 hours. Twilio gives a "no" as a safe harbor for messages
  sent within 24 hours of the query, so an older "no" proves nothing and is asked again.
- A reassigned "yes": kept. A number disconnected after the consent date stays so for that date;
  a later "no" for the same date does not replace it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from optout.lookups.ports import LINE_TYPES, REASSIGNED_ANSWERS, LineTypeAnswer, ReassignedAnswer

LINE_TYPE_GOOD_FOR = timedelta(days=30)
SAFE_HARBOR = timedelta(hours=24)


def good_until(answer: ReassignedAnswer | LineTypeAnswer) -> datetime | None:
    """When the answer must be asked again; None: never (a "yes")."""
    if isinstance(answer, LineTypeAnswer):
        return answer.checked_at + LINE_TYPE_GOOD_FOR
    return None if answer.answer == "yes" else answer.checked_at + SAFE_HARBOR


def is_fresh(answer: ReassignedAnswer | LineTypeAnswer, now: datetime) -> bool:
    until = good_until(answer)
    return until is None or now < until


def may_replace(new: ReassignedAnswer, old: ReassignedAnswer | None) -> bool:
    """Whether `new` may take the cached place of `old` for the same number and date."""
    return old is None or old.answer != "yes" or new.answer == "yes"


def _expiry(answer: ReassignedAnswer | LineTypeAnswer) -> dict[str, Any]:
    until = good_until(answer)
    return {} if until is None else {"expires_at": int(until.timestamp()) + 1}


def reassigned_record(answer: ReassignedAnswer, *, evidence: bool = False) -> dict[str, Any]:
    """The cached attributes; `evidence`: the "yes" is already kept on the contact."""
    record = {
        "answer": answer.answer,
        "asked_date": answer.asked_date.isoformat(),
        "source": answer.source,
        "checked_at": answer.checked_at,
        "raw": dict(answer.raw),
        **_expiry(answer),
    }
    if evidence:
        record["evidence"] = True
    return record


def line_type_record(answer: LineTypeAnswer) -> dict[str, Any]:
    record = {"line_type": answer.line_type, "source": answer.source, "checked_at": answer.checked_at}
    if answer.carrier:
        record["carrier"] = answer.carrier
    return {**record, **_expiry(answer)}


def reassigned_from(phone: str, record: Mapping[str, Any]) -> ReassignedAnswer | None:
    """The cached answer, or None for a record that does not read (asked again, as if absent)."""
    try:
        answer = ReassignedAnswer(
            phone,
            date.fromisoformat(str(record["asked_date"])),
            str(record["answer"]),
            str(record["source"]),
            datetime.fromisoformat(str(record["checked_at"])),
            dict(record.get("raw") or {}),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return answer if answer.answer in REASSIGNED_ANSWERS else None


def line_type_from(phone: str, record: Mapping[str, Any]) -> LineTypeAnswer | None:
    try:
        answer = LineTypeAnswer(
            phone,
            str(record["line_type"]),
            str(record["source"]),
            datetime.fromisoformat(str(record["checked_at"])),
            record.get("carrier"),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return answer if answer.line_type in LINE_TYPES else None
