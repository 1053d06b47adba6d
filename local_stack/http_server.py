"""The local stack's HTTP server: each request is routed (`local_stack.routing`), translated into
the proxy event (`local_stack.proxy_events`), handed to the real handler, and answered.

Where this differs from API Gateway, on purpose:
- An unknown path answers 404 `route_not_found`, and a known path with a method it does not declare
  answers 405 `method_not_allowed` (with `Allow`); API Gateway answers both with 403 "Missing
  Authentication Token", which misleads more than it helps locally.
- A handler that raises, or returns something that is not a proxy response, answers 502 as API
  Gateway does, but with a JSON error in this service's shape and the traceback on the console.
- One invocation runs at a time, as a single Lambda execution environment would run them: the
  handlers keep per-invocation state (Powertools' current event, context and metrics) in module
  globals, so two concurrent invocations must never share them.

Request headers and bodies are never logged: the access log has method, path (no query string),
status and duration only.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from local_stack import lambdas, template
from local_stack.proxy_events import MalformedResponse, build_event, proxy_to_http
from local_stack.routing import Resolution, Router

MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit (10 MB)
LINGER_SECONDS = 5.0  # how long to discard an unwanted body before closing
API_GATEWAY_502 = {"message": "Internal server error"}  # API Gateway's body when a function fails


def error_json(
    code: str, message: str, details: Any = None, top_level: Mapping[str, Any] | None = None
) -> bytes:
    """This service's error shape; `top_level` adds keys beside `error` (API Gateway's message)."""
    lambdas.use_layer()
    from optout.errors import error_body

    return json.dumps({**(top_level or {}), **error_body(code, message, details)}).encode()


class LocalApi:
    """Routes requests to handlers; one invocation at a time (see the module docstring)."""

    def __init__(self, routes: Router | Iterable[template.ApiRoute], *, log_stream: Any = None) -> None:
        self.router = routes if isinstance(routes, Router) else Router(routes)
        self.invoke_lock = threading.Lock()
        self.log_stream = log_stream if log_stream is not None else sys.stderr
        self._log_lock = threading.Lock()

    def preload(self) -> list[str]:
        """Import every function now, so the first request is not slow; returns the failures."""
        failed = []
        seen: set[str] = set()
        for route in self.router.routes:
            if route.function.logical_id in seen:
                continue
            seen.add(route.function.logical_id)
            try:
                with self.invoke_lock:
                    lambdas.load_handler(route.function)
            except Exception:
                failed.append(route.function.logical_id)
                self.log(f"! {route.function.logical_id} failed to load; its routes answer 502:\n"
                         + traceback.format_exc())
        return failed

    def invoke(self, route: template.ApiRoute, event: dict[str, Any]) -> Any:
        with self.invoke_lock:
            handler = lambdas.load_handler(route.function)
            return handler(event, lambdas.LambdaContext(route.function.logical_id))

    def log(self, line: str) -> None:
        with self._log_lock:
            print(line, file=self.log_stream, flush=True)


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 300  # an idle keep-alive connection's thread ends after this
    server_version = "optout-local"
    sys_version = ""
    server: LocalServer

    # -- request parsing ------------------------------------------------------------------------

    def handle_expect_100(self) -> bool:
        """Refuse an oversize body before the client sends it."""
        length = self._declared_length()
        if length is not None and length > MAX_BODY_BYTES:
            self._start = time.monotonic()
            self._too_large()
            return False
        return super().handle_expect_100()

    def _declared_length(self) -> int | None:
        raw = self.headers.get("Content-Length")
        if raw is None:
            return None
        try:
            value = int(raw.strip())
        except ValueError:
            return -1
        return value if value >= 0 else -1

    def _read_body(self) -> bytes | None:
        """The request body, or None after answering 400/413 (without reading an oversize body)."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        length = self._declared_length()
        if length is None:
            return b""
        if length < 0:
            self._send_error(400, "bad_request", "Content-Length is not a number", close=True)
            return None
        if length > MAX_BODY_BYTES:
            self._too_large()
            return None
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes | None:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                size = -1
            if size < 0:
                self._send_error(400, "bad_request", "malformed chunked body", close=True)
                return None
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(chunks)
            total += size
            if total > MAX_BODY_BYTES:
                self._too_large()
                return None
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)  # the CRLF after each chunk

    def _too_large(self) -> None:
        self._send_error(
            413, "payload_too_large",
            f"the body is larger than {MAX_BODY_BYTES} bytes, API Gateway's limit",
            close=True,
        )
        self._lingering_close()

    def _lingering_close(self) -> None:
        """After answering without reading the body: stop writing, then discard what the client
        is still sending for a moment, so its send completes and it reads our answer instead of
        a connection reset. Nothing is kept in memory."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(0.5)
            deadline = time.monotonic() + LINGER_SECONDS
            while time.monotonic() < deadline and self.rfile.read1(65536):
                pass
        except OSError:
            pass

    # -- dispatch -------------------------------------------------------------------------------

    def _dispatch(self) -> None:
        self._start = time.monotonic()
        api = self.server.api
        raw_path = self.path.split("#", 1)[0].split("?", 1)[0]
        resolution = api.router.resolve(self.command, raw_path)
        if resolution.route is None:
            self._refuse_unrouted(resolution, raw_path)
            return
        body = self._read_body()
        if body is None:
            return
        event = build_event(
            method=self.command, target=self.path, resolution=resolution,
            headers=self.headers.items(), body=body, source_ip=self.client_address[0],
        )
        self._invoke(resolution.route, event)

    def _refuse_unrouted(self, resolution: Resolution, raw_path: str) -> None:
        """404 for a path no route declares, 405 (with Allow) for a method its resource lacks."""
        linger = self._drain_or_close()
        if resolution.status == 405:
            self._send_error(
                405, "method_not_allowed",
                f"{self.command} is not allowed on {resolution.resource}",
                details={"allowed": list(resolution.allowed)},
                extra_headers=[("Allow", ", ".join(resolution.allowed))], close=linger,
            )
        else:
            self._send_error(
                404, "route_not_found", f"no route in template.yaml matches {raw_path}",
                close=linger,
            )
        if linger:
            self._lingering_close()

    def _invoke(self, route: template.ApiRoute, event: dict[str, Any]) -> None:
        """Call the handler and answer with its proxy response, or 502 as API Gateway does."""
        api = self.server.api
        try:
            response = proxy_to_http(api.invoke(route, event))
        except MalformedResponse as exc:
            api.log(f"! {route.function.logical_id} returned a malformed proxy response: {exc}")
            self._send_error(502, "malformed_response", f"Internal server error: {exc}",
                             top_level=API_GATEWAY_502)
            return
        except Exception:
            api.log(f"! {route.function.logical_id} raised:\n{traceback.format_exc()}")
            self._send_error(
                502, "handler_error",
                f"Internal server error: {route.function.logical_id} raised an exception; "
                "the traceback is on the local stack's console",
                top_level=API_GATEWAY_502,
            )
            return
        request_id = event["requestContext"]["requestId"]
        headers = [*response.headers, ("x-amzn-RequestId", request_id)]
        self._send(response.status, headers, response.body)

    def _drain_or_close(self) -> bool:
        """Before answering 404/405: read a small body; True when a large one must be refused by
        closing the connection (after the answer) instead."""
        length = self._declared_length()
        chunked = "chunked" in (self.headers.get("Transfer-Encoding") or "").lower()
        if chunked or (length is not None and (length < 0 or length > 64 * 1024)):
            return True
        if length:
            self.rfile.read(length)
        return False

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _dispatch

    def __getattr__(self, name: str) -> Any:
        # Any other method (TRACE, QUERY, ...) is one no route declares: routing answers 405 with
        # Allow on a known path, 404 elsewhere, instead of the stdlib's 501.
        if name.startswith("do_") and name[3:].isupper():
            return self._dispatch
        raise AttributeError(name)

    # -- responses ------------------------------------------------------------------------------

    def _send_error(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Any = None,
        close: bool = False,
        extra_headers: Sequence[tuple[str, str]] = (),
        top_level: Mapping[str, Any] | None = None,
    ) -> None:
        if close:
            self.close_connection = True
        headers = [("Content-Type", "application/json"), *extra_headers]
        if close:
            headers.append(("Connection", "close"))
        self._send(status, headers, error_json(code, message, details, top_level))

    def _send(self, status: int, headers: Sequence[tuple[str, str]], body: bytes,
              *, access_log: bool = True) -> None:
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if access_log:
            self._access_log(status)
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's refusals (a malformed request line, an unknown method …), as JSON."""
        self.log_error("code %d, message %s", code, message)
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # unparsed: answer with a status line anyway
            self.request_version = "HTTP/1.0"
        text = message or self.responses.get(code, ("error",))[0]
        code_name = "unsupported_method" if code == 501 else "bad_request"
        headers = [("Content-Type", "application/json"), ("Connection", "close")]
        self._send(code, headers, error_json(code_name, text, None), access_log=False)

    # -- logging: never headers, bodies or query strings ----------------------------------------

    def _access_log(self, status: int) -> None:
        elapsed = (time.monotonic() - getattr(self, "_start", time.monotonic())) * 1000
        path = (getattr(self, "path", "") or "").split("#", 1)[0].split("?", 1)[0]
        client = self.client_address[0]
        self.server.api.log(f'{client} "{self.command} {path}" {status} {elapsed:.1f} ms')

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Replaced by `_access_log`."""

    def log_error(self, format: str, *args: Any) -> None:
        # The stdlib's messages quote the raw request line; log only the status it answered.
        status = args[0] if args and isinstance(args[0], int) else "-"
        self.server.api.log(f"{self.client_address[0]} malformed request refused ({status})")

    def log_message(self, format: str, *args: Any) -> None:
        """Nothing else from the stdlib is logged."""


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is one line; anything else is a bug here, with its traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            self.api.log(f"{client_address[0]} connection dropped ({type(exc).__name__})")
        else:
            self.api.log(f"! the local stack failed on a request from {client_address[0]}:\n"
                         + traceback.format_exc())

    def __init__(self, address: tuple[str, int], api: LocalApi) -> None:
        self.api = api
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, RequestHandler)


__all__ = ["MAX_BODY_BYTES", "LocalApi", "LocalServer", "RequestHandler", "error_json"]
