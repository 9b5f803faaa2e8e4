"""E-mails to both staff members and the family via a real local SMTP server, ICS, feed."""

import asyncio
import socket
from collections.abc import Iterator
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.availability.models import Location
from appointments.config import Settings
from appointments.notify.formatting import long_datetime
from appointments.places import family_place, has_placeholder
from appointments.staff.models import JOBCENTER, JUGENDAMT
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import (
    ADDRESS_NOTE,
    TUE,
    booking_payload,
    create_account,
    create_agency,
    create_location,
    create_staff,
    slot_id,
)

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
FAMILY = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}


class Inbox:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def inbox(settings: Settings) -> Iterator[Inbox]:
    """A real SMTP server on localhost; settings point the API at it."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.smtp_host, settings.smtp_port = "127.0.0.1", controller.port
    # Plain SMTP for the content tests; STARTTLS with login is tested in test_mail_security.
    settings.smtp_security = "none"
    try:
        yield handler
    finally:
        controller.stop()
        asyncio.set_event_loop(None)


@pytest.fixture
def people(session: Session) -> dict[str, Any]:
    """One person per agency with e-mail addresses, plus an admin login."""
    create_location(session)
    ja, jc = create_agency(session, JUGENDAMT), create_agency(session, JOBCENTER)
    anna = create_staff(session, ja, "Anna Test", [(TUE, "09:00", "10:00")], email="anna@ja.test")
    carla = create_staff(
        session, jc, "Carla Test", [(TUE, "09:00", "10:00")], email="carla@jc.test"
    )
    create_account(session, "chefin", "richtig-geheim", None, role="admin")
    session.commit()
    return {"anna": anna, "carla": carla}


def _book(client: TestClient, people: dict[str, Any]) -> dict[str, Any]:
    slot = slot_id(TUE_DEC_8_0900, people["anna"], people["carla"])
    response = client.post("/bookings", json=booking_payload(slot, contact=FAMILY))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _calendar(message: EmailMessage) -> Calendar:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_filename() == "termin.ics"
    return Calendar.from_ical(parts[0].get_payload(decode=True))


def test_german_long_date_format() -> None:
    assert long_datetime(TUE_DEC_8_0900, BERLIN) == "Dienstag, 8. Dezember 2026, 09:00 Uhr"


def test_booking_mails_both_staff_and_family(
    client: TestClient, people: dict[str, Any], inbox: Inbox
) -> None:
    booked = _book(client, people)

    assert len(inbox.messages) == 3
    family = inbox.to("mira@example.org")[0]
    assert family["Subject"] == (
        "Ihr Termin beim Jugendamt und Jobcenter: Dienstag, 8. Dezember 2026, 09:00 Uhr"
    )
    text = family.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Guten Tag Mira Beispiel," in text
    assert "Wann: Dienstag, 8. Dezember 2026, 09:00 Uhr bis 10:00 Uhr" in text
    assert "Mit: Anna Test (Jugendamt) und Carla Test (Jobcenter)" in text
    assert text.replace("\r\n", "\n").endswith(
        "Buchungsnummer: " + booked["reference"] + "\n" + ADDRESS_NOTE + "\n\n"
        "Über diesen Link sehen Sie Ihren Termin. Bis zum Beginn können Sie ihn dort auch auf "
        "eine andere freie Zeit verschieben oder absagen:\n"
        + booked["manage_url"]
        + "\nBitte geben Sie den Link nicht weiter. Wer den Link hat, kann Ihren Termin ändern.\n"
        "\nIm Anhang finden Sie den Termin als Kalenderdatei.\n"
        "\nFreundliche Grüße\nIhr Familienlotse\n"
    )
    assert "/termin/" in booked["manage_url"]

    for address in ("anna@ja.test", "carla@jc.test"):
        staff = inbox.to(address)[0]
        assert staff["Subject"] == "Neuer gemeinsamer Termin: Dienstag, 8. Dezember 2026, 09:00 Uhr"
        body = staff.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert booked["reference"] in body
        assert "05451" not in body and "mira@" not in body  # no contact data in staff mail

    event = _calendar(family).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{booked['reference']}@familienlotse"
    assert str(event["LOCATION"]) == booked["location"]
    assert event.decoded("DTSTART") == TUE_DEC_8_0900
    attendees = sorted(str(a) for a in event["ATTENDEE"])
    assert attendees == ["mailto:anna@ja.test", "mailto:carla@jc.test"]
    assert "Mira" not in _calendar(family).to_ical().decode()


def test_reschedule_and_cancel_keep_uid_and_raise_sequence(
    client: TestClient, people: dict[str, Any], inbox: Inbox
) -> None:
    booked = _book(client, people)
    params = {"token": booked["manage_token"]}
    new = slot_id(TUE_DEC_15_0900, people["anna"], people["carla"])

    client.post(f"/bookings/{booked['reference']}/reschedule", params=params, json={"slot_id": new})
    client.post(f"/bookings/{booked['reference']}/cancel", params=params)

    family = inbox.to("mira@example.org")
    assert [m["Subject"] for m in family] == [
        "Ihr Termin beim Jugendamt und Jobcenter: Dienstag, 8. Dezember 2026, 09:00 Uhr",
        "Ihr Termin wurde verschoben: Dienstag, 15. Dezember 2026, 09:00 Uhr",
        "Ihr Termin am Dienstag, 15. Dezember 2026, 09:00 Uhr ist abgesagt",
    ]
    calendars = [_calendar(m) for m in family]
    events = [c.walk("VEVENT")[0] for c in calendars]
    assert {str(e["UID"]) for e in events} == {f"{booked['reference']}@familienlotse"}
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]
    assert str(calendars[2]["METHOD"]) == "CANCEL"
    assert str(events[2]["STATUS"]) == "CANCELLED"
    assert len(inbox.to("anna@ja.test")) == 3
    assert booked["manage_url"] not in family[2].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    cancelled = family[2].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Grund: Von der Familie abgesagt" in cancelled
    staff = inbox.to("anna@ja.test")[2].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Grund: Von der Familie abgesagt" in staff
    assert f"/arbeitsplatz/termine/{booked['reference']}" in staff


def test_mail_failure_does_not_fail_booking(
    client: TestClient, people: dict[str, Any], settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.smtp_host, settings.smtp_port = "127.0.0.1", _free_port()  # nobody listens
    booked = _book(client, people)
    assert booked["status"] == "confirmed"
    assert "outbox.retrying" in caplog.text
    assert "mira@example.org" not in caplog.text and "Mira" not in caplog.text


def test_without_smtp_host_mails_are_written_as_eml(
    client: TestClient, people: dict[str, Any], settings: Settings
) -> None:
    _book(client, people)
    files = sorted(settings.mail_dir.glob("*.eml"))
    assert len(files) == 3
    subjects = {message_from_bytes(f.read_bytes(), policy=policy.default)["Subject"] for f in files}
    assert "Neuer gemeinsamer Termin: Dienstag, 8. Dezember 2026, 09:00 Uhr" in subjects


def test_staff_feed_with_secret_token(client: TestClient, people: dict[str, Any]) -> None:
    booked = _book(client, people)
    response = client.post(
        f"/admin/staff/{people['anna'].id}/feed-token", auth=("chefin", "richtig-geheim")
    )
    assert response.status_code == 201
    feed_url = response.json()["feed_url"]
    assert feed_url.startswith("http://localhost:8000/staff/feed/")

    feed = client.get(feed_url.removeprefix("http://localhost:8000"))

    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{booked['reference']}@familienlotse"]
    assert client.get("/staff/feed/falsch.ics").status_code == 404


# --- No placeholder reaches a family ----------------------------------------------------


def _family_texts(client: TestClient, inbox: Inbox, booked: dict[str, Any]) -> list[str]:
    """Everything a family reads of its booking: JSON, e-mail, calendar file, /termin page."""
    mail = inbox.to("mira@example.org")[0]
    body = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    event = _calendar(mail).walk("VEVENT")[0]
    page = client.get(booked["manage_url"].split("8000", 1)[-1]).text
    slots = client.get("/slots", params={"limit": 5}).text
    return [str(booked), mail["Subject"], body, str(event["LOCATION"]), str(event["DESCRIPTION"]),
            page, slots]  # fmt: skip


def test_no_unconfirmed_place_detail_reaches_the_family(
    client: TestClient, people: dict[str, Any], inbox: Inbox
) -> None:
    """The place's text carries "(Hausnummer zu bestätigen)": families never read it, and
    learn how the exact address reaches them; staff are asked to send it."""
    booked = _book(client, people)
    for text in _family_texts(client, inbox, booked):
        assert not has_placeholder(text), text
        assert "Hausnummer" not in text and "Große Straße" not in text, text
    assert booked["location"] == "Familienbüro der Stadt Ibbenbüren"
    assert booked["location_note"] == ADDRESS_NOTE
    family = inbox.to("mira@example.org")[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Wo: Familienbüro der Stadt Ibbenbüren\n" in family.replace("\r\n", "\n")
    assert ADDRESS_NOTE in family
    staff = inbox.to("anna@ja.test")[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Bitte schicken Sie sie der Familie vor dem Termin." in staff


def test_a_confirmed_address_needs_no_note(
    client: TestClient, session: Session, people: dict[str, Any], inbox: Inbox
) -> None:
    place = session.scalars(select(Location)).one()
    place.name, place.address = "Familienbüro, Musterweg 1", "Musterweg 1, 49477 Ibbenbüren"
    session.commit()
    booked = _book(client, people)
    assert booked["location"] == "Familienbüro, Musterweg 1"
    assert booked["location_note"] is None
    for text in _family_texts(client, inbox, booked):
        assert "Die genaue Adresse" not in text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Familienbüro, Große Straße (Hausnummer zu bestätigen), 49477 Ort",
            "Familienbüro, 49477 Ort",
        ),
        ("Rathaus, Raum zu_bestaetigen", "Rathaus"),
        ("Familienbüro, Marktplatz 3", "Familienbüro, Marktplatz 3"),
    ],
)
def test_family_place_drops_unconfirmed_parts(text: str, shown: str) -> None:
    assert family_place(text) == shown
