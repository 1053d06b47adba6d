"""Bandwidth: HTTP Basic callback credentials."""

from __future__ import annotations

import base64

import pytest
from carrier_fixtures import SAMPLES, sample_ids, sample_request

from optout.carriers import SignatureError, verify_request
from optout.carriers.carrier_errors import ConfigurationError

CREDS = {"username": "bw-callbacks", "password": "s3cret:with:colons"}
BANDWIDTH_SAMPLES = [s for s in SAMPLES if s["provider"] == "bandwidth"]


def basic(username: str, password: str, scheme: str = "Basic") -> dict[str, str]:
    return {"Authorization": f"{scheme} " + base64.b64encode(f"{username}:{password}".encode()).decode()}


@pytest.mark.parametrize("sample", BANDWIDTH_SAMPLES, ids=sample_ids(BANDWIDTH_SAMPLES))
def test_correct_credentials_verify(sample: dict) -> None:
    verify_request("bandwidth", sample_request(sample, basic(**CREDS)), CREDS)


def test_scheme_is_case_insensitive() -> None:
    request = sample_request(BANDWIDTH_SAMPLES[0], basic(**CREDS, scheme="basic"))
    verify_request("bandwidth", request, CREDS)


@pytest.mark.parametrize(
    "headers",
    [
        basic("bw-callbacks", "wrong"),
        basic("someone-else", CREDS["password"]),
        basic("", ""),
        {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()},
        {"Authorization": "Basic !!!"},
        {"Authorization": "Bearer abc"},
        {},
    ],
    ids=["wrong-password", "wrong-user", "empty", "no-colon", "bad-b64", "bearer", "missing"],
)
def test_rejected_credentials(headers: dict[str, str]) -> None:
    with pytest.raises(SignatureError):
        verify_request("bandwidth", sample_request(BANDWIDTH_SAMPLES[0], headers), CREDS)


def test_unconfigured_credentials() -> None:
    with pytest.raises(ConfigurationError):
        verify_request("bandwidth", sample_request(BANDWIDTH_SAMPLES[0], basic("a", "b")), {})
