"""Staff status changes (set_status) over the in-memory fakes: who may do what, and a lost race."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from optout import ttl_cache
from optout.errors import Forbidden, NotFound
from optout.models import ContactStatus, ContactWrite, Principal, Reason, Role
from optout.rules.consent import StatusCommand
from optout.services import accounts, contacts
from tests.fakes import Stores, fake_stores
from tests.fakes.builders import PHONE, WS, api_key, new, workspace
from tests.fakes.patching import FakeRepository

ADMIN = Principal(workspace_id=WS, key_id="key_admin", key_name="admin", role=Role.ADMIN)
MEMBER = Principal(workspace_id=WS, key_id="key_member", key_name="member", role=Role.MEMBER)


@pytest.fixture
def stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stores]:
    stores = fake_stores()
    fake = FakeRepository(stores)
    monkeypatch.setattr(contacts, "repository", fake)
    monkeypatch.setattr(accounts, "repository", fake)
    ttl_cache.clear_all()  # the workspace cache must not serve another test's workspace
    stores.accounts.create_workspace(workspace(), api_key(1))
    yield stores
    ttl_cache.clear_all()


def history(stores: Stores) -> list[tuple[ContactStatus, Reason]]:
    events, _ = stores.events.query_contact_events(WS, PHONE, limit=10, start_key=None)
    return [(e.status, e.reason) for e in events]


# (status before, who, command) -> status after, or the error
STAFF = [
    (None, MEMBER, StatusCommand.UNSUBSCRIBED, ContactStatus.OPTED_OUT),
    (ContactStatus.ACTIVE, MEMBER, StatusCommand.BLOCKED, ContactStatus.BLOCKED),
    (ContactStatus.OPTED_OUT, MEMBER, StatusCommand.SUBSCRIBED, Forbidden),  # opting back in is for admins
    (None, ADMIN, StatusCommand.SUBSCRIBED, NotFound),
]


@pytest.mark.parametrize(("before", "who", "command", "after"), STAFF)
def test_staff_change_a_status_with_one_event(stores, before, who, command, after):
    if before is not None:
        stores.unit_of_work.write_contacts([new(status=before)])
    if isinstance(after, type):
        with pytest.raises(after):
            contacts.set_status(who, PHONE, command, "asked on the phone")
        assert history(stores) == []
        return
    result = contacts.set_status(who, PHONE, command, "asked on the phone")
    assert result.changed and stores.contacts.get_contact(WS, PHONE).status is after
    assert history(stores) == [(after, Reason.API)]


def test_an_unchanged_status_writes_nothing(stores):
    stores.unit_of_work.write_contacts([new(status=ContactStatus.OPTED_OUT)])
    before = stores.memory.transactions
    result = contacts.set_status(MEMBER, PHONE, StatusCommand.UNSUBSCRIBED, None)
    assert not result.changed and stores.memory.transactions == before


def test_a_write_that_loses_a_race_is_decided_again_on_what_won(stores, monkeypatch):
    """A profile edit lands between set_status's read and write: the write is refused on its
    version, the retry reads the edit and opts out without undoing it."""
    stores.unit_of_work.write_contacts([new()])
    write = stores.unit_of_work.write_contacts

    def edit_first(writes, **kwargs):
        monkeypatch.setattr(stores.unit_of_work, "write_contacts", write)
        current = stores.contacts.get_contact(WS, PHONE)
        edited = current.model_copy(update={"name": "Ann Lee", "version": current.version + 1})
        write([ContactWrite(contact=edited, expected_version=current.version)])
        return write(writes, **kwargs)

    monkeypatch.setattr(stores.unit_of_work, "write_contacts", edit_first)
    result = contacts.set_status(MEMBER, PHONE, StatusCommand.UNSUBSCRIBED, None)
    stored = stores.contacts.get_contact(WS, PHONE)
    assert result.changed and stored.status is ContactStatus.OPTED_OUT
    assert stored.name == "Ann Lee" and stored.version == 2
    assert history(stores) == [(ContactStatus.OPTED_OUT, Reason.API)]
