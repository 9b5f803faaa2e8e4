"""The widget's examples (connectors/widget/examples.json) in Chromium: what shows, and axe.

The DOM tests in Node play the same examples in happy-dom (connectors/widget/test/
widget.dom.test.mjs); here a real browser renders them with the real stylesheet and axe
checks every state, phone and desktop width. No services are needed: the page, the widget
modules and the socket.io stand-in come from the repository through Playwright's routing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Route

from tests.e2e.browser_helpers import launch_browser, run_axe, summarise_violations
from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e
WIDGET = ROOT / "connectors" / "widget"
EXAMPLES = json.loads((WIDGET / "examples.json").read_text(encoding="utf-8"))["examples"]
ORIGIN = "http://widget-examples.test"
SHELL = """<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Beispiele des Chat-Widgets</title>
<link rel="stylesheet" href="/widget/familienlotse.css"></head>
<body><main><h1>Beispiele des Chat-Widgets</h1></main></body></html>"""
FOLDERS = {"/widget/": WIDGET / "src", "/widget-test/": WIDGET / "test" / "fixtures"}
TYPES = {".mjs": "text/javascript", ".css": "text/css", ".js": "text/javascript"}
PLAY = """async (example) => {
  const [{ ChatWidget }, { ConversationStore }, { resolveConfig }, { playExample, observe }] =
    await Promise.all([
      import("/widget/chat-widget.mjs"),
      import("/widget/storage.mjs"),
      import("/widget/config.mjs"),
      import("/widget-test/play-example.mjs"),
    ]);
  const { widget } = await playExample(example, {
    ChatWidget, ConversationStore, resolveConfig, parent: document.body,
  });
  return observe(widget);
}"""


def _serve(route: Route) -> None:
    path = route.request.url.removeprefix(ORIGIN).split("?")[0]
    if path == "/":
        route.fulfill(body=SHELL, content_type="text/html; charset=utf-8")
        return
    for prefix, folder in (
        ("/widget/", WIDGET / "src"),
        ("/widget-test/", WIDGET / "test/fixtures"),
    ):
        if path.startswith(prefix):
            file = (folder / path.removeprefix(prefix)).resolve()
            if file.is_file() and folder.resolve() in file.parents:
                route.fulfill(
                    body=file.read_bytes(), content_type=TYPES.get(file.suffix, "text/plain")
                )
                return
    route.fulfill(status=404, body="Nicht gefunden")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_browser() as browser:
        yield browser


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("example", EXAMPLES, ids=[example["name"] for example in EXAMPLES])
def test_example_shows_as_expected_and_passes_axe(
    browser: Browser, example: dict[str, Any], width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="de-DE")
    try:
        page = context.new_page()
        page.route(f"{ORIGIN}/**", _serve)
        page.goto(f"{ORIGIN}/")
        seen = page.evaluate(PLAY, example)
        expected = example["expect"]
        for text in expected["texts"]:
            assert text in seen["text"], f"{example['name']}: {text!r} fehlt"
        assert seen["buttons"] == expected["buttons"]
        assert seen["disabled"] == expected["disabled"]
        assert seen["user"] == expected["user"]
        assert page.get_by_role("dialog").is_visible()
        violations = summarise_violations(run_axe(page))
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
