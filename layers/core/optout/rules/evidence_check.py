"""Checking stored or exported chained events: the one check behind the export's chain status and
`python -m optout evidence verify`.

An event as stored keeps its content, `chain_prev` and `chain_hash` (not its content hash), so an
event is *altered* when `link(chain_prev, content)` is not its `chain_hash`; the order, removals
and the head are then rules.evidence_chain.verify's. Pure: no storage, no keys, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from optout.rules.evidence_chain import ChainEntry, Problem, VerifyResult, content_hash, link, verify

_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class ChainedEvent:
    content: Mapping[str, Any]
    chain_prev: str
    chain_hash: str
    chain_seq: int | None = None

    @property
    def event_id(self) -> str | None:
        found = self.content.get("event_id")
        return found if isinstance(found, str) else None


def _altered(event: ChainedEvent) -> str | None:
    """Why the event's stored chain hash does not cover its content (None when it does)."""
    if not (isinstance(event.chain_prev, str) and _HASH.fullmatch(event.chain_prev)):
        return "its previous hash is malformed"
    if not (isinstance(event.chain_hash, str) and _HASH.fullmatch(event.chain_hash)):
        return "its chain hash is malformed"
    try:
        own = link(event.chain_prev, event.content)
    except (TypeError, ValueError):
        return "its content has no canonical form"
    return None if own == event.chain_hash else "its content does not match its stored chain hash"


def check_chain(events: Sequence[ChainedEvent], head: str | None = None) -> VerifyResult:
    """The first altered, removed or reordered event (in the order given, oldest first), or ok.
    With `head` (the signed head hash), events missing from the end or after it are found too."""
    for index, event in enumerate(events):
        why = _altered(event)
        if why is not None:
            return VerifyResult(event.chain_prev, len(events), Problem.ALTERED, index, event.event_id, why)
    entries = [ChainEntry(event.content, content_hash(event.content), event.chain_prev) for event in events]
    return verify(entries, head)


def describe(result: VerifyResult, events: Sequence[ChainedEvent]) -> str:
    """One line naming the problem: which event, where, and what is wrong."""
    if result.ok:
        return f"verified: {result.count} events"
    position = result.position if result.position is not None else len(events)
    where = f"event {result.event_id} (position {position + 1})" if result.event_id else "the end of the chain"
    gap = _missing_sequence(events, position) if result.problem is Problem.REMOVED else ""
    return f"{result.problem.value if result.problem else 'problem'}: {where}: {result.detail}{gap}"


def _missing_sequence(events: Sequence[ChainedEvent], position: int) -> str:
    """The chain positions absent before `position`, when the stored sequence numbers show them."""
    before = events[position - 1].chain_seq if 0 < position <= len(events) else 0
    after = events[position].chain_seq if position < len(events) else None
    if isinstance(before, int) and isinstance(after, int) and after - before > 1:
        return f" (chain position {before + 1} is missing)" if after - before == 2 else (
            f" (chain positions {before + 1} to {after - 1} are missing)"
        )
    return ""
