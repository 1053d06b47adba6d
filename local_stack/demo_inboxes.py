"""Demo inboxes: one per provider in each demo workspace, with throwaway signing secrets.

Each secret is stored in (moto's) Secrets Manager as the service reads it in AWS, and written to
`.local/demo.json` with the private half a client needs to sign requests (`scripts/sign_webhook.py`).
"""

from __future__ import annotations

import base64
import itertools
import json
import secrets
from typing import Any

import boto3

from local_stack import lambdas

_workspace_numbers = itertools.count()
PROVIDERS = ("twilio", "telnyx", "bandwidth", "vonage", "aws")


def _telnyx_keys() -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    private = ed25519.Ed25519PrivateKey.generate()
    seed = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"public_key": base64.b64encode(public).decode(), "private_key": base64.b64encode(seed).decode()}


def _client_secret(provider: str) -> dict[str, str]:
    """What a client of this inbox holds; the service stores all but `private_key`."""
    if provider == "twilio":
        return {"auth_token": secrets.token_hex(16)}
    if provider == "telnyx":
        return _telnyx_keys()
    if provider == "bandwidth":
        return {"username": "demo-" + secrets.token_hex(4), "password": secrets.token_urlsafe(16)}
    if provider == "vonage":
        return {"signature_secret": secrets.token_urlsafe(32)}
    return {}


def seed_inboxes(workspace: dict[str, Any]) -> None:
    lambdas.use_layer()
    from optout.models import Principal, Role
    from optout.services import inboxes

    admin = Principal(workspace_id=workspace["id"], key_id="demo", key_name="demo seeder", role=Role.ADMIN)
    block = next(_workspace_numbers)
    client = boto3.client("secretsmanager")
    for offset, provider in enumerate(PROVIDERS, start=1):
        number = f"+1500555{block * 10 + offset:04d}"
        secret = _client_secret(provider)
        secret_ref = None
        if provider != "aws":
            secret_ref = f"optout/{workspace['id']}/local-{provider}"  # the workspace's own namespace
            stored = {k: v for k, v in secret.items() if k != "private_key"}
            client.create_secret(Name=secret_ref, SecretString=json.dumps(stored))
        inboxes.register_inbox(admin, number, provider=provider, secret_ref=secret_ref, topic_arn=None)
        workspace["inboxes"].append({"number": number, "provider": provider, "secret_ref": secret_ref, **secret})
