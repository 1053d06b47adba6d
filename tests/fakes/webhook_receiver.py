"""A subscriber's endpoint for tests: an HTTP server on 127.0.0.1 in a thread that records every
delivery, checks its signature with the scheme's own verifier, and answers the status it is told.

It verifies with optout.rules.webhook_signing.verify, the same check as the snippet in
docs/webhooks.md, so a test that a delivery verifies here fails if the sender signs anything else.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from optout.rules import webhook_signing


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool | None  # None until the test names the secret (verify_with)

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    url: str
    status: int = 200  # what the endpoint answers; a test changes it to make deliveries fail
    secret: str | None = None  # set it and every delivery is verified as it arrives
    deliveries: list[Delivery] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Delivery]:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.deliveries) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.deliveries)} of {count} deliveries arrived in {timeout} s")
                self.arrived.wait(left)
            return list(self.deliveries)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            verified = None
            if receiver.secret is not None:
                verified = webhook_signing.verify(
                    receiver.secret, headers.get("optout-signature", ""), body, now=int(time.time())
                )
            self.send_response(receiver.status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
            with receiver.arrived:
                receiver.deliveries.append(Delivery(self.path, headers, body, verified))
                receiver.arrived.notify_all()

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


@contextmanager
def webhook_receiver(path: str = "/hooks/optout") -> Iterator[Receiver]:
    receiver = Receiver(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass
class FakeTransport:
    """The sender's HTTP port in memory: records each POST and answers what it is told, so a test
    reaches https endpoints with no network."""

    results: list[Any] = field(default_factory=list)  # HttpResult per call, in order; then 200
    calls: list[tuple[str, bytes, dict[str, str]]] = field(default_factory=list)

    def post(self, url: str, body: bytes, headers: Any, *, timeout: float) -> Any:
        from optout.outbound.http_transport import HttpResult

        self.calls.append((url, body, dict(headers)))
        return self.results.pop(0) if self.results else HttpResult(200, None, 1)
