"""Every API route lives in one resource's Router in the core layer; the functions only include them."""

from __future__ import annotations

from functools import cache

import pytest
from aws_lambda_powertools.event_handler import APIGatewayRestResolver

from local_stack import lambdas, template

API_FUNCTIONS = sorted(["ContactsApiFunction", "ImportsApiFunction", "ReportsFunction", "WebhooksApiFunction"])


@cache
def _resolvers() -> dict[str, APIGatewayRestResolver]:
    """Each function behind an API route that has a resolver (the webhook functions have none)."""
    specs = {r.function.logical_id: r.function for r in template.api_routes()}
    apps = {name: getattr(lambdas.load_module(spec), "app", None) for name, spec in specs.items()}
    return {name: app for name, app in apps.items() if isinstance(app, APIGatewayRestResolver)}


def _route_modules(logical_id: str) -> set[str]:
    app = _resolvers()[logical_id]
    return {route.func.__module__ for route in [*app._static_routes, *app._dynamic_routes] if route.include_in_schema}


def test_the_api_functions_are_found():
    assert sorted(_resolvers()) == API_FUNCTIONS


@pytest.mark.parametrize("logical_id", API_FUNCTIONS)
def test_every_route_of_a_function_comes_from_a_router_in_the_layer(logical_id):
    modules = _route_modules(logical_id)
    assert modules and all(m.startswith("optout.api.routes.") for m in modules), modules


def test_each_router_is_served_by_one_function():
    served = [_route_modules(name) for name in API_FUNCTIONS]
    for index, modules in enumerate(served):
        for other in served[index + 1:]:
            assert modules.isdisjoint(other)
    assert _route_modules("ReportsFunction") == {"optout.api.routes.reports"}
