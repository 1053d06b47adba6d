"""Which route of template.yaml a request reaches: the one matcher of the local stack and the tests.

API Gateway's choice, on purpose the same here: the most specific resource first, then the method.
The local stack (`local_stack.http_server`) and the integration tests' `Api` (tests/conftest.py)
both call `template_router()`, so a request can never reach one handler in a test and another one
over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote

from local_stack import template


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
        """Route a request path (no query string; percent-encoding as sent)."""
        segments = split_path(path)
        if segments is None:
            return Resolution(None)
        for resource, methods in self._resources:
            params = match_resource(resource, segments)
            if params is None:
                continue
            route = methods.get(method.upper()) or methods.get("ANY")
            return Resolution(route, resource, params, tuple(sorted(methods)))
        return Resolution(None)


@cache
def template_router() -> Router:
    """The router over template.yaml's `Type: Api` events, built once per process."""
    return Router(template.api_routes())


__all__ = [
    "Resolution", "Router", "match_resource", "normalize_path", "split_path", "template_router",
]
