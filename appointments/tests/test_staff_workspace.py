"""Staff roles, filters, status changes, CSV export, availability admin, absences, holidays."""

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.availability.holidays import easter_sunday, is_closed, nrw_holidays
from appointments.bookings.models import Booking, Occupancy
from appointments.config import Settings
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_account, create_team, slot_id

PASSWORD = "richtig-geheim"
STAFF = ("anna", PASSWORD)
ADMIN = ("chefin", PASSWORD)
TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def team(session: Session) -> Team:
    """A team, a staff login for Anna and an admin login."""
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


def _book(client: TestClient, start: datetime, ja: Any, jc: Any, **kw: Any) -> dict[str, Any]:
    response = client.post("/bookings", json=booking_payload(slot_id(start, ja, jc), **kw))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _slot_ids(client: TestClient) -> list[str]:
    return [slot["id"] for slot in client.get("/slots", params={"limit": 20}).json()["slots"]]


class TestFilters:
    def test_filter_by_day_range_status_and_staff(self, client: TestClient, team: Team) -> None:
        first = _book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c)
        second = _book(client, TUE_DEC_15_0900, team.ja_b, team.jc_d)

        def refs(**params: Any) -> list[str]:
            # The admin sees every booking; staff only their own (test_staff_scope.py).
            response = client.get("/staff/bookings", params=params, auth=ADMIN)
            assert response.status_code == 200, response.text
            return [b["reference"] for b in response.json()["bookings"]]

        assert refs() == [first["reference"], second["reference"]]
        assert refs(**{"from": "2026-12-09"}) == [second["reference"]]
        assert refs(to="2026-12-08") == [first["reference"]]
        assert refs(staff_id=team.jc_d.id) == [second["reference"]]
        assert refs(agency="jugendamt", staff_id=team.jc_d.id) == []
        assert refs(agency="jobcenter", staff_id=team.jc_d.id) == [second["reference"]]
        assert refs(status="cancelled") == []

    def test_unknown_status_filter_is_german_422(self, client: TestClient, team: Team) -> None:
        response = client.get("/staff/bookings", params={"status": "weg"}, auth=STAFF)
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "status", "message": "Dieser Wert ist hier nicht zulässig."}
        ]


class TestStatusChange:
    def test_attended_after_start_with_reason(
        self, client: TestClient, team: Team, clock: FrozenClock, session: Session
    ) -> None:
        booked = _book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c)
        clock.now = TUE_DEC_8_0900 + timedelta(hours=1)

        response = client.post(
            f"/staff/bookings/{booked['reference']}/status",
            json={"status": "attended", "reason": "Beratung hat stattgefunden"},
            auth=STAFF,
        )

        assert response.status_code == 200, response.text
        assert response.json()["status"] == "attended"
        stored = session.scalars(select(Booking)).one()
        assert stored.status_reason == "Beratung hat stattgefunden"
        assert stored.status_changed_by is not None

    def test_no_show_before_start_is_409(self, client: TestClient, team: Team) -> None:
        booked = _book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c)
        response = client.post(
            f"/staff/bookings/{booked['reference']}/status",
            json={"status": "no_show", "reason": "nicht da"},
            auth=STAFF,
        )
        assert response.status_code == 409
        assert response.json()["code"] == "status_too_early"

    def test_staff_cancellation_frees_slot_and_is_final(
        self, client: TestClient, team: Team, session: Session
    ) -> None:
        booked = _book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c)
        url = f"/staff/bookings/{booked['reference']}/status"
        body = {"status": "cancelled", "reason": "Fachkraft erkrankt"}

        assert client.post(url, json=body, auth=STAFF).status_code == 200
        assert session.scalars(select(Occupancy)).all() == []
        assert slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c) in _slot_ids(client)
        again = client.post(url, json={"status": "attended", "reason": "doch"}, auth=STAFF)
        assert again.status_code == 409
        assert again.json()["code"] == "status_change_not_allowed"

    def test_reason_is_required(self, client: TestClient, team: Team) -> None:
        booked = _book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c)
        response = client.post(
            f"/staff/bookings/{booked['reference']}/status",
            json={"status": "cancelled"},
            auth=STAFF,
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": "reason", "message": "Diese Angabe fehlt."}]

    def test_requires_login(self, client: TestClient, team: Team) -> None:
        response = client.post(
            "/staff/bookings/FL-AAAA-BBBB/status", json={"status": "cancelled", "reason": "xx"}
        )
        assert response.status_code == 401


def test_csv_export_in_german_with_formula_guard(client: TestClient, team: Team) -> None:
    contact = {"name": "=HYPERLINK(1)", "phone": "05451 123456", "email": "a@b.de"}
    booked = _book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c, contact=contact)

    response = client.get("/staff/bookings.csv", auth=STAFF)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Buchungsnummer", "Status", "Beginn", "Ende"]
    assert rows[1][:4] == [
        booked["reference"],
        "bestätigt",
        "Dienstag, 8. Dezember 2026, 09:00 Uhr",
        "Dienstag, 8. Dezember 2026, 10:00 Uhr",
    ]
    assert rows[1][9] == "'=HYPERLINK(1)"
    assert client.get("/staff/bookings.csv").status_code == 401


class TestAdmin:
    def test_staff_role_cannot_use_admin_endpoints(self, client: TestClient, team: Team) -> None:
        response = client.get("/admin/staff", auth=STAFF)
        assert response.status_code == 403
        assert response.json() == {
            "code": "admin_required",
            "message": "Dafür brauchen Sie Administrationsrechte.",
        }

    def test_admin_adds_and_deletes_windows(self, client: TestClient, team: Team) -> None:
        wednesday = datetime(2026, 12, 9, 9, 0, tzinfo=BERLIN)
        wed_slot = slot_id(wednesday, team.ja_a, team.jc_c)
        added = []
        for member in (team.ja_a, team.jc_c):
            response = client.post(
                f"/admin/staff/{member.id}/windows",
                json={"weekday": 2, "start": "09:00", "end": "10:00"},
                auth=ADMIN,
            )
            assert response.status_code == 201, response.text
            added.append(response.json()["id"])
        assert wed_slot in _slot_ids(client)

        assert client.delete(f"/admin/windows/{added[0]}", auth=ADMIN).status_code == 204
        assert wed_slot not in _slot_ids(client)
        listing = client.get("/admin/staff", auth=ADMIN).json()
        assert [w["weekday"] for w in listing[0]["windows"]] == [1]

    def test_window_must_end_after_start(self, client: TestClient, team: Team) -> None:
        response = client.post(
            f"/admin/staff/{team.ja_a.id}/windows",
            json={"weekday": 2, "start": "10:00", "end": "09:00"},
            auth=ADMIN,
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["message"] == (
            "Das Zeitfenster muss nach seinem Beginn enden."
        )

    def test_absence_removes_slots_and_reports_conflicts(
        self, client: TestClient, team: Team
    ) -> None:
        booked = _book(client, TUE_DEC_15_0900, team.ja_a, team.jc_c)
        response = client.post(
            f"/admin/staff/{team.ja_a.id}/absences",
            json={
                "start": "2026-12-08T00:00:00+01:00",
                "end": "2026-12-16T00:00:00+01:00",
                "note": "Urlaub",
            },
            auth=ADMIN,
        )

        assert response.status_code == 201, response.text
        assert response.json()["conflicting_bookings"] == [booked["reference"]]
        anna = f"-{team.ja_a.id}-"
        assert all(anna not in s for s in _slot_ids(client) if s < "20261216")
        wanted = {"slot_id": slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_d)}
        assert client.post("/holds", json=wanted).status_code == 422

        absence_id = response.json()["id"]
        assert client.delete(f"/admin/absences/{absence_id}", auth=ADMIN).status_code == 204
        assert client.post("/holds", json=wanted).status_code == 201


class TestHolidays:
    def test_easter_and_nrw_holidays(self) -> None:
        assert easter_sunday(2026) == date(2026, 4, 5)
        assert easter_sunday(2027) == date(2027, 3, 28)
        holidays = nrw_holidays(2026)
        assert holidays[date(2026, 4, 3)] == "Karfreitag"
        assert holidays[date(2026, 6, 4)] == "Fronleichnam"
        assert holidays[date(2026, 11, 1)] == "Allerheiligen"
        assert len(holidays) == 11
        assert not is_closed(date(2026, 12, 8))
        assert is_closed(date(2026, 12, 8), [date(2026, 12, 8)])

    def test_holiday_and_closed_day_remove_slots(
        self, client: TestClient, team: Team, settings: Settings, clock: FrozenClock
    ) -> None:
        # Tuesday, 29 December 2026 is no holiday; configure it as closed.
        settings.closed_days = [date(2026, 12, 29)]
        starts = {s.split("-")[0] for s in _slot_ids(client)}
        assert starts == {"20261208T0800Z", "20261215T0800Z", "20261222T0800Z"}
        # Christmas Day 2029 is a Tuesday.
        clock.now = datetime(2029, 12, 20, 10, 0, tzinfo=BERLIN)
        settings.closed_days = []
        starts = {s.split("-")[0] for s in _slot_ids(client)}
        assert "20291225T0800Z" not in starts
        assert "20300101T0800Z" not in starts  # Neujahr 2030 is a Tuesday too
        assert "20300108T0800Z" in starts
