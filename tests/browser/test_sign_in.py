"""Signing in and out of the console, the key's handling, the keyboard, and the page's CSP."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import KEY_STORAGE, is_csp_violation, sign_in

# connect-src names one origin beside 'self': the S3 endpoint the import page uploads to (here
# the stack's moto server).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' {s3}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
PAGES = ["Contacts", "Eligibility", "Auto Opt-Out folder", "Review queue", "Broadcasts", "Reports", "Import", "Settings"]


def stored_key(page):
    return page.evaluate(f"() => sessionStorage.getItem({KEY_STORAGE!r})")


def test_admin_signs_in_and_sees_workspace_and_role(admin_page, api_client, local_stack):
    workspace = local_stack["workspaces"][0]
    expect(admin_page.locator("header")).to_contain_text(workspace["name"])
    expect(admin_page.locator("#role-badge")).to_have_text("admin")
    expect(admin_page.get_by_role("navigation", name="Console pages")).to_be_visible()
    expect(admin_page.get_by_role("link", name="Contacts")).to_have_attribute("aria-current", "page")
    assert stored_key(admin_page) == api_client.key("admin")
    status, me = api_client.get("/v1/me")
    assert status == 200
    assert (me["workspace_name"], me["role"], me["workspace_id"]) == (workspace["name"], "admin", workspace["id"])


def test_member_signs_in_as_member(member_page, api_client, local_stack):
    expect(member_page.locator("header")).to_contain_text(local_stack["workspaces"][0]["name"])
    expect(member_page.locator("#role-badge")).to_have_text("member")
    status, me = api_client.get("/v1/me", role="member")
    assert (status, me["role"]) == (200, "member")
    # The other workspace's admin is told its own workspace, never this one.
    status, other = api_client.get("/v1/me", workspace=1)
    assert (status, other["workspace_name"]) == (200, local_stack["workspaces"][1]["name"])


def test_a_wrong_key_is_refused_with_the_apis_message_and_nothing_is_stored(page, api_client):
    wrong = "oo_" + "0" * 40
    status, refusal = api_client.get("/v1/me", key=wrong)
    assert status == 401
    sign_in(page, wrong)
    notice = page.get_by_role("status")
    expect(notice).to_contain_text("Sign-in refused")
    expect(notice).to_contain_text(refusal["error"]["message"])
    expect(page.get_by_label("API key")).to_be_visible()
    expect(page.get_by_label("API key")).to_have_value("")
    expect(page.locator("#session")).to_be_hidden()
    assert stored_key(page) is None
    assert page.evaluate("() => localStorage.length") == 0


def test_sign_out_clears_the_key_and_returns_to_the_form(admin_page, api_client, console_url):
    admin_page.get_by_role("link", name="Reports").click()
    expect(admin_page).to_have_url(re.compile(r"#/reports$"))
    admin_page.get_by_role("button", name="Sign out").click()
    expect(admin_page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(admin_page.get_by_label("API key")).to_be_visible()
    expect(admin_page.get_by_role("status")).to_contain_text("Signed out")
    expect(admin_page.locator("#session")).to_be_hidden()
    expect(admin_page.get_by_role("navigation", name="Console pages")).to_be_hidden()
    assert stored_key(admin_page) is None
    assert admin_page.url == console_url  # the route is gone with the session
    admin_page.reload()  # nothing left to sign in with
    expect(admin_page.get_by_label("API key")).to_be_visible()
    assert stored_key(admin_page) is None
    # Signing out is the browser forgetting the key; the key itself still works in the API.
    assert api_client.get("/v1/me").status == 200


def test_the_key_never_appears_in_a_url_or_local_storage(page, api_client, console_messages):
    key = api_client.key("admin")
    urls: list[str] = []
    authorizations: list[str] = []

    def seen(request):
        urls.append(request.url)
        if "/v1/" in request.url:
            authorizations.append(request.headers.get("authorization", ""))

    page.on("request", seen)
    sign_in(page, key, expect_role="admin")
    for name in ("Review queue", "Reports", "Contacts"):
        page.get_by_role("link", name=name).click()
        expect(page.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")
    page.reload()  # a signed-in reload checks the stored key again
    expect(page.locator("#role-badge")).to_have_text("admin")
    assert urls and not [url for url in urls if key in url]
    assert key not in page.url
    assert f"Bearer {key}" in authorizations  # it travels in the Authorization header only
    assert page.evaluate("() => localStorage.length") == 0
    assert not [text for _, text in console_messages if key in text]
    assert api_client.get("/v1/me").data["role"] == "admin"


def test_sign_in_and_navigation_work_with_the_keyboard_only(page, api_client):
    key_input = page.get_by_label("API key")
    expect(key_input).to_be_focused()  # the form puts the cursor in the key field
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(key_input).to_be_focused()
    page.keyboard.type(api_client.key("member"))
    page.keyboard.press("Enter")
    expect(page.locator("#role-badge")).to_have_text("member")
    # The Contacts page has shown and taken the focus (never Tab while it loads: where the focus
    # goes would depend on how fast it loads); the navigation comes just before it.
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()
    expect(page.locator("#page")).to_be_focused()
    link = page.get_by_role("link", name="Review queue")
    for _ in range(10):  # Shift+Tab back through the navigation until the link has focus
        page.keyboard.press("Shift+Tab")
        if link.evaluate("node => node === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#/review-queue$"))
    expect(link).to_have_attribute("aria-current", "page")
    sign_out = page.get_by_role("button", name="Sign out")
    sign_out.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("API key")).to_be_visible()
    assert stored_key(page) is None
    assert api_client.get("/v1/me", role="member").data["role"] == "member"


def test_the_console_is_served_under_a_strict_csp(page, console_url, api_client, console_messages):
    response = page.goto(console_url)
    assert response is not None and response.status == 200
    headers = response.headers
    csp = CSP.format(s3=api_client.demo["moto_url"])
    assert headers["content-security-policy"] == csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-store"
    assert headers["content-type"].startswith("text/html")
    expect(page.get_by_label("API key")).to_be_visible()
    assert [text for _, text in console_messages if is_csp_violation(text)] == []
    # An inline script is refused by the browser, and says so.
    ran = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", () => resolve(window.inlineRan === true), {once: true});
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true";
            document.body.append(script);
        })"""
    )
    assert ran is False
    console_messages[:] = [m for m in console_messages if not is_csp_violation(m[1])]  # the one we caused
    # The API serves the assets with their types and the same policy.
    script = api_client.get("/console/js/app.js")
    assert script.status == 200
    assert script.headers["Content-Type"].startswith("text/javascript")
    assert script.headers["Content-Security-Policy"] == csp
    assert api_client.get("/console/console.css").headers["Content-Type"].startswith("text/css")


def test_every_page_opens_from_the_navigation(admin_page, api_client, console_messages):
    for name in PAGES:
        link = admin_page.get_by_role("navigation", name="Console pages").get_by_role("link", name=name)
        link.click()
        expect(link).to_have_attribute("aria-current", "page")
        heading = "Import contacts" if name == "Import" else name  # this page's heading, not the last one's
        expect(admin_page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    errors = [text for kind, text in console_messages if kind == "pageerror"]
    assert errors == []
    assert api_client.get("/v1/me").status == 200


def test_a_page_left_while_it_loads_never_overwrites_the_notice(admin_page, api_client):
    """Signing out while Reports loads: its late answers (refused now: the key is gone) say nothing."""
    page = admin_page
    held, answers = [], []

    def hold(route):
        held.append(route)
        page.evaluate("() => { document.body.dataset.reportHeld = 'yes'; }")  # the handler has run

    page.on("response", lambda response: answers.append((response.url, response.status)))
    page.route("**/v1/reports/opt-outs?*", hold, times=1)
    page.get_by_role("link", name="Reports").click()
    expect(page.locator("body")).to_have_attribute("data-report-held", "yes")
    page.get_by_role("button", name="Sign out").click()
    notice = page.get_by_role("status")
    expect(notice).to_have_text("Signed out. The key was removed from this browser tab.")
    # The page goes on asking, without a key now: every answer is a refusal it keeps to itself.
    with page.expect_request_finished(lambda request: "/v1/reports/failures" in request.url):
        held[0].continue_()
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve))")  # its last answer is read
    expect(notice).to_have_text("Signed out. The key was removed from this browser tab.")
    expect(page.get_by_label("API key")).to_be_visible()
    assert stored_key(page) is None
    late = [status for url, status in answers if "/v1/reports/" in url and "opt-outs" not in url]
    assert late and set(late) == {401}, answers
    assert api_client.get("/v1/me").status == 200  # signing out only made the browser forget the key
