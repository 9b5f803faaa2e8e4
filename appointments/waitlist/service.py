"""Join the waitlist, offer free joint slots to fitting families, accept an offer.

The worker calls `offer_free_slots` every few minutes: a slot freed by a cancellation or
opened by new availability is offered by mail to the first fitting families (oldest
first); each link holds the offer for `waitlist_offer_minutes`. The first to accept gets
the booking (the database decides, as for every booking); the others are told.
"""

import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.availability.exceptions import SlotNotFoundError, SlotUnavailableError
from appointments.availability.joint_slot import JointSlot
from appointments.availability.service import list_joint_slots
from appointments.bookings.exceptions import (
    HoldExpiredError,
    HoldNotFoundError,
    HoldUsedError,
    SlotTakenError,
)
from appointments.bookings.holds import confirm_hold, create_hold, release_hold
from appointments.bookings.models import Booking
from appointments.bookings.reference import new_reference
from appointments.bookings.schemas import BookingCreate, BookingDetails
from appointments.bookings.service import create_booking
from appointments.bookings.tokens import hash_token
from appointments.config import Settings
from appointments.errors import AppointmentsError
from appointments.notify.service import build_message
from appointments.outbox.dispatch import wake_worker
from appointments.outbox.models import ROLE_FAMILY, OutboxMessage
from appointments.outbox.service import add_mail
from appointments.waitlist.models import (
    ENTRY_BOOKED,
    ENTRY_EXPIRED,
    ENTRY_OFFERED,
    ENTRY_WAITING,
    OFFER_ACCEPTED,
    OFFER_EXPIRED,
    OFFER_OPEN,
    OFFER_TAKEN,
    WaitlistEntry,
    WaitlistOffer,
)
from appointments.waitlist.schemas import WaitlistCreate
from appointments.waitlist.texts import offer_mail, taken_mail

logger = logging.getLogger(__name__)

REFERENCE_PREFIX = "WL"
ERASED_NAME = "gelöscht"
# How many upcoming joint slots one run looks at.
SLOT_SCAN_LIMIT = 60
EVENT_OFFER = "waitlist_offer"
EVENT_TAKEN = "waitlist_taken"


class OfferUnavailableError(AppointmentsError):
    """The offer link is unknown, expired or already used."""

    def __init__(self) -> None:
        super().__init__(
            "Dieses Angebot gilt nicht mehr. Sie bleiben auf der Warteliste, bis ein anderer "
            "Termin frei wird.",
            404,
            "waitlist_offer_unavailable",
        )


class OfferTakenError(AppointmentsError):
    """Another family accepted the same slot first."""

    def __init__(self) -> None:
        super().__init__(
            "Dieser Termin ist leider schon vergeben. Sie bleiben auf der Warteliste und "
            "bekommen eine E-Mail, wenn wieder ein Termin frei wird.",
            409,
            "waitlist_offer_taken",
        )


def join(
    session: Session, settings: Settings, data: WaitlistCreate, now: datetime
) -> WaitlistEntry:
    """Store a new waiting family (with its waitlist consent) and return the entry."""
    entry = WaitlistEntry(
        reference=new_reference(REFERENCE_PREFIX),
        status=ENTRY_WAITING,
        contact_name=data.contact.name,
        contact_phone=data.contact.phone,
        contact_email=data.contact.email,
        children_ages=list(data.children_ages),
        topics=list(data.topics),
        preferred_weekdays=sorted(set(data.preferred_weekdays)),
        preferred_times=sorted(set(data.preferred_times)),
        language=data.language,
        conversation_language=data.conversation_language,
        consent_text_language=data.consent.text_language,
        consent_text_version=data.consent.text_version,
        consent_given_at=data.consent.given_at,
        created_at=now,
        expires_at=now + timedelta(days=settings.waitlist_days),
    )
    session.add(entry)
    session.commit()
    logger.info("waitlist.joined entry_id=%s", entry.id)
    return entry


def fits(entry: WaitlistEntry, slot: JointSlot, settings: Settings) -> bool:
    """Tell whether a slot matches the family's preferred weekdays and times of day."""
    local = slot.start_utc.astimezone(settings.zone)
    if entry.preferred_weekdays and local.weekday() not in entry.preferred_weekdays:
        return False
    part = "morning" if local.hour < 12 else "afternoon"
    return not entry.preferred_times or part in entry.preferred_times


def _anonymise(entry: WaitlistEntry, now: datetime) -> None:
    entry.contact_name = ERASED_NAME
    entry.contact_phone = None
    entry.contact_email = None
    entry.topics = []
    entry.language = None
    entry.anonymised_at = now


def expire(session: Session, now: datetime) -> int:
    """End offers past their time and entries past theirs (their data is erased)."""
    offers = session.scalars(
        select(WaitlistOffer).where(
            WaitlistOffer.status == OFFER_OPEN, WaitlistOffer.expires_at <= now
        )
    )
    holds = set()
    for offer in offers:
        offer.status = OFFER_EXPIRED
        if offer.hold_id:
            holds.add(offer.hold_id)
        if offer.entry.status == ENTRY_OFFERED:
            offer.entry.status = ENTRY_WAITING
    entries = list(
        session.scalars(
            select(WaitlistEntry).where(
                WaitlistEntry.status.in_([ENTRY_WAITING, ENTRY_OFFERED]),
                WaitlistEntry.expires_at <= now,
            )
        )
    )
    for entry in entries:
        entry.status = ENTRY_EXPIRED
        _anonymise(entry, now)
    session.commit()
    for hold_id in holds:
        _release_if_unoffered(session, hold_id, now)
    if entries:
        logger.info("waitlist.expired count=%s", len(entries))
    return len(entries)


def _release_if_unoffered(session: Session, hold_id: str, now: datetime) -> None:
    """Give a held slot back when none of its offers is open any more."""
    still_open = session.scalars(
        select(WaitlistOffer.id).where(
            WaitlistOffer.hold_id == hold_id, WaitlistOffer.status == OFFER_OPEN
        )
    ).first()
    if still_open is None:
        release_hold(session, now, hold_id)


def _offer_url(settings: Settings, token: str) -> str:
    return f"{settings.public_base_url.rstrip('/')}/warteliste/angebot/{token}"


def offer_free_slots(session: Session, settings: Settings, now: datetime) -> list[OutboxMessage]:
    """Offer each free joint slot to the first fitting waiting families; return the mails."""
    expire(session, now)
    waiting = list(
        session.scalars(
            select(WaitlistEntry)
            .where(WaitlistEntry.status == ENTRY_WAITING)
            .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
        )
    )
    if not waiting:
        return []
    offered_slots = set(
        session.scalars(select(WaitlistOffer.slot_id).where(WaitlistOffer.status == OFFER_OPEN))
    )
    tried = {
        (entry_id, slot_id)
        for entry_id, slot_id in session.execute(
            select(WaitlistOffer.entry_id, WaitlistOffer.slot_id)
        )
    }
    rows: list[OutboxMessage] = []
    for slot in list_joint_slots(session, settings, now, SLOT_SCAN_LIMIT):
        if slot.id in offered_slots:
            continue
        chosen = [
            entry
            for entry in waiting
            if entry.status == ENTRY_WAITING
            and (entry.id, slot.id) not in tried
            and fits(entry, slot, settings)
        ][: settings.waitlist_offer_count]
        if not chosen:
            continue
        # Held for as long as the offers last: a booking in the chat cannot take it.
        try:
            hold = create_hold(session, settings, now, slot.id, settings.waitlist_offer_minutes)
        except (SlotTakenError, SlotUnavailableError, SlotNotFoundError):
            session.rollback()
            continue  # taken since it was listed; the next run looks again
        mails = [_offer(session, settings, entry, slot, hold.id, now) for entry in chosen]
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # another worker made the same offers first
            release_hold(session, now, hold.id)
            continue
        rows += mails
    if rows:
        logger.info("waitlist.offered count=%s", len(rows))
    return rows


def _offer(
    session: Session,
    settings: Settings,
    entry: WaitlistEntry,
    slot: JointSlot,
    hold_id: str,
    now: datetime,
) -> OutboxMessage:
    token = secrets.token_urlsafe(32)
    until = now + timedelta(minutes=settings.waitlist_offer_minutes)
    session.add(
        WaitlistOffer(
            entry_id=entry.id,
            slot_id=slot.id,
            slot_start_utc=slot.start_utc,
            token_hash=hash_token(token),
            status=OFFER_OPEN,
            created_at=now,
            expires_at=until,
            hold_id=hold_id,
        )
    )
    entry.status = ENTRY_OFFERED
    url = _offer_url(settings, token)
    text = offer_mail(
        entry.contact_name, slot, until, settings.zone, url, entry.conversation_language
    )
    message = build_message(settings, entry.contact_email or "", entry.contact_name, text, None, "")
    return add_mail(session, message, booking=None, event=EVENT_OFFER, role=ROLE_FAMILY, now=now)


def get_open_offer(session: Session, token: str, now: datetime) -> WaitlistOffer:
    """Return the offer behind a link, or raise if it is unknown, used or expired."""
    offer = session.scalars(
        select(WaitlistOffer).where(WaitlistOffer.token_hash == hash_token(token))
    ).first()
    if offer is None:
        raise OfferUnavailableError()
    if offer.status == OFFER_TAKEN:
        raise OfferTakenError()
    if offer.status != OFFER_OPEN or offer.expires_at <= now:
        raise OfferUnavailableError()
    return offer


def accept(session: Session, settings: Settings, token: str, now: datetime) -> Booking:
    """Book the offered slot for the family; the first acceptance wins, the others are told."""
    offer = get_open_offer(session, token, now)
    entry = offer.entry
    details = {
        "children_ages": entry.children_ages,
        "topics": entry.topics,
        "contact": {
            "name": entry.contact_name,
            "phone": entry.contact_phone,
            "email": entry.contact_email,
        },
        "consent": {
            "text_version": entry.consent_text_version,
            "given_at": entry.consent_given_at,
            "channel": "chat",
            "text_language": entry.consent_text_language,
        },
        "language": entry.language,
        "conversation_language": entry.conversation_language,
    }
    offer_id, entry_id, slot_id, hold_id = offer.id, entry.id, offer.slot_id, offer.hold_id
    # Keyed by the offer: a second click after a lost answer gets the same booking.
    key = f"waitlist-offer-{offer_id}"
    try:
        if hold_id:
            # The slot was held for the offers: the first acceptance turns the hold into
            # the booking, every later one finds it used.
            data = BookingDetails.model_validate(details)
            result = confirm_hold(session, settings, now, hold_id, data, key)
        else:
            create = BookingCreate.model_validate({**details, "slot_id": slot_id})
            result = create_booking(session, settings, now, create, key)
    except (
        SlotTakenError,
        SlotUnavailableError,
        SlotNotFoundError,
        HoldUsedError,
        HoldExpiredError,
        HoldNotFoundError,
    ):
        session.rollback()
        _mark(session, offer_id, OFFER_TAKEN)
        logger.info("waitlist.offer_taken offer_id=%s", offer_id)
        raise OfferTakenError() from None
    booking = result.booking
    accepted = session.get(WaitlistOffer, offer_id)
    booked = session.get(WaitlistEntry, entry_id)
    assert accepted is not None and booked is not None
    accepted.status = OFFER_ACCEPTED
    booked.status = ENTRY_BOOKED
    booked.booking_id = booking.id
    # The family's data now lives in the booking; the waitlist keeps none of it.
    _anonymise(booked, now)
    mails = _tell_the_others(session, settings, slot_id, offer_id, now)
    session.commit()
    logger.info("waitlist.accepted entry_id=%s booking_id=%s", entry_id, booking.id)
    wake_worker(session, settings, mails)
    return booking


def _mark(session: Session, offer_id: int, status: str) -> None:
    offer = session.get(WaitlistOffer, offer_id)
    if offer is not None:
        offer.status = status
        if offer.entry.status == ENTRY_OFFERED:
            offer.entry.status = ENTRY_WAITING
        session.commit()


def _tell_the_others(
    session: Session, settings: Settings, slot_id: str, winner: int, now: datetime
) -> list[OutboxMessage]:
    others = session.scalars(
        select(WaitlistOffer).where(
            WaitlistOffer.slot_id == slot_id,
            WaitlistOffer.status == OFFER_OPEN,
            WaitlistOffer.id != winner,
        )
    )
    mails = []
    for offer in others:
        offer.status = OFFER_TAKEN
        entry = offer.entry
        entry.status = ENTRY_WAITING
        text = taken_mail(entry.contact_name, entry.conversation_language)
        message = build_message(
            settings, entry.contact_email or "", entry.contact_name, text, None, ""
        )
        mails.append(
            add_mail(session, message, booking=None, event=EVENT_TAKEN, role=ROLE_FAMILY, now=now)
        )
    return mails


def list_entries(session: Session) -> list[WaitlistEntry]:
    """Return the waiting and offered entries, oldest first (for the workspace)."""
    stmt = (
        select(WaitlistEntry)
        .where(WaitlistEntry.status.in_([ENTRY_WAITING, ENTRY_OFFERED]))
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    )
    return list(session.scalars(stmt))
