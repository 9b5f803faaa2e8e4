"""POST /holds and POST /holds/{id}/confirm, expiry, and Idempotency-Key replays."""

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking, Hold, IdempotencyRecord, Occupancy
from appointments.tests.conftest import BERLIN, FROZEN_NOW, FrozenClock
from appointments.tests.factories import (
    Team,
    booking_payload,
    create_team,
    details_payload,
    slot_id,
)

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def team(session: Session) -> Team:
    """Two people per agency, free on Tuesdays 09:00–10:00."""
    return create_team(session)


def _count(session: Session, model: type) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model)) or 0


def _slot_ids(client: TestClient) -> list[str]:
    return [slot["id"] for slot in client.get("/slots", params={"limit": 20}).json()["slots"]]


def _hold(client: TestClient, slot: str) -> dict[str, object]:
    response = client.post("/holds", json={"slot_id": slot})
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


class TestHold:
    def test_hold_reserves_slot_for_ten_minutes(self, client: TestClient, team: Team) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        hold = _hold(client, slot)

        assert hold["slot_id"] == slot
        assert hold["start"] == "2026-12-08T08:00:00+00:00"
        assert hold["expires_at"] == "2026-12-07T09:10:00+00:00"
        assert hold["jugendamt"] == {"id": team.ja_a.id, "name": "Anna Test"}
        # Anna and Carla are held, Bernd and Dieter still make a joint slot.
        offered = _slot_ids(client)
        assert slot not in offered
        assert offered[0] == slot_id(TUE_DEC_8_0900, team.ja_b, team.jc_d)

    def test_held_slot_cannot_be_held_or_booked_again(self, client: TestClient, team: Team) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        _hold(client, slot)

        again = client.post("/holds", json={"slot_id": slot})
        booked = client.post("/bookings", json=booking_payload(slot))

        assert again.status_code == booked.status_code == 409
        assert again.json()["code"] == booked.json()["code"] == "slot_taken"

    def test_expired_hold_no_longer_blocks(
        self, client: TestClient, team: Team, clock: FrozenClock, session: Session
    ) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        _hold(client, slot)
        clock.now = FROZEN_NOW + timedelta(minutes=10)

        assert slot in _slot_ids(client)
        response = client.post("/bookings", json=booking_payload(slot))
        assert response.status_code == 201, response.text
        assert _count(session, Occupancy) == 2

    def test_hold_minutes_is_configurable(
        self, client: TestClient, team: Team, settings: object
    ) -> None:
        settings.hold_minutes = 3  # type: ignore[attr-defined]
        hold = _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        assert hold["expires_at"] == "2026-12-07T09:03:00+00:00"

    def test_unbookable_slot_cannot_be_held(self, client: TestClient, team: Team) -> None:
        wednesday = datetime(2026, 12, 9, 9, 0, tzinfo=BERLIN)
        response = client.post("/holds", json={"slot_id": slot_id(wednesday, team.ja_a, team.jc_c)})
        assert response.status_code == 422
        assert response.json()["code"] == "slot_unavailable"


class TestConfirm:
    def test_released_hold_frees_the_slot_at_once(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        hold = _hold(client, slot)

        released = client.delete(f"/holds/{hold['id']}")

        assert released.status_code == 204
        assert slot in _slot_ids(client)
        assert _count(session, Occupancy) == 0
        confirm = client.post(f"/holds/{hold['id']}/confirm", json=details_payload())
        assert confirm.status_code == 409
        assert client.post("/holds", json={"slot_id": slot}).status_code == 201

    def test_releasing_is_idempotent_and_spares_bookings(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        hold = _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        client.post(f"/holds/{hold['id']}/confirm", json=details_payload())

        assert client.delete(f"/holds/{hold['id']}").status_code == 204
        assert client.delete("/holds/unbekannt").status_code == 204
        assert _count(session, Booking) == 1
        assert _count(session, Occupancy) == 2

    def test_confirm_turns_hold_into_booking(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        hold = _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))

        response = client.post(f"/holds/{hold['id']}/confirm", json=details_payload())

        assert response.status_code == 201, response.text
        body = response.json()
        assert body["status"] == "confirmed"
        assert body["start"] == "2026-12-08T08:00:00+00:00"
        assert body["jobcenter"] == {"id": team.jc_c.id, "name": "Carla Test"}
        assert body["manage_token"]
        booking = session.scalars(select(Booking)).one()
        occupancies = session.scalars(select(Occupancy)).all()
        assert {o.booking_id for o in occupancies} == {booking.id}
        assert {o.hold_id for o in occupancies} == {None}
        assert {o.expires_at for o in occupancies} == {None}

    def test_confirm_twice_is_409(self, client: TestClient, team: Team, session: Session) -> None:
        hold = _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        client.post(f"/holds/{hold['id']}/confirm", json=details_payload())

        response = client.post(f"/holds/{hold['id']}/confirm", json=details_payload())

        assert response.status_code == 409
        assert response.json() == {
            "code": "hold_already_confirmed",
            "message": "Diese Reservierung wurde schon bestätigt. Sie ist bereits ein gebuchter "
            "Termin.",
        }
        assert _count(session, Booking) == 1

    def test_confirm_after_expiry_is_409(
        self, client: TestClient, team: Team, clock: FrozenClock, session: Session
    ) -> None:
        hold = _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        clock.now = FROZEN_NOW + timedelta(minutes=11)

        response = client.post(f"/holds/{hold['id']}/confirm", json=details_payload())

        assert response.status_code == 409
        assert response.json() == {
            "code": "hold_expired",
            "message": "Die Reservierung ist abgelaufen. Bitte wählen Sie den Termin noch einmal "
            "aus.",
        }
        assert _count(session, Booking) == 0

    def test_unknown_hold_is_404(self, client: TestClient, team: Team) -> None:
        response = client.post("/holds/gibt-es-nicht/confirm", json=details_payload())
        assert response.status_code == 404
        assert response.json()["code"] == "hold_not_found"

    def test_confirm_validates_details_in_german(self, client: TestClient, team: Team) -> None:
        hold = _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        response = client.post(
            f"/holds/{hold['id']}/confirm", json=details_payload(children_ages=[])
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "field": "children_ages",
                "message": "Bitte geben Sie mindestens 1 Eintrag/Einträge an.",
            }
        ]
        assert _count_holds_unconfirmed(client, hold)

    def test_stores_no_personal_data_in_hold(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        stored = session.scalars(select(Hold)).one()
        assert stored.booking_id is None
        assert stored.expires_at == FROZEN_NOW + timedelta(minutes=10)


def _count_holds_unconfirmed(client: TestClient, hold: dict[str, object]) -> bool:
    # The hold is still live: confirming with valid details works afterwards.
    response = client.post(f"/holds/{hold['id']}/confirm", json=details_payload())
    return response.status_code == 201


class TestIdempotency:
    def test_booking_retry_with_same_key_returns_same_result(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        body = booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        headers = {"Idempotency-Key": "chat-4711-booking"}

        first = client.post("/bookings", json=body, headers=headers)
        second = client.post("/bookings", json=body, headers=headers)

        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        assert second.headers["Idempotent-Replayed"] == "true"
        assert _count(session, Booking) == 1
        stored = session.scalars(select(IdempotencyRecord)).one()
        assert "chat-4711" not in stored.key_hash

    def test_confirm_retry_with_same_key_returns_same_result(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        hold = _hold(client, slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        headers = {"Idempotency-Key": "chat-4711-confirm"}
        url = f"/holds/{hold['id']}/confirm"
        body = details_payload()

        first = client.post(url, json=body, headers=headers)
        second = client.post(url, json=body, headers=headers)

        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        assert _count(session, Booking) == 1

    def test_same_key_with_other_body_is_422(self, client: TestClient, team: Team) -> None:
        headers = {"Idempotency-Key": "chat-4711-booking"}
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        client.post("/bookings", json=booking_payload(slot), headers=headers)

        response = client.post("/bookings", json=booking_payload(slot), headers=headers)

        assert response.status_code == 422
        assert response.json()["code"] == "idempotency_key_reused"

    def test_without_key_a_retry_is_a_conflict(self, client: TestClient, team: Team) -> None:
        body = booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
        assert client.post("/bookings", json=body).status_code == 201
        assert client.post("/bookings", json=body).status_code == 409
