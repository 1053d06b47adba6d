"""POST a signed body to a subscriber's endpoint, behind a port (`Transport`) that tests fake.

The urllib transport resolves the host first and refuses any address its `address_allowed` check
refuses (the sender passes rules/webhook_urls.address_allowed: public addresses only), follows no redirect (a 3xx is a failed attempt: a redirect could point
anywhere), reads at most a little of the answer, and gives up after `timeout` seconds.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

_READ_LIMIT = 4096


@dataclass(frozen=True)
class HttpResult:
    status_code: int | None  # None when no answer came (timeout, refused connection...)
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class Transport(Protocol):
    def post(self, url: str, body: bytes, headers: Mapping[str, str], *, timeout: float) -> HttpResult: ...


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


def _blocked_address(url: str, address_allowed: Callable[[str], bool]) -> str | None:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname or "", port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return "the host name does not resolve"
    if not all(address_allowed(str(info[4][0])) for info in infos):
        return "the host resolves to an address that is not public"
    return None


class UrllibTransport:
    """The transport in Lambda and on the local stack."""

    def __init__(self, address_allowed: Callable[[str], bool]) -> None:
        self.address_allowed = address_allowed
        self._opener = urllib.request.build_opener(_NoRedirects)

    def post(self, url: str, body: bytes, headers: Mapping[str, str], *, timeout: float) -> HttpResult:
        started = time.monotonic()

        def result(status: int | None, error: str | None) -> HttpResult:
            return HttpResult(status, error, int((time.monotonic() - started) * 1000))

        blocked = _blocked_address(url, self.address_allowed)
        if blocked:
            return result(None, blocked)
        # https, or http to loopback on the local stack: the URL was checked when it was registered.
        request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")  # noqa: S310
        try:
            with self._opener.open(request, timeout=timeout) as response:
                response.read(_READ_LIMIT)
                return result(response.status, None)
        except urllib.error.HTTPError as exc:
            return result(exc.code, None if exc.code < 300 or exc.code >= 400 else "redirects are not followed")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return result(None, f"{type(reason).__name__}: {str(reason)[:200]}")
