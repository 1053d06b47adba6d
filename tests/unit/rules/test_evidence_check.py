"""rules/evidence_check.py: events as stored (content, chain_prev, chain_hash, chain_seq), checked
in the order given, naming the first altered, removed or reordered one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optout.rules.evidence_chain import GENESIS, build_chain
from optout.rules.evidence_check import ChainedEvent, check_chain, describe


def _stored(count: int = 4) -> list[ChainedEvent]:
    contents = [{"event_id": f"e{i}", "status": "opted_out" if i % 2 else "active", "n": i} for i in range(1, count + 1)]
    return [
        ChainedEvent(entry.content, entry.previous_hash, entry.chain_hash, index + 1)
        for index, entry in enumerate(build_chain(contents))
    ]


def _edit(events, index=1):
    events[index] = replace(events[index], content={**events[index].content, "n": 99})
    return events


def _malformed(events):
    events[2] = replace(events[2], chain_hash="not a hash")
    return events


def _swap_rows(events):
    events[1], events[2] = events[2], events[1]
    return events


def _swap_chain_fields(events):
    a, b = events[1], events[2]
    events[1] = replace(a, chain_prev=b.chain_prev, chain_hash=b.chain_hash)
    events[2] = replace(b, chain_prev=a.chain_prev, chain_hash=a.chain_hash)
    return events


def _drop(index):
    def drop(events):
        del events[index]
        return events

    return drop


CASES = [
    # (name, tamper, expected problem, named event, text in the description)
    ("untouched", lambda events: events, None, None, "verified: 4 events"),
    ("a field edited", _edit, "altered", "e2", "altered: event e2 (position 2)"),
    ("a hash malformed", _malformed, "altered", "e3", "malformed"),
    ("two rows swapped", _swap_rows, "reordered", "e3", "reordered: event e3 (position 2)"),
    ("chain fields swapped", _swap_chain_fields, "altered", "e2", "altered: event e2"),
    ("one in the middle removed", _drop(1), "removed", "e3", "chain position 2 is missing"),
    ("the first removed", _drop(0), "removed", "e2", "removed: event e2 (position 1)"),
    ("the last removed", _drop(3), "removed", None, "removed: the end of the chain"),
]


@pytest.mark.parametrize(("name", "tamper", "problem", "event_id", "text"), CASES, ids=[c[0] for c in CASES])
def test_the_first_problem_is_named(name, tamper, problem, event_id, text):
    events = _stored()
    head = events[-1].chain_hash
    result = check_chain(tamper(list(events)), head)
    assert (result.problem.value if result.problem else None) == problem
    assert result.event_id == event_id
    assert text in describe(result, tamper(list(events)))


def test_events_after_the_signed_head_are_added():
    events = _stored()
    result = check_chain(events, events[1].chain_hash)
    assert result.problem.value == "added" and result.event_id == "e3"


def test_an_empty_chain_verifies_against_genesis():
    assert check_chain([], GENESIS).ok and describe(check_chain([], GENESIS), []) == "verified: 0 events"


def test_content_without_a_canonical_form_is_altered():
    events = _stored(1)
    events[0] = replace(events[0], content={"event_id": "e1", "n": float("nan")})
    assert check_chain(events).problem.value == "altered"
