"""Inbound SMS: DynamoDB requests per STOP and per retried duplicate, through the real handler."""

from __future__ import annotations

import time

from benchmarks.common import TelnyxWebhooks, count_requests, moto_stack, phone, table


def run() -> None:
    with moto_stack():
        webhooks = TelnyxWebhooks("Bench inbound", "InboundSmsFunction", "inbound")
        from optout import reply_events as replies

        replies.publish = lambda batch: 0  # measure storage, not the event bus

        def deliver(sender: str, text: str, message_id: str) -> dict:
            return webhooks.post(webhooks.inbound_body(sender, text, message_id))  # type: ignore[no-any-return]

        deliver(phone(0), "hello", "warm-up")  # the inbox, workspace and secret caches
        rows = []
        for label, text, message_id in (
            ("STOP (new opt-out)", "STOP", "m-stop"),
            ("retried duplicate STOP", "STOP", "m-stop"),
            ("intent opt-out", "please take me off your list", "m-intent"),
            ("HELP", "HELP", "m-help"),
            ("ordinary message", "see you at 5", "m-plain"),
        ):
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
