"""A family books in a real browser through the widget on the demo page."""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.e2e.browser_helpers import answer_button
from tests.e2e.conftest import ROOT, Stack

pytestmark = pytest.mark.e2e
ARTIFACTS = ROOT / "var" / "artifacts"
CHROMIUM = os.environ.get("FL_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Without these, Chromium keeps calling home and this offline machine refuses each attempt.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium fehlt ({CHROMIUM}): apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def readable(path: Path) -> str:
    """Headers and decoded text parts of a stored e-mail."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    parts = [f"To: {message['To']}", f"Subject: {message['Subject']}"]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return "\n".join(parts)


def send(page: Page, text: str) -> None:
    page.get_by_label("Ihre Nachricht").fill(text)
    page.get_by_role("button", name="Senden").click()


@pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "phone"])
def test_family_books_in_the_browser(
    browser: Browser, stack: Stack, api: httpx.Client, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="de-DE")
    page.goto(stack.web)
    page.get_by_role("button", name=re.compile("Fragen\\? Schreiben Sie uns")).first.click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Wie alt sind Ihre Kinder?", timeout=30_000)

    send(page, "4 und 7")
    answer_button(page, "Ja").click()
    expect(log).to_contain_text("Möchten Sie einen gemeinsamen Termin?", timeout=15_000)
    answer_button(page, "Ja, Termin buchen").click()
    expect(log).to_contain_text("Welcher passt Ihnen?", timeout=15_000)
    slot_title = log.locator("button").last.inner_text()
    log.locator("button").last.click()
    expect(log).to_contain_text("Auf welchen Namen", timeout=15_000)
    send(page, "Fatma Demir")
    expect(log).to_contain_text("Telefonnummer oder eine E-Mail-Adresse", timeout=15_000)
    send(page, f"fatma.demir.{width}@example.de")
    expect(log).to_contain_text("Sind Sie damit einverstanden?", timeout=15_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"widget-consent-{width}.png"), full_page=True)
    answer_button(page, "Ja, ich willige ein").click()
    expect(log).to_contain_text("Ihr gemeinsamer Termin ist gebucht.", timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / f"widget-booked-{width}.png"), full_page=True)

    reference = re.search(r"Ihre Buchungsnummer: (\S+)", log.inner_text()).group(1)
    bookings = api.get("/staff/bookings").json()["bookings"]
    [stored] = [b for b in bookings if b["reference"] == reference]
    assert stored["contact"]["email"] == f"fatma.demir.{width}@example.de"
    assert stored["children_ages"] == [4, 7]
    assert slot_title.split(",")[0] in {"Mo.", "Di.", "Mi.", "Do.", "Fr."}

    # Both staff members and the family (who gave an e-mail address) are told.
    # The worker sends them from the outbox within about a second.
    deadline = time.monotonic() + 15
    while True:
        mails = [readable(path) for path in stack.mail_dir.glob("*.eml")]
        about_this = [m for m in mails if reference in m]
        if len(about_this) >= 3 or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert len(about_this) == 3
    recipients = [m.splitlines()[0] for m in about_this]
    assert sum(f"fatma.demir.{width}@example.de" in to for to in recipients) == 1
    page.close()
