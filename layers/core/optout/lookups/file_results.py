"""Storing a results file's answers in the lookup cache, where `run_lookups` finds them first.

A "yes" already cached for a number and date stays: a file's later "no" for the same question
does not take it back (lookups.cached.may_replace).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from optout.lookups import cached
from optout.lookups.ports import ReassignedAnswer
from optout.repository import lookup_cache


@dataclass(frozen=True)
class StoredResults:
    rows: int  # answers in the file (one per number and date)
    stored: int
    kept: int  # answers not stored: a cached "yes" for the same number and date stays


def store_file_answers(workspace_id: str, answers: Sequence[ReassignedAnswer]) -> StoredResults:
    keys = [(a.phone, lookup_cache.reassigned_sk(a.asked_date)) for a in answers]
    existing = lookup_cache.batch_get_lookups(workspace_id, keys)
    records = []
    for answer, key in zip(answers, keys, strict=True):
        old = existing.get(key)
        if cached.may_replace(answer, cached.reassigned_from(answer.phone, old) if old else None):
            records.append((answer.phone, key[1], cached.reassigned_record(answer)))
    lookup_cache.put_lookups(workspace_id, records)
    return StoredResults(rows=len(answers), stored=len(records), kept=len(answers) - len(records))
