"""Outbox: mails are stored with the change, survive a dead SMTP server and go out once."""

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.models import Booking
from appointments.bookings.retention import forget
from appointments.config import Settings
from appointments.outbox.models import (
    STATUS_FAILED,
    STATUS_RETRYING,
    STATUS_SENDING,
    STATUS_SENT,
    OutboxMessage,
)
from appointments.outbox.service import backoff_seconds, claim, deliver_due, deliver_one, utc_now
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import (
    Team,
    booking_payload,
    create_account,
    create_team,
    slot_id,
)
from appointments.tests.outbox_support import free_port, smtp_server
from appointments.tests.workspace_support import PASSWORD, browser, sign_in

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
FAMILY = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    team.ja_a.email = "anna@example.org"
    team.jc_c.email = "carla@example.org"
    create_account(session, "anna", PASSWORD, team.ja_a)
    session.commit()
    return team


@pytest.fixture
def smtp_down(settings: Settings) -> int:
    """Point the settings at a port where no SMTP server listens (yet)."""
    settings.smtp_host, settings.smtp_port = "127.0.0.1", free_port()
    settings.smtp_security = "none"
    settings.outbox_retry_seconds = 1
    return settings.smtp_port


@pytest.fixture
def factory(session: Session) -> sessionmaker[Session]:
    return sessionmaker(bind=session.get_bind(), expire_on_commit=False)


def _book(client: TestClient, team: Team, **overrides: Any) -> dict[str, Any]:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    body = booking_payload(slot, contact=FAMILY, **overrides)
    response = client.post("/bookings", json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def _rows(session: Session) -> list[OutboxMessage]:
    session.expire_all()
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _later(seconds: float) -> Any:
    return lambda: utc_now() + timedelta(seconds=seconds)


def test_smtp_down_booking_succeeds_and_mails_go_out_once_smtp_is_back(
    client: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    smtp_down: int,
    factory: sessionmaker[Session],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    booked = _book(client, team)

    assert booked["status"] == "confirmed"
    rows = _rows(session)
    assert [row.recipient_role for row in rows] == ["jugendamt", "jobcenter", "family"]
    assert {row.status for row in rows} == {STATUS_RETRYING}
    assert all(row.attempts == 1 and row.last_error == "ConnectionRefusedError" for row in rows)
    for secret in ("mira@example.org", "Mira", "anna@example.org", "05451"):
        assert secret not in caplog.text

    with smtp_server(smtp_down) as inbox:
        counts = deliver_due(factory, settings, _later(5))
        assert counts == {STATUS_SENT: 3}
        assert deliver_due(factory, settings, _later(60)) == {}  # nothing due any more

    rows = _rows(session)
    assert {row.status for row in rows} == {STATUS_SENT}
    assert all(row.payload is None for row in rows)  # personal data left with the mail
    assert inbox.message_ids() == {row.message_id: 1 for row in rows}
    recipients = sorted(str(message["To"]) for message in inbox.messages)
    assert recipients == [
        "Anna Test <anna@example.org>",
        "Carla Test <carla@example.org>",
        "Mira Beispiel <mira@example.org>",
    ]


def test_retries_back_off_and_end_as_failed(
    client: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    smtp_down: int,
    factory: sessionmaker[Session],
) -> None:
    settings.outbox_max_attempts = 3
    _book(client, team)
    first = _rows(session)[0]
    assert first.next_attempt_at - first.updated_at == timedelta(seconds=1)

    assert deliver_due(factory, settings, _later(0.5)) == {}  # not due yet
    assert deliver_due(factory, settings, _later(1.5)) == {STATUS_RETRYING: 3}
    second = _rows(session)[0]
    assert second.attempts == 2
    assert second.next_attempt_at - second.updated_at == timedelta(seconds=2)
    assert deliver_due(factory, settings, _later(10)) == {STATUS_FAILED: 3}

    rows = _rows(session)
    assert all(row.status == STATUS_FAILED and row.payload is None for row in rows)
    assert deliver_due(factory, settings, _later(3600)) == {}


def test_backoff_doubles_and_is_capped(settings: Settings) -> None:
    settings.outbox_retry_seconds = 60
    assert [backoff_seconds(settings, n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff_seconds(settings, 30) == 6 * 3600


def test_a_claim_is_exclusive_and_a_dead_workers_claim_is_taken_over(
    client: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    smtp_down: int,
    factory: sessionmaker[Session],
) -> None:
    settings.queue_url = "sqlite:///" + str(settings.mail_dir.parent / "queue.db")
    _book(client, team)  # a queue but no worker: the rows wait
    row = _rows(session)[0]
    now = utc_now()
    with factory() as one, factory() as two:
        dead = claim(one, settings, row.id, now)
        assert dead is not None
        assert claim(two, settings, row.id, now) is None  # held by the first worker
    assert _rows(session)[0].status == STATUS_SENDING

    with smtp_server(smtp_down) as inbox:
        # Before the lease runs out nobody else may send it …
        assert deliver_one(factory, settings, row.id, _later(10)) is None
        # … afterwards the next worker does, and the dead one can no longer mark it.
        lease_over = _later(settings.outbox_lease_seconds + 1)
        attempt = deliver_one(factory, settings, row.id, lease_over)
        assert attempt is not None and attempt.status == STATUS_SENT
    assert inbox.message_ids() == {row.message_id: 1}
    assert _rows(session)[0].attempts == 2


def test_lost_slot_race_writes_no_mail(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    _book(client, team)
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    other = {**FAMILY, "phone": "05451 999999", "email": "zweite@example.org"}
    again = client.post("/bookings", json=booking_payload(slot, contact=other))
    assert again.status_code == 409
    assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 3


def test_staff_name_with_line_break_neither_fails_the_booking_nor_forges_a_header(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    team.ja_a.name = "Anna Test\r\nBcc: fremd@example.org"
    session.commit()
    booked = _book(client, team)
    assert booked["status"] == "confirmed"
    mails = sorted(settings.mail_dir.glob("*.eml"))
    assert len(mails) == 3
    for path in mails:
        headers = path.read_bytes().split(b"\n\n", 1)[0]
        assert b"\nBcc:" not in headers.replace(b"\r\n", b"\n")


def test_family_name_with_line_break_is_refused_before_anything_is_stored(
    client: TestClient, team: Team, session: Session
) -> None:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    contact = {**FAMILY, "name": "Mira\nBcc: fremd@example.org"}
    response = client.post("/bookings", json=booking_payload(slot, contact=contact))
    assert response.status_code == 422
    assert session.scalar(select(func.count()).select_from(Booking)) == 0
    assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_cancel_mails_are_stored_with_the_change(
    client: TestClient, team: Team, session: Session
) -> None:
    booked = _book(client, team)
    reference, token = booked["reference"], booked["manage_token"]
    response = client.post(f"/bookings/{reference}/cancel", params={"token": token})
    assert response.status_code == 200, response.text
    events = [(row.event, row.status) for row in _rows(session)]
    assert events == [("booked", STATUS_SENT)] * 3 + [("cancelled", STATUS_SENT)] * 3


def test_forget_erases_unsent_mails(
    client: TestClient, team: Team, session: Session, settings: Settings, smtp_down: int
) -> None:
    booked = _book(client, team)
    forget(session, booked["reference"], utc_now())
    rows = _rows(session)
    assert all(row.payload is None and row.status == STATUS_FAILED for row in rows)


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    with browser(app) as client:
        yield client


def test_staff_see_the_delivery_state_in_german(
    client: TestClient,
    web: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    smtp_down: int,
    factory: sessionmaker[Session],
) -> None:
    booked = _book(client, team)
    sign_in(web, "anna")
    page = web.get(f"/arbeitsplatz/termine/{booked['reference']}").text
    assert "E-Mail-Versand" in page
    assert page.count("wird erneut versucht") == 3
    assert "Familie" in page and "mira@example.org</td>" not in page

    settings.outbox_max_attempts = 2  # the next attempt is the last one
    deliver_due(factory, settings, _later(5))
    page = web.get(f"/arbeitsplatz/termine/{booked['reference']}").text
    assert page.count("fehlgeschlagen") == 3
    assert "Bitte informieren Sie die Familie telefonisch." in page

    session.execute(OutboxMessage.__table__.update().values(status=STATUS_SENT, sent_at=utc_now()))
    session.commit()
    page = web.get(f"/arbeitsplatz/termine/{booked['reference']}").text
    assert page.count("versendet") == 3
