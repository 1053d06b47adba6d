"""Fakes of the two ports that write across stores: the unit of work and the report counters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from optout.models import BroadcastFailure, ConsentEvent, ContactWrite
from optout.repository import keys
from optout.repository import unit_of_work as real_unit_of_work
from optout.repository.markers import DuplicateMessage
from optout.repository.unit_of_work import TRANSACTION_LIMIT, TransactionConflict
from tests.fakes.memory import Memory, Op
from tests.fakes.stores import FakeFailures, FakeMarkers

_MARKER, _EXTRA = -1, -2  # owners of ops that are not a contact write, as in the real one


class FakeUnitOfWork:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        self._markers = FakeMarkers(memory)
        self._failures = FakeFailures(memory)

    def _contact_ops(self, write: ContactWrite) -> list[Op]:
        contact = write.contact
        key = (contact.workspace_id, contact.phone)

        def holds() -> bool:
            current = self.memory.contacts.get(key)
            if write.expected_version is None:
                return current is None
            return current is not None and current.version == write.expected_version

        def apply() -> None:
            if write.delete:
                self.memory.contacts.pop(key, None)
            else:
                self.memory.contacts[key] = contact.model_copy(deep=True)

        ops = [Op(holds, apply)]
        if write.event is not None:
            ops.append(self._event_op(write.event))
        return ops

    def _event_op(self, event: ConsentEvent) -> Op:
        key = (keys.contact_key(event.workspace_id, event.phone), keys.event_sort_key(event.occurred_at, event.event_id))

        def apply() -> None:
            self.memory.events[key] = event.model_copy(deep=True)

        return Op(lambda: key not in self.memory.events, apply)  # append-only

    def write_contacts(
        self,
        writes: Sequence[ContactWrite],
        *,
        markers: Sequence[dict[str, Any]] = (),
        extra_items: Sequence[Op] = (),
        failures: Sequence[BroadcastFailure] = (),
    ) -> None:
        if not writes and not markers:
            return
        extras = [self._failures.failure_put(failure) for failure in failures] + list(extra_items)
        ops = [self._markers.marker_op(marker) for marker in markers] + extras
        owners = [_MARKER] * len(markers) + [_EXTRA] * len(extras)
        for index, write in enumerate(writes):
            for op in self._contact_ops(write):
                ops.append(op)
                owners.append(index)
        if len(ops) > TRANSACTION_LIMIT:
            raise ValueError(f"a transaction holds at most {TRANSACTION_LIMIT} items, got {len(ops)}")
        failed = sorted({owners[index] for index in self.memory.commit(ops)})
        if _MARKER in failed:
            raise DuplicateMessage()
        if failed:
            raise TransactionConflict(failed)

    def chunk_writes(self, writes: Sequence[ContactWrite]) -> Iterator[list[ContactWrite]]:
        return real_unit_of_work.chunk_writes(writes)  # pure: the same chunks as the real one

    def write_in_chunks(self, writes: Sequence[ContactWrite]) -> set[int]:
        failed: set[int] = set()
        start = 0
        for chunk in self.chunk_writes(writes):
            try:
                self.write_contacts(chunk)
            except TransactionConflict:
                failed.update(range(start, start + len(chunk)))
            start += len(chunk)
        return failed


class FakeCounters:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def query_counters(self, workspace_id: str, lower: str, upper: str) -> list[dict[str, Any]]:
        found = [
            {"pk": ws, "sk": sk, **counts}
            for (ws, sk), counts in self.memory.counters.items()
            if ws == workspace_id and lower <= sk <= upper
        ]
        return sorted(found, key=lambda item: item["sk"])

    def add_counters_once(self, marker_id: str, increments: Sequence[tuple[tuple[str, str], dict[str, int]]]) -> bool:
        chosen = [(key, counts) for key, counts in increments if counts]
        if len(chosen) + 1 > TRANSACTION_LIMIT:
            raise ValueError(f"at most {TRANSACTION_LIMIT - 1} counter items per transaction")

        def add() -> None:
            for key, counts in chosen:
                current = self.memory.counters.setdefault(key, {})
                for name, n in counts.items():
                    current[name] = current.get(name, 0) + n

        marker = FakeMarkers(self.memory).marker_op({"id": marker_id})
        return not self.memory.commit([marker, Op(lambda: True, add)])

    def add_counter_batch(self, batch_key: str, increments: Sequence[tuple[tuple[str, str], dict[str, int]]]) -> int:
        size = TRANSACTION_LIMIT - 1
        updated = 0
        for index in range(0, len(increments), size):
            chunk = increments[index : index + size]
            if self.add_counters_once(f"report-batch#{batch_key}#{index // size}", chunk):
                updated += len(chunk)
        return updated
