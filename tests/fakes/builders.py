"""Records for the contract cases and the service tests on the fakes: one workspace's contacts,
events, keys, inboxes, failures and review items, at fixed times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from optout.models import (
    ApiKey,
    BroadcastFailure,
    ConsentEvent,
    Contact,
    ContactStatus,
    ContactWrite,
    Inbox,
    Initiator,
    InitiatorType,
    Reason,
    Role,
    Workspace,
)
from optout.review import ResolveAction, ReviewItem, ReviewResolution

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
WS, OTHER = "ws_contract", "ws_other"
PHONE = "+14155550100"
SYSTEM = Initiator(type=InitiatorType.SYSTEM)


def contact(phone: str = PHONE, *, ws: str = WS, status: ContactStatus = ContactStatus.ACTIVE, version: int = 0) -> Contact:
    return Contact(workspace_id=ws, phone=phone, status=status, created_at=T0, updated_at=T0, version=version)


def event(
    phone: str = PHONE, *, ws: str = WS, n: int = 1, reason: Reason = Reason.KEYWORD, status: ContactStatus = ContactStatus.OPTED_OUT
) -> ConsentEvent:
    return ConsentEvent(
        event_id=f"ev{n:04d}", workspace_id=ws, phone=phone, status=status, reason=reason, initiator=SYSTEM,
        occurred_at=T0 + timedelta(minutes=n),
    )


def opt_out(current: Contact, n: int = 1) -> ContactWrite:
    """A status change written with the version it was decided on."""
    changed = current.model_copy(update={"status": ContactStatus.OPTED_OUT, "version": current.version + 1})
    return ContactWrite(contact=changed, expected_version=current.version, event=event(current.phone, ws=current.workspace_id, n=n))


def new(phone: str = PHONE, **fields: Any) -> ContactWrite:
    return ContactWrite(contact=contact(phone, **fields), expected_version=None)


def marker(name: str) -> dict[str, Any]:
    return {"id": f"inbound#{WS}#+14155550199#twilio#{name}", "expiration": 2_000_000_000}


def workspace(ws: str = WS, version: int = 0) -> Workspace:
    return Workspace(id=ws, name=f"name {ws}", created_at=T0, version=version)


def api_key(n: int, ws: str = WS, role: Role = Role.ADMIN) -> ApiKey:
    return ApiKey(key_id=f"key_{n:02d}", workspace_id=ws, name=f"key {n}", role=role, key_hash=f"{n:064x}",
                  prefix="oo_abcde", created_at=T0)


def inbox(ws: str = WS, number: str = "+14155550199", provider: str = "twilio") -> Inbox:
    return Inbox(number=number, workspace_id=ws, provider=provider, secret_ref=f"optout/{ws}/s", created_at=T0)


def failure(phone: str, status: str = "failed", broadcast: str = "b1") -> BroadcastFailure:
    return BroadcastFailure(workspace_id=WS, broadcast_id=broadcast, phone=phone, message_id=f"m{phone}",
                            provider="twilio", inbox="+14155550199", status=status, failure_class="permanent",
                            failed_at=T0)


def review_item(n: int) -> ReviewItem:
    return ReviewItem(id=f"{n:032x}", workspace_id=WS, phone=PHONE, inbox="+14155550199", provider="twilio",
                      text=f"message {n}", received_at=T0 + timedelta(minutes=n), decision={"action": "review"})


def resolution() -> ReviewResolution:
    return ReviewResolution(action=ResolveAction.DISMISS, note="spoke to them", by=SYSTEM, at=T0, changed=False)
