"""Reminders and waitlist mails and pages in the family's language, the German text below."""

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.tests.factories import Team, booking_payload, slot_id
from appointments.tests.test_reminders import (
    FAMILY,
    TUE_DEC_15_0900,
    _deliver,
    _plan,
    team,
)
from appointments.tests.test_waitlist import CONSENT, _mails_to, _offer, _offer_link
from appointments.waitlist.models import WaitlistEntry

__all__ = ["team"]  # fixture shared with test_reminders


def _text(message: Any) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def test_reminder_in_arabic_with_the_german_text_below(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    slot = slot_id(TUE_DEC_15_0900, team.ja_a, team.jc_c)
    payload = booking_payload(slot, contact=FAMILY, conversation_language="ar")
    assert client.post("/bookings", json=payload).status_code == 201
    assert len(_plan(session, settings, TUE_DEC_15_0900 - timedelta(days=2, minutes=-4))) == 1
    _deliver(session, settings)

    [reminder] = [
        m for m in _mails_to(settings, "mira@example.org") if str(m["Subject"]).startswith("تذكير")
    ]
    assert str(reminder["Subject"]).startswith("تذكير: موعدك في الثلاثاء")
    text = _text(reminder)
    translated, german = text.split("----", 1)
    assert "نذكّرك بموعدك المشترك مع Jugendamt وJobcenter." in translated
    assert "يُرجى إحضار:" in translated and "(Bescheide)" in translated
    # The binding German reminder follows the translation.
    assert "Bitte bringen Sie mit:" in german and "Bitte bringen Sie mit:" not in translated


def _join(client: TestClient, name: str, email: str, language: str) -> None:
    body = {
        "children_ages": [4, 7],
        "contact": {"name": name, "phone": "05451 123456", "email": email},
        "consent": CONSENT,
        "conversation_language": language,
    }
    response = client.post("/waitlist", json=body)
    assert response.status_code == 201, response.text


def test_waitlist_offer_page_and_booking_in_the_familys_language(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    settings.waitlist_offer_count = 2
    _join(client, "Olena Test", "olena@example.org", "uk")
    _join(client, "Ayse Test", "ayse@example.org", "tr")
    assert session.scalars(select(WaitlistEntry.conversation_language)).all() == ["uk", "tr"]
    assert _offer(session, settings) == 2

    [offer] = _mails_to(settings, "olena@example.org")
    # (The header's encoded words may drop the space after the colon when decoded.)
    assert str(offer["Subject"]).startswith("Вільна зустріч для вас:")
    assert "Звільнилася спільна зустріч з Jugendamt і Jobcenter:" in _text(offer)
    assert "ein gemeinsamer Termin mit dem Jugendamt" in _text(offer).split("----", 1)[1]

    page = client.get(_offer_link(offer))
    assert page.status_code == 200
    assert 'lang="uk"' in page.text and "Забронювати зустріч остаточно" in page.text
    german = client.get(_offer_link(offer), params={"sprache": "de"})
    assert 'lang="de"' in german.text and "Termin verbindlich buchen" in german.text
    booked = client.post(_offer_link(offer))
    assert booked.status_code == 200 and "Вашу спільну зустріч заброньовано." in booked.text
    booking = session.scalars(select(Booking)).one()
    assert booking.conversation_language == "uk"  # its mails and pages follow

    _deliver(session, settings)
    subjects = [str(m["Subject"]) for m in _mails_to(settings, "ayse@example.org")]
    assert "Önerilen randevu alındı" in subjects


def test_german_waitlist_stays_german(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    _join(client, "Mira Beispiel", "mira@example.org", "de")
    assert _offer(session, settings) == 1
    [offer] = _mails_to(settings, "mira@example.org")
    assert str(offer["Subject"]).startswith("Ein freier Termin für Sie: ")
    assert "----" not in _text(offer)
    assert "Termin verbindlich buchen" in client.get(_offer_link(offer)).text
