"""POST /bookings: success, slot errors, conflicts, atomicity and no personal data in logs."""

import logging
import re
from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking, Occupancy
from appointments.tests.conftest import BERLIN, SERVICE_HEADERS
from appointments.tests.factories import (
    ADDRESS_NOTE,
    FAMILY_LOCATION,
    Team,
    booking_payload,
    create_team,
    slot_id,
)

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
NOT_FOUND = "Diesen Termin gibt es nicht. Bitte wählen Sie einen der angebotenen Termine."
UNAVAILABLE = (
    "Dieser Termin kann nicht gebucht werden. Bitte wählen Sie einen der angebotenen Termine."
)
TAKEN = "Dieser Termin ist leider gerade vergeben worden. Bitte wählen Sie einen anderen Termin."


@pytest.fixture
def team(session: Session) -> Team:
    """Two people per agency, free on Tuesdays 09:00–10:00."""
    return create_team(session)


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


class TestCreateBooking:
    def test_valid(self, client: TestClient, team: Team, session: Session) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        response = client.post("/bookings", json=booking_payload(slot))

        assert response.status_code == 201, response.text
        body = response.json()
        assert re.fullmatch(r"FL-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", body["reference"])
        assert body == {
            "reference": body["reference"],
            "status": "confirmed",
            "start": "2026-12-08T08:00:00+00:00",
            "end": "2026-12-08T09:00:00+00:00",
            "jugendamt": {"id": team.ja_a.id, "name": "Anna Test"},
            "jobcenter": {"id": team.jc_c.id, "name": "Carla Test"},
            "location": FAMILY_LOCATION,
            "location_note": ADDRESS_NOTE,
            "manage_token": body["manage_token"],
            "manage_url": f"http://localhost:8000/termin/{body['reference']}?token="
            + body["manage_token"],
        }
        assert len(body["manage_token"]) >= 40
        stored = session.scalars(select(Booking)).one()
        assert stored.start_utc == TUE_DEC_8_0900
        assert stored.start_utc.utcoffset() == timedelta(0)
        assert stored.consent_given_at == datetime(2026, 12, 7, 9, 55, tzinfo=BERLIN)
        assert _count(session, Occupancy) == 2

    def test_second_booking_of_same_slot_is_409(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        assert client.post("/bookings", json=booking_payload(slot)).status_code == 201

        response = client.post("/bookings", json=booking_payload(slot))

        assert response.status_code == 409
        assert response.json() == {"code": "slot_taken", "message": TAKEN}
        assert _count(session, Booking) == 1

    def test_one_person_already_booked_with_someone_else_is_409(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        client.post(
            "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        )

        other = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_d)
        response = client.post("/bookings", json=booking_payload(other))

        assert response.status_code == 409
        assert _count(session, Booking) == 1
        assert _count(session, Occupancy) == 2

    @pytest.mark.parametrize(
        "slot",
        [
            pytest.param("gibt-es-nicht", id="malformed"),
            pytest.param("20261340T0800Z-1-2", id="impossible-date"),
            pytest.param("", id="empty"),
        ],
    )
    def test_malformed_slot_id_is_404(self, client: TestClient, team: Team, slot: str) -> None:
        response = client.post("/bookings", json=booking_payload(slot or "x"))
        assert response.status_code == 404
        assert response.json() == {"code": "slot_not_found", "message": NOT_FOUND}

    def test_unknown_or_swapped_staff_is_404(self, client: TestClient, team: Team) -> None:
        unknown = f"20261208T0800Z-999999-{team.jc_c.id}"
        swapped = slot_id(TUE_DEC_8_0900, team.jc_c, team.ja_a)
        for slot in (unknown, swapped):
            response = client.post("/bookings", json=booking_payload(slot))
            assert response.status_code == 404
            assert response.json()["code"] == "slot_not_found"

    @pytest.mark.parametrize(
        "start",
        [
            pytest.param(datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN), id="past"),
            pytest.param(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN), id="earlier-today"),
            pytest.param(datetime(2027, 1, 12, 9, 0, tzinfo=BERLIN), id="beyond-horizon"),
            pytest.param(datetime(2026, 12, 9, 9, 0, tzinfo=BERLIN), id="no-window-wednesday"),
            pytest.param(datetime(2026, 12, 8, 9, 30, tzinfo=BERLIN), id="off-grid"),
            pytest.param(datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN), id="after-window"),
        ],
    )
    def test_unbookable_slot_is_422(
        self, client: TestClient, team: Team, session: Session, start: datetime
    ) -> None:
        response = client.post(
            "/bookings", json=booking_payload(slot_id(start, team.ja_a, team.jc_c))
        )
        assert response.status_code == 422
        assert response.json() == {"code": "slot_unavailable", "message": UNAVAILABLE}
        assert _count(session, Booking) == 0
        assert _count(session, Occupancy) == 0

    def test_inactive_staff_is_422(self, client: TestClient, team: Team, session: Session) -> None:
        team.ja_a.active = False
        session.commit()
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        assert client.post("/bookings", json=booking_payload(slot)).status_code == 422

    def test_references_are_unique(self, client: TestClient, team: Team) -> None:
        first = client.post(
            "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        )
        second = client.post(
            "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_b, team.jc_d))
        )
        assert first.json()["reference"] != second.json()["reference"]

    def test_personal_data_never_logged(
        self, client: TestClient, team: Team, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.DEBUG)
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        body = booking_payload(
            slot, contact={"name": "Mira Beispiel", "phone": "0171 9876543", "email": "m@b.de"}
        )
        client.post("/bookings", json=body)
        client.post("/bookings", json=body)  # the 409 path logs too

        assert "booking.created" in caplog.text
        for secret in ("Mira", "9876543", "m@b.de"):
            assert secret not in caplog.text

    def test_server_error_is_german_without_trace(self, app: FastAPI, team: Team) -> None:
        def broken_clock() -> datetime:
            raise RuntimeError("internal detail that must not leak")

        app.state.clock = broken_clock
        with TestClient(app, raise_server_exceptions=False, headers=SERVICE_HEADERS) as client:
            response = client.post(
                "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
            )
        assert response.status_code == 500
        assert response.json() == {
            "code": "server_error",
            "message": "Es ist ein technischer Fehler aufgetreten. "
            "Bitte versuchen Sie es später noch einmal.",
        }
