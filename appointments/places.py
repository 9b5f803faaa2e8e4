"""What a family may see of a consultation place: never a detail that is not confirmed.

A place's display text is copied into each booking. Older data (and careless input) can
carry a marker such as "Große Straße (Hausnummer zu bestätigen)": such a part is dropped
before the text reaches a family (chat, e-mail, calendar file, /termin pages). When the
street address of an in-person place is not confirmed, families are told how they will get
it instead, and staff are asked to send it.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from appointments.availability.models import KIND_IN_PERSON, Location
from appointments.i18n import _

# Words that mark a value as not confirmed; a test searches family texts for the same list.
UNCONFIRMED = re.compile(
    r"zu[ _]best(?:ä|ae)tigen|unbest(?:ä|ae)tigt|noch offen|\bTODO\b|\bTBD\b|\bXXX\b", re.I
)


def has_placeholder(text: str | None) -> bool:
    """True when the text carries a marker of an unconfirmed value."""
    return bool(text and UNCONFIRMED.search(text))


def family_place(text: str) -> str:
    """The place without the comma-separated parts that are marked as not confirmed."""
    kept = [part.strip() for part in text.split(",") if not has_placeholder(part)]
    return ", ".join(part for part in kept if part)


def address_pending(session: Session | None, place: str) -> bool:
    """True when the families of this place still need its exact street address.

    That is when the booked text carries a marker, or when the configured in-person place
    of that name has no confirmed address (`locations.address` is empty).
    """
    if has_placeholder(place):
        return True
    if session is None:
        return False
    location = session.scalars(select(Location).where(Location.name == place)).first()
    return location is not None and location.kind == KIND_IN_PERSON and not location.address


def pending_for(record: object, place: str) -> bool:
    """`address_pending` for a loaded booking or hold (its own session)."""
    return address_pending(object_session(record), place)


def family_address_note() -> str:
    """How a family gets the exact address when it is not confirmed yet."""
    return _(
        "The exact address is not confirmed yet. The staff will send it to you before the "
        "appointment by e-mail, or tell you by phone."
    )


def staff_address_note() -> str:
    """What staff must do when the place's address is not confirmed yet."""
    return _(
        "The exact address of the place is not confirmed yet. Please send it to the family "
        "before the appointment."
    )
