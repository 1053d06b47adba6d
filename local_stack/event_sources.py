"""Lambda's event source pollers, locally: template.yaml's `Type: DynamoDB` and `Type: SQS` events
pumped into the real handlers (`local_stack.stream_driver`, `local_stack.queue_driver`).

- `drain(session, timeout=...)` pumps synchronously until everything is quiet: no stream has new
  records or a batch waiting for its retry, and no subscribed queue holds a message. Integration
  tests call it under moto's `mock_aws`; it works against a moto server too.
- `EventSourceDriver(session).start()` does the same continuously in a background thread (the
  local stack runs one), until `stop()`. A function's error is logged, never ends the thread.

Failed queue messages and stream batches come back after OPTOUT_LOCAL_RETRY_SECONDS (default 2),
not after the queue's real visibility timeout. Stream checkpoints (`checkpoints()`, and the
`checkpoints` argument) are {"Function/Table": {shard id: last sequence number handed over}}.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from local_stack import lambdas, template
from local_stack.queue_driver import QueuePump, queue_sources
from local_stack.stream_driver import StreamPump, stream_sources

RETRY_ENV = "OPTOUT_LOCAL_RETRY_SECONDS"
DEFAULT_RETRY_SECONDS = 2.0
POLL_SECONDS = 0.2  # the background thread's pause after a pass that found nothing
IDLE_POLL_SECONDS = 1.0  # ... and after a while of nothing: each stream read costs moto an iterator
QUIET_STEP_SECONDS = 0.05  # drain's pause while only retries are waiting
STATUS_FILE = "event-sources.json"  # the local stack's driver writes it beside its demo file


@dataclass
class Summary:
    """What a drain handed over, by source (`Function/Table`, `Function/Queue`)."""

    quiet: bool = True
    records: dict[str, int] = field(default_factory=dict)  # stream records handed over for good
    messages: dict[str, int] = field(default_factory=dict)  # queue messages handled (deleted)
    failures: int = 0  # failed invocations (batches)

    @property
    def total(self) -> int:
        return sum(self.records.values()) + sum(self.messages.values())


def retry_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(RETRY_ENV, DEFAULT_RETRY_SECONDS)))
    except ValueError:
        return DEFAULT_RETRY_SECONDS


def log(message: str, **fields: Any) -> None:
    """One JSON line on stderr, beside the functions' own logs."""
    line = {"level": "ERROR" if "error" in fields or "gave up" in message else "INFO",
            "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"), "logger": "local_stack.event_sources",
            "message": message, **fields}
    print(json.dumps(line, default=str), file=sys.stderr, flush=True)


class _Invoker:
    """Calls a real handler as Lambda would, one invocation at a time in this process (the local
    stack's HTTP server holds the same lock: handlers keep per-invocation state in globals)."""

    def __init__(self, lock: Any) -> None:
        self.lock = lock

    def __call__(self, spec: template.FunctionSpec, event: dict[str, Any]) -> Any:
        with self.lock:
            return lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id))


class EventSourceDriver:
    """Every stream and queue source of template.yaml, pumped into its function."""

    def __init__(self, session: Any, *, checkpoints: Mapping[str, Mapping[str, str]] | None = None,
                 invoke_lock: Any = None, retry: float | None = None,
                 status_file: Path | None = None, remember: bool = False,
                 streams: bool = True, queues: bool = True, tmpl: dict[str, Any] | None = None) -> None:
        tmpl = tmpl or template.load_template()  # tests pass a template of throwaway functions
        region = template.LOCAL_REGION
        sqs, sns = session.client("sqs", region_name=region), session.client("sns", region_name=region)
        clients = (session.client("dynamodb", region_name=region),
                   session.client("dynamodbstreams", region_name=region), sqs, sns)
        invoke = _Invoker(invoke_lock if invoke_lock is not None else threading.Lock())
        delay = retry_seconds() if retry is None else retry
        saved = checkpoints or {}
        # Without checkpoints, a drain resumes where the last drain of the same stream stopped.
        memory = _drained if checkpoints is None and remember else None
        self.streams = [StreamPump(clients, source, invoke, log, delay, dict(saved.get(source.key) or {}), memory)
                        for source in stream_sources(tmpl) if streams]
        redrives = _max_receives(tmpl)
        self.queues = [QueuePump(sqs, source, invoke, log, delay, redrives.get(source.queue))
                       for source in queue_sources(tmpl) if queues]
        self.status_file = status_file
        self.endpoint = clients[0].meta.endpoint_url
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._written: str | None = None

    def checkpoints(self) -> dict[str, dict[str, str]]:
        """Each stream subscription's shard checkpoints, to save and pass back after a restart."""
        return {pump.source.key: dict(pump.checkpoints) for pump in self.streams}

    def pump_once(self) -> int:
        """One pass over every source; returns the records and messages received."""
        moved = sum(pump.poll() for pump in self.streams) + sum(pump.poll() for pump in self.queues)
        self._write_status()
        return moved

    def busy(self) -> bool:
        """A stream batch waits for its retry, or a subscribed queue holds messages."""
        return any(pump.retrying() for pump in self.streams) or any(pump.waiting() for pump in self.queues)

    def drain(self, timeout: float = 60.0) -> Summary:
        """Pump until a pass finds nothing and nothing is waiting (a function's output may feed
        another source: a stream batch publishes to a bus whose rule fills a queue)."""
        deadline = time.monotonic() + timeout
        while True:
            moved = self.pump_once()
            if not moved and not self.busy():
                return self.summary(quiet=True)
            if time.monotonic() > deadline:
                log("event sources still busy when the drain timed out", timeout=timeout)
                return self.summary(quiet=False)
            if not moved:
                time.sleep(QUIET_STEP_SECONDS)

    def summary(self, *, quiet: bool) -> Summary:
        return Summary(
            quiet=quiet,
            records={p.source.key: p.delivered for p in self.streams},
            messages={f"{p.source.function.logical_id}/{p.source.queue}": p.handled for p in self.queues},
            failures=sum(p.failed for p in self.streams) + sum(p.failed for p in self.queues),
        )

    # -- the background thread -------------------------------------------------------------------

    def start(self) -> EventSourceDriver:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="event-sources", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        idle_since = time.monotonic()
        while not self._stop.is_set():
            try:
                moved = self.pump_once()
            except Exception as exc:  # storage hiccup (moto stopping ...): log, keep polling
                log("event source poll failed", error=repr(exc))
                moved = 0
            now = time.monotonic()
            if moved:
                idle_since = now
                continue
            self._stop.wait(POLL_SECONDS if now - idle_since < 10 else IDLE_POLL_SECONDS)

    def _write_status(self) -> None:
        """The checkpoints, for `make report` (another process) to see what the stack has fed."""
        if self.status_file is None:
            return
        text = json.dumps({"moto_url": self.endpoint, "streams": self.checkpoints()}, sort_keys=True)
        if text != self._written:
            partial = self.status_file.with_name(self.status_file.name + ".tmp")
            partial.write_text(text, encoding="utf-8")
            partial.replace(self.status_file)
            self._written = text


# What drains without checkpoints have handed over, by subscription and stream ARN: a new moto
# state (each test's mock_aws) has new tables, so new stream ARNs, and starts from the beginning.
_drained: dict[str, dict[str, str]] = {}


def _max_receives(tmpl: dict[str, Any]) -> dict[str, int]:
    """Each queue's maxReceiveCount (queues with a RedrivePolicy only)."""
    found = {}
    for name, props in template.resources(tmpl, "AWS::SQS::Queue").items():
        policy = template.resolve(props.get("RedrivePolicy"), tmpl)  # a count may be a !Ref
        try:
            found[name] = int(policy["maxReceiveCount"])
        except (TypeError, KeyError, ValueError):
            continue  # no redrive (or none the stack can read): the queue keeps its messages
    return found


def drain(session: Any, *, timeout: float = 60.0, checkpoints: Mapping[str, Mapping[str, str]] | None = None,
          retry: float | None = None, tmpl: dict[str, Any] | None = None) -> Summary:
    """Pump every stream and queue source into its function until all are quiet (or `timeout`
    seconds pass: then `quiet` is False). Without `checkpoints`, streams are read from the
    position where the last such drain of the same stream stopped (its StartingPosition at first),
    so no record is handed over twice. `retry` overrides OPTOUT_LOCAL_RETRY_SECONDS."""
    driver = EventSourceDriver(session, checkpoints=checkpoints, retry=retry, remember=True, tmpl=tmpl)
    return driver.drain(timeout)
