"""GET /v1/me: any key learns its workspace and role (the console signs in with it), nothing more."""

from __future__ import annotations


def test_each_key_is_told_its_own_workspace_and_role(api, workspace, other_workspace):
    status, body = api.request("GET", "/v1/me", key=workspace["admin"])
    assert status == 200
    assert body["workspace_id"] == workspace["id"]
    assert body["workspace_name"] == "Acme Dental"
    assert body["role"] == "admin"
    assert set(body) == {"workspace_id", "workspace_name", "key_id", "key_name", "role"}
    assert workspace["admin"] not in str(body)  # never the key itself

    status, body = api.request("GET", "/v1/me", key=workspace["member"])
    assert (status, body["role"], body["key_name"]) == (200, "member", "member")

    status, body = api.request("GET", "/v1/me", key=other_workspace["member"])
    assert (status, body["workspace_name"], body["role"]) == (200, "Globex", "member")


def test_a_missing_or_wrong_key_is_refused(api, workspace):
    status, body = api.request("GET", "/v1/me")
    assert status == 401 and body["error"]["code"] == "unauthorized"
    status, body = api.request("GET", "/v1/me", key="oo_" + "0" * 40)
    assert status == 401 and body["error"]["message"] == "invalid API key"
