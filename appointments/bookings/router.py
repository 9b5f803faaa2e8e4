"""HTTP endpoints for families: book, hold → confirm, view, cancel and reschedule."""

from fastapi import APIRouter, Response, status

from appointments.bookings import check as family_check
from appointments.bookings import manage
from appointments.bookings.holds import confirm_hold, create_hold, release_hold
from appointments.bookings.idempotency import BookingResult
from appointments.bookings.schemas import (
    BookingCreate,
    BookingCreated,
    BookingDetails,
    BookingFamilyView,
    BookingPublic,
    CheckIn,
    CheckReschedule,
    HoldPublic,
    SlotChoice,
)
from appointments.bookings.service import create_booking
from appointments.config import Settings
from appointments.deps import (
    IdempotencyKey,
    ManageToken,
    NowDep,
    ServiceCall,
    SessionDep,
    SettingsDep,
)
from appointments.rate_limits import BookingsLimit, ChecksLimit, HoldsLimit

router = APIRouter(tags=["Termine"])


def _created(result: BookingResult, settings: Settings, response: Response) -> BookingCreated:
    if result.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    url = settings.manage_url(result.booking.reference, result.manage_token)
    return BookingCreated.with_token(result.booking, result.manage_token, url)


@router.post(
    "/bookings",
    response_model=BookingCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Gemeinsamen Termin buchen",
)
def post_booking(
    _service: ServiceCall,
    _limit: BookingsLimit,
    data: BookingCreate,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> BookingCreated:
    """Book a joint slot; 409 if it was taken in the meantime. Returns the manage token once."""
    result = create_booking(session, settings, now, data, idempotency_key)
    return _created(result, settings, response)


@router.post(
    "/holds",
    response_model=HoldPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Termin kurz reservieren",
)
def post_hold(
    _service: ServiceCall,
    _limit: HoldsLimit,
    data: SlotChoice,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> HoldPublic:
    """Reserve a joint slot for `hold_minutes`; 409 if it is booked or reserved."""
    return HoldPublic.of(create_hold(session, settings, now, data.slot_id))


@router.delete(
    "/holds/{hold_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Reservierung freigeben",
)
def delete_hold(
    _service: ServiceCall, _limit: HoldsLimit, hold_id: str, session: SessionDep, now: NowDep
) -> Response:
    """Free a held slot before it runs out; unknown or confirmed holds change nothing."""
    release_hold(session, now, hold_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/holds/{hold_id}/confirm",
    response_model=BookingCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Reservierung als Buchung bestätigen",
)
def post_hold_confirm(
    _service: ServiceCall,
    _limit: BookingsLimit,
    hold_id: str,
    data: BookingDetails,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> BookingCreated:
    """Turn a live hold into a booking; 409 if expired or already confirmed."""
    result = confirm_hold(session, settings, now, hold_id, data, idempotency_key)
    return _created(result, settings, response)


@router.get(
    "/bookings/{reference}", response_model=BookingFamilyView, summary="Eigene Buchung ansehen"
)
def get_own_booking(reference: str, token: ManageToken, session: SessionDep) -> BookingFamilyView:
    """Show a booking to the family (reference + manage token)."""
    booking = manage.get_by_reference_and_token(session, reference, token)
    return BookingFamilyView.of_booking(booking)


@router.post(
    "/bookings/{reference}/cancel",
    response_model=BookingFamilyView,
    summary="Eigene Buchung absagen",
)
def post_own_cancel(
    reference: str, token: ManageToken, session: SessionDep, settings: SettingsDep, now: NowDep
) -> BookingFamilyView:
    """Cancel the booking; both staff members become free again."""
    booking = manage.get_by_reference_and_token(session, reference, token)
    booking = manage.cancel_booking(
        session, settings, booking, now, manage.FAMILY_CANCEL_REASON, manage_token=token
    )
    return BookingFamilyView.of_booking(booking)


@router.post(
    "/bookings/{reference}/reschedule",
    response_model=BookingFamilyView,
    summary="Eigene Buchung verschieben",
)
def post_own_reschedule(
    reference: str,
    data: SlotChoice,
    token: ManageToken,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> BookingFamilyView:
    """Move the booking to another joint slot (all or nothing); 409 if that slot is taken."""
    booking = manage.get_by_reference_and_token(session, reference, token)
    booking = manage.reschedule_booking(session, settings, booking, now, data.slot_id, token)
    return BookingFamilyView.of_booking(booking)


@router.post(
    "/bookings/{reference}/check",
    response_model=BookingPublic,
    summary="Eigene Buchung mit Prüfangabe ansehen",
)
def post_check(
    _limit: ChecksLimit, reference: str, data: CheckIn, session: SessionDep, now: NowDep
) -> BookingPublic:
    """Show the booking for reference + check (last 4 phone digits or e-mail); 429 when locked.

    Without contact data or children's ages: four digits are a weak secret, so a guessed
    check must not reveal more than the date the family is about to change.
    """
    booking = family_check.get_by_reference_and_check(session, reference, data.check, now)
    return BookingPublic.of(booking)


@router.post(
    "/bookings/{reference}/check/cancel",
    response_model=BookingPublic,
    summary="Eigene Buchung mit Prüfangabe absagen",
)
def post_check_cancel(
    _limit: ChecksLimit,
    reference: str,
    data: CheckIn,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> BookingPublic:
    """Cancel like the token route; the mail carries no manage link (no token is known here)."""
    booking = family_check.get_by_reference_and_check(session, reference, data.check, now)
    booking = manage.cancel_booking(
        session, settings, booking, now, manage.FAMILY_CANCEL_REASON, manage_token=None
    )
    return BookingPublic.of(booking)


@router.post(
    "/bookings/{reference}/check/reschedule",
    response_model=BookingPublic,
    summary="Eigene Buchung mit Prüfangabe verschieben",
)
def post_check_reschedule(
    _limit: ChecksLimit,
    reference: str,
    data: CheckReschedule,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> BookingPublic:
    """Move the booking to another joint slot (all or nothing); 409 if that slot is taken."""
    booking = family_check.get_by_reference_and_check(session, reference, data.check, now)
    booking = manage.reschedule_booking(session, settings, booking, now, data.slot_id, None)
    return BookingPublic.of(booking)
