"""The local stack and the integration tests' `Api` route requests with one matcher.

A request must reach the same handler, with the same path parameters, in an integration test as
over HTTP; so both ask `local_stack.routing.template_router()`, and this checks they do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from local_stack import bootstrap
from local_stack.http_server import LocalServer
from local_stack.routing import Router

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"
PHONE = "+14155550123"

# method, path as sent -> (status, resource, path parameters)
TABLE: list[tuple[str, str, tuple[int, str | None, dict[str, str]]]] = [
    ("GET", "/v1/contacts", (200, "/v1/contacts", {})),
    ("GET", "/v1/contacts/", (200, "/v1/contacts", {})),
    ("GET", f"/v1/contacts/{PHONE}", (200, "/v1/contacts/{phone}", {"phone": PHONE})),
    ("GET", "/v1/contacts/%2B14155550123", (200, "/v1/contacts/{phone}", {"phone": PHONE})),
    ("PATCH", "/v1/contacts/%2b14155550123", (200, "/v1/contacts/{phone}", {"phone": PHONE})),
    ("GET", "/v1/contacts/%2B14155550123/events", (200, "/v1/contacts/{phone}/events", {"phone": PHONE})),
    ("POST", "/v1/contacts/import", (200, "/v1/contacts/import", {})),
    # the literal resource wins before the method is looked at, as in API Gateway
    ("GET", "/v1/contacts/import", (405, "/v1/contacts/import", {})),
    ("DELETE", "/v1/contacts/import", (405, "/v1/contacts/import", {})),
    ("POST", "/v1/auto-opt-outs/%2B14155550123/opt-in", (200, "/v1/auto-opt-outs/{phone}/opt-in", {"phone": PHONE})),
    (
        "POST",
        f"/v1/broadcasts/b%201/failures/{PHONE}/opt-out",
        (200, "/v1/broadcasts/{broadcast_id}/failures/{phone}/opt-out", {"broadcast_id": "b 1", "phone": PHONE}),
    ),
    ("POST", "/webhooks/twilio/inbound", (200, "/webhooks/twilio/inbound", {})),
    ("GET", "/webhooks/twilio/inbound", (405, "/webhooks/twilio/inbound", {})),
    ("PUT", "/v1/contacts", (405, "/v1/contacts", {})),
    ("GET", "/v1/nope", (404, None, {})),
    ("GET", "/v1//contacts", (404, None, {})),
]


@pytest.fixture
def tests_api(request: pytest.FixtureRequest) -> Any:
    """An instance of tests/conftest.py's `Api` (it needs no AWS until it invokes a handler)."""
    module = request.config.pluginmanager.get_plugin(str(CONFTEST))
    assert module is not None, "tests/conftest.py is not loaded"
    return module.Api()


@pytest.fixture
def stack() -> Iterator[LocalServer]:
    """The server `python -m local_stack` builds, on a free port, never started."""
    server = bootstrap.build_server("127.0.0.1", 0)
    try:
        yield server
    finally:
        server.server_close()


def test_the_stack_and_the_tests_hold_the_same_router(tests_api: Any, stack: LocalServer) -> None:
    assert isinstance(stack.api.router, Router)
    assert tests_api.router is stack.api.router
    assert tests_api.routes == stack.api.router.routes


@pytest.mark.parametrize(("method", "path", "expected"), TABLE)
def test_both_resolve_a_path_alike(
    tests_api: Any, stack: LocalServer, method: str, path: str, expected: tuple[int, str | None, dict[str, str]]
) -> None:
    ours, theirs = tests_api.resolve(method, path), stack.api.router.resolve(method, path)
    assert ours == theirs
    assert (ours.status, ours.resource, ours.params) == expected
