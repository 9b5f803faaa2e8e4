"""Family self-service by reference + manage token; one upcoming booking per contact."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking, Occupancy
from appointments.tests.conftest import BERLIN, FROZEN_NOW, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_team, slot_id

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
NOT_FOUND = (
    "Wir haben keine Buchung zu diesen Angaben gefunden. Bitte prüfen Sie die Buchungsnummer "
    "und den Link aus Ihrer Bestätigung."
)


@pytest.fixture
def team(session: Session) -> Team:
    """Two people per agency, free on Tuesdays 09:00–10:00."""
    return create_team(session)


@pytest.fixture
def booked(client: TestClient, team: Team) -> dict[str, Any]:
    """A booking of Anna + Carla on Tuesday, 8 December, 09:00."""
    contact = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    response = client.post("/bookings", json=booking_payload(slot, contact=contact))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _slot_ids(client: TestClient) -> list[str]:
    return [slot["id"] for slot in client.get("/slots", params={"limit": 20}).json()["slots"]]


class TestView:
    def test_view_with_token_in_query(self, client: TestClient, booked: dict[str, Any]) -> None:
        assert booked["manage_url"] == (
            f"http://localhost:8000/termin/{booked['reference']}?token={booked['manage_token']}"
        )
        response = client.get(
            f"/bookings/{booked['reference']}", params={"token": booked["manage_token"]}
        )

        assert response.status_code == 200
        body = response.json()
        assert body["reference"] == booked["reference"]
        assert body["status"] == "confirmed"
        assert body["contact"] == {
            "name": "Mira Beispiel",
            "phone": "05451 123456",
            "email": "mira@example.org",
        }
        assert "manage_token" not in body

    def test_view_with_header_token(self, client: TestClient, booked: dict[str, Any]) -> None:
        response = client.get(
            f"/bookings/{booked['reference']}",
            headers={"X-Manage-Token": booked["manage_token"]},
        )
        assert response.status_code == 200

    @pytest.mark.parametrize("token", ["falsch", ""])
    def test_wrong_or_missing_token_is_404(
        self, client: TestClient, booked: dict[str, Any], token: str
    ) -> None:
        response = client.get(f"/bookings/{booked['reference']}", params={"token": token})
        assert response.status_code == 404
        assert response.json() == {"code": "booking_not_found", "message": NOT_FOUND}

    def test_unknown_reference_looks_like_wrong_token(
        self, client: TestClient, booked: dict[str, Any]
    ) -> None:
        response = client.get("/bookings/FL-AAAA-BBBB", params={"token": booked["manage_token"]})
        assert response.status_code == 404
        assert response.json()["code"] == "booking_not_found"

    def test_token_is_stored_only_hashed(self, booked: dict[str, Any], session: Session) -> None:
        stored = session.scalars(select(Booking)).one()
        assert stored.manage_token_hash
        assert booked["manage_token"] not in stored.manage_token_hash


class TestCancel:
    def test_cancel_frees_both_staff(
        self, client: TestClient, booked: dict[str, Any], team: Team, session: Session
    ) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        assert slot not in _slot_ids(client)

        response = client.post(
            f"/bookings/{booked['reference']}/cancel", params={"token": booked["manage_token"]}
        )

        assert response.status_code == 200
        assert response.json()["status"] == "cancelled"
        assert session.scalars(select(Occupancy)).all() == []
        stored = session.scalars(select(Booking)).one()
        assert stored.status_reason == "Von der Familie abgesagt"
        assert slot in _slot_ids(client)

    def test_cancel_twice_is_409(self, client: TestClient, booked: dict[str, Any]) -> None:
        url = f"/bookings/{booked['reference']}/cancel"
        client.post(url, params={"token": booked["manage_token"]})

        response = client.post(url, params={"token": booked["manage_token"]})

        assert response.status_code == 409
        assert response.json() == {
            "code": "booking_not_changeable",
            "message": "Dieser Termin kann nicht mehr geändert werden. Er ist abgesagt oder "
            "schon vorbei.",
        }

    def test_cancel_after_start_is_409(
        self, client: TestClient, booked: dict[str, Any], clock: FrozenClock
    ) -> None:
        clock.now = TUE_DEC_8_0900 + timedelta(minutes=5)
        response = client.post(
            f"/bookings/{booked['reference']}/cancel", params={"token": booked["manage_token"]}
        )
        assert response.status_code == 409

    def test_cancel_with_wrong_token_changes_nothing(
        self, client: TestClient, booked: dict[str, Any], session: Session
    ) -> None:
        response = client.post(
            f"/bookings/{booked['reference']}/cancel", params={"token": "falsch"}
        )
        assert response.status_code == 404
        assert session.scalars(select(Booking)).one().status == "confirmed"


class TestReschedule:
    def test_reschedule_moves_booking_atomically(
        self, client: TestClient, booked: dict[str, Any], team: Team, session: Session
    ) -> None:
        old = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        new = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)

        response = client.post(
            f"/bookings/{booked['reference']}/reschedule",
            params={"token": booked["manage_token"]},
            json={"slot_id": new},
        )

        assert response.status_code == 200, response.text
        body = response.json()
        assert body["reference"] == booked["reference"]
        assert body["start"] == "2026-12-15T08:00:00+00:00"
        assert body["jugendamt"] == {"id": team.ja_b.id, "name": "Bernd Test"}
        offered = _slot_ids(client)
        assert old in offered
        assert new not in offered
        session.expire_all()
        occupied = {(o.staff_id, o.start_utc) for o in session.scalars(select(Occupancy))}
        start = TUE_DEC_15_0900
        assert occupied == {(team.ja_b.id, start), (team.jc_d.id, start)}
        assert session.scalars(select(Booking)).one().sequence == 1

    def test_reschedule_to_taken_slot_keeps_old_booking(
        self, client: TestClient, booked: dict[str, Any], team: Team, session: Session
    ) -> None:
        taken = slot_id(TUE_DEC_15_0900, team.ja_a, team.jc_d)
        assert client.post("/bookings", json=booking_payload(taken)).status_code == 201

        response = client.post(
            f"/bookings/{booked['reference']}/reschedule",
            params={"token": booked["manage_token"]},
            json={"slot_id": slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)},
        )

        assert response.status_code == 409
        assert response.json()["code"] == "slot_taken"
        session.expire_all()
        stored = session.scalars(select(Booking).where(Booking.reference == booked["reference"]))
        booking = stored.one()
        assert booking.start_utc == TUE_DEC_8_0900
        assert booking.jugendamt_staff_id == team.ja_a.id
        assert len(session.scalars(select(Occupancy)).all()) == 4

    def test_reschedule_to_same_slot_is_allowed(
        self, client: TestClient, booked: dict[str, Any], team: Team
    ) -> None:
        same = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        response = client.post(
            f"/bookings/{booked['reference']}/reschedule",
            params={"token": booked["manage_token"]},
            json={"slot_id": same},
        )
        assert response.status_code == 200, response.text


class TestOneActiveBookingPerContact:
    # A second upcoming booking for the same contact is accepted like any other and only
    # flagged for staff (see test_no_oracle.py): a refusal would reveal the first one.
    def test_after_cancellation_a_new_booking_is_allowed(
        self, client: TestClient, booked: dict[str, Any], team: Team
    ) -> None:
        client.post(
            f"/bookings/{booked['reference']}/cancel", params={"token": booked["manage_token"]}
        )
        contact = {"name": "Mira Beispiel", "phone": "05451 123456"}
        other = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)
        assert (
            client.post("/bookings", json=booking_payload(other, contact=contact)).status_code
            == 201
        )

    def test_after_the_appointment_a_new_booking_is_allowed(
        self, client: TestClient, booked: dict[str, Any], team: Team, clock: FrozenClock
    ) -> None:
        clock.now = FROZEN_NOW + timedelta(days=2)
        contact = {"name": "Mira Beispiel", "phone": "05451 123456"}
        other = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)
        assert (
            client.post("/bookings", json=booking_payload(other, contact=contact)).status_code
            == 201
        )
