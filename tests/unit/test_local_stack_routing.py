"""The local stack's routing and its request -> event -> response conversion (no AWS needed)."""

from __future__ import annotations

import base64
import http.client
import json
import re
import textwrap
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from local_stack import template
from local_stack.http_server import MAX_BODY_BYTES, LocalApi, LocalServer
from local_stack.proxy_events import MalformedResponse, build_event, encode_body, parse_query, proxy_to_http
from local_stack.routing import Router, match_resource, split_path

Served = tuple[str, int, list[str]]  # host, port, console lines
DUMMY = template.FunctionSpec("Dummy", Path("."), "app.handler", {})


def routes(*pairs: str) -> list[template.ApiRoute]:
    """`routes("GET /a", "POST /a/{id}")`."""
    out = []
    for pair in pairs:
        method, path = pair.split()
        out.append(template.ApiRoute(DUMMY, method, path))
    return out


CONTACTS = Router(
    routes(
        "GET /v1/contacts",
        "POST /v1/contacts",
        "GET /v1/contacts/{phone}",
        "DELETE /v1/contacts/{phone}",
        "POST /v1/contacts/import",
        "GET /v1/contacts/{phone}/events",
    )
)


def event_for(
    method: str,
    target: str,
    *,
    headers: list[tuple[str, str]] | None = None,
    body: bytes = b"",
    router: Router = CONTACTS,
) -> dict[str, Any]:
    resolution = router.resolve(method, target.split("?", 1)[0])
    assert resolution.route is not None, resolution
    return build_event(method=method, target=target, resolution=resolution, headers=headers or [], body=body)


# --- route matching -------------------------------------------------------------------------


def test_a_literal_segment_beats_a_parameter() -> None:
    found = CONTACTS.resolve("POST", "/v1/contacts/import")
    assert found.route is not None and found.route.path == "/v1/contacts/import"
    assert found.params == {}


def test_a_literal_resource_without_the_method_is_405_not_the_parameter_route() -> None:
    found = CONTACTS.resolve("GET", "/v1/contacts/import")  # as API Gateway: resource first
    assert found.route is None and found.status == 405
    assert found.resource == "/v1/contacts/import" and found.allowed == ("POST",)


def test_literal_preference_does_not_depend_on_template_order() -> None:
    reordered = Router(routes("GET /v1/{kind}/import", "GET /v1/contacts/{id}", "GET /v1/contacts/import"))
    found = reordered.resolve("GET", "/v1/contacts/import")
    assert found.route is not None and found.route.path == "/v1/contacts/import"
    found = reordered.resolve("GET", "/v1/lists/import")
    assert found.route is not None and found.params == {"kind": "lists"}


@pytest.mark.parametrize(
    "raw", ["/v1/contacts/%2B14155550123", "/v1/contacts/+14155550123", "/v1/contacts/%2b14155550123"]
)
def test_an_encoded_or_raw_plus_in_the_path_is_a_plus(raw: str) -> None:
    found = CONTACTS.resolve("GET", raw)
    assert found.route is not None and found.route.path == "/v1/contacts/{phone}"
    assert found.params == {"phone": "+14155550123"}


def test_nested_parameter_route() -> None:
    found = CONTACTS.resolve("GET", "/v1/contacts/%2B14155550123/events")
    assert found.route is not None and found.route.path == "/v1/contacts/{phone}/events"
    assert found.params == {"phone": "+14155550123"}


@pytest.mark.parametrize("path", ["/v1/contacts/", "/v1/contacts//", "/v1/contacts"])
def test_trailing_slashes_are_ignored(path: str) -> None:
    found = CONTACTS.resolve("GET", path)
    assert found.route is not None and found.route.path == "/v1/contacts"


@pytest.mark.parametrize("path", ["/", "", "/v1", "/v1//contacts", "/v1/contacts/a/b/c", "/v2/contacts"])
def test_paths_without_a_route_are_404(path: str) -> None:
    found = CONTACTS.resolve("GET", path)
    assert found.route is None and found.status == 404


def test_wrong_method_is_405_with_the_allowed_methods() -> None:
    found = CONTACTS.resolve("PUT", "/v1/contacts")
    assert found.status == 405 and found.allowed == ("GET", "POST")


def test_any_method_and_greedy_parameters() -> None:
    router = Router(routes("ANY /files/{proxy+}", "GET /files/index"))
    found = router.resolve("PATCH", "/files/a/b%20c/d")
    assert found.route is not None and found.params == {"proxy": "a/b c/d"}
    index = router.resolve("GET", "/files/index").route
    assert index is not None and index.path == "/files/index"
    assert router.resolve("GET", "/files").status == 404


def test_match_resource_needs_every_segment() -> None:
    assert match_resource("/v1/contacts/{phone}", ["v1", "contacts"]) is None
    assert match_resource("/v1/contacts/{phone}", ["v1", "contacts", "x", "y"]) is None
    assert split_path("/a//b") is None
    assert split_path("/a/b/") == ["a", "b"]


def test_every_template_route_resolves_to_itself() -> None:
    declared = template.api_routes()
    router = Router(declared)
    for route in declared:
        path = re.sub(r"\{[^}/]+\}", "%2B14155550123", route.path)
        found = router.resolve(route.method, path)
        assert found.route == route, (route.method, route.path)


# --- request -> event -----------------------------------------------------------------------


def test_repeated_query_keys_keep_every_value_and_the_last_is_the_single_value() -> None:
    event = event_for("GET", "/v1/contacts?status=active&tag=a&tag=b&empty=&plus=%2B1&space=a+b")
    assert event["multiValueQueryStringParameters"] == {
        "status": ["active"],
        "tag": ["a", "b"],
        "empty": [""],
        "plus": ["+1"],
        "space": ["a b"],
    }
    assert event["queryStringParameters"] == {
        "status": "active",
        "tag": "b",
        "empty": "",
        "plus": "+1",
        "space": "a b",
    }


def test_no_query_string_is_null_as_in_api_gateway() -> None:
    event = event_for("GET", "/v1/contacts")
    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None
    assert parse_query("") == {}


def test_event_has_resource_path_and_decoded_path_parameters() -> None:
    event = event_for("GET", "/v1/contacts/%2B14155550123/?x=1")
    assert event["resource"] == "/v1/contacts/{phone}"
    assert event["path"] == "/v1/contacts/%2B14155550123"  # as sent, trailing slash dropped
    assert event["pathParameters"] == {"phone": "+14155550123"}
    assert event["httpMethod"] == "GET"
    assert event["requestContext"]["resourcePath"] == "/v1/contacts/{phone}"


def test_headers_keep_repeated_values() -> None:
    event = event_for(
        "GET",
        "/v1/contacts",
        headers=[
            ("Authorization", "Bearer oo_x"),
            ("X-Tag", "one"),
            ("X-Tag", "two"),
        ],
    )
    assert event["headers"] == {"Authorization": "Bearer oo_x", "X-Tag": "two"}
    assert event["multiValueHeaders"] == {"Authorization": ["Bearer oo_x"], "X-Tag": ["one", "two"]}


def test_utf8_body_is_text() -> None:
    event = event_for("POST", "/v1/contacts", body='{"name": "Zoë"}'.encode())
    assert event["body"] == '{"name": "Zoë"}' and event["isBase64Encoded"] is False


def test_binary_body_is_base64() -> None:
    raw = b"\xff\xfe\x00phone\n"
    event = event_for("POST", "/v1/contacts/import", body=raw)
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == raw


def test_empty_body_is_null() -> None:
    assert encode_body(b"") == (None, False)
    assert event_for("GET", "/v1/contacts")["body"] is None


# --- proxy response -> HTTP -----------------------------------------------------------------


def test_headers_and_multi_value_headers_are_merged() -> None:
    response = proxy_to_http(
        {
            "statusCode": 201,
            "headers": {
                "Content-Type": "application/json",
                "Set-Cookie": "a=1",
                "Content-Length": "999",
            },
            "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
            "body": '{"ok": true}',
        }
    )
    assert response.status == 201
    assert response.headers == [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("Content-Type", "application/json")]
    assert response.body == b'{"ok": true}'


def test_base64_response_body_is_decoded() -> None:
    response = proxy_to_http(
        {"statusCode": 200, "body": base64.b64encode(b"\x00\x01").decode(), "isBase64Encoded": True}
    )
    assert response.body == b"\x00\x01"


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "ok",
        {"body": "x"},
        {"statusCode": "abc"},
        {"statusCode": 99},
        {"statusCode": 200, "body": {"not": "a string"}},
        {"statusCode": 200, "body": "%%%", "isBase64Encoded": True},
    ],
)
def test_malformed_proxy_responses_are_refused(bad: Any) -> None:
    with pytest.raises(MalformedResponse):
        proxy_to_http(bad)


# --- the HTTP server, with throwaway functions ----------------------------------------------

FAKE_APP = textwrap.dedent("""
    import base64, json

    def echo(event, context):
        return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
                "multiValueHeaders": {"X-Multi": ["1", "2"]},
                "body": json.dumps({"event": event, "function": context.function_name})}

    def boom(event, context):
        raise RuntimeError("the handler failed")

    def malformed(event, context):
        return {"body": "no status code"}

    import threading, time
    active, peak, lock = [0], [0], threading.Lock()

    def slow(event, context):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.02)
        with lock:
            active[0] -= 1
        return {"statusCode": 200, "body": json.dumps({"peak": peak[0]})}

    def binary(event, context):
        return {"statusCode": 200, "headers": {"Content-Type": "image/png"},
                "body": base64.b64encode(b"\\x89PNG").decode(), "isBase64Encoded": True}
""")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    (tmp_path / "app.py").write_text(FAKE_APP)
    suffix = uuid.uuid4().hex[:8]

    def spec(name: str) -> template.FunctionSpec:
        return template.FunctionSpec(f"{name}{suffix}", tmp_path, f"app.{name}", {})

    api_routes = [
        template.ApiRoute(spec("echo"), "POST", "/echo/{id}"),
        template.ApiRoute(spec("echo"), "GET", "/echo/{id}"),
        template.ApiRoute(spec("boom"), "GET", "/boom"),
        template.ApiRoute(spec("malformed"), "GET", "/malformed"),
        template.ApiRoute(spec("binary"), "GET", "/binary"),
        template.ApiRoute(spec("slow"), "GET", "/slow"),
    ]
    log: list[str] = []

    class Sink:
        def write(self, text: str) -> None:
            log.append(text)

        def flush(self) -> None:
            pass

    local = LocalServer(("127.0.0.1", 0), LocalApi(api_routes, log_stream=Sink()))
    thread = threading.Thread(target=local.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", local.server_address[1], log
    finally:
        local.shutdown()
        local.server_close()


def call(
    server: Served, method: str, target: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    connection = http.client.HTTPConnection(server[0], server[1], timeout=10)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_request_reaches_the_handler_as_an_api_gateway_event(server: Served) -> None:
    status, headers, raw = call(
        server,
        "POST",
        "/echo/%2B1555?a=1&a=2",
        body=b"\xff\x00",
        headers={"Authorization": "Bearer oo_secret", "X-Trace": "t"},
    )
    assert status == 200
    assert headers.get_all("X-Multi") == ["1", "2"]
    assert headers["x-amzn-RequestId"]
    payload = json.loads(raw)
    event = payload["event"]
    assert payload["function"].startswith("echo")
    assert event["resource"] == "/echo/{id}" and event["pathParameters"] == {"id": "+1555"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"]}
    assert event["isBase64Encoded"] is True and base64.b64decode(event["body"]) == b"\xff\x00"
    assert event["headers"]["Authorization"] == "Bearer oo_secret"


def test_one_invocation_at_a_time(server: Served) -> None:
    """Handlers keep the current event and caller in module globals: never run two at once."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: call(server, "GET", "/slow"), range(16)))
    assert {status for status, _, _ in answers} == {200}
    assert max(json.loads(raw)["peak"] for _, _, raw in answers) == 1


def test_handler_exception_is_502_json(server: Served) -> None:
    status, headers, raw = call(server, "GET", "/boom")
    assert status == 502
    assert headers["Content-Type"] == "application/json"
    body = json.loads(raw)
    assert body["message"] == "Internal server error"
    assert body["error"]["code"] == "handler_error"
    assert any("RuntimeError" in line for line in server[2])  # the traceback is on the console


def test_malformed_proxy_response_is_502_json(server: Served) -> None:
    status, _, raw = call(server, "GET", "/malformed")
    assert status == 502
    assert json.loads(raw)["error"]["code"] == "malformed_response"


def test_base64_response_is_sent_as_bytes(server: Served) -> None:
    status, headers, raw = call(server, "GET", "/binary")
    assert status == 200 and raw == b"\x89PNG" and headers["Content-Type"] == "image/png"


def test_unknown_route_and_wrong_method(server: Served) -> None:
    status, _, raw = call(server, "GET", "/nope")
    assert status == 404 and json.loads(raw)["error"]["code"] == "route_not_found"
    status, headers, raw = call(server, "DELETE", "/echo/1", body=b"{}")
    assert status == 405 and json.loads(raw)["error"]["code"] == "method_not_allowed"
    assert headers["Allow"] == "GET, POST"
    for method in ("TRACE", "QUERY"):  # not a 501: methods no route declares
        status, headers, raw = call(server, method, "/echo/1")
        assert status == 405 and headers["Allow"] == "GET, POST", method
        assert json.loads(raw)["error"]["code"] == "method_not_allowed"
    assert call(server, "QUERY", "/nope")[0] == 404


def test_oversize_body_is_413_without_calling_the_handler(server: Served) -> None:
    status, headers, raw = call(server, "POST", "/echo/1", body=b"x" * (MAX_BODY_BYTES + 1))
    assert status == 413 and headers["Connection"] == "close"
    assert json.loads(raw)["error"]["code"] == "payload_too_large"


def test_access_log_has_no_headers_query_or_body(server: Served) -> None:
    call(
        server,
        "POST",
        "/echo/1?token=query-secret",
        body=b"body-secret",
        headers={"Authorization": "Bearer oo_header-secret"},
    )
    text = "".join(server[2])
    assert '"POST /echo/1" 200' in text
    for secret in ("query-secret", "body-secret", "header-secret"):
        assert secret not in text


def raw_exchange(server: Served, request: bytes) -> bytes:
    import socket

    with socket.create_connection((server[0], server[1]), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_chunked_body_is_read(server: Served) -> None:
    answer = raw_exchange(
        server,
        b"POST /echo/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    )
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert json.loads(payload)["event"]["body"] == "hello world"


def test_malformed_request_line_is_not_logged(server: Served) -> None:
    answer = raw_exchange(server, b"GET /echo/oo_secret-in-request-line HTTP/9.9 extra\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400")
    assert "oo_secret" not in "".join(server[2])
