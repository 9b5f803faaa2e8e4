"""The real worker process (Huey consumer on a SQLite queue) against a real SMTP server.

SMTP down while families book → the bookings stand, the mails arrive once the server is
up. A worker killed with mails pending (retrying, claimed, or never tried) → the next
worker delivers every one of them, none twice.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from appointments.config import Settings
from appointments.outbox.models import (
    STATUS_PENDING,
    STATUS_RETRYING,
    STATUS_SENDING,
    STATUS_SENT,
    OutboxMessage,
)
from appointments.outbox.service import claim, utc_now
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import Team, booking_payload, create_team, slot_id
from appointments.tests.outbox_support import free_port, smtp_server
from appointments.worker.queue import make_huey

ROOT = Path(__file__).resolve().parents[2]
TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
WAIT_SECONDS = 40
REDIS_URL = os.environ.get("FL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


class Worker:
    """`python -m appointments.worker` as `make run` starts it, with its log in a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "appointments.worker", "--workers", "2"],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        _wait(lambda: "worker.started" in self.text(), "worker start", self)

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)
        self.process = None


def _wait(done: Callable[[], bool], what: str, worker: Worker) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; worker log:\n{worker.text()[-3000:]}")
        time.sleep(0.2)


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    for member, address in (
        (team.ja_a, "anna@example.org"),
        (team.ja_b, "bernd@example.org"),
        (team.jc_c, "carla@example.org"),
        (team.jc_d, "dieter@example.org"),
    ):
        member.email = address
    session.commit()
    return team


def _redis_queue() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is unreachable: {type(exc).__name__}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture(params=["sqlite", "redis"])
def queue(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path) -> Iterator[str]:
    """The worker's queue as in `make run` (SQLite file) and the cluster profile (Redis)."""
    if request.param == "sqlite":
        settings.queue_url = f"sqlite:///{tmp_path / 'queue.db'}"
    else:
        settings.queue_url = _redis_queue()
    # Own name: other test runs may use the same Redis at the same time.
    settings.queue_name = f"test-{uuid.uuid4().hex[:12]}"
    yield request.param
    make_huey(settings.queue_url, settings.queue_name).flush()


@pytest.fixture
def smtp_port(settings: Settings, queue: str) -> int:
    """The API enqueues to the test queue; SMTP on a port where nobody listens yet."""
    settings.smtp_host, settings.smtp_port = "127.0.0.1", free_port()
    settings.smtp_security = "none"
    return settings.smtp_port


@pytest.fixture
def worker(
    settings: Settings, database_url: str, tmp_path: Path, smtp_port: int
) -> Iterator[Worker]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("APPOINTMENTS_")}
    env.pop("FL_ENV", None)
    env.update(
        APPOINTMENTS_ENVIRONMENT="test",
        APPOINTMENTS_DATABASE_URL=database_url,
        APPOINTMENTS_QUEUE_URL=settings.queue_url,
        APPOINTMENTS_QUEUE_NAME=settings.queue_name,
        APPOINTMENTS_SMTP_HOST="127.0.0.1",
        APPOINTMENTS_SMTP_PORT=str(smtp_port),
        APPOINTMENTS_SMTP_SECURITY="none",
        APPOINTMENTS_OUTBOX_RETRY_SECONDS="1",
        APPOINTMENTS_MAIL_DIR=str(tmp_path / "worker-mail"),
        PYTHONUNBUFFERED="1",
    )
    process = Worker(env, tmp_path / "worker.log")
    try:
        yield process
    finally:
        process.stop(signal.SIGKILL)


def _book(client: TestClient, ja: Any, jc: Any, email: str) -> None:
    contact = {
        "name": "Mira Beispiel",
        "phone": f"05451 {abs(hash(email)) % 10**6}",
        "email": email,
    }
    response = client.post(
        "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, ja, jc), contact=contact)
    )
    assert response.status_code == 201, response.text


def _statuses(session: Session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


def _message_ids(session: Session) -> set[str]:
    return set(session.scalars(select(OutboxMessage.message_id)))


def test_smtp_down_during_booking_mails_arrive_once_smtp_starts(
    client: TestClient, team: Team, session: Session, worker: Worker, smtp_port: int
) -> None:
    worker.start()
    started = time.monotonic()
    _book(client, team.ja_a, team.jc_c, "mira@example.org")
    assert time.monotonic() - started < 5  # the answer does not wait for the mail server

    _wait(lambda: _statuses(session) == [STATUS_RETRYING] * 3, "failed first attempts", worker)
    with smtp_server(smtp_port) as inbox:
        _wait(lambda: _statuses(session) == [STATUS_SENT] * 3, "delivery", worker)
        time.sleep(1.5)  # a duplicate would arrive now
    assert inbox.message_ids() == dict.fromkeys(_message_ids(session), 1)
    assert "mira@example.org" not in worker.text() and "Mira" not in worker.text()
    worker.stop()


def test_killed_worker_loses_no_mail_and_the_next_sends_none_twice(
    client: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    worker: Worker,
    smtp_port: int,
) -> None:
    worker.start()
    _book(client, team.ja_a, team.jc_c, "mira@example.org")
    _wait(lambda: _statuses(session) == [STATUS_RETRYING] * 3, "failed first attempts", worker)
    worker.stop(signal.SIGKILL)

    # Booked while no worker runs: the wake-up waits in the queue, the rows in the table.
    _book(client, team.ja_b, team.jc_d, "lena@example.org")
    # A worker that died between claiming a mail and sending it (its lease is over).
    factory = sessionmaker(bind=session.get_bind(), expire_on_commit=False)
    pending_id = session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.status == STATUS_PENDING)
    ).first()
    assert pending_id is not None
    with factory() as other:
        long_ago = utc_now() - timedelta(seconds=settings.outbox_lease_seconds + 60)
        assert claim(other, settings, pending_id, long_ago) is not None
    assert _statuses(session) == [STATUS_RETRYING] * 3 + [STATUS_SENDING] + [STATUS_PENDING] * 2

    with smtp_server(smtp_port) as inbox:
        worker.start()
        _wait(lambda: _statuses(session) == [STATUS_SENT] * 6, "delivery after restart", worker)
        time.sleep(2)  # the queued wake-up and the sweep may still run: nothing more arrives
    assert len(inbox.messages) == 6
    assert inbox.message_ids() == dict.fromkeys(_message_ids(session), 1)
    worker.stop()


def test_worker_refuses_unsafe_production_settings_with_one_message() -> None:
    env = {"PATH": os.environ.get("PATH", ""), "FL_ENV": "production"}
    done = subprocess.run(
        [sys.executable, "-m", "appointments.worker"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert "APPOINTMENTS_SMTP_HOST: nicht gesetzt" in done.stderr
    assert "Traceback" not in done.stderr
