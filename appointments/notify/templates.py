"""E-mail texts (formal "Sie", short sentences) from the German gettext catalogue.

Every text goes through `_()`/`N_()` with an English msgid; the German wording lives in
`appointments/locale/de/LC_MESSAGES/messages.po`. Dates are formatted by Babel.
"""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from appointments.bookings.models import Booking
from appointments.i18n import LANGUAGE, N_, _, family_texts
from appointments.languages import family_language
from appointments.notify.formatting import long_datetime, time_of_day
from appointments.places import (
    family_address_note,
    family_place,
    pending_for,
    staff_address_note,
)

EVENT_BOOKED = "booked"
EVENT_CANCELLED = "cancelled"
EVENT_RESCHEDULED = "rescheduled"

_FAMILY_SUBJECTS = {
    EVENT_BOOKED: N_("Your appointment with the Jugendamt and Jobcenter: {when}"),
    EVENT_CANCELLED: N_("Your appointment on {when} is cancelled"),
    EVENT_RESCHEDULED: N_("Your appointment has been moved: {when}"),
}
_FAMILY_INTROS = {
    EVENT_BOOKED: N_("Your joint appointment with the Jugendamt and the Jobcenter is booked."),
    EVENT_CANCELLED: N_(
        "Your joint appointment with the Jugendamt and the Jobcenter is cancelled."
    ),
    EVENT_RESCHEDULED: N_("Your joint appointment has a new time. This is the new appointment:"),
}
_STAFF_SUBJECTS = {
    EVENT_BOOKED: N_("New joint appointment: {when}"),
    EVENT_CANCELLED: N_("Cancelled: joint appointment on {when}"),
    EVENT_RESCHEDULED: N_("Moved: joint appointment, now on {when}"),
}
_STAFF_INTROS = {
    EVENT_BOOKED: N_(
        "a family has booked a joint appointment with the Jugendamt and the Jobcenter."
    ),
    EVENT_CANCELLED: N_("this joint appointment is cancelled. The time is free again."),
    EVENT_RESCHEDULED: N_("this joint appointment has been moved. This is the new time:"),
}


@dataclass(frozen=True)
class MailText:
    """Subject and plain-text body of one e-mail."""

    subject: str
    body: str


def _details(
    booking: Booking, zone: ZoneInfo, for_family: bool = False, pending: bool | None = None
) -> str:
    start = long_datetime(booking.start_utc, zone)
    end = time_of_day(booking.end_utc, zone)
    # A family never reads an unconfirmed detail of the place; both sides learn how the
    # exact address reaches the family instead.
    place = family_place(booking.location) if for_family else booking.location
    lines = [
        _("When: {start} to {end}").format(start=start, end=end),
        _("Where: {location}").format(location=place),
        _("With: {jugendamt} (Jugendamt) and {jobcenter} (Jobcenter)").format(
            jugendamt=booking.jugendamt_staff.name, jobcenter=booking.jobcenter_staff.name
        ),
        _("Booking number: {reference}").format(reference=booking.reference),
    ]
    if pending is None:
        pending = pending_for(booking, booking.location)
    if booking.status != "cancelled" and pending:
        lines.append(family_address_note() if for_family else staff_address_note())
    return "".join(f"{line}\n" for line in lines)


def _reason(booking: Booking, event: str) -> str:
    # Everyone learns why an appointment was cancelled, by staff or by the family.
    if event != EVENT_CANCELLED or not booking.status_reason:
        return ""
    return _("Reason: {reason}").format(reason=booking.status_reason) + "\n\n"


def _greeting(name: str) -> str:
    return _("Hello {name},").format(name=name)


def _closing() -> str:
    # Not inside an f-string: the catalogue test extracts only plain _() calls.
    return "\n" + _("Kind regards") + "\n" + _("Your Familienlotse") + "\n"


def family_mail(booking: Booking, event: str, zone: ZoneInfo, manage_url: str | None) -> MailText:
    """Return the e-mail to the family in its language; `manage_url` leads to its page."""
    language = family_language(booking.conversation_language)
    german = _family_mail(booking, event, zone, manage_url)
    if language == LANGUAGE:
        return german
    with family_texts(language):
        translated = _family_mail(booking, event, zone, manage_url)
        return with_german_original(translated, german)


def with_german_original(translated: MailText, german: MailText) -> MailText:
    """The translated mail, followed by the German one: the German text is binding."""
    notice = _("This text is a translation. The German text is binding:")
    return MailText(translated.subject, f"{translated.body}\n----\n{notice}\n\n{german.body}")


def _family_mail(booking: Booking, event: str, zone: ZoneInfo, manage_url: str | None) -> MailText:
    when = long_datetime(booking.start_utc, zone)
    body = f"{_greeting(booking.contact_name)}\n\n{_(_FAMILY_INTROS[event])}\n\n"
    body += _reason(booking, event) + _details(booking, zone, for_family=True)
    if manage_url and event != EVENT_CANCELLED:
        body += (
            "\n"
            + _(
                "With this link you can see your appointment. Until it starts, you can also "
                "move it there to another free time or cancel it:"
            )
            + f"\n{manage_url}\n"
            + _(
                "Please do not pass this link on. Anyone with the link can change your appointment."
            )
            + "\n"
        )
    if event == EVENT_CANCELLED:
        body += "\n" + _("You can book a new appointment in the chat at any time.") + "\n"
    else:
        body += "\n" + _("The appointment is attached as a calendar file.") + "\n"
    body += _closing()
    return MailText(_(_FAMILY_SUBJECTS[event]).format(when=when), body)


def staff_mail(
    booking: Booking, event: str, zone: ZoneInfo, name: str, workspace_url: str
) -> MailText:
    """Return the e-mail to one staff member (no contact data of the family)."""
    when = long_datetime(booking.start_utc, zone)
    body = (
        f"{_greeting(name)}\n\n{_(_STAFF_INTROS[event])}\n\n"
        + _reason(booking, event)
        + f"{_details(booking, zone)}\n"
        + _("You will find the family's details in the staff appointment overview.")
        + f"\n{workspace_url}\n"
        + _closing()
    )
    return MailText(_(_STAFF_SUBJECTS[event]).format(when=when), body)


def duplicate_notice_mail(booking: Booking, zone: ZoneInfo, address_pending: bool) -> MailText:
    """Tell the contact of an earlier booking that another one uses their phone or e-mail.

    It goes to the earlier booking's own address only, so whoever made the new booking
    learns nothing about it. `address_pending` is decided while the booking still has its
    session (the mail is rendered into the outbox with the duplicate flags). Written in
    that booking's language.
    """
    language = family_language(booking.conversation_language)
    german = _duplicate_notice_mail(booking, zone, address_pending)
    if language == LANGUAGE:
        return german
    with family_texts(language):
        translated = _duplicate_notice_mail(booking, zone, address_pending)
        return with_german_original(translated, german)


def _duplicate_notice_mail(booking: Booking, zone: ZoneInfo, address_pending: bool) -> MailText:
    body = (
        f"{_greeting(booking.contact_name)}\n\n"
        + _("Another joint appointment has been booked with your phone number or e-mail address.")
        + "\n\n"
        + _("Your appointment stays as it is:")
        + "\n\n"
        + _details(booking, zone, for_family=True, pending=address_pending)
        + "\n"
        + _(
            "If you need only one appointment or did not book the other one, please tell us. "
            "The team will contact you if necessary."
        )
        + "\n"
        + _closing()
    )
    return MailText(_("Another appointment with your contact details"), body)
