"""The review queue service over the in-memory fakes: its decisions and its races, without moto."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from optout import ttl_cache
from optout.errors import Forbidden, InvalidInput
from optout.models import ContactStatus, Principal, Reason, Role
from optout.repository.review_queue import AlreadyResolved
from optout.review import ResolveAction, ReviewState
from optout.services import accounts, review_queue
from tests.fakes import Stores, fake_stores
from tests.fakes.builders import PHONE, WS, api_key, contact, marker, new, resolution, review_item, workspace
from tests.fakes.patching import FakeRepository

ADMIN = Principal(workspace_id=WS, key_id="key_admin", key_name="admin", role=Role.ADMIN)
MEMBER = Principal(workspace_id=WS, key_id="key_member", key_name="member", role=Role.MEMBER)


@pytest.fixture
def stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stores]:
    stores = fake_stores()
    fake = FakeRepository(stores)
    monkeypatch.setattr(review_queue, "repository", fake)
    monkeypatch.setattr(review_queue, "review_items", fake)
    monkeypatch.setattr(accounts, "repository", fake)  # the workspace's settings (its revoke-all date)
    ttl_cache.clear_all()  # the workspace cache must not serve another test's workspace
    stores.accounts.create_workspace(workspace(), api_key(1))
    yield stores
    ttl_cache.clear_all()


def queue(stores: Stores, n: int) -> str:
    item = review_item(n)
    stores.unit_of_work.write_contacts([], markers=[marker(f"q{n}")], extra_items=[stores.review_queue.item_put(item)])
    return item.id


def history(stores: Stores) -> list[tuple[ContactStatus, Reason]]:
    events, _ = stores.events.query_contact_events(WS, PHONE, limit=10, start_key=None)
    return [(e.status, e.reason) for e in events]


# (the contact before, action) -> (its status after, an event written, resolution says changed)
RESOLUTIONS = [
    (None, ResolveAction.OPT_OUT, ContactStatus.OPTED_OUT, True),
    (ContactStatus.ACTIVE, ResolveAction.OPT_OUT, ContactStatus.OPTED_OUT, True),
    (ContactStatus.OPTED_OUT, ResolveAction.OPT_OUT, ContactStatus.OPTED_OUT, False),
    (ContactStatus.BLOCKED, ResolveAction.OPT_OUT, ContactStatus.BLOCKED, False),  # a block stays a block
    (ContactStatus.ACTIVE, ResolveAction.DISMISS, ContactStatus.ACTIVE, False),
    (None, ResolveAction.DISMISS, None, False),
]


@pytest.mark.parametrize(("before", "action", "after", "changed"), RESOLUTIONS)
def test_a_resolution_changes_the_contact_only_when_it_must(stores, before, action, after, changed):
    if before is not None:
        stores.unit_of_work.write_contacts([new(status=before)])
    item_id = queue(stores, 1)
    result = review_queue.resolve(ADMIN, item_id, action, "  called them back  ")
    stored = stores.contacts.get_contact(WS, PHONE)
    assert (stored.status if stored else None) == after
    assert history(stores) == ([(ContactStatus.OPTED_OUT, Reason.REVIEW)] if changed else [])
    item = stores.review_queue.get_item(WS, item_id)
    assert item.state is ReviewState.RESOLVED and item.resolution == result.item.resolution
    assert item.resolution.changed is changed and item.resolution.note == "called them back"
    assert item.resolution.event_id == (result.event.event_id if changed else None)


def test_only_an_admin_resolves_and_a_note_is_required(stores):
    item_id = queue(stores, 1)
    with pytest.raises(Forbidden):
        review_queue.resolve(MEMBER, item_id, ResolveAction.OPT_OUT, "note")
    with pytest.raises(InvalidInput) as missing:
        review_queue.resolve(ADMIN, item_id, ResolveAction.OPT_OUT, "   ")
    assert missing.value.code == "note_required"
    assert stores.review_queue.get_item(WS, item_id).state is ReviewState.OPEN


def test_an_item_is_resolved_once(stores):
    item_id = queue(stores, 1)
    review_queue.resolve(ADMIN, item_id, ResolveAction.DISMISS, "spam")
    with pytest.raises(AlreadyResolved):
        review_queue.resolve(ADMIN, item_id, ResolveAction.OPT_OUT, "second reviewer")
    assert stores.contacts.get_contact(WS, PHONE) is None


def test_a_reviewer_who_loses_the_race_applies_nothing(stores, monkeypatch):
    """Another reviewer dismisses the item between this one's read and write: the transaction
    fails on the item's state, the retry reads the item again and answers already resolved."""
    stores.unit_of_work.write_contacts([new()])
    item_id = queue(stores, 1)
    write = stores.unit_of_work.write_contacts

    def other_reviewer_first(*args, **kwargs):
        monkeypatch.setattr(stores.unit_of_work, "write_contacts", write)
        stores.review_queue.resolve(review_item(1), resolution())
        return write(*args, **kwargs)

    monkeypatch.setattr(stores.unit_of_work, "write_contacts", other_reviewer_first)
    with pytest.raises(AlreadyResolved):
        review_queue.resolve(ADMIN, item_id, ResolveAction.OPT_OUT, "opt them out")
    assert stores.contacts.get_contact(WS, PHONE) == contact()  # still active: the dismissal won
    assert history(stores) == []
    assert stores.review_queue.get_item(WS, item_id).resolution == resolution()


def test_items_page_newest_first_and_a_cursor_works_for_its_state_only(stores):
    ids = [queue(stores, n) for n in range(1, 4)]
    first, cursor = review_queue.list_items(ADMIN, state=ReviewState.OPEN, limit=2, cursor=None)
    rest, end = review_queue.list_items(ADMIN, state=ReviewState.OPEN, limit=2, cursor=cursor)
    assert [i.id for i in first + rest] == ids[::-1] and end is None
    with pytest.raises(InvalidInput):
        review_queue.list_items(ADMIN, state=ReviewState.RESOLVED, limit=2, cursor=cursor)
    other = Principal(workspace_id="ws_other", key_id="k", key_name="k", role=Role.ADMIN)
    with pytest.raises(InvalidInput):
        review_queue.list_items(other, state=ReviewState.OPEN, limit=2, cursor=cursor)
