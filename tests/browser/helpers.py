"""What the browser tests share: the Chromium to drive, the API client, signing in.

The local stack is the one of tests/e2e (`run_local_stack`): its own process, moto state and demo
workspaces. Chromium is Debian's (`/usr/bin/chromium`); Playwright's own browser download is never
used. The flags keep Chromium off the network: this machine allows only the local stack.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
RUN_SCREENSHOTS = ROOT / ".local" / "screenshots"
CHROMIUM = os.environ.get("CONSOLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KEY_STORAGE = "optout.apiKey"  # the sessionStorage key the console keeps the API key under


@dataclass
class ApiResult:
    """One API answer: unpacks as (status, data); data is parsed JSON, else the text."""

    status: int
    data: Any
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""

    def __iter__(self) -> Iterator[Any]:
        return iter((self.status, self.data))


class ApiClient:
    """The API over HTTP with a demo key, to check what the API holds after the page acted.

    `api_client.get("/v1/contacts/+14155550700")` calls as workspace 0's admin;
    `role="member"` or `workspace=1` pick another demo key, `key=` any key.
    """

    def __init__(self, demo: Mapping[str, Any]) -> None:
        self.demo = demo
        self.base_url = str(demo["base_url"]).rstrip("/")

    def key(self, role: str = "admin", workspace: int = 0) -> str:
        return str(self.demo["workspaces"][workspace][f"{role}_key"])

    def call(
        self,
        method: str,
        path: str,
        *,
        role: str = "admin",
        workspace: int = 0,
        key: str | None = None,
        json_body: Any = None,
        body: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = 30.0,
    ) -> ApiResult:
        all_headers = dict(headers or {})
        all_headers.setdefault("Authorization", f"Bearer {key or self.key(role, workspace)}")
        if json_body is not None:
            body = json.dumps(json_body)
            all_headers.setdefault("Content-Type", "application/json")
        data = body.encode("utf-8") if isinstance(body, str) else body
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw, got = response.status, response.read(), dict(response.headers.items())
        except urllib.error.HTTPError as error:
            status, raw, got = error.code, error.read(), dict(error.headers.items())
        text = raw.decode("utf-8", errors="replace")
        parsed: Any = text
        if "json" in got.get("Content-Type", "") and text:
            parsed = json.loads(text)
        return ApiResult(status, parsed, got, text)

    def get(self, path: str, **kwargs: Any) -> ApiResult:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> ApiResult:
        return self.call("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> ApiResult:
        return self.call("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> ApiResult:
        return self.call("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> ApiResult:
        return self.call("DELETE", path, **kwargs)

    __call__ = call


def sign_in(page: Any, key: str, *, expect_role: str | None = None) -> None:
    """Fill the sign-in form and submit it; with expect_role, wait until the header shows it."""
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    if expect_role:
        page.locator("#role-badge").filter(has_text=expect_role).wait_for()


def screenshot_name(test_name: str) -> str:
    """`test_x[admin]` -> `test_x-admin`: a file name from a test's name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name).strip("-")


def is_csp_violation(text: str) -> bool:
    lowered = text.lower()
    return "content security policy" in lowered or "content-security-policy" in lowered


__all__ = [
    "CHROMIUM", "CHROMIUM_ARGS", "KEY_STORAGE", "RUN_SCREENSHOTS", "SCREENSHOTS", "ApiClient", "ApiResult",
    "is_csp_violation", "screenshot_name", "sign_in",
]
