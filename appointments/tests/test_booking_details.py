"""Booking details: language, interpreter, accessibility, note (optional, stored, erased)."""

import csv
import hashlib
import io
import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.idempotency import request_hash
from appointments.bookings.models import Booking
from appointments.bookings.schemas import BookingCreate
from appointments.cli import main
from appointments.config import Settings
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import (
    Team,
    booking_payload,
    create_account,
    create_team,
    details_payload,
    slot_id,
)

PASSWORD = "richtig-geheim"
STAFF = ("anna", PASSWORD)
ADMIN = ("chefin", PASSWORD)
TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
DETAILS = {
    "language": "  Arabisch ",
    "interpreter_needed": True,
    "accessibility_needed": True,
    "note": "  Wir kommen mit Kinderwagen.  ",
}


@pytest.fixture
def team(session: Session) -> Team:
    """A team, a staff login and an admin login."""
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


def _slot(team: Team) -> str:
    return slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)


def _stored(session: Session) -> Booking:
    session.expire_all()
    return session.scalars(select(Booking)).one()


def test_details_are_optional_and_default(client: TestClient, team: Team, session: Session) -> None:
    response = client.post("/bookings", json=booking_payload(_slot(team)))
    assert response.status_code == 201, response.text
    booking = _stored(session)
    assert booking.language is None and booking.note is None
    assert booking.interpreter_needed is False and booking.accessibility_needed is False
    # The response the chat reads: the old fields, and the note on an unconfirmed address.
    assert set(response.json()) == {
        "reference",
        "status",
        "start",
        "end",
        "jugendamt",
        "jobcenter",
        "location",
        "location_note",
        "manage_token",
        "manage_url",
    }


def test_details_are_stored_stripped_and_shown_to_staff(
    client: TestClient, team: Team, session: Session
) -> None:
    response = client.post("/bookings", json=booking_payload(_slot(team), **DETAILS))
    assert response.status_code == 201, response.text
    booking = _stored(session)
    assert booking.language == "Arabisch"
    assert booking.note == "Wir kommen mit Kinderwagen."
    assert booking.interpreter_needed is True and booking.accessibility_needed is True

    listed = client.get("/staff/bookings", auth=STAFF).json()["bookings"][0]
    assert listed["language"] == "Arabisch"
    assert listed["interpreter_needed"] is True
    assert listed["accessibility_needed"] is True
    assert listed["note"] == "Wir kommen mit Kinderwagen."

    text = client.get("/staff/bookings.csv", auth=STAFF).text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    header = dict(zip(rows[0], rows[1], strict=True))
    assert header["Sprache"] == "Arabisch"
    assert header["Dolmetschung benötigt"] == "ja"
    assert header["Barrierefreiheit benötigt"] == "ja"
    assert header["Hinweis"] == "Wir kommen mit Kinderwagen."


def test_hold_confirm_accepts_details(client: TestClient, team: Team, session: Session) -> None:
    hold = client.post("/holds", json={"slot_id": _slot(team)}).json()
    body = details_payload(language="Türkisch", interpreter_needed=True, note=" ")
    response = client.post(f"/holds/{hold['id']}/confirm", json=body)
    assert response.status_code == 201, response.text
    booking = _stored(session)
    assert booking.language == "Türkisch" and booking.interpreter_needed is True
    assert booking.note is None  # blank note counts as none
    assert booking.accessibility_needed is False


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        pytest.param("note", "x" * 501, "Bitte geben Sie höchstens 500 Zeichen ein.", id="long"),
        pytest.param("language", "y" * 51, "Bitte geben Sie höchstens 50 Zeichen ein.", id="lang"),
        pytest.param(
            "interpreter_needed",
            "vielleicht",
            "Bitte geben Sie hier ja oder nein an (true oder false).",
            id="bool",
        ),
        pytest.param("note", 12, "Bitte geben Sie hier einen Text an.", id="type"),
    ],
)
def test_invalid_details_get_german_messages(
    client: TestClient, team: Team, session: Session, field: str, value: Any, message: str
) -> None:
    response = client.post("/bookings", json=booking_payload(_slot(team), **{field: value}))
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [{"field": field, "message": message}]
    assert session.scalars(select(Booking)).all() == []


def test_note_of_500_chars_after_stripping_is_accepted(client: TestClient, team: Team) -> None:
    body = booking_payload(_slot(team), note=f"  {'n' * 500}  ")
    assert client.post("/bookings", json=body).status_code == 201


def test_purge_and_forget_erase_language_and_note(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    booked = client.post("/bookings", json=booking_payload(_slot(team), **DETAILS)).json()
    other = slot_id(TUE_DEC_8_0900 + timedelta(days=7), team.ja_a, team.jc_c)
    second = client.post("/bookings", json=booking_payload(other, **DETAILS)).json()
    later = FrozenClock(TUE_DEC_8_0900 + timedelta(days=settings.retention_days, hours=2))

    assert main(["purge"], settings=settings, clock=later) == 0
    assert main(["forget", "--reference", second["reference"]], settings=settings) == 0

    session.expire_all()
    for reference in (booked["reference"], second["reference"]):
        booking = session.scalars(select(Booking).where(Booking.reference == reference)).one()
        assert booking.anonymised_at is not None
        assert booking.language is None and booking.note is None


def test_idempotency_hash_unchanged_for_bodies_without_details() -> None:
    body = booking_payload("20261208T0800Z-1-2")
    data = BookingCreate.model_validate(body)
    old = {k: v for k, v in data.model_dump(mode="json").items() if k not in DETAILS}
    canonical = json.dumps(old, sort_keys=True, ensure_ascii=True)
    # Keys stored before the details existed still match a retried request.
    assert request_hash(data) == hashlib.sha256(canonical.encode()).hexdigest()
    assert request_hash(BookingCreate.model_validate({**body, "note": "x"})) != request_hash(data)
