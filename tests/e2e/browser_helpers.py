"""Shared helpers for the browser tests of the chat widget (Debian chromium via Playwright)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from tests.e2e.conftest import ROOT, Stack

ARTIFACTS = ROOT / "var" / "artifacts"
AXE_SCRIPT = ROOT / "connectors" / "widget" / "node_modules" / "axe-core" / "axe.min.js"
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
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LAUNCHER_NAME = re.compile(r"Fragen\? Schreiben Sie uns")
GREETING = "Wie alt sind Ihre Kinder?"
SESSION_KEY = "familienlotse.sessionId"
TIMEOUT = 20_000


@contextmanager
def launch_browser() -> Iterator[Browser]:
    """Debian's chromium, headless; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium fehlt ({CHROMIUM}): apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def launcher(page: Page) -> Locator:
    return page.get_by_role("button", name=LAUNCHER_NAME).last


def open_chat(page: Page) -> Locator:
    """Open the chat with the mouse and wait for the greeting; return the message log."""
    launcher(page).click()
    log = page.get_by_role("log")
    expect(log).to_contain_text(GREETING, timeout=30_000)
    return log


def send(page: Page, text: str) -> None:
    page.get_by_label("Ihre Nachricht").fill(text)
    page.get_by_role("button", name="Senden").click()


def answer_button(page: Page, title: str) -> Locator:
    """The newest answer button with this title (not „War das hilfreich? Ja / Nein“)."""
    replies = page.get_by_role("log").locator(".fl-replies")
    return replies.get_by_role("button", name=title, exact=True).last


def session_id(page: Page) -> str | None:
    return page.evaluate(f"sessionStorage.getItem({json.dumps(SESSION_KEY)})")


def run_axe(page: Page) -> dict[str, Any]:
    """Run axe-core (from npm) with the WCAG 2.0/2.1 A and AA rules; return its results.

    The script is evaluated through the DevTools protocol, so the page's strict
    Content-Security-Policy (script-src 'self') stays switched on.
    """
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core fehlt ({AXE_SCRIPT}): `npm ci` in connectors/widget")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )


def summarise_violations(results: dict[str, Any]) -> list[str]:
    """One readable line per violation and element."""
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} – {node['failureSummary']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def tracker_rows(tmp_path_factory: pytest.TempPathFactory, sender_id: str) -> int:
    """Rows stored for one conversation in the tracker database of the e2e stack."""
    databases = sorted(tmp_path_factory.getbasetemp().glob("stack[0-9]*/tracker.db"))
    assert len(databases) == 1, f"tracker database of the e2e stack not found: {databases}"
    with sqlite3.connect(databases[0]) as connection:
        (count,) = connection.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender_id,)
        ).fetchone()
    return count


def tracker_texts(stack: Stack, sender_id: str) -> list[str]:
    """User and bot texts of a conversation as Rasa's HTTP API returns them."""
    response = httpx.get(
        f"{stack.rasa}/conversations/{sender_id}/tracker",
        params={"token": stack.token},
        timeout=30,
    )
    response.raise_for_status()
    return [
        event.get("text") or ""
        for event in response.json()["events"]
        if event["event"] in {"user", "bot"}
    ]


def booking_of(api: httpx.Client, reference: str) -> dict[str, Any]:
    bookings = api.get("/staff/bookings").json()["bookings"]
    [stored] = [booking for booking in bookings if booking["reference"] == reference]
    return stored
