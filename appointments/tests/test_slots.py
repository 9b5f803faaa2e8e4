"""GET /slots: joint slots, occupancy, fairness, limits and the booking window."""

from datetime import datetime, timedelta, timezone

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from appointments.staff.models import JOBCENTER, JUGENDAMT
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import (
    TUE,
    booking_payload,
    create_agency,
    create_location,
    create_staff,
    create_team,
    slot_id,
)

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)


def _ids(client: TestClient, **params: object) -> list[str]:
    response = client.get("/slots", params=params)
    assert response.status_code == 200, response.text
    return [slot["id"] for slot in response.json()["slots"]]


def test_slots_only_where_one_person_of_each_agency_is_free(
    client: TestClient, session: Session
) -> None:
    create_location(session)
    ja, jc = create_agency(session, JUGENDAMT), create_agency(session, JOBCENTER)
    anna = create_staff(session, ja, "Anna", [(TUE, "09:00", "11:00")])
    bernd = create_staff(session, ja, "Bernd", [(TUE, "10:00", "12:00")])
    carla = create_staff(session, jc, "Carla", [(TUE, "09:00", "10:00")])
    dieter = create_staff(session, jc, "Dieter", [(TUE, "11:00", "12:00")])
    session.commit()

    response = client.get("/slots", params={"limit": 3})

    assert response.status_code == 200
    slots = response.json()["slots"]
    # 10:00 local has two Jugendamt people but nobody from the Jobcenter: no joint slot.
    assert [slot["id"] for slot in slots] == [
        slot_id(TUE_DEC_8_0900, anna, carla),
        slot_id(TUE_DEC_8_0900 + timedelta(hours=2), bernd, dieter),
        slot_id(TUE_DEC_8_0900 + timedelta(days=7), anna, carla),
    ]
    assert slots[0] == {
        "id": f"20261208T0800Z-{anna.id}-{carla.id}",
        "start": "2026-12-08T08:00:00+00:00",
        "end": "2026-12-08T09:00:00+00:00",
        "jugendamt": {"id": anna.id, "name": "Anna"},
        "jobcenter": {"id": carla.id, "name": "Carla"},
        "location": "Familienbüro der Stadt Ibbenbüren",
        "location_kind": "in_person",
    }


def test_slots_skip_inactive_staff(client: TestClient, session: Session) -> None:
    create_location(session)
    ja, jc = create_agency(session, JUGENDAMT), create_agency(session, JOBCENTER)
    create_staff(session, ja, "Anna", [(TUE, "09:00", "10:00")], active=False)
    create_staff(session, jc, "Carla", [(TUE, "09:00", "10:00")])
    session.commit()
    assert _ids(client) == []


def test_booked_slot_disappears_and_free_pair_is_offered(
    client: TestClient, session: Session
) -> None:
    team = create_team(session)
    first = _ids(client, limit=1)[0]
    assert first == slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)

    assert client.post("/bookings", json=booking_payload(first)).status_code == 201

    ids = _ids(client, limit=2)
    assert first not in ids
    # Anna and Carla are occupied at 09:00, Bernd and Dieter are not.
    assert ids[0] == slot_id(TUE_DEC_8_0900, team.ja_b, team.jc_d)


def test_occupied_staff_excluded_when_no_partner_left(client: TestClient, session: Session) -> None:
    team = create_team(session)
    # Anna+Carla, then Bernd+Dieter at the same start: nobody is left for Dec 8.
    client.post("/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)))
    client.post("/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_b, team.jc_d)))

    response = client.get("/slots", params={"limit": 1})

    assert response.json()["slots"][0]["start"] == "2026-12-15T08:00:00+00:00"


def test_each_start_offered_once_and_pairs_rotate(client: TestClient, session: Session) -> None:
    team = create_team(session)
    slots = client.get("/slots", params={"limit": 4}).json()["slots"]

    starts = [slot["start"] for slot in slots]
    assert starts == sorted(set(starts))
    pairs = [(slot["jugendamt"]["id"], slot["jobcenter"]["id"]) for slot in slots]
    assert pairs[:2] == [(team.ja_a.id, team.jc_c.id), (team.ja_b.id, team.jc_d.id)]


def test_slots_respect_lead_days_and_horizon(client: TestClient, session: Session) -> None:
    create_location(session)
    ja, jc = create_agency(session, JUGENDAMT), create_agency(session, JOBCENTER)
    every_day = [(day, "09:00", "17:00") for day in range(7)]
    create_staff(session, ja, "Anna", every_day)
    create_staff(session, jc, "Carla", every_day)
    session.commit()

    slots = client.get("/slots", params={"limit": 20}).json()["slots"]
    # Today (Monday 10:00) still has free hours, but LEAD_DAYS=1 starts on Tuesday.
    assert slots[0]["start"] == "2026-12-08T08:00:00+00:00"
    late = client.get("/slots", params={"from": "2027-01-04T16:00:00+01:00"}).json()["slots"]
    # Horizon: today + 28 days = Monday 2027-01-04 is the last bookable day.
    assert [slot["start"] for slot in late] == ["2027-01-04T15:00:00+00:00"]


def test_slots_from_filters_and_never_returns_past(
    client: TestClient, session: Session, clock: FrozenClock
) -> None:
    create_team(session)
    ids = _ids(client, limit=1, **{"from": "2026-12-09T00:00:00"})
    assert ids[0].startswith("20261215T0800Z-")
    clock.now = datetime(2026, 12, 8, 8, 30, tzinfo=timezone.utc)
    assert all(not i.startswith("20261208") for i in _ids(client, limit=5))


def test_slots_limit_out_of_range_is_german_422(client: TestClient) -> None:
    for limit in (0, 21, "viele"):
        response = client.get("/slots", params={"limit": limit})
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "invalid_input"
        assert body["message"] == (
            "Einige Angaben sind nicht korrekt. Bitte prüfen Sie die markierten Felder."
        )
        assert body["errors"][0]["field"] == "limit"


def test_slots_limit_messages_are_german(client: TestClient) -> None:
    assert client.get("/slots?limit=21").json()["errors"] == [
        {"field": "limit", "message": "Der Wert darf höchstens 20 sein."}
    ]
    assert client.get("/slots?limit=0").json()["errors"] == [
        {"field": "limit", "message": "Der Wert muss mindestens 1 sein."}
    ]
