"""The last live admin key of a workspace cannot be revoked, not even by two admins at once."""

from __future__ import annotations

import threading

import pytest

from optout import repository
from optout.models import Principal, Role
from optout.repository import admin_count
from optout.services import accounts


def _admin(api, key: str, name: str) -> dict:
    status, created = api.request("POST", "/v1/api-keys", key=key, json_body={"name": name, "role": "admin"})
    assert status == 201, created
    return created


def _live_admins(workspace_id: str) -> list[str]:
    return [k.key_id for k in repository.list_api_keys(workspace_id) if k.role is Role.ADMIN and not k.is_revoked]


def test_the_last_admin_key_cannot_revoke_itself(api, workspace):
    [bootstrap] = _live_admins(workspace["id"])
    status, body = api.request("DELETE", f"/v1/api-keys/{bootstrap}", key=workspace["admin"])
    assert status == 409 and body["error"]["code"] == "last_admin_key", body
    assert _live_admins(workspace["id"]) == [bootstrap]
    assert api.request("GET", "/v1/settings", key=workspace["admin"])[0] == 200


def test_an_admin_key_can_be_revoked_while_another_remains(api, workspace):
    [bootstrap] = _live_admins(workspace["id"])
    second = _admin(api, workspace["admin"], "second admin")
    status, body = api.request("DELETE", f"/v1/api-keys/{bootstrap}", key=second["api_key"])
    assert status == 200 and body["revoked_at"], body
    status, body = api.request("DELETE", f"/v1/api-keys/{second['key_id']}", key=second["api_key"])
    assert status == 409 and body["error"]["code"] == "last_admin_key", body
    assert _live_admins(workspace["id"]) == [second["key_id"]]


def test_member_keys_are_revoked_freely(api, workspace):
    member = next(k for k in repository.list_api_keys(workspace["id"]) if k.role is Role.MEMBER)
    status, body = api.request("DELETE", f"/v1/api-keys/{member.key_id}", key=workspace["admin"])
    assert status == 200 and body["revoked_at"], body


def test_two_admins_revoking_each_other_at_once_leave_one(api, workspace, monkeypatch):
    """Both requests read the keys (two live admins) before either writes: the condition on the
    count, checked by DynamoDB in each transaction, still lets only one of them through."""
    [bootstrap] = _live_admins(workspace["id"])
    second = _admin(api, workspace["admin"], "second admin")
    both_read = threading.Barrier(2, timeout=10)
    real_list = repository.list_api_keys

    def list_then_wait(workspace_id: str):
        keys = real_list(workspace_id)
        both_read.wait()
        return keys

    monkeypatch.setattr(repository, "list_api_keys", list_then_wait)
    principals = {
        bootstrap: accounts.authenticate(f"Bearer {second['api_key']}"),
        second["key_id"]: accounts.authenticate(f"Bearer {workspace['admin']}"),
    }
    outcomes: dict[str, object] = {}

    def revoke(key_id: str) -> None:
        try:
            outcomes[key_id] = accounts.revoke_api_key(principals[key_id], key_id)
        except Exception as exc:
            outcomes[key_id] = exc

    threads = [threading.Thread(target=revoke, args=(key_id,)) for key_id in principals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    monkeypatch.setattr(repository, "list_api_keys", real_list)
    refused = [o for o in outcomes.values() if isinstance(o, admin_count.LastAdminKey)]
    assert len(refused) == 1, outcomes
    assert len(_live_admins(workspace["id"])) == 1


def test_a_workspace_without_a_count_gets_one_from_its_keys(api, workspace):
    """Workspaces created before the count existed: it is built from their keys on first use."""
    repository.dynamodb_client().delete_item(
        TableName=repository.accounts_table(), Key=admin_count._count_key(workspace["id"])
    )
    [bootstrap] = _live_admins(workspace["id"])
    status, body = api.request("DELETE", f"/v1/api-keys/{bootstrap}", key=workspace["admin"])
    assert status == 409 and body["error"]["code"] == "last_admin_key", body
    second = _admin(api, workspace["admin"], "second admin")
    assert api.request("DELETE", f"/v1/api-keys/{bootstrap}", key=second["api_key"])[0] == 200


def test_keys_made_on_the_bootstrap_path_count_too(workspace):
    [bootstrap] = _live_admins(workspace["id"])
    cli, _ = accounts.create_api_key_for(workspace["id"], "cli admin", Role.ADMIN)
    acting = Principal(workspace_id=workspace["id"], key_id=cli.key_id, key_name=cli.name, role=Role.ADMIN)
    accounts.revoke_api_key(acting, bootstrap)
    with pytest.raises(admin_count.LastAdminKey):
        accounts.revoke_api_key(acting, cli.key_id)
    assert _live_admins(workspace["id"]) == [cli.key_id]
