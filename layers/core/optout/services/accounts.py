"""Workspaces, API keys (stored as SHA-256 hashes) and workspace settings."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from pydantic import ValidationError

from optout import repository
from optout.errors import Forbidden, InvalidInput, NotFound, Unauthorized
from optout.models import ApiKey, Principal, Role, Workspace, WorkspaceSettings, utc_now
from optout.repository import admin_count
from optout.ttl_cache import TtlCache

KEY_PREFIX = "oo_"
_SETTINGS_TTL_SECONDS = 10.0
_workspace_cache: TtlCache[str, Workspace] = TtlCache("workspaces", _SETTINGS_TTL_SECONDS)


def hash_api_key(plain_key: str) -> str:
    # Keys carry 256 random bits, so a fast hash is safe; no salt or KDF is needed to resist guessing.
    return hashlib.sha256(plain_key.encode()).hexdigest()


def _new_key(workspace_id: str, name: str, role: Role) -> tuple[ApiKey, str]:
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        key_id="key_" + secrets.token_hex(8),
        workspace_id=workspace_id,
        name=name,
        role=role,
        key_hash=hash_api_key(plain),
        prefix=plain[:8],
        created_at=utc_now(),
    )
    return key, plain


def _check_key_name(name: str) -> str:
    text = (name or "").strip()
    if not text or len(text) > 80:
        raise InvalidInput("key name must be 1 to 80 characters", details={"field": "name"})
    return text


def create_workspace(name: str, *, settings: dict[str, Any] | None = None) -> tuple[Workspace, ApiKey, str]:
    """Create a workspace with its first admin key; the plain key is returned once, here."""
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise InvalidInput("workspace name must be 1 to 120 characters", details={"field": "name"})
    try:
        ws_settings = WorkspaceSettings.model_validate({"program_name": name[:80], **(settings or {})})
    except ValidationError as exc:
        raise InvalidInput("invalid settings", details=exc.errors(include_url=False)) from None
    workspace = Workspace(id="ws_" + secrets.token_hex(8), name=name, created_at=utc_now(), settings=ws_settings)
    key, plain = _new_key(workspace.id, "bootstrap admin", Role.ADMIN)
    admin_count.create_workspace(workspace, key)
    return workspace, key, plain


def authenticate(authorization: str | None) -> Principal:
    """Resolve `Authorization: Bearer <key>` to the calling key's workspace and role."""
    if not authorization:
        raise Unauthorized("missing Authorization header; send 'Authorization: Bearer <api key>'")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Authorization must be 'Bearer <api key>'")
    if not token.startswith(KEY_PREFIX) or len(token) > 128:
        raise Unauthorized("invalid API key")
    key = repository.get_api_key_by_hash(hash_api_key(token))
    if key is None or key.is_revoked:
        raise Unauthorized("invalid API key")
    return Principal(workspace_id=key.workspace_id, key_id=key.key_id, key_name=key.name, role=key.role)


def require_admin(principal: Principal, action: str) -> None:
    if not principal.is_admin:
        raise Forbidden(f"only an admin can {action}", code="admin_required")


def create_api_key(principal: Principal, name: str, role: Role) -> tuple[ApiKey, str]:
    require_admin(principal, "create API keys")
    key, plain = _new_key(principal.workspace_id, _check_key_name(name), role)
    admin_count.add_key(key)
    return key, plain


def create_api_key_for(workspace_id: str, name: str, role: Role) -> tuple[ApiKey, str]:
    """Bootstrap path (command line, local stack): no calling key exists yet."""
    key, plain = _new_key(workspace_id, _check_key_name(name), role)
    admin_count.add_key(key)
    return key, plain


def list_api_keys(principal: Principal) -> list[ApiKey]:
    require_admin(principal, "list API keys")
    return sorted(repository.list_api_keys(principal.workspace_id), key=lambda k: k.created_at)


def revoke_api_key(principal: Principal, key_id: str) -> ApiKey:
    """Revoke a key; the workspace's last live admin key is refused (409 last_admin_key)."""
    require_admin(principal, "revoke API keys")
    for key in repository.list_api_keys(principal.workspace_id):
        if key.key_id == key_id:
            if key.is_revoked:
                return key
            revoked_at = utc_now()
            admin_count.revoke(key, revoked_at)
            return key.model_copy(update={"revoked_at": revoked_at})
    raise NotFound("API key not found", code="api_key_not_found")


def get_workspace(workspace_id: str) -> Workspace:
    """The workspace, cached for a few seconds: most requests need only its settings."""
    return _workspace_cache.get_or_load(workspace_id, lambda: repository.get_workspace(workspace_id))


def get_settings(principal: Principal) -> WorkspaceSettings:
    require_admin(principal, "read workspace settings")
    return repository.get_workspace(principal.workspace_id).settings


def update_settings(principal: Principal, changes: dict[str, Any]) -> WorkspaceSettings:
    """Apply a partial settings document: only the fields it names change."""
    require_admin(principal, "change workspace settings")
    if not isinstance(changes, dict) or not changes:
        raise InvalidInput("send a JSON object with at least one setting to change")
    workspace = repository.get_workspace(principal.workspace_id)
    merged = {**workspace.settings.model_dump(), **changes}
    try:
        settings = WorkspaceSettings.model_validate(merged)
    except ValidationError as exc:
        raise InvalidInput("invalid settings", details=exc.errors(include_url=False, include_context=False)) from None
    if "lookups" in changes:  # checked when it changes: a secret deleted later fails the lookups, not every edit
        from optout.lookups.credentials import check_settings

        check_settings(principal.workspace_id, settings.lookups)
    repository.save_workspace(
        workspace.model_copy(update={"settings": settings, "version": workspace.version + 1}),
        expected_version=workspace.version,
    )
    _workspace_cache.invalidate(principal.workspace_id)
    return settings
