"""Send booking notifications to both staff members and, if given, to the family."""

import logging
import smtplib
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.notify import ics, mailer
from appointments.notify.templates import (
    EVENT_BOOKED,
    EVENT_CANCELLED,
    EVENT_RESCHEDULED,
    MailText,
    duplicate_notice_mail,
    family_mail,
    staff_mail,
)

__all__ = [
    "EVENT_BOOKED",
    "EVENT_CANCELLED",
    "EVENT_RESCHEDULED",
    "notify_booking",
    "notify_duplicate",
]

logger = logging.getLogger(__name__)


def _message(
    settings: Settings, to: str, name: str, text: MailText, calendar: bytes
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = formataddr((name, to))
    message["Subject"] = text.subject
    message["Message-ID"] = make_msgid(domain="familienlotse")
    message.set_content(text.body)
    message.add_attachment(
        calendar,
        maintype="text",
        subtype="calendar",
        filename="termin.ics",
        params={"method": "REQUEST"},
    )
    return message


def notify_booking(
    settings: Settings, booking: Booking, event: str, manage_token: str | None
) -> int:
    """Send all e-mails for one event; failures are logged, never raised. Return mails sent."""
    now = datetime.now(timezone.utc)
    method = "CANCEL" if event == EVENT_CANCELLED else "REQUEST"
    calendar = ics.calendar_of([booking], now, method)
    zone = settings.zone
    outgoing: list[tuple[str, str, MailText]] = []
    # The workspace page of the booking; the mail itself carries no contact data.
    workspace_url = (
        f"{settings.public_base_url.rstrip('/')}/arbeitsplatz/termine/{booking.reference}"
    )
    for member in (booking.jugendamt_staff, booking.jobcenter_staff):
        if member.email:
            text = staff_mail(booking, event, zone, member.name, workspace_url)
            outgoing.append((member.email, member.name, text))
    if booking.contact_email:
        url = settings.manage_url(booking.reference, manage_token) if manage_token else None
        text = family_mail(booking, event, zone, url)
        outgoing.append((booking.contact_email, booking.contact_name, text))
    sent = 0
    for address, name, text in outgoing:
        message = _message(settings, address, name, text, calendar)
        if method == "CANCEL":
            message.get_payload()[1].set_param("method", "CANCEL")  # type: ignore[index,union-attr]
        try:
            mailer.deliver(settings, message)
        except (OSError, smtplib.SMTPException) as exc:
            # Never the address or the text: they are personal data.
            logger.error(
                "notify.mail.failed booking_id=%s event=%s error_type=%s",
                booking.id,
                event,
                type(exc).__name__,
            )
            continue
        sent += 1
    logger.info("notify.mail.sent booking_id=%s event=%s count=%s", booking.id, event, sent)
    return sent


def notify_duplicate(settings: Settings, booking: Booking, address_pending: bool) -> bool:
    """Tell the contact of an earlier booking about a new one with their details (no ICS)."""
    if not booking.contact_email:
        return False
    text = duplicate_notice_mail(booking, settings.zone, address_pending)
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = formataddr((booking.contact_name, booking.contact_email))
    message["Subject"] = text.subject
    message["Message-ID"] = make_msgid(domain="familienlotse")
    message.set_content(text.body)
    try:
        mailer.deliver(settings, message)
    except (OSError, smtplib.SMTPException) as exc:
        logger.error(
            "notify.duplicate.failed booking_id=%s error_type=%s", booking.id, type(exc).__name__
        )
        return False
    logger.info("notify.duplicate.sent booking_id=%s", booking.id)
    return True
