"""Delivery status: DynamoDB requests per callback, and signed callbacks per second through the handler."""

from __future__ import annotations

import time

from benchmarks.common import TelnyxWebhooks, count_requests, moto_stack, phone, table


def run() -> None:
    from optout import repository
    from optout.models import ContactWrite, utc_now
    from optout.rules import consent
    from optout.services import accounts

    with moto_stack():
        webhooks = TelnyxWebhooks("Bench delivery", "DeliveryStatusFunction", "status")
        workspace = webhooks.workspace
        accounts.update_settings(webhooks.admin, {"auto_opt_out_on_failed_delivery": True})
        count = 300
        now = utc_now()
        contacts = [ContactWrite(consent.new_contact(workspace.id, phone(i), now), None) for i in range(count + 10)]
        for chunk in repository.chunk_writes(contacts):
            repository.write_contacts(chunk)

        def callback(recipient: str, status: str, message_id: str, code: str | None = None) -> dict:
            return webhooks.post(webhooks.status_body(recipient, status, message_id, code, "bench-1"))  # type: ignore[no-any-return]

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
        # A routine delivery: 2 for the outcome, 1 (UpdateItem) counting the send (docs/send-counting.md).
        print("DynamoDB requests per delivery callback (warm caches; target for a routine one: at most 3)")
        print(table(rows, ("callback", "requests", "by operation")))

        start = time.perf_counter()
        for i in range(count):
            callback(phone(i), "delivered", f"m-{i}")
        seconds = time.perf_counter() - start
        print(f"\nSigned delivery callbacks through the handler against moto: {count / seconds:,.0f} per second")
