"""Inbound SMS: DynamoDB requests per STOP and per retried duplicate, through the real handler."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time

from benchmarks.common import ROOT, count_requests, moto_stack, phone, table

sys.path.insert(0, str(ROOT / "scripts"))

INBOX = "+15005550002"
URL = "https://api.example.com/prod/webhooks/telnyx/inbound"


def run() -> None:
    import boto3
    import carrier_signing

    from local_stack import lambdas, template
    from optout.models import Principal, Role
    from optout.services import accounts, inboxes

    with moto_stack():
        private_key, public_key = carrier_signing.telnyx_keypair()
        workspace, key, _ = accounts.create_workspace("Bench inbound")
        admin = Principal(workspace_id=workspace.id, key_id=key.key_id, key_name=key.name, role=Role.ADMIN)
        boto3.client("secretsmanager").create_secret(
            Name="optout/bench/telnyx", SecretString=json.dumps({"public_key": public_key})
        )
        inboxes.register_inbox(admin, INBOX, provider="telnyx", secret_ref="optout/bench/telnyx", topic_arn=None)
        handler = lambdas.load_handler(template.functions()["InboundSmsFunction"])
        from optout import replies

        replies.publish = lambda batch: 0  # measure storage, not the event bus

        def deliver(sender: str, text: str, message_id: str) -> dict:
            body = carrier_signing.inbound_body("telnyx", sender, INBOX, text, message_id)
            headers = {**carrier_signing.sign("telnyx", URL, body, {"private_key": private_key}),
                       "Content-Type": "application/json", "Host": "api.example.com"}
            event = lambdas.api_gateway_event(method="POST", resource="/webhooks/telnyx/inbound",
                                              path="/webhooks/telnyx/inbound", headers=headers, body=body.decode())
            with contextlib.redirect_stdout(io.StringIO()):  # the metrics' EMF lines
                return handler(event, lambdas.LambdaContext("InboundSmsFunction"))

        deliver(phone(0), "hello", "warm-up")  # the inbox, workspace and secret caches
        rows = []
        for label, text, message_id in (("STOP (new opt-out)", "STOP", "m-stop"), ("retried duplicate STOP", "STOP", "m-stop"),
                                        ("intent opt-out", "please take me off your list", "m-intent"),
                                        ("HELP", "HELP", "m-help"), ("ordinary message", "see you at 5", "m-plain")):
            sender = phone(1) if "intent" not in label else phone(2)
            with count_requests() as counts:
                deliver(sender, text, message_id)
            rows.append((label, sum(counts.values()), ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))))
        print("DynamoDB requests per inbound message (warm caches; target for a STOP: at most 2)")
        print(table(rows, ("message", "requests", "by operation")))

        count = 300
        start = time.perf_counter()
        for i in range(count):
            deliver(phone(10_000 + i), "STOP", f"m-{i}")
        seconds = time.perf_counter() - start
        print(f"\nSigned STOP webhooks through the handler against moto: {count / seconds:,.0f} per second")
