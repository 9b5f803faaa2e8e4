"""Errors raised when a requested slot does not exist or cannot be booked."""

from appointments.errors import AppointmentsError


class SlotNotFoundError(AppointmentsError):
    """The slot id is malformed or names staff that do not exist."""

    def __init__(self) -> None:
        super().__init__(
            "Diesen Termin gibt es nicht. Bitte wählen Sie einen der angebotenen Termine.",
            404,
            "slot_not_found",
        )


class SlotUnavailableError(AppointmentsError):
    """The slot is in the past, outside the booking window or the staff are not available."""

    def __init__(self) -> None:
        super().__init__(
            "Dieser Termin kann nicht gebucht werden. Bitte wählen Sie einen der angebotenen "
            "Termine.",
            422,
            "slot_unavailable",
        )
