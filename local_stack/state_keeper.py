"""Keep the local stack's state across restarts (`make serve`; `--fresh` starts empty).

On start, the newest snapshot that loads (`local_stack.state_snapshot`) is written back into moto
(`local_stack.moto_state`) around the template's resources, and the demo workspaces come back with
the same keys instead of new ones. While the stack runs, every moto request that writes marks the
state dirty; a background thread saves a dirty state every `interval` seconds (longer when a save
takes long, so a big state never keeps the stack busy), and the stack saves once more on shutdown.

Nothing is replayed: restored items make no stream records and restored objects fire no bucket
notification, so the event-source driver starts on an empty stream and feeds only what happens
after the restart. Its checkpoints are not kept: sequence numbers start again in a new moto.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from local_stack import moto_state, template
from local_stack.state_snapshot import BadSnapshot, Loaded, SnapshotStore

SAVE_INTERVAL_SECONDS = 2.0
SLOW_SAVE_FACTOR = 4  # wait at least this many times the last save's duration before the next
READ_ACTIONS = ("Get", "Describe", "List", "Query", "Scan", "BatchGet", "Receive")


class WriteGate:
    """moto requests that write run side by side; a capture waits until they are done and holds
    new ones back, so it reads every backend at one moment between two writes."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._writing = 0
        self._capturing = False

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._capturing)
            self._writing += 1
        try:
            yield
        finally:
            with self._cond:
                self._writing -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._capturing)
            self._capturing = True
            self._cond.wait_for(lambda: self._writing == 0)
        try:
            yield
        finally:
            with self._cond:
                self._capturing = False
                self._cond.notify_all()


def writes_state(environ: dict[str, Any]) -> bool:
    """Whether a request to moto may change what a snapshot holds (reads and receives do not)."""
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:  # JSON protocols: DynamoDB, SQS, Secrets Manager, KMS, EventBridge ...
        return not str(target).rsplit(".", 1)[-1].startswith(READ_ACTIONS)
    return environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD", "OPTIONS")


class _WatchedApp:
    """moto's WSGI application, marking the state dirty after each request that writes."""

    def __init__(self, app: Any, gate: WriteGate, mark_dirty: Callable[[], None]) -> None:
        self.app, self.gate, self.mark_dirty = app, gate, mark_dirty

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if not writes_state(environ):
            return self.app(environ, start_response)
        with self.gate.write():
            try:
                return self.app(environ, start_response)
            finally:
                self.mark_dirty()


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class StateKeeper:
    """The saved state of one folder: restore it, keep it saved, save it on close."""

    def __init__(self, folder: Path, *, interval: float = SAVE_INTERVAL_SECONDS,
                 log: Callable[[str], None] = _stderr) -> None:
        self.store = SnapshotStore(folder)
        self.interval = interval
        self.log = log
        self.loaded: Loaded | None = None
        self.restored: dict[str, int] = {}
        self._demo: dict[str, Any] | None = None
        self._gate = WriteGate()
        self._dirty = threading.Event()
        self._save_lock = threading.Lock()
        self._digests = moto_state.ObjectDigests()
        self._kept: set[str] = set()  # blobs the last snapshot written (or loaded) refers to
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ready = False  # the saved state is back in moto: from here on a save keeps it all

    @property
    def folder(self) -> Path:
        return self.store.folder

    def open(self, *, fresh: bool = False) -> StateKeeper:
        """Load the saved state (SnapshotRefused when none of it loads), or clear it with `fresh`."""
        if fresh:
            self.store.clear()
            return self
        self.loaded = self.store.load(_document_blobs)
        for line in self.loaded.refused if self.loaded else ():
            self.log(f"! saved state: {line}")
        if self.loaded is not None:
            self._demo = self.loaded.state.get("demo")
            self._kept = _document_blobs(self.loaded.state)
        return self

    # -- start ----------------------------------------------------------------------------------

    def create_resources(self, session: Any) -> dict[str, str]:
        """The template's resources, with the saved state written back into them."""
        aws = self.loaded.state.get("aws") if self.loaded else None
        if aws:
            moto_state.restore_keys(aws.get("keys", []))  # first: the template then keeps them
        names = template.create_resources(session)
        if aws:
            self.restored = moto_state.restore_after_resources(aws, self.store.read_blob)
        self._ready = True
        return names

    @property
    def demo(self) -> dict[str, Any] | None:
        """The demo workspaces of the restored state (their keys still work), if any."""
        return self._demo

    def remember_demo(self, demo: dict[str, Any]) -> None:
        self._demo = demo
        self.mark_dirty()

    def show_demo(self, base_url: str, demo_file: Path) -> dict[str, Any]:
        """Write the restored demo workspaces to `demo_file` (with this run's URLs) and print them."""
        from local_stack.demo import describe, write_demo_file

        assert self._demo is not None
        self._demo = {**self._demo, "base_url": base_url, "moto_url": os.environ.get("AWS_ENDPOINT_URL")}
        write_demo_file(self._demo, demo_file)
        print(describe(self._demo, demo_file), flush=True)
        return self._demo

    def describe(self) -> str:
        """The banner's line: where the state lives and what was restored."""
        where = _display(self.folder)
        if self.loaded is None:
            return f"{where} (empty at start; kept across restarts, --fresh clears it)"
        counts = ", ".join(f"{n} {kind}" for kind, n in self.restored.items()) or "nothing"
        return f"{where} (restored {counts} from {self.loaded.path.name}; --fresh clears it)"

    # -- saving ---------------------------------------------------------------------------------

    def mark_dirty(self) -> None:
        self._dirty.set()

    def save(self) -> None:
        """Write a snapshot of the whole state now."""
        with self._save_lock:
            self._dirty.clear()  # a write from here on marks it again
            try:
                self._write_once()
            except BadSnapshot:  # a blob went missing under a remembered digest: read them all
                self._digests = moto_state.ObjectDigests()
                self._write_once()

    def _write_once(self) -> None:
        blobs: moto_state.Blobs = {}
        with self._gate.exclusive():
            aws = moto_state.capture(blobs, self._digests)
        referenced = moto_state.blob_digests(aws)
        self.store.write({"aws": aws, "demo": self._demo}, blobs, referenced)
        self.store.collect_blobs(referenced | self._kept)  # the previous snapshot's stay too
        self._kept = referenced

    def watch(self, moto_server: Any) -> None:
        """Mark the state dirty after every write request the moto server answers."""
        wsgi = moto_server._server  # set by ThreadedMotoServer.start()
        wsgi.app = _WatchedApp(wsgi.app, self._gate, self.mark_dirty)

    def start(self) -> StateKeeper:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="state-keeper", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop the background saves and save what changed since the last one. A stack stopped
        before its saved state was back in moto saves nothing: that would lose the saved state."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)
            self._thread = None
        if self._ready and self._dirty.is_set():
            try:
                self.save()
            except Exception as exc:  # the last good snapshot stays; say what was not saved
                self.log(f"! could not save the local stack's state in {self.folder}: {exc!r}")

    def _run(self) -> None:
        pause = self.interval
        while not self._stop.wait(pause):
            if not self._dirty.is_set():
                continue
            started = time.monotonic()
            try:
                self.save()
            except Exception as exc:  # a full disk ...: say so, keep the state dirty, try again
                self.mark_dirty()
                self.log(f"! could not save the local stack's state in {self.folder}: {exc!r}")
            pause = max(self.interval, SLOW_SAVE_FACTOR * (time.monotonic() - started))


def _document_blobs(document: dict[str, Any]) -> set[str]:
    return moto_state.blob_digests(document.get("aws") or {})


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


__all__ = ["SAVE_INTERVAL_SECONDS", "StateKeeper", "WriteGate", "writes_state"]
