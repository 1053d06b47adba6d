"""The evidence chain: canonical content, hashes, links, and what `verify` names (docs/consent-topics.md)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from optout.models import ContactStatus
from optout.rules.evidence_chain import (
    GENESIS,
    ChainEntry,
    Problem,
    append,
    build_chain,
    canonical_json,
    content_hash,
    head_signed,
    link,
    sign_head,
    verify,
)
from tests.fakes.head_signer import HmacHeadSigner

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SUBJECT = "ws_1#+14155550100"

# Reproducible runs (the same examples every time), with no time limit on a busy machine.
PROPERTY = settings(derandomize=True, deadline=None, database=None)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"b": 1, "a": "x"}, '{"a":"x","b":1}'),
        ({"z": {"y": [1, 2], "x": None}}, '{"z":{"x":null,"y":[1,2]}}'),
        ({"text": "café ✋"}, '{"text":"café ✋"}'),  # UTF-8, not \u escapes
        (
            {"at": datetime(2026, 12, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))},
            '{"at":"2026-12-01T12:00:00.000000Z"}',
        ),
        ({"at": "2026-12-01T12:00:00.000000Z"}, '{"at":"2026-12-01T12:00:00.000000Z"}'),  # as a saved export has it
        ({"day": date(2027, 1, 31)}, '{"day":"2027-01-31"}'),
        ({"status": ContactStatus.OPTED_OUT}, '{"status":"opted_out"}'),
        ({"topics": frozenset({"reminders", "marketing"})}, '{"topics":["marketing","reminders"]}'),
        ({"flag": True, "n": 0}, '{"flag":true,"n":0}'),
        # Numbers by value: what DynamoDB gives back hashes as what was written.
        ({"c": 1.0}, '{"c":1}'),
        ({"c": Decimal("1")}, '{"c":1}'),
        ({"c": 0.93}, '{"c":0.93}'),
        ({"c": Decimal("0.93")}, '{"c":0.93}'),
        ({"t": (1, "a")}, '{"t":[1,"a"]}'),
    ],
)
def test_canonical_json(content, expected):
    assert canonical_json(content) == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ({"at": datetime(2026, 12, 1, 12)}, ValueError),  # a naive time has no one meaning
        ({"c": float("nan")}, ValueError),
        ({"c": Decimal("Infinity")}, ValueError),
        ({"c": object()}, TypeError),
        ({"c": {1: "x"}}, TypeError),
        ({"c": b"bytes"}, TypeError),
    ],
)
def test_canonical_json_refuses_what_has_no_single_form(content, error):
    with pytest.raises(error):
        canonical_json(content)


def test_hashes_are_sha256_of_the_canonical_bytes_and_the_link_of_both():
    own = hashlib.sha256(b'{"a":1}').hexdigest()
    assert content_hash({"a": 1}) == own
    assert link(GENESIS, {"a": 1}) == hashlib.sha256((GENESIS + own).encode()).hexdigest()
    assert GENESIS == "0" * 64


def test_link_refuses_a_malformed_previous_hash():
    with pytest.raises(ValueError, match="64 lowercase hex"):
        link("abc", {"a": 1})


def event(i: int, **extra) -> dict:
    return {"event_id": f"e{i}", "kind": "granted", "at": T0 + timedelta(minutes=i), "topics": ["marketing"], **extra}


def test_a_chain_links_each_event_to_the_one_before():
    chain = build_chain([event(0), event(1), event(2)])
    assert chain[0].previous_hash == GENESIS
    assert [entry.previous_hash for entry in chain[1:]] == [entry.chain_hash for entry in chain[:-1]]
    assert chain[1] == append(chain[0].chain_hash, event(1))
    result = verify(chain, head=chain[-1].chain_hash)
    assert result.ok and result.head_hash == chain[-1].chain_hash and result.count == 3


def test_an_empty_chain_verifies_to_genesis():
    assert verify([]).ok and verify([]).head_hash == GENESIS


def test_a_saved_export_verifies_after_a_json_round_trip():
    chain = build_chain([event(0, confidence=0.93), event(1, count=Decimal("2"))])
    saved = json.loads(
        json.dumps(
            [
                {
                    "content": json.loads(canonical_json(e.content)),
                    "content_hash": e.content_hash,
                    "previous_hash": e.previous_hash,
                }
                for e in chain
            ]
        )
    )
    assert verify([ChainEntry(**entry) for entry in saved], head=chain[-1].chain_hash).ok


def test_the_head_signature_binds_the_subject_the_length_and_the_head():
    signer = HmacHeadSigner()
    chain = build_chain([event(0), event(1)])
    result = verify(chain)
    signature = sign_head(signer, SUBJECT, result)
    assert head_signed(signer, SUBJECT, result, signature)
    assert not head_signed(signer, "ws_2#+14155550100", result, signature)
    assert not head_signed(signer, SUBJECT, verify(chain[:1]), signature)
    assert not head_signed(HmacHeadSigner(b"another key"), SUBJECT, result, signature)


def test_a_malformed_stored_hash_is_named():
    chain = build_chain([event(0), event(1)])
    result = verify([chain[0], replace(chain[1], previous_hash="x")])
    assert (result.problem, result.position, result.event_id) == (Problem.ALTERED, 1, "e1")


def test_events_after_the_signed_head_are_named_as_added():
    chain = build_chain([event(0), event(1), event(2)])
    result = verify(chain, head=chain[0].chain_hash)
    assert (result.problem, result.position, result.event_id) == (Problem.ADDED, 1, "e1")
    assert verify(chain, head=GENESIS).position == 0


# --- properties ------------------------------------------------------------------------------

values = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.text(max_size=12))


@st.composite
def chains(draw: st.DrawFn, min_size: int = 0) -> list[ChainEntry]:
    count = draw(st.integers(min_size, 8))
    extras = draw(
        st.lists(
            st.dictionaries(st.sampled_from(["note", "source", "n", "ip"]), values), min_size=count, max_size=count
        )
    )
    return build_chain([event(i, **extra) for i, extra in enumerate(extras)])


def named(result) -> tuple:
    return result.problem, result.position, result.event_id


@PROPERTY
@given(chains())
def test_any_chain_built_by_link_verifies(chain):
    result = verify(chain, head=chain[-1].chain_hash if chain else GENESIS)
    assert result.ok and result.count == len(chain)


@PROPERTY
@given(chains(min_size=1), st.data())
def test_an_altered_event_is_named(chain, data):
    i = data.draw(st.integers(0, len(chain) - 1))
    edited = dict(chain[i].content, note=data.draw(st.text(min_size=1)))
    assume(edited != chain[i].content)
    altered = [*chain[:i], replace(chain[i], content=edited), *chain[i + 1 :]]
    assert named(verify(altered)) == (Problem.ALTERED, i, f"e{i}")


@PROPERTY
@given(chains(min_size=2), st.data())
def test_a_removed_event_is_named_by_the_one_that_followed_it(chain, data):
    i = data.draw(st.integers(0, len(chain) - 2))
    assert named(verify([*chain[:i], *chain[i + 1 :]])) == (Problem.REMOVED, i, f"e{i + 1}")


@PROPERTY
@given(chains(min_size=1))
def test_removing_the_newest_events_is_found_by_the_signed_head(chain):
    shorter = chain[:-1]
    assert verify(shorter).ok  # the chain alone cannot tell
    assert named(verify(shorter, head=chain[-1].chain_hash)) == (Problem.REMOVED, len(shorter), None)


@PROPERTY
@given(chains(min_size=2), st.data())
def test_a_swap_is_named_at_the_first_place_out_of_order(chain, data):
    i = data.draw(st.integers(0, len(chain) - 2))
    j = data.draw(st.integers(i + 1, len(chain) - 1))
    swapped = list(chain)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert named(verify(swapped)) == (Problem.REORDERED, i, f"e{j}")


@PROPERTY
@given(chains(min_size=1), st.data())
def test_an_event_rewritten_with_its_hash_is_found_where_the_chain_breaks(chain, data):
    i = data.draw(st.integers(0, len(chain) - 1))
    rewritten = append(chain[i].previous_hash, dict(chain[i].content, note="rewritten!"))
    if rewritten.content_hash == chain[i].content_hash:
        return
    edited = [*chain[:i], rewritten, *chain[i + 1 :]]
    # Its own hash matches now, so the break shows where the next event no longer follows it.
    expected = (Problem.REMOVED, i + 1, f"e{i + 1}") if i + 1 < len(chain) else (Problem.REMOVED, len(chain), None)
    assert named(verify(edited, head=chain[-1].chain_hash)) == expected
