"""Write the e-mails of a booking event to the outbox (delivered later by the worker).

Nothing here talks to a mail server: the rows are added to the caller's session and go
into the database in the same commit as the change they announce, so a booking is never
lost for a mail and a mail is never lost for a crash.
"""

import logging
import unicodedata
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from sqlalchemy.orm import Session

from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.notify import ics
from appointments.notify.templates import (
    EVENT_BOOKED,
    EVENT_CANCELLED,
    EVENT_RESCHEDULED,
    MailText,
    duplicate_notice_mail,
    family_mail,
    staff_mail,
)
from appointments.outbox.models import ROLE_FAMILY, ROLE_JOBCENTER, ROLE_JUGENDAMT, OutboxMessage
from appointments.outbox.service import add_mail

__all__ = [
    "EVENT_BOOKED",
    "EVENT_CANCELLED",
    "EVENT_DUPLICATE",
    "EVENT_RESCHEDULED",
    "header_safe",
    "queue_booking_mails",
    "queue_duplicate_notice",
]

logger = logging.getLogger(__name__)

EVENT_DUPLICATE = "duplicate"


def header_safe(value: str) -> str:
    """Replace line breaks and other control characters by spaces.

    The API refuses them in a family's name, but staff names come from the seed file and
    the admin page: a header that cannot be written must never cost a saved booking.
    """
    cleaned = "".join(
        " " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in value
    )
    return " ".join(cleaned.split())


def build_message(
    settings: Settings, to: str, name: str, text: MailText, calendar: bytes | None, method: str
) -> EmailMessage:
    """Build one e-mail with its own Message-ID (kept on every delivery attempt)."""
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = formataddr((header_safe(name), header_safe(to)))
    message["Subject"] = header_safe(text.subject)
    message["Message-ID"] = make_msgid(domain="familienlotse")
    message.set_content(text.body)
    if calendar is not None:
        message.add_attachment(
            calendar,
            maintype="text",
            subtype="calendar",
            filename="termin.ics",
            params={"method": method},
        )
    return message


def queue_booking_mails(
    session: Session,
    settings: Settings,
    booking: Booking,
    event: str,
    manage_token: str | None,
    now: datetime,
) -> list[OutboxMessage]:
    """Add the e-mails of one event (both staff, the family) to the session's outbox."""
    method = "CANCEL" if event == EVENT_CANCELLED else "REQUEST"
    calendar = ics.calendar_of([booking], now, method)
    zone = settings.zone
    # The workspace page of the booking; the mail itself carries no contact data.
    workspace_url = (
        f"{settings.public_base_url.rstrip('/')}/arbeitsplatz/termine/{booking.reference}"
    )
    outgoing: list[tuple[str, str, str, MailText]] = []
    for role, member in (
        (ROLE_JUGENDAMT, booking.jugendamt_staff),
        (ROLE_JOBCENTER, booking.jobcenter_staff),
    ):
        if member.email:
            text = staff_mail(booking, event, zone, member.name, workspace_url)
            outgoing.append((role, member.email, member.name, text))
    if booking.contact_email:
        url = settings.manage_url(booking.reference, manage_token) if manage_token else None
        text = family_mail(booking, event, zone, url)
        outgoing.append((ROLE_FAMILY, booking.contact_email, booking.contact_name, text))
    rows = [
        add_mail(
            session,
            build_message(settings, address, name, text, calendar, method),
            booking=booking,
            event=event,
            role=role,
            now=now,
        )
        for role, address, name, text in outgoing
    ]
    logger.info("notify.mail.queued event=%s count=%s", event, len(rows))
    return rows


def queue_duplicate_notice(
    session: Session, settings: Settings, booking: Booking, address_pending: bool, now: datetime
) -> OutboxMessage | None:
    """Queue the notice to an earlier booking's contact about a new one (no ICS)."""
    if not booking.contact_email:
        return None
    text = duplicate_notice_mail(booking, settings.zone, address_pending)
    message = build_message(
        settings, booking.contact_email, booking.contact_name, text, None, "REQUEST"
    )
    return add_mail(
        session, message, booking=booking, event=EVENT_DUPLICATE, role=ROLE_FAMILY, now=now
    )
