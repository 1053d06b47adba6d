"""A contact's evidence export: every consent and revocation event with its evidence, in chain
order, the chain's status, and its head signed with the KMS key (docs/consent-topics.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from optout.errors import NotFound
from optout.models import Principal, utc_now
from optout.repository import consents as consent_store
from optout.repository import evidence as evidence_store
from optout.rules.evidence_chain import GENESIS, VerifyResult, head_statement
from optout.rules.evidence_check import ChainedEvent, check_chain, describe
from optout.services.contacts import workspace_phone


@dataclass(frozen=True, slots=True)
class Signature:
    algorithm: str
    key_id: str
    public_key: bytes  # DER SubjectPublicKeyInfo
    value: bytes
    statement: bytes  # exactly what was signed


@dataclass(frozen=True, slots=True)
class EvidenceExport:
    subject: str
    workspace_id: str
    phone: str
    exported_at: datetime
    head: str
    count: int
    result: VerifyResult
    status: str  # "verified: N events" or the first problem
    events: list[ChainedEvent]  # chain order, oldest first
    unchained: list[dict[str, Any]]  # written before the chain existed, by occurred_at
    disclosures: dict[str, dict[str, Any]]  # disclosure hash -> text and version
    signature: Signature


def chain_subject(workspace_id: str, phone: str) -> str:
    """Whose chain a signed head is (the statement names it, so a signature cannot move)."""
    return f"{workspace_id}/{phone}"


def _disclosure_hashes(contents: list[dict[str, Any]]) -> list[str]:
    found = []
    for content in contents:
        evidence = (content.get("topic_change") or {}).get("evidence") or {}
        if isinstance(evidence.get("disclosure_hash"), str):
            found.append(evidence["disclosure_hash"])
    return found


def _sign(subject: str, head: str, count: int) -> Signature:
    signer = evidence_store.KmsHeadSigner()
    statement = head_statement(subject, head, count)
    value = signer.sign(statement)
    public_key, key_id = signer.public_key()
    return Signature(signer.algorithm, key_id, public_key, value, statement)


def export_evidence(principal: Principal, raw_phone: str) -> EvidenceExport:
    """Any key of the workspace may read it; a number the workspace has no record of is 404."""
    phone = workspace_phone(principal, raw_phone)
    stored = evidence_store.read_chain(principal.workspace_id, phone)
    if not stored.exists and not stored.events:
        raise NotFound("contact not found", code="contact_not_found", details={"phone": phone})
    chained = sorted((e for e in stored.events if e.chain_hash is not None), key=lambda e: e.chain_seq or 0)
    events = [ChainedEvent(e.content, e.chain_prev or "", e.chain_hash or "", e.chain_seq) for e in chained]
    unchained = [e.content for e in stored.events if e.chain_hash is None]
    head, count = stored.head or GENESIS, stored.length
    result = check_chain(events, head)
    hashes = _disclosure_hashes([e.content for e in stored.events])
    disclosures = {
        h: {"text": d.text, "version": d.version}
        for h, d in consent_store.get_disclosures(principal.workspace_id, hashes).items()
    }
    subject = chain_subject(principal.workspace_id, phone)
    return EvidenceExport(
        subject=subject,
        workspace_id=principal.workspace_id,
        phone=phone,
        exported_at=utc_now(),
        head=head,
        count=count,
        result=result,
        status=describe(result, events),
        events=events,
        unchained=unchained,
        disclosures=disclosures,
        signature=_sign(subject, head, count),
    )


