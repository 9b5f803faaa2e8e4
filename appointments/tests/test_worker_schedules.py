"""Scheduled jobs of the worker: the retention purges run on Huey's schedule, log no data."""

import logging
import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.models import Booking
from appointments.callbacks.models import CallbackRequest
from appointments.config import Settings
from appointments.outbox.models import OutboxMessage
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_team, slot_id
from appointments.worker.schedules import purge_conversations
from appointments.worker.tasks import build_jobs

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
CONTACT = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    team.ja_a.email = "anna@example.org"
    session.commit()
    return team


def _callback(client: TestClient) -> None:
    body: dict[str, Any] = {
        "name": "Mira Beispiel",
        "phone": "05451 123456",
        "preferred_time": "vormittags",
        "children_ages": [4],
        "topics": [],
        "consent_version": "v1",
        "consent_given_at": "2026-12-07T09:00:00Z",
    }
    response = client.post("/callbacks", json=body)
    assert response.status_code == 201, response.text


def test_schedules_are_registered_with_their_times(settings: Settings, tmp_path: Path) -> None:
    settings.queue_url = f"sqlite:///{tmp_path / 'queue.db'}"
    jobs = build_jobs(settings)
    hourly = jobs.schedules["purge_conversations_hourly"].s()
    daily = jobs.schedules["purge_records_daily"].s()
    at = datetime(2026, 12, 9, 2, 23)
    assert daily.validate_datetime(at) and not daily.validate_datetime(at.replace(hour=3))
    assert hourly.validate_datetime(at.replace(minute=7))
    assert not hourly.validate_datetime(at.replace(minute=8))
    assert jobs.sweep.s().validate_datetime(at)  # every minute


def test_daily_purge_task_erases_what_is_past_retention(
    client: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    response = client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c), contact=CONTACT),
    )
    assert response.status_code == 201
    _callback(client)
    old_mail = settings.mail_dir / "alt.eml"
    old_mail.write_text("Mira")
    week_ago = time.time() - 8 * 86400
    os.utime(old_mail, (week_ago, week_ago))
    settings.queue_url = f"sqlite:///{settings.mail_dir.parent / 'queue.db'}"
    later = FrozenClock(TUE_DEC_8_0900 + timedelta(days=settings.retention_days, hours=2))
    factory = sessionmaker(bind=session.get_bind(), expire_on_commit=False)
    jobs = build_jobs(settings, factory, later)
    jobs.huey.immediate = True  # run the task body here, as the consumer would

    jobs.schedules["purge_records_daily"]()

    session.expire_all()
    booking = session.scalars(select(Booking)).one()
    assert booking.contact_name == "gelöscht" and booking.contact_email is None
    assert session.scalars(select(CallbackRequest)).one().contact_phone is None
    assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert not old_mail.exists()
    assert "retention.daily bookings=1 callbacks=1 mail_files=" in caplog.text
    assert "waitlist=0" in caplog.text
    for secret in ("Mira", "05451", "mira@example.org"):
        assert secret not in caplog.text


def test_conversation_purge_without_bot_environment_is_skipped_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert purge_conversations(tmp_path / "keine-bot-umgebung" / "python") is None
    assert "retention.conversations_skipped reason=no_bot_environment" in caplog.text


def test_conversation_purge_reports_the_exit_code(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\ntest \"$1 $2\" = '-m bot.privacy.purge' && exit 0\nexit 5\n")
    fake.chmod(0o755)
    assert purge_conversations(fake) == 0
    assert "retention.conversations_purged exit_code=0" in caplog.text
