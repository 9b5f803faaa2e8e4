"""Offer and "already taken" e-mails to waiting families, from the gettext catalogue."""

from datetime import datetime
from zoneinfo import ZoneInfo

from appointments.availability.joint_slot import JointSlot
from appointments.i18n import _
from appointments.notify.formatting import long_datetime, time_of_day
from appointments.notify.templates import MailText, _closing, _greeting
from appointments.places import family_place


def offer_mail(name: str, slot: JointSlot, until: datetime, zone: ZoneInfo, url: str) -> MailText:
    """Offer one joint slot; the link holds it until `until`."""
    when = long_datetime(slot.start_utc, zone)
    body = (
        f"{_greeting(name)}\n\n"
        + _("a joint appointment with the Jugendamt and the Jobcenter has become free:")
        + "\n\n"
        + _("When: {start} to {end}").format(start=when, end=time_of_day(slot.end_utc, zone))
        + "\n"
        + _("Where: {location}").format(location=family_place(slot.location))
        + "\n\n"
        + _("If you want this appointment, please confirm it with this link by {until}:").format(
            until=long_datetime(until, zone)
        )
        + f"\n{url}\n"
        + _("We may offer this appointment to other families too. The first to confirm gets it.")
        + "\n"
        + _closing()
    )
    return MailText(_("A free appointment for you: {when}").format(when=when), body)


def taken_mail(name: str) -> MailText:
    """Tell a family that the slot offered to it went to another family."""
    body = (
        f"{_greeting(name)}\n\n"
        + _("the appointment we offered you has been booked by another family.")
        + "\n"
        + _("You stay on the waitlist. We will write to you when another appointment is free.")
        + "\n"
        + _closing()
    )
    return MailText(_("The offered appointment is taken"), body)
