"""It works with the keyboard, and every control has a label (issue #12).

On every page, as an admin and as a member: every control has an accessible name in Chromium's own
accessibility tree, every image (the report's chart) has a text alternative, Tab reaches every
enabled control, and a control focused from the keyboard shows it (its outline or shadow
changes). Then one whole workflow with the keyboard only: find a contact, open it and opt it out.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.console_pages import PAGE_NAMES, assert_api_holds, open_page
from tests.browser.helpers import ApiClient, sign_in

# Roles a person operates: each needs a name.
CONTROL_ROLES = {
    "button", "checkbox", "combobox", "link", "listbox", "menuitem", "radio", "searchbox", "slider",
    "spinbutton", "switch", "tab", "textbox",
}
IMAGE_ROLES = {"image", "img", "graphics-document", "graphics-symbol"}

# The page's enabled, shown, tabbable controls, each marked data-a11y=<n>, with how each looks unfocused.
MARK_CONTROLS = """() => {
  document.activeElement && document.activeElement.blur();
  const candidates = document.querySelectorAll(
    "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])");
  const looks = (node) => {
    const s = getComputedStyle(node);
    return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
  };
  const marked = [];
  for (const node of candidates) {
    if (node.disabled || node.tabIndex < 0 || node.closest("[inert], [hidden]")) continue;
    const box = node.getBoundingClientRect();
    const skip = node.classList.contains("skip-link"); // off screen until focused
    if (!skip && (box.width < 1 || box.height < 1 || getComputedStyle(node).visibility === "hidden")) continue;
    node.dataset.a11y = String(marked.length);
    marked.push({ id: node.dataset.a11y, what: `${node.tagName.toLowerCase()} ${(node.getAttribute("aria-label") || node.textContent || node.name || "").trim().slice(0, 40)}`, unfocused: looks(node) });
  }
  window.focusSeen = [];
  document.addEventListener("focusin", (event) => {
    const node = event.target;
    if (node.dataset && node.dataset.a11y !== undefined) {
      window.focusSeen.push({ id: node.dataset.a11y, focused: looks(node), visible: node.matches(":focus-visible") });
    }
  });
  return marked;
}"""


def _ax_nodes(page: Any) -> list[dict[str, Any]]:
    """Chromium's accessibility tree (the names a screen reader reads), through the DevTools protocol."""
    session = page.context.new_cdp_session(page)
    try:
        return list(session.send("Accessibility.getFullAXTree")["nodes"])
    finally:
        session.detach()


def _value(field: dict[str, Any] | None) -> str:
    return str((field or {}).get("value") or "").strip()


def _unnamed(page: Any) -> list[str]:
    problems = []
    for node in _ax_nodes(page):
        if node.get("ignored"):
            continue
        role = _value(node.get("role"))
        if role in CONTROL_ROLES | IMAGE_ROLES and not _value(node.get("name")):
            problems.append(f"{role} (backend node {node.get('backendDOMNodeId')}) has no accessible name")
    return problems


def _images_without_text(page: Any) -> list[str]:
    return list(page.evaluate("""() => {
      const problems = [];
      for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) problems.push(`img ${img.src}`);
      for (const svg of document.querySelectorAll("#page svg")) {
        if (svg.closest("[aria-hidden='true']")) continue;
        const titled = svg.getAttribute("aria-label") || [...(svg.getAttribute("aria-labelledby") || "").split(" ")]
          .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.textContent.trim()).join("");
        if (svg.getAttribute("role") !== "img" || !titled) problems.push(`svg ${svg.getAttribute("class")}`);
      }
      return problems;
    }"""))


def _tab_through(page: Any) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Tab round to the page's first control (the skip link), then on through every control once;
    the controls, and what the focus met from the first one on."""
    marked = page.evaluate(MARK_CONTROLS)
    first = page.locator("[data-a11y='0']")
    for _ in range(2 * len(marked) + 10):  # wherever the focus starts, once round the page
        page.keyboard.press("Tab")
        if first.evaluate("node => node === document.activeElement"):
            break
    seen = page.evaluate("() => window.focusSeen.splice(0)")[-1:]
    last = page.locator(f"[data-a11y='{len(marked) - 1}']")
    for _ in range(3 * len(marked)):  # a date field takes a Tab for each of its parts
        if last.evaluate("node => node === document.activeElement"):
            break
        page.keyboard.press("Tab")
    seen += page.evaluate("() => window.focusSeen")
    return marked, [s for i, s in enumerate(seen) if i == 0 or s["id"] != seen[i - 1]["id"]]


@pytest.mark.parametrize("role", ["admin", "member"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_control_is_named_reachable_by_tab_and_shows_focus(
    page: Any, api_client: ApiClient, name: str, role: str
) -> None:
    sign_in(page, api_client.key(role), expect_role=role)
    open_page(page, api_client, name)
    assert _unnamed(page) == []
    assert _images_without_text(page) == []

    marked, seen = _tab_through(page)
    assert len(marked) > 3
    # Tab goes through every enabled control once, in the page's order (the header's, the
    # navigation's, then the page's own).
    order = [int(s["id"]) for s in seen]
    missed = [m["what"] for m in marked if int(m["id"]) not in order]
    assert missed == [], f"Tab never reaches: {missed}"
    assert order == list(range(len(marked))), order
    unfocused = {m["id"]: m["unfocused"] for m in marked}
    invisible = [
        next(m["what"] for m in marked if m["id"] == s["id"])
        for s in seen
        if not s["visible"] or s["focused"] == unfocused[s["id"]] or s["focused"].startswith("none")
    ]
    assert invisible == [], f"focus is not visible on: {invisible}"
    assert_api_holds(api_client, name, role=role)


def _tab_to(page: Any, target: Any, limit: int = 80) -> None:
    """Press Tab until `target` has the focus."""
    for _ in range(limit):
        if target.evaluate("node => node === document.activeElement"):
            return
        page.keyboard.press("Tab")
    expect(target).to_be_focused()


def test_find_open_and_opt_out_a_contact_with_the_keyboard_only(admin_page: Any, api_client: ApiClient) -> None:
    page, phone = admin_page, "+14155550860"
    status, body = api_client.post("/v1/contacts", json_body={"phone": phone, "name": "Kira Keyboard"})
    assert status == 201, body
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()

    search = page.get_by_label("Phone or name")
    _tab_to(page, search)
    page.keyboard.type("kira keyboard")
    page.keyboard.press("Enter")  # submits the search form
    row_button = page.get_by_role("button", name=phone, exact=True)
    expect(row_button).to_be_visible()
    _tab_to(page, row_button)
    page.keyboard.press("Enter")  # opens the contact's pane, and focus moves to it
    pane = page.get_by_role("region", name=f"Contact {phone}")
    expect(pane.get_by_role("heading", name=f"Contact {phone}")).to_be_focused()

    page.keyboard.press("Tab")
    expect(pane.get_by_label("Note")).to_be_focused()  # the first control after the pane's details
    page.keyboard.type("asked at the front desk")
    _tab_to(page, pane.get_by_role("button", name="Opt out"))
    page.keyboard.press("Space")
    expect(page.locator("#notice")).to_have_text(f"{phone} is now opted out.")
    expect(pane.locator("dl .badge")).to_have_text("Opted out")
    row = page.get_by_role("row").filter(has=row_button)
    expect(row).to_contain_text("Opted out")

    # A confirmation takes the keyboard too: it opens on its confirm button, Escape cancels it,
    # and the focus comes back to the button that opened it.
    delete = pane.get_by_role("button", name="Delete contact")
    _tab_to(page, delete)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("button", name="Confirm")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(delete).to_be_focused()

    status, contact = api_client.get(f"/v1/contacts/{quote(phone)}")
    assert status == 200 and (contact["status"], contact["status_reason"]) == ("opted_out", "api")
    _, history = api_client.get(f"/v1/contacts/{quote(phone)}/events")
    assert history["events"][0]["note"] == "asked at the front desk"
