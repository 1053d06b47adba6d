"""Delivery status: DynamoDB requests per callback, and signed callbacks per second through the handler."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time

from benchmarks.common import ROOT, count_requests, moto_stack, phone, table

sys.path.insert(0, str(ROOT / "scripts"))

INBOX = "+15005550002"
URL = "https://api.example.com/prod/webhooks/telnyx/status"


def run() -> None:
    import boto3
    import carrier_signing

    from local_stack import lambdas, template
    from optout import consent, repository
    from optout.models import ContactWrite, Principal, Role, utc_now
    from optout.services import accounts, inboxes

    with moto_stack():
        private_key, public_key = carrier_signing.telnyx_keypair()
        workspace, key, _ = accounts.create_workspace("Bench delivery")
        admin = Principal(workspace_id=workspace.id, key_id=key.key_id, key_name=key.name, role=Role.ADMIN)
        accounts.update_settings(admin, {"auto_opt_out_on_failed_delivery": True})
        boto3.client("secretsmanager").create_secret(
            Name="optout/bench/telnyx-status", SecretString=json.dumps({"public_key": public_key})
        )
        inboxes.register_inbox(admin, INBOX, provider="telnyx", secret_ref="optout/bench/telnyx-status", topic_arn=None)
        count = 300
        now = utc_now()
        contacts = [ContactWrite(consent.new_contact(workspace.id, phone(i), now), None) for i in range(count + 10)]
        for chunk in repository.chunk_writes(contacts):
            repository.write_contacts(chunk)
        handler = lambdas.load_handler(template.functions()["DeliveryStatusFunction"])

        def callback(recipient: str, status: str, message_id: str, code: str | None = None) -> dict:
            body = carrier_signing.status_body("telnyx", message_id, status, code, INBOX, recipient, "bench-1")
            headers = {
                **carrier_signing.sign("telnyx", URL, body, {"private_key": private_key}),
                "Content-Type": "application/json",
                "Host": "api.example.com",
            }
            event = lambdas.api_gateway_event(
                method="POST",
                resource="/webhooks/telnyx/status",
                path="/webhooks/telnyx/status",
                headers=headers,
                body=body.decode(),
            )
            with contextlib.redirect_stdout(io.StringIO()):  # the metrics' EMF lines
                return handler(event, lambdas.LambdaContext("DeliveryStatusFunction"))

        callback(phone(count), "delivered", "warm-up")  # the inbox, workspace and secret caches
        rows = []
        cases = (
            ("delivered (routine)", phone(count + 1), "delivered", "m-ok", None),
            ("transient failure, listed", phone(count + 2), "delivery_failed", "m-transient", "40006"),
            ("retried duplicate", phone(count + 2), "delivery_failed", "m-transient", "40006"),
            ("delivered after failed (same message)", phone(count + 2), "delivered", "m-transient", None),
            ("interim (sent)", phone(count + 3), "sent", "m-sent", None),
            ("permanent failure: opt-out", phone(count + 4), "delivery_failed", "m-permanent", "40012"),
            ("carrier opt-out", phone(count + 5), "delivery_failed", "m-carrier", "40300"),
        )
        for label, recipient, status, message_id, code in cases:
            with count_requests() as counts:
                callback(recipient, status, message_id, code)
            rows.append((label, sum(counts.values()), ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))))
        print("DynamoDB requests per delivery callback (warm caches; target for a routine one: at most 2)")
        print(table(rows, ("callback", "requests", "by operation")))

        start = time.perf_counter()
        for i in range(count):
            callback(phone(i), "delivered", f"m-{i}")
        seconds = time.perf_counter() - start
        print(f"\nSigned delivery callbacks through the handler against moto: {count / seconds:,.0f} per second")
