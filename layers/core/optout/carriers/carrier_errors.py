"""Error types raised by :mod:`optout.carriers`.

Handlers map them to HTTP answers: a :class:`SignatureError` is a 401/403 (never retried by a
well-behaved carrier), a :class:`PayloadError` a 400. Both carry a short, log-safe ``reason``
that never includes secrets or the full payload.
"""

from __future__ import annotations


class CarrierError(Exception):
    """Base class for every error raised while handling a carrier webhook."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SignatureError(CarrierError):
    """The request could not be authenticated as coming from the carrier."""


class PayloadError(CarrierError):
    """The request is authentic (or unchecked) but its content is malformed or unsupported."""


class ConfigurationError(CarrierError):
    """Our own configuration is wrong (bad key, unknown provider): answer 5xx so it is retried."""


class UnsupportedProviderError(ConfigurationError):
    """A provider name this package does not know."""


class CertificateFetchError(SignatureError):
    """The SNS signing certificate could not be fetched (network): worth retrying later."""
