"""Secrets Manager, the one way the layer asks it: is a secret there, is it this workspace's, what
does it hold.

A workspace's secrets live under its own namespace, ``optout/{workspace_id}/…``, so no inbox or
lookup can borrow another tenant's credentials (`require_workspace_secret`). Values are read
through Powertools' cached parameters (`read_json_secret`) by the webhooks and the lookups alike;
no value, nor any part of one, is ever put in a log or an error.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from optout.errors import InvalidInput, StorageError

SECRET_MAX_AGE_SECONDS = 300
# Not found, or outside what this function may see (IAM grants only optout/*): both mean the
# webhook functions could not read it either.
_ABSENT = frozenset({"ResourceNotFoundException", "AccessDeniedException", "ValidationException"})


class SecretUnreadable(Exception):
    """A secret that cannot be used: `problem` says why in words safe to log (never the value)."""

    def __init__(self, problem: str, cause: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.cause = cause


def secrets_client() -> Any:
    # Not cached: inboxes are registered rarely, and a fresh client follows the environment.
    return boto3.client("secretsmanager")


def secret_namespace(workspace_id: str) -> str:
    return f"optout/{workspace_id}/"


def secret_name(secret_ref: str) -> str:
    """The secret's name: the ref itself, or the resource part of its ARN."""
    if not secret_ref.startswith("arn:"):
        return secret_ref
    parts = secret_ref.split(":", 6)
    if len(parts) != 7 or parts[2] != "secretsmanager" or parts[5] != "secret":
        raise InvalidInput("secret_ref is not a Secrets Manager secret ARN", details={"field": "secret_ref"})
    return parts[6]


def in_namespace(workspace_id: str, secret_ref: str) -> bool:
    """Whether the ref names a secret under the workspace's namespace (and not the namespace itself)."""
    namespace = secret_namespace(workspace_id)
    try:
        name = secret_name(secret_ref)
    except InvalidInput:
        return False
    return name.startswith(namespace) and len(name) > len(namespace)


def require_workspace_secret(
    workspace_id: str, secret_ref: str, *, field: str = "secret_ref", error: type[InvalidInput] = InvalidInput
) -> None:
    """Refuse (with `error`) a ref outside the workspace's namespace, or one naming no secret."""
    namespace = secret_namespace(workspace_id)
    secret_name(secret_ref)  # a malformed ARN is refused as such
    if not in_namespace(workspace_id, secret_ref):
        raise error(
            f"{field} must name a secret under {namespace}, this workspace's namespace",
            details={"field": field, "namespace": namespace},
        )
    if not secret_exists(secret_ref):
        raise error(f"{field} names no existing secret", details={"field": field})


def secret_exists(secret_ref: str) -> bool:
    """True if the secret exists and is not scheduled for deletion."""
    try:
        described = secrets_client().describe_secret(SecretId=secret_ref)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _ABSENT:
            return False
        raise StorageError("the secret store is unavailable; retry shortly") from exc
    except BotoCoreError as exc:
        raise StorageError("the secret store is unavailable; retry shortly") from exc
    return described.get("DeletedDate") is None


def read_json_secret(secret_ref: str, *, max_age: int = SECRET_MAX_AGE_SECONDS) -> dict[str, Any]:
    """A secret holding a JSON object, cached per container for `max_age` seconds."""
    from aws_lambda_powertools.utilities import parameters

    try:
        value = parameters.get_secret(secret_ref, transform="json", max_age=max_age)
    except parameters.exceptions.GetParameterError as exc:
        raise SecretUnreadable("cannot be read", type(exc).__name__) from None
    except parameters.exceptions.TransformParameterError as exc:
        raise SecretUnreadable("is not a JSON object", type(exc).__name__) from None
    if not isinstance(value, dict):
        raise SecretUnreadable("is not a JSON object", type(value).__name__)
    return value
