"""End-to-end harness: the local stack as a separate process, driven over HTTP with urllib.

The stack runs in a subprocess so its moto server and AWS environment never mix with the
in-process `mock_aws` the other tests use.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http(
    method: str,
    url: str,
    *,
    key: str | None = None,
    json_body: Any = None,
    body: bytes | str | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 30.0,
) -> tuple[int, Any]:
    """One request; returns (status, parsed JSON body or None). Error statuses are returned too."""
    all_headers = dict(headers or {})
    if key:
        all_headers["Authorization"] = f"Bearer {key}"
    if json_body is not None:
        body = json.dumps(json_body)
        all_headers.setdefault("Content-Type", "application/json")
    data = body.encode("utf-8") if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw) if raw else None


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-limit:] or "(empty)"
    except OSError:
        return "(none)"


@dataclass(frozen=True)
class RunningStack:
    demo: dict[str, Any]
    stdout: Path
    stderr: Path

    def logs(self) -> str:
        """Everything the stack has printed so far (console, access log, Powertools logs)."""
        return self.stdout.read_text(encoding="utf-8", errors="replace") + self.stderr.read_text(
            encoding="utf-8", errors="replace"
        )


@pytest.fixture(scope="session")
def local_stack(local_stack_process: RunningStack) -> dict[str, Any]:
    """The running stack's demo file: `base_url` and `workspaces` with their keys."""
    return local_stack_process.demo


@pytest.fixture(scope="session")
def local_stack_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    """`python -m local_stack` on a free port, in its own process, until the session ends."""
    with run_local_stack(tmp_path_factory.mktemp("local_stack")) as stack:
        yield stack


@contextmanager
def run_local_stack(workdir: Path) -> Iterator[RunningStack]:
    """A local stack of its own (own moto state and demo workspaces) while the block runs."""
    demo_file = workdir / "demo.json"
    stdout, stderr = workdir / "stdout.log", workdir / "stderr.log"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONUNBUFFERED"] = "1"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "local_stack",
                "--port",
                str(port),
                "--moto-port",
                "0",
                "--demo-file",
                str(demo_file),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not (demo_file.exists() and _answers(port)):
            if process.poll() is not None:
                pytest.fail(
                    f"the local stack exited with {process.returncode} before it was ready;"
                    f"\nstderr:\n{_tail(stderr)}\nstdout:\n{_tail(stdout)}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the local stack was not ready within {STARTUP_TIMEOUT:.0f} s "
                    f"(demo file written: {demo_file.exists()}, port {port} answering: "
                    f"{_answers(port)});\nstderr:\n{_tail(stderr)}"
                )
            time.sleep(0.1)
        yield RunningStack(json.loads(demo_file.read_text(encoding="utf-8")), stdout, stderr)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
