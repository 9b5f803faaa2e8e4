"""The accessibility statement per BITV NRW with its feedback form, and the Leichte-Sprache
page, in the browser against the running demo server."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.browser_helpers import ARTIFACTS, launch_browser, run_axe, summarise_violations
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_browser() as browser:
        yield browser


def test_statement_names_nrw_law_the_ombudsstelle_and_no_work_in_progress(stack: Stack) -> None:
    text = httpx.get(f"{stack.web}/barrierefreiheit.html", timeout=10).text
    for needed in ("BITV NRW", "BGG NRW", "Ombudsstelle für barrierefreie Informationstechnik",
                   "Durchsetzungsverfahren", 'action="/barrierefreiheit/rueckmeldung"',
                   'href="/leichte-sprache.html"'):  # fmt: skip
        assert needed in text, needed
    assert "in Arbeit" not in text and "Angabe folgt" not in text


def test_feedback_form_sends_a_message_from_the_browser(browser: Browser, stack: Stack) -> None:
    page = browser.new_context(locale="de-DE").new_page()
    page.goto(f"{stack.web}/barrierefreiheit.html")
    page.get_by_label("Ihre Nachricht (Pflichtfeld)").fill("Der Chat-Knopf ist zu klein.")
    page.get_by_label("Ihre E-Mail-Adresse, wenn Sie eine Antwort möchten (freiwillig)").fill(
        "eva@example.org"
    )
    page.get_by_role("button", name="Rückmeldung senden").click()
    expect(page.get_by_role("heading", name="Danke für Ihre Rückmeldung")).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "barrierefreiheit-rueckmeldung.png")
    assert run_axe(page)["violations"] == [], summarise_violations(run_axe(page))
    assert stack.feedback_dir is not None
    [stored] = list(stack.feedback_dir.glob("BF-*.json"))
    record = json.loads(stored.read_text(encoding="utf-8"))
    assert record["message"] == "Der Chat-Knopf ist zu klein."
    assert record["contact"] == "eva@example.org"
    assert record["reference"] in page.content()


def test_empty_feedback_is_refused_with_an_explanation(stack: Stack) -> None:
    response = httpx.post(
        f"{stack.web}/barrierefreiheit/rueckmeldung", data={"nachricht": " "}, timeout=10
    )
    assert response.status_code == 400
    assert "Bitte schreiben Sie eine Nachricht." in response.text
    other = httpx.post(f"{stack.web}/index.html", data={"nachricht": "x"}, timeout=10)
    assert other.status_code == 404


def test_leichte_sprache_page_explains_the_service(stack: Stack) -> None:
    text = httpx.get(f"{stack.web}/leichte-sprache.html", timeout=10).text
    for needed in ("Leichte Sprache", "Grund·sicherungs·geld", "Jugend·amt", "Job·center",
                   "05451 931-5139", "110"):  # fmt: skip
        assert needed in text, needed
