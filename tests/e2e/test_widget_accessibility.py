"""Accessibility of the widget on the demo page: axe-core, keyboard only, reflow, motion."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser_helpers import (
    ARTIFACTS,
    LAUNCHER_NAME,
    TIMEOUT,
    WCAG_TAGS,
    answer_button,
    booking_of,
    launch_browser,
    launcher,
    open_chat,
    run_axe,
    send,
    summarise_violations,
)
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e
SUBPAGES = [
    "/barrierefreiheit.html",
    "/einfache-sprache.html",
    "/leichte-sprache.html",
    "/datenschutz.html",
]
FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    tag: e.tagName,
    id: e.id,
    text: (e.innerText || "").trim(),
    label: e.getAttribute("aria-label") || "",
    disabled: e.getAttribute("aria-disabled") === "true",
    inLog: Boolean(e.closest("[role=log]")),
    focusVisible: e.matches(":focus-visible"),
    outline: style.outlineStyle + " " + style.outlineWidth,
  };
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_browser() as browser:
        yield browser


def new_page(browser: Browser, width: int, height: int = 800, **options: Any) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="de-DE", **options
    )
    return context.new_page()


def test_axe_finds_no_wcag_a_or_aa_violations(browser: Browser, stack: Stack) -> None:
    """Closed, open and with answer buttons, on desktop and phone; plus the text pages."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    for width in (1280, 360):
        page = new_page(browser, width)
        page.goto(stack.web)
        expect(launcher(page)).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "de"
        results[f"{width}px widget closed"] = run_axe(page)
        open_chat(page)
        results[f"{width}px widget open"] = run_axe(page)
        send(page, "4 und 7")
        expect(answer_button(page, "Ja")).to_be_visible(timeout=TIMEOUT)
        results[f"{width}px answer buttons shown"] = run_axe(page)
        page.screenshot(path=ARTIFACTS / f"widget-open-{width}.png")
        answer_button(page, "Ja").click()
        expect(page.get_by_role("log")).to_contain_text("gemeinsamen Termin", timeout=TIMEOUT)
        results[f"{width}px buttons answered"] = run_axe(page)
        page.context.close()
    page = new_page(browser, 1280)
    for path in SUBPAGES:
        page.goto(stack.web + path)
        expect(launcher(page)).to_be_visible()
        results[f"{path} widget closed"] = run_axe(page)
    page.context.close()

    summary = {
        "tags": WCAG_TAGS,
        "axe_version": next(iter(results.values()))["testEngine"]["version"],
        "states": {
            state: {
                "violations": len(result["violations"]),
                "passes": len(result["passes"]),
                "incomplete": [item["id"] for item in result["incomplete"]],
            }
            for state, result in results.items()
        },
    }
    (ARTIFACTS / "axe-results.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    problems = [
        f"{state}: {line}"
        for state, result in results.items()
        for line in summarise_violations(result)
    ]
    assert problems == [], "\n".join(problems)


def test_widget_structure_for_assistive_technology(browser: Browser, stack: Stack) -> None:
    page = new_page(browser, 1280)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(stack.web)
    expect(page.get_by_role("button", name=LAUNCHER_NAME).last).to_have_attribute(
        "aria-expanded", "false"
    )
    open_chat(page)
    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.locator(".fl-root")).to_have_attribute("lang", "de")
    notice = page.locator(".fl-notice")
    expect(notice).to_contain_text("anonym")
    expect(notice).to_contain_text("Chat-Server der Stadt Ibbenbüren")
    expect(notice).to_contain_text("keine Cookies")
    # The notice comes before the first message.
    follows = "(n, log) => Boolean(n.compareDocumentPosition(log) & 4)"  # 4: FOLLOWING
    assert notice.evaluate(follows, log.element_handle())
    panel = page.get_by_role("dialog", name="Familienlotse")
    for name in ("Barrierefreiheit", "Einfache Sprache", "Datenschutz"):
        expect(panel.get_by_role("link", name=name)).to_be_visible()
    expect(page.locator("iframe, [src*='captcha' i]")).to_have_count(0)
    # Every file and connection stays on the project's own servers; no cookies.
    hosts = {urlsplit(url).hostname for url in requested}
    assert hosts <= {"localhost", "127.0.0.1"}, hosts
    assert page.context.cookies() == []
    page.context.close()


def focused(page: Page) -> dict[str, Any]:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, wanted: str, *, backwards: bool = False, limit: int = 60) -> dict[str, Any]:
    """Press Tab (or Shift+Tab) until an enabled element named `wanted` has visible focus."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = focused(page)
        seen.append(info["label"] or info["text"][:30] or info["tag"])
        if wanted in (info["label"], info["text"], info["id"]) and not info["disabled"]:
            assert info["focusVisible"] and info["outline"].startswith("solid"), info
            return info
    pytest.fail(f"{wanted!r} not reached with {key}; focus went: {seen}")


def wait_for(page: Page, text: str) -> None:
    expect(page.get_by_role("log")).to_contain_text(text, timeout=TIMEOUT)


def test_keyboard_only_booking(browser: Browser, stack: Stack, api: httpx.Client) -> None:
    """The whole booking with Tab, Shift+Tab, Enter, Space, typing and Escape: no mouse."""
    page = new_page(browser, 1280)
    page.goto(stack.web)
    launcher_info = tab_to(page, launcher(page).inner_text().strip())
    assert launcher_info["tag"] == "BUTTON"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "familienlotse-input"  # focus moves into the input on open
    wait_for(page, "Wie alt sind Ihre Kinder?")

    page.keyboard.type("4 und 7")
    page.keyboard.press("Enter")
    expect(answer_button(page, "Ja")).to_be_visible(timeout=TIMEOUT)
    page.keyboard.type("ja")  # answer buttons can also be answered by typing
    page.keyboard.press("Enter")
    wait_for(page, "Möchten Sie einen gemeinsamen Termin?")
    expect(answer_button(page, "Ja").first).to_have_attribute("aria-disabled", "true")

    tab_to(page, "Ja, Termin buchen", backwards=True)
    page.keyboard.press("Enter")
    wait_for(page, "Welcher passt Ihnen?")
    tab_to(page, "familienlotse-input")
    page.keyboard.press("Shift+Tab")  # the last (newest) answer button before the input
    slot = focused(page)
    assert slot["inLog"] and slot["tag"] == "BUTTON" and not slot["disabled"], slot
    assert slot["focusVisible"], slot
    page.keyboard.press("Enter")
    wait_for(page, "Auf welchen Namen")

    tab_to(page, "familienlotse-input")
    page.keyboard.type("Fatma Demir")
    page.keyboard.press("Enter")
    wait_for(page, "Telefonnummer oder eine E-Mail-Adresse")
    page.keyboard.type("fatma.demir@example.de")
    page.keyboard.press("Enter")
    wait_for(page, "Sind Sie damit einverstanden?")
    tab_to(page, "Ja, ich willige ein", backwards=True)
    page.keyboard.press("Space")
    wait_for(page, "Ihr gemeinsamer Termin ist gebucht.")

    text = page.get_by_role("log").inner_text()
    reference = re.search(r"Ihre Buchungsnummer: (\S+)", text).group(1)
    stored = booking_of(api, reference)
    assert stored["contact"]["email"] == "fatma.demir@example.de"
    assert stored["children_ages"] == [4, 7]

    tab_to(page, "familienlotse-input")
    page.keyboard.press("Escape")
    expect(page.locator("#familienlotse-panel")).to_be_hidden()
    assert focused(page)["text"] == launcher_info["text"]  # focus back on the launcher
    page.context.close()


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(320, 640, 1), (640, 400, 2)],
    ids=["320px-wide", "1280px-at-200-percent-zoom"],
)
def test_reflow_without_loss_and_reduced_motion(
    browser: Browser, stack: Stack, width: int, height: int, scale: int
) -> None:
    page = new_page(browser, width, height, device_scale_factor=scale, reduced_motion="reduce")
    page.goto(stack.web)
    assert_inside(page, launcher(page), width, height)
    open_chat(page)
    send(page, "4 und 7")
    expect(answer_button(page, "Ja")).to_be_visible(timeout=TIMEOUT)
    panel = page.locator("#familienlotse-panel")
    assert_inside(page, panel, width, height)
    for locator in (
        panel.get_by_role("button", name="Chat schließen"),
        panel.get_by_role("button", name="Gespräch beenden und löschen"),
        panel.get_by_label("Ihre Nachricht"),
        panel.get_by_role("button", name="Senden"),
        panel.get_by_role("link", name="Einfache Sprache"),
    ):
        # On low screens the links sit in the message area (reachable by scrolling or Tab).
        locator.scroll_into_view_if_needed()
        assert_inside(page, locator, width, height)
    for button in page.get_by_role("log").get_by_role("button").all():
        button.scroll_into_view_if_needed()
        assert_inside(page, button, width, height)
    scroller = page.locator(".fl-scroll")
    assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert scroller.evaluate("e => e.clientHeight") >= 120
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # prefers-reduced-motion: no typing animation, no smooth scrolling
    dot = page.locator(".fl-typing__dots span").first
    assert dot.evaluate("e => getComputedStyle(e).animationName") == "none"
    assert scroller.evaluate("e => getComputedStyle(e).scrollBehavior") == "auto"
    page.context.close()


def assert_inside(page: Page, locator: Any, width: int, height: int) -> None:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    assert box["x"] >= -0.5 and box["x"] + box["width"] <= width + 0.5, (locator, box)
    assert box["y"] >= -0.5 and box["y"] + box["height"] <= height + 0.5, (locator, box)
