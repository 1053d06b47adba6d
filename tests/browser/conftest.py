"""Browser tests of the console: Debian's Chromium, driven by Playwright, against the local stack.

Fixtures:
- `local_stack` / `local_stack_process`: the stack of tests/e2e (its own process, on a free port)
  and its demo file (`base_url`, `workspaces` with admin and member keys).
- `console_url`: where the stack serves the console.
- `browser`: one Chromium for the session; `page`: a fresh context (empty sessionStorage) on the
  console's sign-in form; `admin_page` / `member_page`: signed in as workspace 0's admin / member.
- `console_messages`: what the page wrote to its console, `[(type, text)]`.
- `api_client`: the API over HTTP, to check what it holds after the page acted.

Every page fixture fails the test at its end if the browser reported a Content-Security-Policy
violation, and saves a screenshot of the page as the test left it: to .local/screenshots/<test
name>.png (git-ignored), or with CONSOLE_SCREENSHOTS=1 to docs/screenshots/ (the README's).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RUN_SCREENSHOTS,
    SCREENSHOTS,
    ApiClient,
    is_csp_violation,
    screenshot_name,
    sign_in,
)
from tests.e2e.conftest import RunningStack, run_local_stack

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make browser-deps)")


@pytest.fixture(scope="session")
def local_stack_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    with run_local_stack(tmp_path_factory.mktemp("console_stack")) as stack:
        yield stack


@pytest.fixture(scope="session")
def local_stack(local_stack_process: RunningStack) -> dict[str, Any]:
    return local_stack_process.demo


@pytest.fixture(scope="session")
def console_url(local_stack: dict[str, Any]) -> str:
    return str(local_stack["base_url"]).rstrip("/") + "/console/"


@pytest.fixture(scope="session")
def api_client(local_stack: dict[str, Any]) -> ApiClient:
    return ApiClient(local_stack)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (installs Debian's chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def console_messages() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def page(
    browser: Any, console_url: str, console_messages: list[tuple[str, str]], request: pytest.FixtureRequest
) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, service_workers="block",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda message: console_messages.append((message.type, message.text)))
    page.on("pageerror", lambda error: console_messages.append(("pageerror", str(error))))
    page.goto(console_url)
    page.get_by_role("button", name="Sign in").wait_for()
    yield page
    try:
        if not page.is_closed():
            # Every run keeps one per test (git-ignored); CONSOLE_SCREENSHOTS=1 refreshes docs/'s.
            folder = SCREENSHOTS if os.environ.get("CONSOLE_SCREENSHOTS") == "1" else RUN_SCREENSHOTS
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{screenshot_name(request.node.name)}.png"), full_page=True)
    finally:
        context.close()
    violations = [text for _, text in console_messages if is_csp_violation(text)]
    assert violations == [], f"the page broke its Content-Security-Policy: {violations}"


@pytest.fixture
def admin_page(page: Any, api_client: ApiClient) -> Any:
    sign_in(page, api_client.key("admin"), expect_role="admin")
    return page


@pytest.fixture
def member_page(page: Any, api_client: ApiClient) -> Any:
    sign_in(page, api_client.key("member"), expect_role="member")
    return page
