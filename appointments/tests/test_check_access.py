"""Family access by reference + check (last 4 phone digits or e-mail), with a lockout."""

import logging
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking, Occupancy
from appointments.config import Settings
from appointments.tests.conftest import BERLIN, FROZEN_NOW, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_team, slot_id

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
NOT_FOUND = {
    "code": "booking_not_found",
    "message": "Wir haben keine Buchung zu diesen Angaben gefunden. Bitte prüfen Sie die "
    "Buchungsnummer und die letzten vier Ziffern Ihrer Telefonnummer oder Ihre "
    "E-Mail-Adresse.",
}
TOO_MANY = {
    "code": "too_many_attempts",
    "message": "Zu viele Versuche. Bitte versuchen Sie es später noch einmal. Sie können den "
    "Termin auch über den Link in Ihrer Bestätigungs-E-Mail ändern oder uns anrufen.",
}


@pytest.fixture
def team(session: Session) -> Team:
    """Two people per agency, free on Tuesdays 09:00–10:00."""
    return create_team(session)


def _book(client: TestClient, team: Team, contact: dict[str, Any]) -> str:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    response = client.post("/bookings", json=booking_payload(slot, contact=contact))
    assert response.status_code == 201, response.text
    reference: str = response.json()["reference"]
    return reference


@pytest.fixture
def reference(client: TestClient, team: Team) -> str:
    """A booking with phone and e-mail on Tuesday, 8 December, 09:00."""
    contact = {"name": "Mira Beispiel", "phone": "05451 12-3456", "email": "Mira@Example.org"}
    return _book(client, team, contact)


def _check(client: TestClient, reference: str, check: str) -> Any:
    return client.post(f"/bookings/{reference}/check", json={"check": check})


def _stored(session: Session) -> Booking:
    session.expire_all()
    return session.scalars(select(Booking)).one()


class TestCheck:
    @pytest.mark.parametrize(
        "check",
        ["3456", " 34 56 ", "34-56", "mira@example.org", "  MIRA@EXAMPLE.ORG "],
    )
    def test_fitting_check_shows_booking(
        self, client: TestClient, reference: str, check: str
    ) -> None:
        response = _check(client, reference, check)

        assert response.status_code == 200, response.text
        body = response.json()
        assert body["reference"] == reference
        assert body["status"] == "confirmed"
        assert body["start"] == "2026-12-08T08:00:00+00:00"
        assert "manage_token" not in body
        # Four digits are a weak secret: the answer names no contact data and no children.
        assert "contact" not in body and "children_ages" not in body
        assert "Mira" not in response.text and "12-3456" not in response.text

    def test_reference_is_case_insensitive(self, client: TestClient, reference: str) -> None:
        assert _check(client, f" {reference.lower()} ", "3456").status_code == 200

    def test_phone_only_booking_accepts_digits(self, client: TestClient, team: Team) -> None:
        reference = _book(client, team, {"name": "Mira Beispiel", "phone": "+49 5451 987654"})
        assert _check(client, reference, "7654").status_code == 200
        assert _check(client, reference, "mira@example.org").status_code == 404

    def test_email_only_booking_accepts_email(self, client: TestClient, team: Team) -> None:
        reference = _book(client, team, {"name": "Mira Beispiel", "email": "mira@example.org"})
        assert _check(client, reference, "mira@example.org").status_code == 200
        assert _check(client, reference, "0000").status_code == 404

    @pytest.mark.parametrize(
        "check",
        ["1234", "123456", "3456789", "05451123456", "456", "anna@example.org", "mira@example"],
    )
    def test_wrong_check_is_same_404_as_unknown_reference(
        self, client: TestClient, reference: str, check: str
    ) -> None:
        wrong = _check(client, reference, check)
        unknown = _check(client, "FL-AAAA-BBBB", "3456")

        assert wrong.status_code == unknown.status_code == 404
        assert wrong.json() == unknown.json() == NOT_FOUND

    @pytest.mark.parametrize("body", [{}, {"check": ""}, {"check": "   "}, {"check": "x" * 255}])
    def test_invalid_body_is_422_and_not_counted(
        self, client: TestClient, reference: str, session: Session, body: dict[str, Any]
    ) -> None:
        response = client.post(f"/bookings/{reference}/check", json=body)
        assert response.status_code == 422
        assert _stored(session).check_failures == 0

    def test_logs_hold_no_personal_data(
        self, client: TestClient, reference: str, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.INFO)
        _check(client, reference, "mira@example.com")
        _check(client, reference, "9999")
        assert "booking.check.failed" in caplog.text
        assert "mira" not in caplog.text.lower() and "9999" not in caplog.text


class TestLockout:
    def _fail(self, client: TestClient, reference: str, times: int) -> None:
        for _ in range(times):
            assert _check(client, reference, "0000").status_code == 404

    def test_five_failures_lock_even_the_right_check(
        self, client: TestClient, reference: str, session: Session
    ) -> None:
        self._fail(client, reference, 5)

        response = _check(client, reference, "3456")

        assert response.status_code == 429
        assert response.json() == TOO_MANY
        assert response.headers["Retry-After"] == "3600"
        stored = _stored(session)
        assert stored.check_failures == 5
        assert stored.check_locked_until == FROZEN_NOW + timedelta(minutes=60)

    def test_lock_blocks_cancel_and_reschedule(
        self, client: TestClient, reference: str, team: Team, session: Session
    ) -> None:
        self._fail(client, reference, 5)
        cancel = client.post(f"/bookings/{reference}/check/cancel", json={"check": "3456"})
        new = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)
        moved = client.post(
            f"/bookings/{reference}/check/reschedule", json={"check": "3456", "slot_id": new}
        )
        assert cancel.status_code == moved.status_code == 429
        assert _stored(session).status == "confirmed"

    def test_lock_ends_after_60_minutes(
        self, client: TestClient, reference: str, clock: FrozenClock, session: Session
    ) -> None:
        self._fail(client, reference, 5)
        clock.now = FROZEN_NOW + timedelta(minutes=59, seconds=59)
        assert _check(client, reference, "3456").status_code == 429

        clock.now = FROZEN_NOW + timedelta(minutes=60)
        assert _check(client, reference, "3456").status_code == 200
        stored = _stored(session)
        assert stored.check_failures == 0 and stored.check_locked_until is None

    def test_after_the_lock_a_new_budget_of_five(
        self, client: TestClient, reference: str, clock: FrozenClock
    ) -> None:
        self._fail(client, reference, 5)
        clock.now = FROZEN_NOW + timedelta(minutes=61)
        self._fail(client, reference, 4)
        assert _check(client, reference, "3456").status_code == 200

    def test_each_further_lock_lasts_twice_as_long(
        self, client: TestClient, reference: str, clock: FrozenClock, session: Session
    ) -> None:
        self._fail(client, reference, 5)
        clock.now = FROZEN_NOW + timedelta(minutes=61)
        self._fail(client, reference, 5)

        assert _stored(session).check_locked_until == clock.now + timedelta(hours=2)
        clock.now += timedelta(hours=1, minutes=59)
        assert _check(client, reference, "3456").status_code == 429
        clock.now += timedelta(minutes=2)
        assert _check(client, reference, "3456").status_code == 200

    def test_success_resets_the_counter(
        self, client: TestClient, reference: str, session: Session
    ) -> None:
        self._fail(client, reference, 4)
        assert _stored(session).check_failures == 4

        assert _check(client, reference, "mira@example.org").status_code == 200
        assert _stored(session).check_failures == 0
        self._fail(client, reference, 4)
        assert _check(client, reference, "3456").status_code == 200

    def test_failures_count_per_booking(
        self, client: TestClient, reference: str, team: Team
    ) -> None:
        other = client.post(
            "/bookings",
            json=booking_payload(
                slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d),
                contact={"name": "Olga Beispiel", "phone": "0171 998877"},
            ),
        ).json()["reference"]
        self._fail(client, reference, 5)
        assert _check(client, other, "8877").status_code == 200


def _mail_subjects(settings: Settings) -> list[str]:
    files = sorted(settings.mail_dir.glob("*.eml"))
    return [
        str(message_from_bytes(f.read_bytes(), policy=policy.default)["Subject"]) for f in files
    ]


def _slot_ids(client: TestClient) -> list[str]:
    return [slot["id"] for slot in client.get("/slots", params={"limit": 20}).json()["slots"]]


class TestCancelByCheck:
    def test_cancel_frees_slot_and_mails(
        self,
        client: TestClient,
        reference: str,
        team: Team,
        session: Session,
        settings: Settings,
    ) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        mails_before = len(_mail_subjects(settings))
        assert slot not in _slot_ids(client)

        response = client.post(f"/bookings/{reference}/check/cancel", json={"check": "3456"})

        assert response.status_code == 200, response.text
        assert response.json()["status"] == "cancelled"
        assert session.scalars(select(Occupancy)).all() == []
        stored = _stored(session)
        assert stored.status_reason == "Von der Familie abgesagt"
        assert slot in _slot_ids(client)
        assert len(_mail_subjects(settings)) > mails_before

    def test_cancel_mail_has_no_manage_link(
        self, client: TestClient, reference: str, settings: Settings
    ) -> None:
        before = set(settings.mail_dir.glob("*.eml"))
        client.post(f"/bookings/{reference}/check/cancel", json={"check": "mira@example.org"})
        new = set(settings.mail_dir.glob("*.eml")) - before
        assert new
        for path in new:
            assert "token=" not in path.read_text(errors="replace")

    def test_wrong_check_changes_nothing(
        self, client: TestClient, reference: str, session: Session
    ) -> None:
        response = client.post(f"/bookings/{reference}/check/cancel", json={"check": "1111"})
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        stored = _stored(session)
        assert stored.status == "confirmed" and stored.check_failures == 1

    def test_cancel_twice_is_409(self, client: TestClient, reference: str) -> None:
        url = f"/bookings/{reference}/check/cancel"
        client.post(url, json={"check": "3456"})
        response = client.post(url, json={"check": "3456"})
        assert response.status_code == 409
        assert response.json()["code"] == "booking_not_changeable"


class TestRescheduleByCheck:
    def test_reschedule_moves_booking(
        self,
        client: TestClient,
        reference: str,
        team: Team,
        session: Session,
        settings: Settings,
    ) -> None:
        old = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        new = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)
        mails_before = len(_mail_subjects(settings))

        response = client.post(
            f"/bookings/{reference}/check/reschedule", json={"check": "3456", "slot_id": new}
        )

        assert response.status_code == 200, response.text
        assert response.json()["start"] == "2026-12-15T08:00:00+00:00"
        offered = _slot_ids(client)
        assert old in offered and new not in offered
        session.expire_all()
        occupied = {(o.staff_id, o.start_utc) for o in session.scalars(select(Occupancy))}
        assert occupied == {(team.ja_b.id, TUE_DEC_15_0900), (team.jc_d.id, TUE_DEC_15_0900)}
        assert _stored(session).sequence == 1
        assert len(_mail_subjects(settings)) > mails_before

    def test_reschedule_to_taken_slot_is_409(
        self, client: TestClient, reference: str, team: Team, session: Session
    ) -> None:
        taken = slot_id(TUE_DEC_15_0900, team.ja_a, team.jc_d)
        assert client.post("/bookings", json=booking_payload(taken)).status_code == 201

        response = client.post(
            f"/bookings/{reference}/check/reschedule",
            json={"check": "3456", "slot_id": slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)},
        )

        assert response.status_code == 409
        assert response.json()["code"] == "slot_taken"
        assert _stored_by_reference(session, reference).start_utc == TUE_DEC_8_0900

    def test_reschedule_needs_slot_id(self, client: TestClient, reference: str) -> None:
        response = client.post(f"/bookings/{reference}/check/reschedule", json={"check": "3456"})
        assert response.status_code == 422


def _stored_by_reference(session: Session, reference: str) -> Booking:
    session.expire_all()
    return session.scalars(select(Booking).where(Booking.reference == reference)).one()
