"""The webhook entry both handlers share: the provider from the path, refusals, the SNS loop."""

from __future__ import annotations

import json
from typing import Any

import pytest

from optout.errors import InvalidInput, StorageError, StorageFault
from optout.webhooks import entry
from optout.webhooks.verification import WebhookRefused


@pytest.mark.parametrize(
    ("event", "provider"),
    [
        ({"resource": "/webhooks/twilio/inbound", "path": "/webhooks/twilio/inbound"}, "twilio"),
        ({"resource": "/webhooks/telnyx/status"}, "telnyx"),
        ({"path": "/webhooks/bandwidth/inbound"}, "bandwidth"),  # no resource: the path
        ({"resource": "/webhooks/vonage/status", "path": "/custom/base/whatever"}, "vonage"),  # resource wins
    ],
)
def test_the_path_names_the_provider(event: dict[str, Any], provider: str) -> None:
    assert entry.provider_of(event) == provider


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"resource": ""},
        {"resource": "/webhooks"},
        {"resource": "/webhooks/plivo/inbound"},
        {"resource": "/webhooks/aws/inbound"},  # AWS comes through SNS, never over HTTP
        {"resource": "/v1/twilio/inbound"},
        {"resource": 42},
    ],
)
def test_a_path_naming_no_supported_provider_is_refused_404(event: dict[str, Any]) -> None:
    with pytest.raises(WebhookRefused) as refused:
        entry.provider_of(event)
    assert (refused.value.http_status, refused.value.code) == (404, "unknown_provider")


def _raising(exc: Exception) -> Any:
    def process(*_: Any) -> Any:
        raise exc

    return process


def _never(*_: Any) -> Any:
    raise AssertionError("not this entry")


@pytest.mark.parametrize(
    ("event", "error", "status", "code"),
    [
        (
            {"resource": "/webhooks/twilio/inbound"},
            WebhookRefused(403, "invalid_signature", "no"),
            403,
            "invalid_signature",
        ),
        (
            {"resource": "/webhooks/twilio/inbound"},
            InvalidInput("bad", code="unstorable_value"),
            400,
            "unstorable_value",
        ),
        ({"resource": "/webhooks/twilio/inbound"}, StorageError("busy"), 503, "storage_unavailable"),
        ({"resource": "/webhooks/twilio/inbound"}, StorageFault("denied"), 500, "internal_error"),
        ({"resource": "/webhooks/twilio/inbound"}, KeyError("bug"), 500, "internal_error"),
        ({"resource": "/webhooks/nope/inbound"}, None, 404, "unknown_provider"),
    ],
)
def test_http_errors_are_answered_in_the_error_shape(
    event: dict, error: Exception | None, status: int, code: str
) -> None:
    http = _raising(error) if error is not None else _never
    answer = entry.handle(event, http=http, sns_record=_never)
    assert answer["statusCode"] == status
    assert answer["headers"] == {"Content-Type": "application/json"}
    assert set(json.loads(answer["body"])["error"]) == {"code", "message", "details"}
    assert json.loads(answer["body"])["error"]["code"] == code


def test_http_events_reach_the_http_entry_with_the_provider() -> None:
    seen: list[str] = []
    answer = entry.handle(
        {"resource": "/webhooks/telnyx/inbound"}, http=lambda p, e: seen.append(p) or {"ok": p}, sns_record=_never
    )
    assert (answer, seen) == ({"ok": "telnyx"}, ["telnyx"])


def test_sns_records_are_counted_one_by_one_and_a_refused_one_is_dropped() -> None:
    def process(record: dict[str, Any]) -> int:
        if record["n"] == 1:
            raise WebhookRefused(400, "invalid_payload", "broken")
        return record["n"]

    event = {"Records": [{"n": 2}, {"n": 1}, {"n": 3}]}
    assert entry.handle(event, http=_never, sns_record=process) == {"processed": 5, "refused": 1}
    assert entry.handle({"Records": []}, http=_never, sns_record=process) == {"processed": 0, "refused": 0}


@pytest.mark.parametrize("error", [StorageError("busy"), StorageFault("denied")])
def test_a_storage_failure_in_an_sns_record_fails_the_invocation_so_lambda_retries(error: Exception) -> None:
    with pytest.raises(type(error)):
        entry.handle({"Records": [{"n": 1}]}, http=_never, sns_record=_raising(error))


def _refusals_counted(output: str) -> int:
    """WebhookRefusals datapoints in the EMF lines written (one JSON object a line)."""
    total = 0
    for line in output.splitlines():
        if not line.startswith("{"):
            continue
        blob = json.loads(line)
        if "_aws" not in blob or "WebhookRefusals" not in blob:
            continue
        directive = blob["_aws"]["CloudWatchMetrics"][0]
        assert (directive["Namespace"], directive["Dimensions"]) == ("OptOut", [["service"]])
        assert blob["service"] == "optout"  # the one dimension the alarm names
        value = blob["WebhookRefusals"]
        total += int(sum(value) if isinstance(value, list) else value)
    return total


@pytest.mark.parametrize(
    ("event", "error", "counted"),
    [
        ({"resource": "/webhooks/twilio/inbound"}, WebhookRefused(403, "invalid_signature", "no"), 1),
        ({"resource": "/webhooks/twilio/inbound"}, InvalidInput("bad", code="unstorable_value"), 1),
        ({"resource": "/webhooks/nope/inbound"}, None, 1),
        # Faults of ours are not refusals: the API's 5xx alarm sees them.
        ({"resource": "/webhooks/twilio/inbound"}, StorageError("busy"), 0),
        ({"resource": "/webhooks/twilio/inbound"}, StorageFault("denied"), 0),
        ({"resource": "/webhooks/twilio/inbound"}, KeyError("bug"), 0),
    ],
)
def test_each_refused_http_webhook_is_counted_for_the_refusal_alarm(
    event: dict, error: Exception | None, counted: int, capsys: pytest.CaptureFixture[str]
) -> None:
    entry.handle(event, http=_raising(error) if error is not None else _never, sns_record=_never)
    assert _refusals_counted(capsys.readouterr().out) == counted


def test_each_refused_sns_record_is_counted_and_processed_ones_are_not(capsys: pytest.CaptureFixture[str]) -> None:
    def process(record: dict[str, Any]) -> int:
        if record["n"] < 0:
            raise WebhookRefused(403, "untrusted_topic", "not ours")
        return 1

    entry.handle({"Records": [{"n": -1}, {"n": 1}, {"n": -2}]}, http=_never, sns_record=process)
    assert _refusals_counted(capsys.readouterr().out) == 2
