"""Shared fixtures: moto-backed AWS built from template.yaml, and the real handlers."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "core")]

from local_stack import lambdas, moto_patches, template  # noqa: E402
from local_stack.environment import use_offline_aws  # noqa: E402
from local_stack.routing import Resolution, template_router  # noqa: E402

use_offline_aws()  # before any handler or boto3 client is created: no real AWS, ever
os.environ["POWERTOOLS_DEV"] = "false"

moto_patches.apply()

os.environ.update(template.local_environment())
from optout import config as optout_config  # noqa: E402

optout_config.reset()  # the layer reads the environment once; from here on, the one set above


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end over HTTP against the local stack")


@pytest.fixture(autouse=True)
def _trust_test_sns_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """SNS test certificates are issued by a test CA: trust it, and only it, in every test."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    import carrier_signing

    from optout.carriers import sns_trust

    monkeypatch.setattr(sns_trust, "trust_store_override", carrier_signing.sns_test_trust_store())


@pytest.fixture(autouse=True)
def _fresh_config() -> Iterator[None]:
    """A test that changes the environment calls optout.config.reset(); this resets after it too, so the
    settings it read never reach the next test."""
    yield
    optout_config.reset()


class _ClientsOnce:
    """A boto3 session whose clients are made once per worker: loading a service's model costs
    about 50 ms per client, and moto intercepts a client's calls whenever a mock is active."""

    def __init__(self) -> None:
        self._session = boto3.Session()
        self._clients: dict[tuple[str, str | None], Any] = {}

    def client(self, service: str, region_name: str | None = None) -> Any:
        key = (service, region_name)
        if key not in self._clients:
            self._clients[key] = self._session.client(service, region_name=region_name)
        return self._clients[key]


_RESOURCE_CLIENTS = _ClientsOnce()


def _refuse_scan(**_: Any) -> None:
    raise AssertionError("the code issued a DynamoDB Scan; every read path must use keys or indexes")


@pytest.fixture
def aws() -> Iterator[None]:
    """Fresh moto state with every table the template declares."""
    from aws_lambda_powertools.utilities import parameters
    from moto import mock_aws

    from optout import repository, ttl_cache

    with mock_aws():
        repository.dynamodb_client.cache_clear()
        ttl_cache.clear_all()  # workspaces, inboxes, SNS certificates...
        parameters.clear_caches()  # Powertools' own cache of signing secrets
        template.create_resources(_RESOURCE_CLIENTS)
        repository.dynamodb_client().meta.events.register("before-call.dynamodb.Scan", _refuse_scan)
        yield
        repository.dynamodb_client.cache_clear()


@pytest.fixture
def ddb_calls(aws: None) -> Iterator[list[str]]:
    """Every DynamoDB operation the code issues, by name, in order."""
    from optout import repository

    seen: list[str] = []

    def record(model: Any, **_: Any) -> None:
        seen.append(model.name)

    client = repository.dynamodb_client()
    client.meta.events.register("before-call.dynamodb", record)
    yield seen
    client.meta.events.unregister("before-call.dynamodb", record)


class Api:
    """Calls a function's real handler with API Gateway events, as API Gateway would.

    Requests are routed by the local stack's own router, so a test reaches the handler that the
    same request reaches over HTTP.
    """

    def __init__(self) -> None:
        self.router = template_router()
        self.routes = self.router.routes

    def resolve(self, method: str, path: str) -> Resolution:
        """The route of a request path (no query string), as the local stack resolves it."""
        return self.router.resolve(method, path)

    def request(
        self,
        method: str,
        path: str,
        *,
        key: str | None = None,
        json_body: Any = None,
        body: str | None = None,
        headers: dict[str, str] | None = None,
        query: dict[str, Any] | None = None,
    ) -> tuple[int, Any]:
        path_only = path.split("?", 1)[0]
        resolution = self.resolve(method, path_only)
        route, params = resolution.route, resolution.params
        if route is None or resolution.resource is None:
            raise AssertionError(f"no route in template.yaml for {method} {path} ({resolution.status})")
        all_headers = dict(headers or {})
        if key:
            all_headers["Authorization"] = f"Bearer {key}"
        if json_body is not None:
            body = json.dumps(json_body)
            all_headers.setdefault("Content-Type", "application/json")
        multi_query = {k: [str(v)] for k, v in (query or {}).items() if v is not None}
        event = lambdas.api_gateway_event(
            method=method,
            resource=resolution.resource,
            path=path_only,
            path_parameters=params,
            headers=all_headers,
            query=multi_query,
            body=body,
        )
        handler = lambdas.load_handler(route.function)
        response = handler(event, lambdas.LambdaContext(route.function.logical_id))
        return response["statusCode"], lambdas.response_body(response)


@pytest.fixture
def api(aws: None) -> Api:
    return Api()


@pytest.fixture
def workspace(aws: None) -> dict[str, str]:
    """A workspace with an admin key and a member key."""
    from optout.models import Role
    from optout.services import accounts

    ws, _, admin_key = accounts.create_workspace("Acme Dental")
    _, member_key = accounts.create_api_key_for(ws.id, "member", Role.MEMBER)
    return {"id": ws.id, "admin": admin_key, "member": member_key}


@pytest.fixture
def other_workspace(aws: None) -> dict[str, str]:
    from optout.models import Role
    from optout.services import accounts

    ws, _, admin_key = accounts.create_workspace("Globex")
    _, member_key = accounts.create_api_key_for(ws.id, "member", Role.MEMBER)
    return {"id": ws.id, "admin": admin_key, "member": member_key}
