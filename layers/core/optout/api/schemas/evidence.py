"""The evidence export's JSON: each event's stored content (what is hashed) with a readable
summary of its evidence, the chain fields, the head, and the head's signature with the public key,
so `python -m optout evidence verify` can check a saved copy offline."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import Field

from optout.models import DeferredModel
from optout.rules.evidence_chain import CHAIN_VERSION

if TYPE_CHECKING:
    from optout.rules.evidence_check import ChainedEvent
    from optout.services.evidence import EvidenceExport


class ChainFieldsOut(DeferredModel):
    prev: str = Field(description="Chain hash of the event before it in write order (64 zeros for the first)")
    hash: str = Field(description="SHA-256 of prev followed by the SHA-256 of the canonical content")
    seq: int | None = Field(default=None, description="Its place in the chain, from 1")


class EvidenceSummaryOut(DeferredModel):
    """What a reader looks for; `content` is the record itself."""

    kind: str = Field(description="opt_out, opt_in, block, topic consent kind ...")
    at: str | None = Field(default=None, description="When the person acted or the change was made (UTC)")
    initiated_by: dict[str, Any] | None = None
    reason: str | None = None
    note: str | None = None
    message: dict[str, Any] | None = Field(default=None, description="The triggering message, for keyword and intent changes")
    disclosure: dict[str, Any] | None = Field(default=None, description="The consent language shown, for topic consents")
    proof: dict[str, Any] | None = None
    revoke_all_required: bool | None = Field(
        default=None, description="Revoking every topic was the FCC rule's duty (true) or a stricter choice (false)"
    )
    revoke_all_effective: str | None = Field(default=None, description="The revoke-all date it was compared with")


class EvidenceEventOut(DeferredModel):
    event_id: str | None
    summary: EvidenceSummaryOut
    content: dict[str, Any] = Field(description="The event as stored: exactly what is hashed")
    chain: ChainFieldsOut | None = Field(default=None, description="Null for events written before the chain")


class SignatureOut(DeferredModel):
    algorithm: str = Field(description="KMS signing algorithm, e.g. ECDSA_SHA_256 (DER-encoded ECDSA signature)")
    key_id: str
    public_key: str = Field(description="The key's public half, DER SubjectPublicKeyInfo, base64")
    statement: str = Field(description="The signed bytes (canonical JSON of scheme, subject, count, head)")
    value: str = Field(description="The signature, base64")


class ChainOut(DeferredModel):
    scheme: str = CHAIN_VERSION
    head: str
    count: int
    status: str = Field(description="'verified: N events' or the first problem found")
    verified: bool


class EvidenceOut(DeferredModel):
    subject: str = Field(description="Whose chain: workspace/phone")
    workspace_id: str
    phone: str
    exported_at: datetime
    chain: ChainOut
    signature: SignatureOut
    events: list[EvidenceEventOut] = Field(description="Chained events, oldest first in write order")
    unchained: list[EvidenceEventOut] = Field(
        description="Events written before the chain existed: they precede it and no hash covers them"
    )

    @classmethod
    def of(cls, export: EvidenceExport) -> EvidenceOut:
        sig = export.signature
        return cls(
            subject=export.subject,
            workspace_id=export.workspace_id,
            phone=export.phone,
            exported_at=export.exported_at,
            chain=ChainOut(head=export.head, count=export.count, status=export.status, verified=export.result.ok),
            signature=SignatureOut(
                algorithm=sig.algorithm,
                key_id=sig.key_id,
                public_key=base64.b64encode(sig.public_key).decode("ascii"),
                statement=sig.statement.decode("utf-8"),
                value=base64.b64encode(sig.value).decode("ascii"),
            ),
            events=[_event(e.content, export.disclosures, e) for e in export.events],
            unchained=[_event(content, export.disclosures, None) for content in export.unchained],
        )


def _kind(content: Mapping[str, Any]) -> str:
    change = content.get("topic_change") or {}
    if change.get("kind"):
        return f"topics:{change['kind']}"
    return {"opted_out": "opt_out", "active": "opt_in", "blocked": "block"}.get(str(content.get("status")), "change")


def _event(content: Mapping[str, Any], disclosures: dict[str, dict[str, Any]], chained: ChainedEvent | None) -> EvidenceEventOut:
    change = content.get("topic_change") or {}
    proof = change.get("evidence") or None
    disclosure = None
    if proof and proof.get("disclosure_hash"):
        found = disclosures.get(proof["disclosure_hash"], {})
        disclosure = {"hash": proof["disclosure_hash"], "version": proof.get("disclosure_version"), "text": found.get("text")}
    message = None
    if content.get("message_text") is not None or content.get("message_id") is not None:
        message = {"id": content.get("message_id"), "text": content.get("message_text"), "inbox": content.get("inbox")}
    summary = EvidenceSummaryOut(
        kind=_kind(content),
        at=change.get("at") or content.get("occurred_at"),
        initiated_by=content.get("initiator"),
        reason=content.get("reason"),
        note=content.get("note"),
        message=message,
        disclosure=disclosure,
        proof=proof,
        revoke_all_required=content.get("revoke_all_required"),
        revoke_all_effective=content.get("revoke_all_effective"),
    )
    chain = ChainFieldsOut(prev=chained.chain_prev, hash=chained.chain_hash, seq=chained.chain_seq) if chained else None
    event_id = content.get("event_id")
    return EvidenceEventOut(
        event_id=event_id if isinstance(event_id, str) else None, summary=summary, content=dict(content), chain=chain
    )
