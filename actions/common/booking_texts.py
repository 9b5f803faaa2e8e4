"""Texts about a booking that several flows show (booking, changing a booking)."""

from __future__ import annotations

from actions import content
from actions.clients.appointments import Booking


def place_lines(booking: Booking) -> str:
    """ "Wo: …" without any unconfirmed detail, and how the exact address will come."""
    line = f"Wo: {content.family_place(booking.location)}\n"
    if booking.location_note:
        line += f"{booking.location_note}\n"
    return line
