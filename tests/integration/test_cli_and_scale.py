"""The command-line bootstrap, and the eligibility check at its full size."""

from __future__ import annotations

import json

from optout.__main__ import main
from tests.fakes.send_times import daytime


def test_workspace_create_prints_a_working_admin_key_once(aws, api, capsys):
    assert main(["workspace", "create", "Acme Dental", "--region", "CA"]) == 0
    captured = capsys.readouterr()
    created = json.loads(captured.out)
    assert created["name"] == "Acme Dental" and created["admin_key"].startswith("oo_")
    assert "shown once" in captured.err
    status, settings = api.request("GET", "/v1/settings", key=created["admin_key"])
    assert status == 200 and settings["default_region"] == "CA"


def test_workspace_create_refuses_bad_input(aws, capsys):
    assert main(["workspace", "create", "   "]) == 1
    assert "workspace name" in capsys.readouterr().err
    assert main(["workspace", "create", "X", "--region", "ZZ"]) == 1


def test_eligibility_of_10000_numbers_takes_100_batch_gets(api, workspace, ddb_calls):
    phones = [
        f"+1{area}{exchange}{line:04d}" for area in (212, 415) for exchange in range(200, 250) for line in range(100)
    ]
    assert len(phones) == 10_000
    api.request(
        "POST",
        "/v1/contact/set_status",
        key=workspace["member"],
        json_body={"phone": phones[1234], "status": "unsubscribed"},
    )
    ddb_calls.clear()
    body = {"phones": phones, "at": daytime()}  # by day everywhere: quiet hours defer nothing
    status, body = api.request("POST", "/v1/eligibility", key=workspace["member"], json_body=body)
    assert status == 200
    assert body["counts"] == {"sendable": 9_999, "deferred": 0, "suppressed": 1, "invalid": 0}
    # New York and California have no frequency cap: no send log is read (Florida's: test_eligibility_send_time).
    assert ddb_calls.count("BatchGetItem") == 100
