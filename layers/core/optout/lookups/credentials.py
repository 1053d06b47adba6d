"""The adapters a workspace's lookup settings choose, with their credentials from its secrets.

A secret must lie under the workspace's namespace `optout/{workspace}/`: the settings service
refuses any other (`check_settings`, a 422) and the runner checks again before it reads one, so a
setting stored before the check existed cannot borrow another tenant's account either.
"""

from __future__ import annotations

from typing import Any

from optout import secret_store
from optout.errors import Unprocessable
from optout.lookup_settings import LineTypeLookupSettings, LookupSettings, ReassignedLookupSettings
from optout.lookups import carrier_lookup, twilio_lookup
from optout.lookups.ports import LineTypeLookup, LookupMisconfigured, ReassignedLookup
from optout.lookups.reassigned_file import FileReassignedLookup


def check_settings(workspace_id: str, lookups: LookupSettings) -> None:
    """Refuse (422) a lookup secret outside the workspace's namespace, or one that does not exist."""
    for field, ref in lookups.secret_refs().items():
        secret_store.require_workspace_secret(workspace_id, ref, field=field, error=Unprocessable)


def workspace_secret(workspace_id: str, secret_ref: str) -> dict[str, Any]:
    if not secret_store.in_namespace(workspace_id, secret_ref):
        raise LookupMisconfigured("the lookup secret is outside the workspace's namespace")
    try:
        return secret_store.read_json_secret(secret_ref)
    except secret_store.SecretUnreadable as exc:
        raise LookupMisconfigured(f"the lookup secret {exc.problem}") from None


def reassigned_lookup(workspace_id: str, settings: ReassignedLookupSettings) -> ReassignedLookup | None:
    if settings.provider == "file":
        return FileReassignedLookup()
    if settings.provider == "twilio":
        client = twilio_lookup.TwilioClient(workspace_secret(workspace_id, settings.secret_ref or ""))
        return twilio_lookup.TwilioReassignedLookup(client)
    return None


def line_type_lookup(workspace_id: str, settings: LineTypeLookupSettings) -> LineTypeLookup | None:
    if settings.provider == "twilio":
        client = twilio_lookup.TwilioClient(workspace_secret(workspace_id, settings.secret_ref or ""))
        return twilio_lookup.TwilioLineTypeLookup(client)
    if settings.provider == "aws":
        secret = workspace_secret(workspace_id, settings.secret_ref) if settings.secret_ref else None
        return carrier_lookup.CarrierLineTypeLookup(carrier_lookup.new_client(secret))
    return None
