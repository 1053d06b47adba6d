"""The per-provider error-code table and classify_failure."""

from __future__ import annotations

import pytest

from optout.carriers import (
    DELIVERY_STATUSES,
    ERROR_CODES,
    PROVIDERS,
    UnsupportedProviderError,
    classify_failure,
    lookup_error,
)

CARRIER_OPT_OUT = [
    ("twilio", "21610"),
    ("telnyx", "40300"),
    ("bandwidth", "4775"),
    ("vonage", "1240"),
    ("aws", "DESTINATION_PHONE_NUMBER_OPTED_OUT"),
    # Also opt-out signals per docs/carriers.md §6: Twilio channel block, Vonage SMS API DLR 9.
    ("twilio", "63014"),
    ("vonage", "9"),
]

# (provider, code, class) as docs/carriers.md §1.1, §2.1, §3.1, §4.1/4.2, §5.2 and §6 say.
SAMPLED = [
    ("twilio", "30003", "transient"),
    ("twilio", "30008", "transient"),
    ("twilio", "30007", "transient"),  # content filter: not a number problem
    ("twilio", "30005", "permanent"),
    ("twilio", "30006", "permanent"),
    ("twilio", "21211", "permanent"),
    ("twilio", "21614", "permanent"),
    ("twilio", "21635", "permanent"),
    ("telnyx", "40001", "permanent"),
    ("telnyx", "40012", "permanent"),
    ("telnyx", "10002", "permanent"),
    ("telnyx", "40004", "transient"),
    ("telnyx", "40006", "transient"),
    ("telnyx", "40008", "transient"),  # ambiguous: counted, not suppressed at once
    ("telnyx", "40003", "transient"),  # sender blocked, not the recipient
    ("bandwidth", "4303", "permanent"),
    ("bandwidth", "4720", "permanent"),
    ("bandwidth", "4721", "permanent"),
    ("bandwidth", "4700", "permanent"),
    ("bandwidth", "4702", "transient"),
    ("bandwidth", "4750", "transient"),
    ("bandwidth", "5620", "transient"),
    ("bandwidth", "9902", "transient"),
    ("bandwidth", "4432", "transient"),  # forbidden to country: sender/route problem
    ("vonage", "1170", "permanent"),
    ("vonage", "1190", "permanent"),
    ("vonage", "1310", "permanent"),
    ("vonage", "1180", "transient"),
    ("vonage", "1000", "transient"),
    ("vonage", "1330", "transient"),
    ("vonage", "3", "permanent"),
    ("vonage", "4", "permanent"),
    ("vonage", "2", "transient"),
    ("vonage", "8", "transient"),
    ("aws", "TEXT_INVALID", "permanent"),
    ("aws", "TEXT_CARRIER_UNREACHABLE", "transient"),
    ("aws", "TEXT_TTL_EXPIRED", "transient"),
    ("aws", "TEXT_UNKNOWN", "transient"),
    ("aws", "TEXT_SPAM", "transient"),
]


@pytest.mark.parametrize(("provider", "code"), CARRIER_OPT_OUT)
def test_carrier_opt_out_codes(provider: str, code: str) -> None:
    assert classify_failure(provider, "failed", code) == "carrier_opt_out"
    assert classify_failure(provider, "undelivered", code) == "carrier_opt_out"


@pytest.mark.parametrize(("provider", "code", "expected"), SAMPLED)
def test_sampled_codes(provider: str, code: str, expected: str) -> None:
    assert classify_failure(provider, "undelivered", code) == expected


def test_integer_codes_are_accepted() -> None:
    assert classify_failure("bandwidth", "failed", 4775) == "carrier_opt_out"
    assert classify_failure("twilio", "failed", " 21610 ") == "carrier_opt_out"


@pytest.mark.parametrize("status", ["queued", "sent", "delivered"])
def test_non_failure_statuses_are_none(status: str) -> None:
    assert classify_failure("twilio", status, "21610") == "none"
    assert classify_failure("twilio", status, None) == "none"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unknown_or_missing_code_on_failure_is_transient(provider: str) -> None:
    assert classify_failure(provider, "failed", "999999") == "transient"
    assert classify_failure(provider, "undelivered", None) == "transient"


def test_unknown_provider() -> None:
    with pytest.raises(UnsupportedProviderError):
        classify_failure("plivo", "failed", "200")


def test_table_integrity() -> None:
    assert set(ERROR_CODES) == set(PROVIDERS)
    for provider, table in ERROR_CODES.items():
        assert table, provider
        for code, entry in table.items():
            assert (entry.provider, entry.code) == (provider, code)
            assert entry.text and entry.source
            assert "docs/carriers.md §" in entry.source
            assert entry.failure_class in ("transient", "permanent", "carrier_opt_out")
    assert lookup_error("twilio", "21610").note  # type: ignore[union-attr]
    assert lookup_error("twilio", None) is None
    assert "failed" in DELIVERY_STATUSES
