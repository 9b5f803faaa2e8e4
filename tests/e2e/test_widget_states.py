"""German connection states of the widget: reconnecting after a drop, server unreachable."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from tests.e2e.browser_helpers import TIMEOUT, answer_button, launch_browser, open_chat, send
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e
SOCKET = re.compile(r"/socket\.io/")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_browser() as browser:
        yield browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


def test_a_dropped_connection_says_so_and_recovers(page: Page, stack: Stack) -> None:
    sockets: list[WebSocketRoute] = []

    def pass_through(route: WebSocketRoute) -> None:
        route.connect_to_server()
        sockets.append(route)

    page.route_web_socket(SOCKET, pass_through)
    page.goto(stack.web)
    open_chat(page)
    sockets[-1].close()  # the network drops the connection
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile("Verbindung unterbrochen"), timeout=TIMEOUT)
    expect(status).to_have_text("", timeout=TIMEOUT)  # reconnected and confirmed again
    assert len(sockets) >= 2
    send(page, "4 und 7")  # the same conversation goes on
    expect(answer_button(page, "Ja")).to_be_visible(timeout=TIMEOUT)


def test_an_unreachable_server_is_explained_in_german(page: Page, stack: Stack) -> None:
    page.goto(stack.web)
    launcher = page.get_by_role("button", name=re.compile(r"Fragen\? Schreiben Sie uns")).last
    expect(launcher).to_be_visible()  # widget code loaded
    page.context.set_offline(True)  # then the network goes away
    launcher.click()
    expect(page.get_by_label("Ihre Nachricht")).to_be_focused()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Der Chat ist gerade nicht erreichbar.", timeout=30_000)
    expect(status).to_contain_text("Telefon 05451 931-5139")  # data-fallback of the page
    page.context.set_offline(False)
    expect(page.get_by_role("log")).to_contain_text("Wie alt sind Ihre Kinder?", timeout=30_000)
    expect(status).to_have_text("")
