"""The evidence chain: a contact's consent events, hash-chained so that any edit shows.

Each event keeps the SHA-256 of its own content (`content_hash`) and the chain hash of the event
before it (`previous_hash`; the first event's is `GENESIS`). An event's chain hash is
`link(previous_hash, content)`, so the newest event's chain hash (the head) covers the whole
history; storage signs the head (with KMS) through a `HeadSigner`. How `verify` tells an altered
event from a removed or reordered one is in docs/consent-topics.md.

How content is hashed is in optout/chain_hashing.py, which storage uses to chain each event.

Pure: no storage, no keys, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from optout.chain_hashing import (  # the hashing scheme, re-exported: the rules verify with it
    CHAIN_VERSION,
    GENESIS,
    HASH_PATTERN,
    canonical_json,
    chain_hash,
    content_hash,
    link,
)

__all__ = [
    "CHAIN_VERSION",
    "GENESIS",
    "HASH_PATTERN",
    "ChainEntry",
    "HeadSigner",
    "Problem",
    "VerifyResult",
    "append",
    "build_chain",
    "canonical_json",
    "chain_hash",
    "content_hash",
    "head_signed",
    "head_statement",
    "link",
    "sign_head",
    "verify",
]


@dataclass(frozen=True, slots=True)
class ChainEntry:
    """One event as a chain stores it; its content carries its own `event_id`."""

    content: Mapping[str, Any]
    content_hash: str
    previous_hash: str

    @property
    def event_id(self) -> str | None:
        found = self.content.get("event_id")
        return found if isinstance(found, str) else None

    @property
    def chain_hash(self) -> str:
        return chain_hash(self.previous_hash, self.content_hash)


def append(previous_hash: str, content: Mapping[str, Any]) -> ChainEntry:
    """The entry of a new event after the event of `previous_hash` (`GENESIS` for the first)."""
    return ChainEntry(content, content_hash(content), previous_hash)


def build_chain(contents: Sequence[Mapping[str, Any]]) -> list[ChainEntry]:
    """A chain of events in the order given (oldest first)."""
    entries: list[ChainEntry] = []
    for content in contents:
        entries.append(append(entries[-1].chain_hash if entries else GENESIS, content))
    return entries


class Problem(StrEnum):
    ALTERED = "altered"  # the content no longer matches its own hash
    REORDERED = "reordered"  # it follows an event that is elsewhere in the list (or it was first)
    REMOVED = "removed"  # the event it follows is not in the list (or the signed head is not)
    ADDED = "added"  # it comes after the signed head: nothing vouches for it


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """What `verify` found: ok, or the first problem, at which position and event.

    `head_hash` is the chain hash of the last entry given (GENESIS for none): what was signed.
    """

    head_hash: str
    count: int
    problem: Problem | None = None
    position: int | None = None  # index in the list given; len(list) when events after it are gone
    event_id: str | None = None  # the event at `position` (None past the end)
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _problem_at(entries: Sequence[ChainEntry], index: int, expected: str, seen: dict[str, int]) -> Problem | None:
    entry = entries[index]
    if content_hash(entry.content) != entry.content_hash:
        return Problem.ALTERED
    if entry.previous_hash == expected:
        return None
    if entry.previous_hash == GENESIS or entry.previous_hash in seen:
        return Problem.REORDERED  # a first event moved down, or one following an event further up
    later = {other.chain_hash for other in entries[index + 1 :] if HASH_PATTERN.fullmatch(other.previous_hash)}
    return Problem.REORDERED if entry.previous_hash in later else Problem.REMOVED


_DETAILS = {
    Problem.ALTERED: "its content does not match its stored hash",
    Problem.REORDERED: "it follows another event of the list than the one before it (moved, or one was inserted before it)",
    Problem.REMOVED: "the event it follows is missing (removed, or rewritten with a new hash)",
}


def verify(entries: Sequence[ChainEntry], head: str | None = None) -> VerifyResult:
    """Check a chain (oldest first) and name its first altered, removed or reordered event.

    With `head` (the signed head hash), events removed from the end are found too.
    """
    expected = GENESIS
    seen: dict[str, int] = {}  # chain hashes of the entries before, as given
    for index, entry in enumerate(entries):
        if not (HASH_PATTERN.fullmatch(entry.content_hash) and HASH_PATTERN.fullmatch(entry.previous_hash)):
            return VerifyResult(
                expected, len(entries), Problem.ALTERED, index, entry.event_id, "a stored hash is malformed"
            )
        problem = _problem_at(entries, index, expected, seen)
        if problem is not None:
            return VerifyResult(expected, len(entries), problem, index, entry.event_id, _DETAILS[problem])
        expected = entry.chain_hash
        seen[expected] = index
    if head is not None and head != expected:
        return _head_problem(entries, head, expected, seen)
    return VerifyResult(expected, len(entries))


def _head_problem(entries: Sequence[ChainEntry], head: str, expected: str, seen: dict[str, int]) -> VerifyResult:
    if head == GENESIS or head in seen:  # signed when shorter: the events after it are unsigned
        position = seen.get(head, -1) + 1
        detail = "it comes after the signed head, so no signature covers it"
        return VerifyResult(expected, len(entries), Problem.ADDED, position, entries[position].event_id, detail)
    detail = "the signed head is not in the chain: events after the last were removed, or the chain was rewritten"
    return VerifyResult(expected, len(entries), Problem.REMOVED, len(entries), None, detail)


# --- the signed head --------------------------------------------------------------------------


class HeadSigner(Protocol):
    """Signs a chain's head statement (storage implements it with a KMS key; tests with HMAC)."""

    def sign(self, message: bytes) -> bytes: ...

    def verify(self, message: bytes, signature: bytes) -> bool: ...


def head_statement(subject: str, head_hash: str, count: int) -> bytes:
    """What is signed: the scheme, whose chain (`subject`, e.g. workspace and phone), its length
    and its head, so a signature cannot be moved to another contact's chain or a shorter one."""
    return canonical_json({"chain": CHAIN_VERSION, "subject": subject, "count": count, "head": head_hash})


def sign_head(signer: HeadSigner, subject: str, result: VerifyResult) -> bytes:
    return signer.sign(head_statement(subject, result.head_hash, result.count))


def head_signed(signer: HeadSigner, subject: str, result: VerifyResult, signature: bytes) -> bool:
    """Whether `signature` signs this chain's head: a verified chain is proof only with it."""
    return signer.verify(head_statement(subject, result.head_hash, result.count), signature)
