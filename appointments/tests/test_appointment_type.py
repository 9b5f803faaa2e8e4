"""Appointment type: consultation length and buffer; slots step by duration + buffer."""

import itertools
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.staff.models import JOBCENTER, JUGENDAMT
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import (
    TUE,
    booking_payload,
    create_agency,
    create_location,
    create_staff,
)

TUE_DEC_8 = datetime(2026, 12, 8, tzinfo=BERLIN)


def _team(session: Session) -> None:
    create_location(session)
    ja, jc = create_agency(session, JUGENDAMT), create_agency(session, JOBCENTER)
    create_staff(session, ja, "Anna", [(TUE, "09:00", "12:00")])
    create_staff(session, jc, "Carla", [(TUE, "09:00", "12:00")])
    session.commit()


def _tuesday_slots(client: TestClient) -> list[tuple[str, str]]:
    slots = client.get("/slots", params={"limit": 20}).json()["slots"]
    return [
        (
            datetime.fromisoformat(s["start"]).astimezone(BERLIN).strftime("%H:%M"),
            datetime.fromisoformat(s["end"]).astimezone(BERLIN).strftime("%H:%M"),
        )
        for s in slots
        if datetime.fromisoformat(s["start"]).astimezone(BERLIN).date() == TUE_DEC_8.date()
    ]


def test_defaults_are_60_minutes_without_buffer() -> None:
    settings = Settings(environment="test")
    assert (settings.appointment_minutes, settings.buffer_minutes) == (60, 0)
    assert settings.slot_step_minutes == 60


def test_without_buffer_slots_are_back_to_back(
    client: TestClient, session: Session, settings: Settings
) -> None:
    settings.duration_minutes, settings.buffer_minutes = 45, 0
    _team(session)
    assert _tuesday_slots(client) == [
        ("09:00", "09:45"),
        ("09:45", "10:30"),
        ("10:30", "11:15"),
        ("11:15", "12:00"),
    ]


def test_15_minute_buffer_removes_back_to_back_slots(
    client: TestClient, session: Session, settings: Settings
) -> None:
    settings.duration_minutes, settings.buffer_minutes = 45, 15
    _team(session)
    slots = _tuesday_slots(client)
    # Every consultation lasts 45 minutes and is followed by 15 free minutes.
    assert slots == [("09:00", "09:45"), ("10:00", "10:45"), ("11:00", "11:45")]
    for (_, end), (start, _) in itertools.pairwise(slots):
        gap = datetime.strptime(start, "%H:%M") - datetime.strptime(end, "%H:%M")
        assert gap == timedelta(minutes=15)

    first = client.get("/slots").json()["slots"][0]
    booked = client.post("/bookings", json=booking_payload(first["id"]))
    assert booked.status_code == 201, booked.text
    assert booked.json()["end"] == first["end"]
    # An off-grid (back-to-back) start is not bookable.
    back_to_back = first["id"].replace("T0800Z", "T0845Z")
    response = client.post("/bookings", json=booking_payload(back_to_back))
    assert response.status_code == 422
    assert response.json()["code"] == "slot_unavailable"


def test_duration_plus_buffer_must_divide_the_day() -> None:
    with pytest.raises(ValidationError):
        Settings(environment="test", duration_minutes=60, buffer_minutes=15)
    assert (
        Settings(environment="test", duration_minutes=60, buffer_minutes=30).slot_step_minutes == 90
    )
