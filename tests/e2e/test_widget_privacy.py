"""Privacy controls of the widget: session survival, deletion on the server, safe rendering."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, WebSocketRoute, expect

from tests.e2e.browser_helpers import (
    TIMEOUT,
    answer_button,
    launch_browser,
    open_chat,
    send,
    session_id,
    tracker_rows,
    tracker_texts,
)
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e
XSS = "<img src=x onerror=alert(1)>"


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


def user_messages(page: Page) -> Locator:
    return page.get_by_role("log").locator(".fl-msg--user")


def test_reload_keeps_the_conversation_and_deleting_removes_it(
    page: Page, stack: Stack, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page.goto(stack.web)
    log = open_chat(page)
    send(page, "4 und 7")
    expect(answer_button(page, "Ja")).to_be_visible(timeout=TIMEOUT)
    first_id = session_id(page)
    assert first_id and re.fullmatch(r"[0-9a-f]{32}", first_id)

    page.reload()
    log = page.get_by_role("log")
    expect(user_messages(page)).to_have_text(["Sie: 4 und 7"])  # restored, panel still open
    assert session_id(page) == first_id
    answer_button(page, "Ja").click()  # the server still knows the conversation
    expect(log).to_contain_text("Möchten Sie einen gemeinsamen Termin?", timeout=TIMEOUT)

    page.get_by_role("link", name="Einfache Sprache").first.click()  # another page of the site
    expect(page).to_have_url(re.compile(r"/einfache-sprache\.html$"))
    expect(page.get_by_role("log")).to_contain_text("Möchten Sie einen gemeinsamen Termin?")
    assert session_id(page) == first_id
    assert page.evaluate("document.cookie") == ""
    assert page.context.cookies() == []
    assert tracker_rows(tmp_path_factory, first_id) > 0

    page.get_by_role("button", name="Gespräch beenden und löschen").click()
    page.get_by_role("button", name="Ja, löschen").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Das Gespräch wurde gelöscht.", timeout=TIMEOUT)
    log = page.get_by_role("log")
    expect(user_messages(page)).to_have_count(0)
    expect(log).to_contain_text("Wie alt sind Ihre Kinder?", timeout=TIMEOUT)  # a new conversation
    second_id = session_id(page)
    assert second_id and second_id != first_id

    assert tracker_rows(tmp_path_factory, first_id) == 0
    assert tracker_texts(stack, first_id) == []  # Rasa itself knows nothing of it any more
    page.reload()
    expect(page.get_by_role("log")).to_contain_text("Wie alt sind Ihre Kinder?")
    expect(user_messages(page)).to_have_count(0)


def test_bot_html_is_shown_as_text(page: Page, stack: Stack) -> None:
    """A bot message with HTML in it arrives over the real socket and stays text.

    Playwright sits in the widget's WebSocket to Rasa (every frame is passed through
    unchanged) and adds one server → browser frame `42["bot_uttered", {...}]`, byte for
    byte what Rasa's SocketIOOutput sends. So the message takes the whole path of a real
    bot message: socket.io-client, transport, transcript, sessionStorage, renderer.
    """
    sockets: list[WebSocketRoute] = []

    def pass_through(route: WebSocketRoute) -> None:
        route.connect_to_server()
        sockets.append(route)

    page.route_web_socket(re.compile(r"/socket\.io/"), pass_through)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(stack.web)
    log = open_chat(page)
    assert sockets, "the widget did not use a WebSocket"
    payload = {"text": f"Achtung: {XSS} und **fett** <script>alert(2)</script>"}
    sockets[-1].send("42" + json.dumps(["bot_uttered", payload]))

    expect(log).to_contain_text(f"Achtung: {XSS} und", timeout=TIMEOUT)
    expect(log).to_contain_text("<script>alert(2)</script>")
    expect(log.locator("strong", has_text="fett")).to_have_count(1)
    assert log.locator("img, script").count() == 0
    page.reload()  # the stored transcript is rendered the same way
    log = page.get_by_role("log")
    expect(log).to_contain_text(XSS)
    assert log.locator("img, script").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []
