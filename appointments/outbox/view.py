"""The delivery state of a booking's e-mails as staff read it (German, no addresses)."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from sqlalchemy.orm import Session

from appointments.i18n import N_, _
from appointments.outbox.models import (
    ROLE_FAMILY,
    ROLE_JOBCENTER,
    ROLE_JUGENDAMT,
    STATUS_FAILED,
    STATUS_RETRYING,
    STATUS_SENT,
    OutboxMessage,
)
from appointments.outbox.service import statuses_for_booking

_ROLES = {ROLE_FAMILY: N_("Family"), ROLE_JUGENDAMT: "Jugendamt", ROLE_JOBCENTER: "Jobcenter"}
_EVENTS = {
    "booked": N_("Booking"),
    "cancelled": N_("Cancellation"),
    "rescheduled": N_("New time"),
    "duplicate": N_("Notice of another booking"),
    "reminder": N_("Reminder"),
    "waitlist_offer": N_("Offer from the waitlist"),
    "waitlist_taken": N_("Offer taken by another family"),
}
_STATES = {
    STATUS_SENT: N_("sent"),
    STATUS_RETRYING: N_("being retried"),
    STATUS_FAILED: N_("failed"),
}
# pending and sending: the worker has it, nobody needs to act yet.
_WAITING = N_("waiting to be sent")
# Class names of the workspace's badges: a failed mail needs someone to act.
_BADGES = {STATUS_SENT: "badge", STATUS_RETRYING: "badge badge-hinweis", STATUS_FAILED: "badge"}


@dataclass(frozen=True)
class MailState:
    """One line of the booking view's "E-mail delivery" table."""

    recipient: str
    occasion: str
    state: str
    badge: str
    detail: str
    failed_to_family: bool


def _when(value: datetime, zone: ZoneInfo) -> str:
    return format_datetime(value, "dd.MM.y, HH:mm", tzinfo=zone, locale="de_DE")


def _detail(row: OutboxMessage, zone: ZoneInfo) -> str:
    if row.status == STATUS_SENT and row.sent_at:
        return _("on {when}").format(when=_when(row.sent_at, zone))
    if row.status == STATUS_RETRYING:
        return _("{count} attempts so far, next attempt {when}").format(
            count=row.attempts, when=_when(row.next_attempt_at, zone)
        )
    if row.status == STATUS_FAILED:
        return _("{count} attempts").format(count=row.attempts)
    return ""


def mail_states(session: Session, booking_id: int, zone: ZoneInfo) -> list[MailState]:
    """Return the delivery state of every e-mail of one booking, oldest first."""
    return [
        MailState(
            recipient=_(_ROLES.get(row.recipient_role, row.recipient_role)),
            occasion=_(_EVENTS.get(row.event, row.event)),
            state=_(_STATES.get(row.status, _WAITING)),
            badge=_BADGES.get(row.status, "badge"),
            detail=_detail(row, zone),
            failed_to_family=row.status == STATUS_FAILED and row.recipient_role == ROLE_FAMILY,
        )
        for row in statuses_for_booking(session, booking_id)
    ]
