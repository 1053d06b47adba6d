"""The layout holds from a laptop screen down to a phone width (issue #12).

Every page, with something on it, at 1280, 1024, 768, 390 and 360 pixels wide: the document never
scrolls sideways, every visible control lies inside the viewport, nothing covers a control (the
point at a control's centre hits the control), no two controls overlap, and the navigation
reaches every page. The test ends at 360 wide, so the screenshot it leaves is the phone one
(`test_layout_holds_at_every_width-<page>.png`).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.console_pages import PAGE_NAMES, assert_api_holds, open_page
from tests.browser.helpers import ApiClient

WIDTHS = [1280, 1024, 768, 390, 360]

# What is wrong with the layout as the browser lays it out now: [] when it holds.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > scroller.clientWidth + 1) {
    problems.push(`the document scrolls sideways: ${scroller.scrollWidth}px wide in ${scroller.clientWidth}px`);
  }
  const name = (node) => {
    const text = (node.getAttribute("aria-label") || (node.labels && node.labels[0] && node.labels[0].textContent)
      || node.textContent || node.name || node.tagName).trim().replace(/\\s+/g, " ");
    return `${node.tagName.toLowerCase()} "${text.slice(0, 40)}"`;
  };
  const shown = (node) => {
    if (node.closest(".skip-link") && document.activeElement !== node) return false; // shown on focus only
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && node.getClientRects().length > 0;
  };
  const controls = [...document.querySelectorAll("button, input, select, textarea, a[href], summary")].filter(shown);
  for (const node of controls) {
    const box = node.getBoundingClientRect();
    if (box.left < -0.5 || box.right > width + 0.5) {
      problems.push(`${name(node)} lies outside the viewport: ${Math.round(box.left)}..${Math.round(box.right)} of ${width}`);
    }
  }
  // Nothing covers a control: the point at its centre, once scrolled into view, hits it.
  const notice = document.getElementById("notice");
  for (const node of controls) {
    node.scrollIntoView({ block: "center", inline: "nearest" });
    const box = node.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const label = hit && hit.closest("label");
    const itsLabel = label && (label.control === node || label.contains(node));
    if (hit && (hit === node || node.contains(hit) || itsLabel)) continue;
    if (hit && notice.contains(hit)) continue; // the sticky notice floats over the page by design
    problems.push(`${name(node)} is covered by ${hit ? name(hit) : "nothing (off screen)"}`);
  }
  window.scrollTo(0, 0);
  // No two controls overlap (a control and its own wrapper excepted).
  const boxes = controls.map((node) => [node, node.getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const [a, p] = boxes[i];
      const [b, q] = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 1 && y > 1) problems.push(`${name(a)} overlaps ${name(b)}`);
    }
  }
  return problems;
}"""


def _nav_reaches_every_page(page: Any, width: int) -> None:
    nav = page.get_by_role("navigation", name="Console pages")
    expect(nav).to_be_visible()
    links = nav.get_by_role("link")
    expect(links).to_have_count(8)
    for index in range(8):
        box = links.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (index, box)
    expect(page.get_by_role("button", name="Sign out")).to_be_in_viewport()


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_layout_holds_at_every_width(admin_page: Any, api_client: ApiClient, name: str) -> None:
    page = admin_page
    open_page(page, api_client, name)
    found: dict[int, list[str]] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("() => document.documentElement.clientWidth") == width
        problems = page.evaluate(LAYOUT_PROBLEMS)
        if problems:
            found[width] = problems
        _nav_reaches_every_page(page, width)
    assert found == {}, found
    # The page still shows what it listed, and the API holds it.
    assert page.evaluate("() => document.documentElement.clientWidth") == 360
    expect(page.locator("#role-badge")).to_have_text("admin")
    assert_api_holds(api_client, name)
