"""Keyboard only, on a phone and at 400 % zoom: choose a language, ask, rate the answer.

The same focus checks as the keyboard booking (tests/e2e/test_keyboard_booking.py: focus
visible, not covered, never outside the open chat) for the two controls that booking walk
does not reach: the language picker and „War das hilfreich?“ under an answer.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.browser_helpers import TIMEOUT, launcher, run_axe, summarise_violations
from tests.e2e.conftest import Stack
from tests.e2e.test_keyboard_booking import Walk, browser, wait_for

pytestmark = pytest.mark.e2e
__all__ = ["browser"]  # the module-scoped Chromium of the booking walk

SIZES = {
    "phone-390": {"width": 390, "height": 844},
    "400-percent-320x256": {"width": 320, "height": 256},
}
ACTIVE_CLASS = "() => document.activeElement ? document.activeElement.className : ''"


def tab_to_class(walk: Walk, css_class: str, limit: int = 30) -> None:
    for _ in range(limit):
        walk.press("Tab")
        if css_class in walk.page.evaluate(ACTIVE_CLASS):
            return
    pytest.fail(f"{css_class} not reached with Tab; focus went: {walk.steps[-limit:]}")


@pytest.mark.parametrize("size", list(SIZES))
def test_language_choice_and_rating_with_the_keyboard_only(
    browser: Browser, stack: Stack, size: str
) -> None:
    context = browser.new_context(locale="de-DE", viewport=SIZES[size])
    page = context.new_page()
    page.goto(stack.web)
    expect(launcher(page)).to_be_visible()
    walk = Walk(page, f"languages-{size}")
    walk.to("Familienlotse", limit=40)
    assert walk.press("Enter")["id"] == "familienlotse-input"
    wait_for(page, "Wie alt sind Ihre Kinder?")

    # The picker: its toggle, then the list with focus on the current language.
    tab_to_class(walk, "fl-lang__toggle")
    state = walk.press("Enter")
    assert state["text"] == "Deutsch", state
    # Escape closes only the list and gives focus back to its toggle.
    walk.press("Escape")
    assert "fl-lang__toggle" in page.evaluate(ACTIVE_CLASS)
    expect(page.locator("#familienlotse-panel")).to_be_visible()
    walk.press("Enter")
    walk.to("English")
    walk.press("Enter")
    expect(page.locator(".fl-lang__toggle")).to_contain_text("English")
    walk.to("familienlotse-input")

    walk.type("how much is the consultation")
    feedback = page.get_by_role("log").get_by_role("group", name="Was this helpful?").last
    expect(feedback).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("log")).to_contain_text("costs you nothing", timeout=TIMEOUT)
    no = walk.to("No", backwards=True)
    assert no["inLog"], no
    walk.press("Enter")
    expect(feedback.get_by_role("button", name="No")).to_have_attribute("aria-pressed", "true")
    expect(feedback).to_contain_text("Thank you for your feedback.")
    walk.check()
    results = run_axe(page)
    assert results["violations"] == [], summarise_violations(results)
    context.close()
