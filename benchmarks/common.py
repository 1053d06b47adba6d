"""Shared set-up for benchmarks: moto tables from the template, request counting, timing."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "core")]

from local_stack.environment import use_offline_aws  # noqa: E402

use_offline_aws()
os.environ.update(POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")


@contextmanager
def moto_stack() -> Iterator[None]:
    import boto3
    from moto import mock_aws

    from local_stack import moto_patches, template
    from optout import repository

    moto_patches.apply()
    os.environ.update({**template.local_environment(), "POWERTOOLS_LOG_LEVEL": "WARNING"})
    with mock_aws():
        repository.dynamodb_client.cache_clear()
        template.create_resources(boto3.Session())
        yield
    repository.dynamodb_client.cache_clear()


@contextmanager
def count_requests() -> Iterator[Counter[str]]:
    from optout import repository

    counts: Counter[str] = Counter()

    def record(model: Any, **_: Any) -> None:
        counts[model.name] += 1

    client = repository.dynamodb_client()
    client.meta.events.register("before-call.dynamodb", record)
    try:
        yield counts
    finally:
        client.meta.events.unregister("before-call.dynamodb", record)


def median_seconds(run: Callable[[], Any], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def subprocess_seconds(code: str, env: dict[str, str] | None = None, repeat: int = 7) -> float:
    """Median wall time of a snippet's own measurement in a fresh interpreter (a cold import)."""
    samples = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **(env or {})},
        ).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return statistics.median(samples)


def table(rows: list[tuple[Any, ...]], headers: tuple[str, ...]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    line = lambda r: "  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True))  # noqa: E731
    return "\n".join([line(headers), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)])


_AREA_CODES = (201, 212, 213, 312, 415, 617, 646, 718, 917, 305)


def phone(i: int) -> str:
    """A distinct, valid US number for every i (up to 80 million)."""
    return f"+1{_AREA_CODES[i % 10]}{200 + (i // 10) % 800}{(i // 8000) % 10000:04d}"


class TelnyxWebhooks:
    """A workspace with a registered Telnyx inbox, and signed webhooks to one of its functions.

    Telnyx signs with Ed25519, the costliest check of the carriers, so the figures are a ceiling.
    """

    INBOX = "+15005550002"

    def __init__(self, workspace_name: str, function: str, kind: str) -> None:
        import json

        import boto3

        sys.path.insert(0, str(ROOT / "scripts"))
        import carrier_signing

        from local_stack import lambdas, template
        from optout.models import Principal, Role
        from optout.services import accounts, inboxes

        self._signing = carrier_signing
        self._lambdas = lambdas
        self.private_key, public_key = carrier_signing.telnyx_keypair()
        self.workspace, key, _ = accounts.create_workspace(workspace_name)
        self.admin = Principal(workspace_id=self.workspace.id, key_id=key.key_id, key_name=key.name, role=Role.ADMIN)
        secret_ref = f"optout/{self.workspace.id}/bench-telnyx-{kind}"
        boto3.client("secretsmanager").create_secret(
            Name=secret_ref, SecretString=json.dumps({"public_key": public_key})
        )
        inboxes.register_inbox(self.admin, self.INBOX, provider="telnyx", secret_ref=secret_ref, topic_arn=None)
        self.function = function
        self.path = f"/webhooks/telnyx/{kind}"
        self.handler = lambdas.load_handler(template.functions()[function])

    def post(self, body: bytes) -> Any:
        import contextlib
        import io

        url = f"https://api.example.com/prod{self.path}"
        headers = {
            **self._signing.sign("telnyx", url, body, {"private_key": self.private_key}),
            "Content-Type": "application/json",
            "Host": "api.example.com",
        }
        event = self._lambdas.api_gateway_event(
            method="POST", resource=self.path, path=self.path, headers=headers, body=body.decode()
        )
        with contextlib.redirect_stdout(io.StringIO()):  # the metrics' EMF lines
            return self.handler(event, self._lambdas.LambdaContext(self.function))

    def inbound_body(self, sender: str, text: str, message_id: str) -> bytes:
        return self._signing.inbound_body("telnyx", sender, self.INBOX, text, message_id)  # type: ignore[no-any-return]

    def status_body(self, recipient: str, status: str, message_id: str, code: str | None, broadcast: str) -> bytes:
        return self._signing.status_body(  # type: ignore[no-any-return]
            "telnyx", message_id, status, code, self.INBOX, recipient, broadcast
        )
