"""Plan the reminders that are due and the staff agendas; write them to the outbox.

The worker calls `plan_reminders` every few minutes. A reminder belongs to one version of
a booking (its `sequence`): cancelled bookings get none, a moved booking gets its
reminders for the new time, and the unique (booking, kind, sequence) row keeps two
workers from sending the same reminder twice.
"""

import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.bookings.models import STATUS_CONFIRMED, Booking
from appointments.bookings.tokens import hash_token, token_matches
from appointments.config import Settings
from appointments.notify import ics
from appointments.notify.service import build_message
from appointments.outbox.models import ROLE_FAMILY, ROLE_JOBCENTER, ROLE_JUGENDAMT, OutboxMessage
from appointments.outbox.service import add_mail
from appointments.reminders.models import BookingReminder, StaffAgendaSubscription
from appointments.reminders.offsets import parse_offsets
from appointments.reminders.texts import family_reminder, staff_agenda
from appointments.staff.models import StaffMember

logger = logging.getLogger(__name__)

EVENT_REMINDER = "reminder"
EVENT_AGENDA = "agenda"
# A reminder found later than this (worker down for long) is dropped, not sent late.
STALE_AFTER = timedelta(hours=12)


def reminder_token_matches(session: Session, booking: Booking, token: str) -> bool:
    """Tell whether the token is the manage link of one of the booking's reminders."""
    if booking.manage_token_hash is None:  # erased: no link works any more
        return False
    hashes = session.scalars(
        select(BookingReminder.token_hash).where(BookingReminder.booking_id == booking.id)
    )
    return any(token_matches(token, stored) for stored in hashes)


def _due_kinds(settings: Settings, booking: Booking, now: datetime) -> list[str]:
    zone = settings.zone
    kinds = []
    for offset in parse_offsets(settings.reminder_offsets):
        due = offset.due_at(booking.start_utc, zone, settings.reminder_morning_hour)
        # Not before it is due, not after the meeting began, not stale, and never one that
        # was already due when the family booked (they have just read the confirmation).
        if due <= now < booking.start_utc and now - due <= STALE_AFTER and due > booking.created_at:
            kinds.append(offset.kind)
    return kinds


def plan_reminders(session: Session, settings: Settings, now: datetime) -> list[OutboxMessage]:
    """Write every reminder that is due now to the outbox (one commit); return the rows."""
    offsets = parse_offsets(settings.reminder_offsets)
    if not offsets:
        return []
    longest = max((o.before for o in offsets if o.before is not None), default=timedelta(0))
    stmt = select(Booking).where(
        Booking.status == STATUS_CONFIRMED,
        Booking.contact_email.is_not(None),
        Booking.start_utc > now,
        Booking.start_utc <= now + longest + timedelta(days=1),
    )
    rows: list[OutboxMessage] = []
    for booking in session.scalars(stmt):
        done = set(
            session.scalars(
                select(BookingReminder.kind).where(
                    BookingReminder.booking_id == booking.id,
                    BookingReminder.sequence == booking.sequence,
                )
            )
        )
        for kind in _due_kinds(settings, booking, now):
            if kind not in done:
                rows.append(_queue_reminder(session, settings, booking, kind, now))
    try:
        session.commit()
    except IntegrityError:
        # Another worker planned the same reminders first: they go out once, from there.
        session.rollback()
        logger.info("reminders.planned_elsewhere")
        return []
    if rows:
        logger.info("reminders.planned count=%s", len(rows))
    return rows


def _queue_reminder(
    session: Session, settings: Settings, booking: Booking, kind: str, now: datetime
) -> OutboxMessage:
    token = secrets.token_urlsafe(32)
    session.add(
        BookingReminder(
            booking_id=booking.id,
            kind=kind,
            sequence=booking.sequence,
            token_hash=hash_token(token),
            created_at=now,
        )
    )
    text = family_reminder(booking, settings.zone, settings.manage_url(booking.reference, token))
    calendar = ics.calendar_of([booking], now, "REQUEST")
    message = build_message(
        settings, booking.contact_email or "", booking.contact_name, text, calendar, "REQUEST"
    )
    return add_mail(
        session, message, booking=booking, event=EVENT_REMINDER, role=ROLE_FAMILY, now=now
    )


def plan_agendas(session: Session, settings: Settings, now: datetime) -> list[OutboxMessage]:
    """Write today's agenda for every subscribed staff member, once a day after agenda_hour."""
    local = now.astimezone(settings.zone)
    if local.hour < settings.agenda_hour:
        return []
    today = local.date()
    day_start = datetime.combine(today, datetime.min.time(), tzinfo=settings.zone)
    day_end = day_start + timedelta(days=1)
    workspace_url = f"{settings.public_base_url.rstrip('/')}/arbeitsplatz/"
    rows: list[OutboxMessage] = []
    subscriptions = session.scalars(
        select(StaffAgendaSubscription).where(
            (StaffAgendaSubscription.last_sent_day.is_(None))
            | (StaffAgendaSubscription.last_sent_day != today.isoformat())
        )
    )
    for subscription in subscriptions:
        subscription.last_sent_day = today.isoformat()
        member = session.get(StaffMember, subscription.staff_id)
        if member is None or not member.email:
            continue
        bookings = list(
            session.scalars(
                select(Booking)
                .where(
                    Booking.status == STATUS_CONFIRMED,
                    Booking.start_utc >= day_start,
                    Booking.start_utc < day_end,
                    (Booking.jugendamt_staff_id == member.id)
                    | (Booking.jobcenter_staff_id == member.id),
                )
                .order_by(Booking.start_utc)
            )
        )
        if not bookings:
            continue  # no mail on a day without appointments
        text = staff_agenda(member.name, today, bookings, settings.zone, workspace_url)
        message = build_message(settings, member.email, member.name, text, None, "REQUEST")
        role = ROLE_JUGENDAMT if bookings[0].jugendamt_staff_id == member.id else ROLE_JOBCENTER
        rows.append(
            add_mail(session, message, booking=None, event=EVENT_AGENDA, role=role, now=now)
        )
    session.commit()
    if rows:
        logger.info("agenda.planned count=%s", len(rows))
    return rows


def set_agenda_subscription(session: Session, staff_id: int, wanted: bool, now: datetime) -> None:
    """Turn one staff member's daily agenda on or off (commits)."""
    current = session.get(StaffAgendaSubscription, staff_id)
    if wanted and current is None:
        session.add(StaffAgendaSubscription(staff_id=staff_id, created_at=now))
    elif not wanted and current is not None:
        session.delete(current)
    session.commit()
    logger.info("agenda.subscription staff_id=%s on=%s", staff_id, wanted)
