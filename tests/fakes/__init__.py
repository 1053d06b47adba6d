"""In-memory fakes of the storage ports, and the same stores on real DynamoDB, behind one shape.

`Stores` names one store per port (repository/ports.py). `fake_stores()` builds them in memory;
`real_stores()` names the repository's DynamoDB modules (a module is the adapter), for tests
that run on moto. The contract cases (contract_cases.py) take either, so a fake cannot drift from
the store it stands for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.fakes.memory import Memory, Op
from tests.fakes.reports import FakeReportRows
from tests.fakes.stores import (
    FakeAccounts,
    FakeContacts,
    FakeDismissals,
    FakeEvents,
    FakeFailures,
    FakeInboxes,
    FakeMarkers,
    FakeReviewQueue,
)
from tests.fakes.transactions import FakeCounters, FakeUnitOfWork


@dataclass(frozen=True)
class Stores:
    contacts: Any
    events: Any
    accounts: Any
    inboxes: Any
    markers: Any
    failures: Any
    counters: Any
    report_rows: Any
    review_queue: Any
    unit_of_work: Any
    memory: Memory | None = None  # the fakes' state (None on DynamoDB)
    dismissals: Any = None
    contact_search: Any = None  # the contacts' filtered reads (repository/contact_search.py)


def fake_stores() -> Stores:
    memory = Memory()
    return Stores(
        contacts=FakeContacts(memory),
        events=FakeEvents(memory),
        accounts=FakeAccounts(memory),
        inboxes=FakeInboxes(memory),
        markers=FakeMarkers(memory),
        failures=FakeFailures(memory),
        counters=FakeCounters(memory),
        report_rows=FakeReportRows(memory),
        review_queue=FakeReviewQueue(memory),
        unit_of_work=FakeUnitOfWork(memory),
        memory=memory,
        dismissals=FakeDismissals(memory),
        contact_search=FakeContacts(memory),
    )


def real_stores() -> Stores:
    from optout.repository import (
        accounts,
        contact_search,
        contacts,
        dismissals,
        events,
        failures,
        inboxes,
        markers,
        report_pages,
        reports,
        review_queue,
        unit_of_work,
    )

    return Stores(
        contacts, events, accounts, inboxes, markers, failures, reports, report_pages, review_queue, unit_of_work,
        contact_search=contact_search,
        dismissals=dismissals,
    )


__all__ = ["Memory", "Op", "Stores", "fake_stores", "real_stores"]
