"""The evidence chain: a contact's consent events, hash-chained so that any edit shows.

Each event keeps the SHA-256 of its own content (`content_hash`) and the chain hash of the event
before it (`previous_hash`; the first event's is `GENESIS`). An event's chain hash is
`link(previous_hash, content)`, so the newest event's chain hash (the head) covers the whole
history; storage signs the head (with KMS) through a `HeadSigner`. How `verify` tells an altered
event from a removed or reordered one is in docs/consent-topics.md.

Content is hashed in one canonical form (`canonical_json`): sorted keys, no whitespace, UTF-8,
times as fixed-width UTC ISO strings (models.iso, as stored), and numbers by value, so that
1.0 and 1 (DynamoDB gives a stored float back as an int when it is whole) hash alike.

Pure: no storage, no keys, no I/O.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, Protocol

from optout.models import iso

GENESIS = "0" * 64  # the previous hash of a contact's first event
CHAIN_VERSION = "optout-evidence/v1"  # names the hashing scheme in a signed head
_HASH = re.compile(r"[0-9a-f]{64}")


def _canonical(value: Any) -> Any:
    """The JSON value `value` is hashed as (raises TypeError or ValueError for what has none)."""
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("evidence keys must be strings")
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(_canonical(item) for item in value)  # a set has no order: sort it
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, Enum):  # before str: a StrEnum is hashed as its value
        return _scalar(value.value)
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("times in evidence must carry a time zone")
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return _number(value)
    raise TypeError(f"{type(value).__name__} has no canonical form")


def _number(value: int | float | Decimal) -> int | float:
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        raise ValueError("numbers in evidence must be finite")
    if value == int(value):
        return int(value)
    return float(value)  # a Decimal read back from DynamoDB was written from this float's repr


def canonical_json(content: Mapping[str, Any]) -> bytes:
    """An event's content as the bytes its hash is taken of."""
    text = json.dumps(_canonical(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def content_hash(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def chain_hash(previous_hash: str, own_hash: str) -> str:
    """The chain hash from the two hashes an event stores (both fixed-length hex, so no separator)."""
    for value in (previous_hash, own_hash):
        if not _HASH.fullmatch(value):
            raise ValueError("hashes are 64 lowercase hex digits")
    return hashlib.sha256(f"{previous_hash}{own_hash}".encode("ascii")).hexdigest()


def link(previous_hash: str, content: Mapping[str, Any]) -> str:
    """The chain hash of an event with `content` that follows the event of `previous_hash`."""
    return chain_hash(previous_hash, content_hash(content))


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
    later = {other.chain_hash for other in entries[index + 1 :] if _HASH.fullmatch(other.previous_hash)}
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
        if not (_HASH.fullmatch(entry.content_hash) and _HASH.fullmatch(entry.previous_hash)):
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
