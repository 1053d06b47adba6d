"""Secrets Manager lookups the API needs: does an inbox's signing secret exist?

Webhooks read secret values through Powertools' cached parameters (optout.webhooks.verification); this
module only answers whether a secret is there, so registering an inbox can refuse a typo.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from optout.errors import StorageError

# Not found, or outside what this function may see (IAM grants only optout/*): both mean the
# webhook functions could not read it either.
_ABSENT = frozenset({"ResourceNotFoundException", "AccessDeniedException", "ValidationException"})


def secrets_client() -> Any:
    # Not cached: inboxes are registered rarely, and a fresh client follows the environment.
    return boto3.client("secretsmanager")


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
