"""A bounded schemathesis run of every route in the committed OpenAPI document, as admin and member.

Each role fuzzes a local stack of its own (the run creates, changes and deletes data, so it must
not share state with the other end-to-end tests). Every check runs; the run fails on any 5xx,
any response that breaks its schema, and any status code the document does not declare. The
generation is deterministic, so a failure reproduces on every run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import http, run_local_stack

pytestmark = pytest.mark.e2e

CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 10  # per operation and phase: about a minute per role on the local stack
RUN_TIMEOUT = 420  # a guard against a hung run, not a speed target: the run grows with the routes


def schemathesis_run(base_url: str, key: str, report: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file", str(CONFIG),
        "--no-color",
        "run", f"{base_url}/v1/openapi.json",
        "--url", base_url,
        "--checks", "all",
        "--header", f"Authorization: Bearer {key}",
        "--max-examples", str(MAX_EXAMPLES),
        "--generation-deterministic",
        "--workers", "1",
        "--request-timeout", "30",
        "--report", "junit", "--report-dir", str(report),
    ]
    # Run outside the work tree: schemathesis keeps a crash cache in its working directory, and a
    # fresh one each run keeps the run deterministic (and the tree clean).
    return subprocess.run(
        command, cwd=report.parent, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )


@pytest.mark.parametrize("role", ["admin", "member"])
def test_fuzz_every_route(role: str, tmp_path: Path) -> None:
    (tmp_path / "stack").mkdir()
    with run_local_stack(tmp_path / "stack") as stack:
        workspace = stack.demo["workspaces"][0]
        result = schemathesis_run(stack.demo["base_url"], workspace[f"{role}_key"], tmp_path / "report")
        logs = stack.logs()
    output = result.stdout + result.stderr
    (tmp_path / "schemathesis.log").write_text(output, encoding="utf-8")
    # The failures come first and the summary last: show both.
    shown = output if len(output) < 24000 else f"{output[:16000]}\n[...]\n{output[-8000:]}"
    assert result.returncode == 0, f"schemathesis as {role} failed:\n{shown}\n--- stack log tail ---\n{logs[-3000:]}"


def test_the_served_document_is_the_committed_one_and_covers_every_route(local_stack: dict[str, Any]) -> None:
    from local_stack import template
    from local_stack.openapi_drift import NOT_API
    from optout.api.openapi import DOCUMENT_PATH

    status, served = http("GET", f"{local_stack['base_url']}/v1/openapi.json")
    assert status == 200
    assert served == json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))
    documented = {(path, method.upper()) for path, ops in served["paths"].items() for method in ops}
    # Every route but the console's static files (HTML, not the API).
    assert documented == {(r.path, r.method) for r in template.api_routes() if r.function.logical_id not in NOT_API}
