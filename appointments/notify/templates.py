"""German e-mail texts (formal "Sie", short sentences); dates formatted by Babel."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from appointments.bookings.models import Booking
from appointments.notify.formatting import long_datetime, time_of_day

EVENT_BOOKED = "booked"
EVENT_CANCELLED = "cancelled"
EVENT_RESCHEDULED = "rescheduled"

_FAMILY_SUBJECTS = {
    EVENT_BOOKED: "Ihr Termin beim Jugendamt und Jobcenter: {when}",
    EVENT_CANCELLED: "Ihr Termin am {when} ist abgesagt",
    EVENT_RESCHEDULED: "Ihr Termin wurde verschoben: {when}",
}
_FAMILY_INTROS = {
    EVENT_BOOKED: "Ihr gemeinsamer Termin mit dem Jugendamt und dem Jobcenter ist gebucht.",
    EVENT_CANCELLED: "Ihr gemeinsamer Termin mit dem Jugendamt und dem Jobcenter ist abgesagt.",
    EVENT_RESCHEDULED: "Ihr gemeinsamer Termin hat eine neue Zeit. Das ist der neue Termin:",
}
_STAFF_SUBJECTS = {
    EVENT_BOOKED: "Neuer gemeinsamer Termin: {when}",
    EVENT_CANCELLED: "Abgesagt: gemeinsamer Termin am {when}",
    EVENT_RESCHEDULED: "Verschoben: gemeinsamer Termin, jetzt am {when}",
}
_STAFF_INTROS = {
    EVENT_BOOKED: "eine Familie hat einen gemeinsamen Termin von Jugendamt und Jobcenter gebucht.",
    EVENT_CANCELLED: "dieser gemeinsame Termin ist abgesagt. Die Zeit ist wieder frei.",
    EVENT_RESCHEDULED: "dieser gemeinsame Termin wurde verschoben. Das ist die neue Zeit:",
}


@dataclass(frozen=True)
class MailText:
    """Subject and plain-text body of one e-mail."""

    subject: str
    body: str


def _details(booking: Booking, zone: ZoneInfo) -> str:
    when = long_datetime(booking.start_utc, zone)
    until = time_of_day(booking.end_utc, zone)
    return (
        f"Wann: {when} bis {until}\n"
        f"Wo: {booking.location}\n"
        f"Mit: {booking.jugendamt_staff.name} (Jugendamt) und "
        f"{booking.jobcenter_staff.name} (Jobcenter)\n"
        f"Buchungsnummer: {booking.reference}\n"
    )


def family_mail(booking: Booking, event: str, zone: ZoneInfo, manage_url: str | None) -> MailText:
    """Return the e-mail to the family."""
    when = long_datetime(booking.start_utc, zone)
    body = (
        f"Guten Tag {booking.contact_name},\n\n{_FAMILY_INTROS[event]}\n\n{_details(booking, zone)}"
    )
    if manage_url and event != EVENT_CANCELLED:
        body += (
            "\nÜber diesen Link können Sie den Termin ansehen, verschieben oder absagen:\n"
            f"{manage_url}\n"
            "Bitte geben Sie den Link nicht weiter.\n"
        )
    if event == EVENT_CANCELLED:
        body += "\nSie können jederzeit einen neuen Termin im Chat buchen.\n"
    else:
        body += "\nIm Anhang finden Sie den Termin als Kalenderdatei.\n"
    body += "\nFreundliche Grüße\nIhr Familienlotse\n"
    return MailText(_FAMILY_SUBJECTS[event].format(when=when), body)


def staff_mail(booking: Booking, event: str, zone: ZoneInfo, name: str) -> MailText:
    """Return the e-mail to one staff member (no contact data of the family)."""
    when = long_datetime(booking.start_utc, zone)
    body = (
        f"Guten Tag {name},\n\n{_STAFF_INTROS[event]}\n\n{_details(booking, zone)}\n"
        "Die Angaben der Familie finden Sie in der Terminübersicht für Mitarbeitende.\n"
        "\nFreundliche Grüße\nIhr Familienlotse\n"
    )
    return MailText(_STAFF_SUBJECTS[event].format(when=when), body)
