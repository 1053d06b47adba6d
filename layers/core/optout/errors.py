"""Domain errors. Each carries a stable code and the HTTP status the API answers with.

`error_body` is the service's one error shape, used by the API, the webhooks and the local stack.
"""

from __future__ import annotations

from typing import Any


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """`{"error": {"code", "message", "details"}}`: every 4xx and 5xx the service answers."""
    return {"error": {"code": code, "message": message, "details": details}}


class DomainError(Exception):
    code = "error"
    http_status = 400

    def __init__(self, message: str, *, details: Any = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if code is not None:
            self.code = code

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.details)


class InvalidInput(DomainError):
    code = "invalid_input"
    http_status = 400


class InvalidPhone(InvalidInput):
    code = "invalid_phone"


class Unprocessable(InvalidInput):
    """A well-formed request that names what the workspace lacks, or a value out of range."""

    code = "unprocessable"
    http_status = 422


class Unauthorized(DomainError):
    code = "unauthorized"
    http_status = 401


class Forbidden(DomainError):
    code = "forbidden"
    http_status = 403


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class Conflict(DomainError):
    code = "conflict"
    http_status = 409


class PayloadTooLarge(DomainError):
    code = "payload_too_large"
    http_status = 413


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"
    http_status = 415


class StorageError(DomainError):
    """The database failed in a way the caller cannot fix; answered as 503 so clients retry."""

    code = "storage_unavailable"
    http_status = 503


class StorageFault(Exception):
    """A database error that is neither the caller's nor transient: a bug or a misconfiguration.

    Not a DomainError on purpose: the API answers it as a logged 500, never as a 503 "retry"."""
