"""An in-memory EventPublisher (optout.event_bus): keeps what it published, and fails the events
whose detail id it is told to fail, once each, as a throttled PutEvents entry would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from optout.event_bus import BusEvent


@dataclass
class FakePublisher:
    fail_once: set[str] = field(default_factory=set)  # detail ids whose next publish fails
    published: list[BusEvent] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)  # every detail id tried, in order

    def publish(self, events: Sequence[BusEvent]) -> list[str | None]:
        outcomes: list[str | None] = []
        for event in events:
            event_id = str(event.detail.get("id"))
            self.attempts.append(event_id)
            if event_id in self.fail_once:
                self.fail_once.discard(event_id)
                outcomes.append("ThrottlingException")
                continue
            self.published.append(event)
            outcomes.append(None)
        return outcomes

    def ids(self) -> list[str]:
        return [str(event.detail["id"]) for event in self.published]
