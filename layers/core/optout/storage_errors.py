"""Which DynamoDB failures are the caller's, which are worth a retry, and which are ours.

- Transient (throttling, DynamoDB's internal errors, a dropped connection): StorageError, 503, so
  clients retry.
- Refused input (ValidationException, or a transaction cancelled for a ValidationError, such as an
  item over 400 KB): a 4xx, because the same request would fail on every retry.
- Anything else (access denied, a missing table): a bug or a misconfiguration, StorageFault, which
  the API answers as a logged 500.
Conditional-check failures are not classified here: the repository maps those to conflicts.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from optout.errors import DomainError, InvalidInput, PayloadTooLarge, StorageError, StorageFault

TRANSIENT_CODES = frozenset(
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionInProgressException",
        "TransactionConflictException",
    }
)
# CancellationReasons codes of a cancelled transaction that a retry can clear.
TRANSIENT_REASONS = frozenset({"ThrottlingError", "TransactionConflict", "ProvisionedThroughputExceeded"})


def error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def cancellation_reasons(exc: ClientError) -> list[dict[str, Any]]:
    return [dict(reason) for reason in exc.response.get("CancellationReasons") or []]


def _refused(message: str) -> DomainError:
    text = message.lower()
    if "size" in text and "exceed" in text:
        return PayloadTooLarge("the record would be larger than DynamoDB's 400 KB item limit", code="item_too_large")
    return InvalidInput("the database cannot store a value of this request", code="unstorable_value")


def classify(exc: Exception) -> Exception:
    """The exception to raise (from `exc`) for a failed DynamoDB request."""
    if isinstance(exc, BotoCoreError):  # connection errors and timeouts
        return StorageError("the database is unavailable; retry shortly", details={"cause": type(exc).__name__})
    if not isinstance(exc, ClientError):
        return StorageFault(f"unexpected database error: {type(exc).__name__}")
    code = error_code(exc)
    if code in TRANSIENT_CODES:
        return StorageError("the database is unavailable; retry shortly", details={"cause": code})
    if code == "ValidationException":
        return _refused(str(exc))
    if code == "TransactionCanceledException":
        reasons = cancellation_reasons(exc)
        kinds = {str(r.get("Code")) for r in reasons}
        if "ValidationError" in kinds:
            return _refused(" ".join(str(r.get("Message", "")) for r in reasons))
        if kinds & TRANSIENT_REASONS:
            return StorageError("the database is busy; retry shortly", details={"cause": code})
    return StorageFault(f"the database refused the request: {code}")
