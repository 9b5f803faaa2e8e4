"""Errors raised while holding, storing or changing a booking (German, user-safe)."""

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


class HoldNotFoundError(AppointmentsError):
    """The hold id is unknown."""

    def __init__(self) -> None:
        super().__init__(
            "Diese Reservierung gibt es nicht. Bitte wählen Sie einen Termin aus.",
            404,
            "hold_not_found",
        )


class HoldExpiredError(AppointmentsError):
    """The hold ran out before it was confirmed."""

    def __init__(self) -> None:
        super().__init__(
            "Die Reservierung ist abgelaufen. Bitte wählen Sie den Termin noch einmal aus.",
            409,
            "hold_expired",
        )


class HoldUsedError(AppointmentsError):
    """The hold was already turned into a booking."""

    def __init__(self) -> None:
        super().__init__(
            "Diese Reservierung wurde schon bestätigt. Sie ist bereits ein gebuchter Termin.",
            409,
            "hold_already_confirmed",
        )


class BookingNotFoundError(AppointmentsError):
    """Unknown reference or wrong manage token (deliberately the same answer)."""

    def __init__(self) -> None:
        super().__init__(
            "Wir haben keine Buchung zu diesen Angaben gefunden. Bitte prüfen Sie die "
            "Buchungsnummer und den Link aus Ihrer Bestätigung.",
            404,
            "booking_not_found",
        )


class BookingNotChangeableError(AppointmentsError):
    """The booking is cancelled, past or already closed by staff."""

    def __init__(self) -> None:
        super().__init__(
            "Dieser Termin kann nicht mehr geändert werden. Er ist abgesagt oder schon vorbei.",
            409,
            "booking_not_changeable",
        )


class StatusChangeNotAllowedError(AppointmentsError):
    """Only confirmed bookings can be set to attended, no_show or cancelled."""

    def __init__(self) -> None:
        super().__init__(
            "Dieser Status kann nicht gesetzt werden. Nur bestätigte Termine können als "
            "wahrgenommen, nicht erschienen oder abgesagt markiert werden.",
            409,
            "status_change_not_allowed",
        )


class IdempotencyKeyReusedError(AppointmentsError):
    """The same Idempotency-Key came with a different request body."""

    def __init__(self) -> None:
        super().__init__(
            "Dieser Idempotency-Key wurde schon für eine andere Anfrage verwendet.",
            422,
            "idempotency_key_reused",
        )
