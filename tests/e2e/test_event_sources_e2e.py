"""The local stack pumps its streams and queues as Lambda would: a STOP sent to the running stack
moves the report counters (kept by the reports function from the tables' streams) by itself,
without `make report`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import ROOT, http
from tests.e2e.test_topic_revocation_e2e import _twilio

pytestmark = pytest.mark.e2e
PHONE = "+13325590101"  # this module's own numbers: +1332559xxxx
WAIT_SECONDS = 60.0  # a loaded CI machine pumps slower; the loop ends as soon as the counters move


def _summary(stack: dict[str, Any], key: str) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    query = urlencode({"from": (today - timedelta(days=1)).isoformat(), "to": (today + timedelta(days=1)).isoformat()})
    status, body = http("GET", f"{stack['base_url']}/v1/reports/summary?{query}", key=key)
    assert status == 200, body
    return body  # type: ignore[no-any-return]


def test_a_stop_moves_the_report_counters_without_make_report(local_stack, local_stack_process):
    assert "is pumped into its functions" in local_stack_process.logs()  # the banner says so
    workspace = local_stack["workspaces"][0]
    key = workspace["member_key"]
    before = _summary(local_stack, key)
    _twilio(local_stack, workspace, "STOP", "SM-a1-e2e-stop", phone=PHONE)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        # Two streams feed the summary (events: the opt-out; contacts: the totals by status), each
        # in its own pump pass: wait for both.
        after = _summary(local_stack, key)
        moved = after["totals"]["opt_outs"]["total"] > before["totals"]["opt_outs"]["total"]
        counted = after["contacts_at_end"]["opted_out"] > before["contacts_at_end"]["opted_out"]
        if (moved and counted) or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    opt_outs, earlier = after["totals"]["opt_outs"], before["totals"]["opt_outs"]
    assert opt_outs["total"] == earlier["total"] + 1
    assert opt_outs["by_reason"].get("keyword", 0) == earlier["by_reason"].get("keyword", 0) + 1
    assert after["contacts_at_end"]["opted_out"] == before["contacts_at_end"]["opted_out"] + 1
    time.sleep(1.5)  # more pump passes count nothing twice
    assert _summary(local_stack, key)["totals"]["opt_outs"] == opt_outs


def test_make_report_against_the_pumping_stack_counts_nothing_again(local_stack, local_stack_process, tmp_path):
    workspace = local_stack["workspaces"][0]
    key = workspace["member_key"]
    _twilio(local_stack, workspace, "STOP", "SM-a1-e2e-report", phone="+13325590102")
    time.sleep(1.5)
    before = _summary(local_stack, key)["totals"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    env["PYTHONPATH"] = str(ROOT)
    demo_file = local_stack_process.stdout.parent / "demo.json"  # the stack's own, with its status beside it
    day = datetime.now(UTC).date().isoformat()
    done = subprocess.run(
        [sys.executable, "-m", "local_stack.report", "--date", day, "--demo-file", str(demo_file),
         "--out", str(tmp_path / "out")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "the stack has fed every stream record to its functions" in done.stdout
    assert "the stack has drained the job queue" in done.stdout
    assert (tmp_path / "out" / workspace["id"] / day / "summary.json").is_file()
    assert _summary(local_stack, key)["totals"] == before
