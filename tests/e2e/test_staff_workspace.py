"""Staff workspace in Debian chromium: a chat booking arrives, staff act on it, axe is clean.

The stack (API, actions, Rasa, web) comes from conftest. This module adds its own SMTP
server (aiosmtpd) and a second API process on the stack's SQLite file whose mails go to
that server, so cancellation mails can be checked where they arrive.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.message import Message
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser_helpers import launch_browser, run_axe, summarise_violations
from tests.e2e.conftest import ROOT, Stack

pytestmark = pytest.mark.e2e
PASSWORD = os.environ.get("APPOINTMENTS_DEMO_STAFF_PASSWORD", "demo-passwort")
USERNAMES = {
    "jugendamt-demo-1": "demo.musterfrau",
    "jugendamt-demo-2": "demo.mustermann",
    "jobcenter-demo-1": "demo.platzhalter",
    "jobcenter-demo-2": "demo.testmann",
}
# Unique per run: one family may hold only one upcoming booking.
FAMILY_MAIL = f"lena.sommer.{secrets.token_hex(3)}@example.de"
FAMILY_NAME = "Lena Sommer"


@dataclass
class Inbox:
    """Messages the test SMTP server received."""

    messages: list[tuple[list[str], Message]] = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"

    def recipients(self) -> set[str]:
        return {address for rcpts, _ in self.messages for address in rcpts}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    """An SMTP server on a free local port."""
    handler = Inbox(port=_free_port())
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def workspace(
    stack: Stack, inbox: Inbox, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A second API process on the stack's database, sending mail to the test SMTP server."""
    port = _free_port()
    work = tmp_path_factory.mktemp("workspace")
    env = {
        **os.environ,
        "APPOINTMENTS_DATABASE_URL": f"sqlite:///{stack.tracker_db.parent / 'appointments.db'}",
        "APPOINTMENTS_SMTP_HOST": "127.0.0.1",
        "APPOINTMENTS_SMTP_PORT": str(inbox.port),
        # The test SMTP server speaks plain SMTP; STARTTLS is tested in appointments/tests.
        "APPOINTMENTS_SMTP_SECURITY": "none",
        "APPOINTMENTS_MAIL_DIR": str(work / "mail"),
        # No worker of its own: this API sends its outbox right after each commit.
        "APPOINTMENTS_QUEUE_URL": "memory://",
        "APPOINTMENTS_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
    }
    log = (work / "api.log").open("w")
    process = subprocess.Popen(
        [str(ROOT / ".venv-api" / "bin" / "python"), "-m", "uvicorn", "appointments.main:app",
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Arbeitsplatz-API nicht gestartet:\n" + (work / "api.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_browser() as browser:
        yield browser


def say(rasa: httpx.Client, sender: str, message: str) -> list[dict[str, Any]]:
    response = rasa.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
    response.raise_for_status()
    answers: list[dict[str, Any]] = response.json()
    return answers


def joined(answers: list[dict[str, Any]]) -> str:
    return "\n".join(answer.get("text", "") for answer in answers)


def offered_slots(rasa: httpx.Client) -> tuple[str, list[dict[str, Any]]]:
    """Start a conversation up to the slot offer; return sender and the slot buttons."""
    sender = secrets.token_hex(16)
    say(rasa, sender, "Hallo")
    say(rasa, sender, "Meine Kinder sind 4 und 7")
    say(rasa, sender, "ja")
    buttons: list[dict[str, Any]] = say(rasa, sender, "ja")[-1]["buttons"]
    assert buttons and all(b["payload"].startswith("/choose_slot{") for b in buttons)
    return sender, buttons


def slot_of(button: dict[str, Any]) -> str:
    slot: str = json.loads(button["payload"][len("/choose_slot") :])["appointment_slot"]
    return slot


def book_through_chat(rasa: httpx.Client) -> tuple[str, str]:
    """Book the first offered slot as a family with an e-mail address; return reference, slot."""
    sender, buttons = offered_slots(rasa)
    assert "Namen" in joined(say(rasa, sender, buttons[0]["payload"]))
    say(rasa, sender, FAMILY_NAME)
    consent = joined(say(rasa, sender, FAMILY_MAIL))
    assert "Einwilligung" in consent, consent
    confirmation = joined(say(rasa, sender, "ja"))
    match = re.search(r"Ihre Buchungsnummer: (\S+)", confirmation)
    assert match, confirmation
    return match.group(1).rstrip("."), slot_of(buttons[0])


def axe_clean(page: Page, results: dict[str, list[str]]) -> None:
    """Run axe-core on the current page and remember its violations under the URL path."""
    path = page.url.split("127.0.0.1", 1)[-1]
    results[path] = summarise_violations(run_axe(page)) + duplicate_landmarks(page)


LANDMARK_NAMES = """() => {
  const name = (e) => (e.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent.trim() || "").join(" ")
    || e.getAttribute("aria-label") || "";
  return [...document.querySelectorAll(
      "[role=region], [role=navigation], [role=form], [role=search], nav[aria-label], "
      + "section[aria-label], section[aria-labelledby], form[aria-label]")]
    .map((e) => `${e.getAttribute("role") || e.tagName.toLowerCase()}: ${name(e)}`);
}"""


def duplicate_landmarks(page: Page) -> list[str]:
    """Landmarks (e.g. every scrolling table box) must be told apart by name (WCAG 1.3.1, 2.4.1)."""
    names = page.evaluate(LANDMARK_NAMES)
    return [
        f"Landmarke doppelt benannt: {name}" for name in sorted(set(names)) if names.count(name) > 1
    ]


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/arbeitsplatz/anmelden")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1, name="Termine")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_text("Sie sind abgemeldet.")).to_be_visible()


def add_past_booking(stack: Stack, ja_id: int, jc_id: int) -> str:
    """A consultation that began an hour ago (a chat booking can only be in the future)."""
    from sqlalchemy.orm import Session

    from appointments.bookings.models import Booking
    from appointments.db import make_engine

    engine = make_engine(f"sqlite:///{stack.tracker_db.parent / 'appointments.db'}")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    reference = f"FL-E2E-{secrets.token_hex(2).upper()}"
    with Session(engine) as session:
        session.add(
            Booking(
                reference=reference, status="confirmed", start_utc=now - timedelta(hours=1),
                end_utc=now, jugendamt_staff_id=ja_id, jobcenter_staff_id=jc_id,
                location="Familienbüro", children_ages=[5], topics=["kita"],
                contact_name="Nora Beispiel", contact_phone="05451 000000", contact_email=None,
                consent_text_version="e2e", consent_given_at=now - timedelta(days=2),
                consent_channel="chat", created_at=now - timedelta(days=2),
            )
        )  # fmt: skip
        session.commit()
    engine.dispose()
    return reference


def test_staff_run_their_consultations_in_the_workspace(
    stack: Stack,
    rasa: httpx.Client,
    api: httpx.Client,
    inbox: Inbox,
    workspace: str,
    browser: Browser,
) -> None:
    staff = {member["key"]: member for member in api.get("/admin/staff").json()}
    reference, slot = book_through_chat(rasa)
    booking = next(
        b for b in api.get("/staff/bookings").json()["bookings"] if b["reference"] == reference
    )
    ja_key = next(k for k, m in staff.items() if m["id"] == booking["jugendamt"]["id"])
    jc_key = next(k for k, m in staff.items() if m["id"] == booking["jobcenter"]["id"])
    past = add_past_booking(stack, booking["jugendamt"]["id"], booking["jobcenter"]["id"])
    axe: dict[str, list[str]] = {}
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # No page without sign-in: the browser lands on the sign-in form.
    page.goto(f"{workspace}/arbeitsplatz/verfuegbarkeit")
    expect(page).to_have_url(f"{workspace}/arbeitsplatz/anmelden")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Benutzernamen und Ihr Passwort")
    axe_clean(page, axe)

    # The Jugendamt colleague of the chat booking sees it with the family's summary.
    sign_in(page, workspace, USERNAMES[ja_key])
    axe_clean(page, axe)
    day = slot.split("T")[0]
    page.goto(f"{workspace}/arbeitsplatz/?ab={day[:4]}-{day[4:6]}-{day[6:8]}&tage=1")
    row = page.get_by_role("row").filter(has_text=FAMILY_NAME)
    expect(row).to_contain_text(booking["jobcenter"]["name"])
    axe_clean(page, axe)
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Termin {reference}")
    expect(page.get_by_text("4, 7", exact=True)).to_be_visible()
    expect(page.get_by_text(FAMILY_MAIL)).to_be_visible()
    axe_clean(page, axe)

    # Cancel with a reason: error summary first, then mails to family and partner.
    page.get_by_role("button", name="Termin absagen").click()
    expect(page.get_by_role("alert")).to_contain_text("Grund für die Absage")
    axe_clean(page, axe)
    page.get_by_label("Grund der Absage").fill("Fachkraft erkrankt")
    page.get_by_role("button", name="Termin absagen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Termin ist abgesagt.")
    deadline = time.monotonic() + 10
    wanted = {FAMILY_MAIL, staff[jc_key]["email"], staff[ja_key]["email"]}
    while not wanted <= inbox.recipients() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert wanted <= inbox.recipients(), inbox.recipients()
    family_mail = next(m for rcpts, m in inbox.messages if FAMILY_MAIL in rcpts)
    assert "abgesagt" in str(family_mail["Subject"])

    # Mark the consultation that has begun as a no-show.
    page.goto(f"{workspace}/arbeitsplatz/termine/{past}")
    page.get_by_label("Die Familie ist nicht gekommen").check()
    page.get_by_role("button", name="Ergebnis speichern").click()
    expect(page.get_by_role("status")).to_contain_text("nicht erschienen")
    axe_clean(page, axe)
    for path in (
        "/arbeitsplatz/kalender",
        "/arbeitsplatz/statistik",
        "/arbeitsplatz/rueckrufe",
        "/arbeitsplatz/tagesuebersicht",
        "/arbeitsplatz/warteliste",
    ):
        page.goto(f"{workspace}{path}")
        axe_clean(page, axe)

    # Own password: the header link opens the form; an empty form (not counted towards the
    # sign-in lock, and the demo password stays) shows the error summary.
    page.get_by_role("link", name="Passwort ändern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort ändern")
    axe_clean(page, axe)
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("alert")).to_contain_text("Ihr aktuelles Passwort ein")
    axe["/arbeitsplatz/passwort (Fehler)"] = summarise_violations(run_axe(page))
    sign_out(page)

    # Availability: both Jugendamt people enter an absence on the day of the chat's first
    # offer, each on their own page; the chat stops offering that day.
    _sender, before = offered_slots(rasa)
    first_day = slot_of(before[0]).split("T")[0]
    iso_day = f"{first_day[:4]}-{first_day[4:6]}-{first_day[6:8]}"
    absences = []
    for key in ("jugendamt-demo-1", "jugendamt-demo-2"):
        sign_in(page, workspace, USERNAMES[key])
        page.get_by_role("link", name="Meine Verfügbarkeit").click()
        page.get_by_label("Erster Tag").fill(iso_day)
        page.get_by_label("Notiz (freiwillig, zum Beispiel Urlaub)").fill("Fortbildung")
        page.get_by_role("button", name="Abwesenheit eintragen").click()
        expect(page.get_by_role("status")).to_contain_text("Abwesenheit ist eingetragen")
        axe_clean(page, axe)
        absences.append(staff[key]["id"])
        if key == "jugendamt-demo-1":  # the admin: administration page too
            page.goto(f"{workspace}/arbeitsplatz/verwaltung")
            axe_clean(page, axe)
        sign_out(page)
    _sender, after = offered_slots(rasa)
    assert all(not slot_of(b).startswith(first_day) for b in after), [slot_of(b) for b in after]

    # A Jobcenter user cannot change Jugendamt availability.
    sign_in(page, workspace, USERNAMES["jobcenter-demo-1"])
    ja_id = staff["jugendamt-demo-2"]["id"]
    page.goto(f"{workspace}/arbeitsplatz/verfuegbarkeit?person={ja_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nicht erlaubt")
    axe_clean(page, axe)
    page.goto(f"{workspace}/arbeitsplatz/verfuegbarkeit")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    forged = page.request.post(
        f"{workspace}/arbeitsplatz/verfuegbarkeit/{ja_id}/zeiten",
        form={"csrf_token": token, "weekday": "4", "start": "08:00", "end": "09:00"},
        max_redirects=0,
    )
    assert forged.status == 403
    context.close()

    # Phone width: no sideways scrolling of the page, axe clean.
    phone = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 800})
    page = phone.new_page()
    sign_in(page, workspace, USERNAMES[ja_key])
    for path in (f"/arbeitsplatz/?ab={day[:4]}-{day[4:6]}-{day[6:8]}", "/arbeitsplatz/statistik"):
        page.goto(f"{workspace}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        results = summarise_violations(run_axe(page))
        axe[f"360px {path}"] = results
    phone.close()

    # Leave the shared stack as it was for the other e2e modules.
    for staff_id in absences:
        for absence in next(m for m in api.get("/admin/staff").json() if m["id"] == staff_id)[
            "absences"
        ]:
            if absence["note"] == "Fortbildung":
                api.delete(f"/admin/absences/{absence['id']}")
    assert {path: found for path, found in axe.items() if found} == {}
    assert len(axe) >= 10
