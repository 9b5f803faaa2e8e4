"""Door 2: holds, bookings and callbacks (with their consent record) only from the chat service."""

from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking, Hold
from appointments.callbacks.models import CallbackRequest
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import (
    Team,
    booking_payload,
    create_team,
    details_payload,
    slot_id,
)

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
CALLBACK = {
    "name": "Mira Beispiel",
    "phone": "05451 123456",
    "consent_version": "2026-11-01",
    "consent_given_at": "2026-12-07T09:55:00+01:00",
}
REFUSED = {
    "code": "service_token_required",
    "message": "Diese Anfrage ist nur für den Chat-Dienst erlaubt.",
}


@pytest.fixture
def team(session: Session) -> Team:
    return create_team(session)


@pytest.fixture(params=["none", "wrong", "basic"])
def outsider(request: pytest.FixtureRequest, app: FastAPI) -> TestClient:
    """A client without the service token: none, a wrong one, or another scheme."""
    headers = {
        "none": {},
        "wrong": {"Authorization": "Bearer entwicklung-dienst-nur-lokal-x"},
        "basic": {"Authorization": "Basic ZGVtbzpkZW1v"},
    }[request.param]
    return TestClient(app, raise_server_exceptions=False, headers=headers)


def _count(session: Session, model: Any) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_without_the_service_token_nothing_is_held_booked_or_requested(
    outsider: TestClient, client: TestClient, team: Team, session: Session
) -> None:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    responses = [
        outsider.post("/bookings", json=booking_payload(slot)),
        outsider.post("/holds", json={"slot_id": slot}),
        outsider.post("/callbacks", json=CALLBACK),
    ]
    hold = client.post("/holds", json={"slot_id": slot}).json()
    responses += [
        outsider.post(f"/holds/{hold['id']}/confirm", json=details_payload()),
        outsider.delete(f"/holds/{hold['id']}"),
    ]

    for response in responses:
        assert response.status_code == 401, response.text
        assert response.json() == REFUSED
        assert response.headers["www-authenticate"] == "Bearer"
    assert _count(session, Booking) == 0 and _count(session, CallbackRequest) == 0
    assert _count(session, Hold) == 1  # only the service's own hold, still unconfirmed
    assert session.scalars(select(Hold)).one().booking_id is None


def test_with_the_service_token_the_chat_books(client: TestClient, team: Team) -> None:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    assert client.post("/bookings", json=booking_payload(slot)).status_code == 201
    assert client.post("/callbacks", json=CALLBACK).status_code == 201


def test_family_routes_keep_their_own_reference_and_check_rules(
    client: TestClient, app: FastAPI, team: Team
) -> None:
    contact = {"name": "Mira Beispiel", "phone": "05451 123456"}
    booked = client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c), contact=contact),
    ).json()
    family = TestClient(app, raise_server_exceptions=False)
    reference, token = booked["reference"], booked["manage_token"]

    assert family.get("/slots").status_code == 200
    assert family.get(f"/bookings/{reference}", params={"token": token}).status_code == 200
    assert family.get(f"/termin/{reference}", params={"token": token}).status_code == 200
    assert family.post(f"/bookings/{reference}/check", json={"check": "3456"}).status_code == 200
