"""Serve every API route of template.yaml over HTTP, backed by an in-process moto server.

`python -m local_stack` (or `make serve`) starts it. Each request is matched against the routes the
template declares, turned into the API Gateway REST (payload v1) proxy event, handed to the real
handler, and the proxy response is turned back into HTTP. Nothing here knows about a particular
route: a new `Type: Api` event in the template is served as soon as the stack restarts.

Where this differs from API Gateway, on purpose:
- An unknown path answers 404 `route_not_found`, and a known path with a method it does not declare
  answers 405 `method_not_allowed` (with `Allow`); API Gateway answers both with 403 "Missing
  Authentication Token", which misleads more than it helps locally.
- A handler that raises, or returns something that is not a proxy response, answers 502 as API
  Gateway does, but with a JSON error in this service's shape and the traceback on the console.
- A body that is not valid UTF-8 reaches the handler base64-encoded (API Gateway decides by its
  binary media types instead).
- One invocation runs at a time, as a single Lambda execution environment would run them: the
  handlers keep per-invocation state (Powertools' current event, context and metrics) in module
  globals, so two concurrent invocations must never share them.

Request headers and bodies are never logged: the access log has method, path (no query string),
status and duration only.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

from local_stack import lambdas, template
from local_stack.environment import use_offline_aws

MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit (10 MB)
LINGER_SECONDS = 5.0  # how long to discard an unwanted body before closing
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000
DEFAULT_DEMO_FILE = template.ROOT / ".local" / "demo.json"
LOCAL_REGION = template.LOCAL_REGION
API_GATEWAY_502 = {"message": "Internal server error"}  # API Gateway's body when a function fails
_HOP_BY_HOP = frozenset({
    "connection", "content-length", "keep-alive", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade",
})


# --- routing ------------------------------------------------------------------------------------


def split_path(path: str) -> list[str] | None:
    """The raw (still percent-encoded) segments of a request path, trailing slashes ignored.

    `/v1/contacts/` is `/v1/contacts`, as API Gateway treats it; an empty inner segment (`a//b`)
    matches no route, so None.
    """
    trimmed = path.strip("/")
    if not trimmed:
        return []
    segments = trimmed.split("/")
    if any(not segment for segment in segments):
        return None
    return segments


def normalize_path(path: str) -> str:
    """The path the handler sees: trailing slashes removed, percent-encoding kept as sent."""
    trimmed = path.rstrip("/")
    return trimmed if trimmed.startswith("/") else "/" + trimmed


def _segment_kind(segment: str) -> int:
    """0 literal, 1 `{param}`, 2 greedy `{param+}`: lower is more specific."""
    if segment.startswith("{") and segment.endswith("}"):
        return 2 if segment.endswith("+}") else 1
    return 0


def match_resource(resource: str, segments: Sequence[str]) -> dict[str, str] | None:
    """Match an API Gateway resource (`/v1/contacts/{phone}`, `/files/{proxy+}`) against raw
    request segments; returns the decoded path parameters, or None."""
    pattern = [s for s in resource.strip("/").split("/") if s]
    params: dict[str, str] = {}
    for index, want in enumerate(pattern):
        kind = _segment_kind(want)
        if kind == 2:  # greedy: the rest of the path, at least one segment
            rest = segments[index:]
            if not rest:
                return None
            params[want[1:-2]] = "/".join(unquote(s) for s in rest)
            return params
        if index >= len(segments):
            return None
        got = segments[index]
        if kind == 1:
            params[want[1:-1]] = unquote(got)
        elif unquote(got) != want:
            return None
    return params if len(pattern) == len(segments) else None


def _specificity(resource: str) -> tuple[int, ...]:
    return tuple(_segment_kind(s) for s in resource.strip("/").split("/") if s)


@dataclass(frozen=True)
class Resolution:
    """The outcome of routing one request: a route, or why there is none (404 / 405)."""

    route: template.ApiRoute | None
    resource: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    allowed: tuple[str, ...] = ()

    @property
    def status(self) -> int:
        if self.route is not None:
            return 200
        return 405 if self.resource is not None else 404


class Router:
    """API Gateway's choice of route: the most specific resource first, then the method.

    Between resources that both match, a literal segment beats a `{param}`, which beats a greedy
    `{param+}`, comparing segment by segment from the left (so `POST /v1/contacts/import` is the
    import, never a contact called "import"). On the chosen resource, the request's method or
    else `ANY` is taken; none of them is a 405.
    """

    def __init__(self, routes: Iterable[template.ApiRoute]) -> None:
        by_resource: dict[str, dict[str, template.ApiRoute]] = {}
        for route in routes:
            by_resource.setdefault(route.path, {})[route.method.upper()] = route
        self._resources = sorted(by_resource.items(), key=lambda item: _specificity(item[0]))

    @property
    def routes(self) -> list[template.ApiRoute]:
        return [route for _, methods in self._resources for route in methods.values()]

    def resolve(self, method: str, path: str) -> Resolution:
        segments = split_path(path)
        if segments is None:
            return Resolution(None)
        for resource, methods in self._resources:
            params = match_resource(resource, segments)
            if params is None:
                continue
            route = methods.get(method.upper()) or methods.get("ANY")
            if route is None:
                return Resolution(None, resource, params, tuple(sorted(methods)))
            return Resolution(route, resource, params, tuple(sorted(methods)))
        return Resolution(None)


# --- request -> event, response -> HTTP ---------------------------------------------------------


def parse_query(query: str) -> dict[str, list[str]]:
    """Query string to API Gateway's multi-value form, in order; `+` is a space, as there."""
    multi: dict[str, list[str]] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        multi.setdefault(key, []).append(value)
    return multi


def encode_body(body: bytes) -> tuple[str | None, bool]:
    """The event's (body, isBase64Encoded): text when it is UTF-8, base64 otherwise."""
    if not body:
        return None, False
    try:
        return body.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(body).decode("ascii"), True


def build_event(
    *,
    method: str,
    target: str,
    resolution: Resolution,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """The REST API (payload v1) proxy event for one request to a resolved route.

    `target` is the request target as sent (`/v1/contacts/%2B1555...?status=active`). Repeated
    headers keep every value in `multiValueHeaders` and the last in `headers`; the same goes for
    query-string keys.
    """
    assert resolution.route is not None and resolution.resource is not None
    raw_path, _, query = target.split("#", 1)[0].partition("?")
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in headers:
        single[name] = value
        multi.setdefault(name, []).append(value)
    text, is_base64 = encode_body(body)
    event = lambdas.api_gateway_event(
        method=method,
        resource=resolution.resource,
        path=normalize_path(raw_path),
        path_parameters=resolution.params,
        headers=single,
        query=parse_query(query),
        body=text,
        is_base64=is_base64,
        source_ip=source_ip,
    )
    if multi:
        event["multiValueHeaders"] = multi
    return event


class MalformedResponse(ValueError):
    """The handler returned something API Gateway would refuse (it answers 502)."""


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def proxy_to_http(response: Any) -> HttpResponse:
    """Turn a Lambda proxy response into status, headers and body bytes.

    `headers` and `multiValueHeaders` are merged as API Gateway merges them: every value of
    `multiValueHeaders`, plus each `headers` value that is not already among them.
    """
    if not isinstance(response, Mapping):
        kind = type(response).__name__
        raise MalformedResponse(f"the handler returned {kind}, not a proxy response")
    status = response.get("statusCode")
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise MalformedResponse(f"statusCode {status!r} is not an HTTP status")
    merged: dict[str, tuple[str, list[str]]] = {}  # lower name -> (name as given, values)
    for name, values in (response.get("multiValueHeaders") or {}).items():
        if not isinstance(values, list):
            raise MalformedResponse(f"multiValueHeaders[{name!r}] is not a list")
        merged.setdefault(name.lower(), (name, []))[1].extend(str(v) for v in values)
    for name, value in (response.get("headers") or {}).items():
        entry = merged.setdefault(name.lower(), (name, []))
        if str(value) not in entry[1]:
            entry[1].append(str(value))
    body = response.get("body")
    if body is None:
        data = b""
    elif not isinstance(body, str):
        raise MalformedResponse(f"body is {type(body).__name__}, not a string")
    elif response.get("isBase64Encoded"):
        try:
            data = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            raise MalformedResponse("isBase64Encoded is set but body is not base64") from None
    else:
        data = body.encode("utf-8")
    headers = [
        (name, value)
        for lower, (name, values) in merged.items()
        if lower not in _HOP_BY_HOP
        for value in values
    ]
    return HttpResponse(status, headers, data)


def error_json(
    code: str, message: str, details: Any = None, top_level: Mapping[str, Any] | None = None
) -> bytes:
    """This service's error shape; `top_level` adds keys beside `error` (API Gateway's message)."""
    error = {"code": code, "message": message, "details": details}
    return json.dumps({**(top_level or {}), "error": error}).encode()


# --- the HTTP server ----------------------------------------------------------------------------


class LocalApi:
    """Routes requests to handlers; one invocation at a time (see the module docstring)."""

    def __init__(self, routes: Iterable[template.ApiRoute], *, log_stream: Any = None) -> None:
        self.router = Router(routes)
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
            return
        body = self._read_body()
        if body is None:
            return
        event = build_event(
            method=self.command, target=self.path, resolution=resolution,
            headers=self.headers.items(), body=body, source_ip=self.client_address[0],
        )
        route = resolution.route
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


# --- the stack ----------------------------------------------------------------------------------


def configure_environment(moto_url: str) -> None:
    use_offline_aws(moto_url)
    os.environ.update(template.local_environment())


def start_moto(port: int) -> tuple[Any, str]:
    """An in-process moto server on loopback; port 0 picks a free one."""
    from moto.server import ThreadedMotoServer

    from local_stack import moto_patches

    moto_patches.apply()  # transactions cost what DynamoDB's do (a big CSV import stays fast)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-call access lines
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto.start()
    host, bound = moto.get_host_and_port()
    return moto, f"http://{host}:{bound}"


def banner(base_url: str, moto_url: str, resources: Iterable[str],
           routes: Sequence[template.ApiRoute], demo_file: Path | None) -> str:
    width = max((len(r.method) for r in routes), default=6)
    lines = [
        "",
        "OptOut local stack",
        f"  API          {base_url}   ({len(routes)} routes from template.yaml)",
        f"  AWS (moto)   {moto_url}",
        f"  Resources    {', '.join(sorted(resources)) or 'none'}",
    ]
    if demo_file is not None:
        lines.append(f"  Demo keys    {_display_path(demo_file)}")
    lines += [
        "  State lives in memory only: every contact, key and event is gone when this stops.",
        "  Access log on stderr (method, path, status, time); function logs (JSON) on stdout.",
        "",
        "  Routes:",
        *(f"    {r.method:<{width}}  {base_url}{r.path}" for r in routes),
        "",
        "  Press Ctrl-C to stop.",
        "",
    ]
    return "\n".join(lines)


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m local_stack",
        description="Serve template.yaml's API routes locally on an in-memory moto backend.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help="API port (default %(default)s)")
    parser.add_argument("--moto-port", type=int, default=0, help="moto's port; 0 picks a free one")
    parser.add_argument("--demo-file", type=Path, default=DEFAULT_DEMO_FILE,
                        help="where to write the demo workspaces and their keys "
                             "(default .local/demo.json)")
    parser.add_argument("--no-demo", action="store_true", help="create no demo workspaces")
    return parser.parse_args(argv)


def _stop_on_signal(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    demo_file: Path | None = None if args.no_demo else args.demo_file
    if demo_file is not None:
        demo_file.unlink(missing_ok=True)  # nobody may read the last run's (now dead) keys

    try:
        server = LocalServer((args.host, args.port), LocalApi(template.api_routes()))
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}; "
              "pick another port with --port", file=sys.stderr)
        return 1
    # Ctrl-C and `kill` stop it cleanly, also when started in the background (where SIGINT
    # starts out ignored) and while it is still starting.
    signal.signal(signal.SIGINT, _stop_on_signal)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    # Powertools warns on every invocation that records no metric; Lambda would not show it.
    warnings.filterwarnings("ignore", "No application metrics to publish")
    moto = None
    try:
        moto, moto_url = start_moto(args.moto_port)
        configure_environment(moto_url)  # before any handler or boto3 client exists

        import boto3

        names = template.create_resources(boto3.Session())
        base_url = f"http://{_url_host(args.host)}:{server.server_address[1]}"
        # Carriers sign the URL they call (Twilio); here that is this server, not API Gateway.
        os.environ["WEBHOOK_BASE_URL"] = base_url
        server.api.preload()
        routes = server.api.router.routes
        print(banner(base_url, moto_url, names, routes, demo_file), flush=True)
        if demo_file is not None:
            from local_stack.demo import bootstrap_demo

            bootstrap_demo(base_url, demo_file=demo_file)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\nStopping the local stack; its in-memory state is discarded.", flush=True)
    finally:
        server.server_close()
        if moto is not None:
            moto.stop()
    return 0


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):  # noqa: S104 - listening everywhere; link to loopback
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


__all__ = [
    "MAX_BODY_BYTES", "HttpResponse", "LocalApi", "LocalServer", "MalformedResponse", "Resolution",
    "Router", "build_event", "encode_body", "main", "match_resource", "parse_query",
    "proxy_to_http", "split_path",
]
