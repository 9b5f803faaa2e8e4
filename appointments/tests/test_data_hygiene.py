"""Door 9: personal data stays out of logs, files and spreadsheets; names stay on one line."""

import logging
import os
import socket
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.models import Booking
from appointments.callbacks.models import CallbackRequest
from appointments.config import Settings
from appointments.main import create_app
from appointments.notify import mailer
from appointments.outbox.models import STATUS_RETRYING, OutboxMessage
from appointments.outbox.service import deliver_one
from appointments.staff.csv_export import to_csv
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_account, create_team, slot_id

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
LINE_BREAK = "Bitte schreiben Sie diese Angabe in eine Zeile, ohne Zeilenumbruch."
CALLBACK = {
    "name": "Mira Beispiel",
    "phone": "05451 123456",
    "consent_version": "2026-11-01",
    "consent_given_at": "2026-12-07T09:55:00+01:00",
}


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    create_account(session, "chefin", "richtig-geheim", None, role="admin")
    session.commit()
    return team


def _count(session: Session, model: Any) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("name", ["Mira\r\nBcc: alle@example.org", "Mira\nBeispiel", "Mira\u2028B"])
def test_a_line_break_in_a_name_is_refused_before_anything_is_stored(
    client: TestClient, team: Team, session: Session, name: str
) -> None:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    booking = client.post(
        "/bookings", json=booking_payload(slot, contact={"name": name, "phone": "05451 1234"})
    )
    callback = client.post("/callbacks", json={**CALLBACK, "name": name})

    for response, field in ((booking, "contact.name"), (callback, "name")):
        assert response.status_code == 422
        assert {"field": field, "message": LINE_BREAK} in response.json()["errors"]
    assert _count(session, Booking) == 0 and _count(session, CallbackRequest) == 0


def test_only_known_topic_codes_are_stored(
    client: TestClient, team: Team, session: Session
) -> None:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    topics = ["=HYPERLINK(1)", "buergergeld", "kita", "buergergeld", "schulden"]
    booked = client.post("/bookings", json=booking_payload(slot, topics=topics))
    callback = client.post("/callbacks", json={**CALLBACK, "topics": ["@x", "erziehung"]})
    assert booked.status_code == callback.status_code == 201
    session.expire_all()
    assert session.scalars(select(Booking)).one().topics == ["buergergeld", "schulden"]
    assert session.scalars(select(CallbackRequest)).one().topics == ["erziehung"]


def test_csv_cells_are_neutralised_against_formulas(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    booked = client.post(
        "/bookings",
        json=booking_payload(
            slot,
            contact={"name": "+Mira", "phone": "05451 1234", "email": "=1+1@example.org"},
            note="-2+3 bitte",
            language="@SUM(A1)",
        ),
    )
    assert booked.status_code == 201, booked.text
    stored = session.scalars(select(Booking)).one()
    stored.location = "\tversteckt"
    stored.status_reason = "\r=cmd"
    session.commit()
    session.expire_all()

    text = to_csv(list(session.scalars(select(Booking))), settings)
    cells = text.split("\r\n")[1].split(";")

    for value in ("'+Mira", "'=1+1@example.org", "'-2+3 bitte", "'@SUM(A1)", "'\tversteckt"):
        assert value in cells
    assert '"\'\r=cmd"' in text  # quoted because of the CR, and neutralised
    assert not any(cell[:1] in {"=", "+", "-", "@", "\t", "\r"} for cell in cells)
    api = client.get("/staff/bookings.csv", auth=("chefin", "richtig-geheim")).text
    assert "'+Mira" in api


def test_engines_hide_parameters(engine: Engine, session: Session, team: Team) -> None:
    assert engine.hide_parameters is True
    for name in ("Mira Geheim", "Mira Geheim"):
        session.add(
            Booking(
                reference="FL-SAME-SAME",
                status="confirmed",
                start_utc=TUE_DEC_8_0900,
                end_utc=TUE_DEC_15_0900,
                jugendamt_staff=team.ja_a,
                jobcenter_staff=team.jc_c,
                location="x",
                children_ages=[],
                topics=[],
                contact_name=name,
                consent_text_version="v",
                consent_given_at=TUE_DEC_8_0900,
                consent_channel="chat",
                created_at=TUE_DEC_8_0900,
                sequence=0,
            )
        )
        try:
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            assert "Mira Geheim" not in str(exc)
            assert "hidden due to hide_parameters" in str(exc)
            return
    raise AssertionError("the duplicate reference was not refused")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_a_server_error_logs_no_traceback_and_no_personal_data(
    settings: Settings, team: Team, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_clock() -> datetime:
        raise RuntimeError("Mira Beispiel, 0171 2345678, mira@example.org")

    app = create_app(settings, clock=broken_clock)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_config=None, access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    caplog.set_level(logging.INFO)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{server.config.port}/bookings"
        response = httpx.post(
            url,
            json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)),
            headers={"Authorization": "Bearer entwicklung-dienst-nur-lokal"},
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)

    assert response.status_code == 500
    assert any(r.levelno >= logging.ERROR for r in caplog.records)
    assert "Exception in ASGI application" in caplog.text
    for secret in ("Mira", "0171", "mira@example.org", "Traceback"):
        assert secret not in caplog.text
    assert all(record.exc_info is None for record in caplog.records)


def test_eml_files_only_outside_production(
    client: TestClient, team: Team, session: Session, settings: Settings, tmp_path: Path
) -> None:
    contact = {"name": "Mira", "phone": "05451 1234", "email": "mira@example.org"}
    client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c), contact=contact),
    )
    assert list(settings.mail_dir.glob("*.eml"))  # development/test: files for reading
    production = settings.model_copy(
        update={"environment": "production", "mail_dir": tmp_path / "prod-mail"}
    )
    booking = session.scalars(select(Booking)).one()
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.booking_id == booking.id))
    row = rows.first()
    assert row is not None
    session.execute(update(OutboxMessage).values(status="pending", payload=b"Subject: x\n\nx"))
    session.commit()

    factory = sessionmaker(bind=session.get_bind(), expire_on_commit=False)
    attempt = deliver_one(factory, production, row.id)
    assert attempt is not None and attempt.status == STATUS_RETRYING
    assert not (tmp_path / "prod-mail").exists()


def test_purge_deletes_old_eml_files(tmp_path: Path) -> None:
    old, new = tmp_path / "alt.eml", tmp_path / "neu.eml"
    old.write_text("Mira"), new.write_text("Mira")
    week_ago = time.time() - (mailer.MAIL_FILE_DAYS + 1) * 86400
    os.utime(old, (week_ago, week_ago))

    assert mailer.purge_mail_files(tmp_path) == 1
    assert not old.exists() and new.exists()


def test_cli_purge_removes_mail_files(settings: Settings, engine: Engine) -> None:
    from appointments.cli import main

    settings.mail_dir.mkdir(parents=True, exist_ok=True)
    stale = settings.mail_dir / "alt.eml"
    stale.write_text("Mira")
    week_ago = time.time() - (mailer.MAIL_FILE_DAYS + 1) * 86400
    os.utime(stale, (week_ago, week_ago))
    assert main(["purge"], settings=settings, clock=FrozenClock()) == 0
    assert not stale.exists()
