"""Offer and "already taken" e-mails to waiting families, from the gettext catalogue.

Each mail comes in the language the family chatted in when it joined the waitlist
(`WaitlistEntry.language`), followed by the binding German text.
"""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from appointments.availability.joint_slot import JointSlot
from appointments.i18n import LANGUAGE, _, family_texts
from appointments.languages import family_language
from appointments.notify.formatting import long_datetime, time_of_day
from appointments.notify.templates import MailText, _closing, _greeting, with_german_original
from appointments.places import family_place


def _in_language(language: str | None, write: Callable[[], MailText]) -> MailText:
    """The mail in the family's language, the binding German text below a translation."""
    code = family_language(language)
    german = write()
    if code == LANGUAGE:
        return german
    with family_texts(code):
        return with_german_original(write(), german)


def offer_mail(
    name: str,
    slot: JointSlot,
    until: datetime,
    zone: ZoneInfo,
    url: str,
    language: str | None = None,
) -> MailText:
    """Offer one joint slot; the link holds it until `until`."""
    return _in_language(language, lambda: _offer_mail(name, slot, until, zone, url))


def taken_mail(name: str, language: str | None = None) -> MailText:
    """Tell a family that the slot offered to it went to another family."""
    return _in_language(language, lambda: _taken_mail(name))


def _offer_mail(name: str, slot: JointSlot, until: datetime, zone: ZoneInfo, url: str) -> MailText:
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


def _taken_mail(name: str) -> MailText:
    body = (
        f"{_greeting(name)}\n\n"
        + _("the appointment we offered you has been booked by another family.")
        + "\n"
        + _("You stay on the waitlist. We will write to you when another appointment is free.")
        + "\n"
        + _closing()
    )
    return MailText(_("The offered appointment is taken"), body)
