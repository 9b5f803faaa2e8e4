"""Texts about a booking that several flows show (booking, changing a booking)."""

from __future__ import annotations

from actions import content
from actions.clients.appointments import Booking
from runtime.translations import SOURCE_LANGUAGE, tr


def place_lines(booking: Booking, language: str = SOURCE_LANGUAGE) -> str:
    """ "Wo: …" without any unconfirmed detail, and how the exact address will come."""
    place = content.family_place(booking.location)
    line = tr("Wo: {place}", language).format(place=place) + "\n"
    if booking.location_note:
        # The API writes this note in German; the place itself is a German address.
        line += f"{booking.location_note}\n"
    return line
