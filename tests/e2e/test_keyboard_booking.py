"""A family books a joint appointment with the keyboard only, from page load to reference.

At every key press the focused element must be inside the viewport and not covered
(WCAG 2.4.7 focus visible, 2.4.11 focus not obscured: `elementFromPoint` at its centre
is the element or inside it). While the chat covers the page (small screens), focus
never leaves the dialog (2.4.3 focus order, 2.1.2 Escape leaves it). The same walk runs
on desktop, at 390 px, at 320×256 (400 % zoom, 1.4.10), in forced colours (Windows high
contrast) and with reduced motion.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser_helpers import (
    ARTIFACTS,
    TIMEOUT,
    booking_of,
    launch_browser,
    launcher,
    run_axe,
    summarise_violations,
)
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

FOCUS_STATE = """() => {
  const e = document.activeElement;
  const panel = document.getElementById("familienlotse-panel");
  const open = Boolean(panel && !panel.hidden);
  if (!e || e === document.body) {
    return {ok: false, why: "nothing focused", open, inDialog: false};
  }
  const r = e.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.top >= -1 && r.left >= -1
    && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const uncovered = Boolean(hit) && (hit === e || e.contains(hit));
  return {
    ok: inView && uncovered,
    inView, uncovered, open,
    modal: open && panel.getAttribute("aria-modal") === "true",
    inDialog: open && panel.contains(e),
    hit: hit ? hit.outerHTML.slice(0, 90) : null,
    tag: e.tagName, id: e.id,
    text: (e.innerText || "").trim().slice(0, 60),
    label: e.getAttribute("aria-label") || "",
    disabled: e.getAttribute("aria-disabled") === "true",
    inLog: Boolean(e.closest("[role=log]")),
    inWidget: Boolean(e.closest(".fl-root")),
    outline: `${getComputedStyle(e).outlineStyle} ${parseFloat(getComputedStyle(e).outlineWidth)}`,
    rect: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)],
  };
}"""

WALKS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone-390": {"viewport": {"width": 390, "height": 844}},
    "400-percent-320x256": {"viewport": {"width": 320, "height": 256}},
    "forced-colors": {"viewport": {"width": 1280, "height": 800}, "forced_colors": "active"},
    "reduced-motion-390": {"viewport": {"width": 390, "height": 844}, "reduced_motion": "reduce"},
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_browser() as browser:
        yield browser


class Walk:
    """Key presses with the focus checks after each one."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.name = name
        self.steps: list[str] = []

    def state(self) -> dict[str, Any]:
        return self.page.evaluate(FOCUS_STATE)

    def check(self) -> dict[str, Any]:
        """Wait (smooth scrolling may still run) until focus is visible and uncovered; assert."""
        state = self.poll(lambda state: state["ok"], 5.0)
        if not state["ok"]:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=ARTIFACTS / f"keyboard-focus-lost-{self.name}.png")
        name = (
            state.get("label") or state.get("text", "")[:30] or state.get("id") or state.get("tag")
        )
        self.steps.append(str(name))
        assert state["ok"], f"focus hidden or covered after {self.steps[-8:]}: {state}"
        if state["modal"]:
            assert state["inDialog"], f"focus left the modal chat: {state}"
        if state["inWidget"]:  # a visible ring (2.4.7), also in forced colours
            style, width = state["outline"].split()
            assert style != "none" and float(width) >= 2, state
        return state

    def press(self, key: str) -> dict[str, Any]:
        self.page.keyboard.press(key)
        return self.check()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.press("Enter")

    def to(self, wanted: str, *, backwards: bool = False, limit: int = 60) -> dict[str, Any]:
        """Tab (or Shift+Tab) until an enabled element named `wanted` has focus."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(limit):
            state = self.press(key)
            names = (state["label"], state["text"], state["text"].split("\n")[0], state["id"])
            if wanted in names and not state["disabled"]:
                return state
        pytest.fail(f"{wanted!r} not reached with {key}; focus went: {self.steps[-limit:]}")

    def poll(self, condition: Callable[[dict[str, Any]], bool], seconds: float) -> dict[str, Any]:
        """Focus state once `condition` holds, or the last one after `seconds`.

        Polled from here: the page's Content-Security-Policy forbids the string
        evaluation that Playwright's wait_for_function uses.
        """
        deadline = time.monotonic() + seconds
        state = self.state()
        while not condition(state) and time.monotonic() < deadline:
            time.sleep(0.1)
            state = self.state()
        return state

    def wait_reply_focus(self) -> dict[str, Any]:
        """Wait until focus is on an enabled answer button in the log; then check it."""
        self.poll(
            lambda state: state["inLog"] and state["tag"] == "BUTTON" and not state["disabled"],
            TIMEOUT / 1000,
        )
        return self.check()


def wait_for(page: Page, text: str) -> None:
    expect(page.get_by_role("log")).to_contain_text(text, timeout=TIMEOUT)


def first_open_reply(page: Page) -> str:
    """Title of the first enabled answer button of the newest bot message with buttons."""
    return page.evaluate(
        """() => {
          const groups = [...document.querySelectorAll("[role=log] .fl-replies")];
          const button = groups.at(-1).querySelector(".fl-reply:not([aria-disabled=true])");
          return button.innerText.trim();
        }"""
    )


@pytest.mark.parametrize("walk_name", list(WALKS))
def test_keyboard_only_booking_keeps_focus_visible(
    browser: Browser, stack: Stack, api: httpx.Client, walk_name: str
) -> None:
    options = WALKS[walk_name]
    context = browser.new_context(locale="de-DE", **options)
    page = context.new_page()
    page.goto(stack.web)
    expect(launcher(page)).to_be_visible()  # the widget has loaded
    walk = Walk(page, walk_name)

    # From page load: Tab through the page to the launcher.
    launcher_state = walk.to("Familienlotse", limit=40)
    assert launcher_state["tag"] == "BUTTON", launcher_state
    state = walk.press("Enter")
    assert state["id"] == "familienlotse-input", state  # opening moves focus into the composer
    wait_for(page, "Wie alt sind Ihre Kinder?")
    small = options["viewport"]["width"] < 576 or options["viewport"]["height"] < 544
    assert walk.state()["modal"] is small  # aria-modal exactly where the panel covers the page
    if small:
        # The covered page is inert: nothing of it can be focused or read.
        assert page.evaluate("document.querySelector('main').closest('[inert]') !== null")
    # Reflow (1.4.10): the messages keep at least half the height, even at 320×256.
    height = options["viewport"]["height"]
    parts = page.evaluate(
        "() => [...document.querySelector('#familienlotse-panel').children]"
        ".map(e => `${e.className}:${Math.round(e.getBoundingClientRect().height)}`)"
    )
    assert page.locator(".fl-scroll").evaluate("e => e.clientHeight") >= height / 2, parts

    # Tab and Shift+Tab cycle inside the open chat, on every screen size.
    for _ in range(14):
        assert walk.press("Tab")["inDialog"], walk.steps
    for _ in range(14):
        assert walk.press("Shift+Tab")["inDialog"], walk.steps
    walk.to("familienlotse-input")

    # A greeting at the question is answered kindly and the question comes again (3.3.x).
    walk.type("Hallo")
    wait_for(page, "Schön, dass Sie schreiben")
    expect(page.get_by_role("log").locator(".fl-msg--bot").last).to_contain_text("Wie alt")
    expect(page.get_by_role("log")).not_to_contain_text("kein Alter erkannt")
    walk.type("4 und 7")
    expect(page.get_by_role("log").get_by_role("button", name="Ja", exact=True)).to_be_visible(
        timeout=TIMEOUT
    )
    # Typed answers keep focus in the composer; the newest buttons are just before it.
    walk.to("Ja", backwards=True)
    walk.press("Enter")
    wait_for(page, "Möchten Sie einen gemeinsamen Termin?")
    # After a choice focus moves on to the new question's first answer (never the used button).
    state = walk.wait_reply_focus()
    assert state["text"] == first_open_reply(page), state
    book = walk.to("Ja, Termin buchen") if state["text"] != "Ja, Termin buchen" else state
    assert book["inLog"], book
    walk.press("Enter")
    wait_for(page, "Welcher passt Ihnen?")
    slot = walk.wait_reply_focus()
    slots_shown = run_axe(page)  # axe with the slot buttons shown, at this size and mode
    assert slots_shown["violations"] == [], summarise_violations(slots_shown)
    assert re.match(r"(Mo|Di|Mi|Do|Fr)\.", slot["text"]), slot
    walk.press("Enter")
    wait_for(page, "Auf welchen Namen")
    state = walk.check()
    assert state["id"] == "familienlotse-input", state  # no buttons: the composer keeps focus

    walk.type("Fatma Demir")
    wait_for(page, "Telefonnummer oder eine E-Mail-Adresse")
    email = f"fatma.demir.{walk_name}@example.de"
    walk.type(email)
    wait_for(page, "Sind Sie damit einverstanden?")
    consent = page.get_by_role("log").get_by_role("button", name="Ja, ich willige ein")
    expect(consent.last).to_be_visible(timeout=TIMEOUT)
    walk.to("Ja, ich willige ein", backwards=True)
    walk.press("Space")
    wait_for(page, "Ihr gemeinsamer Termin ist gebucht.")
    walk.check()

    # axe-core in the booked state, with the chat open at this size and mode.
    results = run_axe(page)
    assert results["violations"] == [], summarise_violations(results)

    text = page.get_by_role("log").inner_text()
    reference = re.search(r"Ihre Buchungsnummer: (\S+)", text).group(1)
    stored = booking_of(api, reference)
    assert stored["contact"]["email"] == email
    assert stored["children_ages"] == [4, 7]

    # Escape closes from an element deep inside (a link in the panel), focus returns.
    walk.to("Datenschutz")
    page.keyboard.press("Escape")
    expect(page.locator("#familienlotse-panel")).to_be_hidden()
    state = walk.check()
    assert "Familienlotse" in state["text"], state
    assert page.evaluate("document.querySelectorAll('[inert]').length") == 0
    context.close()


TEXT_SPACING = """() => {
  // WCAG 1.4.12 text spacing, set through the CSSOM (the page's CSP forbids inline <style>).
  for (const e of document.querySelectorAll(".fl-root *")) {
    e.style.setProperty("line-height", "1.5", "important");
    e.style.setProperty("letter-spacing", "0.12em", "important");
    e.style.setProperty("word-spacing", "0.16em", "important");
    if (e.tagName === "P") {
      e.style.setProperty("margin-bottom", "2em", "important");
    }
  }
}"""
CLIPPED = """() => [...document.querySelectorAll(
    ".fl-root button, .fl-root a, .fl-root input, .fl-root label, .fl-root h2")]
  .filter((e) => e.getClientRects().length > 0 && e.clientWidth > 1)  // not screen-reader-only
  .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .map((e) => `${e.tagName} ${(e.innerText || e.placeholder || "").trim().slice(0, 40)}: `
    + `${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`)"""


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 800}, {"width": 320, "height": 256}],
    ids=["desktop", "400-percent"],
)
def test_text_spacing_clips_no_control_text(
    browser: Browser, stack: Stack, viewport: dict[str, int]
) -> None:
    context = browser.new_context(locale="de-DE", viewport=viewport)
    page = context.new_page()
    page.goto(stack.web)
    launcher(page).click()
    wait_for(page, "Wie alt sind Ihre Kinder?")
    page.get_by_label("Ihre Nachricht").fill("4 und 7")
    page.get_by_label("Ihre Nachricht").press("Enter")
    expect(page.get_by_role("log").get_by_role("button", name="Ja", exact=True)).to_be_visible(
        timeout=TIMEOUT
    )
    page.evaluate(TEXT_SPACING)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.fl-send')).letterSpacing")
        != "normal"
    )  # the spacing really applies
    clipped = page.evaluate(CLIPPED)
    assert clipped == [], clipped
    # Nothing is pushed outside the panel either.
    width = viewport["width"]
    assert page.locator(".fl-scroll").evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
