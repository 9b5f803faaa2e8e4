"""Workspace booking pages: overview by day/week, detail, confirm, attended/no-show, cancel,
reschedule; staff see only their own consultations."""

import email
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, create_account, create_team
from appointments.tests.workspace_support import PASSWORD, book, browser, post, sign_in

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def team(session: Session) -> Team:
    """A team with e-mail addresses and logins for Anna (Jugendamt), Carla (Jobcenter), admin."""
    team = create_team(session)
    team.ja_a.email = "anna@example.org"
    team.jc_c.email = "carla@example.org"
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "carla", PASSWORD, team.jc_c)
    create_account(session, "dieter", PASSWORD, team.jc_d)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    with browser(app) as client:
        yield client


@pytest.fixture
def booked(client: TestClient, team: Team) -> str:
    """A booking from the chat with Anna and Carla, with interpreter and accessibility needs."""
    return book(
        client,
        TUE_DEC_8_0900,
        team.ja_a,
        team.jc_c,
        language="Arabisch",
        interpreter_needed=True,
        accessibility_needed=True,
        note="Bitte Kinderwagen-Stellplatz",
        contact={"name": "Mira Beispiel", "phone": "0171 2345678", "email": "mira@example.de"},
    )


def _mails(settings: Settings) -> dict[str, email.message.Message]:
    """Return the .eml files written so far by name (names are random, not ordered)."""
    directory = Path(settings.mail_dir)
    files = directory.glob("*.eml") if directory.exists() else []
    return {path.name: email.message_from_bytes(path.read_bytes()) for path in files}


class TestOverview:
    def test_week_shows_own_booking_with_partner_and_badges(
        self, web: TestClient, booked: str
    ) -> None:
        sign_in(web, "anna")
        page = web.get("/arbeitsplatz/")
        assert page.status_code == 200
        assert "<caption>Dienstag, 8. Dezember 2026</caption>" in page.text
        assert "09:00 bis 10:00 Uhr" in page.text
        assert "Mira Beispiel" in page.text
        assert "Carla Test (Jobcenter)" in page.text
        assert "Dolmetschung: Arabisch" in page.text
        assert "Barrierefreiheit" in page.text
        assert "Vor Ort" in page.text
        assert f'href="/arbeitsplatz/termine/{booked}"' in page.text

    def test_day_view_and_navigation(self, web: TestClient, booked: str) -> None:
        sign_in(web, "anna")
        today = web.get("/arbeitsplatz/?tage=1")
        assert "Montag, 7. Dezember 2026" in today.text
        assert "In diesem Zeitraum gibt es keine Termine." in today.text
        assert 'href="/arbeitsplatz/?ab=2026-12-08&amp;tage=1"' in today.text
        tomorrow = web.get("/arbeitsplatz/?ab=2026-12-08&tage=1")
        assert "Mira Beispiel" in tomorrow.text
        next_week = web.get("/arbeitsplatz/?ab=2026-12-14&tage=7")
        assert "Mira Beispiel" not in next_week.text

    def test_staff_see_only_consultations_they_take_part_in(
        self, web: TestClient, booked: str, client: TestClient, team: Team
    ) -> None:
        other = book(client, TUE_DEC_8_0900, team.ja_b, team.jc_d)
        sign_in(web, "anna")
        page = web.get("/arbeitsplatz/")
        assert booked in page.text and other not in page.text
        assert web.get(f"/arbeitsplatz/termine/{other}").status_code == 404
        sign_in(web, "chefin")
        everything = web.get("/arbeitsplatz/")
        assert booked in everything.text and other in everything.text
        only_dieter = web.get(f"/arbeitsplatz/?person={team.jc_d.id}")
        assert booked not in only_dieter.text and other in only_dieter.text


class TestDetail:
    def test_summary_contact_and_consent(self, web: TestClient, booked: str) -> None:
        sign_in(web, "carla")
        page = web.get(f"/arbeitsplatz/termine/{booked}")
        assert page.status_code == 200
        for text in (
            f"Termin {booked}",
            "Dienstag, 8. Dezember 2026, 09:00 bis 10:00 Uhr",
            "<dd>4, 7</dd>",
            "Grundsicherungsgeld (früher Bürgergeld), arbeitssuchend",
            "Arabisch",
            "Bitte Kinderwagen-Stellplatz",
            'href="tel:01712345678"',
            "mira@example.de",
            "2026-11-01",
            "Chat",
            "Anna Test – noch nicht bestätigt",
        ):
            assert text in page.text, text

    def test_unknown_reference_is_a_neutral_404(self, web: TestClient, team: Team) -> None:
        sign_in(web, "chefin")
        response = web.get("/arbeitsplatz/termine/FL-NICHT-DA")
        assert response.status_code == 404
        assert "Seite nicht gefunden" in response.text

    def test_confirm_participation(self, web: TestClient, booked: str) -> None:
        sign_in(web, "anna")
        response = post(web, f"/arbeitsplatz/termine/{booked}/bestaetigen")
        assert response.status_code == 303
        page = web.get(response.headers["location"])
        assert "Sie haben Ihre Teilnahme bestätigt." in page.text
        assert "Anna Test – bestätigt" in page.text
        assert "Carla Test – noch nicht bestätigt" in page.text
        assert "Ich nehme teil" not in page.text


class TestStatus:
    def test_no_show_only_from_the_start_on(
        self, web: TestClient, booked: str, clock: FrozenClock, session: Session
    ) -> None:
        sign_in(web, "anna")
        early = post(web, f"/arbeitsplatz/termine/{booked}/status", status="no_show")
        assert early.status_code == 409
        assert "erst ab seinem Beginn" in early.text
        clock.now = TUE_DEC_8_0900 + timedelta(minutes=20)
        sign_in(web, "anna")  # the session of the day before has expired
        page = web.get(f"/arbeitsplatz/termine/{booked}")
        assert "Ist die Familie gekommen?" in page.text
        done = post(web, f"/arbeitsplatz/termine/{booked}/status", status="no_show")
        assert done.status_code == 303
        assert "markiert als: nicht erschienen" in web.get(done.headers["location"]).text
        stored = session.query(Booking).filter_by(reference=booked).one()
        assert stored.status == "no_show" and stored.status_reason == "Nicht erschienen"

    def test_status_needs_a_choice(self, web: TestClient, booked: str, clock: FrozenClock) -> None:
        clock.now = TUE_DEC_8_0900 + timedelta(minutes=20)
        sign_in(web, "anna")
        response = post(web, f"/arbeitsplatz/termine/{booked}/status")
        assert response.status_code == 422
        assert 'href="#status-attended"' in response.text
        assert "Bitte wählen Sie aus, ob die Familie gekommen ist." in response.text


class TestCancel:
    def test_reason_is_required(self, web: TestClient, booked: str) -> None:
        sign_in(web, "anna")
        response = post(web, f"/arbeitsplatz/termine/{booked}/absagen", reason=" ")
        assert response.status_code == 422
        assert "Es gibt ein Problem" in response.text
        assert 'href="#reason"' in response.text
        assert 'aria-invalid="true"' in response.text
        assert response.text.count("<title>Fehler: ") == 1

    def test_cancel_informs_family_and_partner(
        self, web: TestClient, booked: str, settings: Settings, session: Session
    ) -> None:
        before = set(_mails(settings))
        sign_in(web, "anna")
        response = post(web, f"/arbeitsplatz/termine/{booked}/absagen", reason="Fachkraft erkrankt")
        assert response.status_code == 303
        page = web.get(response.headers["location"])
        assert "Der Termin ist abgesagt." in page.text
        assert "Fachkraft erkrankt" in page.text
        stored = session.query(Booking).filter_by(reference=booked).one()
        assert stored.status == "cancelled" and stored.status_reason == "Fachkraft erkrankt"
        new = [mail for name, mail in _mails(settings).items() if name not in before]
        recipients = {str(mail["To"]) for mail in new}
        assert any("mira@example.de" in to for to in recipients)
        assert any("carla@example.org" in to for to in recipients)
        assert any("anna@example.org" in to for to in recipients)
        # The slot is free again for the chat.
        assert "Termin absagen" not in page.text


class TestReschedule:
    def test_move_to_another_joint_slot(
        self, web: TestClient, booked: str, session: Session, client: TestClient
    ) -> None:
        sign_in(web, "anna")
        page = web.get(f"/arbeitsplatz/termine/{booked}")
        assert "Dienstag, 15. Dezember 2026, 09:00 bis 10:00 Uhr" in page.text
        slot = client.get("/slots", params={"limit": 5}).json()["slots"]
        target = next(s for s in slot if s["start"].startswith("2026-12-15"))
        response = post(web, f"/arbeitsplatz/termine/{booked}/verschieben", slot_id=target["id"])
        assert response.status_code == 303
        assert "Der Termin hat eine neue Zeit." in web.get(response.headers["location"]).text
        stored = session.query(Booking).filter_by(reference=booked).one()
        assert stored.start_utc == TUE_DEC_15_0900

    def test_unknown_slot_keeps_the_booking(
        self, web: TestClient, booked: str, session: Session
    ) -> None:
        sign_in(web, "anna")
        response = post(web, f"/arbeitsplatz/termine/{booked}/verschieben", slot_id="kaputt")
        assert response.status_code == 409
        assert "Der Termin ist unverändert." in response.text
        assert session.query(Booking).filter_by(reference=booked).one().start_utc == TUE_DEC_8_0900

    def test_missing_choice(self, web: TestClient, booked: str) -> None:
        sign_in(web, "anna")
        response = post(web, f"/arbeitsplatz/termine/{booked}/verschieben")
        assert response.status_code == 422
        assert 'href="#slot-1"' in response.text
