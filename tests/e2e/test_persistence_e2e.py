"""The local stack keeps its state across restarts: `python -m local_stack --state-dir DIR` stopped
with SIGTERM (or killed with SIGKILL in the middle of writes) and started again has the same
contacts, events, keys and inbox secrets; `--fresh` starts empty.

Each test runs stacks of its own, one after the other, on one state folder.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ROOT, STARTUP_TIMEOUT, _answers, free_port, http

sys.path.insert(0, str(ROOT / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e

PHONE = "+13325590001"
INBOUND_PHONE = "+13325590002"


@dataclass
class Stack:
    process: subprocess.Popen[bytes]
    demo: dict[str, Any]
    stdout: Path
    stderr: Path

    @property
    def base(self) -> str:
        return str(self.demo["base_url"])

    @property
    def workspace(self) -> dict[str, Any]:
        return dict(self.demo["workspaces"][0])

    def console(self) -> str:
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        self.process.send_signal(sig)
        return self.process.wait(timeout=60)


@contextmanager
def running(folder: Path, run: str, *args: str) -> Iterator[Stack]:
    """`python -m local_stack` with its state in `folder/state`, until the block ends (or the
    test stops it first)."""
    demo_file, stdout, stderr = folder / "demo.json", folder / f"{run}.out", folder / f"{run}.err"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    env.update(PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "local_stack", "--port", str(port), "--demo-file", str(demo_file),
               "--state-dir", str(folder / "state"), *args]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not (demo_file.exists() and _answers(port)):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the local stack ({run}) did not start:\n{stderr.read_text()[-3000:]}")
            time.sleep(0.1)
        yield Stack(process, json.loads(demo_file.read_text()), stdout, stderr)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def _telnyx_stop(stack: Stack) -> int:
    """A STOP through the workspace's Telnyx inbox: its signing key is a secret of the stack."""
    inbox = next(i for i in stack.workspace["inboxes"] if i["provider"] == "telnyx")
    url = f"{stack.base}/webhooks/telnyx/inbound"
    body = carrier_signing.inbound_body("telnyx", INBOUND_PHONE, inbox["number"], "STOP")
    headers = {**carrier_signing.sign("telnyx", url, body, inbox), "Content-Type": "application/json"}
    return http("POST", url, body=body, headers=headers)[0]


def _verify(export_file: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "layers" / "core")}
    return subprocess.run([sys.executable, "-m", "optout", "evidence", "verify", str(export_file)],
                          capture_output=True, text=True, env=env, timeout=60, check=False)


def _summary(stack: Stack, *, settled: bool = True) -> Any:
    """Today's report summary, once the stream poller has counted the opt-out (twice alike)."""
    day = time.strftime("%Y-%m-%d", time.gmtime())
    url = f"{stack.base}/v1/reports/summary?from={day}&to={day}"
    deadline, last = time.monotonic() + 20, None
    while True:
        status, summary = http("GET", url, key=stack.workspace["member_key"])
        assert status == 200
        if not settled or (summary == last and "opted_out" in json.dumps(summary)) or time.monotonic() > deadline:
            return summary
        last = summary
        time.sleep(1)


def _first_run(stack: Stack, folder: Path) -> dict[str, Any]:
    """A contact opted out, a new API key, an evidence export: what the second run must still have."""
    ws = stack.workspace
    assert http("POST", f"{stack.base}/v1/contacts", key=ws["member_key"], json_body={"phone": PHONE})[0] == 201
    status, _ = http("POST", f"{stack.base}/v1/contact/set_status", key=ws["member_key"],
                     json_body={"phone": PHONE, "status": "unsubscribed", "note": "asked by phone"})
    assert status == 200
    status, created = http("POST", f"{stack.base}/v1/api-keys", key=ws["admin_key"],
                           json_body={"name": "made before the restart", "role": "member"})
    assert status == 201
    status, export = http("GET", f"{stack.base}/v1/contacts/{PHONE}/evidence", key=ws["member_key"])
    assert status == 200
    (folder / "evidence.json").write_text(json.dumps(export))
    return {"key": created["api_key"], "demo": stack.demo["workspaces"], "summary": _summary(stack),
            "public_key": export["signature"]["public_key"]}


def test_a_restarted_stack_has_its_contacts_events_and_keys_and_fresh_starts_empty(tmp_path: Path) -> None:
    with running(tmp_path, "first") as first:
        before = _first_run(first, tmp_path)
        assert first.stop() == 0
        assert "saving its state" in first.console()

    with running(tmp_path, "second") as second:
        assert second.demo["workspaces"] == before["demo"]  # the same workspaces, keys and inboxes
        assert "restored" in second.console()
        status, contact = http("GET", f"{second.base}/v1/contacts/{PHONE}", key=before["key"])
        assert (status, contact["status"]) == (200, "opted_out")
        status, events = http("GET", f"{second.base}/v1/contacts/{PHONE}/events", key=second.workspace["admin_key"])
        assert status == 200 and [e["note"] for e in events["events"]] == ["asked by phone"]
        status, export = http("GET", f"{second.base}/v1/contacts/{PHONE}/evidence", key=before["key"])
        assert status == 200 and export["signature"]["public_key"] == before["public_key"]  # the same KMS key
        verified = _verify(tmp_path / "evidence.json")  # made before the restart
        assert verified.returncode == 0 and "verified: 1 events" in verified.stdout
        time.sleep(3)  # the stream poller runs: nothing restored is counted again
        assert _summary(second, settled=False) == before["summary"]
        assert _telnyx_stop(second) == 200  # the inbox's secret came back under its ARN
        assert second.stop() == 0

    with running(tmp_path, "fresh", "--fresh") as fresh:
        assert fresh.demo["workspaces"][0]["admin_key"] != before["demo"][0]["admin_key"]
        assert http("GET", f"{fresh.base}/v1/me", key=before["key"])[0] == 401
        assert http("GET", f"{fresh.base}/v1/contacts/{PHONE}", key=fresh.workspace["member_key"])[0] == 404
        assert "empty at start" in fresh.console()


def test_a_stack_killed_during_a_burst_of_writes_starts_again(tmp_path: Path) -> None:
    created: list[str] = []
    with running(tmp_path, "burst") as stack:
        key, stop = stack.workspace["member_key"], threading.Event()

        def burst() -> None:
            for n in range(10_000):
                phone = f"+1332559{n:04d}"
                try:
                    status = http("POST", f"{stack.base}/v1/contacts", key=key, json_body={"phone": phone})[0]
                except OSError:  # the stack was killed mid-request
                    return
                if stop.is_set() or status != 201:
                    return
                created.append(phone)

        writer = threading.Thread(target=burst, daemon=True)
        writer.start()
        time.sleep(6)  # a few background saves happen meanwhile
        stack.stop(signal.SIGKILL)
        stop.set()
        writer.join(30)
    assert len(created) > 20

    with running(tmp_path, "after-kill") as again:
        console = again.console()
        assert "restored" in console and "refused" not in console
        assert not list((tmp_path / "state").glob(".*.tmp"))
        assert again.workspace["member_key"] == key
        status, _ = http("GET", f"{again.base}/v1/contacts/{created[0]}", key=key)
        assert status == 200  # saved seconds before the kill
