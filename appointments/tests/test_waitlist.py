"""Waitlist: join with its own consent, free slots offered by mail, first to accept wins."""

import re
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.models import Booking, Hold
from appointments.config import Settings
from appointments.outbox.service import deliver_due
from appointments.tests.conftest import BERLIN, FROZEN_NOW, FrozenClock
from appointments.tests.factories import Team, create_account, create_team
from appointments.tests.workspace_support import PASSWORD, browser, sign_in
from appointments.waitlist.models import WaitlistEntry, WaitlistOffer
from appointments.waitlist.service import offer_free_slots

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
CONSENT = {"text_version": "warteliste-v1", "given_at": "2026-12-07T09:00:00Z", "channel": "chat"}


def _join(client: TestClient, name: str, email: str, **wishes: Any) -> dict[str, Any]:
    body = {
        "children_ages": [4, 7],
        "topics": [],
        "contact": {"name": name, "phone": "05451 123456", "email": email},
        "consent": CONSENT,
        **wishes,
    }
    response = client.post("/waitlist", json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    session.commit()
    return team


def _offer(session: Session, settings: Settings, now: datetime = FROZEN_NOW) -> int:
    rows = offer_free_slots(session, settings, now)
    deliver_due(sessionmaker(bind=session.get_bind(), expire_on_commit=False), settings)
    return len(rows)


def _mails_to(settings: Settings, address: str) -> list[EmailMessage]:
    found = []
    for path in sorted(settings.mail_dir.glob("*.eml")):
        message = cast(EmailMessage, message_from_bytes(path.read_bytes(), policy=policy.default))
        if address in str(message["To"]):
            found.append(message)
    return found


def _offer_link(message: EmailMessage) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    match = re.search(r"https?://[^/\s]+(/warteliste/angebot/\S+)", text)
    assert match, text
    return match.group(1)


def test_joining_needs_an_email_address_and_records_the_consent(
    client: TestClient, team: Team, session: Session
) -> None:
    joined = _join(client, "Mira Beispiel", "mira@example.org", preferred_weekdays=[1])
    assert joined["reference"].startswith("WL-") and joined["status"] == "waiting"
    entry = session.scalars(select(WaitlistEntry)).one()
    assert entry.consent_text_version == "warteliste-v1"
    assert entry.expires_at == FROZEN_NOW + timedelta(days=30)

    body = {"children_ages": [4], "contact": {"name": "Ohne Mail", "phone": "05451 1234"}}
    refused = client.post("/waitlist", json={**body, "consent": CONSENT})
    assert refused.status_code == 422
    assert client.post("/waitlist", json={**body, "contact": {"name": "X y"}}).status_code == 422


def test_free_slot_offered_first_to_accept_books_the_other_is_told(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    settings.waitlist_offer_count = 2
    _join(client, "Mira Beispiel", "mira@example.org", preferred_weekdays=[1])
    _join(client, "Lena Sommer", "lena@example.org", preferred_times=["morning"])
    _join(client, "Nur Freitag", "freitag@example.org", preferred_weekdays=[4])

    assert _offer(session, settings) == 2  # the first free Tuesday, to the two who fit
    assert _offer(session, settings) == 0  # nobody gets a second offer meanwhile
    [mira_offer] = _mails_to(settings, "mira@example.org")
    [lena_offer] = _mails_to(settings, "lena@example.org")
    assert _mails_to(settings, "freitag@example.org") == []
    assert str(mira_offer["Subject"]) == (
        "Ein freier Termin für Sie: Dienstag, 8. Dezember 2026, 09:00 Uhr"
    )

    page = client.get(_offer_link(lena_offer))
    assert page.status_code == 200 and "Termin verbindlich buchen" in page.text
    booked = client.post(_offer_link(lena_offer))
    assert booked.status_code == 200 and "Ihr gemeinsamer Termin ist gebucht." in booked.text
    booking = session.scalars(select(Booking)).one()
    assert booking.contact_name == "Lena Sommer" and booking.start_utc == TUE_DEC_8_0900
    assert booking.consent_text_version == "warteliste-v1"

    deliver_due(sessionmaker(bind=session.get_bind(), expire_on_commit=False), settings)
    subjects = [str(m["Subject"]) for m in _mails_to(settings, "mira@example.org")]
    assert "Der angebotene Termin ist vergeben" in subjects
    late = client.post(_offer_link(mira_offer))
    assert late.status_code == 409 and "schon vergeben" in late.text
    assert session.scalar(select(func.count()).select_from(Booking)) == 1

    # Mira waits again and is offered the next free Tuesday.
    assert _offer(session, settings) == 1
    assert len(_mails_to(settings, "mira@example.org")) == 3


def test_offers_and_entries_expire(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    _join(client, "Mira Beispiel", "mira@example.org")
    assert _offer(session, settings) == 1
    [offer] = _mails_to(settings, "mira@example.org")
    later = FROZEN_NOW + timedelta(minutes=settings.waitlist_offer_minutes + 1)
    assert _offer(session, settings, later) == 1  # the old offer lapsed: a new one is made
    gone = client.get(_offer_link(offer))
    assert gone.status_code == 404 and "gilt nicht mehr" in gone.text

    offer_free_slots(session, settings, FROZEN_NOW + timedelta(days=31))
    session.expire_all()
    entry = session.scalars(select(WaitlistEntry)).one()
    assert entry.status == "expired" and entry.contact_email is None
    assert entry.contact_name == "gelöscht"


def test_staff_see_the_waitlist_without_contact_data(
    app: FastAPI, client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    _join(client, "Mira Beispiel", "mira@example.org", preferred_weekdays=[1, 3],
          preferred_times=["morning"])  # fmt: skip
    with browser(app) as web:
        sign_in(web, "anna")
        page = web.get("/arbeitsplatz/warteliste")
    assert page.status_code == 200
    assert "Warteliste" in page.text and "Di, Do · vormittags" in page.text
    assert "wartet" in page.text and "4, 7" in page.text
    for secret in ("Mira", "mira@example.org", "05451"):
        assert secret not in page.text


def _open_offer(session: Session) -> WaitlistOffer:
    session.expire_all()
    return session.scalars(select(WaitlistOffer).where(WaitlistOffer.status == "open")).one()


def test_offered_slot_is_held_so_the_chat_cannot_book_it(
    client: TestClient, team: Team, session: Session, settings: Settings, clock: FrozenClock
) -> None:
    _join(client, "Mira Beispiel", "mira@example.org")
    assert _offer(session, settings) == 1
    offer = _open_offer(session)
    hold = session.get(Hold, offer.hold_id)
    assert hold is not None and hold.slot_id == offer.slot_id
    assert hold.expires_at == offer.expires_at  # held exactly as long as the offer lasts

    listed = [slot["id"] for slot in client.get("/slots", params={"limit": 20}).json()["slots"]]
    assert offer.slot_id not in listed
    assert client.post("/holds", json={"slot_id": offer.slot_id}).status_code == 409

    # A chat hold just before the offer ends is still refused; after it, the slot is free.
    clock.now = offer.expires_at - timedelta(minutes=1)
    assert client.post("/holds", json={"slot_id": offer.slot_id}).status_code == 409
    clock.now = offer.expires_at + timedelta(minutes=1)
    offer_free_slots(session, settings, clock.now)  # the worker's run ends the offer
    session.expire_all()
    assert session.get(WaitlistOffer, offer.id).status == "expired"  # type: ignore[union-attr]
    assert client.post("/holds", json={"slot_id": offer.slot_id}).status_code == 201


def test_first_confirmation_turns_the_hold_into_the_booking(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    settings.waitlist_offer_count = 2
    _join(client, "Mira Beispiel", "mira@example.org", conversation_language="uk")
    _join(client, "Lena Sommer", "lena@example.org")
    assert _offer(session, settings) == 2
    [mira_offer] = _mails_to(settings, "mira@example.org")
    hold_id = session.scalars(select(WaitlistOffer.hold_id)).first()

    assert client.post(_offer_link(mira_offer)).status_code == 200
    session.expire_all()
    booking = session.scalars(select(Booking)).one()
    hold = session.get(Hold, hold_id)
    assert hold is not None and hold.booking_id == booking.id
    # The languages recorded with the waitlist entry reach the booking.
    assert booking.conversation_language == "uk"
    [lena_offer] = [
        m for m in _mails_to(settings, "lena@example.org") if "freier" in str(m["Subject"])
    ]
    late = client.post(_offer_link(lena_offer))
    assert late.status_code == 409 and "schon vergeben" in late.text
    assert session.scalar(select(func.count()).select_from(Booking)) == 1
