"""Reminder and agenda e-mails, through the same gettext catalogue as every other mail.

The family's reminder comes in the booking's language (`conversation_language`, catalogue
appointments/locale/<code>/), followed by the binding German text; staff agendas are German.
"""

from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_date

from appointments.bookings.models import Booking
from appointments.i18n import LANGUAGE, _, family_texts
from appointments.languages import family_language
from appointments.notify.formatting import LOCALE, long_datetime, time_of_day
from appointments.notify.templates import (
    MailText,
    _closing,
    _details,
    _greeting,
    with_german_original,
)
from appointments.places import family_place


def family_reminder(booking: Booking, zone: ZoneInfo, manage_url: str) -> MailText:
    """Return the reminder to the family in its language: time, place, what to bring,
    manage link; a translated reminder ends with the binding German text."""
    language = family_language(booking.conversation_language)
    german = _family_reminder(booking, zone, manage_url)
    if language == LANGUAGE:
        return german
    with family_texts(language):
        return with_german_original(_family_reminder(booking, zone, manage_url), german)


def _family_reminder(booking: Booking, zone: ZoneInfo, manage_url: str) -> MailText:
    when = long_datetime(booking.start_utc, zone)
    body = (
        f"{_greeting(booking.contact_name)}\n\n"
        + _("This is a reminder of your joint appointment with the Jugendamt and the Jobcenter.")
        + "\n\n"
        + _details(booking, zone, for_family=True)
        + "\n"
        + _("What to bring:")
        + "\n- "
        + _("letters and notices from the offices that you have questions about")
        + "\n- "
        + _("if you like, a person who translates for you")
        + "\n\n"
        + _("If you cannot come, please cancel or move the appointment with this link:")
        + f"\n{manage_url}\n"
        + _("Please do not pass this link on. Anyone with the link can change your appointment.")
        + "\n\n"
        + _("The appointment is attached as a calendar file.")
        + "\n"
        + _closing()
    )
    return MailText(_("Reminder: your appointment on {when}").format(when=when), body)


def staff_agenda(
    name: str, day: date, bookings: list[Booking], zone: ZoneInfo, workspace_url: str
) -> MailText:
    """Return one staff member's agenda of the day (times and places, no family data)."""
    lines = [
        "- "
        + _("{start} to {end}: {place}, booking number {reference}").format(
            start=time_of_day(booking.start_utc, zone),
            end=time_of_day(booking.end_utc, zone),
            place=family_place(booking.location),
            reference=booking.reference,
        )
        for booking in bookings
    ]
    heading = format_date(day, "EEEE, d. MMMM y", locale=LOCALE)
    body = (
        f"{_greeting(name)}\n\n"
        + _("these are your joint appointments today:")
        + "\n\n"
        + "\n".join(lines)
        + "\n\n"
        + _("You will find the family's details in the staff appointment overview.")
        + f"\n{workspace_url}\n"
        + _closing()
    )
    return MailText(_("Your appointments on {day}").format(day=heading), body)
