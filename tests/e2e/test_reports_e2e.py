"""Reports over HTTP against the local stack, and `python -m local_stack.report` (what `make
report` runs) writing the scheduled job's files from the same stack."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from twilio.request_validator import RequestValidator

from tests.e2e.conftest import ROOT, http

sys.path.insert(0, str(ROOT / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e

# Numbers no other end-to-end test uses, so the rows that are ours can be told apart.
STOPPERS = ["+14155550181", "+14155550182"]


def _twilio_inbound(stack: dict[str, Any], workspace: dict[str, Any], sender: str, text: str, sid: str) -> None:
    inbox = next(i for i in workspace["inboxes"] if i["provider"] == "twilio")
    url = f"{stack['base_url']}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", sender, inbox["number"], text, sid)
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": RequestValidator(inbox["auth_token"]).compute_signature(url, params),
    }
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def _get_text(url: str, key: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def opted_out(local_stack: dict[str, Any]) -> dict[str, Any]:
    """Two signed Twilio STOPs to the second workspace, and a START from the first of them."""
    workspace = local_stack["workspaces"][1]
    for i, sender in enumerate(STOPPERS):
        _twilio_inbound(local_stack, workspace, sender, "STOP", f"SM-e2e-report-{i}")
    _twilio_inbound(local_stack, workspace, STOPPERS[0], "START", "SM-e2e-report-start")
    inbox = next(i for i in workspace["inboxes"] if i["provider"] == "twilio")["number"]
    now = datetime.now(UTC)
    return {
        "workspace": workspace,
        "inbox": inbox,
        "range": {"from": (now - timedelta(days=1)).date().isoformat(), "to": (now + timedelta(days=1)).date().isoformat()},
    }


def _report(stack: dict[str, Any], key: str, path: str, **query: str) -> tuple[int, Any]:
    return http("GET", f"{stack['base_url']}{path}?{urlencode(query)}", key=key)


def test_filtered_opt_out_and_opt_in_reports_over_http(local_stack, opted_out):
    key = opted_out["workspace"]["member_key"]
    filters = {"inbox": opted_out["inbox"], "reason": "keyword", "initiator": "contact"}
    status, body = _report(local_stack, key, "/v1/reports/opt-outs", **opted_out["range"], **filters)
    assert status == 200, body
    ours = [r for r in body["rows"] if r["phone"] in STOPPERS]
    assert sorted(r["phone"] for r in ours) == STOPPERS
    assert all((r["inbox"], r["reason"], r["initiator_type"]) == tuple(filters.values()) for r in body["rows"])
    assert {r["message_text"] for r in ours} == {"STOP"}

    status, body = _report(local_stack, key, "/v1/reports/opt-ins", **opted_out["range"], reason="keyword")
    assert status == 200 and [r["phone"] for r in body["rows"] if r["phone"] in STOPPERS] == [STOPPERS[0]]

    # The other workspace never sees these rows.
    other = local_stack["workspaces"][0]["member_key"]
    status, body = _report(local_stack, other, "/v1/reports/opt-outs", **opted_out["range"])
    assert status == 200 and not [r for r in body["rows"] if r["phone"] in STOPPERS]


def test_csv_report_over_http(local_stack, opted_out):
    query = urlencode({**opted_out["range"], "inbox": opted_out["inbox"], "format": "csv"})
    status, headers, text = _get_text(
        f"{local_stack['base_url']}/v1/reports/opt-outs?{query}", opted_out["workspace"]["member_key"]
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"phone", "inbox", "occurred_at", "reason", "initiator_type", "message_text"} <= set(rows[0])
    phones = [r["phone"].removeprefix("'") for r in rows]  # CSV cells are spreadsheet-safe (docs/csv-export.md)
    assert sorted(p for p in phones if p in STOPPERS) == STOPPERS


def test_bad_report_queries_are_400_json(local_stack, opted_out):
    key = opted_out["workspace"]["member_key"]
    for query in ({"to": "2026-11-01"}, {"from": "2024-01-01", "to": "2026-01-01"}, {"from": "x", "to": "y"}):
        status, body = _report(local_stack, key, "/v1/reports/opt-outs", **query)
        assert status == 400 and body["error"]["message"], (query, body)
    status, body = _report(local_stack, key, "/v1/reports/opt-outs", **opted_out["range"], reason="nonsense")
    assert status == 400 and body["error"]["code"] == "invalid_input"


def test_make_report_writes_the_days_files_and_feeds_the_summary(local_stack, opted_out, tmp_path):
    key = opted_out["workspace"]["member_key"]
    _, body = _report(local_stack, key, "/v1/reports/opt-outs", **opted_out["range"], inbox=opted_out["inbox"])
    day = next(r["occurred_at"] for r in body["rows"] if r["phone"] == STOPPERS[1])[:10]
    demo_file = tmp_path / "demo.json"
    demo_file.write_text(json.dumps(local_stack))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "local_stack.report", "--date", day, "--demo-file", str(demo_file), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    folder = Path(tmp_path / "out" / opted_out["workspace"]["id"] / day)
    assert sorted(p.name for p in folder.iterdir()) == ["opt-outs.csv", "summary.json", "summary.svg"]
    rows = list(csv.DictReader(io.StringIO((folder / "opt-outs.csv").read_text())))
    assert set(STOPPERS) <= {r["phone"].removeprefix("'") for r in rows}
    svg = ET.fromstring((folder / "summary.svg").read_text())
    assert len([g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "bar"]) == 30

    # The streams were fed, so the summary now counts the opt-outs by reason and inbox.
    status, summary = _report(local_stack, key, "/v1/reports/summary", **{"from": day, "to": day})
    assert status == 200, summary
    opt_outs = summary["totals"]["opt_outs"]
    assert opt_outs["by_reason"].get("keyword", 0) >= 2 and opt_outs["by_inbox"].get(opted_out["inbox"], 0) >= 2
    assert summary["contacts_at_end"]["opted_out"] >= 1
    status, failures = _report(local_stack, key, "/v1/reports/failures", **{"from": day, "to": day})
    assert status == 200 and "totals" in failures
