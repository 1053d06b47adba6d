"""The revocations report: the opt-outs received in a range, each with its deadline (`honour_by`,
10 business days under FCC 24-24 and CASL) and whether the number is still suppressed.

The rows are opt-out events, from the opt-out report's index (the same pages and cursors as
`GET /v1/reports/opt-outs`), merged in time with topic revocations (a topic keyword such as STOP
PROMO, which changes no status and has index partitions of its own); one BatchGetItem per 100
numbers of a page reads whether each number, or each topic, is still suppressed. An event written
before deadlines were stored gets its deadline computed from its receipt by the same rule.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from optout import repository
from optout.models import SUPPRESSED, ConsentEvent, ContactStatus, InitiatorType, Reason, iso
from optout.rules.business_days import honour_by
from optout.rules.topic_consent import TopicStatus
from optout.rules.topic_revocation import ALL_TOPICS

REVOKED = TopicStatus.REVOKED.value


class RevocationRow(BaseModel):
    model_config = ConfigDict(defer_build=True)

    phone: str
    reason: Reason
    initiator_type: InitiatorType
    inbox: str | None = None
    received_at: datetime
    honour_by: datetime
    still_suppressed: bool
    status: ContactStatus | None  # the contact's status now (None: its record is gone)
    event_id: str
    topics: list[str] | None = None  # the topics a topic keyword revoked; None: the whole contact

    @classmethod
    def of(cls, event: ConsentEvent, contact: dict[str, Any] | None) -> RevocationRow:
        status = ContactStatus(contact["status"]) if contact and contact.get("status") else None
        topics = event.topic_change.topics if not event.changes_status and event.topic_change else None
        return cls(
            phone=event.phone,
            reason=event.reason,
            initiator_type=event.initiator.type,
            inbox=event.inbox,
            received_at=event.occurred_at,
            honour_by=event.honour_by or honour_by(event.occurred_at),
            still_suppressed=status in SUPPRESSED or _topics_still_revoked(contact, topics),
            status=status,
            event_id=event.event_id,
            topics=topics,
        )


def _topics_still_revoked(contact: dict[str, Any] | None, topics: list[str] | None) -> bool:
    """Whether every topic a topic keyword revoked is still revoked on the contact item's map."""
    if not topics or not contact:
        return False
    held = contact.get("topics") or {}
    return all((held.get(topic) or held.get(ALL_TOPICS) or {}).get("status") == REVOKED for topic in topics)


@dataclass
class RevocationPage:
    rows: list[RevocationRow]
    next_cursor: str | None


def _scope(workspace_id: str, start: datetime, end: datetime) -> str:
    # A cursor of this report resumes this report only (not the opt-outs report of the same range).
    text = json.dumps(["revocations", workspace_id, iso(start), iso(end)])
    return format(zlib.crc32(text.encode()), "08x")


def revocation_report(
    workspace_id: str, start: datetime, end: datetime, *, limit: int, cursor: str | None = None
) -> RevocationPage:
    """One page of the revocations received in `[start, end)`, oldest first."""
    page = repository.read_report_page(
        workspace_id,
        (ContactStatus.OPTED_OUT.value, repository.TOPIC_REVOKED_REPORT),
        {},
        start,
        end,
        limit=limit,
        cursor=cursor,
        scope=_scope(workspace_id, start, end),
    )
    phones = sorted({event.phone for event in page.events})
    found = repository.batch_get_contacts(workspace_id, phones, projection=("pk", "status", "topics")) if phones else {}
    rows = [RevocationRow.of(event, found.get(event.phone)) for event in page.events]
    return RevocationPage(rows, page.next_cursor)
