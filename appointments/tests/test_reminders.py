"""Reminders before the meeting (two days before, the morning of the day) and staff agendas."""

import re
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from appointments.config import Settings
from appointments.outbox.models import OutboxMessage
from appointments.outbox.service import deliver_due
from appointments.reminders.service import plan_agendas, plan_reminders, set_agenda_subscription
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_team, slot_id

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
TUE_DEC_22_0900 = datetime(2026, 12, 22, 9, 0, tzinfo=BERLIN)
FAMILY = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    team.ja_a.email = "anna@example.org"
    team.jc_c.email = "carla@example.org"
    session.commit()
    return team


def _book(client: TestClient, team: Team, start: datetime) -> dict[str, Any]:
    slot = slot_id(start, team.ja_a, team.jc_c)
    response = client.post("/bookings", json=booking_payload(slot, contact=FAMILY))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def _plan(session: Session, settings: Settings, when: datetime) -> list[OutboxMessage]:
    return plan_reminders(session, settings, when)


def _sent_reminders(settings: Settings) -> list[EmailMessage]:
    found = []
    for path in sorted(settings.mail_dir.glob("*.eml")):
        message = cast(EmailMessage, message_from_bytes(path.read_bytes(), policy=policy.default))
        if str(message["Subject"]).startswith("Erinnerung"):
            found.append(message)
    return found


def _deliver(session: Session, settings: Settings) -> None:
    deliver_due(sessionmaker(bind=session.get_bind(), expire_on_commit=False), settings)


def test_two_days_before_and_the_morning_of_the_day(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    booked = _book(client, team, TUE_DEC_15_0900)
    two_days = TUE_DEC_15_0900 - timedelta(days=2)

    assert _plan(session, settings, two_days - timedelta(minutes=1)) == []
    assert [row.event for row in _plan(session, settings, two_days + timedelta(minutes=4))] == [
        "reminder"
    ]
    assert _plan(session, settings, two_days + timedelta(minutes=9)) == []  # only once
    assert _plan(session, settings, TUE_DEC_15_0900.replace(hour=6, minute=59)) == []
    assert len(_plan(session, settings, TUE_DEC_15_0900.replace(hour=7, minute=1))) == 1
    assert _plan(session, settings, TUE_DEC_15_0900 + timedelta(minutes=1)) == []
    _deliver(session, settings)

    first, morning = _sent_reminders(settings)
    assert (
        str(first["Subject"]) == "Erinnerung: Ihr Termin am Dienstag, 15. Dezember 2026, 09:00 Uhr"
    )
    assert str(first["To"]) == "Mira Beispiel <mira@example.org>"
    body = first.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "wir erinnern Sie an Ihren gemeinsamen Termin" in text
    assert "Bitte bringen Sie mit:" in text and "Briefe und Bescheide" in text
    assert f"Buchungsnummer: {booked['reference']}" in text
    calendars = [p for p in first.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    # The reminder's own manage link works, and differs from the morning one.
    links = [
        re.search(r"https?://\S+/termin/\S+", m.get_body().get_content()) for m in (first, morning)
    ]  # type: ignore[union-attr]
    tokens = [parse_qs(urlsplit(link.group(0)).query)["token"][0] for link in links if link]
    assert len(set(tokens)) == 2
    for token in tokens:
        seen = client.get(f"/bookings/{booked['reference']}", params={"token": token})
        assert seen.status_code == 200 and seen.json()["status"] == "confirmed"


def test_no_reminder_after_cancellation(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    booked = _book(client, team, TUE_DEC_15_0900)
    cancelled = client.post(
        f"/bookings/{booked['reference']}/cancel", params={"token": booked["manage_token"]}
    )
    assert cancelled.status_code == 200
    for when in (TUE_DEC_15_0900 - timedelta(days=2), TUE_DEC_15_0900.replace(hour=7)):
        assert _plan(session, settings, when + timedelta(minutes=1)) == []


def test_a_moved_booking_is_reminded_of_the_new_time_only(
    client: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    clock: FrozenClock,
) -> None:
    booked = _book(client, team, TUE_DEC_15_0900)
    reminded_at = TUE_DEC_15_0900 - timedelta(days=2, minutes=-5)
    assert len(_plan(session, settings, reminded_at)) == 1
    clock.now = reminded_at + timedelta(hours=1)
    moved = client.post(
        f"/bookings/{booked['reference']}/reschedule",
        params={"token": booked["manage_token"]},
        json={"slot_id": slot_id(TUE_DEC_22_0900, team.ja_a, team.jc_c)},
    )
    assert moved.status_code == 200, moved.text

    assert _plan(session, settings, TUE_DEC_15_0900.replace(hour=7, minute=5)) == []
    new_rows = _plan(session, settings, TUE_DEC_22_0900 - timedelta(days=2, minutes=-5))
    assert len(new_rows) == 1
    _deliver(session, settings)
    subjects = sorted(str(m["Subject"]) for m in _sent_reminders(settings))
    assert subjects == [
        "Erinnerung: Ihr Termin am Dienstag, 15. Dezember 2026, 09:00 Uhr",
        "Erinnerung: Ihr Termin am Dienstag, 22. Dezember 2026, 09:00 Uhr",
    ]


def test_no_late_reminder_that_was_due_before_the_booking(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    _book(client, team, TUE_DEC_8_0900)  # booked on Monday, 10:00, for Tuesday
    assert _plan(session, settings, TUE_DEC_8_0900.replace(hour=6)) == []  # 2 days: missed
    assert len(_plan(session, settings, TUE_DEC_8_0900.replace(hour=7, minute=3))) == 1


def test_reminder_offsets_are_configurable(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    settings.reminder_offsets = "90m"
    _book(client, team, TUE_DEC_15_0900)
    assert _plan(session, settings, TUE_DEC_15_0900 - timedelta(days=2, minutes=-1)) == []
    assert len(_plan(session, settings, TUE_DEC_15_0900 - timedelta(minutes=89))) == 1
    settings.reminder_offsets = ""
    assert _plan(session, settings, TUE_DEC_15_0900 - timedelta(minutes=30)) == []


@pytest.mark.parametrize("value", ["zwei Tage", "0d", "2d,2d", "2w"])
def test_bad_reminder_offsets_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        Settings(reminder_offsets=value)


def test_staff_agenda_only_for_those_who_opt_in_and_once_a_day(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    _book(client, team, TUE_DEC_15_0900)
    set_agenda_subscription(session, team.ja_a.id, True, TUE_DEC_8_0900)
    morning = TUE_DEC_15_0900.replace(hour=6, minute=2)

    assert plan_agendas(session, settings, morning - timedelta(hours=1)) == []  # before 06:00
    rows = plan_agendas(session, settings, morning)
    assert [(row.event, row.recipient_role) for row in rows] == [("agenda", "jugendamt")]
    assert plan_agendas(session, settings, morning + timedelta(hours=3)) == []  # once a day
    _deliver(session, settings)
    mails = [
        cast(EmailMessage, message_from_bytes(p.read_bytes(), policy=policy.default))
        for p in settings.mail_dir.glob("*.eml")
    ]
    [agenda] = [m for m in mails if str(m["Subject"]).startswith("Ihre Termine")]
    assert str(agenda["Subject"]) == "Ihre Termine am Dienstag, 15. Dezember 2026"
    assert str(agenda["To"]) == "Anna Test <anna@example.org>"
    text = agenda.get_body().get_content()  # type: ignore[union-attr]
    assert "09:00 Uhr bis 10:00 Uhr" in text
    assert "Mira" not in text and "05451" not in text  # no family data in the agenda

    set_agenda_subscription(session, team.ja_a.id, False, morning)
    assert plan_agendas(session, settings, morning + timedelta(days=7)) == []


def test_staff_turn_the_agenda_on_and_off_in_the_workspace(
    app: Any, team: Team, session: Session, settings: Settings
) -> None:
    from appointments.reminders.models import StaffAgendaSubscription
    from appointments.tests.factories import create_account
    from appointments.tests.workspace_support import PASSWORD, browser, post, sign_in

    create_account(session, "anna", PASSWORD, team.ja_a)
    session.commit()
    with browser(app) as web:
        sign_in(web, "anna")
        page = web.get("/arbeitsplatz/tagesuebersicht")
        assert page.status_code == 200 and "Tagesübersicht per E-Mail" in page.text
        assert 'value="aus" checked' in page.text
        saved = post(web, "/arbeitsplatz/tagesuebersicht", tagesuebersicht="an")
        assert saved.status_code == 303
        assert session.get(StaffAgendaSubscription, team.ja_a.id) is not None
        assert 'value="an" checked' in web.get("/arbeitsplatz/tagesuebersicht").text
        post(web, "/arbeitsplatz/tagesuebersicht", tagesuebersicht="aus")
        session.expire_all()
        assert session.get(StaffAgendaSubscription, team.ja_a.id) is None
        refused = web.post("/arbeitsplatz/tagesuebersicht", data={"tagesuebersicht": "an"})
        assert refused.status_code == 400  # no CSRF token: "the form has expired"
