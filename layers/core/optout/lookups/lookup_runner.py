"""`run_lookups`: the reassigned-number and line-type answers for numbers that passed every cheaper
check of eligibility (docs/lookups.md).

1. The workspace's settings say which lookups run; a disabled one asks nothing.
2. The cache first: one BatchGetItem per 100 keys; an answer still good (lookups.cached) is used.
3. The rest, at most `max_uncached` numbers per call (each a paid request), in parallel on at most
   8 threads; the numbers over the budget come back not checked. One number's failure is its own:
   a provider that is down leaves that number not checked (never a "no"), a refusal names why.
4. New answers are cached with their date, and a "yes" is kept on the contact as evidence
   (lookups.evidence), once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from optout import repository
from optout.errors import Conflict, StorageError
from optout.lookup_settings import LookupSettings
from optout.lookups import cached, credentials
from optout.lookups.evidence import reassigned_evidence
from optout.lookups.ports import (
    LineTypeAnswer,
    LineTypeLookup,
    LookupMisconfigured,
    LookupRefused,
    LookupRequest,
    LookupResults,
    LookupUnavailable,
    ReassignedAnswer,
    ReassignedLookup,
)
from optout.models import utc_now
from optout.observability import logger
from optout.repository import lookup_cache

MAX_WORKERS = 8
MAX_UNCACHED = 100


@dataclass
class _Outcome:
    reassigned: ReassignedAnswer | None = None
    line_type: LineTypeAnswer | None = None
    error: str | None = None
    unanswered: bool = False


@dataclass
class _Wanted:
    reassigned: dict[str, date]  # phone -> the date asked (its consent date)
    line_types: list[str]
    order: list[str] = field(default_factory=list)


def _wanted(requests: Sequence[LookupRequest], lookups: LookupSettings) -> _Wanted:
    order = list(dict.fromkeys(r.phone for r in requests))
    reassigned = {}
    if lookups.reassigned.provider is not None:
        reassigned = {r.phone: r.consent_date for r in requests if r.consent_date is not None}
    return _Wanted(reassigned, order if lookups.line_type.provider is not None else [], order)


def _uncached(
    wanted: _Wanted, reassigned: dict[str, ReassignedAnswer], line_types: dict[str, LineTypeAnswer]
) -> list[str]:
    """The numbers, in order, that some lookup they need has no good cached answer for."""
    line_wanted = set(wanted.line_types)
    missing_reassigned = {p for p in wanted.reassigned if p not in reassigned}
    missing_line = {p for p in line_wanted if p not in line_types}
    return [p for p in wanted.order if p in missing_reassigned or p in missing_line]


def run_lookups(
    workspace_id: str,
    requests: Sequence[LookupRequest],
    *,
    settings: LookupSettings | None = None,
    max_uncached: int = MAX_UNCACHED,
) -> LookupResults:
    """The answers for these numbers (the caller passes only those a lookup could still change)."""
    lookups = settings if settings is not None else repository.get_workspace(workspace_id).settings.lookups
    wanted = _wanted(requests, lookups)
    if not wanted.reassigned and not wanted.line_types:
        return LookupResults({}, {}, [])
    now = utc_now()
    reassigned, line_types, kept, stale = _read_cache(workspace_id, wanted, now)
    todo = _uncached(wanted, reassigned, line_types)
    outcomes = _ask(workspace_id, lookups, todo[:max_uncached], wanted, reassigned, line_types)
    new_reassigned = [o.reassigned for o in outcomes.values() if o.reassigned is not None]
    new_line_types = [o.line_type for o in outcomes.values() if o.line_type is not None]
    reassigned.update((a.phone, a) for a in new_reassigned)
    line_types.update((a.phone, a) for a in new_line_types)
    errors = {phone: o.error for phone, o in outcomes.items() if o.error is not None}
    failed = {phone for phone, o in outcomes.items() if o.unanswered or o.error is not None}
    _store(workspace_id, new_reassigned, new_line_types, stale, reassigned, kept, now)
    not_checked = set(todo[max_uncached:]) | failed
    return LookupResults(reassigned, line_types, [p for p in wanted.order if p in not_checked], errors)


def _read_cache(
    workspace_id: str, wanted: _Wanted, now: datetime
) -> tuple[dict[str, ReassignedAnswer], dict[str, LineTypeAnswer], set[str], dict[str, ReassignedAnswer]]:
    """Good cached answers, the numbers whose "yes" the contact already keeps, and the stale
    reassigned answers a new one must not wrongly replace."""
    keys = [(p, lookup_cache.reassigned_sk(d)) for p, d in wanted.reassigned.items()]
    keys += [(p, lookup_cache.LINE_TYPE_SK) for p in wanted.line_types]
    found = lookup_cache.batch_get_lookups(workspace_id, keys)
    reassigned: dict[str, ReassignedAnswer] = {}
    stale: dict[str, ReassignedAnswer] = {}
    kept: set[str] = set()
    for phone, asked in wanted.reassigned.items():
        record = found.get((phone, lookup_cache.reassigned_sk(asked)))
        answer = cached.reassigned_from(phone, record) if record else None
        if answer is None or answer.asked_date != asked:
            continue
        (reassigned if cached.is_fresh(answer, now) else stale)[phone] = answer
        if record and record.get("evidence"):
            kept.add(phone)
    line_types: dict[str, LineTypeAnswer] = {}
    for phone in wanted.line_types:
        record = found.get((phone, lookup_cache.LINE_TYPE_SK))
        line_answer = cached.line_type_from(phone, record) if record else None
        if line_answer is not None and cached.is_fresh(line_answer, now):
            line_types[phone] = line_answer
    return reassigned, line_types, kept, stale


@dataclass
class _Port:
    """One lookup's adapter for this call; `stop` is set once its credentials are refused."""

    adapter: ReassignedLookup | LineTypeLookup | None
    stop: threading.Event = field(default_factory=threading.Event)


def _port(build: Callable[[], ReassignedLookup | LineTypeLookup | None], numbers: int) -> _Port:
    try:
        return _Port(build())
    except LookupMisconfigured as exc:
        logger.error("lookup misconfigured; numbers not checked", extra={"problem": str(exc), "numbers": numbers})
        port = _Port(None)
        port.stop.set()
        return port


def _ask(
    workspace_id: str,
    lookups: LookupSettings,
    phones: list[str],
    wanted: _Wanted,
    have_reassigned: dict[str, ReassignedAnswer],
    have_line_types: dict[str, LineTypeAnswer],
) -> dict[str, _Outcome]:
    if not phones:
        return {}
    # Each lookup stands alone: one's broken credentials do not stop the other.
    reassigned = _port(lambda: credentials.reassigned_lookup(workspace_id, lookups.reassigned), len(phones))
    line = _port(lambda: credentials.line_type_lookup(workspace_id, lookups.line_type), len(phones))
    line_wanted = set(wanted.line_types)

    def one(phone: str) -> _Outcome:
        outcome = _Outcome()
        asked = wanted.reassigned.get(phone)
        if asked is not None and phone not in have_reassigned:
            adapter: Any = reassigned.adapter
            _attempt(outcome, reassigned.stop, lambda: setattr(outcome, "reassigned", adapter.check(phone, asked)))
        if phone in line_wanted and phone not in have_line_types:
            checker: Any = line.adapter
            _attempt(outcome, line.stop, lambda: setattr(outcome, "line_type", checker.check(phone)))
        return outcome

    with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(phones)), thread_name_prefix="lookup") as pool:
        return dict(zip(phones, pool.map(one, phones), strict=True))


def _attempt(outcome: _Outcome, stop: threading.Event, call: Callable[[], object]) -> None:
    """Run one lookup; any failure stays this number's."""
    if stop.is_set():
        outcome.unanswered = True
        return
    try:
        call()
    except LookupRefused as exc:
        outcome.error = str(exc)
    except LookupUnavailable as exc:
        logger.warning("lookup unavailable; number not checked", extra={"problem": str(exc)})
        outcome.unanswered = True
    except LookupMisconfigured as exc:
        stop.set()
        logger.error("lookup credentials refused; numbers not checked", extra={"problem": str(exc)})
        outcome.unanswered = True
    except Exception:
        logger.exception("lookup failed; number not checked")
        outcome.unanswered = True


def _store(
    workspace_id: str,
    new_reassigned: list[ReassignedAnswer],
    new_line_types: list[LineTypeAnswer],
    stale: dict[str, ReassignedAnswer],
    reassigned: dict[str, ReassignedAnswer],
    kept: set[str],
    now: datetime,
) -> None:
    """Cache what was asked, and keep each "yes" on its contact once. A storage fault here costs
    only a repeat lookup later, so it is logged and the answers still returned."""
    records: list[tuple[str, str, dict[str, object]]] = []
    for answer in new_reassigned:
        if cached.may_replace(answer, stale.get(answer.phone)):
            records.append((answer.phone, lookup_cache.reassigned_sk(answer.asked_date), cached.reassigned_record(answer)))
    for yes in (a for p, a in reassigned.items() if a.answer == "yes" and p not in kept):
        if store_evidence(workspace_id, yes, now):
            record = cached.reassigned_record(yes, evidence=True)
            records.append((yes.phone, lookup_cache.reassigned_sk(yes.asked_date), record))
    for line in new_line_types:
        records.append((line.phone, lookup_cache.LINE_TYPE_SK, cached.line_type_record(line)))
    try:
        lookup_cache.put_lookups(workspace_id, records)
    except StorageError as exc:
        logger.warning("lookup answers not cached", extra={"cause": exc.code, "records": len(records)})


def store_evidence(workspace_id: str, answer: ReassignedAnswer, now: datetime) -> bool:
    """Keep a "yes" on the contact (a consent event and `reassigned_check`); False if it could not
    be (no contact, or storage failed: the next lookup tries again)."""
    def attempt() -> bool:
        contact = repository.get_contact(workspace_id, answer.phone)
        if contact is None:
            return False
        write = reassigned_evidence(contact, answer, now)
        if write is not None:
            repository.write_contacts([write])
        return True

    try:
        return repository.retry_on_conflict(attempt)
    except (Conflict, StorageError) as exc:
        logger.warning("reassigned evidence not stored yet", extra={"cause": exc.code})
        return False
