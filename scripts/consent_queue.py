#!/usr/bin/env python3
"""A queue subscribed to the local stack's consent bus, to watch consent events arrive.

    .venv/bin/python scripts/consent_queue.py subscribe   # once: the queue and its rule
    .venv/bin/python scripts/consent_queue.py             # print (and remove) what it received

It talks to the moto server of `make serve` (its URL is in .local/demo.json, or --moto-url). The
end-to-end tests subscribe through the same `ConsentQueue`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import boto3

BUS = "ConsentEventsBus"  # locally a bus is named by its logical id
DEMO_FILE = Path(__file__).resolve().parents[1] / ".local" / "demo.json"


class ConsentQueue:
    """An SQS queue on the stack's moto server, and a rule sending it the bus's consent events
    (of one workspace, when `workspace_id` is given)."""

    def __init__(self, moto_url: str, name: str = "my-crm") -> None:
        local = {"endpoint_url": moto_url, "region_name": "us-east-1",
                 "aws_access_key_id": "local", "aws_secret_access_key": "local"}
        self.sqs, self.events, self.name = boto3.client("sqs", **local), boto3.client("events", **local), name
        self.url = self.sqs.create_queue(QueueName=name)["QueueUrl"]

    def subscribe(self, workspace_id: str | None = None) -> None:
        arn = self.sqs.get_queue_attributes(QueueUrl=self.url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        pattern: dict[str, Any] = {"source": ["optout.consent"]}
        if workspace_id:
            pattern["detail"] = {"workspace_id": [workspace_id]}
        self.events.put_rule(Name=self.name, EventBusName=BUS, EventPattern=json.dumps(pattern))
        self.events.put_targets(Rule=self.name, EventBusName=BUS, Targets=[{"Id": "queue", "Arn": arn}])

    def take(self) -> list[dict[str, Any]]:
        """The EventBridge events received so far (each removed from the queue)."""
        found = []
        while messages := self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10).get("Messages"):
            for message in messages:
                found.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"])
        return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", nargs="?", choices=["subscribe", "read"], default="read")
    parser.add_argument("--moto-url", help="the stack's moto server (default: from .local/demo.json)")
    args = parser.parse_args(argv)
    moto_url = args.moto_url or json.loads(DEMO_FILE.read_text(encoding="utf-8"))["moto_url"]
    queue = ConsentQueue(moto_url)
    if args.action == "subscribe":
        queue.subscribe()
        print(f"queue {queue.name} subscribed to {BUS}", file=sys.stderr)
        return 0
    for event in queue.take():
        print(event["detail-type"], json.dumps(event["detail"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
