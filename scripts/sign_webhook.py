#!/usr/bin/env python3
"""Print a ready-to-run ``curl`` command for a correctly signed carrier webhook.

Examples::

    scripts/sign_webhook.py --provider twilio --kind inbound \\
        --url https://abc.execute-api.us-east-1.amazonaws.com/prod/carriers/twilio/inbound \\
        --secret-json '{"auth_token": "test-token"}' \\
        --from +15551230001 --to +15005550001 --text STOP

    scripts/sign_webhook.py --provider telnyx --kind status --url https://…/carriers/telnyx \\
        --secret-json '{"private_key": "<base64 Ed25519 seed>"}' \\
        --message-id 40385f64-5717-4562-b3fc-2c963f66afa6 \\
        --status delivery_failed --error-code 40300

    # against `make serve`, with the demo inboxes and secrets in .local/demo.json:
    scripts/sign_webhook.py --demo --provider twilio --kind inbound --text STOP | sh

    scripts/sign_webhook.py --provider bandwidth --kind status \\
        --url https://…/carriers/bandwidth/status \\
        --secret-json '{"username": "u", "password": "p"}' \\
        --body-file events/bandwidth/status_delivered.json

Secrets: twilio ``auth_token``; telnyx ``private_key`` (base64 32-byte Ed25519 seed; the matching
public key is printed to stderr); bandwidth ``username``/``password``; vonage ``signature_secret``
(Messages API JWT). ``--status`` takes the provider's own status value.
AWS is not supported: SNS messages are signed by AWS's private key.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import carrier_signing as cs

PROVIDERS = ("twilio", "telnyx", "bandwidth", "vonage")


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--provider", required=True, choices=PROVIDERS)
    parser.add_argument("--kind", required=True, choices=("inbound", "status"))
    parser.add_argument(
        "--url", default=None, help="public URL the carrier would call, with query string"
    )
    parser.add_argument("--secret-json", default=None, help="provider secrets as a JSON object")
    parser.add_argument(
        "--demo", nargs="?", const=".local/demo.json", default=None, metavar="DEMO_FILE",
        help="take --url, --secret-json and the inbox number (--to for inbound, --from for status) "
        "from the local stack's demo file (default .local/demo.json)",
    )
    parser.add_argument("--workspace", type=int, default=0, help="with --demo: which demo workspace")
    parser.add_argument("--from", dest="from_", default="+15551230001")
    parser.add_argument("--to", default=None, help="recipient (status) or our number (inbound)")
    parser.add_argument("--text", default="STOP")
    parser.add_argument("--message-id", default=None)
    parser.add_argument("--status", default=None, help="provider status value, e.g. undelivered")
    parser.add_argument("--error-code", default=None)
    parser.add_argument("--broadcast-id", default=None, help="put in the provider's tag field")
    parser.add_argument("--body-file", type=Path, default=None, help="send this raw body instead")
    parser.add_argument("--content-type", default=None, help="override the body's content type")
    return parser.parse_args(argv)


_DEFAULT_STATUS = {
    "twilio": "delivered",
    "telnyx": "delivered",
    "bandwidth": "message-delivered",
    "vonage": "delivered",
}


def _apply_demo(args: argparse.Namespace) -> None:
    """Fill in the URL, secret and inbox of this provider's demo inbox on the local stack."""
    demo = json.loads(Path(args.demo).read_text())
    workspace = demo["workspaces"][args.workspace]
    inbox = next(i for i in workspace["inboxes"] if i["provider"] == args.provider)
    args.url = args.url or f"{demo['base_url']}/webhooks/{args.provider}/{args.kind}"
    if args.secret_json is None:
        keys = cs_secret_keys(args.provider)
        args.secret_json = json.dumps({k: inbox[k] for k in keys})
    if args.kind == "inbound":
        args.to = args.to or inbox["number"]
    elif args.from_ == "+15551230001":
        args.from_ = inbox["number"]


def cs_secret_keys(provider: str) -> tuple[str, ...]:
    return {
        "twilio": ("auth_token",),
        "telnyx": ("private_key",),
        "bandwidth": ("username", "password"),
        "vonage": ("signature_secret",),
    }[provider]


def build(args: argparse.Namespace) -> tuple[str, dict[str, str], bytes]:
    if args.demo:
        _apply_demo(args)
    if not args.url or not args.secret_json:
        raise SystemExit("give --url and --secret-json, or --demo to use the local stack's demo inboxes")
    secret = json.loads(args.secret_json)
    if not isinstance(secret, dict):
        raise SystemExit("--secret-json must be a JSON object")
    if args.body_file:
        body = args.body_file.read_bytes()
    elif args.kind == "inbound":
        body = cs.inbound_body(
            args.provider, args.from_, args.to or "+15005550001", args.text, args.message_id
        )
    else:
        body = cs.status_body(
            args.provider,
            args.message_id or uuid.uuid4().hex,
            args.status or _DEFAULT_STATUS[args.provider],
            args.error_code,
            args.from_ if args.from_ != "+15551230001" else "+15005550001",
            args.to or "+15551230001",
            args.broadcast_id,
        )
    content_type = args.content_type or (cs.FORM if args.provider == "twilio" else cs.JSON)
    url = args.url
    if args.provider == "twilio" and content_type == cs.JSON and "bodySHA256=" not in url:
        url = cs.twilio_json_url(url, body)
    if args.provider == "telnyx" and not args.demo:
        print(
            f"# Telnyx public key for this seed: {cs.telnyx_public_key(secret['private_key'])}",
            file=sys.stderr,
        )
    headers = cs.sign(args.provider, url, body, secret, content_type)
    headers["Content-Type"] = content_type
    return url, headers, body


def curl_command(url: str, headers: dict[str, str], body: bytes) -> str:
    parts = ["curl", "-sS", "-X", "POST", shlex.quote(url)]
    for name, value in headers.items():
        parts += ["-H", shlex.quote(f"{name}: {value}")]
    parts += ["--data-binary", shlex.quote(body.decode("utf-8"))]
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    print(curl_command(*build(_args(argv))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
