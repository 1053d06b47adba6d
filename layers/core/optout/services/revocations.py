"""The revocations report: the opt-outs received in a range, each with its deadline (`honour_by`,
10 business days under FCC 24-24 and CASL) and whether the number is still suppressed.

Revocations are opt-out events, so the rows come from the opt-out report's index (the same pages
and cursors as `GET /v1/reports/opt-outs`); one BatchGetItem per 100 numbers of a page reads whether each
number is still suppressed. An event written before deadlines were stored gets its deadline
computed from its receipt by the same rule. A topic keyword (STOP PROMO) changes no status, so it
is in the contact's history and consents, not in the report indexes or this report.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from optout import repository
from optout.models import SUPPRESSED, ConsentEvent, ContactStatus, InitiatorType, Reason, iso
from optout.rules.business_days import honour_by


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

    @classmethod
    def of(cls, event: ConsentEvent, status: ContactStatus | None) -> RevocationRow:
        return cls(
            phone=event.phone,
            reason=event.reason,
            initiator_type=event.initiator.type,
            inbox=event.inbox,
            received_at=event.occurred_at,
            honour_by=event.honour_by or honour_by(event.occurred_at),
            still_suppressed=status in SUPPRESSED,
            status=status,
            event_id=event.event_id,
        )


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
        ContactStatus.OPTED_OUT.value,
        {},
        start,
        end,
        limit=limit,
        cursor=cursor,
        scope=_scope(workspace_id, start, end),
    )
    phones = sorted({event.phone for event in page.events})
    found = repository.batch_get_contacts(workspace_id, phones, projection=("pk", "status")) if phones else {}
    statuses = {phone: ContactStatus(item["status"]) for phone, item in found.items() if item.get("status")}
    rows = [RevocationRow.of(event, statuses.get(event.phone)) for event in page.events]
    return RevocationPage(rows, page.next_cursor)
