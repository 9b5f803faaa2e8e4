"""Errors raised while storing a booking."""

from appointments.errors import AppointmentsError


class SlotTakenError(AppointmentsError):
    """Someone else booked one of the two staff members at this time first."""

    def __init__(self) -> None:
        super().__init__(
            "Dieser Termin ist leider gerade vergeben worden. "
            "Bitte wählen Sie einen anderen Termin.",
            409,
            "slot_taken",
        )
