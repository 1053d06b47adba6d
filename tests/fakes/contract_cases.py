"""The storage ports' contract (repository/ports.py), as cases that run against any `Stores`.

tests/unit/test_repository_contracts.py runs them on the in-memory fakes and
tests/integration/test_repository_contracts_dynamodb.py on the DynamoDB stores over moto tables
built from template.yaml: a case that passes on one and fails on the other is a fake that drifted.
Each case names the promise it checks; each uses workspaces of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from optout.errors import Conflict, InvalidInput, NotFound
from optout.models import ContactStatus, ContactWrite, Reason, Role
from optout.repository import keys
from optout.repository.dismissals import AlreadyDismissed, Dismissal
from optout.repository.markers import DuplicateMessage
from optout.repository.review_queue import AlreadyResolved
from optout.repository.unit_of_work import TransactionConflict
from optout.review import ReviewState
from tests.fakes import Stores
from tests.fakes.builders import (
    OTHER,
    PHONE,
    SYSTEM,
    T0,
    WS,
    api_key,
    contact,
    event,
    failure,
    inbox,
    marker,
    new,
    opt_out,
    resolution,
    review_item,
    workspace,
)

Case = Callable[[Stores], None]
CASES: list[Case] = []


def case(function: Case) -> Case:
    CASES.append(function)
    return function


# --- contacts, events and the unit of work ---------------------------------------------------


@case
def a_new_contact_is_written_once(s: Stores) -> None:
    s.unit_of_work.write_contacts([new()])
    assert s.contacts.get_contact(WS, PHONE) == contact()
    with pytest.raises(TransactionConflict) as lost:
        s.unit_of_work.write_contacts([new(status=ContactStatus.BLOCKED)])
    assert lost.value.failed == [0]
    assert s.contacts.get_contact(WS, PHONE) == contact()  # never overwritten
    assert s.contacts.get_contact(OTHER, PHONE) is None  # another workspace's number is another contact


@case
def a_write_on_a_stale_version_cancels_the_whole_transaction(s: Stores) -> None:
    s.unit_of_work.write_contacts([new()])
    current = s.contacts.get_contact(WS, PHONE)
    s.unit_of_work.write_contacts([opt_out(current, n=1)])  # another writer got there first
    with pytest.raises(TransactionConflict) as lost:
        s.unit_of_work.write_contacts([new("+14155550101"), opt_out(current, n=2)])
    assert lost.value.failed == [1]
    assert s.contacts.get_contact(WS, "+14155550101") is None  # all or nothing
    history, _ = s.events.query_contact_events(WS, PHONE, limit=10, start_key=None)
    assert [e.event_id for e in history] == ["ev0001"]  # the loser's event is not written


@case
def a_status_change_lands_with_its_event_and_history_is_newest_first(s: Stores) -> None:
    s.unit_of_work.write_contacts([new()])
    current = s.contacts.get_contact(WS, PHONE)
    s.unit_of_work.write_contacts([opt_out(current, n=1)])
    back = s.contacts.get_contact(WS, PHONE).model_copy(update={"status": ContactStatus.ACTIVE, "version": 2})
    s.unit_of_work.write_contacts([ContactWrite(back, 1, event(n=2, status=ContactStatus.ACTIVE))])
    assert s.contacts.get_contact(WS, PHONE).version == 2
    first, cursor = s.events.query_contact_events(WS, PHONE, limit=1, start_key=None)
    rest, end = s.events.query_contact_events(WS, PHONE, limit=5, start_key=cursor)
    assert [e.event_id for e in first + rest] == ["ev0002", "ev0001"]
    assert first[0] == event(n=2, status=ContactStatus.ACTIVE) and end is None


@case
def an_event_is_never_rewritten(s: Stores) -> None:
    s.unit_of_work.write_contacts([ContactWrite(contact(status=ContactStatus.OPTED_OUT), None, event(n=1))])
    current = s.contacts.get_contact(WS, PHONE)
    again = ContactWrite(current.model_copy(update={"version": 1}), 0, event(n=1, reason=Reason.API))
    with pytest.raises(TransactionConflict):
        s.unit_of_work.write_contacts([again])
    history, _ = s.events.query_contact_events(WS, PHONE, limit=10, start_key=None)
    assert [e.reason for e in history] == [Reason.KEYWORD]
    assert s.contacts.get_contact(WS, PHONE).version == 0


@case
def a_deleted_contact_leaves_and_returns_nothing(s: Stores) -> None:
    s.unit_of_work.write_contacts([new()])
    s.unit_of_work.write_contacts([ContactWrite(contact(), 0, delete=True)])
    assert s.contacts.get_contact(WS, PHONE) is None


@case
def contacts_are_listed_by_status_shard_by_shard_in_pages(s: Stores) -> None:
    phones = [f"+1415555{n:04d}" for n in range(12)]
    s.unit_of_work.write_contacts([new(p, status=ContactStatus.OPTED_OUT) for p in phones])
    s.unit_of_work.write_contacts([new("+14155559999"), new("+14155559998", ws=OTHER, status=ContactStatus.OPTED_OUT)])
    gone = contact("+14155550003", status=ContactStatus.OPTED_OUT).model_copy(update={"deleted_at": T0, "version": 1})
    s.unit_of_work.write_contacts([ContactWrite(gone, 0)])
    seen = []
    for shard in range(keys.STATUS_SHARDS):
        start: dict[str, Any] | None = None
        while True:
            page, start = s.contacts.query_contacts_by_status(WS, ContactStatus.OPTED_OUT, shard, limit=1, start_key=start)
            assert len(page) <= 1
            seen += [c.phone for c in page]
            if start is None:
                break
    assert sorted(seen) == [p for p in phones if p != "+14155550003"]  # a deleted profile is not listed


@case
def a_start_key_of_another_partition_is_refused(s: Stores) -> None:
    s.unit_of_work.write_contacts([new(f"+1415555{n:04d}", ws=OTHER, status=ContactStatus.OPTED_OUT) for n in range(40)])
    shard = next(h for h in range(keys.STATUS_SHARDS)
                 if s.contacts.query_contacts_by_status(OTHER, ContactStatus.OPTED_OUT, h, limit=1, start_key=None)[1])
    _, foreign = s.contacts.query_contacts_by_status(OTHER, ContactStatus.OPTED_OUT, shard, limit=1, start_key=None)
    with pytest.raises(InvalidInput) as refused:
        s.contacts.query_contacts_by_status(WS, ContactStatus.OPTED_OUT, shard, limit=1, start_key=foreign)
    assert refused.value.code == "invalid_cursor"


@case
def a_search_reads_a_bounded_number_of_items_and_returns_the_matches(s: Stores) -> None:
    from optout.repository.contact_search import ContactFilter

    shard = keys.status_shard(PHONE)
    phones = [p for p in (f"+1415555{n:04d}" for n in range(200)) if keys.status_shard(p) == shard][:4]
    people = [("Ada Lovelace", {"plan": "gold"}), ("ADA King", {"plan": 3}), ("Grace", {"plan": "gold"}), (None, {})]
    s.unit_of_work.write_contacts([
        ContactWrite(contact(p).model_copy(update={"name": name, "attributes": attrs}), None)
        for p, (name, attrs) in zip(phones, people, strict=True)
    ])
    s.unit_of_work.write_contacts([ContactWrite(contact(phones[0], ws=OTHER).model_copy(update={"name": "Ada"}), None)])
    search = s.contact_search.search_contacts_by_status
    found, _, read = search(WS, ContactStatus.ACTIVE, shard, match=ContactFilter(text="ada"), limit=50, start_key=None)
    assert sorted(c.name for c in found) == ["ADA King", "Ada Lovelace"] and read == 4  # another workspace's Ada is not
    seen: list[Any] = []
    start = None
    while True:  # one item read at a time: each page holds that item if it matches, or nothing
        found, start, read = search(
            WS, ContactStatus.ACTIVE, shard, match=ContactFilter(attribute=("plan", "gold")), limit=1, start_key=start
        )
        assert read <= 1
        seen += [c.name for c in found]
        if start is None:
            break
    assert sorted(seen) == ["Ada Lovelace", "Grace"]
    three = ContactFilter(attribute=("plan", "3"))
    number, _, _ = search(WS, ContactStatus.ACTIVE, shard, match=three, limit=50, start_key=None)
    assert [c.name for c in number] == ["ADA King"]  # a number attribute matches the digits that spell it
    by_phone, _, _ = search(WS, ContactStatus.ACTIVE, shard, match=ContactFilter(text=phones[3][-4:]), limit=50, start_key=None)
    assert [c.phone for c in by_phone] == [phones[3]]


@case
def many_contacts_are_read_by_phone(s: Stores) -> None:
    s.unit_of_work.write_contacts([new("+14155550100"), new("+14155550101", status=ContactStatus.BLOCKED)])
    phones = ["+14155550100", "+14155550101", "+14155550102"]
    found = s.contacts.batch_get_contacts(WS, phones, projection=["pk", "status"])
    assert found == {
        "+14155550100": {"pk": f"{WS}#+14155550100", "status": "active"},
        "+14155550101": {"pk": f"{WS}#+14155550101", "status": "blocked"},
    }
    assert s.contacts.batch_get_contacts(OTHER, phones) == {}


@case
def automatic_opt_outs_are_listed_newest_first(s: Stores) -> None:
    writes = [
        ContactWrite(contact(f"+1415555010{n}", status=ContactStatus.OPTED_OUT), None, event(f"+1415555010{n}", n=n, reason=r))
        for n, r in enumerate([Reason.INTENT, Reason.KEYWORD, Reason.FUZZY])
    ]
    s.unit_of_work.write_contacts(writes)
    found, _ = s.events.query_auto_opt_outs(WS, limit=10, start_key=None)
    assert [e.event_id for e in found] == ["ev0002", "ev0000"]
    assert s.events.query_auto_opt_outs(OTHER, limit=10, start_key=None) == ([], None)


@case
def an_event_is_found_by_id_in_its_own_contacts_history_only(s: Stores) -> None:
    s.unit_of_work.write_contacts([ContactWrite(contact(status=ContactStatus.OPTED_OUT), None, event(n=7))])
    assert s.events.get_contact_event(WS, PHONE, "ev0007") == event(n=7)
    assert s.events.get_contact_event(OTHER, PHONE, "ev0007") is None
    assert s.events.get_contact_event(WS, "+14155550111", "ev0007") is None
    assert s.events.get_contact_event(WS, PHONE, "ev0008") is None


@case
def a_folder_dismissal_is_written_once_and_read_by_workspace(s: Stores) -> None:
    first = Dismissal(workspace_id=WS, event_id="ev0001", phone=PHONE, by=SYSTEM, at=T0, note="spoke to them")
    s.dismissals.put_dismissal(first)
    with pytest.raises(AlreadyDismissed):
        s.dismissals.put_dismissal(first.model_copy(update={"at": T0 + timedelta(minutes=1), "note": None}))
    assert s.dismissals.get_dismissals(WS, ["ev0001", "ev0002", "ev0001"]) == {"ev0001": first}  # the first stands
    assert s.dismissals.get_dismissals(OTHER, ["ev0001"]) == {}
    assert s.dismissals.get_dismissals(WS, []) == {}


# --- markers ----------------------------------------------------------------------------------


@case
def a_marker_is_written_once(s: Stores) -> None:
    s.markers.put_marker(marker("a"))
    with pytest.raises(DuplicateMessage):
        s.markers.put_marker(marker("a"))
    with pytest.raises(DuplicateMessage):  # with the message's writes: none of them lands
        s.unit_of_work.write_contacts([new()], markers=[marker("a")])
    assert s.markers.get_contact_and_marker(WS, PHONE, marker("a")["id"]) == (None, marker("a"))


@case
def a_marker_lands_with_the_writes_of_its_message(s: Stores) -> None:
    s.unit_of_work.write_contacts([new()], markers=[marker("b")])
    assert s.markers.get_contact_and_marker(WS, PHONE, marker("b")["id"]) == (contact(), marker("b"))
    assert s.markers.get_contact_and_marker(WS, PHONE, marker("c")["id"]) == (contact(), None)


# --- accounts and inboxes --------------------------------------------------------------------


@case
def a_workspace_is_created_with_its_first_key_or_not_at_all(s: Stores) -> None:
    s.accounts.create_workspace(workspace(), api_key(1))
    with pytest.raises(Conflict):
        s.accounts.create_workspace(workspace(OTHER), api_key(1, OTHER))  # the key's hash is taken
    with pytest.raises(NotFound):
        s.accounts.get_workspace(OTHER)
    assert s.accounts.get_api_key_by_hash(api_key(1).key_hash) == api_key(1)
    with pytest.raises(Conflict):
        s.accounts.create_workspace(workspace(), api_key(2))
    assert s.accounts.get_api_key_by_hash(api_key(2).key_hash) is None
    assert list(s.accounts.iter_workspace_ids()) == [WS]


@case
def settings_are_saved_on_the_version_read(s: Stores) -> None:
    s.accounts.create_workspace(workspace(), api_key(1))
    s.accounts.save_workspace(workspace(version=1), expected_version=0)
    with pytest.raises(Conflict):
        s.accounts.save_workspace(workspace(version=1), expected_version=0)
    with pytest.raises(Conflict):
        s.accounts.save_workspace(workspace(OTHER, version=1), expected_version=0)  # no such workspace
    assert s.accounts.get_workspace(WS).version == 1


@case
def keys_are_created_for_an_existing_workspace_only(s: Stores) -> None:
    s.accounts.create_workspace(workspace(), api_key(1))
    s.accounts.put_api_key(api_key(3, role=Role.MEMBER))
    s.accounts.put_api_key(api_key(2))
    with pytest.raises(Conflict):
        s.accounts.put_api_key(api_key(2))
    with pytest.raises(Conflict):
        s.accounts.put_api_key(api_key(4, OTHER))
    assert [k.key_id for k in s.accounts.list_api_keys(WS)] == ["key_01", "key_02", "key_03"]
    assert s.accounts.list_api_keys(OTHER) == []


@case
def a_number_belongs_to_one_workspace(s: Stores) -> None:
    s.inboxes.put_inbox(inbox())
    s.inboxes.put_inbox(inbox(provider="telnyx"))  # its own workspace may change it
    with pytest.raises(Conflict):
        s.inboxes.put_inbox(inbox(OTHER))
    with pytest.raises(Conflict):
        s.inboxes.delete_inbox(inbox(OTHER))
    assert s.inboxes.get_inbox("+14155550199") == inbox(provider="telnyx")
    s.inboxes.put_inbox(inbox(number="+14155550198"))
    assert [i.number for i in s.inboxes.list_inboxes(WS)] == ["+14155550198", "+14155550199"]
    s.inboxes.delete_inbox(inbox())
    assert s.inboxes.get_inbox("+14155550199") is None
    s.inboxes.put_inbox(inbox(OTHER))  # free again
    assert [i.number for i in s.inboxes.list_inboxes(OTHER)] == ["+14155550199"]


# --- failures, counters and the review queue ------------------------------------------------


@case
def a_later_failure_replaces_the_record_and_failures_page_by_number(s: Stores) -> None:
    s.unit_of_work.write_contacts([], markers=[marker("f1")], failures=[failure("+14155550102"), failure("+14155550101")])
    s.unit_of_work.write_contacts([], markers=[marker("f2")], failures=[failure("+14155550101", "undelivered")])
    latest = s.failures.get_broadcast_failure(WS, "b1", "+14155550101")
    assert latest == failure("+14155550101", "undelivered")
    assert s.failures.get_broadcast_failure(WS, "b2", "+14155550101") is None
    first, cursor = s.failures.query_broadcast_failures(WS, "b1", limit=1, start_key=None)
    rest, _ = s.failures.query_broadcast_failures(WS, "b1", limit=5, start_key=cursor)
    assert [f.phone for f in first + rest] == ["+14155550101", "+14155550102"]
    with pytest.raises(InvalidInput):
        s.failures.query_broadcast_failures(WS, "b2", limit=1, start_key=cursor)


@case
def a_counter_batch_adds_once(s: Stores) -> None:
    increments = [((WS, "DAY#2026-03-02"), {"opted_out": 2}), ((WS, "DAY#2026-03-01"), {"opted_out": 1, "opted_in": 1})]
    assert s.counters.add_counters_once("report-batch#x#0", increments) is True
    assert s.counters.add_counters_once("report-batch#x#0", increments) is False
    assert s.counters.add_counters_once("report-batch#y#0", increments[:1]) is True
    found = s.counters.query_counters(WS, "DAY#2026-03-01", "DAY#2026-03-31")
    assert [(i["sk"], i.get("opted_out"), i.get("opted_in")) for i in found] == [
        ("DAY#2026-03-01", 1, 1),
        ("DAY#2026-03-02", 4, None),
    ]
    assert s.counters.query_counters(WS, "DAY#2026-04-01", "DAY#2026-04-30") == []


@case
def a_stream_batch_is_folded_in_once_in_chunks_of_99(s: Stores) -> None:
    increments = [((WS, f"DAY#2026-03-{n % 28 + 1:02d}#{n}"), {"opted_out": 1}) for n in range(150)]
    assert s.counters.add_counter_batch("shard-1#seq-9", increments) == 150
    assert s.counters.add_counter_batch("shard-1#seq-9", increments) == 0  # a redelivered batch adds nothing
    found = s.counters.query_counters(WS, "DAY#", "DAY#~")
    assert len(found) == 150 and {item["opted_out"] for item in found} == {1}


@case
def a_report_pages_its_events_oldest_first_and_keeps_its_cursors_to_itself(s: Stores) -> None:
    # Twelve opt-outs four days apart from T0 (2 March to 15 April): the range holds ten, over two months.
    phones = [f"+1415555{n:04d}" for n in range(12)]
    events = [
        event(p, n=n, reason=Reason.INTENT if n % 3 == 0 else Reason.KEYWORD).model_copy(
            update={"occurred_at": T0 + timedelta(days=4 * n)}
        )
        for n, p in enumerate(phones)
    ]
    writes = [ContactWrite(contact(p, status=ContactStatus.OPTED_OUT), None, e) for p, e in zip(phones, events, strict=True)]
    s.unit_of_work.write_contacts(writes)
    start, end = T0, T0 + timedelta(days=40)  # the end is excluded: events 0..9

    def read(filters: dict[str, str], cursor: str | None, scope: str = "q1", limit: int = 3) -> Any:
        return s.report_rows.read_report_page(WS, "opted_out", filters, start, end, limit=limit, cursor=cursor, scope=scope)

    seen, cursor = [], None
    while True:
        page = read({}, cursor)
        assert len(page.events) <= 3
        seen += [e.event_id for e in page.events]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == [f"ev{n:04d}" for n in range(10)]
    intents = read({"reason": "intent"}, None, "q2", limit=10)
    assert [e.event_id for e in intents.events] == ["ev0000", "ev0003", "ev0006", "ev0009"]
    assert intents.next_cursor is None
    first = read({}, None)
    with pytest.raises(InvalidInput):
        read({}, first.next_cursor, scope="another query")
    assert read({}, None, limit=10).events == events[:10]
    assert s.report_rows.read_report_page(OTHER, "opted_out", {}, start, end, limit=5, cursor=None, scope="q").events == []


@case
def a_review_item_is_queued_once_and_listed_newest_first(s: Stores) -> None:
    for n in (1, 2):
        s.unit_of_work.write_contacts([], markers=[marker(f"r{n}")], extra_items=[s.review_queue.item_put(review_item(n))])
    with pytest.raises(TransactionConflict):
        s.unit_of_work.write_contacts([], markers=[marker("r3")], extra_items=[s.review_queue.item_put(review_item(1))])
    assert s.markers.get_contact_and_marker(WS, PHONE, marker("r3")["id"])[1] is None
    first, cursor = s.review_queue.query_items(WS, ReviewState.OPEN, limit=1)
    rest, _ = s.review_queue.query_items(WS, ReviewState.OPEN, limit=5, start_key=cursor)
    assert [i.id for i in first + rest] == [review_item(2).id, review_item(1).id]
    assert s.review_queue.get_item(WS, review_item(1).id) == review_item(1)
    assert s.review_queue.get_item(OTHER, review_item(1).id) is None


@case
def a_review_item_is_resolved_once(s: Stores) -> None:
    s.unit_of_work.write_contacts([], markers=[marker("r1")], extra_items=[s.review_queue.item_put(review_item(1))])
    s.review_queue.resolve(review_item(1), resolution())
    with pytest.raises(AlreadyResolved):
        s.review_queue.resolve(review_item(1), resolution())
    update = s.review_queue.resolution_update(review_item(1), resolution())
    with pytest.raises(TransactionConflict):  # a second reviewer's opt-out does not land either
        s.unit_of_work.write_contacts([new()], extra_items=[update])
    assert s.contacts.get_contact(WS, PHONE) is None
    stored = s.review_queue.get_item(WS, review_item(1).id)
    assert stored is not None and stored.state is ReviewState.RESOLVED and stored.resolution == resolution()
    assert s.review_queue.query_items(WS, ReviewState.OPEN, limit=5) == ([], None)
    assert [i.id for i in s.review_queue.query_items(WS, ReviewState.RESOLVED, limit=5)[0]] == [review_item(1).id]


@case
def writes_are_chunked_without_splitting_a_contact_from_its_event(s: Stores) -> None:
    writes = [ContactWrite(contact(f"+141555{n:05d}"), None, event(f"+141555{n:05d}", n=n)) for n in range(120)]
    chunks = list(s.unit_of_work.chunk_writes(writes))
    assert [len(c) for c in chunks] == [50, 50, 20]
    assert s.unit_of_work.write_in_chunks(writes) == set()
    assert s.unit_of_work.write_in_chunks(writes[:60]) == set(range(60))  # both of its chunks lost
