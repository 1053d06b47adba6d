"""The webhooks' signing secrets in Secrets Manager, each under its workspace's own namespace
(`optout/{workspace}/webhook/{id}`, docs/security.md). The value is read only by the sender
(cached a few minutes) and shown to the caller once, when the webhook is created; never logged."""

from __future__ import annotations

import secrets
from typing import Any

import boto3
from aws_lambda_powertools.utilities import parameters
from botocore.exceptions import BotoCoreError, ClientError

from optout.errors import StorageError

SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret
SECRET_MAX_AGE_SECONDS = 300


def secret_name(workspace_id: str, webhook_id: str) -> str:
    return f"optout/{workspace_id}/webhook/{webhook_id}"


def _client() -> Any:
    return boto3.client("secretsmanager")


def _unavailable(exc: Exception) -> StorageError:
    return StorageError("the secret store is unavailable; retry shortly", details={"cause": type(exc).__name__})


def create_secret(workspace_id: str, webhook_id: str) -> tuple[str, str]:
    """A new random signing secret, stored; returns (its name, its value)."""
    value = SECRET_PREFIX + secrets.token_hex(32)
    name = secret_name(workspace_id, webhook_id)
    try:
        _client().create_secret(Name=name, SecretString=value, Description="Signs one outgoing webhook's deliveries.")
    except (ClientError, BotoCoreError) as exc:
        raise _unavailable(exc) from None
    return name, value


def delete_secret(name: str) -> None:
    """Delete at once: the webhook is gone, and nothing may sign for it again."""
    try:
        _client().delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
            raise _unavailable(exc) from None
    except BotoCoreError as exc:
        raise _unavailable(exc) from None


def read_secret(name: str) -> str:
    """The secret's value, cached per container for a few minutes."""
    value = parameters.get_secret(name, max_age=SECRET_MAX_AGE_SECONDS)
    if not isinstance(value, str):
        raise StorageError("the webhook's signing secret is not a string")
    return value
