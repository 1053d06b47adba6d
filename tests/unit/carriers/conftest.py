"""Fixtures for the carrier webhook tests: the signing helpers, SNS test certs, no network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import carrier_fixtures  # noqa: F401  (puts layers/core and scripts on sys.path)
import carrier_signing
import pytest


@pytest.fixture(scope="session")
def signing() -> Any:
    return carrier_signing


@pytest.fixture(scope="session")
def sns_cert() -> tuple[Any, bytes]:
    """(RSA private key, PEM certificate) standing in for SNS's signing certificate."""
    return carrier_signing.sns_test_certificate()


@pytest.fixture
def cert_loader(sns_cert: tuple[Any, bytes]) -> Callable[[str], bytes]:
    """Injected SNS certificate loader that records every URL it is asked for."""
    calls: list[str] = []

    def load(url: str) -> bytes:
        calls.append(url)
        return sns_cert[1]

    load.calls = calls  # type: ignore[attr-defined]
    return load


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a URL fails the test: certificate fetching must be injected."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access attempted: {args[:1]}")

    monkeypatch.setattr("urllib.request.urlopen", refuse)
