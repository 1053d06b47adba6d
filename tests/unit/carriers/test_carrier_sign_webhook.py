"""scripts/sign_webhook.py and scripts/carrier_signing.py produce requests that verify."""

from __future__ import annotations

import json
import shlex

import pytest
import sign_webhook
from carrier_fixtures import EVENTS

from optout.carriers import WebhookRequest, parse_webhook, verify_request

URL = "https://hooks.example.com/prod/carriers/{provider}?broadcast_id=bc-cli"


def _request_from_curl(command: str) -> WebhookRequest:
    argv = shlex.split(command)
    headers = {}
    for index, arg in enumerate(argv):
        if arg == "-H":
            name, _, value = argv[index + 1].partition(": ")
            headers[name] = value
    body = argv[argv.index("--data-binary") + 1].encode()
    url = next(arg for arg in argv if arg.startswith("http"))
    return WebhookRequest("POST", url, headers, body)


def _secrets(signing) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    private, public = signing.telnyx_keypair()
    sign = {
        "twilio": {"auth_token": "tok"},
        "telnyx": {"private_key": private},
        "bandwidth": {"username": "u", "password": "p"},
        "vonage": {"signature_secret": "s" * 32},
    }
    verify = {**sign, "telnyx": {"public_key": public}}
    return sign, verify


@pytest.mark.parametrize("provider", ["twilio", "telnyx", "bandwidth", "vonage"])
@pytest.mark.parametrize("kind", ["inbound", "status"])
def test_cli_output_verifies_and_parses(provider: str, kind: str, signing, capsys) -> None:
    sign, verify = _secrets(signing)
    argv = [
        "--provider",
        provider,
        "--kind",
        kind,
        "--url",
        URL.format(provider=provider),
        "--secret-json",
        json.dumps(sign[provider]),
    ]
    if kind == "status":
        failed = {
            "twilio": "undelivered",
            "telnyx": "delivery_failed",
            "bandwidth": "message-failed",
            "vonage": "rejected",
        }[provider]
        code = {"twilio": "21610", "telnyx": "40300", "bandwidth": "4775", "vonage": "1240"}[provider]
        argv += ["--message-id", "m-1", "--status", failed, "--error-code", code]
    assert sign_webhook.main(argv) == 0
    request = _request_from_curl(capsys.readouterr().out.strip())
    verify_request(provider, request, verify[provider])
    (record,) = parse_webhook(provider, request)
    if kind == "status":
        assert (record.failure_class, record.broadcast_id) == ("carrier_opt_out", "bc-cli")
    else:
        assert record.text == "STOP"


def test_cli_body_file(signing, capsys) -> None:
    argv = [
        "--provider",
        "bandwidth",
        "--kind",
        "status",
        "--url",
        "https://h/b",
        "--secret-json",
        '{"username": "u", "password": "p"}',
        "--body-file",
        str(EVENTS / "bandwidth/status_delivered.json"),
    ]
    sign_webhook.main(argv)
    request = _request_from_curl(capsys.readouterr().out.strip())
    assert request.body == (EVENTS / "bandwidth/status_delivered.json").read_bytes()
    verify_request("bandwidth", request, {"username": "u", "password": "p"})


def test_twilio_json_body_gets_body_sha256(signing) -> None:
    body = b'{"a": 1}'
    url = signing.twilio_json_url("https://h/t?x=1", body)
    headers = signing.twilio_headers(url, body, "tok", signing.JSON)
    verify_request("twilio", WebhookRequest("POST", url, headers, body), {"auth_token": "tok"})
