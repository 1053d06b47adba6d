"""The in-memory fakes keep the storage ports' contract (the same cases run on DynamoDB in
tests/integration/test_repository_contracts_dynamodb.py), and implement every port's methods."""

from __future__ import annotations

import inspect
import threading

import pytest

from optout.repository import ports
from optout.repository.unit_of_work import TransactionConflict
from tests.fakes import Stores, fake_stores
from tests.fakes.builders import contact, new, opt_out
from tests.fakes.contract_cases import CASES

PORTS = {
    "contacts": ports.ContactStore,
    "events": ports.EventStore,
    "accounts": ports.AccountStore,
    "inboxes": ports.InboxStore,
    "markers": ports.MarkerStore,
    "failures": ports.FailureStore,
    "counters": ports.CounterStore,
    "report_rows": ports.ReportRowStore,
    "review_queue": ports.ReviewQueueStore,
    "unit_of_work": ports.UnitOfWork,
    "dismissals": ports.DismissalStore,
}


@pytest.fixture
def stores() -> Stores:
    return fake_stores()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_the_fakes_keep_the_contract(case, stores):
    case(stores)


def _methods(port: type) -> list[str]:
    return [name for name, value in vars(port).items() if callable(value) and not name.startswith("_")]


@pytest.mark.parametrize(("store", "port"), PORTS.items(), ids=list(PORTS))
def test_each_fake_has_its_ports_methods_with_the_same_parameters(store, port, stores):
    fake = getattr(stores, store)
    for name in _methods(port):
        wanted = list(inspect.signature(getattr(port, name)).parameters)[1:]  # without self
        assert list(inspect.signature(getattr(fake, name)).parameters) == wanted, f"{store}.{name}"


def test_of_two_racing_writers_on_one_version_exactly_one_wins(stores):
    """The lock in Memory.commit: a check and its write are one step, as in a transaction."""
    stores.unit_of_work.write_contacts([new()])
    current = stores.contacts.get_contact(contact().workspace_id, contact().phone)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        barrier.wait()
        try:
            stores.unit_of_work.write_contacts([opt_out(current, n=n)])
            outcomes.append("won")
        except TransactionConflict:
            outcomes.append("lost")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["lost"] * 7 + ["won"]
    history, _ = stores.events.query_contact_events(current.workspace_id, current.phone, limit=20, start_key=None)
    assert len(history) == 1
