"""The local stack's state on disk: one snapshot file, the previous good one, and a blob folder.

    <state dir>/snapshot.json            the latest snapshot
    <state dir>/snapshot.previous.json   the one before it
    <state dir>/blobs/<sha256>           S3 objects' bytes, named by their digest, written once

A snapshot file is a header line (format, version, length and SHA-256 of the body) and a JSON body.
Every file is written to a temporary file in the same folder, flushed and fsynced, then renamed
over the old one (the old snapshot is first linked to the previous one's name), so a process killed
mid-write leaves the last good snapshot in place and nothing half-written under a real name.

A snapshot that does not load (truncated, altered, a blob missing) is refused with its reason: it is
moved aside to `snapshot.json.refused-<time>` and the previous one is loaded. When neither loads,
loading fails (`SnapshotRefused`): the state is never silently emptied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "optout-local-state"
VERSION = 1
CURRENT = "snapshot.json"
PREVIOUS = "snapshot.previous.json"
BLOBS = "blobs"


class SnapshotRefused(RuntimeError):
    """No snapshot of the state folder loads; the message says why, file by file."""


class BadSnapshot(ValueError):
    """One snapshot file cannot be loaded."""


@dataclass
class Loaded:
    state: dict[str, Any]
    path: Path
    refused: list[str] = field(default_factory=list)  # one line per snapshot refused on the way


def fsync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, and rename it over `path`."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def encode(state: dict[str, Any]) -> bytes:
    body = json.dumps(state, separators=(",", ":")).encode()
    header = {"format": FORMAT, "version": VERSION, "length": len(body),
              "sha256": hashlib.sha256(body).hexdigest(), "saved_at": time.time()}
    return json.dumps(header).encode() + b"\n" + body


def decode(data: bytes) -> dict[str, Any]:
    """The state in a snapshot file's bytes, or BadSnapshot saying what is wrong with them."""
    head, newline, body = data.partition(b"\n")
    try:
        header = json.loads(head)
    except ValueError:
        header = None
    if not newline or not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BadSnapshot("not a local-stack snapshot (no header line)")
    if header.get("version") != VERSION:
        raise BadSnapshot(f"snapshot format version {header.get('version')}, this code reads {VERSION}")
    if len(body) != header.get("length"):
        raise BadSnapshot(f"truncated: {len(body)} of {header.get('length')} bytes")
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise BadSnapshot("its checksum does not match (the file was altered)")
    state = json.loads(body)
    if not isinstance(state, dict):
        raise BadSnapshot("its body is not a JSON object")
    return state


class SnapshotStore:
    """Reads and writes the snapshots of one state folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.blobs = folder / BLOBS

    @property
    def current(self) -> Path:
        return self.folder / CURRENT

    @property
    def previous(self) -> Path:
        return self.folder / PREVIOUS

    def exists(self) -> bool:
        return self.current.exists() or self.previous.exists()

    # -- writing --------------------------------------------------------------------------------

    def write(self, state: dict[str, Any], new_blobs: dict[str, bytes], referenced: Iterable[str]) -> None:
        """Store the new blobs, then the snapshot; the last snapshot becomes the previous one."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # keys and secrets: owner only
        self.blobs.mkdir(exist_ok=True, mode=0o700)
        for digest, value in new_blobs.items():
            if not (self.blobs / digest).exists():
                write_atomically(self.blobs / digest, value)
        missing = [digest for digest in referenced if not (self.blobs / digest).exists()]
        if missing:
            raise BadSnapshot(f"{len(missing)} object(s) have no blob (first {missing[0]})")
        fsync_dir(self.blobs)
        data = encode(state)
        if self.current.exists():  # keep it as the previous one, never leaving neither in place
            link = self.folder / f".{PREVIOUS}.{os.getpid()}.tmp"
            link.unlink(missing_ok=True)
            os.link(self.current, link)
            os.replace(link, self.previous)
        write_atomically(self.current, data)
        fsync_dir(self.folder)

    def collect_blobs(self, keep: set[str]) -> int:
        """Delete the blobs no kept snapshot refers to; returns how many."""
        removed = 0
        for path in self.blobs.glob("*"):
            if path.is_file() and path.name not in keep and not path.name.startswith("."):
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    # -- reading --------------------------------------------------------------------------------

    def load(self, blob_digests: Any) -> Loaded | None:
        """The newest snapshot that loads (None when there is none); each one refused on the way
        is moved aside and named in `refused`. `blob_digests(state)` lists the blobs it needs."""
        self._remove_partials()
        refused: list[str] = []
        for path in (self.current, self.previous):
            if not path.exists():
                continue
            try:
                state = decode(path.read_bytes())
                self._check_blobs(blob_digests(state))
            except (OSError, ValueError) as exc:
                kept = path.with_name(f"{path.name}.refused-{time.strftime('%Y%m%dT%H%M%S')}")
                os.replace(path, kept)
                refused.append(f"{path.name} refused ({exc}); kept as {kept.name}")
                continue
            return Loaded(state, path, refused)
        if refused:
            raise SnapshotRefused(
                "no saved state of the local stack loads:\n  " + "\n  ".join(refused)
                + f"\nStart with --fresh to begin empty (the refused files stay in {self.folder})."
            )
        return None

    def read_blob(self, digest: str) -> bytes:
        return (self.blobs / digest).read_bytes()

    def _check_blobs(self, digests: set[str]) -> None:
        for digest in digests:
            try:
                value = self.read_blob(digest)
            except OSError:
                raise BadSnapshot(f"blob {digest} is missing") from None
            if hashlib.sha256(value).hexdigest() != digest:
                raise BadSnapshot(f"blob {digest} does not match its digest")

    def _remove_partials(self) -> None:
        """Temporary files of a process that died mid-write: never a snapshot, always safe to drop."""
        for folder in (self.folder, self.blobs):
            for partial in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    partial.unlink()

    # -- --fresh ----------------------------------------------------------------------------------

    def clear(self) -> None:
        """Forget the saved state: the snapshots, refused ones, partial files and blobs (only the
        files this store writes, so a state folder given by mistake loses nothing else)."""
        patterns = (CURRENT, PREVIOUS, f"{CURRENT}.refused-*", f"{PREVIOUS}.refused-*", ".*.tmp")
        for pattern in patterns:
            for path in self.folder.glob(pattern):
                path.unlink(missing_ok=True)
        if self.blobs.is_dir():
            for path in self.blobs.iterdir():
                if path.is_file():
                    path.unlink()
            with contextlib.suppress(OSError):
                self.blobs.rmdir()


__all__ = ["BadSnapshot", "Loaded", "SnapshotRefused", "SnapshotStore", "decode", "encode", "write_atomically"]
